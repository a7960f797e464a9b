//! The one error type every generated call returns.
//!
//! Every variant names the provider and the operation it came from (except
//! [`Error::Config`], which happens before any operation is involved), so a log
//! line is useful on its own. Response bodies only ever appear as short
//! snippets whose credential-looking values are masked: a token endpoint's
//! answer must never end up in a log through an error message.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use crate::operation::Operation;

/// Everything that can go wrong when calling a vendor API.
///
/// `Display` gives the provider, the operation and the facts (vendor code,
/// message, request id, HTTP status, JSON path, …) on one line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The vendor answered with its own error envelope (for example Fxiaoke
    /// `errorCode != 0`, Mingdao `code != 1`, Tencent `Response.Error`).
    #[error(transparent)]
    Vendor(Box<VendorError>),

    /// A non-2xx HTTP status without a recognisable vendor error envelope
    /// (a gateway's HTML page, an empty 502, a redirect, …).
    ///
    /// `Display` says how many attempts the call made, e.g.
    /// `mingdao getUserRelations: HTTP 502 after 3 attempts: <snippet>`.
    #[error(
        "{provider} {operation}: HTTP {status} after {}: {}",
        show_attempts(*attempts),
        show_snippet(snippet)
    )]
    Http {
        /// Provider name, e.g. `"fxiaoke"`.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// The HTTP status code.
        status: u16,
        /// How many attempts the call made, this last one included (1 from
        /// [`decode_response`](crate::decode_response), which makes none).
        attempts: u32,
        /// The start of the body, masked (see the module docs).
        snippet: String,
    },

    /// The request could not be sent or the response could not be read
    /// (DNS, connection refused, TLS, connection reset, …).
    #[error("{provider} {operation}: transport error: {}", error_chain(source))]
    Transport {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// The underlying error, with its URL removed (a GET URL may carry a signature).
        source: reqwest::Error,
    },

    /// The call did not complete within the client's timeout.
    #[error("{provider} {operation}: timed out")]
    Timeout {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
    },

    /// A successful HTTP answer whose body is not what the operation promises.
    #[error(
        "{provider} {operation}: cannot decode response{}: {message}; body: {}",
        show_path(path),
        show_snippet(snippet)
    )]
    Decode {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// JSON path of the failing field, e.g. `"Response.Status"` or
        /// `"data.dataList[0].create_time"`; empty when the body itself is unusable.
        path: String,
        /// What was wrong.
        message: String,
        /// The start of the body, masked.
        snippet: String,
    },

    /// The request broke one of the spec's rules; nothing was sent.
    #[error("{provider} {operation}: invalid request: `{field}` {rule}")]
    InvalidRequest {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// Dotted JSON path of the offending field (empty for the request as a whole).
        field: String,
        /// The rule, in words, e.g. `"length 65 exceeds maximum 64"`.
        rule: String,
    },

    /// The client lacks (or has unusable) credentials for the operation; nothing was sent.
    #[error("{provider}: credentials: {message}")]
    Credentials {
        /// Provider name.
        provider: &'static str,
        /// What is missing or wrong (never the secret itself).
        message: String,
    },

    /// A paged stream ([`Client::paginate`](crate::Client::paginate)) stopped because the
    /// vendor's pages make no progress: the cursor did not advance, a page repeated the one
    /// before it, or more records arrived than the vendor's `total` said. Every page was a
    /// success; continuing would repeat records (or never end).
    #[error("{provider} {operation}: pagination stopped: {message}")]
    Pagination {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// What the pages did wrong, with the offset or cursor involved.
        message: String,
    },

    /// The client is misconfigured, e.g. a base URL that is not absolute http(s).
    #[error("configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },
}

/// An error reported by the vendor inside its response envelope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{provider} {operation}: vendor error {code}: {message} (request id {}, HTTP {http_status})",
    request_id.as_deref().unwrap_or("none")
)]
pub struct VendorError {
    /// Provider name, e.g. `"tencent"`.
    pub provider: &'static str,
    /// Vendor operation name.
    pub operation: &'static str,
    /// The vendor's code as text: `"20016"`, `"InvalidParameter"`, `"AuthFailure.SignatureExpire"`.
    pub code: String,
    /// The vendor's message (informational: vendors change these freely, do not branch on it).
    pub message: String,
    /// The vendor's request or trace id, when the envelope has one.
    pub request_id: Option<String>,
    /// HTTP status of the answer (vendors usually send 200 with an error envelope).
    pub http_status: u16,
}

impl Error {
    /// The vendor's error code, if this is a [`Error::Vendor`].
    pub fn vendor_code(&self) -> Option<&str> {
        self.vendor().map(|v| v.code.as_str())
    }

