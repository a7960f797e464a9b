//! Helpers shared by the wire tests: an independent re-implementation of Mingdao's signature
//! (Tencent Cloud's TC3 verifier is `bindery_testkit::tc3`, shared with the generated wire
//! tests and checked against the vendor's known answer there), access to what the local
//! server received, the vendors' routes, and leak checks.
//!
//! A helper two test modules need lives here, not in a copy in each.

pub mod leaks;
pub mod routes;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde_json::Value;
use sha2::{Digest, Sha256};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The seed page's `BindEmployeeUserIdWithClientOpenId` request (operator, user and open id
/// from its example), for tests whose point is not the request.
pub fn tencent_bind_request() -> bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdRequest {
    bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdRequest::new(
        bindery::tencent_ess::types::UserInfo::new().user_id("yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"),
        "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
        "n9527",
    )
}

/// An Fxiaoke client of `server` with `credentials` and the defaults otherwise.
pub fn fxiaoke_client(
    server: &MockServer,
    credentials: bindery::fxiaoke::Credentials,
) -> bindery::fxiaoke::Client {
    bindery::fxiaoke::Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
        .credentials(credentials)
        .build()
        .expect("client builds")
}

/// Per-call time limit given to every client under test, so a hung server fails the test.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// How far (in seconds) a timestamp the client put on the wire may be from the test's clock.
pub const CLOCK_SLACK_SECS: i64 = 5;

pub fn unix_secs() -> i64 {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970");
    i64::try_from(elapsed.as_secs()).expect("seconds fit in i64")
}

pub fn unix_millis() -> i64 {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970");
    i64::try_from(elapsed.as_millis()).expect("milliseconds fit in i64")
}

/// A server that must not be called at all: it answers 500 and expects no request, which
/// wiremock checks when it is dropped.
pub async fn silent_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    server
}

/// Every request the server recorded, in arrival order.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on by default")
}

/// Fails if any request reached the server, naming the paths that did.
pub async fn assert_nothing_received(server: &MockServer) {
    let received = received(server).await;
    assert!(
        received.is_empty(),
        "{} request(s) reached the server: {:?}",
        received.len(),
        received.iter().map(|r| r.url.path()).collect::<Vec<_>>()
    );
}

/// The one request the server received; fails if there were none or several.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = received(server).await;
    assert_eq!(
        requests.len(),
        1,
        "expected exactly one request, got {}",
        requests.len()
    );
    requests.remove(0)
}

/// The value of a header that must occur at most once, as text.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    let mut values = request.headers.get_all(name).iter();
    let first = values.next()?;
    assert!(
        values.next().is_none(),
        "header `{name}` sent more than once"
    );
    Some(
        first
            .to_str()
            .unwrap_or_else(|_| panic!("header `{name}` is not visible ASCII")),
    )
}

/// The value of a header that must be present exactly once.
pub fn required_header<'a>(request: &'a Request, name: &str) -> &'a str {
    header(request, name).unwrap_or_else(|| panic!("header `{name}` missing"))
}

pub fn assert_no_header(request: &Request, name: &str) {
    assert!(
        request.headers.get(name).is_none(),
        "header `{name}` must not be sent, got {:?}",
        request.headers.get(name)
    );
}

/// The request body parsed as JSON (it must be JSON).
pub fn body_json(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap_or_else(|e| {
        panic!(
            "body is not JSON ({e}): {}",
            String::from_utf8_lossy(&request.body)
        )
    })
}

/// The decoded query pairs, in order.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// `127.0.0.1:<port>`: what the client should send as `Host` for this server.
pub fn host_of(server: &MockServer) -> String {
    let address = server.address();
    assert!(
        address.ip().is_loopback(),
        "tests only talk to 127.0.0.1, not {address}"
    );
    format!("127.0.0.1:{}", address.port())
}

/// Fails if `text` contains any of `secrets`.
pub fn assert_hides(what: &str, text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{what} leaks secret `{secret}`: {text}"
        );
    }
}

/// Fails if an error's `Display` or `Debug` contains any of `secrets`.
pub fn assert_error_hides(error: &bindery::Error, secrets: &[&str]) {
    assert_hides("error Display", &error.to_string(), secrets);
    assert_hides("error Debug", &format!("{error:?}"), secrets);
}

// ---------------------------------------------------------------------------
// Mingdao signature, written from the vendor's description.

/// `sign` = Base64 of the lowercase hex SHA-256 of
/// `AppKey=<appKey>&SecretKey=<secretKey>&Timestamp=<timestamp>` (the hex *text* is encoded).
pub fn mingdao_sign(app_key: &str, secret_key: &str, timestamp_ms: i64) -> String {
    let plain = ["AppKey=", app_key, "&SecretKey=", secret_key, "&Timestamp="].concat()
        + &timestamp_ms.to_string();
    let mut hasher = Sha256::new();
    hasher.update(plain.as_bytes());
    let hex_text = hex::encode(hasher.finalize());
    base64::engine::general_purpose::STANDARD.encode(hex_text.as_bytes())
}
