//! Malformed-response corpus: what every provider's decoding does with bodies a vendor, a
//! gateway or a broken proxy might send instead of a proper answer.
//!
//! Each case is fed (a) straight to `bindery::runtime::decode_response` with a generated
//! operation and its generated response type, and (b) through the generated client method
//! against a local wiremock server, and must give the same outcome both ways. For every case:
//! no panic; a typed `bindery::Error` of the expected variant (`Decode`, `Vendor` or `Http`), or
//! a successful decode where the body is a proper success; `Display` naming the provider and
//! the operation and staying short; a snippet of at most 200 characters plus an ellipsis, on one
//! line; and for `Decode` the exact JSON path of the problem (`""` when the body as a whole is
//! unusable) and a telling message.
//!
//! Behaviour the cases found questionable is asserted as it is (with a comment saying so).
//! The real bugs the corpus found are fixed; the tests at the end keep them fixed.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};

use bindery::Error;
use bindery::fxiaoke::crm::{DataQueryRequest, DataQueryResponse, QueryData};
use bindery::fxiaoke::oauth::{AccessTokenRequest, AccessTokenResponse};
use bindery::fxiaoke::types::SearchQueryInfo;
use bindery::mingdao::user::{GetUserRelationsRequest, GetUserRelationsResponse};
use bindery::runtime::{Operation, decode_response};
use bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdResponse;
use common::CALL_TIMEOUT;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Most characters a snippet may have: the runtime's 200 plus the ellipsis.
const SNIPPET_MAX_CHARS: usize = 201;
/// Most characters an error's `Display` may have for the cases of the table (whose vendor
/// messages are short): provider, operation, path, message and snippet.
const DISPLAY_MAX_CHARS: usize = 1_000;
/// Size of the "huge body" cases.
const TEN_MB: usize = 10 * 1024 * 1024;
/// Nesting depth of the "deeply nested" cases.
const DEEP: usize = 10_000;

// ---------------------------------------------------------------------------------------------
// What is decoded, and how.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    Fxiaoke,
    Mingdao,
    Tencent,
}

/// A generated operation together with its generated response type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// Fxiaoke `dataQuery` → `DataQueryResponse` (CRM V2, `data.dataList`).
    FxQuery,
    /// Fxiaoke `accessToken` → `AccessTokenResponse` (result fields beside `errorCode`).
    FxToken,
    /// Mingdao `getUserRelations` → `GetUserRelationsResponse` (`{code, message, data}`).
    Mingdao,
    /// Tencent ESS `BindEmployeeUserIdWithClientOpenId` → its response (`Response.*`).
    Tencent,
}

impl Target {
    fn protocol(self) -> Protocol {
        match self {
            Target::FxQuery | Target::FxToken => Protocol::Fxiaoke,
            Target::Mingdao => Protocol::Mingdao,
            Target::Tencent => Protocol::Tencent,
        }
    }

    fn op(self) -> &'static Operation {
        match self {
            Target::FxQuery => &bindery::fxiaoke::operations::DATA_QUERY,
            Target::FxToken => &bindery::fxiaoke::operations::ACCESS_TOKEN,
            Target::Mingdao => &bindery::mingdao::operations::GET_USER_RELATIONS,
            Target::Tencent => {
                &bindery::tencent_ess::operations::BIND_EMPLOYEE_USER_ID_WITH_CLIENT_OPEN_ID
            }
        }
    }
}

/// A successfully decoded response.
#[derive(Debug)]
enum Decoded {
    FxQuery(DataQueryResponse),
    FxToken(AccessTokenResponse),
    Mingdao(GetUserRelationsResponse),
    Tencent(BindEmployeeUserIdWithClientOpenIdResponse),
}

