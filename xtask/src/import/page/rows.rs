//! An endpoint spec as comparable rows: what a vendor page documents about one endpoint
//! (method, path, action, each field's JSON path, type class and requiredness, each example,
//! each error code), in a form two specs written by different hands can be compared by.
//!
//! Types are compared by *class*, not by name or width: a page says "Integer", not `i32` or
//! `i64`, and an importer cannot know which named type a curator chose. Fields of the
//! endpoint's own `types:` are walked (`request.data.search_query_info.limit`, list items as
//! `[]`); fields whose type is a shared type of the provider's `types.yaml` are not: the page
//! documents the endpoint, shared types are curated once per provider.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

/// What a row describes. The order is the rows' sort order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum RowKind {
    /// The HTTP method (`POST`).
    Method,
    /// The path (`/cgi/crm/v2/data/query`).
    Path,
    /// Tencent Cloud's `action`.
    Action,
    /// One field: key its JSON path, value `<class> <required|optional>`.
    Field,
    /// One documented error code (of `errors` or an example's `error_code`).
    Error,
    /// One example: its request, query and response as canonical JSON.
    Example,
}

impl RowKind {
    /// The lower-case name used in reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            RowKind::Method => "method",
            RowKind::Path => "path",
            RowKind::Action => "action",
            RowKind::Field => "field",
            RowKind::Error => "error",
            RowKind::Example => "example",
        }
    }
}

/// One comparable fact of an endpoint spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Row {
    /// What it describes.
    pub kind: RowKind,
    /// The field's JSON path (`request.data.limit`); empty for the other kinds.
    pub key: String,
    /// The fact: `POST`, the path, `integer optional`, the example's JSON, the error code.
    pub value: String,
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{} = {}", self.kind.name(), self.value)
        } else {
            write!(f, "{} {} = {}", self.kind.name(), self.key, self.value)
        }
    }
}

/// The field lists of an endpoint, in the order their rows are keyed.
pub(crate) const SECTIONS: [&str; 3] = ["query", "request", "response"];

/// The rows of one endpoint spec, sorted and deduplicated. `shared_types_yaml` is the
/// provider's `types.yaml` text. Errors: YAML that does not parse, a field without a name or
/// type, a malformed type expression, or a type found neither in the endpoint's `types` nor
/// in the shared ones (each naming the field's path).
#[cfg(test)]
pub(crate) fn rows(
    endpoint_yaml: &str,
    shared_types_yaml: Option<&str>,
) -> Result<Vec<Row>, String> {
    let endpoint = parse_yaml(endpoint_yaml, "the endpoint spec")?;
    rows_of(&endpoint, parse_shared(shared_types_yaml)?.as_ref())
}

/// A `types.yaml` text as data (parsed once by callers that compare many specs).
pub(crate) fn parse_shared(shared_types_yaml: Option<&str>) -> Result<Option<Value>, String> {
    shared_types_yaml
        .map(|text| parse_yaml(text, "types.yaml"))
        .transpose()
}

/// `rows` of an endpoint spec and shared types already parsed.
pub(crate) fn rows_of(endpoint: &Value, shared: Option<&Value>) -> Result<Vec<Row>, String> {
    let types = Types::new(endpoint, shared);
    let mut out = BTreeSet::new();
    for (key, kind) in [
        ("method", RowKind::Method),
        ("path", RowKind::Path),
        ("action", RowKind::Action),
    ] {
        if let Some(value) = endpoint.get(key).and_then(scalar_text) {
            out.insert(Row {
                kind,
                key: String::new(),
                value,
            });
        }
    }
    for section in SECTIONS {
        if let Some(fields) = endpoint.get(section) {
            walk(section, fields, &types, &mut Vec::new(), &mut out)?;
        }
    }
    for error in list(endpoint.get("errors")) {
        if let Some(code) = error.get("code").and_then(scalar_text) {
            out.insert(Row {
                kind: RowKind::Error,
                key: String::new(),
                value: code,
            });
        }
    }
    for example in list(endpoint.get("examples")) {
        if let Some(value) = example_json(example) {
            out.insert(Row {
                kind: RowKind::Example,
                key: String::new(),
                value,
            });
        }
        if let Some(code) = example.get("error_code").and_then(scalar_text) {
            out.insert(Row {
                kind: RowKind::Error,
                key: String::new(),
                value: code,
            });
        }
    }
    Ok(out.into_iter().collect())
}

