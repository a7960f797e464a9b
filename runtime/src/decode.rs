//! Decoding a vendor's answer: the envelope's status (`envelope`), the vendor error, the
//! typed result.
//!
//! [`decode_response`] is pure (no I/O, never panics) and is the one path every answer
//! takes, from [`Client::call`](crate::Client::call) and for callers who do their own I/O.

use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed};
use serde_json::Value;

mod empty;
mod envelope;
mod fast;

use self::envelope::{Status, lookup, response_meta, status};
use crate::error::Error;
use crate::operation::{BodyShape, Operation};
use crate::redact::{Mask, Step, snippet_masked};
use crate::strict::decode_value;

/// What decoding learnt besides the result, for tracing.
#[derive(Default)]
pub(crate) struct ResponseMeta {
    pub(crate) vendor_code: Option<String>,
    pub(crate) request_id: Option<String>,
}

/// Decodes a vendor's answer to `op` (pure: no I/O; never panics).
///
/// * Non-2xx: a [`Error::Vendor`] with that status if the body is a vendor
///   envelope reporting failure, else [`Error::Http`] with a masked snippet.
/// * 2xx: the body must be JSON ([`Error::Decode`] with path `""` if not); a leading
///   UTF-8 byte-order mark is ignored, for every vendor. An empty body is
///   a success only for a `Resp` that holds nothing (`()`, a unit struct: an
///   operation whose vendor answers with no body); for any other type it is
///   the [`Error::Decode`] "empty response body".
///   The envelope's code decides success (see
///   [`Envelope::success`](crate::Envelope::success)); a
///   failure becomes [`Error::Vendor`] with code, message and request id.
///   A missing code where one is required is a [`Error::Decode`] naming the
///   code's path.
/// * An operation whose result is a bare array
///   ([`Operation::response_body`]) and whose envelope has no result path is answered
///   with the array as the whole body: such a body has no envelope to check and is a
///   success; a body that is an object is read for its envelope's failure as above.
/// * Then `Resp` is read from the envelope's result (or the whole
///   body), unless it holds nothing (`()`): then any success is it; a mismatch is an [`Error::Decode`] whose `path` is the full JSON
///   path of the failing field, e.g. `Response.Status`.
pub fn decode_response<Resp: DeserializeOwned>(
    op: &Operation,
    http_status: u16,
    body: &[u8],
) -> Result<Resp, Error> {
    decode_with_meta(op, Mask::of(op), http_status, body).0
}

/// A successful answer's result read by `seed` in one pass over `body` (see `fast.rs`);
/// `None` for any other answer, or any doubt, which [`decode_with_meta`] then explains.
pub(crate) fn decode_success<'b, S: DeserializeSeed<'b>>(
    op: &Operation,
    mask: Mask<'_>,
    http_status: u16,
    body: &'b [u8],
    seed: S,
) -> Option<(S::Value, ResponseMeta)> {
    let body = body.strip_prefix(UTF8_BOM).unwrap_or(body);
    if !(200..300).contains(&http_status) || op.response_body != BodyShape::Object {
        return None;
    }
    let (result, skeleton) = fast::decode_seed(op.envelope, body, seed)?;
    match status(op, mask, &skeleton, http_status) {
        Status::Success => Some((result, response_meta(op.envelope, &skeleton, mask))),
        _ => None,
    }
}

