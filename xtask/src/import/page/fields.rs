//! Rows to fields: dotted names (`data.object_data`) and marked rows (`- uuid`) nest under
//! their parent, type words become type expressions, objects with rows of their own and
//! entity tables (`UserRelation 实体`) become named types, and descriptions give enums,
//! fixed values and constraints. Types the page leaves out are read from its examples, with
//! a doubt.

use std::collections::BTreeSet;

use serde_json::Value;

use super::context::Provider;
use super::example_values::{from_value, keyed_by_data};
use super::examples::Example;
use super::hints;
use super::model::{Field, TypeDef, example_value, pascal};
use super::nesting::{Node, nest_by_examples, nest_by_shared_types, tree};
use super::sections::PageEndpoint;
use super::tables::Row;
use super::vendor_types::{self, VendorType};

/// Builds the fields of one endpoint and the named types they need.
pub(crate) struct Builder<'a> {
    pub(super) prefix: String,
    pub(super) provider: &'a Provider,
    page: &'a PageEndpoint,
    pub(super) types: Vec<TypeDef>,
    examples: Vec<&'a Example>,
    /// How many lists the field being built is inside: one example record is no evidence
    /// that every record has a key.
    in_list: usize,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(endpoint: &str, provider: &'a Provider, page: &'a PageEndpoint) -> Self {
        Builder {
            prefix: pascal(endpoint),
            provider,
            page,
            types: Vec::new(),
            examples: Vec::new(),
            in_list: 0,
        }
    }

    /// The named types built so far.
    pub(crate) fn finish(self) -> Vec<TypeDef> {
        self.types
    }

    /// The fields of a table's rows, without the `skip`ped ones (and what nests under them).
    pub(crate) fn fields(
        &mut self,
        rows: &[Row],
        skip: &[String],
        part: &str,
        request: bool,
    ) -> Vec<Field> {
        // Success answers only: a failure has none of the result's fields.
        let provider = self.provider;
        self.examples = match part {
            "response" => self
                .page
                .response_examples
                .iter()
                .filter(|e| super::model::failure_code(&e.value, provider).is_none())
                .collect(),
            _ => self.page.request_examples.iter().collect(),
        };
        let kept: Vec<Row> = rows
            .iter()
            .filter(|r| {
                let top = r.name.split('.').next().unwrap_or(&r.name);
                !skip.iter().any(|s| s == &r.name || s == top)
            })
            .cloned()
            .collect();
        let mut kept = kept;
        nest_by_examples(&mut kept, &self.examples);
        nest_by_shared_types(&mut kept, &self.provider.shared_structs);
        let (nodes, roots) = tree(&kept);
        let names: Vec<String> = roots
            .iter()
            .map(|&i| last_segment(&nodes[i].path))
            .collect();
        roots
            .iter()
            .map(|&i| self.field(&nodes, i, &names, request))
            .collect()
    }

    fn field(&mut self, nodes: &[Node], index: usize, siblings: &[String], request: bool) -> Field {
        let node = &nodes[index];
        let row = &node.row;
        let name = last_segment(&node.path);
        let mut field = Field {
            name: name.clone(),
            docs: row.description.clone(),
            todos: row.doubts.clone(),
            ..Field::default()
        };
        match row.required {
            Some(required) => field.required = required,
            // What every example (every success answer) has is read as required.
            None if self.in_list > 0 && !request => field.todos.push(
                "the page does not say whether it is required: optional, as one example record does not show that every record has it"
                    .to_owned(),
            ),
            None if self.examples.iter().any(|e| !e.partial) => {
                field.required = self
                    .examples
                    .iter()
                    .filter(|e| !e.partial)
                    .all(|e| example_value(std::slice::from_ref(e), &node.path).is_some());
                field.todos.push(format!(
                    "the page does not say whether it is required: {}",
                    if field.required {
                        "every example has it"
                    } else {
                        "an example lacks it"
                    }
                ));
            }
            None if request => field
                .todos
                .push("the page does not say whether it is required".to_owned()),
            None => {}
        }
        field.ty = self.type_of(nodes, index, &mut field.todos, request);
        let integer = matches!(field.ty.as_str(), "i32" | "i64");
        let string = field.ty == "string";
        if integer || string {
            let others: Vec<String> = siblings.iter().filter(|s| **s != name).cloned().collect();
            let hints = hints::read(&row.description, integer, string, &others);
            field.todos.extend(hints.doubts.iter().cloned());
            if let Some(fixed) = hints.fixed {
                field.fixed = Some(fixed);
            } else if let Some(values) =
                self.values_of(&name, &hints.values, integer, &mut field.todos)
            {
                let type_name = self.unique(&format!("{}{}", self.prefix, pascal(&name)));
                self.types.push(TypeDef {
                    name: type_name.clone(),
                    docs: row.description.clone(),
                    values,
                    todos: vec![
                        "values read from the page's text: check the list is whole".to_owned(),
                    ],
                    ..TypeDef::default()
                });
                field.ty = type_name;
            } else {
                field.constraints = hints.constraints;
                field.default = hints.default.filter(|_| !field.required);
            }
        }
        field
    }

    /// Values a field takes: from its description, or from the page's value table for it.
    fn values_of(
        &self,
        name: &str,
        described: &[(Value, String)],
        integer: bool,
        todos: &mut Vec<String>,
    ) -> Option<Vec<(Value, String)>> {
        if !described.is_empty() {
            return Some(described.to_vec());
        }
        let (_, table) = self.page.values.iter().find(|(field, _)| field == name)?;
        if !table.raw.is_empty() && table.header.form != super::tables::Form::Cells {
            todos.push(format!(
                "the page's value table for `{name}` has its cells run together, so its values cannot be told apart: {}",
                table.raw.join(" / ")
            ));
            return None;
        }
        let values: Vec<(Value, String)> = table
            .raw
            .iter()
            .filter_map(|raw| {
                let mut cells = raw.split(" | ");
                let value = cells.next()?.trim().to_owned();
                Some((
                    Value::String(value),
                    cells.next().unwrap_or_default().trim().to_owned(),
                ))
            })
            .collect();
        // An integer field's values are numbers on the wire, when every one reads as one.
        let numbers: Option<Vec<(Value, String)>> = values
            .iter()
            .map(|(v, meaning)| {
                let n = v.as_str()?.parse::<i64>().ok()?;
                Some((Value::from(n), meaning.clone()))
            })
            .collect();
        let values = match numbers {
            Some(numbers) if integer => numbers,
            _ => values,
        };
        (!values.is_empty()).then_some(values)
    }

    fn type_of(
        &mut self,
        nodes: &[Node],
        index: usize,
        todos: &mut Vec<String>,
        request: bool,
    ) -> String {
        let node = &nodes[index];
        let written = node.row.ty.as_deref().unwrap_or_default();
        let read = vendor_types::read(written, self.provider.dialect());
        let has_children = !node.children.is_empty();
        let example = example_value(&self.examples, &node.path).cloned();
        match read {
            Some(VendorType::Scalar(s)) if !has_children => s.to_owned(),
            Some(VendorType::List(inner)) => match (has_children, inner) {
                (true, _) => format!("list<{}>", self.list_object(nodes, index, request, todos)),
                (false, Some(inner)) => format!("list<{}>", self.named_or(&inner, todos, request)),
                // The table and the example disagree: neither is taken.
                (false, None) if example.as_ref().is_some_and(Value::is_object) => {
                    todos.push(format!(
                        "the page says `{written}`, its example shows an object: `json` until someone checks"
                    ));
                    "json".to_owned()
                }
                (false, None) => {
                    let first = example
                        .as_ref()
                        .and_then(|v| v.as_array().and_then(|a| a.first()).cloned());
                    let (item, from) = match &first {
                        // Objects whose keys only the example gives: a type of those keys.
                        Some(Value::Object(keys))
                            if !keys.is_empty() && keyed_by_data(keys).is_none() =>
                        {
                            (
                                self.object_from_example(
                                    &node.path,
                                    keys,
                                    &node.row.description,
                                    request,
                                    todos,
                                ),
                                "the example's keys",
                            )
                        }
                        Some(v) => (from_value(v), "the example"),
                        // `Data ID list`, `数据ID列表`: ids are strings.
                        None if node.row.description.to_lowercase().contains("id") => {
                            ("string".to_owned(), "its text (ids)")
                        }
                        None => ("json".to_owned(), "nothing: no example shows one"),
                    };
                    todos.push(format!("the page says `{written}` without the item type; `{item}` items, from {from}"));
                    format!("list<{item}>")
                }
            },
            Some(VendorType::Named(name)) if !has_children => {
                self.named_or(&VendorType::Named(name), todos, request)
            }
            _ if has_children && example.as_ref().is_some_and(Value::is_array) => {
                format!("list<{}>", self.list_object(nodes, index, request, todos))
            }
            _ if has_children => {
                // `Map` says the keys are open; `Object` only that it is one.
                let open = nodes[index]
                    .row
                    .ty
                    .as_deref()
                    .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("map"));
                self.shared_or_object(nodes, index, request, open, todos)
            }
            Some(VendorType::Object) => {
                todos.push(
                    "an object whose keys the page does not list: kept as `map<json>`".to_owned(),
                );
                "map<json>".to_owned()
            }
            _ => self.untyped(node, written, example.as_ref(), request, todos),
        }
    }

    /// A named type's expression: an entity table on the page, a shared type, or `json`.
    fn named_or(&mut self, t: &VendorType, todos: &mut Vec<String>, request: bool) -> String {
        match t {
            VendorType::Named(name) => {
                if self.types.iter().any(|d| &d.name == name)
                    || self.provider.shared_types.contains(name)
                {
                    return name.clone();
                }
                let Some((_, table)) = self.page.entities.iter().find(|(n, _)| n == name) else {
                    todos.push(format!(
                        "the page names the type `{name}` but does not describe it"
                    ));
                    return "json".to_owned();
                };
                let rows = table.rows.clone();
                let (nodes, roots) = tree(&rows);
                let names: Vec<String> = roots
                    .iter()
                    .map(|&i| last_segment(&nodes[i].path))
                    .collect();
                let slot = self.types.len();
                self.types.push(TypeDef {
                    name: name.clone(),
                    docs: format!("{name} 实体"),
                    ..TypeDef::default()
                });
                let fields = roots
                    .iter()
                    .map(|&i| self.field(&nodes, i, &names, request))
                    .collect();
                self.types[slot].fields = fields;
                name.clone()
            }
            VendorType::List(Some(inner)) => {
                format!("list<{}>", self.named_or(inner, todos, request))
            }
            other => other.expression("map<json>"),
        }
    }

    /// The provider's shared struct the node's children are (see
    /// [`Provider::shared_struct_for`]; `open` when the page calls the object a `Map`), else a
    /// named struct of them.
    fn shared_or_object(
        &mut self,
        nodes: &[Node],
        index: usize,
        request: bool,
        open: bool,
        todos: &mut Vec<String>,
    ) -> String {
        let children = &nodes[index].children;
        let keys: Vec<String> = children
            .iter()
            .map(|&i| last_segment(&nodes[i].path))
            .collect();
        let placeholder = keys.iter().any(|k| is_placeholder_key(k));
        let named: BTreeSet<String> = keys
            .iter()
            .filter(|k| !is_placeholder_key(k))
            .cloned()
            .collect();
        let field = last_segment(&nodes[index].path);
        let shared = self
            .provider
            .shared_struct_for(&named, open || placeholder, &field);
        let Some(shared) = shared else {
            return self.object(nodes, index, request, todos);
        };
        let shared = shared.to_owned();
        let required: Vec<&str> = children
            .iter()
            .filter(|&&i| nodes[i].row.required == Some(true))
            .map(|&i| nodes[i].row.name.rsplit('.').next().unwrap_or_default())
            .filter(|k| !is_placeholder_key(k))
            .collect();
        todos.push(format!(
            "the page's keys ({}) are those of the provider's shared type `{shared}`: it is used{}",
            keys.join(", "),
            if required.is_empty() {
                String::new()
            } else {
                format!(
                    "; the page marks {} required: check the shared type agrees, else list them under `requires`",
                    required.join(", ")
                )
            }
        ));
        todos.extend(doubts_under(nodes, index));
        shared
    }

    /// The item type of a list whose rows the page lists under it.
    fn list_object(
        &mut self,
        nodes: &[Node],
        index: usize,
        request: bool,
        todos: &mut Vec<String>,
    ) -> String {
        self.in_list += 1;
        let item = self.object(nodes, index, request, todos);
        self.in_list -= 1;
        item
    }

    /// A named struct of the node's children; the provider's shared struct instead when it
    /// has exactly these keys.
    fn object(
        &mut self,
        nodes: &[Node],
        index: usize,
        request: bool,
        todos: &mut Vec<String>,
    ) -> String {
        let node = &nodes[index];
        let keys: BTreeSet<String> = node
            .children
            .iter()
            .map(|&i| last_segment(&nodes[i].path))
            .collect();
        if let Some(shared) = self.provider.shared_struct_for(&keys, false, "") {
            todos.push(format!(
                "the page's keys are those of the provider's shared type `{shared}`: it is used"
            ));
            todos.extend(doubts_under(nodes, index));
            return shared.to_owned();
        }
        let name = self.unique(&format!(
            "{}{}",
            self.prefix,
            pascal(&last_segment(&node.path))
        ));
        let slot = self.types.len();
        self.types.push(TypeDef {
            name: name.clone(),
            docs: node.row.description.clone(),
            todos: vec!["the type's name is the importer's: rename it to what it holds".to_owned()],
            ..TypeDef::default()
        });
        let names: Vec<String> = node
            .children
            .iter()
            .map(|&i| last_segment(&nodes[i].path))
            .collect();
        let fields = node
            .children
            .iter()
            .map(|&i| self.field(nodes, i, &names, request))
            .collect();
        self.types[slot].fields = fields;
        name
    }

    pub(super) fn unique(&self, wanted: &str) -> String {
        let taken = |n: &str| {
            self.types.iter().any(|t| t.name == n) || self.provider.shared_types.contains(n)
        };
        if !taken(wanted) {
            return wanted.to_owned();
        }
        (2..)
            .map(|i| format!("{wanted}{i}"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    }
}

/// A key that stands for any key (`xxx | String | Fields to be updated`).
fn is_placeholder_key(key: &str) -> bool {
    (key.len() >= 3 && key.chars().all(|c| c == 'x' || c == 'X')) || key == "..." || key == "…"
}

/// The doubts of the rows under `nodes[index]`, in page order, each naming its row: where a
/// shared type stands for the rows, what the rows said of the page must not be lost.
fn doubts_under(nodes: &[Node], index: usize) -> Vec<String> {
    let holder = format!("{}.", nodes[index].path);
    let mut out = Vec::new();
    let mut under: Vec<usize> = nodes[index].children.iter().rev().copied().collect();
    while let Some(i) = under.pop() {
        let at = nodes[i]
            .path
            .strip_prefix(&holder)
            .unwrap_or(&nodes[i].path);
        let doubts = nodes[i].row.doubts.iter();
        out.extend(doubts.map(|d| format!("`{at}`, as the page lists it: {d}")));
        under.extend(nodes[i].children.iter().rev());
    }
    out
}

pub(super) fn last_segment(path: &str) -> String {
    path.rsplit('.')
        .next()
        .unwrap_or(path)
        .trim_end_matches("[]")
        .to_owned()
}
