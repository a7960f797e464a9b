//! Bugs the corpus found, fixed; these keep them fixed.

use super::*;

/// A Tencent `Response.Error` without a usable `Code` (missing, `null`, or `Error` not an
/// object) is a failure, not a success with the vendor's error dropped: a `Decode` error at
/// the code's path (fixed in `runtime/src/decode.rs`, `envelope_status`).
#[test]
fn tencent_error_without_code_is_a_decode_error() {
    let op = Target::Tencent.op();
    for body in [
        r#"{"Response":{"Error":{"Message":"denied"},"Status":1,"RequestId":"r"}}"#,
        r#"{"Response":{"Error":{"Code":null,"Message":"denied"},"Status":1}}"#,
        r#"{"Response":{"Error":"denied","Status":1}}"#,
    ] {
        let typed = decode(Target::Tencent, 200, body.as_bytes());
        assert!(
            matches!(&typed, Err(Error::Decode { path, message, .. })
                if path == "Response.Error.Code" && message.contains("`Response.Error` reports a failure")),
            "{body}: {typed:?}"
        );
        let untyped = decode_response::<serde_json::Value>(op, 200, body.as_bytes());
        assert!(
            matches!(&untyped, Err(Error::Decode { path, .. }) if path == "Response.Error.Code"),
            "{body}: {untyped:?}"
        );
    }
    // `"Error": null` is no error.
    let body = br#"{"Response":{"Error":null,"Status":1,"RequestId":"r"}}"#;
    assert!(decode(Target::Tencent, 200, body).is_ok());
}

/// `Error::Decode`'s message does not repeat the offending value (serde's "invalid type:
/// string \"…\"" becomes "string (N characters, not shown)") and is capped, so a 10 MB string
/// where an i64 goes gives a short `Display`; the snippet hides that string too.
#[test]
fn decode_message_is_bounded_and_hides_the_offending_string() {
    let huge = format!("\"{}\"", "9".repeat(TEN_MB));
    for protocol in [Protocol::Fxiaoke, Protocol::Mingdao, Protocol::Tencent] {
        let target = target_of(protocol);
        // Mingdao's only number is its code: put the string where its list goes instead.
        let body = match protocol {
            Protocol::Mingdao => format!(r#"{{"code":1,"data":{huge}}}"#).into_bytes(),
            _ => with_number(protocol, &huge),
        };
        let error = decode(target, 200, &body).expect_err("must not decode");
        assert!(
            matches!(error, Error::Decode { .. }),
            "{protocol:?}: not Decode"
        );
        let chars = error.to_string().chars().count();
        assert!(
            chars <= DISPLAY_MAX_CHARS,
            "{protocol:?}: Display has {chars} chars"
        );
    }
    // A misplaced string is hidden from message and snippet alike.
    let error = decode(
        Target::FxToken,
        200,
        br#"{"errorCode":0,"accessToken":"AT","expiresIn":"SECRET-LIKE-VALUE","ea":"x"}"#,
    )
    .expect_err("must not decode");
    common::assert_error_hides(&error, &["SECRET-LIKE-VALUE"]);
}

/// A JSON array where a response struct is expected is a `Decode` error at its path, not a
/// positional read (serde's derived `visit_seq`) with made-up field values.
#[test]
fn response_structs_reject_arrays() {
    for (target, body, path) in [
        (Target::Tencent, r#"{"Response":[1,"r"]}"#, "Response"),
        (
            Target::FxQuery,
            r#"{"errorCode":0,"data":[4,0,5,[]]}"#,
            "data",
        ),
        (Target::Mingdao, r#"{"code":1,"data":[[]]}"#, "data[0]"),
    ] {
        match decode(target, 200, body.as_bytes()) {
            Err(Error::Decode { path: got, .. }) => assert_eq!(got, path, "{body}"),
            other => panic!("{body}: expected Decode at {path}, got {other:?}"),
        }
    }
}
