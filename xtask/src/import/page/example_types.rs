//! Types read from a page's examples where its tables say nothing: the keys of an example
//! object become a named type, typed by their values, objects inside it types of their own.
//! Objects keyed by data (`{"lock_rule": {…}, "off_shelves_time": {…}}`, `{"1001": …}`,
//! `{"销售部": …}`) are maps, not types: their keys are no field names.

use std::collections::BTreeSet;

use serde_json::Value;

use super::example_values::{EXAMPLE_DEPTH, from_value, keyed_by_data};
use super::fields::{Builder, last_segment};
use super::model::{Field, TypeDef, pascal};
use super::nesting::Node;

impl Builder<'_> {
    /// The type of a row with no type word the importer knows and no rows of its own: the
    /// example's keys in depth, records of an open shared type, or the example value's type.
    pub(super) fn untyped(
        &mut self,
        node: &Node,
        written: &str,
        example: Option<&Value>,
        request: bool,
        todos: &mut Vec<String>,
    ) -> String {
        // No table type and no rows of its own: the example's keys, in depth.
        if written.is_empty()
            && let Some(keys) = example.and_then(Value::as_object)
            && !keys.is_empty()
        {
            if let Some(why) = keyed_by_data(keys) {
                todos.push(format!("the page gives no type, and in the example {why}"));
                return "map<json>".to_owned();
            }
            todos.push("the page gives no type: a type of the example's keys".to_owned());
            return self.object_from_example(
                &node.path,
                keys,
                &node.row.description,
                request,
                todos,
            );
        }
        // Records of an open shared type (`dataList: [{_id, owner, life_status…}]`).
        if written.is_empty()
            && let Some(Value::Array(items)) = example
            && let Some(Value::Object(keys)) = items.first()
            && let Some(shared) = self.provider.open_struct_holding(keys)
        {
            todos.push(format!(
                "the page gives no type; its example's records have most keys of the provider's open shared type `{shared}`: `list<{shared}>`"
            ));
            return format!("list<{shared}>");
        }
        let guess = example.map(from_value);
        let guess = guess.as_deref();
        match (written.is_empty(), guess) {
            (true, Some(g)) => todos.push(format!(
                "the page gives no type; `{g}` read from the example"
            )),
            (false, Some(g)) => todos.push(format!(
                "the page's type `{written}` is no type word; `{g}` read from the example"
            )),
            (_, None) => todos.push(format!(
                "the page gives no type{}; `json` until someone checks",
                if written.is_empty() {
                    String::new()
                } else {
                    format!(" (it says `{written}`)")
                }
            )),
        }
        guess.unwrap_or("json").to_owned()
    }

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
