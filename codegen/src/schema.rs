//! The JSON Schema of spec files (`api-spec/spec.schema.json`), derived from the
//! [`model`](crate::spec::model) types so that editor help and the loader cannot disagree.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use crate::spec::model::{CrateFile, EndpointFile, ProviderFile, TypesFile};

/// The JSON Schema every spec file matches: a provider file, a types file, an endpoint
/// file or the crate file (`anyOf` of the four definitions under `$defs`).
///
/// The doc comments of the model types are the `description`s. Object keys are sorted, so
/// the output is the same on every run.
pub fn spec_json_schema() -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    let any_of = vec![
        generator.subschema_for::<ProviderFile>().to_value(),
        generator.subschema_for::<TypesFile>().to_value(),
        generator.subschema_for::<EndpointFile>().to_value(),
        generator.subschema_for::<CrateFile>().to_value(),
    ];
    let defs = generator.take_definitions(true);

    let mut root = Map::new();
    root.insert(
        "$schema".to_owned(),
        Value::from("https://json-schema.org/draft/2020-12/schema"),
    );
    root.insert("title".to_owned(), Value::from("bindery API spec file"));
    root.insert(
        "description".to_owned(),
        Value::from(
            "A file below `api-spec/<provider>/`: `provider.yaml` (ProviderFile), `types.yaml` \
             (TypesFile), or any other `*.yaml` (EndpointFile); or `api-spec/crate.yaml` \
             (CrateFile).",
        ),
    );
    root.insert("anyOf".to_owned(), Value::Array(any_of));
    root.insert("$defs".to_owned(), Value::Object(defs));
    sorted(Value::Object(root))
}

/// The same value with every object's keys in sorted order.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_all_three_files_deterministically() {
        let schema = spec_json_schema();
        let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        assert_eq!(
            text,
            serde_json::to_string_pretty(&spec_json_schema()).unwrap_or_default()
        );
        let defs = schema.get("$defs").and_then(Value::as_object);
        let defs = defs
            .map(|d| d.keys().cloned().collect::<Vec<_>>())
            .unwrap_or_default();
        for name in [
            "ProviderFile",
            "TypesFile",
            "EndpointFile",
            "CrateFile",
            "Field",
            "Constraints",
        ] {
            assert!(defs.iter().any(|d| d == name), "missing {name} in {defs:?}");
        }
        let idempotent = schema
            .pointer("/$defs/EndpointFile/properties/idempotent/description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        assert!(idempotent.contains("retry"), "{idempotent}");
        assert_eq!(
            schema.get("anyOf").and_then(Value::as_array).map(Vec::len),
            Some(4)
        );
    }
}
