//! Masking of everything that leaves the client as text: body snippets in errors, vendor
//! messages, trace-logged bodies.
//!
//! One rule set, [`Mask`], used everywhere: values under credential-looking keys
//! ([`is_sensitive_key`]) or the operation's `secret` fields are hidden in JSON, in
//! `"key": value`, `key=value` and `key: value` text, and every secret value the client
//! holds (credentials it was given, tokens it fetched, secret fields of the request) is
//! hidden wherever it appears, however it is labelled.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use regex::Regex;
use serde_json::Value;

use crate::operation::Operation;
/// Most characters of a body that go into an error.
pub(crate) const SNIPPET_CHARS: usize = 200;

/// Bytes of a non-JSON body looked at; the snippet shows far fewer, and masking a
/// multi-megabyte HTML page only to show 200 characters of it is wasted work.
const TEXT_SCAN_BYTES: usize = 16 * 1024;

const REDACTED: &str = "[redacted]";

/// The words whose presence in a key or parameter name marks its value as a credential.
const SENSITIVE_WORDS: &str = "token|secret|sign|password|authorization";

/// Whether a JSON key or parameter name looks like it holds a credential.
pub(crate) fn is_sensitive_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SENSITIVE_WORDS.split('|').any(|word| key.contains(word))
}

/// What text is masked by: the credential-looking names every text is masked by
/// ([`is_sensitive_key`]), the names of an operation's `secret` fields
/// ([`Operation::secret_fields`]), and the secret values the client holds for the call.
#[derive(Clone, Copy, Default)]
pub(crate) struct Mask<'a> {
    secret_fields: &'a [&'a str],
    /// Secret values (credentials, fetched tokens, secret request fields) in every form
    /// they take in text ([`SecretValues`]), each hidden wherever it appears.
    values: &'a [String],
}

impl std::fmt::Debug for Mask<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mask")
            .field("secret_fields", &self.secret_fields)
            .field("values", &self.values.len())
            .finish()
    }
}

impl Mask<'static> {
    /// The mask for bodies of `op`, in either direction.
    pub(crate) fn of(op: &Operation) -> Self {
        Mask {
            secret_fields: op.secret_fields,
            values: &[],
        }
    }
}

impl<'a> Mask<'a> {
    /// This mask, also hiding `values` (see [`SecretValues`]) wherever they appear.
    pub(crate) fn with_values<'b>(self, values: &'b SecretValues) -> Mask<'b>
    where
        'a: 'b,
    {
        Mask {
            secret_fields: self.secret_fields,
            values: &values.0,
        }
    }

    /// Whether the value under `key` is hidden.
    fn hides(&self, key: &str) -> bool {
        is_sensitive_key(key)
            || self
                .secret_fields
                .iter()
                .any(|field| field.eq_ignore_ascii_case(key))
    }

    /// `text` with every secret value (as is, JSON-escaped and URL-encoded) replaced,
    /// or `None` when none occurs.
    fn hide_values(&self, text: &str) -> Option<String> {
        self.hide_values_of_length(text, 1)
    }

    /// [`hide_values`](Self::hide_values) for the forms at least `min_len` bytes long.
    fn hide_values_of_length(&self, text: &str, min_len: usize) -> Option<String> {
        let mut changed: Option<String> = None;
        for form in self.values.iter().filter(|form| form.len() >= min_len) {
            let current = changed.as_deref().unwrap_or(text);
            if current.contains(form.as_str()) {
                changed = Some(current.replace(form.as_str(), REDACTED));
            }
        }
        changed
    }

    /// The operation's secret names as text patterns, `None` if it has none.
    /// `Err` if they cannot be compiled (then the text is withheld).
    fn field_patterns(&self) -> Result<Option<Arc<FieldPatterns>>, ()> {
        let names: Vec<String> = self
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

/// The forms a secret value takes in text: as is, JSON-escaped, URL-encoded.
fn encodings(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_owned()];
    let json = serde_json::to_string(value).unwrap_or_default();
    let json = json
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_default();
    let form: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let percent = form.replace('+', "%20");
    for other in [json.to_owned(), form, percent] {
        if !other.is_empty() && !forms.contains(&other) {
            forms.push(other);
        }
    }
    forms
}

