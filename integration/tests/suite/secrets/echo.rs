//! No secret the client was given or fetched shows anywhere, whatever the vendor echoes.
//!
//! Every generated endpoint of every provider is called against a local vendor that repeats,
//! in free text, every secret it received (tokens in headers and bodies, app secrets and
//! permanent codes sent to the token endpoints) and every secret the client holds without
//! sending (Mingdao's and Tencent's secret keys; the Fxiaoke app credentials behind fetched
//! tokens): as `key=value`, `key: value`, `key value`, bare and URL-encoded, in vendor error
//! messages and request ids, HTTP error pages, undecodable success bodies and non-JSON
//! bodies; token fetches fail the same ways, and calls time out. Tracing is recorded at TRACE
//! with body logging on; the `Debug` and `Display` of every request, response and error is
//! captured; none may hold any part of a secret (`common::leaks`).

use std::time::Duration;

use bindery::Error;
use bindery::fxiaoke::crm::{
    CreateData, DataCreateRequest, DataGetRequest, DataQueryRequest, DataUpdateRequest, GetData,
    QueryData, UpdateData,
};
use bindery::fxiaoke::er::{AuthorizeRequest, GetMapperObjectIdRequest, GetUserInfoByCodeRequest};
use bindery::fxiaoke::oauth::{AccessTokenRequest, CorpAccessTokenRequest};
use bindery::fxiaoke::types::{MapperObjectApiName, ObjectData, SearchQueryInfo};
use bindery::mingdao::user::GetUserRelationsRequest;
use bindery::runtime::RetryPolicy;
use bindery::runtime::fxiaoke::{AppCredentials, Operator};
use bindery::runtime::stream::StreamExt as _;
use bindery::{fxiaoke, mingdao, tencent_ess};
use serde_json::{Value, json};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common;
use crate::common::leaks::{Capture, assert_nothing_leaks, install_recorder};

// Every secret starts with `LEAK-`; no other value in this file does.
const APP_SECRET: &str = "LEAK-app-secret-1";
const PERMANENT_CODE: &str = "LEAK-perm-code-2";
/// With characters that JSON and URL encoding change, so encoded echoes are checked too.
const FETCHED_ACCESS_TOKEN: &str = "LEAK-fetched/at+3=";
const FETCHED_CORP_TOKEN: &str = "LEAK-fetched-corp-4";
const GIVEN_ACCESS_TOKEN: &str = "LEAK-given-at-5";
const GIVEN_CORP_TOKEN: &str = "LEAK-given-corp-6";
const MINGDAO_SECRET_KEY: &str = "LEAK-md-key-7";
const TENCENT_SECRET_KEY: &str = "LEAK-tc-key-8";
const TENCENT_SESSION_TOKEN: &str = "LEAK-tc-token-9";
const SECRETS: &[&str] = &[
    APP_SECRET,
    PERMANENT_CODE,
    FETCHED_ACCESS_TOKEN,
    FETCHED_CORP_TOKEN,
    GIVEN_ACCESS_TOKEN,
    GIVEN_CORP_TOKEN,
    MINGDAO_SECRET_KEY,
    TENCENT_SECRET_KEY,
    TENCENT_SESSION_TOKEN,
];

const APP_ID: &str = "FSAID_leaks";
const EA: &str = "ea-leaks";
const CORP_ID: &str = "corp-leaks";

/// Names whose values the vendor echoes from a request body (any depth).
const ECHOED_FIELDS: [&str; 4] = [
    "appSecret",
    "permanentCode",
    "corpAccessToken",
    "accessToken",
];

/// How the local vendor fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Its error envelope, the message (and request id) echoing the secrets.
    Vendor,
    /// HTTP 500 with an HTML page echoing them.
    HtmlPage,
    /// HTTP 502 with JSON that is no envelope, echoing them (idempotent calls retried).
    Gateway,
    /// A success envelope with a wrong-typed field, echoing them beside it.
    WrongType,
    /// HTTP 200 with plain text echoing them.
    NotJson,
    /// No answer within the client's timeout.
    Slow,
}

