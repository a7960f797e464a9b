//! The cases of Tencent Cloud's `Response` envelope (`Response.Error`, `Response.RequestId`).

use super::*;

pub(super) fn tencent_cases() -> Vec<Case> {
    [response_cases(), field_cases(), error_cases()]
        .into_iter()
        .flatten()
        .collect()
}

/// The `Response` object itself: present, missing, of the wrong type.
fn response_cases() -> Vec<Case> {
    use Target::Tencent as T;
    let r = |inner: &str| format!(r#"{{"Response":{inner}}}"#);
    vec![
        // The baseline decodes.
        case(
            "proper bind",
            T,
            200,
            r(r#"{"Status":1,"RequestId":"fc0b0a6b"}"#),
            ok_if(
                |d| matches!(d, Decoded::Tencent(r) if r.status == bindery::tencent_ess::BindStatus::Succeeded && r.request_id.as_deref() == Some("fc0b0a6b")),
            ),
        ),
        // The page's error example.
        case(
            "InvalidParameter",
            T,
            200,
            r(
                r#"{"Error":{"Code":"InvalidParameter","Message":"该openid已绑定其他userid"},"RequestId":"535482ad"}"#,
            ),
            vendor("InvalidParameter"),
        ),
        // A vendor error sent with HTTP 502.
        case(
            "vendor error, HTTP 502",
            T,
            502,
            r(r#"{"Error":{"Code":"InternalError","Message":"x"},"RequestId":"r"}"#),
            vendor("InternalError"),
        ),
        // `Response` is a list (here empty).
        case(
            "Response empty list",
            T,
            200,
            r("[]"),
            // An array is never a struct (not even an empty one read positionally).
            decode_at("Response", "invalid type: sequence, expected struct"),
        ),
        // `Response` is a string.
        case(
            "Response string",
            T,
            200,
            r(r#""ok""#),
            decode_at("Response", "invalid type: string"),
        ),
        // `Response: null`.
        case(
            "Response null",
            T,
            200,
            r("null"),
            decode_at("Response", "invalid type: null"),
        ),
        // `Response` is a number.
        case(
            "Response number",
            T,
            200,
            r("1"),
            decode_at("Response", "invalid type: integer"),
        ),
        // No `Response`: the fields at top level.
        case(
            "no Response",
            T,
            200,
            r#"{"Status":1,"RequestId":"r"}"#,
            decode_at("Response", "invalid type: null"),
        ),
        // `Response: {}`: the required `Status` is missing. The path is the parent's, the
        // message names the field.
        case(
            "Response empty object",
            T,
            200,
            r("{}"),
            decode_at("Response", "missing field `Status`"),
        ),
    ]
}

/// `Status` and `RequestId` of every wrong JSON type and range.
fn field_cases() -> Vec<Case> {
    use Target::Tencent as T;
    let r = |inner: &str| format!(r#"{{"Response":{inner}}}"#);
    vec![
        // `Status: "1"`: a string where an i64 goes.
        case(
            "Status string",
            T,
            200,
            r(r#"{"Status":"1"}"#),
            decode_at(
                "Response.Status",
                "invalid type: string (1 character, not shown), expected i64",
            ),
        ),
        // `Status: true`.
        case(
            "Status bool",
            T,
            200,
            r(r#"{"Status":true}"#),
            decode_at("Response.Status", "invalid type: boolean"),
        ),
        // `Status: null`.
        case(
            "Status null",
            T,
            200,
            r(r#"{"Status":null}"#),
            decode_at("Response.Status", "invalid type: null"),
        ),
        // `Status` is a list.
        case(
            "Status list",
            T,
            200,
            r(r#"{"Status":[1]}"#),
            decode_at("Response.Status", "invalid type: sequence"),
        ),
        // `Status` beyond u64.
        case(
            "Status 99999999999999999999999",
            T,
            200,
            with_number(Protocol::Tencent, "99999999999999999999999"),
            decode_at("Response.Status", "invalid type: floating point"),
        ),
        // `Status` below i64::MIN.
        case(
            "Status -9223372036854775809",
            T,
            200,
            with_number(Protocol::Tencent, "-9223372036854775809"),
            decode_at("Response.Status", "invalid type: floating point"),
        ),
        // `Status: 1.0`.
        case(
            "Status 1.0",
            T,
            200,
            with_number(Protocol::Tencent, "1.0"),
            decode_at("Response.Status", "invalid type: floating point"),
        ),
        // `RequestId: 5`: a number where a string goes.
        case(
            "RequestId number",
            T,
            200,
            r(r#"{"Status":1,"RequestId":5}"#),
            decode_at(
                "Response.RequestId",
                "invalid type: integer `5`, expected a string",
            ),
        ),
        // `RequestId: {}`.
        case(
            "RequestId object",
            T,
            200,
            r(r#"{"Status":1,"RequestId":{}}"#),
            decode_at("Response.RequestId", "invalid type: map"),
        ),
    ]
}

/// `Response.Error` in every shape, beside results, duplicated, at odds with the status.
fn error_cases() -> Vec<Case> {
    use Target::Tencent as T;
    let r = |inner: &str| format!(r#"{{"Response":{inner}}}"#);
    vec![
        // A numeric error code.
        case(
            "Error.Code number",
            T,
            200,
            r(r#"{"Error":{"Code":4000,"Message":"x"}}"#),
            vendor("4000"),
        ),
        // An error code that is an object: still a vendor error, its code the object as text.
        case(
            "Error.Code object",
            T,
            200,
            r(r#"{"Error":{"Code":{"a":1}}}"#),
            vendor(r#"{"a":1}"#),
        ),
        // An empty error code: a vendor error with an empty code.
        case(
            "Error.Code empty",
            T,
            200,
            r(r#"{"Error":{"Code":"","Message":"x"}}"#),
            vendor(""),
        ),
        // A result and an error side by side: the error wins.
        case(
            "Status and Error",
            T,
            200,
            r(r#"{"Status":1,"Error":{"Code":"InternalError","Message":"x"},"RequestId":"r"}"#),
            vendor("InternalError"),
        ),
        // `Error: null` beside a result: no error.
        case(
            "Error null",
            T,
            200,
            r(r#"{"Status":1,"Error":null}"#),
            ok(),
        ),
        // `Error.Message` is an object: Vendor, message left empty.
        case(
            "Error.Message object",
            T,
            200,
            r(r#"{"Error":{"Code":"FailedOperation","Message":{"zh":"失败"}}}"#),
            vendor("FailedOperation"),
        ),
        // Duplicate `Response`: the last (success) wins.
        case(
            "duplicate Response, last success",
            T,
            200,
            r#"{"Response":{"Error":{"Code":"InternalError"}},"Response":{"Status":1}}"#,
            ok(),
        ),
        // Duplicate `Response`: the last (error) wins.
        case(
            "duplicate Response, last error",
            T,
            200,
            r#"{"Response":{"Status":1},"Response":{"Error":{"Code":"LimitExceeded"}}}"#,
            vendor("LimitExceeded"),
        ),
        // Unknown fields beside the result are ignored.
        case(
            "unknown fields",
            T,
            200,
            r(r#"{"Status":1,"RequestId":"r","Extra":{"a":[1,2]},"Flag":true}"#),
            ok(),
        ),
        // A proper success body with HTTP 429: the status wins.
        case(
            "success body, HTTP 429",
            T,
            429,
            r(r#"{"Status":1}"#),
            Expect::Http,
        ),
        // A Fxiaoke-shaped body sent to Tencent: no `Response`.
        case(
            "foreign envelope",
            T,
            200,
            r#"{"errorCode":0,"errorMessage":"OK"}"#,
            decode_at("Response", "invalid type: null"),
        ),
        // An error without a code and without a result: reported at the missing code, the
        // failure it is (see `tencent_error_without_code_is_a_decode_error`).
        case(
            "Error without Code, no Status",
            T,
            200,
            r(r#"{"Error":{"Message":"boom"},"RequestId":"r"}"#),
            decode_at(
                "Response.Error.Code",
                "`Response.Error` reports a failure without a vendor error code",
            ),
        ),
    ]
}