/// The secret values a call's text is masked by (see [`Mask::with_values`]).
#[derive(Clone, Default)]
pub(crate) struct SecretValues(Vec<String>);

impl SecretValues {
    /// `values` (empty ones ignored), plus every string or number under a key `mask`
    /// hides in `fields` (the request), at any depth.
    pub(crate) fn new<'v>(
        values: impl IntoIterator<Item = &'v str>,
        fields: Option<&serde_json::Map<String, Value>>,
        mask: Mask<'_>,
    ) -> Self {
        let mut all: Vec<String> = values
            .into_iter()
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(fields) = fields {
            for (key, value) in fields {
                collect_hidden(key, value, mask, &mut all);
            }
        }
        // Every form each value takes, longest first, so that a secret containing another
        // is hidden whole.
        let mut forms: Vec<String> = all.iter().flat_map(|value| encodings(value)).collect();
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms.dedup();
        SecretValues(forms)
    }
}

impl std::fmt::Debug for SecretValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretValues({} forms)", self.0.len())
    }
}

fn collect_hidden(key: &str, value: &Value, mask: Mask<'_>, out: &mut Vec<String>) {
    let hidden = mask.hides(key);
    match value {
        Value::String(s) if hidden && !s.is_empty() => out.push(s.clone()),
        Value::Number(n) if hidden => out.push(n.to_string()),
        Value::Object(map) => map
            .iter()
            .for_each(|(key, value)| collect_hidden(key, value, mask, out)),
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_hidden(key, item, mask, out)),
        _ => {}
    }
}

/// Text patterns of an operation's secret names.
struct FieldPatterns {
    /// `"name": value` in text that is not (complete) JSON.
    pairs: Regex,
    /// `name=value` in query strings and form bodies.
    parameters: Regex,
    /// `name: value` in plain text and HTML.
    colons: Regex,
}

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

/// Most characters of a decoding error's message.
pub(crate) const MESSAGE_CHARS: usize = 200;

/// A decoder's complaint (serde's text) made fit for an error message: every
/// quoted string value it repeats (`invalid type: string "…"`) is replaced by
/// its length, as it may be a misplaced credential and may be megabytes long,
/// and the text is cut to [`MESSAGE_CHARS`] characters. Field names (which
/// serde quotes with backticks) stay.
pub(crate) fn decode_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MESSAGE_CHARS * 4));
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
        } else {
            // A Rust `Debug` string: `\` escapes one character (`\u{…}` one too).
            let mut length: u64 = 0;
            let mut escaped = false;
            let mut in_braces = false;
            for c in chars.by_ref() {
                if in_braces {
                    in_braces = c != '}';
                    continue;
                }
                if escaped {
                    escaped = false;
                    in_braces = c == 'u';
                    length += 1;
                    continue;
                }
                match c {
                    '\\' => escaped = true,
                    '"' => break,
                    _ => length += 1,
                }
            }
            let unit = if length == 1 {
                "character"
            } else {
                "characters"
            };
            out.push_str(&format!("({length} {unit}, not shown)"));
        }
        if out.len() > MESSAGE_CHARS * 4 {
            break;
        }
    }
    truncate_chars(&out, MESSAGE_CHARS)
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

/// The longest vendor message an error keeps, in characters; the longest code or request
/// id is [`SNIPPET_CHARS`]. A hostile or broken vendor can send megabytes of "message",
/// and every error ends up in a log line.
pub(crate) const VENDOR_MESSAGE_CHARS: usize = 1000;

/// `text` cut to `max` characters plus an ellipsis (on a char boundary).
pub(crate) fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
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
        mask.field_patterns(),
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

/// A URL as an error may repeat it: without user info (`user:password@` becomes `…@`),
/// query or fragment (`?…`), whether or not it parses — a rejected base URL may still
/// carry a password or a signed query.
pub(crate) fn url_for_display(text: &str) -> String {
    let text = text.trim();
    let cut = text.find(['?', '#']).map_or(text, |at| &text[..at]);
    let (scheme, rest) = match cut.find("://") {
        Some(at) => cut.split_at(at + 3),
        None => ("", cut),
    };
    let (authority, path) = rest.split_at(rest.find(['/', '\\']).unwrap_or(rest.len()));
    let authority = match authority.rfind('@') {
        Some(at) => format!("…@{}", &authority[at + 1..]),
        None => authority.to_owned(),
    };
    let rest_cut = if cut.len() < text.len() { "?…" } else { "" };
    format!("{scheme}{authority}{path}{rest_cut}")
}