const MODES: [Mode; 6] = [
    Mode::Vendor,
    Mode::HtmlPage,
    Mode::Gateway,
    Mode::WrongType,
    Mode::NotJson,
    Mode::Slow,
];

impl Mode {
    /// The error kind every call answered this way comes to.
    fn kind(self) -> &'static str {
        match self {
            Mode::Vendor => "vendor",
            Mode::HtmlPage | Mode::Gateway => "http",
            Mode::WrongType | Mode::NotJson => "decode",
            Mode::Slow => "timeout",
        }
    }
}

fn kind(error: &Error) -> &'static str {
    match error {
        Error::Vendor(_) => "vendor",
        Error::Http { .. } => "http",
        Error::Decode { .. } => "decode",
        Error::Timeout { .. } => "timeout",
        Error::Transport { .. } => "transport",
        Error::Credentials { .. } => "credentials",
        Error::InvalidRequest { .. } => "invalid_request",
        Error::Pagination { .. } => "pagination",
        // A failed token fetch fails the call with the fetch's own error as its cause.
        Error::TokenFetch { source, .. } => kind(source),
        _ => "other",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Vendor {
    Fxiaoke,
    Mingdao,
    Tencent,
}

/// A vendor repeating every secret it can see, failing as `mode` says.
struct Echo {
    vendor: Vendor,
    mode: Mode,
    /// Secrets the client holds without sending, "known" to this vendor.
    known: &'static [&'static str],
}

fn collect(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match inner {
                    Value::String(s) if ECHOED_FIELDS.contains(&key.as_str()) => {
                        out.push(s.clone());
                    }
                    _ => collect(inner, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
        _ => {}
    }
}

impl Echo {
    fn secrets_seen(&self, request: &Request) -> Vec<String> {
        let mut seen: Vec<String> = self.known.iter().map(|s| (*s).to_owned()).collect();
        if let Ok(body) = serde_json::from_slice::<Value>(&request.body) {
            collect(&body, &mut seen);
        }
        for name in ["authorization", "x-tc-token"] {
            if let Some(value) = request.headers.get(name).and_then(|v| v.to_str().ok()) {
                seen.push(value.strip_prefix("Bearer ").unwrap_or(value).to_owned());
            }
        }
        seen
    }
}

/// Every way a vendor has been seen to repeat a secret, for each one.
fn echo_text(secrets: &[String]) -> String {
    secrets
        .iter()
        .map(|s| {
            let encoded: String = url::form_urlencoded::byte_serialize(s.as_bytes()).collect();
            format!(
                "the parameter corpAccessToken={s} is missing; X-TC-Token={s}; appSecret {s} … \
                 permanentCode {s} is wrong; Authorization: Bearer {s}; got «{s}»; \
                 see /cb?code={encoded}&state=1"
            )
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

impl Respond for Echo {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let seen = self.secrets_seen(request);
        let text = echo_text(&seen);
        let first = seen.first().cloned().unwrap_or_default();
        let json = |status: u16, body: Value| ResponseTemplate::new(status).set_body_json(body);
        match (self.mode, self.vendor) {
            (Mode::Vendor, Vendor::Fxiaoke) => json(
                200,
                json!({"errorCode": 40003, "errorMessage": text, "traceId": format!("E-{first}")}),
            ),
            (Mode::Vendor, Vendor::Mingdao) => json(200, json!({"code": 10101, "message": text})),
            (Mode::Vendor, Vendor::Tencent) => json(
                200,
                json!({"Response": {"Error": {"Code": "InvalidParameter", "Message": text},
                                    "RequestId": format!("r-{first}")}}),
            ),
            (Mode::HtmlPage, _) => ResponseTemplate::new(500).set_body_raw(
                format!("<html><body><h1>500</h1><p>{text}</p><pre>{seen:?}</pre></body></html>"),
                "text/html",
            ),
            (Mode::Gateway, _) => json(502, json!({"upstream": text, "echo": seen})),
            (Mode::WrongType, Vendor::Fxiaoke) => json(
                200,
                json!({"errorCode": 0, "errorMessage": text, "traceId": 7, "accessToken": 7,
                       "corpAccessToken": 7, "data": {"total": 1, "dataList": [{"_id": 5, "name": text}]}}),
            ),
            (Mode::WrongType, Vendor::Mingdao) => {
                json(200, json!({"code": 1, "message": text, "data": first}))
            }
            (Mode::WrongType, Vendor::Tencent) => json(
                200,
                json!({"Response": {"Status": first, "RequestId": text}}),
            ),
            (Mode::NotJson, _) => ResponseTemplate::new(200).set_body_raw(text, "text/plain"),
            (Mode::Slow, _) => json(200, json!({})).set_delay(Duration::from_secs(1)),
        }
    }
}

/// Per-attempt time in the `Slow` scenarios (the server waits 1 s, so it always fires first).
const SHORT_TIMEOUT: Duration = Duration::from_millis(200);

fn retry_for(mode: Mode) -> RetryPolicy {
    match mode {
        Mode::Slow => RetryPolicy::none(),
        _ => RetryPolicy::new()
            .with_max_attempts(2)
            .with_base_delay(Duration::ZERO),
    }
}

fn timeout_for(mode: Mode) -> Duration {
    if mode == Mode::Slow {
        SHORT_TIMEOUT
    } else {
        common::CALL_TIMEOUT
    }
}

/// A Fxiaoke server: token endpoints answer tokens (or fail like the rest, `tokens_fail`),
/// every other path fails as `mode` says.
async fn fxiaoke_server(
    mode: Mode,
    tokens_fail: bool,
    known: &'static [&'static str],
) -> MockServer {
    let server = MockServer::start().await;
    if !tokens_fail {
        Mock::given(path("/oauth2.0/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "errorCode": 0, "errorMessage": "success", "traceId": "E-AT",
                "accessToken": FETCHED_ACCESS_TOKEN, "expiresIn": 7200, "ea": EA, "appId": APP_ID
            })))
            .mount(&server)
            .await;
        Mock::given(path("/cgi/corpAccessToken/get/V2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "errorCode": 0, "errorMessage": "success", "traceId": "E-CAT",
                "corpAccessToken": FETCHED_CORP_TOKEN, "corpId": CORP_ID, "expiresIn": 7200
            })))
            .mount(&server)
            .await;
    }
    Mock::given(any())
        .respond_with(Echo {
            vendor: Vendor::Fxiaoke,
            mode,
            known,
        })
        .mount(&server)
        .await;
    server
}