/// YAML text as JSON data, or an error naming `what`.
pub(crate) fn parse_yaml(text: &str, what: &str) -> Result<Value, String> {
    serde_saphyr::from_str::<Value>(text).map_err(|e| format!("{what} is not valid YAML: {e}"))
}

/// An example's `request`, `query` and `response` (those present) as canonical JSON: keys
/// sorted at every level, no whitespace. `None` when it has none of them.
pub(crate) fn example_json(example: &Value) -> Option<String> {
    let mut parts = serde_json::Map::new();
    for key in ["request", "query", "response"] {
        if let Some(part) = example.get(key) {
            parts.insert(key.to_owned(), part.clone());
        }
    }
    (!parts.is_empty()).then(|| canonical_json(&Value::Object(parts)))
}

/// Compact JSON with the keys of every object sorted.
pub(crate) fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<&String, &Value> = map.iter().collect();
            out.push('{');
            for (i, (key, item)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// A scalar as text (`10006`, `POST`); `None` for null, lists and maps.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The items of a YAML list, none for anything else (absent, `null`, a map).
pub(crate) fn list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Where a named type is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The endpoint's own `types:`.
    Local,
    /// The provider's `types.yaml`.
    Shared,
}

/// The named types an endpoint can use: its own, then the provider's.
pub(crate) struct Types<'a> {
    local: BTreeMap<&'a str, &'a Value>,
    shared: BTreeMap<&'a str, &'a Value>,
}

impl<'a> Types<'a> {
    /// The types of `endpoint` (its `types:`) and of `shared` (a `types.yaml`).
    pub(crate) fn new(endpoint: &'a Value, shared: Option<&'a Value>) -> Self {
        let named = |file: Option<&'a Value>| {
            list(file.and_then(|f| f.get("types")))
                .iter()
                .filter_map(|t| Some((t.get("name")?.as_str()?, t)))
                .collect::<BTreeMap<_, _>>()
        };
        Types {
            local: named(Some(endpoint)),
            shared: named(shared),
        }
    }

    /// The declaration of `name` and where it is; the endpoint's own first.
    pub(crate) fn get(&self, name: &str) -> Option<(Scope, &'a Value)> {
        if let Some(t) = self.local.get(name) {
            return Some((Scope::Local, t));
        }
        self.shared.get(name).map(|t| (Scope::Shared, *t))
    }

    /// Whether `name` is an endpoint-local type.
    pub(crate) fn is_local(&self, name: &str) -> bool {
        self.local.contains_key(name)
    }
}

/// A field's type expression, read by the spec loader's own parser.
pub(crate) use bindery_codegen::spec::type_expr::TypeExpr;

/// Parses a type expression (`list<map<ObjectData>>`), the error as text.
pub(crate) fn parse_type(text: &str) -> Result<TypeExpr, String> {
    TypeExpr::parse(text).map_err(|e| {
        format!(
            "malformed type expression `{text}` at byte {}: {}",
            e.offset, e.message
        )
    })
}

/// What the rows compare of a type expression.
pub(crate) trait TypeRows {
    /// The type below all `list<…>`, and how many lists wrap it.
    fn item(&self) -> (&TypeExpr, usize);
    /// Every type name the expression uses, in order.
    fn names(&self) -> Vec<String>;
    /// The class the rows compare: `string`, `integer`, `number`, `decimal`, `bool`, `json`,
    /// `object`, `list<…>`; a named enum is `string` or `integer` by its values.
    fn class(&self, types: &Types<'_>) -> Result<String, String>;
}

impl TypeRows for TypeExpr {
    fn item(&self) -> (&TypeExpr, usize) {
        match self {
            TypeExpr::List(inner) => {
                let (item, depth) = inner.item();
                (item, depth + 1)
            }
            other => (other, 0),
        }
    }

