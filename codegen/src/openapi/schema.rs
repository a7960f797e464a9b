//! The IR's types as OpenAPI schemas: JSON Schema 2020-12 for 3.1 (`const`, `type: [T,
//! "null"]`, siblings beside `$ref`), the 3.0 dialect for 3.0 (`enum` of one value,
//! `nullable: true`, `allOf: [$ref]` where a reference needs siblings). Named types are
//! references to `components/schemas`; their component names come from [`Scope`].

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Version, text};
use crate::ir::{Bound, Constraints, Enum, Field, Struct, Type, TypeHome, TypeRef, WireValue};

/// Where names resolve: the component name of each named type an endpoint sees.
pub struct Scope<'a> {
    /// The OpenAPI version written.
    pub version: Version,
    /// The endpoint's local types: Rust name → component name (empty for shared types).
    pub local: &'a BTreeMap<String, String>,
}

impl Scope<'_> {
    /// The component a named type is.
    pub fn component(&self, r: &TypeRef) -> String {
        match r.home {
            TypeHome::Local => self.local.get(&r.name).cloned().unwrap_or(r.name.clone()),
            TypeHome::Shared => r.name.clone(),
        }
    }
}

/// A reference to a component schema.
pub fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The schema of a value of type `ty`.
pub fn of_type(scope: &Scope<'_>, ty: &Type) -> Value {
    match ty {
        Type::String => json!({"type": "string"}),
        Type::Secret => json!({"type": "string", "format": "password", "x-bindery-secret": true}),
        Type::Bool => json!({"type": "boolean"}),
        Type::I32 => json!({"type": "integer", "format": "int32"}),
        Type::I64 => json!({"type": "integer", "format": "int64"}),
        Type::U64 => json!({"type": "integer", "format": "uint64", "minimum": 0}),
        Type::F64 => json!({"type": "number", "format": "double"}),
        Type::Decimal => json!({
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}],
            "x-bindery-decimal": true,
        }),
        Type::TimestampMs => json!({
            "type": "integer", "format": "int64", "x-bindery-timestamp": "unix-milliseconds",
        }),
        Type::TimestampS => json!({
            "type": "integer", "format": "int64", "x-bindery-timestamp": "unix-seconds",
        }),
        Type::Json => json!({}),
        Type::List(inner) => json!({"type": "array", "items": of_type(scope, inner)}),
        Type::Map(inner) => {
            json!({"type": "object", "additionalProperties": of_type(scope, inner)})
        }
        Type::Named(r) => reference(&scope.component(r)),
    }
}

/// The schema of a field: its type, fixed value, constraints, default, docs and nullability.
pub fn of_field(scope: &Scope<'_>, field: &Field) -> Value {
    let base = match &field.constant {
        Some(value) => one_value(
            scope.version,
            &json!({"type": "string"}),
            value.as_str().into(),
        ),
        None => of_type(scope, &field.ty),
    };
    let mut extra = Map::new();
    constraints(&mut extra, &field.constraints);
    if let Some(default) = field.default {
        extra.insert("default".to_owned(), default.into());
    }
    text::put(&mut extra, "description", &field.docs);
    if field.from_envelope {
        extra.insert("x-bindery-envelope".to_owned(), "request_id".into());
    }
    let schema = with_siblings(scope.version, base, extra);
    if field.nullable {
        nullable(scope.version, schema)
    } else {
        schema
    }
}

/// `base` restricted to the one value `value` (`const`, or a one-value `enum` for 3.0).
pub fn one_value(version: Version, base: &Value, value: Value) -> Value {
    let mut schema = base.as_object().cloned().unwrap_or_default();
    match version {
        Version::V3_1 => schema.insert("const".to_owned(), value),
        Version::V3_0 => schema.insert("enum".to_owned(), json!([value])),
    };
    Value::Object(schema)
}

/// The object schema of `fields` (properties in spec order, `required` as the IR says).
pub fn object(scope: &Scope<'_>, fields: &[Field]) -> Map<String, Value> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        properties.insert(f.json_name.clone(), of_field(scope, f));
        if f.required {
            required.push(Value::from(f.json_name.as_str()));
        }
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), "object".into());
    schema.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".to_owned(), Value::Array(required));
    }
    schema
}

/// A struct's schema: an object (open ones allow other keys, `x-bindery-open`), or for a
/// bare struct (a body that is a JSON array) its one field's schema.
pub fn of_struct(scope: &Scope<'_>, s: &Struct) -> Value {
    if s.bare
        && let [only] = s.fields.as_slice()
    {
        let mut extra = Map::new();
        text::put(&mut extra, "description", &s.docs);
        extra.insert("x-bindery-bare".to_owned(), only.json_name.as_str().into());
        return with_siblings(scope.version, of_type(scope, &only.ty), extra);
    }
    let mut schema = object(scope, &s.fields);
    text::put(&mut schema, "description", &s.docs);
    if s.open {
        schema.insert("additionalProperties".to_owned(), true.into());
        schema.insert("x-bindery-open".to_owned(), true.into());
    }
    Value::Object(schema)
}

