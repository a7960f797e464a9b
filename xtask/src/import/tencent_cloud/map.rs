//! The catalogue's structures and members as spec types and fields (the mapping is documented
//! in `api-spec/README.md`, "Imported providers").

use std::collections::{BTreeMap, BTreeSet};

use bindery_codegen::naming;

use super::ImportError;
use super::catalogue::{Api, Member, Object};
use super::curated;
use super::naming::{rust_name, type_name};
use super::output::{Docs, Field, Type};
use crate::import::doc_text::to_text;

/// The member every response ends with: the envelope's request id, not a result field.
pub const REQUEST_ID: &str = "RequestId";

/// Where a structure is used, which decides what `required` means for its members.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Side {
    /// Sent: a member is required when the catalogue says `required`.
    Request,
    /// Received: a member is required only when the catalogue says it is always sent
    /// (`output_required`) and never `null` (`value_allowed_null: false`); anything else may
    /// be missing or `null` on the wire, so it is an `Option`.
    Response,
    /// Both: required only when both rules say so.
    Both,
    /// An action's own response structure: as [`Side::Response`], without `RequestId` (the
    /// envelope's, which every response ends with).
    Result,
}

impl Side {
    fn of_usage(usage: &str) -> Option<Self> {
        match usage {
            "in" => Some(Side::Request),
            "out" => Some(Side::Response),
            "both" => Some(Side::Both),
            _ => None,
        }
    }

    fn required(self, member: &Member) -> bool {
        let sent = member.required == Some(true);
        let received =
            member.output_required == Some(true) && member.value_allowed_null != Some(true);
        match self {
            Side::Request => sent,
            Side::Response | Side::Result => received,
            Side::Both => sent && received,
        }
    }

    /// Whether the spec says the member may be `null`: the catalogue's `value_allowed_null`
    /// on a member the client reads. Only ever on an optional field (a member the catalogue
    /// lets be `null` is never required, see [`Side::required`]), where it documents what
    /// the vendor sends and decodes as before: the catalogue's `output_required` is not
    /// reliable enough to make a missing key an error that answers decoding today would meet.
    fn nullable(self, member: &Member) -> bool {
        self != Side::Request && member.value_allowed_null == Some(true)
    }
}

/// Names of the catalogue's shared structures and the spec names they get.
pub struct Names<'a> {
    api: &'a Api,
    spec: BTreeMap<&'a str, String>,
    /// `(structure, member)` pairs the vendor's success examples leave out of a response or
    /// give as `null`.
    absent: BTreeSet<(String, String)>,
}

impl<'a> Names<'a> {
    /// Every shared structure (one with a `usage`), named by [`type_name`]; two that end up
    /// with the same spec name are an error.
    pub fn new(api: &'a Api, service: &str) -> Result<Self, ImportError> {
        let mut spec = BTreeMap::new();
        let mut taken: BTreeMap<String, &str> = BTreeMap::new();
        for (name, object) in &api.objects {
            if object.usage.is_none() {
                continue;
            }
            if !is_pascal_identifier(name) {
                return Err(ImportError::new(format!(
                    "object `{name}`: a shared structure's name must be a PascalCase identifier \
                     (ASCII letters and digits, a capital first)"
                )));
            }
            let renamed = type_name(name, service);
            if let Some(other) = taken.insert(renamed.clone(), name) {
                return Err(ImportError::new(format!(
                    "objects `{other}` and `{name}` would both be the spec type `{renamed}`"
                )));
            }
            spec.insert(name.as_str(), renamed);
        }
        Ok(Self {
            api,
            spec,
            absent: BTreeSet::new(),
        })
    }

    /// Takes the members the vendor's success examples leave out of responses or give as
    /// `null` (see
    /// [`super::examples::absent`]): such a member is optional whatever the catalogue says.
    pub fn with_absent(mut self, absent: BTreeSet<(String, String)>) -> Self {
        self.absent = absent;
        self
    }

