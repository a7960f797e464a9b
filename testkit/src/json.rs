//! Where two JSON values first differ, for messages that point at the field instead of
//! printing two whole bodies.

use serde_json::Value;

/// The first difference between `expected` and `actual` as `path: expected …, got …`
/// (`$` is the root; object keys in `expected`'s order, then keys only `actual` has), or
/// `None` when they are equal.
pub fn first_difference(expected: &Value, actual: &Value) -> Option<String> {
    walk("$", expected, actual)
}

fn walk(path: &str, expected: &Value, actual: &Value) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let here = format!("{path}.{key}");
                match a.get(key) {
                    Some(got) => {
                        if let Some(d) = walk(&here, value, got) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("{here}: expected {value}, missing")),
                }
            }
            a.iter()
                .find(|(key, _)| !e.contains_key(*key))
                .map(|(key, got)| format!("{path}.{key}: not expected, got {got}"))
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(i, (e, a))| walk(&format!("{path}[{i}]"), e, a)),
        (Value::Array(e), Value::Array(a)) => Some(format!(
            "{path}: expected a list of {}, got a list of {}",
            e.len(),
            a.len()
        )),
        _ if expected == actual => None,
        _ => Some(format!("{path}: expected {expected}, got {actual}")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::first_difference;

    #[test]
    fn names_the_first_path_that_differs() {
        let expected = json!({"A": {"B": [1, 2]}, "C": "x"});
        assert_eq!(first_difference(&expected, &expected.clone()), None);
        let cases = [
            (
                json!({"A": {"B": [1, 3]}, "C": "x"}),
                "$.A.B[1]: expected 2, got 3",
            ),
            (
                json!({"A": {"B": [1]}, "C": "x"}),
                "$.A.B: expected a list of 2, got a list of 1",
            ),
            (json!({"A": {"B": [1, 2]}}), "$.C: expected \"x\", missing"),
            (
                json!({"A": {"B": [1, 2]}, "C": "x", "D": null}),
                "$.D: not expected, got null",
            ),
            (
                json!({"A": {"B": [1, 2]}, "C": 1}),
                "$.C: expected \"x\", got 1",
            ),
            (
                json!([1]),
                "$: expected {\"A\":{\"B\":[1,2]},\"C\":\"x\"}, got [1]",
            ),
        ];
        for (actual, message) in cases {
            assert_eq!(
                first_difference(&expected, &actual).as_deref(),
                Some(message)
            );
        }
    }
}