/// The UTF-8 encoding of U+FEFF, the byte-order mark.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// [`decode_response`], masking what the error shows and the facts traced with `mask`.
pub(crate) fn decode_with_meta<Resp: DeserializeOwned>(
    op: &Operation,
    mask: Mask<'_>,
    http_status: u16,
    body: &[u8],
) -> (Result<Resp, Error>, ResponseMeta) {
    // The common case, a success, in one pass straight into `Resp`; anything else (and any
    // doubt) takes the diagnostic path below, which reaches the same verdict and explains it.
    if empty::nothing::<Resp>().is_none()
        && let Some((result, meta)) =
            decode_success(op, mask, http_status, body, PhantomData::<Resp>)
    {
        return (Ok(result), meta);
    }
    // Some gateways (and Windows-hosted vendors) put a UTF-8 byte-order mark before the
    // JSON; serde_json refuses it. It carries no data, so it is dropped here and in
    // `decode_success`, the two places every answer is decoded.
    let body = body.strip_prefix(UTF8_BOM).unwrap_or(body);
    let envelope = op.envelope;
    let decode_error = |path: &str, message: String| Error::Decode {
        provider: op.provider,
        operation: op.name,
        path: path.to_owned(),
        message,
        snippet: snippet_masked(body, mask),
    };
    let success = (200..300).contains(&http_status);
    let parsed = serde_json::from_slice::<Value>(body);

    if !success {
        let mut meta = ResponseMeta::default();
        if let Ok(value) = &parsed {
            meta = response_meta(envelope, value, mask);
            if let Status::Failed(vendor) = status(op, mask, value, http_status) {
                return (Err(vendor), meta);
            }
        }
        let error = Error::Http {
            provider: op.provider,
            operation: op.name,
            status: http_status,
            attempts: 1,
            snippet: snippet_masked(body, mask),
        };
        return (Err(error), meta);
    }

    let value = match parsed {
        Ok(value) => value,
        Err(e) => {
            let empty = body.trim_ascii().is_empty();
            // A vendor that answers some calls with no body at all (HTTP 200 or 204): the
            // result type of such an operation holds nothing (`()`), and so is read from it.
            if let Some(nothing) = empty.then(empty::nothing::<Resp>).flatten() {
                return (Ok(nothing), ResponseMeta::default());
            }
            let message = if empty {
                "empty response body".to_owned()
            } else {
                format!("response is not JSON: {e}")
            };
            return (Err(decode_error("", message)), ResponseMeta::default());
        }
    };
    let meta = response_meta(envelope, &value, mask);
    // A bare array where the envelope would be has no code to read: a result that is the
    // whole body is a success by being there (an object is still read for its failure).
    let bare_result =
        op.response_body == BodyShape::Array && envelope.result.is_none() && value.is_array();

    match status(op, mask, &value, http_status) {
        _ if bare_result => {}
        Status::Success => {}
        Status::Failed(vendor) => return (Err(vendor), meta),
        Status::Unreadable { path, message } => {
            return (Err(decode_error(path, message)), meta);
        }
    }

    // An operation whose result holds nothing takes any success as it, the vendor's own
    // envelope included (a vendor documenting no body may still send one).
    if let Some(nothing) = empty::nothing::<Resp>() {
        return (Ok(nothing), meta);
    }
    let result = match envelope.result {
        // A missing result object reads as `null`: fine for `()` or `Option`,
        // and otherwise reported at the result's path.
        Some(path) => lookup(&value, path).unwrap_or(&Value::Null),
        None => &value,
    };
    let (prefix, steps) = match envelope.result {
        Some(path) if !path.is_empty() => (
            path,
            path.split('.')
                .map(|key| Step::Key(key.to_owned()))
                .collect(),
        ),
        _ => ("", Vec::new()),
    };
    (decode_value(op, mask, result, prefix, &value, &steps), meta)
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use serde::Deserialize;

    use super::*;
    use crate::redact::{SNIPPET_CHARS, VENDOR_MESSAGE_CHARS};
    use crate::test_ops::{FX_OP, MD_OP, TC_OP};

    #[derive(Debug, Deserialize, PartialEq)]
    struct Mapper {
        #[serde(rename = "mapperId")]
        mapper_id: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Relation {
        corp_user_id: String,
        create_time: Option<i64>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct Relations {
        data: Vec<Relation>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Bind {
        status: i64,
        request_id: String,
    }

    fn decode_err<R: DeserializeOwned + Debug>(op: &Operation, status: u16, body: &str) -> Error {
        decode_response::<R>(op, status, body.as_bytes()).unwrap_err()
    }

    #[test]
    fn huge_vendor_messages_codes_and_request_ids_are_cut() {
        let message = "busy ".repeat(400_000);
        let id = "E".repeat(10_000);
        let body = serde_json::json!({
            "errorCode": 50009, "errorMessage": message, "traceId": id,
        })
        .to_string();
        let error = decode_err::<Mapper>(&FX_OP, 200, &body);
        let Error::Vendor(vendor) = &error else {
            panic!("expected a vendor error, got {error:?}");
        };
        assert_eq!(vendor.code, "50009");
        assert_eq!(vendor.message.chars().count(), VENDOR_MESSAGE_CHARS + 1);
        assert!(vendor.message.ends_with('…'), "{}", vendor.message);
        assert_eq!(
            vendor.request_id.as_deref().map(|id| id.chars().count()),
            Some(SNIPPET_CHARS + 1)
        );
        assert!(error.to_string().chars().count() < 1500, "{error}");
        let code = "X".repeat(5_000);
        let body = serde_json::json!({"Response": {"Error": {"Code": code, "Message": "m"}}});
        let error = decode_err::<Bind>(&TC_OP, 200, &body.to_string());
        assert_eq!(
            error.vendor_code().map(|c| c.chars().count()),
            Some(SNIPPET_CHARS + 1)
        );
    }

    #[test]
    fn fxiaoke_success_and_vendor_error() {
        let ok = br#"{"traceId":"E-O.1","errorDescription":"success","errorMessage":"OK","errorCode":0,"mapperId":"12345"}"#;
        assert_eq!(
            decode_response::<Mapper>(&FX_OP, 200, ok).unwrap(),
            Mapper {
                mapper_id: "12345".into()
            }
        );

        let err = decode_err::<Mapper>(
            &FX_OP,
            200,
            r#"{"traceId":"E-O.2","errorMessage":"corpAccessToken expired","errorCode":20016}"#,
        );
        let vendor = err.vendor().expect("vendor error");
        assert_eq!(vendor.code, "20016");
        assert_eq!(vendor.message, "corpAccessToken expired");
        assert_eq!(vendor.request_id.as_deref(), Some("E-O.2"));
        assert_eq!(vendor.http_status, 200);
        assert_eq!(vendor.provider, "fxiaoke");
        assert_eq!(vendor.operation, "getMapperObjectId");
        let text = err.to_string();
        for fact in [
            "fxiaoke",
            "getMapperObjectId",
            "20016",
            "corpAccessToken expired",
            "E-O.2",
            "200",
        ] {
            assert!(text.contains(fact), "{fact} missing from {text}");
        }
        // A string code "0" is success too; a non-numeric string is a failure code.
        assert!(decode_response::<Value>(&FX_OP, 200, br#"{"errorCode":"0"}"#).is_ok());
        assert_eq!(
            decode_err::<Value>(&FX_OP, 200, r#"{"errorCode":"E1"}"#).vendor_code(),
            Some("E1")
        );
    }

    #[test]
    fn fxiaoke_missing_or_mistyped_code() {
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"{"mapperId":"1"}"#);
        match &err {
            Error::Decode { path, message, .. } => {
                assert_eq!(path, "errorCode");
                assert!(message.contains("missing"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"{"errorCode":null,"mapperId":"1"}"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "errorCode"),
            "{err:?}"
        );
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"{"errorCode":true}"#);
        assert!(
            matches!(&err, Error::Decode { path, message, .. } if path == "errorCode" && message.contains("boolean")),
            "{err:?}"
        );
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"[1,2]"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "errorCode"),
            "{err:?}"
        );
    }

    #[test]
    fn wrong_field_type_reports_path_and_snippet() {
        let body = r#"{"errorCode":0,"mapperId":12345,"corpAccessToken":"SECRET-TOKEN"}"#;
        match decode_err::<Mapper>(&FX_OP, 200, body) {
            Error::Decode {
                path,
                message,
                snippet,
                provider,
                operation,
            } => {
                assert_eq!(path, "mapperId");
                assert!(message.contains("invalid type"), "{message}");
                assert!(snippet.contains(r#""mapperId":12345"#), "{snippet}");
                assert!(!snippet.contains("SECRET-TOKEN"), "{snippet}");
                assert_eq!((provider, operation), ("fxiaoke", "getMapperObjectId"));
            }
            other => panic!("unexpected {other:?}"),
        }

        let body = r#"{"code":1,"message":"","data":[{"corpUserId":"a","createTime":1},{"corpUserId":"b","createTime":"x"}]}"#;
        match decode_err::<Relations>(&MD_OP, 200, body) {
            Error::Decode { path, snippet, .. } => {
                assert_eq!(path, "data[1].createTime");
                assert!(snippet.starts_with(r#"{"code":1"#), "{snippet}");
            }
            other => panic!("unexpected {other:?}"),
        }

        let body = r#"{"Response":{"Status":"1","RequestId":"r-1"}}"#;
        match decode_err::<Bind>(&TC_OP, 200, body) {
            Error::Decode {
                path,
                message,
                snippet,
                ..
            } => {
                assert_eq!(path, "Response.Status");
                // The misplaced string is described, not repeated: it could be a credential.
                assert_eq!(
                    message,
                    "invalid type: string (1 character, not shown), expected i64"
                );
                assert!(snippet.contains(r#""Status":"[redacted]""#), "{snippet}");
                assert!(snippet.contains(r#""RequestId":"r-1""#), "{snippet}");
            }
            other => panic!("unexpected {other:?}"),
        }
        // Missing field: the path is the object holding it.
        let err = decode_err::<Bind>(&TC_OP, 200, r#"{"Response":{"RequestId":"r"}}"#);
        assert!(
            matches!(&err, Error::Decode { path, message, .. } if path == "Response" && message.contains("Status")),
            "{err:?}"
        );
        let err = decode_err::<Bind>(&TC_OP, 200, r#"{}"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "Response"),
            "{err:?}"
        );
    }

    #[test]
    fn mingdao_envelope() {
        let ok = r#"{"data":[{"corpUserId":"u1","projectId":"p","accountId":"a"}],"code":1,"message":""}"#;
        let rel = decode_response::<Relations>(&MD_OP, 200, ok.as_bytes()).unwrap();
        assert_eq!(rel.data[0].corp_user_id, "u1");

        let err = decode_err::<Relations>(&MD_OP, 200, r#"{"code":10001,"message":"错误描述"}"#);
        let vendor = err.vendor().unwrap();
        assert_eq!(
            (vendor.code.as_str(), vendor.message.as_str()),
            ("10001", "错误描述")
        );
        assert_eq!(vendor.request_id, None);
        // code 0 is a failure for Mingdao.
        assert_eq!(
            decode_err::<Relations>(&MD_OP, 200, r#"{"code":0,"message":"x"}"#).vendor_code(),
            Some("0")
        );
        let err = decode_err::<Relations>(&MD_OP, 200, r#"{"message":"x"}"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "code"),
            "{err:?}"
        );
    }

    #[test]
    fn tencent_envelope() {
        let ok = r#"{"Response":{"RequestId":"fc0b0a6b-01b4-4042-b236-c5356af1d5d8","Status":1}}"#;
        let bind = decode_response::<Bind>(&TC_OP, 200, ok.as_bytes()).unwrap();
        assert_eq!(bind.status, 1);
        assert_eq!(bind.request_id, "fc0b0a6b-01b4-4042-b236-c5356af1d5d8");

        let err = decode_err::<Bind>(
            &TC_OP,
            200,
            r#"{"Response":{"Error":{"Code":"InvalidParameter.OpenId","Message":"OpenId已被绑定"},"RequestId":"r-9"}}"#,
        );
        let vendor = err.vendor().unwrap();
        assert_eq!(vendor.code, "InvalidParameter.OpenId");
        assert_eq!(vendor.message, "OpenId已被绑定");
        assert_eq!(vendor.request_id.as_deref(), Some("r-9"));
        assert_eq!(err.request_id(), Some("r-9"));
        assert!(
            decode_response::<Value>(&TC_OP, 200, br#"{"Response":{"RequestId":"r"}}"#).is_ok()
        );
    }

    #[test]
    fn html_and_empty_bodies() {
        for op in [&FX_OP, &MD_OP, &TC_OP] {
            let err = decode_err::<Value>(op, 200, "<html><body>502 Bad Gateway</body></html>");
            match &err {
                Error::Decode {
                    path,
                    message,
                    snippet,
                    ..
                } => {
                    assert_eq!(path, "");
                    assert!(message.contains("not JSON"), "{message}");
                    assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
                }
                other => panic!("unexpected {other:?}"),
            }
            let err = decode_err::<Value>(op, 200, "");
            assert!(
                matches!(&err, Error::Decode { path, message, snippet, .. }
                    if path.is_empty() && message == "empty response body" && snippet.is_empty()),
                "{err:?}"
            );
            assert!(err.to_string().contains("(empty body)"), "{err}");
        }
    }

    #[test]
    fn non_2xx() {
        let err = decode_err::<Value>(&FX_OP, 502, "<html>Bad Gateway</html>");
        assert!(
            matches!(&err, Error::Http { status: 502, snippet, .. } if snippet == "<html>Bad Gateway</html>"),
            "{err:?}"
        );
        assert_eq!(err.http_status(), Some(502));
        let err = decode_err::<Value>(&MD_OP, 503, "");
        assert!(
            matches!(&err, Error::Http { status: 503, snippet, .. } if snippet.is_empty()),
            "{err:?}"
        );
        // A vendor envelope on a non-2xx answer is still the vendor's error.
        let err = decode_err::<Value>(
            &TC_OP,
            500,
            r#"{"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"r"}}"#,
        );
        assert_eq!(
            err.vendor().map(|v| (v.code.as_str(), v.http_status)),
            Some(("InternalError", 500))
        );
        // ...but a success envelope on a 500 is an HTTP error, with the token masked.
        let err = decode_err::<Value>(&FX_OP, 500, r#"{"errorCode":0,"accessToken":"AT"}"#);
        match &err {
            Error::Http {
                status: 500,
                snippet,
                ..
            } => assert!(!snippet.contains("AT\""), "{snippet}"),
            other => panic!("unexpected {other:?}"),
        }
        // Redirects are not followed and surface as HTTP errors.
        assert!(matches!(
            decode_err::<Value>(&FX_OP, 302, ""),
            Error::Http { status: 302, .. }
        ));
    }

    #[test]
    fn a_leading_byte_order_mark_is_ignored() {
        let fx = b"\xEF\xBB\xBF{\"errorCode\":0,\"mapperId\":\"1\"}";
        assert_eq!(
            decode_response::<Mapper>(&FX_OP, 200, fx)
                .unwrap()
                .mapper_id,
            "1"
        );
        let md = "\u{feff}{\"code\":10001,\"message\":\"x\"}";
        assert_eq!(
            decode_err::<Relations>(&MD_OP, 200, md).vendor_code(),
            Some("10001")
        );
        let tc = "\u{feff}{\"Response\":{\"Status\":1,\"RequestId\":\"r\"}}";
        assert_eq!(
            decode_response::<Bind>(&TC_OP, 200, tc.as_bytes())
                .unwrap()
                .status,
            1
        );
        // Only one mark, and only at the start, is dropped.
        let twice = "\u{feff}\u{feff}{\"errorCode\":0}";
        assert!(matches!(
            decode_err::<Value>(&FX_OP, 200, twice),
            Error::Decode { .. }
        ));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let bodies: [&[u8]; 9] = [
            b"",
            b"   ",
            b"null",
            b"\xff\xfe",
            b"{\"errorCode\":1e999}",
            b"{\"errorCode\":18446744073709551615}",
            b"{\"Response\":[]}",
            b"{\"code\":{\"a\":1}}",
            b"\"\xe9\x94\x99",
        ];
        for op in [&FX_OP, &MD_OP, &TC_OP] {
            for status in [0, 100, 200, 204, 299, 300, 404, 999, u16::MAX] {
                for body in bodies {
                    let _ = decode_response::<Value>(op, status, body);
                    let _ = decode_response::<Bind>(op, status, body);
                }
            }
        }
    }
}
