//! What more than one test module needs: the vendors' envelopes, base URLs and codes as
//! the spec states them (the runtime keeps no copy of its own), a raw HTTP server, a
//! tracing capture, and helpers for reading what a mock server received.

use bindery_runtime::Envelope;
use wiremock::{MockServer, Request};

pub mod raw_server;
pub mod traces;

/// Fxiaoke's envelope, as `api-spec/fxiaoke/provider.yaml` (`envelope:`) states it.
pub static FX_ENVELOPE: Envelope = Envelope {
    code: "errorCode",
    success: Some(0),
    message: "errorMessage",
    request_id: Some("traceId"),
    result: None,
    flag: None,
};

/// Mingdao's envelope, as `api-spec/mingdao/provider.yaml` (`envelope:`) states it.
pub static MD_ENVELOPE: Envelope = Envelope {
    code: "code",
    success: Some(1),
    message: "message",
    request_id: None,
    result: None,
    flag: None,
};

/// Tencent Cloud's envelope, as `api-spec/tencent_ess/provider.yaml` (`envelope:`) states it.
pub static TC_ENVELOPE: Envelope = Envelope {
    code: "Response.Error.Code",
    success: None,
    message: "Response.Error.Message",
    request_id: Some("Response.RequestId"),
    result: Some("Response"),
    flag: None,
};

/// Fxiaoke's public gateway (`api-spec/fxiaoke/provider.yaml`, `base_urls:`).
pub const FX_BASE_URL: &str = "https://open.fxiaoke.com";

/// Mingdao's public endpoint (`api-spec/mingdao/provider.yaml`, `base_urls:`).
pub const MD_BASE_URL: &str = "https://api.mingdao.com/generalintegrate";

/// Tencent e-Sign's public endpoint (`api-spec/tencent_ess/provider.yaml`, `base_urls:`).
pub const TC_ESS_BASE_URL: &str = "https://ess.tencentcloudapi.com";

/// Fxiaoke's code for a missing or expired `corpAccessToken` (body scheme).
pub const FX_CORP_ACCESS_TOKEN_EXPIRED: &str = "20016";

/// Fxiaoke's code for a missing or expired `accessToken` (header scheme).
pub const FX_ACCESS_TOKEN_EXPIRED: &str = "20005";

/// A port that was just free on loopback: connecting to it is refused at once.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The value of header `name` of a request a mock server received.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The query parameters of a request a mock server received, in order.
pub fn query(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The one request `server` received; fails the test if it received another number.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}
