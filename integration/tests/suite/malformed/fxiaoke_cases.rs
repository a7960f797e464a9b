//! The cases of Fxiaoke's envelope (`errorCode`/`errorMessage`, result fields beside it) and
//! of its CRM page (`data.dataList`).

use super::*;

fn fx_query(json: &str) -> Vec<u8> {
    json.as_bytes().to_vec()
}

pub(super) fn fxiaoke_cases() -> Vec<Case> {
    [
        error_code_cases(),
        error_code_value_cases(),
        page_type_cases(),
        record_and_duplicate_cases(),
        access_token_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The baseline and `errorCode` missing or of a JSON type it cannot be.
fn error_code_cases() -> Vec<Case> {
    use Target::FxQuery as Q;
    let list = r#""dataList":[{"_id":"5a7","name":"P-1"}]"#;
    let ok_data = format!(r#"{{"total":1,{list}}}"#);
    vec![
        // The baseline: a proper page of results decodes, tenant fields kept.
        case(
            "proper page",
            Q,
            200,
            proper(Protocol::Fxiaoke),
            ok_if(
                |d| matches!(d, Decoded::FxQuery(r) if r.data.total == 2 && r.data.data_list.len() == 2 && r.data.data_list[1].extra.contains_key("amount__c")),
            ),
        ),
        // A vendor error: `errorCode` 20016.
        case(
            "token expired",
            Q,
            200,
            r#"{"errorCode":20016,"errorMessage":"corpAccessToken expired","traceId":"E-O.2"}"#,
            vendor("20016"),
        ),
        // A vendor error sent with HTTP 502: Vendor, carrying the 502.
        case(
            "vendor error, HTTP 502",
            Q,
            502,
            r#"{"errorCode":-1,"errorMessage":"busy"}"#,
            vendor("-1"),
        ),
        // No `errorCode` at all (the envelope is missing).
        case(
            "errorCode missing",
            Q,
            200,
            format!(r#"{{"errorMessage":"OK","traceId":"t-1","data":{ok_data}}}"#),
            decode_at("errorCode", "missing vendor status code"),
        ),
        // `errorCode: null`.
        case(
            "errorCode null",
            Q,
            200,
            format!(r#"{{"errorCode":null,"data":{ok_data}}}"#),
            decode_at("errorCode", "missing vendor status code"),
        ),
        // `errorCode` is an object.
        case(
            "errorCode object",
            Q,
            200,
            format!(r#"{{"errorCode":{{"value":0}},"data":{ok_data}}}"#),
            decode_at("errorCode", "not an object"),
        ),
        // `errorCode` is a list.
        case(
            "errorCode list",
            Q,
            200,
            format!(r#"{{"errorCode":[0],"data":{ok_data}}}"#),
            decode_at("errorCode", "not an array"),
        ),
        // `errorCode` is a boolean.
        case(
            "errorCode bool",
            Q,
            200,
            format!(r#"{{"errorCode":false,"data":{ok_data}}}"#),
            decode_at("errorCode", "not a boolean"),
        ),
    ]
}

/// `errorCode` as a string, a float, or out of range.
fn error_code_value_cases() -> Vec<Case> {
    use Target::FxQuery as Q;
    let list = r#""dataList":[{"_id":"5a7","name":"P-1"}]"#;
    let ok_data = format!(r#"{{"total":1,{list}}}"#);
    vec![
        // `errorCode: "0"` (a string) is success.
        case(
            "errorCode \"0\"",
            Q,
            200,
            format!(r#"{{"errorCode":"0","data":{ok_data}}}"#),
            ok(),
        ),
        // `errorCode: " 0 "` is trimmed: success.
        case(
            "errorCode \" 0 \"",
            Q,
            200,
            format!(r#"{{"errorCode":" 0 ","data":{ok_data}}}"#),
            ok(),
        ),
        // `errorCode: "20016"` (a string) is that vendor error.
        case(
            "errorCode \"20016\"",
            Q,
            200,
            r#"{"errorCode":"20016","errorMessage":"expired"}"#,
            vendor("20016"),
        ),
        // `errorCode: 0.0` (a float) is a vendor error "0.0", not success (questionable, see report).
        case(
            "errorCode 0.0",
            Q,
            200,
            format!(r#"{{"errorCode":0.0,"data":{ok_data}}}"#),
            vendor("0.0"),
        ),
        // `errorCode: 1.5`.
        case(
            "errorCode 1.5",
            Q,
            200,
            r#"{"errorCode":1.5}"#,
            vendor("1.5"),
        ),
        // A code beyond u64 arrives as a float.
        case(
            "errorCode 99999999999999999999999",
            Q,
            200,
            r#"{"errorCode":99999999999999999999999}"#,
            vendor("1e+23"),
        ),
        // A code below i64::MIN arrives as a float.
        case(
            "errorCode -9223372036854775809",
            Q,
            200,
            r#"{"errorCode":-9223372036854775809}"#,
            vendor("-9.223372036854776e+18"),
        ),
    ]
}

/// Fields of the CRM page of the wrong JSON type or range.
fn page_type_cases() -> Vec<Case> {
    use Target::FxQuery as Q;
    let list = r#""dataList":[{"_id":"5a7","name":"P-1"}]"#;
    let d = |inner: &str| {
        fx_query(&format!(
            r#"{{"errorCode":0,"errorMessage":"OK","traceId":"t-1","data":{inner}}}"#
        ))
    };
    let ok_data = format!(r#"{{"total":1,{list}}}"#);
    vec![
        // `total: "4"`: a string where an i64 goes.
        case(
            "total is a string",
            Q,
            200,
            d(&format!(r#"{{"total":"4",{list}}}"#)),
            // The string is described, not repeated (it could be a misplaced credential).
            decode_at(
                "data.total",
                "invalid type: string (1 character, not shown), expected i64",
            ),
        ),
        // `dataList: {}`: an object where a list goes.
        case(
            "dataList is an object",
            Q,
            200,
            d(r#"{"total":1,"dataList":{"0":{}}}"#),
            decode_at("data.dataList", "expected a sequence"),
        ),
        // `traceId: 5`: a number where a string goes.
        case(
            "traceId is a number",
            Q,
            200,
            format!(r#"{{"errorCode":0,"traceId":5,"data":{ok_data}}}"#),
            decode_at("traceId", "invalid type: integer `5`, expected a string"),
        ),
        // `data: true`: a boolean where an object goes.
        case(
            "data is a bool",
            Q,
            200,
            d("true"),
            decode_at("data", "invalid type: boolean `true`"),
        ),
        // `dataList: null`.
        case(
            "dataList null",
            Q,
            200,
            d(r#"{"total":1,"dataList":null}"#),
            decode_at("data.dataList", "invalid type: null, expected a sequence"),
        ),
        // `data: null`.
        case(
            "data null",
            Q,
            200,
            d("null"),
            decode_at("data", "invalid type: null"),
        ),
        // `total` beyond u64: a float, not an i64.
        case(
            "total 99999999999999999999999",
            Q,
            200,
            with_number(Protocol::Fxiaoke, "99999999999999999999999"),
            decode_at("data.total", "invalid type: floating point"),
        ),
        // `total` one below i64::MIN.
        case(
            "total -9223372036854775809",
            Q,
            200,
            with_number(Protocol::Fxiaoke, "-9223372036854775809"),
            decode_at("data.total", "invalid type: floating point"),
        ),
        // `total` one above i64::MAX (fits u64).
        case(
            "total 9223372036854775808",
            Q,
            200,
            with_number(Protocol::Fxiaoke, "9223372036854775808"),
            decode_at("data.total", "invalid value: integer `9223372036854775808`"),
        ),
        // `total` exactly i64::MAX decodes.
        case(
            "total i64::MAX",
            Q,
            200,
            with_number(Protocol::Fxiaoke, "9223372036854775807"),
            ok_if(|d| matches!(d, Decoded::FxQuery(r) if r.data.total == i64::MAX)),
        ),
        // `total: 4.0`: a float where an i64 goes.
        case(
            "total 4.0",
            Q,
            200,
            with_number(Protocol::Fxiaoke, "4.0"),
            decode_at("data.total", "invalid type: floating point"),
        ),
    ]
}

/// Records of the wrong shape, required fields missing, duplicate keys, mixed envelopes.
fn record_and_duplicate_cases() -> Vec<Case> {
    use Target::FxQuery as Q;
    let list = r#""dataList":[{"_id":"5a7","name":"P-1"}]"#;
    let d = |inner: &str| {
        fx_query(&format!(
            r#"{{"errorCode":0,"errorMessage":"OK","traceId":"t-1","data":{inner}}}"#
        ))
    };
    let ok_data = format!(r#"{{"total":1,{list}}}"#);
    vec![
        // A record's `name` is a number (a typed system field inside an open object).
        case(
            "record name is a number",
            Q,
            200,
            d(r#"{"total":1,"dataList":[{"_id":"1"},{"name":5}]}"#),
            decode_at("data.dataList[1].name", "expected a string"),
        ),
        // A record's `owner` is a string, not a list.
        case(
            "record owner is a string",
            Q,
            200,
            d(r#"{"total":1,"dataList":[{"owner":"FSUID_1"}]}"#),
            decode_at("data.dataList[0].owner", "expected a sequence"),
        ),
        // A record's `create_time` is a date string, not milliseconds.
        case(
            "record create_time is text",
            Q,
            200,
            d(r#"{"total":1,"dataList":[{"create_time":"2024-01-01"}]}"#),
            decode_at("data.dataList[0].create_time", "invalid type: string"),
        ),
        // A `null` record in the list.
        case(
            "null record",
            Q,
            200,
            d(r#"{"total":1,"dataList":[null]}"#),
            decode_at("data.dataList[0]", "invalid type: null"),
        ),
        // `errorCode: 0` but the required `data` is missing. The path is the parent's (the
        // body, ""), the message names the field.
        case(
            "success without data",
            Q,
            200,
            r#"{"errorCode":0,"errorMessage":"OK","traceId":"t"}"#,
            decode_at("", "missing field `data`"),
        ),
        // `errorCode: 0` but `data.total` is missing.
        case(
            "success without data.total",
            Q,
            200,
            d(&format!("{{{list}}}")),
            decode_at("data", "missing field `total`"),
        ),
        // Duplicate keys: the last `errorCode` (0) wins, success.
        case(
            "duplicate errorCode, last 0",
            Q,
            200,
            format!(r#"{{"errorCode":20016,"errorCode":0,"data":{ok_data}}}"#),
            ok(),
        ),
        // Duplicate keys: the last `errorCode` (20016) wins, vendor error.
        case(
            "duplicate errorCode, last 20016",
            Q,
            200,
            format!(r#"{{"errorCode":0,"data":{ok_data},"errorCode":20016}}"#),
            vendor("20016"),
        ),
        // Duplicate `total`: the last wins.
        case(
            "duplicate total",
            Q,
            200,
            d(&format!(r#"{{"total":1,"total":7,{list}}}"#)),
            ok_if(|d| matches!(d, Decoded::FxQuery(r) if r.data.total == 7)),
        ),
        // Success code and an error object side by side: the code decides, success.
        case(
            "success code with error object",
            Q,
            200,
            format!(
                r#"{{"errorCode":0,"errorMessage":"system error","error":{{"code":-2,"message":"system error"}},"data":{ok_data}}}"#
            ),
            ok(),
        ),
        // An error code beside a full result: the code decides, vendor error.
        case(
            "error code with result",
            Q,
            200,
            format!(r#"{{"errorCode":50009,"errorMessage":"timeout","data":{ok_data}}}"#),
            vendor("50009"),
        ),
        // A Tencent-shaped body sent to Fxiaoke: no `errorCode`.
        case(
            "foreign envelope",
            Q,
            200,
            r#"{"Response":{"Status":1,"RequestId":"r"}}"#,
            decode_at("errorCode", "missing vendor status code"),
        ),
    ]
}

/// The `accessToken` response: missing, wrongly typed and proper tokens.
fn access_token_cases() -> Vec<Case> {
    use Target::FxToken as T;
    let token = |json: &str| json.as_bytes().to_vec();
    vec![
        // accessToken: `errorCode: 0` but the required `accessToken` is missing.
        case(
            "token: success without accessToken",
            T,
            200,
            token(r#"{"errorCode":0,"errorMessage":"success","expiresIn":7200,"ea":"fktest188"}"#),
            decode_at("", "missing field `accessToken`"),
        ),
        // accessToken: `expiresIn: "7200"`, a string where an i64 goes.
        case(
            "token: expiresIn is a string",
            T,
            200,
            token(r#"{"errorCode":0,"accessToken":"AT","expiresIn":"7200","ea":"fktest188"}"#),
            decode_at(
                "expiresIn",
                "invalid type: string (4 characters, not shown), expected i64",
            ),
        ),
        // accessToken: `accessToken: 12345`, a number where a (secret) string goes.
        case(
            "token: accessToken is a number",
            T,
            200,
            token(r#"{"errorCode":0,"accessToken":12345,"expiresIn":7200,"ea":"fktest188"}"#),
            decode_at("accessToken", "expected a string"),
        ),
        // accessToken: `expiresIn` 1e23.
        case(
            "token: expiresIn 1e23",
            T,
            200,
            token(
                r#"{"errorCode":0,"accessToken":"AT","expiresIn":99999999999999999999999,"ea":"x"}"#,
            ),
            decode_at("expiresIn", "floating point"),
        ),
        // accessToken: bad app credentials reported beside a stale token field.
        case(
            "token: vendor error with token field",
            T,
            200,
            token(r#"{"errorCode":20006,"errorMessage":"bad appSecret","accessToken":"STALE"}"#),
            vendor("20006"),
        ),
        // accessToken: a proper answer decodes.
        case(
            "token: proper",
            T,
            200,
            token(
                r#"{"accessToken":"AT","expiresIn":7200,"ea":"fktest188","errorCode":0,"errorMessage":"success","traceId":"E-O.1"}"#,
            ),
            ok_if(
                |d| matches!(d, Decoded::FxToken(r) if r.expires_in == 7200 && r.ea == "fktest188"),
            ),
        ),
    ]
}
