//! An answer's status as its envelope says it: success, the vendor's failure (code,
//! message, request id), or a status that cannot be read (reported at the path that is
//! wrong). Separate from the typed decoding of the result, which only runs on success.

use serde_json::Value;

use crate::error::{Error, VendorError};
use crate::operation::{Envelope, Operation};
use crate::query::{json_kind, scalar_text};
use crate::redact::{
    Mask, SNIPPET_CHARS, VENDOR_MESSAGE_CHARS, hide_values, hide_values_in_code, mask_text,
    truncate_chars,
};

use super::ResponseMeta;

/// What the envelope of an answer says.
pub(super) enum Status {
    /// The call succeeded; the result can be decoded.
    Success,
    /// The vendor reported a failure.
    Failed(Error),
    /// The status cannot be read: `message` says why, at `path`.
    Unreadable {
        /// The envelope part that is missing or of the wrong type.
        path: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

/// The object holding the envelope's code (`Response.Error` for
/// `Response.Error.Code`), if the code's path has one.
fn code_holder(envelope: &Envelope) -> Option<&'static str> {
    envelope.code.rsplit_once('.').map(|(holder, _)| holder)
}

/// Reads the status of `value`, an answer to `op`.
///
/// A vendor error's message is masked by `mask` like a body snippet (vendors echo the
/// parameters they reject, secrets included); its code and request id only have the
/// secret values hidden, as their shape is the vendor's and callers branch on the code.
pub(super) fn status(op: &Operation, mask: Mask<'_>, value: &Value, http_status: u16) -> Status {
    let envelope = op.envelope;
    let code = lookup(value, envelope.code).filter(|v| !v.is_null());
    let failed = |code: String| {
        Status::Failed(Error::from(VendorError {
            provider: op.provider,
            operation: op.name,
            // Masked first, then cut: a cut must not leave half a secret unmasked.
            code: truncate_chars(&hide_values_in_code(code, mask), SNIPPET_CHARS),
            message: lookup(value, envelope.message)
                .and_then(scalar_text)
                .map(|message| truncate_chars(&mask_text(&message, mask), VENDOR_MESSAGE_CHARS))
                .unwrap_or_default(),
            request_id: envelope
                .request_id
                .and_then(|path| lookup(value, path))
                .and_then(scalar_text)
                .map(|id| truncate_chars(&hide_values(id, mask), SNIPPET_CHARS)),
            http_status,
        }))
    };
    if let Some(flag) = envelope.flag {
        match lookup(value, flag.path) {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) if *b == flag.success => {}
            // The flag alone says failure: a vendor that sends `success: false` beside a
            // success code (or no code) has still refused the call.
            Some(Value::Bool(b)) => {
                let code = code
                    .and_then(scalar_text)
                    .unwrap_or_else(|| format!("{}={b}", flag.path));
                return failed(code);
            }
            Some(other) => {
                return Status::Unreadable {
                    path: flag.path,
                    message: format!(
                        "vendor success flag `{}` must be a boolean, not {}",
                        flag.path,
                        json_kind(other)
                    ),
                };
            }
        }
    }
    match (envelope.success, code) {
        // Success is the absence of the code's holder (Tencent's `Response.Error`):
        // a holder present without a usable code still reports a failure.
        (None, None) => match code_holder(envelope).and_then(|holder| lookup(value, holder)) {
            None | Some(Value::Null) => Status::Success,
            Some(_) => unreadable_code(envelope, value),
        },
        (None, Some(code)) => failed(scalar_text(code).unwrap_or_else(|| code.to_string())),
        (Some(_), None) => unreadable_code(envelope, value),
        (Some(expected), Some(code)) => {
            let matches = match code {
                Value::Number(n) => n.as_i64() == Some(expected),
                Value::String(s) => s.trim().parse::<i64>().ok() == Some(expected),
                _ => return unreadable_code(envelope, value),
            };
            if matches {
                Status::Success
            } else {
                failed(scalar_text(code).unwrap_or_default())
            }
        }
    }
}

/// Why the code decides nothing: missing where one is required, missing where its holder
/// reports a failure, or of an unusable type.
fn unreadable_code(envelope: &Envelope, value: &Value) -> Status {
    let holder = code_holder(envelope).filter(|_| envelope.success.is_none());
    let message = match (lookup(value, envelope.code), holder) {
        (None | Some(Value::Null), Some(holder)) => format!(
            "`{holder}` reports a failure without a vendor error code `{}`",
            envelope.code
        ),
        (None | Some(Value::Null), None) => {
            format!("missing vendor status code `{}`", envelope.code)
        }
        (Some(other), _) => format!(
            "vendor status code `{}` must be an integer or a string, not {}",
            envelope.code,
            json_kind(other)
        ),
    };
    Status::Unreadable {
        path: envelope.code,
        message,
    }
}

