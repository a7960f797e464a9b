//! Wire tests for Mingdao's v2 user (`user`), department (`department`), reporting-line
//! (`structure`) and organisation-role (`org_role`) endpoints: each
//! generated method against a local server, asserting the exact body (`POST`) or query (`GET`)
//! the server received, signature included, and the decoded answer; plus the vendor error of
//! each family, decoded to `Error::Vendor`.

mod department;
mod structure;
mod user;

use bindery::mingdao::{Client, Credentials};
use serde_json::{Map, Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common::routes::MINGDAO_BASE_PATH;
use crate::common::{
    CALL_TIMEOUT, CLOCK_SLACK_SECS, assert_hides, body_json, header, mingdao_sign, only_request,
    query_pairs, unix_millis,
};

const APP_KEY: &str = "APPKEY-md-org";
const SECRET_KEY: &str = "SECRET-KEY-org-456";
const PROJECT_ID: &str = "PROJECT-org-9c1e";
const SECRETS: &[&str] = &[SECRET_KEY];

/// `/generalintegrate/v2/<rest>`: a route as the test server sees it, written out here so that a
/// generated path that drifts fails a test.
fn route(rest: &str) -> String {
    format!("{MINGDAO_BASE_PATH}/v2/{rest}")
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}{MINGDAO_BASE_PATH}", server.uri()))
        .credentials(Credentials::new(APP_KEY, SECRET_KEY, PROJECT_ID))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

/// A client on the default (public cloud) base URL: it must refuse private-deployment calls
/// before anything is sent, so it never reaches the network.
fn public_cloud_client() -> Client {
    Client::builder()
        .credentials(Credentials::new(APP_KEY, SECRET_KEY, PROJECT_ID))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

/// Answers `body` (HTTP 200) to exactly one `verb` request on `route`.
async fn mount(server: &MockServer, verb: &str, route: &str, body: Value) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

/// Checks that the signed timestamp is a recent one and that `sign` covers it.
fn check_signature(timestamp: i64, sign: &str, before: i64, after: i64) {
    let slack = CLOCK_SLACK_SECS * 1000;
    assert!(
        (before - slack..=after + slack).contains(&timestamp),
        "timestamp {timestamp} (ms) not within {CLOCK_SLACK_SECS} s of now ({before}..{after})"
    );
    assert_eq!(sign, mingdao_sign(APP_KEY, SECRET_KEY, timestamp));
}

/// The one request was a `POST` to `route` whose JSON body is exactly `fields` plus the four
/// sign-scheme keys; `before`/`after` bracket the call (ms).
async fn assert_signed_post(
    server: &MockServer,
    route: &str,
    fields: Value,
    before: i64,
    after: i64,
) {
    let sent = only_request(server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), route);
    assert_eq!(
        sent.url.query(),
        None,
        "a POST carries everything in the body"
    );
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    let body = body_json(&sent);
    let timestamp = body["timestamp"]
        .as_i64()
        .unwrap_or_else(|| panic!("timestamp must be a JSON integer: {body}"));
    check_signature(
        timestamp,
        body["sign"].as_str().unwrap_or(""),
        before,
        after,
    );
    let mut expected: Map<String, Value> = match fields {
        Value::Object(map) => map,
        other => panic!("fields must be an object, got {other}"),
    };
    expected.insert("appKey".into(), json!(APP_KEY));
    expected.insert(
        "sign".into(),
        json!(mingdao_sign(APP_KEY, SECRET_KEY, timestamp)),
    );
    expected.insert("timestamp".into(), json!(timestamp));
    expected.insert("projectId".into(), json!(PROJECT_ID));
    assert_eq!(body, Value::Object(expected));
    assert_hides(
        "request body",
        &String::from_utf8_lossy(&sent.body),
        SECRETS,
    );
}

/// The one request was a bodiless `GET` to `route` whose query is exactly `fields` (in this
/// order) followed by the four sign-scheme parameters.
async fn assert_signed_get(
    server: &MockServer,
    route: &str,
    fields: &[(&str, &str)],
    before: i64,
    after: i64,
) {
    let sent: Request = only_request(server).await;
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), route);
    assert!(sent.body.is_empty(), "a GET has no body: {:?}", sent.body);
    assert_eq!(header(&sent, "content-type"), None, "a GET sends no JSON");
    let pairs = query_pairs(&sent);
    let find = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("query parameter `{key}` missing: {pairs:?}"))
    };
    let timestamp_text = find("timestamp");
    let timestamp: i64 = timestamp_text
        .parse()
        .unwrap_or_else(|_| panic!("timestamp `{timestamp_text}` is not an integer"));
    let sign = find("sign");
    check_signature(timestamp, &sign, before, after);
    let mut expected: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    expected.extend([
        ("appKey".to_owned(), APP_KEY.to_owned()),
        ("sign".to_owned(), sign),
        ("timestamp".to_owned(), timestamp_text),
        ("projectId".to_owned(), PROJECT_ID.to_owned()),
    ]);
    assert_eq!(pairs, expected);
    assert_hides("request URL", sent.url.as_str(), SECRETS);
}

