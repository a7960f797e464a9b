//! The cases of Mingdao's `{code, message, data}` envelope.

use super::*;

pub(super) fn mingdao_cases() -> Vec<Case> {
    [code_cases(), data_cases(), mixed_cases()]
        .into_iter()
        .flatten()
        .collect()
}

/// The `code` of the envelope: present, missing, of every JSON type and range.
fn code_cases() -> Vec<Case> {
    use Target::Mingdao as M;
    let data = r#"[{"corpUserId":"u1","projectId":"p1","accountId":"a1"}]"#;
    let with_code = |code: &str| format!(r#"{{"code":{code},"message":"m","data":{data}}}"#);
    vec![
        // The baseline decodes.
        case(
            "proper relations",
            M,
            200,
            proper(Protocol::Mingdao),
            ok_if(
                |d| matches!(d, Decoded::Mingdao(r) if r.data.len() == 1 && r.data[0].account_id.as_deref() == Some("req-1")),
            ),
        ),
        // The page's failure example: code 10001.
        case(
            "failure 10001",
            M,
            200,
            r#"{"code":10001,"message":"错误描述"}"#,
            vendor("10001"),
        ),
        // A vendor error with HTTP 500: Vendor, carrying the 500.
        case(
            "vendor error, HTTP 500",
            M,
            500,
            r#"{"code":10001,"message":"错误描述"}"#,
            vendor("10001"),
        ),
        // The other Mingdao envelope (`success`/`error_code`) where this one is expected: no `code`.
        case(
            "legacy envelope",
            M,
            200,
            format!(r#"{{"success":true,"error_code":1,"error_msg":"","data":{data}}}"#),
            decode_at("code", "missing vendor status code"),
        ),
        // `code: null`.
        case(
            "code null",
            M,
            200,
            with_code("null"),
            decode_at("code", "missing vendor status code"),
        ),
        // `code` is an object.
        case(
            "code object",
            M,
            200,
            with_code(r#"{"v":1}"#),
            decode_at("code", "not an object"),
        ),
        // `code` is a boolean.
        case(
            "code true",
            M,
            200,
            with_code("true"),
            decode_at("code", "not a boolean"),
        ),
        // `code` is a list.
        case(
            "code list",
            M,
            200,
            with_code("[1]"),
            decode_at("code", "not an array"),
        ),
        // `code: "1"` (a string) is success.
        case("code \"1\"", M, 200, with_code("\"1\""), ok()),
        // `code: "abc"`: a failure whose code is that text.
        case("code \"abc\"", M, 200, with_code("\"abc\""), vendor("abc")),
        // `code: 1.0` is a vendor error "1.0", not success (questionable, see report).
        case("code 1.0", M, 200, with_code("1.0"), vendor("1.0")),
        // `code: 0`: failure.
        case("code 0", M, 200, with_code("0"), vendor("0")),
        // `code` beyond u64.
        case(
            "code 99999999999999999999999",
            M,
            200,
            with_code("99999999999999999999999"),
            vendor("1e+23"),
        ),
        // `code` below i64::MIN.
        case(
            "code -9223372036854775809",
            M,
            200,
            with_code("-9223372036854775809"),
            vendor("-9.223372036854776e+18"),
        ),
    ]
}

/// The `data` list and its items: wrong types, `null`s, unknown fields, empty.
fn data_cases() -> Vec<Case> {
    use Target::Mingdao as M;
    let with_data = |inner: &str| format!(r#"{{"code":1,"message":"","data":{inner}}}"#);
    vec![
        // `data: null` where a list is expected.
        case(
            "data null",
            M,
            200,
            with_data("null"),
            decode_at("data", "invalid type: null, expected a sequence"),
        ),
        // `data: {}`: an object where a list goes.
        case(
            "data object",
            M,
            200,
            with_data(r#"{"corpUserId":"u1"}"#),
            decode_at("data", "expected a sequence"),
        ),
        // `data: "u1"`: a string where a list goes.
        case(
            "data string",
            M,
            200,
            with_data(r#""u1""#),
            decode_at("data", "invalid type: string"),
        ),
        // `code: 1` but `data` missing. Path is the parent's (""), the message names the field.
        case(
            "success without data",
            M,
            200,
            r#"{"code":1,"message":""}"#,
            decode_at("", "missing field `data`"),
        ),
        // `corpUserId: 5`: a number where a string goes.
        case(
            "corpUserId is a number",
            M,
            200,
            with_data(r#"[{"corpUserId":5}]"#),
            decode_at(
                "data[0].corpUserId",
                "invalid type: integer `5`, expected a string",
            ),
        ),
        // `accountId: {}` in the second item.
        case(
            "accountId is an object",
            M,
            200,
            with_data(r#"[{"corpUserId":"u1"},{"accountId":{}}]"#),
            decode_at("data[1].accountId", "invalid type: map"),
        ),
        // `true` where an item object goes.
        case(
            "item is a bool",
            M,
            200,
            with_data(r#"[{"corpUserId":"u1"},true]"#),
            decode_at("data[1]", "invalid type: boolean"),
        ),
        // `null` item.
        case(
            "item null",
            M,
            200,
            with_data("[null]"),
            decode_at("data[0]", "invalid type: null"),
        ),
        // Unknown fields in items are ignored.
        case(
            "unknown item fields",
            M,
            200,
            with_data(r#"[{"corpUserId":"u1","nickname":"李","extra":{"a":[1]}}]"#),
            ok(),
        ),
        // An empty list decodes.
        case(
            "empty data",
            M,
            200,
            with_data("[]"),
            ok_if(|d| matches!(d, Decoded::Mingdao(r) if r.data.is_empty())),
        ),
    ]
}

/// Envelopes mixed, duplicated or at odds with the HTTP status.
fn mixed_cases() -> Vec<Case> {
    use Target::Mingdao as M;
    let data = r#"[{"corpUserId":"u1","projectId":"p1","accountId":"a1"}]"#;
    vec![
        // Success code beside the other envelope's failure fields: `code` decides, success.
        case(
            "success code with error fields",
            M,
            200,
            format!(
                r#"{{"code":1,"success":false,"error_code":10001,"error_msg":"bad","data":{data}}}"#
            ),
            ok(),
        ),
        // A failure code beside a full result: vendor error.
        case(
            "failure code with data",
            M,
            200,
            format!(r#"{{"code":10001,"message":"bad","data":{data}}}"#),
            vendor("10001"),
        ),
        // Duplicate `code`: the last (1) wins.
        case(
            "duplicate code, last 1",
            M,
            200,
            format!(r#"{{"code":10001,"data":{data},"code":1}}"#),
            ok(),
        ),
        // Duplicate `data`: the last (empty) wins.
        case(
            "duplicate data",
            M,
            200,
            format!(r#"{{"code":1,"data":{data},"data":[]}}"#),
            ok_if(|d| matches!(d, Decoded::Mingdao(r) if r.data.is_empty())),
        ),
        // A success body with HTTP 502: the status wins.
        case(
            "success body, HTTP 502",
            M,
            502,
            proper(Protocol::Mingdao),
            Expect::Http,
        ),
        // A failure whose message is an object: Vendor, message left empty.
        case(
            "failure with object message",
            M,
            200,
            r#"{"code":10002,"message":{"zh":"错误"}}"#,
            vendor("10002"),
        ),
    ]
}