pub(super) fn response_meta(envelope: &Envelope, value: &Value, mask: Mask<'_>) -> ResponseMeta {
    let text = |v: &Value| scalar_text(v).map(|text| hide_values(text, mask));
    ResponseMeta {
        vendor_code: lookup(value, envelope.code)
            .and_then(scalar_text)
            .map(|code| hide_values_in_code(code, mask)),
        request_id: envelope
            .request_id
            .and_then(|path| lookup(value, path))
            .and_then(text),
    }
}

/// Follows a dot-separated path of object keys; `""` is the value itself.
pub(super) fn lookup<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(root);
    }
    let mut value = root;
    let mut rest = Some(path);
    while let Some(path) = rest {
        let (key, after) = split_first(path);
        value = value.as_object()?.get(key)?;
        rest = after;
    }
    Some(value)
}

/// A dot-separated path of at least one key: its first key, and the path after it (`None`
/// when that was the last key; `Some("")` is one more key, the empty one), as
/// `path.split('.')` has them. Paths are a few short keys: a plain scan is quicker here
/// than the searcher `split` sets up.
pub(super) fn split_first(path: &str) -> (&str, Option<&str>) {
    match path.bytes().position(|b| b == b'.') {
        Some(dot) => (&path[..dot], Some(&path[dot + 1..])),
        None => (path, None),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use crate::decode_response;
    use crate::error::Error;
    use crate::test_ops::MD_STRUCTURE_OP;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Subordinates {
        #[serde(rename = "accountIds")]
        account_ids: Vec<String>,
    }

    fn decode(body: &str) -> Result<Subordinates, Error> {
        decode_response(&MD_STRUCTURE_OP, 200, body.as_bytes())
    }

    #[test]
    fn paths_split_as_split_does() {
        use super::{lookup, split_first};
        assert_eq!(split_first("Response"), ("Response", None));
        assert_eq!(
            split_first("Response.Error.Code"),
            ("Response", Some("Error.Code"))
        );
        assert_eq!(split_first("a."), ("a", Some("")));
        assert_eq!(split_first(".b"), ("", Some("b")));
        let value = serde_json::json!({"a": {"": {"b": 1}}, "x.y": 2});
        assert_eq!(lookup(&value, "a..b"), Some(&serde_json::json!(1)));
        assert_eq!(lookup(&value, ""), Some(&value));
        // A key with a dot is one key, which no path reaches.
        assert_eq!(lookup(&value, "x.y"), None);
        assert_eq!(lookup(&value, "a.b"), None);
    }

    #[test]
    fn a_true_flag_and_the_success_code_are_success() {
        let ok = r#"{"success":true,"error_code":1,"error_msg":"","data":{"accountIds":["a"]}}"#;
        assert_eq!(decode(ok).unwrap().account_ids, ["a"]);
        // Without the flag, the code decides.
        let ok = r#"{"error_code":1,"data":{"accountIds":[]}}"#;
        assert!(decode(ok).is_ok());
    }

    #[test]
    fn a_failing_code_is_the_vendor_error() {
        let body = r#"{"success":false,"error_code":10005,"error_msg":"参数错误","data":null}"#;
        let err = decode(body).unwrap_err();
        let vendor = err.vendor().expect("vendor error");
        assert_eq!(
            (vendor.code.as_str(), vendor.message.as_str()),
            ("10005", "参数错误")
        );
    }

    #[test]
    fn a_false_flag_is_a_failure_even_beside_the_success_code() {
        let body = r#"{"success":false,"error_code":1,"error_msg":"no","data":{"accountIds":[]}}"#;
        let err = decode(body).unwrap_err();
        let vendor = err.vendor().expect("vendor error");
        assert_eq!((vendor.code.as_str(), vendor.message.as_str()), ("1", "no"));
        let err = decode(r#"{"success":false,"error_msg":"no"}"#).unwrap_err();
        assert_eq!(err.vendor_code(), Some("success=false"));
    }

    #[test]
    fn a_flag_that_is_not_a_boolean_is_a_decode_error_at_its_path() {
        let err =
            decode(r#"{"success":"yes","error_code":1,"data":{"accountIds":[]}}"#).unwrap_err();
        match err {
            Error::Decode { path, message, .. } => {
                assert_eq!(path, "success");
                assert_eq!(
                    message,
                    "vendor success flag `success` must be a boolean, not a string"
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_false_flag_on_a_non_2xx_answer_is_the_vendor_error() {
        let body = r#"{"success":false,"error_code":1,"error_msg":"busy"}"#;
        let err =
            decode_response::<Subordinates>(&MD_STRUCTURE_OP, 500, body.as_bytes()).unwrap_err();
        assert_eq!(err.vendor().map(|v| v.http_status), Some(500));
    }
}