/// An enum's schema: its documented values, each value's docs in `x-enum-descriptions` and
/// its Rust name in `x-enum-varnames`. The client also accepts values the spec does not list
/// (`x-bindery-open-enum`), which JSON Schema's `enum` cannot say.
pub fn of_enum(e: &Enum) -> Value {
    let kind = match e.kind {
        crate::ir::EnumKind::String => "string",
        crate::ir::EnumKind::Integer => "integer",
    };
    let values: Vec<Value> = e.variants.iter().map(|v| wire(&v.value)).collect();
    let names: Vec<Value> = e
        .variants
        .iter()
        .map(|v| v.rust_name.as_str().into())
        .collect();
    let mut docs = Map::new();
    for v in &e.variants {
        let text = v.docs.en.as_ref().or(v.docs.zh.as_ref());
        if let Some(text) = text {
            docs.insert(v.value.to_string(), text.trim().into());
        }
    }
    let mut schema = Map::new();
    schema.insert("type".to_owned(), kind.into());
    schema.insert("enum".to_owned(), Value::Array(values));
    text::put(&mut schema, "description", &e.docs);
    schema.insert("x-enum-varnames".to_owned(), Value::Array(names));
    if !docs.is_empty() {
        schema.insert("x-enum-descriptions".to_owned(), Value::Object(docs));
    }
    schema.insert("x-bindery-open-enum".to_owned(), true.into());
    Value::Object(schema)
}

fn wire(value: &WireValue) -> Value {
    match value {
        WireValue::Str(s) => s.as_str().into(),
        WireValue::Int(i) => (*i).into(),
    }
}

/// The constraints as JSON Schema keywords (a sibling's multiple as `x-bindery-multiple-of`).
fn constraints(out: &mut Map<String, Value>, c: &Constraints) {
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            out.insert(key.to_owned(), v);
        }
    };
    put("minLength", c.min_length.map(Value::from));
    put("maxLength", c.max_length.map(Value::from));
    put("pattern", c.pattern.as_deref().map(Value::from));
    put("minimum", c.minimum.map(bound));
    put("maximum", c.maximum.map(bound));
    put("multipleOf", c.multiple_of.map(Value::from));
    put(
        "x-bindery-multiple-of",
        c.multiple_of_field
            .as_ref()
            .map(|(json, _, _)| json.as_str().into()),
    );
    put("minItems", c.min_items.map(Value::from));
    put("maxItems", c.max_items.map(Value::from));
}

fn bound(b: Bound) -> Value {
    match b {
        Bound::Int(i) => i64::try_from(i)
            .map(Value::from)
            .or_else(|_| u64::try_from(i).map(Value::from))
            .unwrap_or_else(|_| Value::from(i as f64)),
        Bound::Float(f) => f.into(),
    }
}

/// `base` with more keywords: merged, except that a 3.0 reference takes no siblings, so it
/// becomes `allOf: [$ref]` beside them.
pub fn with_siblings(version: Version, base: Value, extra: Map<String, Value>) -> Value {
    if extra.is_empty() {
        return base;
    }
    let Value::Object(mut schema) = base else {
        return base;
    };
    if version == Version::V3_0 && schema.contains_key("$ref") {
        let mut wrapped = Map::new();
        wrapped.insert("allOf".to_owned(), json!([Value::Object(schema)]));
        wrapped.extend(extra);
        return Value::Object(wrapped);
    }
    // A keyword of the type's own (an unsigned integer's `minimum: 0`) gives way to the
    // field's constraint.
    schema.extend(extra);
    Value::Object(schema)
}

/// `schema`, also allowing `null`.
pub fn nullable(version: Version, schema: Value) -> Value {
    let Value::Object(mut s) = schema else {
        return schema;
    };
    if let Some(Value::Array(values)) = s.get_mut("enum") {
        values.push(Value::Null);
    }
    match version {
        Version::V3_0 if s.contains_key("$ref") => {
            json!({"allOf": [Value::Object(s)], "nullable": true})
        }
        Version::V3_0 => {
            s.insert("nullable".to_owned(), true.into());
            Value::Object(s)
        }
        Version::V3_1 => match s.get("type").cloned() {
            Some(Value::String(t)) => {
                s.insert("type".to_owned(), json!([t, "null"]));
                if let Some(c) = s.remove("const") {
                    s.insert("enum".to_owned(), json!([c, null]));
                }
                Value::Object(s)
            }
            _ => json!({"anyOf": [Value::Object(s), {"type": "null"}]}),
        },
    }
}