    /// The vendor error, if this is a [`Error::Vendor`].
    pub fn vendor(&self) -> Option<&VendorError> {
        match self {
            Error::Vendor(v) => Some(v),
            _ => None,
        }
    }

    /// Whether the call ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// Whether nothing was sent because of the request or the client's setup
    /// ([`Error::InvalidRequest`], [`Error::Credentials`], [`Error::Config`]).
    pub fn is_local(&self) -> bool {
        matches!(
            self,
            Error::InvalidRequest { .. } | Error::Credentials { .. } | Error::Config { .. }
        )
    }

    /// The provider the error came from (`None` for [`Error::Config`]).
    pub fn provider(&self) -> Option<&'static str> {
        match self {
            Error::Vendor(v) => Some(v.provider),
            Error::Http { provider, .. }
            | Error::Transport { provider, .. }
            | Error::Timeout { provider, .. }
            | Error::Decode { provider, .. }
            | Error::InvalidRequest { provider, .. }
            | Error::Pagination { provider, .. }
            | Error::Credentials { provider, .. } => Some(provider),
            Error::Config { .. } => None,
        }
    }

    /// The operation the error came from, when one was involved.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Vendor(v) => Some(v.operation),
            Error::Http { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Timeout { operation, .. }
            | Error::Decode { operation, .. }
            | Error::Pagination { operation, .. }
            | Error::InvalidRequest { operation, .. } => Some(operation),
            Error::Credentials { .. } | Error::Config { .. } => None,
        }
    }

    /// The HTTP status, when a response was received and the error is about it.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Vendor(v) => Some(v.http_status),
            Error::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The vendor's request id, when the error carries one.
    pub fn request_id(&self) -> Option<&str> {
        self.vendor().and_then(|v| v.request_id.as_deref())
    }
}

impl From<VendorError> for Error {
    fn from(value: VendorError) -> Self {
        Error::Vendor(Box::new(value))
    }
}

fn show_snippet(snippet: &str) -> &str {
    if snippet.is_empty() {
        "(empty body)"
    } else {
        snippet
    }
}

fn show_attempts(attempts: u32) -> String {
    if attempts == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{attempts} attempts")
    }
}

fn show_path(path: &str) -> String {
    if path.is_empty() {
        " body".to_owned()
    } else {
        format!(" at `{path}`")
    }
}

/// reqwest's own message is often just "error sending request"; the useful part
/// (connection refused, certificate, …) is further down the chain.
fn error_chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        // hyper and friends sometimes repeat their child's message verbatim.
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// Most characters of a body that go into an error.
pub(crate) const SNIPPET_CHARS: usize = 200;

/// Bytes of a non-JSON body looked at; the snippet shows far fewer, and masking a
/// multi-megabyte HTML page only to show 200 characters of it is wasted work.
const TEXT_SCAN_BYTES: usize = 16 * 1024;

const REDACTED: &str = "[redacted]";

/// Whether a JSON key or parameter name looks like it holds a credential.
pub(crate) fn is_sensitive_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["token", "secret", "sign", "password"]
        .iter()
        .any(|word| key.contains(word))
}

/// What a body is masked by: the credential-looking names every body is masked
/// by ([`is_sensitive_key`]), plus the names of an operation's `secret` fields
/// ([`Operation::secret_fields`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Mask<'a> {
    secret_fields: &'a [&'a str],
}

impl Mask<'static> {
    /// The mask for bodies of `op`, in either direction.
    pub(crate) fn of(op: &Operation) -> Self {
        Mask {
            secret_fields: op.secret_fields,
        }
    }
}

impl Mask<'_> {
    /// Whether the value under `key` is hidden.
    fn hides(&self, key: &str) -> bool {
        is_sensitive_key(key)
            || self
                .secret_fields
                .iter()
                .any(|field| field.eq_ignore_ascii_case(key))
    }

    /// The operation's secret names as text patterns, `None` if it has none.
    /// `Err` if they cannot be compiled (then the text is withheld).
    fn field_patterns(&self) -> Result<Option<FieldPatterns>, ()> {
        let names: Vec<String> = self
            .secret_fields
            .iter()
            .filter(|name| !name.is_empty())
            .map(|name| regex::escape(name))
            .collect();
        if names.is_empty() {
            return Ok(None);
        }
        let names = names.join("|");
        let pairs = Regex::new(&format!(
            r#"(?i)("(?:{names})"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}}\]\s]*)"#
        ))
        .map_err(|_| ())?;
        let parameters = Regex::new(&format!(r#"(?i)((?:^|[^\w.\-])(?:{names})=)([^&\s"'<>]*)"#))
            .map_err(|_| ())?;
        Ok(Some(FieldPatterns { pairs, parameters }))
    }
}

/// Text patterns of an operation's secret names.
struct FieldPatterns {
    /// `"name": value` in text that is not (complete) JSON.
    pairs: Regex,
    /// `name=value` in query strings and form bodies.
    parameters: Regex,
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

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn mask_value(value: &mut Value, mask: Mask<'_>) {
    match value {
        Value::Object(map) => {
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
        Value::String(text) => {
            if let Some(masked) = mask_parameters(text, mask) {
                *text = masked;
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// `"…token…": value` pairs in text that is not (complete) JSON.
fn json_pair_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?i)("[^"\\]*(?:token|secret|sign|password)[^"\\]*"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]*)"#,
        )
        .ok()
    })
    .as_ref()
}

/// `…token…=value` pairs (query strings, form bodies).
fn parameter_regex() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"(?i)([\w.\-]*(?:token|secret|sign|password)[\w.\-]*=)([^&\s"'<>]*)"#).ok()
    })
    .as_ref()
}

