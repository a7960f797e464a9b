//! What an example value says of its type: the type expression of a scalar or list, and
//! whether an object is keyed by data (a map) rather than by field names (a type).

use std::collections::BTreeSet;

use serde_json::Value;

/// How deep example objects become types of their own; deeper ones stay `map<json>`.
pub(super) const EXAMPLE_DEPTH: usize = 8;

/// Why an example object is keyed by data rather than by field names, if it is: a key no
/// field could be named (`1001`, `销售部`, `a b`), or two keys or more whose values are all
/// objects of one shape (records, as `fields: {lock_rule: {…}, off_shelves_time: {…}}`).
/// Objects of different shapes (`{"owner": {"id"}, "dept": {"name"}}`) are fields.
pub(super) fn keyed_by_data(object: &serde_json::Map<String, Value>) -> Option<&'static str> {
    let is_name = |k: &str| {
        k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if object.keys().any(|k| !is_name(k)) {
        return Some(
            "its keys are no field names (numbers, words with spaces or not in ASCII): keys that name data, so `map<json>`",
        );
    }
    let shapes: Vec<BTreeSet<&String>> = object
        .values()
        .map(|v| v.as_object().map(|o| o.keys().collect()))
        .collect::<Option<_>>()?;
    let smallest = shapes.iter().map(BTreeSet::len).min()?;
    let common = shapes.iter().skip(1).fold(shapes[0].clone(), |acc, s| {
        acc.intersection(s).copied().collect()
    });
    (shapes.len() >= 2 && common.len() >= 2 && common.len() * 2 >= smallest).then_some(
        "every value of this object is an object of one shape: records keyed by data, so `map<json>`",
    )
}

/// The type an example value has.
pub(super) fn from_value(value: &Value) -> String {
    match value {
        Value::Bool(_) => "bool".to_owned(),
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            if n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()) {
                "i32"
            } else {
                "i64"
            }
            .to_owned()
        }
        Value::Number(_) => "f64".to_owned(),
        Value::String(_) => "string".to_owned(),
        Value::Array(items) => match items.first() {
            Some(item) => format!("list<{}>", from_value(item)),
            None => "list<json>".to_owned(),
        },
        Value::Object(_) => "map<json>".to_owned(),
        Value::Null => "json".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keyed(value: Value) -> bool {
        keyed_by_data(value.as_object().unwrap()).is_some()
    }

    #[test]
    fn data_keys_are_numbers_words_or_records_of_one_shape() {
        assert!(keyed(json!({"1001": "a"})));
        assert!(keyed(json!({"销售部": 1})));
        assert!(keyed(json!({"a b": 1, "c": 2})));
        assert!(keyed(json!({
            "lock_rule": {"api_name": "lock_rule", "type": "lock_rule", "label": "L"},
            "name": {"api_name": "name", "type": "text", "label": "N", "max_length": 100},
        })));
        // Field names: scalars, one object, objects of different shapes, shapes of one key.
        assert!(!keyed(json!({"id": 1, "name": "x"})));
        assert!(!keyed(json!({"user": {"id": 1, "name": "x"}})));
        assert!(!keyed(
            json!({"user": {"id": 1}, "dept": {"name": "x", "size": 2}})
        ));
        assert!(!keyed(json!({"a": {"id": 1}, "b": {"id": 2}})));
        assert!(!keyed(json!({"_id": {"x": 1, "y": 2}, "data": 3})));
    }

    #[test]
    fn example_values_type_by_range() {
        assert_eq!(from_value(&json!(7)), "i32");
        assert_eq!(from_value(&json!(1519985373616_i64)), "i64");
        assert_eq!(from_value(&json!(1.5)), "f64");
        assert_eq!(from_value(&json!([["a"]])), "list<list<string>>");
        assert_eq!(from_value(&json!([])), "list<json>");
        assert_eq!(from_value(&json!(null)), "json");
    }
}
