//! Types read from a page's examples where its tables say nothing: the keys of an example
//! object become a named type, typed by their values, objects inside it types of their own.
//! Objects keyed by data (`{"lock_rule": {…}, "off_shelves_time": {…}}`, `{"1001": …}`,
//! `{"销售部": …}`) are maps, not types: their keys are no field names.

use std::collections::BTreeSet;

use serde_json::Value;

use super::fields::{Builder, last_segment};
use super::model::{Field, TypeDef, pascal};

impl Builder<'_> {
    /// A named type of the keys an example list item has, typed by their values: objects in
    /// it become types of their own, at most [`EXAMPLE_DEPTH`] deep. In an answer every key is
    /// optional, as one record does not show that every record has it; in a request, what
    /// the example sends is read as required.
    pub(super) fn object_from_example(
        &mut self,
        path: &str,
        keys: &serde_json::Map<String, Value>,
        docs: &str,
        request: bool,
        todos: &mut Vec<String>,
    ) -> String {
        let names: BTreeSet<String> = keys.keys().cloned().collect();
        if let Some(shared) = self.provider.shared_struct_for(&names, false, "") {
            todos.push(format!(
                "the example's keys are those of the provider's shared type `{shared}`: it is used"
            ));
            return shared.to_owned();
        }
        if let Some(shared) = self.provider.open_struct_holding(keys) {
            todos.push(format!(
                "the example has most keys of the provider's open shared type `{shared}` (and keys of its own, which an open type keeps): it is used"
            ));
            return shared.to_owned();
        }
        let name = self.unique(&format!("{}{}", self.prefix, pascal(&last_segment(path))));
        let slot = self.types.len();
        self.types.push(TypeDef {
            name: name.clone(),
            docs: docs.to_owned(),
            todos: vec!["the type's name is the importer's: rename it to what it holds".to_owned()],
            ..TypeDef::default()
        });
        let depth = path.matches('.').count();
        let fields = keys
            .iter()
            .map(|(key, value)| {
                let mut todos = vec![if request {
                    "a key of the page's example, not of its table: type and requiredness read from the example"
                } else {
                    "a key of the page's example, not of its table: type read from the example, optional as one record does not show every record has it"
                }
                .to_owned()];
                let ty = match value {
                    Value::Object(inner) if let Some(why) = keyed_by_data(inner) => {
                        todos.push(why.to_owned());
                        "map<json>".to_owned()
                    }
                    Value::Object(inner) if !inner.is_empty() && depth < EXAMPLE_DEPTH => self
                        .object_from_example(
                            &format!("{path}.{key}"),
                            inner,
                            "",
                            request,
                            &mut todos,
                        ),
                    Value::Array(items) if depth < EXAMPLE_DEPTH => match items.first() {
                        Some(Value::Object(inner))
                            if !inner.is_empty() && keyed_by_data(inner).is_none() =>
                        {
                            format!(
                            "list<{}>",
                            self.object_from_example(
                                &format!("{path}.{key}"),
                                inner,
                                "",
                                request,
                                &mut todos
                            )
                        )
                        }
                        _ => from_value(value),
                    },
                    _ => from_value(value),
                };
                Field {
                    name: key.clone(),
                    ty,
                    required: request,
                    todos,
                    ..Field::default()
                }
            })
            .collect();
        self.types[slot].fields = fields;
        name
    }
}

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