    /// The members made optional because the vendor's examples leave them out (or give them
    /// as `null`) though the catalogue says they are always sent, as `Structure.Member` by
    /// the spec's names, for the report.
    pub fn made_optional(&self) -> Vec<String> {
        let sides = self.sides();
        let outputs: BTreeSet<&str> = self
            .api
            .actions
            .values()
            .map(|a| a.output.as_str())
            .collect();
        self.absent
            .iter()
            .filter(|(object, member)| {
                let side = match sides.get(object.as_str()) {
                    Some(side) => *side,
                    None if outputs.contains(object.as_str()) => Side::Result,
                    None => return false,
                };
                side != Side::Request
                    && !(side == Side::Result && member == REQUEST_ID)
                    && self.api.objects.get(object).is_some_and(|o| {
                        o.members
                            .iter()
                            .any(|m| m.name == *member && !m.disabled && side.required(m))
                    })
            })
            .map(|(object, member)| {
                let shown = self.spec.get(object.as_str()).unwrap_or(object);
                format!("{shown}.{member}")
            })
            .collect()
    }

    /// The spec type of `member`, or why it has none. `owner` names where the member is, for
    /// messages (`action CreateFlow, object CreateFlowRequest`).
    pub fn field_type(&self, owner: &str, member: &Member) -> Result<String, ImportError> {
        let element = |word: &str| -> Result<String, ImportError> {
            match word {
                // Dates and times are sent as text (`2020-09-22`, `2020-09-22T00:00:00+00:00`)
                // in more than one format: kept as the vendor's text.
                word if is_text(word) => Ok("string".into()),
                "int64" => Ok("i64".into()),
                "uint64" => Ok("u64".into()),
                "float" => Ok("f64".into()),
                "bool" => Ok("bool".into()),
                name => self.spec.get(name).cloned().ok_or_else(|| {
                    let why = if self.api.objects.contains_key(name) {
                        "a request or response structure, not a shared one"
                    } else {
                        "not in the catalogue's `objects`"
                    };
                    ImportError::new(format!(
                        "{owner}, member `{}`: its type `{name}` is {why}",
                        member.name
                    ))
                }),
            }
        };
        let scalar_ok = match member.kind.as_str() {
            "string" => is_text(&member.member),
            "int" => matches!(member.member.as_str(), "int64" | "uint64"),
            "float" => member.member == "float",
            "bool" => member.member == "bool",
            "object" => !is_primitive(&member.member),
            "list" => true,
            _ => false,
        };
        if !scalar_ok {
            return Err(ImportError::new(format!(
                "{owner}, member `{}`: unknown type `{}` of `{}` (known: string of \
                 string/date/datetime/datetime_iso, int of int64/uint64, float, bool, object \
                 of a structure, list of any of them)",
                member.name, member.kind, member.member
            )));
        }
        let ty = element(&member.member)?;
        Ok(if member.kind == "list" {
            format!("list<{ty}>")
        } else {
            ty
        })
    }

    /// The spec types of the shared structures, in name order.
    pub fn types(
        &self,
        curated: &BTreeMap<String, curated::Type>,
    ) -> Result<Vec<Type>, ImportError> {
        let reached = self.sides();
        let mut types = Vec::new();
        for (name, spec_name) in &self.spec {
            let object = &self.api.objects[*name];
            let side = match reached.get(name) {
                Some(&side) => side,
                None => object
                    .usage
                    .as_deref()
                    .and_then(Side::of_usage)
                    .ok_or_else(|| {
                        ImportError::new(format!(
                            "object `{name}`: unknown usage `{}` (known: in, out, both)",
                            object.usage.as_deref().unwrap_or_default()
                        ))
                    })?,
            };
            let kept = curated.get(spec_name.as_str());
            let owner = format!("object `{name}`");
            types.push(Type {
                name: spec_name.clone(),
                docs: Docs {
                    zh: text(&object.document),
                    en: kept.and_then(|t| t.docs.en.clone()),
                },
                fields: self.fields(
                    &owner,
                    (name, object),
                    side,
                    kept.map_or(&[], |t| &t.fields),
                )?,
            });
        }
        self.check_cycles()?;
        Ok(types)
    }

