//! JSON values as text: query parameters of GET requests and protocols, and the kind names
//! errors use.

use serde_json::{Map, Value};
use url::Url;

pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Scalars as text; `None` for `null`, arrays and objects.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

pub(crate) fn push_param(pairs: &mut Vec<(String, String)>, key: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Null => {}
                    Value::Array(_) | Value::Object(_) => {
                        pairs.push((key.to_owned(), item.to_string()))
                    }
                    scalar => pairs.extend(scalar_text(scalar).map(|text| (key.to_owned(), text))),
                }
            }
        }
        Value::Object(_) => pairs.push((key.to_owned(), value.to_string())),
        scalar => pairs.extend(scalar_text(scalar).map(|text| (key.to_owned(), text))),
    }
}

pub(crate) fn query_pairs(fields: &Map<String, Value>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (key, value) in fields {
        push_param(&mut pairs, key, value);
    }
    pairs
}

pub(crate) fn append_query(url: &mut Url, pairs: &[(String, String)]) {
    // `query_pairs_mut` leaves a bare `?` behind even when nothing is appended.
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_flattening() {
        let fields = serde_json::json!({
            "s": "a b&c", "n": 3, "f": 1.5, "b": true, "z": null,
            "arr": ["x", 2, null, {"k": 1}], "obj": {"k": [1]}
        });
        let Value::Object(map) = fields else {
            unreachable!()
        };
        let pairs = query_pairs(&map);
        let expected: Vec<(String, String)> = [
            ("s", "a b&c"),
            ("n", "3"),
            ("f", "1.5"),
            ("b", "true"),
            ("arr", "x"),
            ("arr", "2"),
            ("arr", r#"{"k":1}"#),
            ("obj", r#"{"k":[1]}"#),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(pairs, expected);
    }
}
