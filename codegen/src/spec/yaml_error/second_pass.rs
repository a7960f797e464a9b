//! Every mistake of a file, not only the first: serde stops at the first unknown key or
//! value of the wrong kind, so after a failed parse the file is read again as a plain YAML
//! tree ([`Node`]) and walked against the JSON Schema of its model type — the same schema
//! editors get, derived from the same types, so the two cannot disagree on which keys exist.
//!
//! The walk reports unknown keys, missing keys, values of the wrong kind and unknown names
//! of a fixed list, each where it is written, in the words [`translate`](super::translate)
//! uses. It does not descend into a node it reported (one cause, one error).

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use super::source::Source;
use super::{FileKind, expected_for_key, missing_field, unknown_key_help, what_from_expected};
use crate::diagnostics::{Pos, backticked, did_you_mean};
use crate::spec::yaml_tree::{Key, Kind, Node};

/// One located problem: position, message, help.
pub(in crate::spec) type Found = (Pos, String, Option<String>);

/// The problems of `text` against the schema of `T`; empty when the text is not YAML the
/// tree can be read from (the parse error is then the only message).
pub(in crate::spec) fn problems<T: JsonSchema>(text: &str, kind: FileKind) -> Vec<Found> {
    let Some(root) = Node::parse(text) else {
        return Vec::new();
    };
    let mut generator = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let schema = generator.root_schema_for::<T>().to_value();
    let defs = generator.take_definitions(true);
    let mut walk = Walk {
        defs: &defs,
        src: Source::new(text),
        text,
        kind,
        out: Vec::new(),
    };
    walk.node(&root, &schema, None, 0);
    walk.out
}

/// Deeper than this the walk stops: the model's own nesting is far shallower, and example
/// data (`json`) has no schema to walk.
const MAX_DEPTH: usize = 64;

struct Walk<'a> {
    defs: &'a Map<String, Value>,
    src: Source<'a>,
    text: &'a str,
    kind: FileKind,
    out: Vec<Found>,
}

impl<'a> Walk<'a> {
    fn node(&mut self, node: &Node, schema: &Value, key: Option<&Key>, depth: usize) {
        let defs = self.defs;
        let Some(schema) = resolve(defs, schema, node, 0) else {
            return;
        };
        if depth > MAX_DEPTH || matches!(node.kind, Kind::Null) && allows_null(schema) {
            return;
        }
        if let Some(expected) = self.mismatch(schema, node, key) {
            let found = self.src.mismatch(node.pos, &expected);
            self.out.push(found);
            return;
        }
        let names = enum_names(schema);
        if !names.is_empty()
            && let Kind::String(s) = &node.kind
            && !names.contains(&s.as_str())
        {
            let help =
                did_you_mean(s, names.iter().copied()).map(|m| format!("did you mean `{m}`?"));
            let message = format!(
                "{}unknown value `{s}`, expected one of {}",
                self.src.key_prefix(node.pos),
                backticked(names.iter())
            );
            self.out.push((node.pos, message, help));
            return;
        }
        match &node.kind {
            Kind::Map(entries) => self.mapping(node, entries, schema, depth),
            Kind::List(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for item in items {
                        self.node(item, item_schema, None, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    fn mapping(&mut self, node: &Node, entries: &[(Key, Node)], schema: &Value, depth: usize) {
        let props = schema.get("properties").and_then(Value::as_object);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        let names: Vec<&str> =
            props.map_or_else(Vec::new, |p| p.keys().map(String::as_str).collect());
        // A misspelt key is one mistake: the key it was meant to be is not missing as well.
        let mut meant: Vec<&str> = Vec::new();
        for (key, value) in entries {
            match props.and_then(|p| p.get(&key.text)) {
                Some(sub) => self.node(value, sub, Some(key), depth + 1),
                None if closed => {
                    meant.extend(did_you_mean(&key.text, names.iter().copied()));
                    let help = unknown_key_help(&key.text, &names, key.pos, self.text);
                    let message = format!(
                        "unknown key `{}` in {}",
                        key.text,
                        what_from_expected(&names)
                    );
                    self.out.push((key.pos, message, Some(help)));
                }
                None => {
                    if let Some(sub) = schema.get("additionalProperties").filter(|s| s.is_object())
                    {
                        self.node(value, sub, Some(key), depth + 1);
                    }
                }
            }
        }
        let first = entries.first().map_or(node.pos, |(k, _)| k.pos);
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !entries.iter().any(|(k, _)| k.text == required) && !meant.contains(&required) {
                let found = missing_field(&self.src, first, required, self.kind);
                self.out.push(found);
            }
        }
    }

    /// What the node should have been, when it is of a kind the schema does not allow.
    fn mismatch(&self, schema: &Value, node: &Node, key: Option<&Key>) -> Option<String> {
        let types = types_of(schema);
        if types.is_empty() || fits(schema, node) {
            return None;
        }
        let by_key = || key.and_then(|k| expected_for_key(&k.text));
        Some(match types.iter().find(|t| **t != "null").copied()? {
            "object" => "a mapping".to_owned(),
            "array" => "a list".to_owned(),
            "boolean" => "a boolean (`true` or `false`)".to_owned(),
            "integer" => by_key().map_or_else(|| "an integer".to_owned(), Into::into),
            "number" => "a number".to_owned(),
            _ => "a string".to_owned(),
        })
    }
}

/// The schema `schema` stands for: `$ref`s followed, `null` alternatives of an `Option`
/// dropped, and of several alternatives the one of the node's kind (or none: not walked).
fn resolve<'s>(
    defs: &'s Map<String, Value>,
    schema: &'s Value,
    node: &Node,
    depth: usize,
) -> Option<&'s Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        return resolve(defs, defs.get(name)?, node, depth + 1);
    }
    let alternatives = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Value::as_array);
    let Some(alternatives) = alternatives else {
        return Some(schema);
    };
    if !alternatives.is_empty() && alternatives.iter().all(|a| a.get("const").is_some()) {
        // A unit enum with documented variants: its names are the consts.
        return Some(schema);
    }
    let candidates: Vec<&Value> = alternatives
        .iter()
        .filter_map(|a| resolve(defs, a, node, depth + 1))
        .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
        .collect();
    match candidates.as_slice() {
        [] => None,
        [one] => Some(one),
        many => {
            let fitting: Vec<&&Value> = many.iter().filter(|a| fits(a, node)).collect();
            match fitting.as_slice() {
                [one] => Some(one),
                _ => None,
            }
        }
    }
}