/// The shortest secret value hidden inside a vendor error code.
const CODE_SECRET_MIN_LEN: usize = 8;

/// A vendor error code with the secret values of `mask` hidden, but only those of at least
/// [`CODE_SECRET_MIN_LEN`] bytes: codes come from the vendor's fixed list and callers (and
/// the retry and token-refresh rules) branch on them, so a short secret (a test's `"1"`)
/// must not turn `20016` into `200[redacted]6`, while a real credential a hostile vendor put
/// there is still hidden.
pub(crate) fn hide_values_in_code(code: &str, mask: Mask<'_>) -> String {
    mask.hide_values_of_length(code, CODE_SECRET_MIN_LEN)
        .unwrap_or_else(|| code.to_owned())
}

/// Hides only the secret values of `mask` in `text` (for vendor codes and request ids,
/// whose shape the key rules would not fit).
pub(crate) fn hide_values(text: &str, mask: Mask<'_>) -> String {
    mask.hide_values(text).unwrap_or_else(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippet(body: &[u8]) -> String {
        snippet_masked(body, Mask::default())
    }

    #[test]
    fn json_snippet_masks_sensitive_keys_at_any_depth() {
        let body = br#"{"errorCode":0,"corpAccessToken":"TOK-123","nested":{"appSecret":"S3","list":[{"Password":"pw","name":"ok"}]},"sign":"abc","signature":{"a":1},"expiresIn":7200}"#;
        let s = snippet(body);
        for secret in ["TOK-123", "S3", "pw", "abc", "\"a\":1"] {
            assert!(!s.contains(secret), "{secret} leaked in {s}");
        }
        assert!(s.contains(r#""corpAccessToken":"[redacted]""#), "{s}");
        assert!(s.contains(r#""expiresIn":7200"#), "{s}");
        assert!(s.contains(r#""name":"ok""#), "{s}");
    }

    #[test]
    fn text_snippet_masks_pairs_and_parameters() {
        let body = br#"<html> upstream said {"accessToken": "AT-1", "x": 1, "appSecret":42 and url /cb?access_token=QQQ&y=2"#;
        let s = snippet(body);
        assert!(
            !s.contains("AT-1") && !s.contains("42") && !s.contains("QQQ"),
            "{s}"
        );
        assert!(s.contains("y=2"), "{s}");
        assert!(s.contains(r#""accessToken": "[redacted]""#), "{s}");
    }

    #[test]
    fn string_values_mask_query_parameters() {
        let s = snippet(br#"{"errorMessage":"bad redirect https://x/?token=abc&state=1"}"#);
        assert!(!s.contains("abc"), "{s}");
        assert!(s.contains("token=[redacted]&state=1"), "{s}");
    }

    #[test]
    fn snippet_is_short_char_safe_and_single_line() {
        let body = "错误\n\n  ".repeat(300);
        let s = snippet(body.as_bytes());
        assert!(
            s.chars().count() <= SNIPPET_CHARS + 1,
            "{}",
            s.chars().count()
        );
        assert!(s.ends_with('…'));
        assert!(!s.contains('\n'));
    }

    #[test]
    fn snippet_is_lossy_on_invalid_utf8_and_empty_for_empty_body() {
        let s = snippet(&[0x66, 0x6f, 0xff, 0xfe, 0x6f]);
        assert_eq!(s, "fo\u{fffd}\u{fffd}o");
        assert_eq!(snippet(b""), "");
    }

    #[test]
    fn secret_fields_are_masked_in_json_text_and_parameters() {
        let mask = Mask {
            secret_fields: &["permanentCode", "code"],
            values: &[],
        };
        let body = br#"{"appId":"A","permanentCode":"PC-1","nested":[{"PERMANENTCODE":"PC-2"}],"codeName":"kept","msg":"see /cb?code=PC-3&x=1"}"#;
        let s = snippet_masked(body, mask);
        for secret in ["PC-1", "PC-2", "PC-3"] {
            assert!(!s.contains(secret), "{secret} leaked in {s}");
        }
        assert!(s.contains(r#""permanentCode":"[redacted]""#), "{s}");
        assert!(s.contains(r#""codeName":"kept""#), "{s}");
        assert!(s.contains("code=[redacted]&x=1"), "{s}");
        // The same names without the operation's mask are not credential-looking.
        assert!(snippet(body).contains("PC-1"));

        let text = br#"<html>echo {"permanentCode": "PC-4", "appId": "A"} /x?permanentCode=PC-5&barcode=ok"#;
        let s = masked_body(text, mask);
        assert!(!s.contains("PC-4") && !s.contains("PC-5"), "{s}");
        assert!(
            s.contains("barcode=ok") && s.contains(r#""appId": "A""#),
            "{s}"
        );
        let query = masked_body(b"appId=A&permanentCode=PC-6", mask);
        assert_eq!(query, "appId=A&permanentCode=[redacted]");
    }

    #[test]
    fn value_snippet_hides_the_offending_string() {
        let value: Value = serde_json::from_str(
            r#"{"errorCode":0,"data":{"list":[{"n":"SECRET-LIKE"}],"total":"7200"},"accessToken":"AT"}"#,
        )
        .unwrap();
        let path = [
            Step::Key("data".into()),
            Step::Key("list".into()),
            Step::Index(0),
            Step::Key("n".into()),
        ];
        let s = value_snippet(&value, Mask::default(), &path);
        assert!(!s.contains("SECRET-LIKE") && !s.contains("\"AT\""), "{s}");
        assert!(s.contains(r#""total":"7200""#), "{s}");
        // Numbers and objects at the path stay; a path that does not exist changes nothing.
        let s = value_snippet(&value, Mask::default(), &[Step::Key("errorCode".into())]);
        assert!(s.contains(r#""errorCode":0"#), "{s}");
        let s = value_snippet(&value, Mask::default(), &[Step::Index(3)]);
        assert!(s.contains("SECRET-LIKE"), "{s}");
    }

    #[test]
    fn decode_messages_hide_string_values_and_are_bounded() {
        assert_eq!(
            decode_message(r#"invalid type: string "SECRET-LIKE", expected i64"#),
            "invalid type: string (11 characters, not shown), expected i64"
        );
        assert_eq!(
            decode_message(r#"invalid value: string "a\"b\u{1f}", expected `x`"#),
            "invalid value: string (4 characters, not shown), expected `x`"
        );
        assert_eq!(
            decode_message("missing field `Status`"),
            "missing field `Status`"
        );
        assert_eq!(
            decode_message("invalid type: integer `5`, expected a string"),
            "invalid type: integer `5`, expected a string"
        );
        let huge = format!(
            "invalid type: string \"{}\", expected i64",
            "9".repeat(1 << 20)
        );
        assert_eq!(
            decode_message(&huge),
            "invalid type: string (1048576 characters, not shown), expected i64"
        );
        let long = "x".repeat(10_000);
        assert_eq!(decode_message(&long).chars().count(), MESSAGE_CHARS + 1);
        // An unterminated quote hides the rest.
        assert_eq!(
            decode_message(r#"bad "open"#),
            "bad (4 characters, not shown)"
        );
    }

    #[test]
    fn authorization_and_colon_pairs_are_masked() {
        let s = snippet(br#"{"Authorization":"Bearer AT-1","ok":1}"#);
        assert!(!s.contains("AT-1") && s.contains(r#""ok":1"#), "{s}");
        let text = b"<html><p>Authorization: Bearer AT-2</p> accessToken: AT-3, x-tc-token:AT-4;             signature \xef\xbc\x9a AT-5 status: 502</html>";
        let s = masked_body(text, Mask::default());
        for secret in ["AT-2", "AT-3", "AT-4", "AT-5"] {
            assert!(!s.contains(secret), "{secret} leaked in {s}");
        }
        assert!(s.contains("Authorization: Bearer [redacted]"), "{s}");
        assert!(s.contains("status: 502"), "{s}");
        // The same rules inside a JSON string.
        let s = snippet(br#"{"errorMessage":"header authorization: Bearer AT-6 rejected"}"#);
        assert!(!s.contains("AT-6"), "{s}");
        let mask = Mask {
            secret_fields: &["permanentCode"],
            values: &[],
        };
        let s = masked_body(b"permanentCode: PC-7 is wrong", mask);
        assert_eq!(s, "permanentCode: [redacted] is wrong");
    }

    #[test]
    fn secret_values_are_hidden_however_labelled() {
        let values = SecretValues::new(
            ["S3CR3T-app", "PC-42", "tok/en+with=\"odd\" chars", ""],
            None,
            Mask::default(),
        );
        let mask = Mask::default().with_values(&values);
        let message = "appSecret S3CR3T-app and permanentCode PC-42 are wrong";
        assert_eq!(
            mask_text(message, mask),
            "appSecret [redacted] and permanentCode [redacted] are wrong"
        );
        // JSON-escaped, URL-encoded and percent-encoded forms, keys and numbers.
        let body = br#"{"msg":"got tok/en+with=\"odd\" chars","url":"/cb?t=tok%2Fen%2Bwith%3D%22odd%22+chars","PC-42":1,"n":42}"#;
        let s = snippet_masked(body, mask);
        assert!(!s.contains("odd") && !s.contains("PC-42"), "{s}");
        let raw = b"echo tok/en+with=\"odd\" chars and tok%2Fen%2Bwith%3D%22odd%22%20chars";
        let s = masked_body(raw, mask);
        assert!(!s.contains("odd"), "{s}");
        // A number equal to a secret value is hidden too.
        let numeric = SecretValues::new(["123456"], None, Mask::default());
        let s = snippet_masked(
            br#"{"code":123456,"n":7}"#,
            Mask::default().with_values(&numeric),
        );
        assert_eq!(s, r#"{"code":"[redacted]","n":7}"#);
        // Debug shows how many forms (3 values, one with JSON and URL encodings), never which.
        assert_eq!(format!("{values:?}"), "SecretValues(6 forms)");
        assert!(!format!("{mask:?}").contains("PC-42"));
    }

    #[test]
    fn codes_only_lose_long_secret_values() {
        let values = SecretValues::new(["1", "LONG-SECRET-9"], None, Mask::default());
        let mask = Mask::default().with_values(&values);
        assert_eq!(hide_values_in_code("20016", mask), "20016");
        assert_eq!(hide_values_in_code("E-LONG-SECRET-9", mask), "E-[redacted]");
        assert_eq!(hide_values("20016", mask), "200[redacted]6");
    }

    #[test]
    fn secret_values_include_hidden_request_fields() {
        let fields = serde_json::json!({
            "appId": "A",
            "appSecret": "S-1",
            "nested": {"permanentCode": "P-2", "list": [{"sign": "G-3"}]},
            "other": "visible"
        });
        let mask = Mask {
            secret_fields: &["permanentCode"],
            values: &[],
        };
        let values = SecretValues::new([], fields.as_object(), mask);
        let shown = mask_text(
            "A S-1 P-2 G-3 visible",
            Mask::default().with_values(&values),
        );
        assert_eq!(shown, "A [redacted] [redacted] [redacted] visible");
    }

    #[test]
    fn urls_are_shown_without_user_info_or_query() {
        assert_eq!(
            url_for_display(" https://u:p@x.example:8/a/b?c=d#e "),
            "https://…@x.example:8/a/b?…"
        );
        assert_eq!(url_for_display("https://x.example/"), "https://x.example/");
        assert_eq!(url_for_display("a@b@c/d@e"), "…@c/d@e");
        assert_eq!(url_for_display(""), "");
    }

    #[test]
    fn sensitive_keys() {
        for key in [
            "accessToken",
            "corpAccessToken",
            "SIGN",
            "appSecret",
            "password",
            "x_token_y",
            "Authorization",
        ] {
            assert!(is_sensitive_key(key), "{key}");
        }
        for key in ["errorCode", "corpId", "appKey", "ea"] {
            assert!(!is_sensitive_key(key), "{key}");
        }
    }
}