/// `text` with its credential-looking `name=value` parameters masked, or
/// `None` when it has none.
fn mask_parameters(text: &str, mask: Mask<'_>) -> Option<String> {
    // The patterns are constants (or escaped names) and compile; if that ever
    // changed, hiding the whole text is the safe failure.
    let Some(re) = parameter_regex() else {
        return Some("[text withheld]".to_owned());
    };
    let Ok(fields) = mask.field_patterns() else {
        return Some("[text withheld]".to_owned());
    };
    let replacement = format!("${{1}}{REDACTED}");
    let mut changed = None;
    if re.is_match(text) {
        changed = Some(re.replace_all(text, replacement.as_str()).into_owned());
    }
    if let Some(fields) = fields {
        let current = changed.as_deref().unwrap_or(text);
        if fields.parameters.is_match(current) {
            changed = Some(
                fields
                    .parameters
                    .replace_all(current, replacement.as_str())
                    .into_owned(),
            );
        }
    }
    changed
}

fn mask_text(text: &str, mask: Mask<'_>) -> String {
    let Some(pairs) = json_pair_regex() else {
        return "[body withheld]".to_owned();
    };
    let Ok(fields) = mask.field_patterns() else {
        return "[body withheld]".to_owned();
    };
    let replacement = format!("${{1}}\"{REDACTED}\"");
    let mut masked = pairs.replace_all(text, replacement.as_str()).into_owned();
    if let Some(fields) = fields {
        masked = fields
            .pairs
            .replace_all(&masked, replacement.as_str())
            .into_owned();
    }
    match mask_parameters(&masked, mask) {
        Some(again) => again,
        None => masked,
    }
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
    fn display_names_provider_operation_and_facts() {
        let vendor = Error::from(VendorError {
            provider: "fxiaoke",
            operation: "getMapperObjectId",
            code: "20016".into(),
            message: "token expired".into(),
            request_id: Some("E-O.1".into()),
            http_status: 200,
        });
        assert_eq!(
            vendor.to_string(),
            "fxiaoke getMapperObjectId: vendor error 20016: token expired (request id E-O.1, HTTP 200)"
        );
        assert_eq!(vendor.vendor_code(), Some("20016"));
        assert_eq!(vendor.request_id(), Some("E-O.1"));
        assert_eq!(vendor.http_status(), Some(200));

        let decode = Error::Decode {
            provider: "tencent",
            operation: "Bind",
            path: "Response.Status".into(),
            message: "invalid type".into(),
            snippet: "{}".into(),
        };
        assert_eq!(
            decode.to_string(),
            "tencent Bind: cannot decode response at `Response.Status`: invalid type; body: {}"
        );
        let http = Error::Http {
            provider: "mingdao",
            operation: "getUserRelations",
            status: 502,
            attempts: 3,
            snippet: String::new(),
        };
        assert_eq!(
            http.to_string(),
            "mingdao getUserRelations: HTTP 502 after 3 attempts: (empty body)"
        );
        let once = Error::Http {
            provider: "fxiaoke",
            operation: "dataCreate",
            status: 500,
            attempts: 1,
            snippet: "<html>oops</html>".into(),
        };
        assert_eq!(
            once.to_string(),
            "fxiaoke dataCreate: HTTP 500 after 1 attempt: <html>oops</html>"
        );
        assert!(!http.is_timeout() && http.vendor_code().is_none());
    }

    #[test]
    fn secret_fields_are_masked_in_json_text_and_parameters() {
        let mask = Mask {
            secret_fields: &["permanentCode", "code"],
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
    fn sensitive_keys() {
        for key in [
            "accessToken",
            "corpAccessToken",
            "SIGN",
            "appSecret",
            "password",
            "x_token_y",
        ] {
            assert!(is_sensitive_key(key), "{key}");
        }
        for key in ["errorCode", "corpId", "appKey", "ea"] {
            assert!(!is_sensitive_key(key), "{key}");
        }
    }
}