fn fxiaoke_builder(server: &MockServer, mode: Mode) -> fxiaoke::ClientBuilder {
    fxiaoke::Client::builder()
        .base_url(server.uri())
        .timeout(timeout_for(mode))
        .retry(retry_for(mode))
        .rate_limiting(false)
        .log_bodies(true)
}

/// Calls every Fxiaoke endpoint (the stream and the authorisation URL too); the outcome of
/// each network call by operation, `Ok` as `None`.
async fn call_every_fxiaoke_endpoint(
    client: &fxiaoke::Client,
    capture: &mut Capture,
    label: &str,
) -> Vec<(&'static str, Option<&'static str>)> {
    let mut outcomes = Vec::new();
    let mut note = |op: &'static str, error: Option<&Error>| outcomes.push((op, error.map(kind)));

    let request = AccessTokenRequest::new(APP_ID, APP_SECRET, PERMANENT_CODE);
    let call = client.access_token(&request);
    let result = capture
        .call(&format!("{label} accessToken"), &request, call)
        .await;
    note("accessToken", result.as_ref().err());

    let request = CorpAccessTokenRequest::new(APP_ID, APP_SECRET, PERMANENT_CODE);
    let call = client.corp_access_token(&request);
    let result = capture
        .call(&format!("{label} corpAccessToken"), &request, call)
        .await;
    note("corpAccessToken", result.as_ref().err());

    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let call = client.get_mapper_object_id(&request);
    let result = capture
        .call(&format!("{label} getMapperObjectId"), &request, call)
        .await;
    note("getMapperObjectId", result.as_ref().err());

    let request = GetUserInfoByCodeRequest::new(
        APP_ID,
        APP_SECRET,
        "https://third-party.example/callback",
        "code-0001",
    );
    let call = client.get_user_info_by_code(&request);
    let result = capture
        .call(&format!("{label} getUserInfoByCode"), &request, call)
        .await;
    note("getUserInfoByCode", result.as_ref().err());

    let request = DataCreateRequest::new(CreateData::new(
        ObjectData::new()
            .data_object_api_name("AccountObj")
            .name("Acme"),
    ));
    let call = client.data_create(&request);
    let result = capture
        .call(&format!("{label} dataCreate"), &request, call)
        .await;
    note("dataCreate", result.as_ref().err());

    let request = DataUpdateRequest::new(UpdateData::new(
        ObjectData::new()
            .id("rec-1")
            .data_object_api_name("AccountObj"),
    ));
    let call = client.data_update(&request);
    let result = capture
        .call(&format!("{label} dataUpdate"), &request, call)
        .await;
    note("dataUpdate", result.as_ref().err());

    let request = DataQueryRequest::new(QueryData::new(
        "AccountObj",
        SearchQueryInfo::new().limit(100),
    ));
    let call = client.data_query(&request);
    let result = capture
        .call(&format!("{label} dataQuery"), &request, call)
        .await;
    note("dataQuery", result.as_ref().err());

    capture.calls += 1;
    let mut stream = client.data_query_stream(&request);
    let mut stream_error = None;
    for _ in 0..10 {
        let Some(item) = stream.next().await else {
            break;
        };
        capture.result(&format!("{label} dataQueryStream item"), &item);
        if let Err(error) = item {
            stream_error = Some(error);
            break;
        }
    }
    note("dataQueryStream", stream_error.as_ref());

    let request = DataGetRequest::new(GetData::new("AccountObj", "rec-1"));
    let call = client.data_get(&request);
    let result = capture
        .call(&format!("{label} dataGet"), &request, call)
        .await;
    note("dataGet", result.as_ref().err());

    // No I/O: the URL a browser opens; it holds no secret either.
    let request = AuthorizeRequest::new("er-app", APP_ID, "state-1", "https://app.example/cb");
    capture.debug(&format!("{label} authorize request"), &request);
    match client.authorize_url(&request) {
        Ok(url) => capture
            .texts
            .push((format!("{label} authorize url"), url.to_string())),
        Err(error) => capture.error(&format!("{label} authorize"), &error),
    }
    outcomes
}