/// `(before, after)` in ms around a call: the window its signed timestamp must fall in.
fn now() -> i64 {
    unix_millis()
}

/// What a signed call must have sent besides the four sign-scheme keys: exactly this `POST`
/// body, or exactly this `GET` query (in this order).
enum Sent<'a> {
    Body(Value),
    Query(&'a [(&'a str, &'a str)]),
}

/// Answers `answer` (HTTP 200) to exactly one request on `v2/<rest>`, makes `call` with a client
/// on that server, checks that the one request was the signed `sent` (see `assert_signed_post`
/// and `assert_signed_get`), and returns what the call decoded.
async fn signed_call<T>(
    rest: &str,
    answer: Value,
    sent: Sent<'_>,
    call: impl AsyncFnOnce(&Client) -> Result<T, bindery::Error>,
) -> T {
    let server = MockServer::start().await;
    let endpoint = route(rest);
    let verb = match sent {
        Sent::Body(_) => "POST",
        Sent::Query(_) => "GET",
    };
    mount(&server, verb, &endpoint, answer).await;
    let client = client(&server);
    let before = now();
    let response = call(&client)
        .await
        .unwrap_or_else(|error| panic!("{rest}: {error:?}"));
    let after = now();
    match sent {
        Sent::Body(fields) => assert_signed_post(&server, &endpoint, fields, before, after).await,
        Sent::Query(fields) => assert_signed_get(&server, &endpoint, fields, before, after).await,
    }
    response
}

/// Answers `answer` (HTTP 200) to exactly one `verb` request on `v2/<rest>` and returns the error
/// `call`, made with a client on that server, fails with.
async fn failed_call<T>(
    verb: &str,
    rest: &str,
    answer: Value,
    call: impl AsyncFnOnce(&Client) -> Result<T, bindery::Error>,
) -> bindery::Error {
    let server = MockServer::start().await;
    mount(&server, verb, &route(rest), answer).await;
    call(&client(&server))
        .await
        .err()
        .unwrap_or_else(|| panic!("{rest}: expected an error"))
}

/// The error `call` fails with on a server that must receive nothing: a refusal before any I/O.
async fn refused_before_io<T>(
    call: impl AsyncFnOnce(&Client) -> Result<T, bindery::Error>,
) -> bindery::Error {
    let server = crate::common::silent_server().await;
    let error = call(&client(&server))
        .await
        .err()
        .unwrap_or_else(|| panic!("expected a refusal before any I/O"));
    server.verify().await;
    crate::common::assert_nothing_received(&server).await;
    error
}

/// Makes `call` with the public cloud client, which must refuse `operation` (a
/// private-deployment one) with a local `Error::Config` naming it and the public URL.
async fn assert_refused_on_public_cloud<T>(
    operation: &str,
    call: impl AsyncFnOnce(&Client) -> Result<T, bindery::Error>,
) {
    let error = call(&public_cloud_client())
        .await
        .err()
        .unwrap_or_else(|| panic!("{operation}: expected a refusal"));
    match error {
        bindery::Error::Config { .. } => {}
        ref other => panic!("expected Error::Config, got {other:?}"),
    }
    let text = error.to_string();
    for fact in [operation, "https://api.mingdao.com/generalintegrate"] {
        assert!(text.contains(fact), "`{fact}` missing from {text}");
    }
    assert!(error.is_local(), "{error:?}");
}

/// `code`/`message` of a success envelope, as an open response keeps them.
fn success_envelope() -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("code".into(), json!(1));
    map.insert("message".into(), json!(""));
    map
}

/// `error` is the vendor's failure `code`/`message` of `operation`, with no secret in it.
fn assert_vendor_error(error: &bindery::Error, operation: &str, code: &str, message: &str) {
    let vendor = error
        .vendor()
        .unwrap_or_else(|| panic!("expected Error::Vendor, got {error:?}"));
    assert_eq!(vendor.provider, "mingdao");
    assert_eq!(vendor.operation, operation);
    assert_eq!(vendor.message, message);
    assert_eq!(error.vendor_code(), Some(code));
    assert_eq!(error.http_status(), Some(200));
    assert_eq!(
        error.request_id(),
        None,
        "Mingdao's envelope has no request id"
    );
    crate::common::assert_error_hides(error, SECRETS);
}

/// `error` is a request refused before any I/O for `field` breaking `rule`.
fn assert_invalid(error: &bindery::Error, operation: &str, field: &str, rule: &str) {
    match error {
        bindery::Error::InvalidRequest {
            provider,
            operation: op,
            field: f,
            rule: r,
        } => {
            assert_eq!((*provider, *op), ("mingdao", operation));
            assert_eq!((f.as_str(), r.as_str()), (field, rule));
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

/// `error` is the failure to decode `operation`'s answer at the JSON `path`.
fn assert_decode_error(error: &bindery::Error, operation: &str, path: &str) {
    let bindery::Error::Decode {
        provider,
        operation: op,
        path: at,
        ..
    } = error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!((*provider, *op, at.as_str()), ("mingdao", operation, path));
}
