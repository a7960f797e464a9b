//! The catalogue's examples as spec examples: the JSON body of the request (see
//! `request_text.rs` for the forms the vendor writes it in),
//! the JSON response, and the error code an error response carries.

use std::collections::BTreeSet;

use serde_json::Value;

use super::ImportError;
use super::catalogue::{Api, Catalogue, Example, Object};
use super::curated;
use super::map::text;
use super::output::{self, Docs};
use super::request_text::{self, join};

/// The spec examples of `action`, from its catalogue examples, with the curated names and
/// English docs of `kept`.
pub fn examples(
    api: &Api,
    action: &str,
    input: &Object,
    output: &Object,
    examples: &[Example],
    kept: &[curated::Example],
) -> Result<Vec<output::Example>, ImportError> {
    let mut out = Vec::new();
    let zh: Vec<Option<String>> = examples
        .iter()
        .map(|e| docs_text(&e.title, &e.document))
        .collect();
    let mut assigned = assign(&zh, kept).into_iter();
    for (index, example) in examples.iter().enumerate() {
        let at = || {
            format!(
                "action `{action}`, example {} (`{}`)",
                index + 1,
                example.title
            )
        };
        let parsed = request_text::parse(api, input, action, &example.input)
            .map_err(|why| ImportError::new(format!("{}: the request {why}", at())))?;
        let mut request = parsed.body;
        let mut changes = Changes::default();
        conform(api, input, &mut request, "", true, &mut changes);
        let mut response: Value = serde_json::from_str(&example.output)
            .map_err(|e| ImportError::new(format!("{}: the response is not JSON: {e}", at())))?;
        let error_code = match response.pointer("/Response/Error/Code") {
            None => None,
            Some(Value::String(code)) => Some(code.clone()),
            Some(other) => {
                return Err(ImportError::new(format!(
                    "{}: the response's `Response.Error.Code` is {other}, not a string",
                    at()
                )));
            }
        };
        if response.pointer("/Response").is_none_or(|r| !r.is_object()) {
            return Err(ImportError::new(format!(
                "{}: the response has no `Response` object",
                at()
            )));
        }
        let mut answer = Changes::default();
        if error_code.is_none()
            && let Some(result) = response.get_mut("Response")
        {
            conform(api, output, result, "Response", false, &mut answer);
        }
        let (name, kept) = assigned.next().unwrap_or_default();
        let mut request_notes = parsed.notes;
        request_notes.extend(changes.retyped.iter().map(|path| retyped(path)));
        request_notes.extend(changes.nulls.iter().map(|path| {
            format!("`{path}`: `null` left out, as the client leaves an unset field out")
        }));
        let response_notes: Vec<String> = answer.retyped.iter().map(|p| retyped(p)).collect();
        let response_comment = correction(&response_notes, &[]);
        out.push(output::Example {
            name,
            docs: Docs {
                zh: zh[index].clone(),
                // English docs describe the Chinese ones: carried only while those are the
                // same (a name also follows its example by position).
                en: kept
                    .filter(|k| k.docs.zh.is_some() && k.docs.zh == zh[index])
                    .and_then(|k| k.docs.en.clone()),
            },
            request: serde_saphyr::Commented(request, correction(&request_notes, &changes.removed)),
            response: serde_saphyr::Commented(response, response_comment),
            error_code,
            removed: changes.removed,
            notes: request_notes.into_iter().chain(response_notes).collect(),
            floats: changes.floats + answer.floats,
        });
    }
    Ok(out)
}

/// The note for an integer the vendor wrote as text at `path`.
fn retyped(path: &str) -> String {
    format!("`{path}`: the vendor wrote the integer as text; written as the integer")
}

