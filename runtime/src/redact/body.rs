//! Masking bodies: a short single-line snippet for an error, the snippet around a value
//! that could not be decoded, a whole body for the trace log. JSON is masked as a tree,
//! anything else as text.

use serde_json::Value;

use super::mask::{Mask, REDACTED};
use super::shorten::{SNIPPET_CHARS, truncate_chars};
use super::text::mask_text;

/// Bytes of a non-JSON body looked at; the snippet shows far fewer, and masking a
/// multi-megabyte HTML page only to show 200 characters of it is wasted work.
const TEXT_SCAN_BYTES: usize = 16 * 1024;

/// A short, masked, single-line excerpt of a response body for error messages.
///
/// JSON bodies are parsed and every value under a key `mask` hides is
/// replaced, however deeply nested; other bodies are masked textually
/// (`"token": "…"` and `token=…` shapes). The result has at most
/// [`SNIPPET_CHARS`] characters plus an ellipsis, cut on a char boundary.
pub(crate) fn snippet_masked(body: &[u8], mask: Mask<'_>) -> String {
    let masked = match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            mask_value(&mut value, mask);
            // Serialising a `Value` cannot fail (its keys are strings); fall back
            // to hiding the body rather than trusting the raw bytes if it ever does.
            serde_json::to_string(&value).unwrap_or_else(|_| "[body withheld]".to_owned())
        }
        Err(_) => {
            let scanned = &body[..body.len().min(TEXT_SCAN_BYTES)];
            let text = String::from_utf8_lossy(scanned);
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            mask_text(&collapsed, mask)
        }
    };
    truncate_chars(&masked, SNIPPET_CHARS)
}

/// One step of a JSON path: an object key or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// An object key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// The snippet of a parsed JSON body whose value at `offending` could not be
/// decoded. Masked like [`snippet_masked`]; in addition a string at
/// `offending` is hidden: it sits where the operation expects something else,
/// so nothing says it is not a credential the vendor misplaced.
pub(crate) fn value_snippet(value: &Value, mask: Mask<'_>, offending: &[Step]) -> String {
    let mut value = value.clone();
    if let Some(target) = value_at_mut(&mut value, offending)
        && target.is_string()
    {
        *target = Value::String(REDACTED.to_owned());
    }
    mask_value(&mut value, mask);
    let text = serde_json::to_string(&value).unwrap_or_else(|_| "[body withheld]".to_owned());
    truncate_chars(&text, SNIPPET_CHARS)
}

fn value_at_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.as_object_mut()?.get_mut(key),
        Step::Index(index) => value.as_array_mut()?.get_mut(*index),
    })
}

/// Most characters of a body written to the trace log by `log_bodies`.
pub(crate) const LOG_BODY_CHARS: usize = 64 * 1024;

/// A whole body (up to [`LOG_BODY_CHARS`] characters), masked like
/// [`snippet_masked`], for opt-in debug logging. Whitespace in non-JSON text is kept.
pub(crate) fn masked_body(body: &[u8], mask: Mask<'_>) -> String {
    let masked = match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            mask_value(&mut value, mask);
            serde_json::to_string(&value).unwrap_or_else(|_| "[body withheld]".to_owned())
        }
        Err(_) => {
            let scanned = &body[..body.len().min(LOG_BODY_CHARS * 4)];
            mask_text(&String::from_utf8_lossy(scanned), mask)
        }
    };
    truncate_chars(&masked, LOG_BODY_CHARS)
}

fn mask_value(value: &mut Value, mask: Mask<'_>) {
    match value {
        Value::Object(map) => {
            // A key can echo a secret too (`{"<token>": "invalid"}`).
            if map.keys().any(|key| mask.hide_values(key).is_some()) {
                let old = std::mem::take(map);
                *map = old
                    .into_iter()
                    .map(|(key, inner)| (mask.hide_values(&key).unwrap_or(key), inner))
                    .collect();
            }
            for (key, inner) in map.iter_mut() {
                if mask.hides(key) {
                    *inner = Value::String(REDACTED.to_owned());
                } else {
                    mask_value(inner, mask);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| mask_value(item, mask)),
        // A message such as "bad url https://x/?access_token=…" can echo a secret.
        Value::String(text) => *text = mask_text(text, mask),
        Value::Number(n) => {
            if mask.hide_values(&n.to_string()).is_some() {
                *value = Value::String(REDACTED.to_owned());
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
}
