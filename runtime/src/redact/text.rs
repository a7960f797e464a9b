//! Masking free text (a non-JSON body, a JSON string, a vendor message): secret values
//! wherever they are, then the `"key": value`, `key=value` and `key: value` shapes of
//! credential-looking and secret names.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use regex::Regex;

use super::mask::{Mask, REDACTED, SENSITIVE_WORDS};

/// Text patterns of an operation's secret names.
struct FieldPatterns {
    /// `"name": value` in text that is not (complete) JSON.
    pairs: Regex,
    /// `name=value` in query strings and form bodies.
    parameters: Regex,
    /// `name: value` in plain text and HTML.
    colons: Regex,
}

/// The operation's secret names of `mask` as text patterns, `None` if it has none.
/// `Err` if they cannot be compiled (then the text is withheld).
fn field_patterns(mask: &Mask<'_>) -> Result<Option<Arc<FieldPatterns>>, ()> {
    let names: Vec<String> = mask
        .secret_fields
        .iter()
        .filter(|name| !name.is_empty())
        .map(|name| regex::escape(name))
        .collect();
    if names.is_empty() {
        return Ok(None);
    }
    // Compiled once per set of names: masking runs on every string of every body.
    type Cache = Mutex<HashMap<Vec<String>, Option<Arc<FieldPatterns>>>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Cache::default);
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    let patterns = cache
        .entry(names)
        .or_insert_with_key(|names| FieldPatterns::compile(&names.join("|")).map(Arc::new))
        .clone();
    patterns.map(Some).ok_or(())
}

impl FieldPatterns {
    fn compile(names: &str) -> Option<Self> {
        let pairs = Regex::new(&format!(
            r#"(?i)("(?:{names})"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}}\]\s]*)"#
        ))
        .ok()?;
        let parameters =
            Regex::new(&format!(r#"(?i)((?:^|[^\w.\-])(?:{names})=)([^&\s"'<>]*)"#)).ok()?;
        let colons = Regex::new(&format!(
            r#"(?i)((?:^|[^\w.\-])(?:{names})\s*[:：]\s*)((?:bearer|basic)\s+)?([^\s"'<>&,;]+)"#
        ))
        .ok()?;
        Some(FieldPatterns {
            pairs,
            parameters,
            colons,
        })
    }
}

/// `"…token…": value` pairs in text that is not (complete) JSON.
fn json_pair_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r#"(?i)("[^"\\]*(?:{SENSITIVE_WORDS})[^"\\]*"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}}\]\s]*)"#
        ))
        .ok()
    })
    .as_ref()
}

/// `…token…=value` pairs (query strings, form bodies).
fn parameter_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r#"(?i)([\w.\-]*(?:{SENSITIVE_WORDS})[\w.\-]*=)([^&\s"'<>]*)"#
        ))
        .ok()
    })
    .as_ref()
}

/// `…token…: value` pairs (plain text, HTML, echoed headers such as
/// `Authorization: Bearer …`); the scheme word before the value stays.
fn colon_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r#"(?i)([\w.\-]*(?:{SENSITIVE_WORDS})[\w.\-]*\s*[:：]\s*)((?:bearer|basic)\s+)?([^\s"'<>&,;]+)"#
        ))
        .ok()
    })
    .as_ref()
}

/// Masks free text (a non-JSON body, a JSON string, a vendor message) by every rule of
/// `mask`: secret values first, wherever they are, then the `"key": value`, `key=value` and
/// `key: value` shapes of credential-looking and secret names.
pub(crate) fn mask_text(text: &str, mask: Mask<'_>) -> String {
    // The patterns are constants (or escaped names) and compile; if that ever
    // changed, hiding the whole text is the safe failure.
    let (Some(pairs), Some(parameters), Some(colons), Ok(fields)) = (
        json_pair_regex(),
        parameter_regex(),
        colon_regex(),
        field_patterns(&mask),
    ) else {
        return "[text withheld]".to_owned();
    };
    let mut masked = mask.hide_values(text).unwrap_or_else(|| text.to_owned());
    let quoted = format!("${{1}}\"{REDACTED}\"");
    let plain = format!("${{1}}{REDACTED}");
    let after_scheme = format!("${{1}}${{2}}{REDACTED}");
    let mut apply = |re: &Regex, replacement: &str| {
        if re.is_match(&masked) {
            masked = re.replace_all(&masked, replacement).into_owned();
        }
    };
    apply(pairs, &quoted);
    if let Some(fields) = &fields {
        apply(&fields.pairs, &quoted);
    }
    apply(parameters, &plain);
    if let Some(fields) = &fields {
        apply(&fields.parameters, &plain);
    }
    apply(colons, &after_scheme);
    if let Some(fields) = &fields {
        apply(&fields.colons, &after_scheme);
    }
    masked
}
