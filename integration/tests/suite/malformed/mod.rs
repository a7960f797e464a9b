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

use std::panic::{AssertUnwindSafe, catch_unwind};

use bindery::Error;
use bindery::fxiaoke::crm::{DataQueryRequest, DataQueryResponse, QueryData};
use bindery::fxiaoke::oauth::{AccessTokenRequest, AccessTokenResponse};
use bindery::fxiaoke::types::SearchQueryInfo;
use bindery::mingdao::user::{GetUserRelationsRequest, GetUserRelationsResponse};
use bindery::runtime::{Operation, decode_response};
use bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdResponse;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common;
use crate::common::CALL_TIMEOUT;

mod fxiaoke_cases;
mod mingdao_cases;
mod regressions;
mod shared_cases;
mod tencent_cases;

use fxiaoke_cases::fxiaoke_cases;
use mingdao_cases::mingdao_cases;
use shared_cases::shared_cases;
use tencent_cases::tencent_cases;

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
            r#"{"errorCode":0,"accessToken":"MASKME-1","expiresIn":"7200","ea":"x"}"#,
        ),
        (
            Target::FxToken,
            502,
            r#"<html>upstream {"accessToken": "MASKME-1", "errorCode": 0 </html>"#,
        ),
        (
            Target::Mingdao,
            200,
            r#"{"code":1,"sign":"MASKME-1","data":null"#,
        ),
        (
            Target::Tencent,
            200,
            r#"{"Response":{"Status":"x","Token":"MASKME-1"}}"#,
        ),
    ];
    for (target, status, body) in bodies {
        let error = decode(target, status, body.as_bytes()).expect_err(body);
        common::assert_error_hides(&error, &["MASKME-1"]);
    }
}