fn check(label: &str, outcomes: &[(&str, Option<&str>)], wanted: &[&str]) {
    assert_eq!(outcomes.len(), 9, "{label}: every network endpoint called");
    for (op, got) in outcomes {
        assert!(
            got.is_some_and(|got| wanted.contains(&got)),
            "{label} {op}: expected one of {wanted:?}, got {got:?}"
        );
    }
}

async fn fxiaoke_sweep(capture: &mut Capture) {
    for mode in MODES {
        for tokens_fail in [false, true] {
            let label = format!("fxiaoke {mode:?} (token endpoints fail: {tokens_fail})");
            // The app client holds the app secret and permanent code (and sends them only
            // to the token endpoints); this vendor repeats them everywhere.
            let server = fxiaoke_server(mode, tokens_fail, &[APP_SECRET, PERMANENT_CODE]).await;
            let client = fxiaoke_builder(&server, mode)
                .app_credentials(
                    AppCredentials::new(APP_ID, APP_SECRET, PERMANENT_CODE),
                    Operator::new().user_id("1000").open_user_id("FSUID_leaks"),
                )
                .build()
                .expect("client builds");
            let outcomes = call_every_fxiaoke_endpoint(&client, capture, &label).await;
            assert_eq!(outcomes.len(), 9, "{label}: every network endpoint called");
            for (op, got) in &outcomes {
                let token_op = op.ends_with("ccessToken");
                let fits = match (tokens_fail, token_op) {
                    // The token endpoints answer tokens: called directly, they succeed.
                    (false, true) => got.is_none(),
                    (false, false) => *got == Some(mode.kind()),
                    (true, true) => *got == Some(mode.kind()),
                    // A failed token fetch fails the call with the fetch's error (or a
                    // credentials error carrying it).
                    (true, false) => {
                        got.is_some_and(|got| [mode.kind(), "credentials"].contains(&got))
                    }
                };
                assert!(fits, "{label} {op}: got {got:?}");
            }
            if tokens_fail {
                continue;
            }
            // The static-token client on the same kind of vendor, which only sees what is sent.
            let label = format!("fxiaoke {mode:?} (given tokens)");
            let server = fxiaoke_server(mode, true, &[]).await;
            let client = fxiaoke_builder(&server, mode)
                .credentials(
                    fxiaoke::Credentials::new()
                        .with_access_token(GIVEN_ACCESS_TOKEN, EA, "1000")
                        .with_corp_access_token(GIVEN_CORP_TOKEN, CORP_ID, "FSUID_leaks"),
                )
                .build()
                .expect("client builds");
            let outcomes = call_every_fxiaoke_endpoint(&client, capture, &label).await;
            check(&label, &outcomes, &[mode.kind()]);
            if mode != Mode::Slow {
                assert_wire_carried(&server, &[GIVEN_ACCESS_TOKEN, GIVEN_CORP_TOKEN, APP_SECRET])
                    .await;
            }
        }
    }
}