/// Path (a): the pure decoder.
fn decode(target: Target, status: u16, body: &[u8]) -> Result<Decoded, Error> {
    let op = target.op();
    match target {
        Target::FxQuery => decode_response(op, status, body).map(Decoded::FxQuery),
        Target::FxToken => decode_response(op, status, body).map(Decoded::FxToken),
        Target::Mingdao => decode_response(op, status, body).map(Decoded::Mingdao),
        Target::Tencent => decode_response(op, status, body).map(Decoded::Tencent),
    }
}

/// Path (b): the generated client method against a local server answering `status`/`body`.
async fn call(
    server: &MockServer,
    target: Target,
    status: u16,
    body: &[u8],
) -> Result<Decoded, Error> {
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_vec(), "application/json"))
        .mount(server)
        .await;
    let base = server.uri();
    match target {
        Target::FxQuery => {
            let client = bindery::fxiaoke::Client::builder()
                .base_url(base)
                .timeout(CALL_TIMEOUT)
                .credentials(bindery::fxiaoke::Credentials::new().with_corp_access_token(
                    "CORP-TOKEN",
                    "CORP_ID",
                    "FSUID_1",
                ))
                .build()
                .expect("client builds");
            let request =
                DataQueryRequest::new(QueryData::new("PaymentObj", SearchQueryInfo::new()));
            client.data_query(&request).await.map(Decoded::FxQuery)
        }
        Target::FxToken => {
            let client = bindery::fxiaoke::Client::builder()
                .base_url(base)
                .timeout(CALL_TIMEOUT)
                .build()
                .expect("client builds");
            let request = AccessTokenRequest::new("FSAID_1", "APP-SECRET", "PERMANENT-CODE");
            client.access_token(&request).await.map(Decoded::FxToken)
        }
        Target::Mingdao => {
            let client = bindery::mingdao::Client::builder()
                .base_url(base)
                .timeout(CALL_TIMEOUT)
                .credentials(bindery::mingdao::Credentials::new(
                    "APPKEY",
                    "SECRET-KEY",
                    "PROJECT",
                ))
                .build()
                .expect("client builds");
            let request = GetUserRelationsRequest::new(vec!["u1".to_owned()]);
            client
                .get_user_relations(&request)
                .await
                .map(Decoded::Mingdao)
        }
        Target::Tencent => {
            let client = bindery::tencent_ess::Client::builder()
                .base_url(base)
                .timeout(CALL_TIMEOUT)
                .credentials(bindery::tencent_ess::Credentials::new(
                    "AKIDtest",
                    "SECRET-KEY",
                ))
                .build()
                .expect("client builds");
            let request = common::tencent_bind_request();
            client
                .bind_employee_user_id_with_client_open_id(&request)
                .await
                .map(Decoded::Tencent)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Cases and expectations.

#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Decodes; the check, if any, looks at the result.
    Ok(Option<fn(&Decoded) -> bool>),
    /// `Error::Decode` at exactly `path`, its message containing `message`.
    Decode {
        path: &'static str,
        message: &'static str,
    },
    /// `Error::Vendor` with this code and the case's HTTP status.
    Vendor { code: &'static str },
    /// `Error::Http` with the case's status.
    Http,
}

const fn ok() -> Expect {
    Expect::Ok(None)
}

const fn ok_if(check: fn(&Decoded) -> bool) -> Expect {
    Expect::Ok(Some(check))
}

const fn decode_at(path: &'static str, message: &'static str) -> Expect {
    Expect::Decode { path, message }
}

const fn vendor(code: &'static str) -> Expect {
    Expect::Vendor { code }
}

struct Case {
    name: &'static str,
    target: Target,
    status: u16,
    body: Vec<u8>,
    expect: Expect,
}

fn case(
    name: &'static str,
    target: Target,
    status: u16,
    body: impl Into<Vec<u8>>,
    expect: Expect,
) -> Case {
    Case {
        name,
        target,
        status,
        body: body.into(),
        expect,
    }
}

/// Why an outcome does not match a case, or `Ok` if it does.
fn verify(case: &Case, outcome: &Result<Decoded, Error>) -> Result<(), String> {
    let op = case.target.op();
    let error = match (outcome, case.expect) {
        (Ok(decoded), Expect::Ok(check)) => {
            if !(200..300).contains(&case.status) {
                return Err(format!("HTTP {} decoded as success", case.status));
            }
            if let Some(check) = check
                && !check(decoded)
            {
                return Err(format!("decoded, but not as expected: {decoded:?}"));
            }
            return Ok(());
        }
        (Ok(decoded), expect) => {
            return Err(format!("expected {expect:?}, decoded {decoded:?}"));
        }
        (Err(error), _) => error,
    };
    let text = error.to_string();
    let shown = || text.chars().take(300).collect::<String>();
    if !text.contains(op.provider) || !text.contains(op.name) {
        return Err(format!(
            "Display does not name {} {}: {}",
            op.provider,
            op.name,
            shown()
        ));
    }
    if error.provider() != Some(op.provider) || error.operation() != Some(op.name) {
        return Err(format!("provider()/operation() wrong: {error:?}"));
    }
    if text.chars().count() > DISPLAY_MAX_CHARS {
        return Err(format!(
            "Display has {} chars: {}…",
            text.chars().count(),
            shown()
        ));
    }
    let check_snippet = |snippet: &str| {
        let chars = snippet.chars().count();
        if chars > SNIPPET_MAX_CHARS {
            Err(format!("snippet has {chars} chars"))
        } else if snippet.contains(['\n', '\r']) {
            Err(format!("snippet spans lines: {snippet:?}"))
        } else {
            Ok(())
        }
    };
    match (error, case.expect) {
        (
            Error::Decode {
                path,
                message,
                snippet,
                ..
            },
            Expect::Decode {
                path: want_path,
                message: want_message,
            },
        ) => {
            check_snippet(snippet)?;
            if path != want_path {
                return Err(format!(
                    "Decode path `{path}`, expected `{want_path}` ({message})"
                ));
            }
            if !message.contains(want_message) {
                return Err(format!("Decode message {message:?} lacks {want_message:?}"));
            }
            Ok(())
        }
        (
            Error::Http {
                status, snippet, ..
            },
            Expect::Http,
        ) => {
            check_snippet(snippet)?;
            if *status != case.status {
                return Err(format!("Http status {status}, expected {}", case.status));
            }
            Ok(())
        }
        (Error::Vendor(v), Expect::Vendor { code }) => {
            if v.code != code {
                return Err(format!("vendor code {:?}, expected {code:?}", v.code));
            }
            if v.http_status != case.status {
                return Err(format!(
                    "vendor http_status {}, expected {}",
                    v.http_status, case.status
                ));
            }
            Ok(())
        }
        (error, expect) => Err(format!("expected {expect:?}, got {error:?}")),
    }
}

/// One outcome per case, failing (with every mismatch listed) if any case is off.
fn report(kind: &str, cases: &[Case], outcomes: Vec<Result<(), String>>) {
    let failures: Vec<String> = cases
        .iter()
        .zip(outcomes)
        .filter_map(|(case, outcome)| {
            outcome.err().map(|why| {
                format!(
                    "{:?}/{} (HTTP {}): {why}",
                    case.target, case.name, case.status
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{kind}: {} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-text panic".to_owned())
}

// ---------------------------------------------------------------------------------------------
// Bodies.

/// A proper success body with `@N@` (a number the response type reads) and `@S@` (the inside
/// of a string the response type reads) left to fill.
fn template(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Fxiaoke => {
            r#"{"errorCode":0,"errorMessage":"OK","traceId":"@S@","data":{"total":@N@,"offset":0,"limit":20,"dataList":[{"_id":"5a7","name":"P-1","owner":["FSUID_1"],"create_time":1519985373616},{"_id":"5a8","name":"P-2","amount__c":"200.00"}]}}"#
        }
        // The only number a Mingdao answer has is its code.
        Protocol::Mingdao => {
            r#"{"code":@N@,"message":"","data":[{"corpUserId":"u1","projectId":"p1","accountId":"@S@"}]}"#
        }
        Protocol::Tencent => r#"{"Response":{"Status":@N@,"RequestId":"@S@"}}"#,
    }
}

fn default_number(protocol: Protocol) -> &'static str {
    match protocol {
        Protocol::Fxiaoke => "2",
        Protocol::Mingdao | Protocol::Tencent => "1",
    }
}

/// The template with `number` and the string bytes `text` filled in.
fn fill(protocol: Protocol, number: &str, text: &[u8]) -> Vec<u8> {
    let with_number = template(protocol).replace("@N@", number);
    let (head, tail) = with_number
        .split_once("@S@")
        .expect("every template has a string slot");
    [head.as_bytes(), text, tail.as_bytes()].concat()
}

fn with_number(protocol: Protocol, number: &str) -> Vec<u8> {
    fill(protocol, number, b"req-1")
}

fn with_text(protocol: Protocol, text: &[u8]) -> Vec<u8> {
    fill(protocol, default_number(protocol), text)
}

fn proper(protocol: Protocol) -> Vec<u8> {
    with_number(protocol, default_number(protocol))
}

fn target_of(protocol: Protocol) -> Target {
    match protocol {
        Protocol::Fxiaoke => Target::FxQuery,
        Protocol::Mingdao => Target::Mingdao,
        Protocol::Tencent => Target::Tencent,
    }
}

/// What a body without the envelope's code gives: the code's path for the vendors whose code
/// is required; for Tencent (success is the absence of `Response.Error`), the result object
/// `Response` is missing.
fn missing_envelope(protocol: Protocol) -> Expect {
    match protocol {
        Protocol::Fxiaoke => decode_at("errorCode", "missing vendor status code"),
        Protocol::Mingdao => decode_at("code", "missing vendor status code"),
        Protocol::Tencent => decode_at("Response", "invalid type: null"),
    }
}

const NOT_JSON: &str = "response is not JSON";
const HTML_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n";
const HTML_200: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>系统维护中</title></head><body><p>The service is under maintenance. 系统维护中,请稍后再试。</p></body></html>";

/// The cases every protocol shares: broken transport-level bodies, broken JSON, the wrong
/// top-level shape. 36 per protocol.
fn shared_cases(protocol: Protocol) -> Vec<Case> {
    let t = target_of(protocol);
    let good = proper(protocol);
    let cut = |n: usize| good[..n].to_vec();
    let len = good.len();
    let deep_in_envelope = {
        let mut body = good[..good.len() - 1].to_vec();
        body.extend_from_slice(b",\"x\":");
        body.extend(std::iter::repeat_n(b'[', DEEP));
        body.extend(std::iter::repeat_n(b']', DEEP));
        body.push(b'}');
        body
    };
    let huge_garbage: Vec<u8> = (0..TEN_MB)
        .map(|i| b"\x00\xffgarbage{[\"<"[i % 13])
        .collect();
    vec![
        // A gateway's or maintenance HTML page sent with 200: not JSON.
        case(
            "html page, HTTP 200",
            t,
            200,
            HTML_200,
            decode_at("", NOT_JSON),
        ),
        // nginx's 502 page: an HTTP error, not a decoding one.
        case("html page, HTTP 502", t, 502, HTML_502, Expect::Http),
        // Nothing at all with 200.
        case(
            "empty body, HTTP 200",
            t,
            200,
            "",
            decode_at("", "empty response body"),
        ),
        // Nothing at all with 502.
        case("empty body, HTTP 502", t, 502, "", Expect::Http),
        // Only whitespace: reported as empty.
        case(
            "whitespace only",
            t,
            200,
            " \r\n\t \n",
            decode_at("", "empty response body"),
        ),
        // Truncated right after the opening brace.
        case(
            "truncated after 1 byte",
            t,
            200,
            cut(1),
            decode_at("", "EOF while parsing"),
        ),
        // Truncated a third of the way in.
        case(
            "truncated at 1/3",
            t,
            200,
            cut(len / 3),
            decode_at("", "EOF while parsing"),
        ),
        // Truncated two thirds of the way in.
        case(
            "truncated at 2/3",
            t,
            200,
            cut(len * 2 / 3),
            decode_at("", "EOF while parsing"),
        ),
        // Only the final `}` missing.
        case(
            "truncated before last brace",
            t,
            200,
            cut(len - 1),
            decode_at("", "EOF while parsing"),
        ),
        // A truncated body with an error status stays an HTTP error.
        case("truncated, HTTP 503", t, 503, cut(len / 2), Expect::Http),
        // Invalid UTF-8 inside a string the response type reads.
        case(
            "non-UTF-8 in a string",
            t,
            200,
            with_text(protocol, b"caf\xe9 \xff\xfe"),
            decode_at("", NOT_JSON),
        ),
        // Binary garbage.
        case(
            "binary garbage",
            t,
            200,
            b"\x00\x01\xff\xfe\x80{\x00}".to_vec(),
            decode_at("", NOT_JSON),
        ),
        // A GBK-encoded error page ("系统错误") with 500: HTTP error, lossy snippet.
        case(
            "GBK text, HTTP 500",
            t,
            500,
            b"\xcf\xb5\xcd\xb3\xb4\xed\xce\xf3".to_vec(),
            Expect::Http,
        ),
        // A UTF-8 BOM before an otherwise proper body. RFC 8259 lets parsers ignore it;
        // the runtime drops it before decoding (serde_json alone would refuse it).
        case(
            "UTF-8 BOM",
            t,
            200,
            [b"\xef\xbb\xbf".as_slice(), &good].concat(),
            ok(),
        ),
        // 10 000 unclosed `[`: refused by the parser's depth limit, no stack overflow.
        case(
            "10000 open brackets",
            t,
            200,
            "[".repeat(DEEP),
            decode_at("", "recursion limit exceeded"),
        ),
        // 10 000 balanced `[`…`]` inside an otherwise proper body.
        case(
            "10000 nested arrays in a field",
            t,
            200,
            deep_in_envelope,
            decode_at("", "recursion limit exceeded"),
        ),
        // 10 000 nested objects.
        case(
            "10000 nested objects",
            t,
            200,
            "{\"a\":".repeat(DEEP),
            decode_at("", "recursion limit exceeded"),
        ),
        // Deep nesting with 502: HTTP error, bounded snippet.
        case(
            "10000 open brackets, HTTP 502",
            t,
            502,
            "[".repeat(DEEP),
            Expect::Http,
        ),
        // A NaN literal where a number goes.
        case(
            "NaN literal",
            t,
            200,
            with_number(protocol, "NaN"),
            decode_at("", NOT_JSON),
        ),
        // An Infinity literal where a number goes.
        case(
            "Infinity literal",
            t,
            200,
            with_number(protocol, "Infinity"),
            decode_at("", NOT_JSON),
        ),
        // A -Infinity literal where a number goes.
        case(
            "-Infinity literal",
            t,
            200,
            with_number(protocol, "-Infinity"),
            decode_at("", NOT_JSON),
        ),
        // 1e400 overflows f64: serde_json refuses the whole body, so there is no field path
        // (asserted as it is, see the report).
        case(
            "1e400",
            t,
            200,
            with_number(protocol, "1e400"),
            decode_at("", "number out of range"),
        ),
        // 10 MB of garbage with 200: Decode, snippet still short.
        case(
            "10 MB garbage, HTTP 200",
            t,
            200,
            huge_garbage.clone(),
            decode_at("", NOT_JSON),
        ),
        // 10 MB of garbage with 502: Http, snippet still short.
        case(
            "10 MB garbage, HTTP 502",
            t,
            502,
            huge_garbage,
            Expect::Http,
        ),
        // A proper body whose optional string is 10 MB long: decodes.
        case(
            "10 MB string in a proper body",
            t,
            200,
            with_text(protocol, "x".repeat(TEN_MB).as_bytes()),
            ok(),
        ),
        // The proper body wrapped in an array.
        case(
            "top-level array",
            t,
            200,
            [b"[".as_slice(), &good, b"]"].concat(),
            missing_envelope(protocol),
        ),
        // An empty top-level array.
        case(
            "top-level empty array",
            t,
            200,
            "[]",
            missing_envelope(protocol),
        ),
        // A top-level string.
        case(
            "top-level string",
            t,
            200,
            "\"OK\"",
            missing_envelope(protocol),
        ),
        // A top-level number (Fxiaoke's success code, bare).
        case("top-level number", t, 200, "0", missing_envelope(protocol)),
        // A top-level `true`.
        case("top-level true", t, 200, "true", missing_envelope(protocol)),
        // A top-level `null`.
        case("top-level null", t, 200, "null", missing_envelope(protocol)),
        // An empty object: no envelope at all.
        case("empty object", t, 200, "{}", missing_envelope(protocol)),
        // A lone surrogate escape in a string.
        case(
            "escaped lone surrogate \\ud800",
            t,
            200,
            with_text(protocol, br"\ud800"),
            decode_at("", "hex escape"),
        ),
        // Trailing garbage after a proper body.
        case(
            "trailing garbage",
            t,
            200,
            [good.as_slice(), b" <!-- cache -->"].concat(),
            decode_at("", "trailing characters"),
        ),
        // Two proper bodies back to back.
        case(
            "two JSON documents",
            t,
            200,
            [good.as_slice(), &good].concat(),
            decode_at("", "trailing characters"),
        ),
        // A proper success body with HTTP 500: the status wins, Http.
        case("success body, HTTP 500", t, 500, good.clone(), Expect::Http),
    ]
}

fn fx_query(json: &str) -> Vec<u8> {
    json.as_bytes().to_vec()
}

fn fxiaoke_cases() -> Vec<Case> {
    use Target::{FxQuery as Q, FxToken as T};
    let list = r#""dataList":[{"_id":"5a7","name":"P-1"}]"#;
    let d = |inner: &str| {
        fx_query(&format!(
            r#"{{"errorCode":0,"errorMessage":"OK","traceId":"t-1","data":{inner}}}"#
        ))
    };
    let ok_data = format!(r#"{{"total":1,{list}}}"#);
    let token = |json: &str| json.as_bytes().to_vec();
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

fn mingdao_cases() -> Vec<Case> {
    use Target::Mingdao as M;
    let data = r#"[{"corpUserId":"u1","projectId":"p1","accountId":"a1"}]"#;
    let with_code = |code: &str| format!(r#"{{"code":{code},"message":"m","data":{data}}}"#);
    let with_data = |inner: &str| format!(r#"{{"code":1,"message":"","data":{inner}}}"#);
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

fn tencent_cases() -> Vec<Case> {
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
                |d| matches!(d, Decoded::Tencent(r) if r.status == 1 && r.request_id.as_deref() == Some("fc0b0a6b")),
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

fn all_cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for protocol in [Protocol::Fxiaoke, Protocol::Mingdao, Protocol::Tencent] {
        cases.extend(shared_cases(protocol));
    }
    cases.extend(fxiaoke_cases());
    cases.extend(mingdao_cases());
    cases.extend(tencent_cases());
    cases
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn corpus_has_at_least_30_cases_per_protocol() {
    let cases = all_cases();
    for protocol in [Protocol::Fxiaoke, Protocol::Mingdao, Protocol::Tencent] {
        let count = cases
            .iter()
            .filter(|c| c.target.protocol() == protocol)
            .count();
        assert!(count >= 30, "{protocol:?} has only {count} cases");
    }
    let mut names: Vec<(Target, &str)> = cases.iter().map(|c| (c.target, c.name)).collect();
    let total = names.len();
    names.sort_by_key(|(t, n)| (format!("{t:?}"), *n));
    names.dedup();
    assert_eq!(names.len(), total, "case names repeat");
}

#[test]
fn decode_response_handles_every_malformed_body() {
    let cases = all_cases();
    let outcomes = cases
        .iter()
        .map(|case| {
            match catch_unwind(AssertUnwindSafe(|| {
                decode(case.target, case.status, &case.body)
            })) {
                Ok(outcome) => verify(case, &outcome),
                Err(payload) => Err(format!("PANIC: {}", panic_text(payload.as_ref()))),
            }
        })
        .collect();
    report("decode_response", &cases, outcomes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_clients_handle_every_malformed_body() {
    let cases = all_cases();
    let server = MockServer::start().await;
    assert!(server.address().ip().is_loopback());
    let mut outcomes = Vec::new();
    for case in &cases {
        let outcome = call(&server, case.target, case.status, &case.body).await;
        outcomes.push(verify(case, &outcome));
    }
    report("generated client", &cases, outcomes);
}

/// An error's `Display` without the number of attempts (`HTTP 502 after 3 attempts: …`),
/// which only the client knows: `decode_response` makes no attempts of its own.
fn without_attempts(text: String) -> String {
    let Some(start) = text.find(" after ") else {
        return text;
    };
    let rest = &text[start + " after ".len()..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let tail = &rest[digits..];
    match [" attempts:", " attempt:"]
        .iter()
        .find_map(|unit| tail.strip_prefix(unit))
    {
        Some(after) if digits > 0 => format!("{}:{after}", &text[..start]),
        _ => text,
    }
}

/// Both paths give the same error (same variant and facts) for every case.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_and_decoder_agree() {
    let cases = all_cases();
    let server = MockServer::start().await;
    for case in cases.iter().filter(|c| c.body.len() < 1024 * 1024) {
        let direct = decode(case.target, case.status, &case.body)
            .map(|_| ())
            .map_err(|e| without_attempts(e.to_string()));
        let wired = call(&server, case.target, case.status, &case.body)
            .await
            .map(|_| ())
            .map_err(|e| without_attempts(e.to_string()));
        assert_eq!(direct, wired, "{:?}/{}", case.target, case.name);
    }
}

/// A credential in a malformed body stays out of the error, whatever the case.
#[test]
fn snippets_mask_tokens_in_malformed_bodies() {
    let bodies: [(Target, u16, &str); 4] = [
        (
            Target::FxToken,
            200,
            r#"{"errorCode":0,"accessToken":"LEAK-1","expiresIn":"7200","ea":"x"}"#,
        ),
        (
            Target::FxToken,
            502,
            r#"<html>upstream {"accessToken": "LEAK-1", "errorCode": 0 </html>"#,
        ),
        (
            Target::Mingdao,
            200,
            r#"{"code":1,"sign":"LEAK-1","data":null"#,
        ),
        (
            Target::Tencent,
            200,
            r#"{"Response":{"Status":"x","Token":"LEAK-1"}}"#,
        ),
    ];
    for (target, status, body) in bodies {
        let error = decode(target, status, body.as_bytes()).expect_err(body);
        common::assert_error_hides(&error, &["LEAK-1"]);
    }
}

// ---------------------------------------------------------------------------------------------
// Bugs the corpus found, fixed; these keep them fixed.

/// A Tencent `Response.Error` without a usable `Code` (missing, `null`, or `Error` not an
/// object) is a failure, not a success with the vendor's error dropped: a `Decode` error at
/// the code's path (fixed in `runtime/src/client.rs`, `envelope_status`).
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