    fn names(&self) -> Vec<String> {
        match self {
            TypeExpr::List(inner) | TypeExpr::Map(inner) => inner.names(),
            TypeExpr::Named(name) => vec![name.clone()],
            _ => Vec::new(),
        }
    }

    fn class(&self, types: &Types<'_>) -> Result<String, String> {
        Ok(match self {
            TypeExpr::String | TypeExpr::Secret => "string".to_owned(),
            TypeExpr::F64 => "number".to_owned(),
            TypeExpr::Decimal => "decimal".to_owned(),
            TypeExpr::Bool => "bool".to_owned(),
            TypeExpr::Json => "json".to_owned(),
            TypeExpr::I32
            | TypeExpr::I64
            | TypeExpr::U64
            | TypeExpr::TimestampMs
            | TypeExpr::TimestampS => "integer".to_owned(),
            TypeExpr::List(inner) => format!("list<{}>", inner.class(types)?),
            TypeExpr::Map(inner) => {
                inner.class(types)?;
                "object".to_owned()
            }
            TypeExpr::Named(name) => {
                let (_, decl) = types
                    .get(name)
                    .ok_or_else(|| format!("unknown type `{name}`"))?;
                match decl.get("enum") {
                    Some(values) => enum_kind(values).to_owned(),
                    None => "object".to_owned(),
                }
            }
        })
    }
}

/// `integer` when the enum's first value is an integer, else `string` (the loader holds the
/// values to one kind).
fn enum_kind(values: &Value) -> &'static str {
    let first = list(Some(values)).first().and_then(|v| v.get("value"));
    if first.is_some_and(|v| v.is_i64() || v.is_u64()) {
        "integer"
    } else {
        "string"
    }
}

/// The key of a field below `prefix` (`request`, `request.data`, `request.filters[]`).
pub(crate) fn child_key(prefix: &str, name: &str) -> String {
    format!("{prefix}.{name}")
}

/// A field key as its section and its segments, each a field name and the number of list
/// levels (`[]`) after it: `request.data.filters[].operator` →
/// `("request", [("data", 0), ("filters", 1), ("operator", 0)])`.
pub(crate) fn split_key(key: &str) -> Option<(&str, Vec<(&str, usize)>)> {
    let mut parts = key.split('.');
    let section = parts.next().filter(|s| SECTIONS.contains(s))?;
    let segments: Vec<(&str, usize)> = parts
        .map(|part| {
            let name = part.trim_end_matches("[]");
            (name, (part.len() - name.len()) / 2)
        })
        .collect();
    (!segments.is_empty() && segments.iter().all(|(n, _)| !n.is_empty()))
        .then_some((section, segments))
}

/// Rows of a field list below `prefix`, walking into endpoint-local object types (not into
/// one already being walked, so a recursive type ends).
fn walk(
    prefix: &str,
    fields: &Value,
    types: &Types<'_>,
    stack: &mut Vec<String>,
    out: &mut BTreeSet<Row>,
) -> Result<(), String> {
    for (i, field) in list(Some(fields)).iter().enumerate() {
        let Some(name) = field.get("name").and_then(Value::as_str) else {
            return Err(format!("field {} of `{prefix}` has no name", i + 1));
        };
        let key = child_key(prefix, name);
        let ty = field
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("field `{key}` has no type"))?;
        let expr = parse_type(ty).map_err(|e| format!("field `{key}`: {e}"))?;
        let class = expr
            .class(types)
            .map_err(|e| format!("field `{key}`: {e}"))?;
        let required = field
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let value = format!("{class} {}", if required { "required" } else { "optional" });
        out.insert(Row {
            kind: RowKind::Field,
            key: key.clone(),
            value,
        });
        let (item, depth) = expr.item();
        if let TypeExpr::Named(type_name) = item
            && let Some((Scope::Local, decl)) = types.get(type_name)
            && decl.get("enum").is_none()
            && !stack.contains(type_name)
        {
            let nested = format!("{key}{}", "[]".repeat(depth));
            stack.push(type_name.clone());
            if let Some(fields) = decl.get("fields") {
                walk(&nested, fields, types, stack, out)?;
            }
            stack.pop();
        }
    }
    Ok(())
}
