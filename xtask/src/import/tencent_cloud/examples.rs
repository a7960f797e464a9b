//! The catalogue's examples as spec examples: the JSON body out of the raw HTTP request text,
//! the JSON response, and the error code an error response carries.

use serde_json::Value;

use super::ImportError;
use super::catalogue::{Api, Example, Object};
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
    let mut names = std::collections::BTreeSet::new();
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
        let zh = docs_text(&example.title, &example.document);
        let kept = kept
            .iter()
            .find(|k| k.docs.zh.is_some() && k.docs.zh == zh)
            .or_else(|| kept.get(index));
        let mut name = kept
            .map(|k| k.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("example_{}", index + 1));
        if !names.insert(name.clone()) {
            name = format!("example_{}", index + 1);
            names.insert(name.clone());
        }
        out.push(output::Example {
            name,
            docs: Docs {
                zh,
                en: kept.and_then(|k| k.docs.en.clone()),
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