/// The YAML comment recording how the import read or corrected the vendor's request or
/// response (`notes`) and what it removed from it; one line, as comments are.
fn correction(notes: &[String], removed: &[String]) -> String {
    let mut parts = notes.to_vec();
    if !removed.is_empty() {
        let keys: Vec<String> = removed.iter().map(|path| format!("`{path}`")).collect();
        parts.push(format!(
            "removed {}: not open in the catalogue (disabled, or no such member)",
            keys.join(", ")
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("import: {}", parts.join("; "))
    }
}

/// The name of each example (by its Chinese docs `zh`) and the curated example it continues:
/// first the one with the same docs, else the one at the same position if no other example
/// took it, else none. An example keeps its curated name; one without gets `example_<n>`,
/// `n` its position or the next number no other example's name uses, so the names are
/// unique however the vendor reorders, edits, adds or removes examples.
fn assign<'k>(
    zh: &[Option<String>],
    kept: &'k [curated::Example],
) -> Vec<(String, Option<&'k curated::Example>)> {
    let mut claimed = vec![false; kept.len()];
    let mut pick: Vec<Option<usize>> = vec![None; zh.len()];
    for (slot, docs) in pick.iter_mut().zip(zh) {
        if docs.is_none() {
            continue;
        }
        let found = (0..kept.len()).find(|&j| !claimed[j] && kept[j].docs.zh == *docs);
        if let Some(j) = found {
            claimed[j] = true;
            *slot = Some(j);
        }
    }
    for (index, slot) in pick.iter_mut().enumerate() {
        if slot.is_none() && claimed.get(index) == Some(&false) {
            claimed[index] = true;
            *slot = Some(index);
        }
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut names: Vec<Option<String>> = pick
        .iter()
        .map(|j| {
            let name = &kept[(*j)?].name;
            (!name.is_empty() && used.insert(name.clone())).then(|| name.clone())
        })
        .collect();
    for (index, name) in names.iter_mut().enumerate() {
        if name.is_none() {
            let fresh = (index + 1..)
                .map(|n| format!("example_{n}"))
                .find(|candidate| !used.contains(candidate))
                .unwrap_or_default();
            used.insert(fresh.clone());
            *name = Some(fresh);
        }
    }
    names
        .into_iter()
        .zip(pick)
        .map(|(name, j)| (name.unwrap_or_default(), j.map(|j| &kept[j])))
        .collect()
}

/// The `(structure, member)` pairs that some success example of `catalogue` leaves out of
/// its response, though the member is open: the vendor does not always send them.
pub fn absent(catalogue: &Catalogue) -> BTreeSet<(String, String)> {
    let mut absent = BTreeSet::new();
    for (name, examples) in &catalogue.examples.actions {
        let Some(action) = catalogue.api.actions.get(name) else {
            continue;
        };
        for example in examples {
            let Ok(response) = serde_json::from_str::<Value>(&example.output) else {
                continue;
            };
            if response.pointer("/Response/Error").is_some() {
                continue;
            }
            if let Some(result) = response.get("Response") {
                left_out(&catalogue.api, &action.output, result, &mut absent);
            }
        }
    }
    absent
}

/// Adds to `absent` the open members of structure `name` that `value` lacks or gives as
/// `null`, and so on down.
fn left_out(api: &Api, name: &str, value: &Value, absent: &mut BTreeSet<(String, String)>) {
    let (Some(object), Value::Object(map)) = (api.objects.get(name), value) else {
        return;
    };
    for member in object.members.iter().filter(|m| !m.disabled) {
        match map.get(&member.name) {
            None | Some(Value::Null) => {
                absent.insert((name.to_owned(), member.name.clone()));
            }
            Some(Value::Array(items)) => {
                for item in items {
                    left_out(api, &member.member, item, absent);
                }
            }
            Some(child) => left_out(api, &member.member, child, absent),
        }
    }
}

/// What [`conform`] changed in an example.
#[derive(Default)]
struct Changes {
    /// Paths of request keys removed.
    removed: Vec<String>,
    /// How many integers were written as floats.
    floats: usize,
    /// Paths of integers the vendor wrote as text (`"10"`), written as integers.
    retyped: Vec<String>,
    /// Paths of request keys whose value was `null`, removed: the client leaves an unset
    /// field out, so a request never holds `null`.
    nulls: Vec<String>,
}

/// Makes `value`, a body of structure `object`, say what it says in the spec's types:
/// - in a request (`strip`), every key the spec has no field for is removed: a member the
///   catalogue marks `disabled` (internal, not open yet) or no member at all. The vendor's
///   examples use such keys; the request types cannot carry them.
/// - in a request, a `null` is removed too: the client sends an unset field as no key.
/// - an integer where the catalogue says `float` (`100` for `100.0`) is written as the float
///   the client sends and decodes, so the example tests compare the same JSON.
fn conform(
    api: &Api,
    object: &Object,
    value: &mut Value,
    path: &str,
    strip: bool,
    changes: &mut Changes,
) {
    let Value::Object(map) = value else {
        return;
    };
    if strip {
        map.retain(|key, value| {
            let open = object.members.iter().any(|m| m.name == *key && !m.disabled);
            if !open {
                changes.removed.push(join(path, key));
            } else if value.is_null() {
                changes.nulls.push(join(path, key));
            }
            open && !value.is_null()
        });
    }
    for (key, child) in map.iter_mut() {
        let Some(member) = object.members.iter().find(|m| m.name == *key) else {
            continue;
        };
        let here = join(path, key);
        let items: Vec<(String, &mut Value)> = match child {
            Value::Array(items) if member.kind == "list" => items
                .iter_mut()
                .enumerate()
                .map(|(i, item)| (join(&here, &i.to_string()), item))
                .collect(),
            child => vec![(here, child)],
        };
        for (here, item) in items {
            if member.member == "float"
                && let Some(number) = item
                    .as_i64()
                    .and_then(|n| serde_json::Number::from_f64(n as f64))
            {
                *item = Value::Number(number);
                changes.floats += 1;
            } else if let Some(number) = integer_text(&member.member, item) {
                *item = number;
                changes.retyped.push(here);
            } else if let Some(inner) = api.objects.get(&member.member) {
                conform(api, inner, item, &here, strip, changes);
            }
        }
    }
}

/// The integer in `value` when it is text holding one (`"10"`) that a member of type `word`
/// (`int64`, `uint64`) can hold, else `None`.
fn integer_text(word: &str, value: &Value) -> Option<Value> {
    let text = value.as_str()?.trim();
    match word {
        "int64" => text.parse::<i64>().ok().map(Value::from),
        "uint64" => text.parse::<u64>().ok().map(Value::from),
        _ => None,
    }
}

fn docs_text(title: &str, document: &str) -> Option<String> {
    match (text(title), text(document)) {
        (Some(title), Some(document)) => Some(format!("{title}\n\n{document}")),
        (title, document) => title.or(document),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tencent_cloud::catalogue::Examples;
    use crate::import::tencent_cloud::map::Names;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[test]
    fn a_member_always_sent_by_the_catalogue_that_an_example_leaves_out_is_found() {
        let always = json!({"output_required": true, "value_allowed_null": false});
        let member = |name: &str, kind: &str, word: &str| {
            let mut m = always.clone();
            m["name"] = json!(name);
            m["type"] = json!(kind);
            m["member"] = json!(word);
            m
        };
        let mut nullable = member("Note", "string", "string");
        nullable["value_allowed_null"] = json!(true);
        let api: Api = serde_json::from_value(json!({
            "actions": {"DescribeInstances": {"name": "", "document": "", "input": "Req",
                                              "output": "Resp"}},
            "objects": {
                "Req": {"type": "object", "members": []},
                "Resp": {"type": "object", "members": [
                    member("InstanceSet", "list", "Instance"),
                    member("TotalCount", "int", "int64"),
                    member("RequestId", "string", "string"),
                ]},
                "Instance": {"usage": "out", "members": [
                    member("HostName", "string", "string"),
                    member("InstanceId", "string", "string"),
                    nullable,
                ]},
            },
            "metadata": {"apiVersion": "2017-03-12", "serviceShortName": "cvm"},
        }))
        .unwrap();
        let output = |response: Value| Example {
            title: String::new(),
            document: String::new(),
            input: String::new(),
            output: response.to_string(),
        };
        let examples = Examples {
            actions: BTreeMap::from([(
                "DescribeInstances".to_owned(),
                vec![
                    output(json!({"Response": {"Error": {"Code": "X"}, "RequestId": "r"}})),
                    output(json!({"Response": {"TotalCount": 1, "RequestId": "r",
                                   "InstanceSet": [{"InstanceId": "i"}]}})),
                    output(json!({"Response": {"InstanceSet": [], "TotalCount": null}})),
                ],
            )]),
        };
        let catalogue = Catalogue {
            api,
            examples,
            package_version: None,
        };
        let absent = absent(&catalogue);
        assert!(absent.contains(&("Instance".to_owned(), "Note".to_owned())));
        let names = Names::new(&catalogue.api, "cvm")
            .unwrap()
            .with_absent(absent);
        // `Note` may be null anyway and `RequestId` is the envelope's: neither is news.
        assert_eq!(
            names.made_optional(),
            ["Instance.HostName", "Resp.TotalCount"]
        );
    }

    #[test]
    fn a_request_loses_its_nulls_and_undeclared_keys_and_gets_its_integers() {
        let api: Api = serde_json::from_value(json!({
            "actions": {},
            "objects": {"Req": {"type": "object", "members": [
                {"name": "Url", "type": "string", "member": "string"},
                {"name": "Page", "type": "int", "member": "int64"},
                {"name": "Ratio", "type": "float", "member": "float"},
                {"name": "Hidden", "type": "string", "member": "string", "disabled": true},
            ]}},
            "metadata": {"apiVersion": "2018-11-19", "serviceShortName": "ocr"},
        }))
        .unwrap();
        let mut body = json!({"Url": null, "Page": "2", "Ratio": 1, "Hidden": "h", "Other": 1});
        let mut changes = Changes::default();
        conform(&api, &api.objects["Req"], &mut body, "", true, &mut changes);
        assert_eq!(body, json!({"Page": 2, "Ratio": 1.0}));
        assert_eq!(changes.nulls, ["Url"]);
        assert_eq!(changes.removed, ["Hidden", "Other"]);
        assert_eq!(changes.retyped, ["Page"]);
        assert_eq!(changes.floats, 1);
    }

    fn kept(name: &str, zh: &str) -> curated::Example {
        let mut example = curated::Example::default();
        example.name = name.to_owned();
        example.docs.zh = Some(zh.to_owned());
        example
    }

    fn names(zh: &[&str], kept: &[curated::Example]) -> Vec<String> {
        let zh: Vec<Option<String>> = zh.iter().map(|z| Some((*z).to_owned())).collect();
        assign(&zh, kept)
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    }

    #[test]
    fn example_names_follow_their_docs_and_stay_unique() {
        let old = [
            kept("example_1", "A"),
            kept("example_2", "B"),
            kept("example_3", "C"),
        ];
        // tccli 3.1.155.1 → 3.1.189.1, DeleteExtendedServiceAuthInfos: the first example went,
        // the third was rewritten (so keeps its name), one was added (so gets a new number:
        // the position of `X` is taken, as `example_2` is `B`'s name).
        assert_eq!(
            names(&["B", "X", "Y"], &old),
            ["example_2", "example_4", "example_3"]
        );
        assert_eq!(
            names(&["C", "B", "A"], &old),
            ["example_3", "example_2", "example_1"]
        );
        assert_eq!(
            names(&["B", "B", "Z", "W"], &old),
            ["example_2", "example_4", "example_3", "example_5"]
        );
        let curated = [kept("signs_twice", "A"), kept("example_2", "B")];
        assert_eq!(
            names(&["N", "A", "B"], &curated),
            ["example_1", "signs_twice", "example_2"]
        );
        // The same names come back when the examples did not change.
        let same = [kept("x", "A"), kept("y", "A")];
        assert_eq!(names(&["A", "A"], &same), ["x", "y"]);
        assert_eq!(names(&["A"], &[]), ["example_1"]);
    }

    #[test]
    fn each_correction_is_commented_where_it_was_made() {
        let api: Api = serde_json::from_value(json!({
            "actions": {},
            "objects": {
                "Req": {"type": "object", "members": [
                    {"name": "Ids", "type": "list", "member": "int64"},
                ]},
                "Resp": {"type": "object", "members": [
                    {"name": "Total", "type": "int", "member": "uint64"},
                ]},
            },
            "metadata": {"apiVersion": "2017-03-12", "serviceShortName": "cvm"},
        }))
        .unwrap();
        let example = Example {
            title: "样例".to_owned(),
            document: String::new(),
            input: "POST / HTTP/1.1\n\n{\"Ids\": [\"1\", 2]}".to_owned(),
            output: r#"{"Response": {"Total": "5", "RequestId": "r"}}"#.to_owned(),
        };
        let (req, resp) = (&api.objects["Req"], &api.objects["Resp"]);
        let out = examples(&api, "A", req, resp, &[example], &[]).unwrap();
        let [one] = out.as_slice() else {
            panic!("one example")
        };
        assert_eq!(one.request.0, json!({"Ids": [1, 2]}));
        assert_eq!(
            one.request.1,
            "import: `Ids.0`: the vendor wrote the integer as text; written as the integer"
        );
        assert_eq!(
            one.response.0,
            json!({"Response": {"Total": 5, "RequestId": "r"}})
        );
        assert_eq!(
            one.response.1,
            "import: `Response.Total`: the vendor wrote the integer as text; written as the \
             integer"
        );
        assert_eq!(one.notes.len(), 2, "{:?}", one.notes);
    }

    #[test]
    fn integers_written_as_text_are_read_as_integers() {
        assert_eq!(integer_text("int64", &json!("10")), Some(json!(10)));
        assert_eq!(integer_text("int64", &json!(" -3 ")), Some(json!(-3)));
        assert_eq!(integer_text("uint64", &json!(" -3 ")), None);
        assert_eq!(
            integer_text("uint64", &json!("18446744073709551615")),
            Some(json!(18446744073709551615_u64))
        );
        assert_eq!(integer_text("int64", &json!("18446744073709551615")), None);
        assert_eq!(integer_text("int64", &json!("10.5")), None);
        assert_eq!(integer_text("int64", &json!("ten")), None);
        assert_eq!(integer_text("int64", &json!(10)), None);
        assert_eq!(integer_text("string", &json!("10")), None);
    }

    #[test]
    fn the_comment_says_how_the_request_was_read_and_what_was_removed() {
        assert_eq!(correction(&[], &[]), "");
        let removed = ["Operator.Channel".to_owned(), "QrEffectiveDay".to_owned()];
        assert_eq!(
            correction(&[], &removed),
            "import: removed `Operator.Channel`, `QrEffectiveDay`: not open in the catalogue \
             (disabled, or no such member)"
        );
        let notes = ["the vendor wrote it as a GET query string".to_owned()];
        assert_eq!(
            correction(&notes, &removed[..1]),
            "import: the vendor wrote it as a GET query string; removed `Operator.Channel`: \
             not open in the catalogue (disabled, or no such member)"
        );
    }
}
