//! Small helpers the validation concerns share: JSON paths, describing values, positions.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::Path;

use serde_json::Value;

use super::super::span::Pos;
use super::super::type_expr::{TypeExpr, TypeExprError};

/// `a.b` (or `b` when `a` is empty).
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Whether an envelope path is empty (the whole body) or dot-separated non-empty keys.
pub(super) fn valid_path(path: &str) -> bool {
    path.is_empty()
        || path
            .split('.')
            .all(|k| !k.is_empty() && !k.chars().any(char::is_whitespace))
}

/// The value at a dot-separated path (`""` is the value itself).
pub(super) fn get_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// "string \"5\"", "integer 5", "a list", ...
pub(super) fn describe_json(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) if n.is_f64() => format!("number {n}"),
        Value::Number(n) => format!("integer {n}"),
        Value::String(s) => {
            let short: String = if s.chars().count() > 60 {
                s.chars().take(60).chain("…".chars()).collect()
            } else {
                s.clone()
            };
            format!("string {}", Value::String(short))
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The position `offset` bytes into a value written at `pos` on one line.
pub(super) fn shift(pos: Pos, text: &str, offset: usize) -> Pos {
    let chars = text.get(..offset).map_or(0, |s| s.chars().count()) as u64;
    Pos {
        line: pos.line,
        column: pos.column.saturating_add(chars),
    }
}

/// `fxiaoke/er/x.yaml` with `/` on every platform.
pub(super) fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The one-line reason of a regex error.
pub(super) fn regex_error_text(err: &regex::Error) -> String {
    let text = err.to_string();
    text.lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::to_owned)
        .or_else(|| {
            text.lines()
                .rev()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(str::to_owned)
        })
        .unwrap_or(text)
}

/// The first occurrence of each name of one namespace, with what the caller records about
/// it (its line, its file, its JSON name). Every "defined twice" check goes through here;
/// each words its own message from what the first occurrence recorded.
pub(super) struct FirstSeen<K, V> {
    first: BTreeMap<K, V>,
}

impl<K: Ord, V> FirstSeen<K, V> {
    /// No names yet.
    pub(super) fn new() -> Self {
        Self {
            first: BTreeMap::new(),
        }
    }

    /// What was recorded with the first `key` when this one repeats it; otherwise records
    /// `value` for `key` and returns `None`.
    pub(super) fn repeated(&mut self, key: K, value: V) -> Option<&V> {
        match self.first.entry(key) {
            Entry::Occupied(first) => Some(first.into_mut()),
            Entry::Vacant(slot) => {
                slot.insert(value);
                None
            }
        }
    }

    /// What was recorded with `key`, if it was seen.
    pub(super) fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.first.get(key)
    }
}

/// Deepest `list<…>`/`map<…>` nesting accepted in a type expression.
pub(super) const MAX_TYPE_NESTING: usize = 16;

/// [`TypeExpr::parse`], refusing absurdly nested expressions before they reach its recursive
/// parser.
pub(super) fn parse_type(text: &str) -> Result<TypeExpr, TypeExprError> {
    let mut depth = 0usize;
    for (offset, c) in text.char_indices() {
        if c == '<' {
            depth += 1;
            if depth > MAX_TYPE_NESTING {
                return Err(TypeExprError {
                    offset,
                    message: format!(
                        "the type nests more than {MAX_TYPE_NESTING} `list<…>`/`map<…>` levels"
                    ),
                });
            }
        } else if c == '>' {
            depth = depth.saturating_sub(1);
        }
    }
    TypeExpr::parse(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_json() {
        assert_eq!(describe_json(&Value::from("5")), "string \"5\"");
        assert_eq!(describe_json(&Value::from(5)), "integer 5");
        assert_eq!(describe_json(&Value::from(1.5)), "number 1.5");
        assert_eq!(
            get_path(&serde_json::json!({"a": {"b": 1}}), "a.b"),
            Some(&Value::from(1))
        );
    }
}