    /// The fields of `object`'s open members (`RequestId` left to the envelope), with the
    /// curated facts of `kept`.
    pub fn fields(
        &self,
        owner: &str,
        (object_name, object): (&str, &Object),
        side: Side,
        kept: &[curated::Field],
    ) -> Result<Vec<Field>, ImportError> {
        let mut fields = Vec::new();
        let mut rust_names: BTreeMap<String, &str> = BTreeMap::new();
        for member in &object.members {
            if member.disabled || (side == Side::Result && member.name == REQUEST_ID) {
                continue;
            }
            if member.name.is_empty() {
                return Err(ImportError::new(format!("{owner}: a member has no name")));
            }
            let cur = curated::field(kept, &member.name);
            let rust = cur
                .and_then(|c| c.rust_name.clone())
                .or_else(|| rust_name(&member.name));
            let effective = rust
                .clone()
                .unwrap_or_else(|| naming::field_name(&member.name));
            if let Some(other) = rust_names.insert(effective.clone(), &member.name) {
                return Err(ImportError::new(format!(
                    "{owner}: members `{other}` and `{}` are both the Rust field `{effective}`; \
                     give one a `rust_name` in the spec",
                    member.name
                )));
            }
            let left_out = side != Side::Request
                && self
                    .absent
                    .contains(&(object_name.to_owned(), member.name.clone()));
            let required = side.required(member);
            let correction = if required && left_out {
                "import: optional, though the catalogue says it is always sent: the vendor's \
                 examples leave it out or give it as `null`"
            } else {
                ""
            };
            let ty = self.field_type(owner, member)?;
            // A documented integer code keeps its enum while the catalogue says `int64`.
            let ty = match cur.and_then(|c| c.local_enum.clone()) {
                Some(local) if ty == "i64" => local,
                _ => ty,
            };
            fields.push(Field {
                name: member.name.clone(),
                ty,
                required: required && !left_out,
                nullable: side.nullable(member),
                rust_name: rust,
                docs: serde_saphyr::Commented(
                    Docs {
                        zh: member_text(member),
                        en: cur.and_then(|c| c.docs.en.clone()),
                    },
                    correction.to_owned(),
                ),
                constraints: cur.and_then(|c| c.constraints.clone()),
                default: cur.and_then(|c| c.default.clone()),
            });
        }
        Ok(fields)
    }

    /// The side of each shared structure an action reaches: from requests, responses or both.
    /// The catalogue's `usage` is not always right (a structure marked `in` that a response
    /// holds), and what decides whether a member may be missing is where it travels.
    fn sides(&self) -> BTreeMap<&'a str, Side> {
        let mut sent = BTreeSet::new();
        let mut received = BTreeSet::new();
        for action in self.api.actions.values() {
            self.reach(&action.input, &mut sent);
            self.reach(&action.output, &mut received);
        }
        let mut sides = BTreeMap::new();
        for name in self.spec.keys() {
            let side = match (sent.contains(name), received.contains(name)) {
                (true, true) => Side::Both,
                (true, false) => Side::Request,
                (false, true) => Side::Response,
                (false, false) => continue,
            };
            sides.insert(*name, side);
        }
        sides
    }

    /// Adds to `seen` every structure reachable from `start` through open members (a work
    /// list, so a deep catalogue cannot overflow the stack).
    fn reach(&self, start: &'a str, seen: &mut BTreeSet<&'a str>) {
        let mut todo = vec![start];
        while let Some(name) = todo.pop() {
            let Some(object) = self.api.objects.get(name) else {
                continue;
            };
            for member in object.members.iter().filter(|m| !m.disabled) {
                let inner = member.member.as_str();
                if self.spec.contains_key(inner) && seen.insert(inner) {
                    todo.push(inner);
                }
            }
        }
    }

    /// Shared structures that contain each other without a list between them would be
    /// infinitely large: an error naming the members of the cycle.
    fn check_cycles(&self) -> Result<(), ImportError> {
        let members = |name: &str| {
            self.api
                .objects
                .get(name)
                .map_or(&[][..], |o| o.members.as_slice())
        };
        let mut done: BTreeSet<&str> = BTreeSet::new();
        for start in self.spec.keys() {
            // A depth-first walk with its own stack (a deep catalogue cannot overflow the
            // thread's): each frame is an object on the path and how many of its members have
            // been followed; `on_path` gives each such object's frame.
            let mut frames: Vec<(&str, usize)> = vec![(start, 0)];
            let mut on_path: BTreeMap<&str, usize> = BTreeMap::from([(*start, 0)]);
            while let Some(&(name, next)) = frames.last() {
                let Some(member) = members(name).get(next) else {
                    done.insert(name);
                    on_path.remove(name);
                    frames.pop();
                    continue;
                };
                if let Some(top) = frames.last_mut() {
                    top.1 += 1;
                }
                let inner = member.member.as_str();
                if member.kind != "object" || member.disabled || done.contains(inner) {
                    continue;
                }
                if let Some(&at) = on_path.get(inner) {
                    let cycle: Vec<String> = frames[at..]
                        .iter()
                        .map(|&(object, followed)| {
                            let via = members(object)
                                .get(followed.saturating_sub(1))
                                .map_or("", |m| m.name.as_str());
                            format!("`{object}.{via}`")
                        })
                        .collect();
                    return Err(ImportError::new(format!(
                        "object `{inner}` contains itself without a list in between ({}), so \
                         it would be infinitely large",
                        cycle.join(" → ")
                    )));
                }
                on_path.insert(inner, frames.len());
                frames.push((inner, 0));
            }
        }
        Ok(())
    }
}