/// Each of `secrets` went on the wire (header or body), so the echoes were real.
async fn assert_wire_carried(server: &MockServer, secrets: &[&str]) {
    let requests = common::received(server).await;
    for secret in secrets {
        assert!(
            requests.iter().any(|r| {
                String::from_utf8_lossy(&r.body).contains(secret)
                    || r.headers
                        .values()
                        .any(|v| v.to_str().is_ok_and(|v| v.contains(secret)))
            }),
            "{secret} was never sent"
        );
    }
}

async fn echo_server(vendor: Vendor, mode: Mode, known: &'static [&'static str]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(Echo {
            vendor,
            mode,
            known,
        })
        .mount(&server)
        .await;
    server
}

async fn mingdao_and_tencent_sweep(capture: &mut Capture) {
    for mode in MODES {
        let label = format!("mingdao {mode:?}");
        let server = echo_server(Vendor::Mingdao, mode, &[MINGDAO_SECRET_KEY]).await;
        let client = mingdao::Client::builder()
            .base_url(server.uri())
            .timeout(timeout_for(mode))
            .retry(retry_for(mode))
            .log_bodies(true)
            .credentials(mingdao::Credentials::new(
                "md-app-key",
                MINGDAO_SECRET_KEY,
                "md-project",
            ))
            .build()
            .expect("client builds");
        let request = GetUserRelationsRequest::new(vec!["wecom-zhangsan".into()]);
        let result = capture
            .call(&label, &request, client.get_user_relations(&request))
            .await;
        assert_eq!(
            result.as_ref().err().map(kind),
            Some(mode.kind()),
            "{label}"
        );

        let label = format!("tencent_ess {mode:?}");
        let server = echo_server(Vendor::Tencent, mode, &[TENCENT_SECRET_KEY]).await;
        let client = tencent_ess::Client::builder()
            .base_url(server.uri())
            .timeout(timeout_for(mode))
            .retry(retry_for(mode))
            .log_bodies(true)
            .credentials(
                tencent_ess::Credentials::new("AKIDleaks0001", TENCENT_SECRET_KEY)
                    .with_token(TENCENT_SESSION_TOKEN),
            )
            .build()
            .expect("client builds");
        let request = common::tencent_bind_request();
        let call = client.bind_employee_user_id_with_client_open_id(&request);
        let result = capture.call(&label, &request, call).await;
        assert_eq!(
            result.as_ref().err().map(kind),
            Some(mode.kind()),
            "{label}"
        );
        if mode != Mode::Slow {
            assert_wire_carried(&server, &[TENCENT_SESSION_TOKEN]).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_shows_whatever_the_vendor_echoes() {
    install_recorder();
    let mut capture = Capture::default();
    fxiaoke_sweep(&mut capture).await;
    mingdao_and_tencent_sweep(&mut capture).await;
    assert_nothing_leaks(
        "leaks",
        &capture,
        SECRETS,
        // The capture is real: the errors and their masked echoes are in it.
        &[
            "vendor error 40003",
            "vendor error 10101",
            "InvalidParameter",
            "the parameter corpAccessToken=[redacted] is missing",
            "X-TC-Token=[redacted]",
            "HTTP 500 after 1 attempt",
            "HTTP 502 after 2 attempts",
            "cannot decode response",
            "timed out",
        ],
        &["bindery.call", "response body", "request body"],
    );
}

/// The three echoes of the report, exactly: masked in the vendor error's `Display`.
#[tokio::test]
async fn vendor_messages_that_echo_secrets_are_masked() {
    let server = MockServer::start().await;
    Mock::given(path("/cgi/crm/v2/data/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 10001, "traceId": "E-1",
            "errorMessage": format!("the parameter corpAccessToken={GIVEN_CORP_TOKEN} is missing")
        })))
        .mount(&server)
        .await;
    Mock::given(path("/oauth2.0/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 20001, "traceId": "E-2",
            "errorMessage": format!("appSecret {APP_SECRET} or permanentCode {PERMANENT_CODE} is wrong")
        })))
        .mount(&server)
        .await;
    Mock::given(path("/"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"Response": {
            "Error": {"Code": "AuthFailure.TokenFailure",
                      "Message": format!("X-TC-Token={TENCENT_SESSION_TOKEN} is invalid")},
            "RequestId": "r-3"}})),
        )
        .mount(&server)
        .await;

    let fx = fxiaoke::Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::none())
        .credentials(fxiaoke::Credentials::new().with_corp_access_token(
            GIVEN_CORP_TOKEN,
            CORP_ID,
            "FSUID_1",
        ))
        .build()
        .expect("client builds");
    let error = fx
        .data_get(&DataGetRequest::new(GetData::new("AccountObj", "rec-1")))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "fxiaoke dataGet: vendor error 10001: the parameter corpAccessToken=[redacted] is missing \
         (request id E-1, HTTP 200)"
    );
    common::assert_error_hides(&error, SECRETS);

    let error = fx
        .access_token(&AccessTokenRequest::new(APP_ID, APP_SECRET, PERMANENT_CODE))
        .await
        .unwrap_err();
    assert_eq!(
        error.vendor().map(|v| v.message.as_str()),
        Some("appSecret [redacted] or permanentCode [redacted] is wrong")
    );
    common::assert_error_hides(&error, SECRETS);

    let tc = tencent_ess::Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::none())
        .credentials(
            tencent_ess::Credentials::new("AKIDleaks0001", TENCENT_SECRET_KEY)
                .with_token(TENCENT_SESSION_TOKEN),
        )
        .build()
        .expect("client builds");
    let request = common::tencent_bind_request();
    let error = tc
        .bind_employee_user_id_with_client_open_id(&request)
        .await
        .unwrap_err();
    assert_eq!(
        error.vendor().map(|v| v.message.as_str()),
        Some("X-TC-Token=[redacted] is invalid")
    );
    common::assert_error_hides(&error, SECRETS);
}

/// A rejected base URL is named without its user info or query, through every builder.
#[test]
fn rejected_base_urls_never_show_user_info_or_query() {
    let urls = [
        format!("https://user:{APP_SECRET}@open.example/?sign={PERMANENT_CODE}"),
        format!("ftp://{GIVEN_ACCESS_TOKEN}@open.example/gw"),
        format!("open.example/gw?token={GIVEN_CORP_TOKEN}"),
    ];
    for url in &urls {
        let errors = [
            fxiaoke::Client::builder().base_url(url).build().err(),
            mingdao::Client::builder().base_url(url).build().err(),
            tencent_ess::Client::builder().base_url(url).build().err(),
        ];
        for error in errors {
            let error = error.expect("the URL is refused");
            assert!(matches!(error, Error::Config { .. }), "{error:?}");
            assert!(error.to_string().contains("open.example"), "{error}");
            common::assert_error_hides(&error, SECRETS);
        }
    }
}