/// The names a string enum's schema allows: its `enum`, or the `const`s of its `oneOf`.
fn enum_names(schema: &Value) -> Vec<&str> {
    if let Some(names) = schema.get("enum").and_then(Value::as_array) {
        return names.iter().filter_map(Value::as_str).collect();
    }
    schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array)
        .map(|alts| {
            alts.iter()
                .filter_map(|a| a.get("const").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default()
}

/// The `type`s a schema allows (none: anything).
fn types_of(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn allows_null(schema: &Value) -> bool {
    let types = types_of(schema);
    types.is_empty() || types.contains(&"null")
}

/// Whether the node is of a kind the schema allows. Scalars are lenient the way the
/// loader is: a plain scalar reads as a string, an integer as a number.
fn fits(schema: &Value, node: &Node) -> bool {
    let types = types_of(schema);
    if types.is_empty() {
        return true;
    }
    types.iter().any(|t| match (*t, &node.kind) {
        ("null", Kind::Null)
        | ("object", Kind::Map(_))
        | ("array", Kind::List(_))
        | ("boolean", Kind::Bool)
        | ("integer", Kind::Integer)
        | ("number", Kind::Integer | Kind::Number) => true,
        ("string", kind) => !matches!(kind, Kind::Map(_) | Kind::List(_) | Kind::Null),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::model::{EndpointFile, ProviderFile, TypesFile};

    /// Every file of the project's spec and of the test fixtures loads without errors, so
    /// the walk must find nothing in them: a finding there would be a message
    /// about a mistake that is not one.
    #[test]
    fn finds_nothing_in_valid_specs() {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for root in [
            manifest.join("../api-spec"),
            manifest.join("tests/fixtures"),
        ] {
            let mut stack = vec![root];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                        continue;
                    }
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if !name.ends_with(".yaml") || name == "crate.yaml" {
                        continue;
                    }
                    let text = std::fs::read_to_string(&path).expect("read file");
                    let found = match name.as_str() {
                        "provider.yaml" => problems::<ProviderFile>(&text, FileKind::Provider),
                        "types.yaml" => problems::<TypesFile>(&text, FileKind::Types),
                        _ => problems::<EndpointFile>(&text, FileKind::Endpoint),
                    };
                    assert!(found.is_empty(), "{}: {found:?}", path.display());
                    seen += 1;
                }
            }
        }
        assert!(seen > 10, "only {seen} files checked");
    }
}