fn is_primitive(word: &str) -> bool {
    is_text(word) || matches!(word, "int64" | "uint64" | "float" | "bool")
}

/// The member words of text: `string`, and the dates and times other services use.
fn is_text(word: &str) -> bool {
    matches!(word, "string" | "date" | "datetime" | "datetime_iso")
}

fn is_pascal_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The catalogue's text as spec text; `None` when there is none.
pub fn text(document: &str) -> Option<String> {
    let text = to_text(document);
    (!text.is_empty()).then_some(text)
}

/// A member's text, with its example value when the catalogue gives one.
fn member_text(member: &Member) -> Option<String> {
    let mut text = to_text(&member.document);
    if let Some(example) = member.example.as_deref().map(str::trim)
        && !example.is_empty()
        && example != "无"
    {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str("示例值：");
        text.push_str(&example.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if text.is_empty() {
        // The spec wants text on every field; say that the catalogue has none.
        text.push_str(NO_TEXT);
    }
    Some(text)
}

/// The text of a member the catalogue does not describe.
pub const NO_TEXT: &str = "(腾讯云 API 目录未说明此字段。)";

#[cfg(test)]
mod tests {
    use super::*;

    fn member(required: Option<bool>, always: Option<bool>, null: Option<bool>) -> Member {
        Member {
            name: "X".into(),
            kind: "string".into(),
            member: "string".into(),
            document: String::new(),
            example: None,
            disabled: false,
            required,
            output_required: always,
            value_allowed_null: null,
        }
    }

    #[test]
    fn a_received_field_is_required_only_when_always_sent_and_never_null() {
        let always = member(None, Some(true), Some(false));
        assert!(Side::Response.required(&always));
        assert!(!Side::Response.required(&member(None, Some(true), Some(true))));
        assert!(!Side::Response.required(&member(None, Some(false), Some(false))));
        assert!(!Side::Response.required(&member(None, None, None)));
        assert!(Side::Request.required(&member(Some(true), None, None)));
        assert!(!Side::Request.required(&always));
        assert!(Side::Both.required(&member(Some(true), Some(true), Some(false))));
        assert!(!Side::Both.required(&member(Some(true), Some(false), Some(false))));
        assert!(!Side::Both.required(&member(Some(false), Some(true), Some(false))));
    }

    #[test]
    fn a_received_member_allowed_null_is_nullable_and_optional() {
        let null = member(None, Some(true), Some(true));
        assert!(Side::Response.nullable(&null) && !Side::Response.required(&null));
        assert!(Side::Result.nullable(&null) && Side::Both.nullable(&null));
        assert!(!Side::Response.nullable(&member(None, Some(true), Some(false))));
        assert!(!Side::Response.nullable(&member(None, None, None)));
        // A request field is sent, never read: `nullable` would mean nothing there.
        assert!(!Side::Request.nullable(&null));
    }

    fn catalogue_api() -> Api {
        let member = |name: &str, ty: &str, of: &str, required: bool, always: bool| {
            serde_json::json!({"name": name, "type": ty, "member": of, "document": "d",
                "required": required, "output_required": always, "value_allowed_null": false})
        };
        serde_json::from_value(serde_json::json!({
            "actions": {"A": {"name": "a", "document": "", "input": "AReq", "output": "ARes"}},
            "objects": {
                "AReq": {"type": "object", "members": [member("Sent", "object", "Marked", false, false)]},
                "ARes": {"type": "object", "members": [member("Got", "list", "Wrong", false, true)]},
                // `usage` says the opposite of where the action uses each of them.
                "Marked": {"usage": "out", "members": [member("Key", "string", "string", true, false)]},
                "Wrong": {"usage": "in", "members": [
                    member("Always", "string", "string", true, true),
                    member("Left", "int", "int64", false, true),
                ]},
            },
            "metadata": {"apiVersion": "2020-11-11", "serviceShortName": "ess"},
        }))
        .expect("api")
    }

    #[test]
    fn a_shared_structure_is_judged_by_where_actions_use_it_and_by_the_examples() {
        let api = catalogue_api();
        let absent = BTreeSet::from([("Wrong".to_owned(), "Left".to_owned())]);
        let names = Names::new(&api, "ess").expect("names").with_absent(absent);
        let types = names.types(&BTreeMap::new()).expect("types");
        let required = |ty: &str, field: &str| {
            let ty = types.iter().find(|t| t.name == ty).expect("type");
            ty.fields
                .iter()
                .find(|f| f.name == field)
                .expect("field")
                .required
        };
        // Sent only: `required` decides, though `usage` says out.
        assert!(required("Marked", "Key"));
        // Received only: `output_required` decides, though `usage` says in …
        assert!(required("Wrong", "Always"));
        // … unless an example leaves the member out.
        assert!(!required("Wrong", "Left"));
        assert_eq!(names.made_optional(), ["Wrong.Left"]);
    }

    #[test]
    fn a_very_deep_chain_of_structures_is_walked_without_overflowing_the_stack() {
        let depth = 20_000;
        let mut objects = serde_json::Map::new();
        for i in 0..depth {
            let members = if i + 1 < depth {
                serde_json::json!([{"name": "Next", "type": "object", "member": format!("O{}", i + 1)}])
            } else {
                serde_json::json!([])
            };
            objects.insert(
                format!("O{i}"),
                serde_json::json!({"usage": "both", "members": members}),
            );
        }
        objects.insert(
            "AReq".into(),
            serde_json::json!({"type": "object", "members": [{"name": "First", "type": "object", "member": "O0"}]}),
        );
        objects.insert(
            "ARes".into(),
            serde_json::json!({"type": "object", "members": []}),
        );
        let api: Api = serde_json::from_value(serde_json::json!({
            "actions": {"A": {"name": "a", "document": "", "input": "AReq", "output": "ARes"}},
            "objects": objects,
            "metadata": {"apiVersion": "2020-11-11", "serviceShortName": "ess"},
        }))
        .expect("api");
        let names = Names::new(&api, "ess").expect("names");
        assert_eq!(names.types(&BTreeMap::new()).expect("types").len(), depth);
        // The same chain closed into a loop is the cycle error, not a crash.
        let mut looped = api;
        let back: Member = serde_json::from_value(
            serde_json::json!({"name": "Back", "type": "object", "member": "O0"}),
        )
        .expect("member");
        if let Some(last) = looped.objects.get_mut(&format!("O{}", depth - 1)) {
            last.members = vec![back];
        }
        let names = Names::new(&looped, "ess").expect("names");
        let error = names
            .types(&BTreeMap::new())
            .expect_err("a cycle")
            .to_string();
        assert!(
            error.starts_with(
                "object `O0` contains itself without a list in between (`O0.Next` → `O1.Next`"
            ),
            "{}",
            &error[..200]
        );
    }

    #[test]
    fn a_member_without_text_says_so_and_an_example_is_appended() {
        assert_eq!(
            member_text(&member(None, None, None)).as_deref(),
            Some(NO_TEXT)
        );
        let mut with = member(None, None, None);
        with.document = "名称".into();
        with.example = Some("  a\n b ".into());
        assert_eq!(member_text(&with).as_deref(), Some("名称\n\n示例值：a b"));
        with.example = Some("无".into());
        assert_eq!(member_text(&with).as_deref(), Some("名称"));
    }
}
