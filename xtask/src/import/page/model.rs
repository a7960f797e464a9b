//! The draft's data: an endpoint file as the importer builds it, before it is written, and
//! the small readings every step shares (names, an example's values, a failure's code).

use serde_json::Value;

use super::context::Provider;
use super::examples::Example;

/// A draft endpoint file.
#[derive(Clone, Debug, Default)]
pub(crate) struct Draft {
    pub(crate) name: String,
    pub(crate) file_stem: String,
    pub(crate) redirect: bool,
    pub(crate) summary: String,
    pub(crate) description: Option<String>,
    pub(crate) docs_url: String,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) action: Option<String>,
    pub(crate) auth: String,
    /// A named envelope of the provider's the answers are in.
    pub(crate) envelope: Option<String>,
    pub(crate) idempotent: bool,
    pub(crate) rate_limit: Option<(u64, u64)>,
    pub(crate) query: Vec<Field>,
    pub(crate) request: Vec<Field>,
    pub(crate) response: Vec<Field>,
    pub(crate) response_open: bool,
    pub(crate) types: Vec<TypeDef>,
    pub(crate) errors: Vec<(String, String)>,
    pub(crate) examples: Vec<DraftExample>,
    pub(crate) notes: Vec<String>,
    /// Doubts by top-level key (`method`, `idempotent`, `request`, …).
    pub(crate) todos: Vec<(&'static str, String)>,
}

/// A field.
#[derive(Clone, Debug, Default)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) ty: String,
    pub(crate) required: bool,
    pub(crate) docs: String,
    pub(crate) fixed: Option<String>,
    pub(crate) default: Option<i64>,
    pub(crate) constraints: Vec<(&'static str, Value)>,
    pub(crate) todos: Vec<String>,
}

/// An endpoint-local named type: a struct or an enum.
#[derive(Clone, Debug, Default)]
pub(crate) struct TypeDef {
    pub(crate) name: String,
    pub(crate) docs: String,
    pub(crate) fields: Vec<Field>,
    pub(crate) values: Vec<(Value, String)>,
    pub(crate) todos: Vec<String>,
}

/// An example.
#[derive(Clone, Debug, Default)]
pub(crate) struct DraftExample {
    pub(crate) name: String,
    pub(crate) docs: String,
    pub(crate) request: Option<Value>,
    pub(crate) response: Option<Value>,
    pub(crate) error_code: Option<Value>,
    pub(crate) todos: Vec<String>,
}

/// `search_query_info` → `SearchQueryInfo`, `getUser` → `GetUser`.
pub(crate) fn pascal(text: &str) -> String {
    text.split(['_', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut chars = p.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `getUserRelations` → `get_user_relations`.
pub(crate) fn snake(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

/// Whether an example response is a failure of the provider's envelope, and its code.
pub(crate) fn failure_code(value: &Value, provider: &Provider) -> Option<Value> {
    if provider.protocol == "tencent_cloud" {
        return value.pointer("/Response/Error/Code").cloned();
    }
    // The envelope whose code key the answer has: the default, else a named one.
    let shapes = std::iter::once((provider.code_key.as_deref(), provider.success.as_ref()))
        .chain((provider.alternatives.iter()).map(|a| (a.code_key.as_deref(), a.success.as_ref())));
    let (code, success) = shapes
        .filter_map(|(key, success)| Some((value.get(key?)?, success)))
        .next()?;
    (Some(code) != success).then(|| code.clone())
}

/// The value at a dotted path in a page's examples (`data.total`), for a type the table
/// leaves out; list items are looked through.
pub(crate) fn example_value<'a>(examples: &'a [&'a Example], path: &str) -> Option<&'a Value> {
    examples.iter().find_map(|e| {
        // A Tencent answer holds its result under `Response`.
        let value = match e.value.get("Response") {
            Some(inner) if e.value.as_object().is_some_and(|o| o.len() == 1) => inner,
            _ => &e.value,
        };
        lookup(value, path)
    })
}

fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut current = value;
    for segment in path.split('.') {
        while let Value::Array(items) = current {
            current = items.first()?;
        }
        current = current.get(segment)?;
    }
    Some(current)
}
