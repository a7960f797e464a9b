//! The catalogue's examples as spec examples: the JSON body out of the raw HTTP request text,
//! the JSON response, and the error code an error response carries.

use std::collections::BTreeSet;

use serde_json::Value;

use super::ImportError;
use super::catalogue::{Api, Catalogue, Example, Object};
use super::curated;
use super::map::text;
use super::output::{self, Docs};

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
        let mut request = request_body(action, &example.input)
            .map_err(|why| ImportError::new(format!("{}: the request {why}", at())))?;
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
        if error_code.is_none()
            && let Some(result) = response.get_mut("Response")
        {
            conform(api, output, result, "Response", false, &mut changes);
        }
        let (name, kept) = assigned.next().unwrap_or_default();
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
            request: serde_saphyr::Commented(request, correction(&changes.removed)),
            response,
            error_code,
            removed: changes.removed,
            floats: changes.floats,
        });
    }
    Ok(out)
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

/// Adds to `absent` the open members of structure `name` that `value` lacks, and so on down.
fn left_out(api: &Api, name: &str, value: &Value, absent: &mut BTreeSet<(String, String)>) {
    let (Some(object), Value::Object(map)) = (api.objects.get(name), value) else {
        return;
    };
    for member in object.members.iter().filter(|m| !m.disabled) {
        match map.get(&member.name) {
            None => {
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

/// The YAML comment recording what the import removed from a request example.
fn correction(removed: &[String]) -> String {
    if removed.is_empty() {
        return String::new();
    }
    let keys: Vec<String> = removed.iter().map(|path| format!("`{path}`")).collect();
    format!(
        "import: removed {}: not open in the catalogue (disabled, or no such member)",
        keys.join(", ")
    )
}

/// What [`conform`] changed in an example.
#[derive(Default)]
struct Changes {
    /// Paths of request keys removed.
    removed: Vec<String>,
    /// How many integers were written as floats.
    floats: usize,
}

/// Makes `value`, a body of structure `object`, say what it says in the spec's types:
/// - in a request (`strip`), every key the spec has no field for is removed: a member the
///   catalogue marks `disabled` (internal, not open yet) or no member at all. The vendor's
///   examples use such keys; the request types cannot carry them.
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
        map.retain(|key, _| {
            let open = object.members.iter().any(|m| m.name == *key && !m.disabled);
            if !open {
                changes.removed.push(join(path, key));
            }
            open
        });
    }
    for (key, child) in map.iter_mut() {
        let Some(member) = object.members.iter().find(|m| m.name == *key) else {
            continue;
        };
        let here = join(path, key);
        let items: Vec<&mut Value> = match child {
            Value::Array(items) if member.kind == "list" => items.iter_mut().collect(),
            child => vec![child],
        };
        for item in items {
            if member.member == "float"
                && let Some(number) = item
                    .as_i64()
                    .and_then(|n| serde_json::Number::from_f64(n as f64))
            {
                *item = Value::Number(number);
                changes.floats += 1;
            } else if let Some(inner) = api.objects.get(&member.member) {
                conform(api, inner, item, &here, strip, changes);
            }
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn docs_text(title: &str, document: &str) -> Option<String> {
    match (text(title), text(document)) {
        (Some(title), Some(document)) => Some(format!("{title}\n\n{document}")),
        (title, document) => title.or(document),
    }
}

/// The JSON body of a raw HTTP request: what follows the first blank line. The request must
/// be for `action` when it names one in `X-TC-Action`.
fn request_body(action: &str, raw: &str) -> Result<Value, String> {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw
        .split_once("\n\n")
        .ok_or("has no blank line between its headers and its body")?;
    for line in head.lines() {
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("x-tc-action")
            && value.trim() != action
        {
            return Err(format!("is for the action `{}`", value.trim()));
        }
    }
    let body = body.trim();
    if body.is_empty() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let value: Value = serde_json::from_str(body).map_err(|e| format!("body is not JSON: {e}"))?;
    if !value.is_object() {
        return Err("body is not a JSON object".into());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_body_follows_the_blank_line() {
        let raw = "POST / HTTP/1.1\nHost: ess.tencentcloudapi.com\nX-TC-Action: A\n<公共请求参数>\n\n{\"X\": 1}";
        assert_eq!(request_body("A", raw), Ok(serde_json::json!({"X": 1})));
        assert_eq!(
            request_body("B", raw),
            Err("is for the action `A`".to_owned())
        );
        assert!(request_body("A", "POST / HTTP/1.1").is_err());
        assert!(
            request_body("A", "POST /\n\n{oops")
                .unwrap_err()
                .starts_with("body is not JSON")
        );
        assert_eq!(request_body("A", "POST /\n\n"), Ok(serde_json::json!({})));
    }
}
