//! `u64` values past `i64::MAX` (Tencent's `uint64`) on the wire, both ways, through the
//! runtime's Tencent Cloud client exactly as a generated `u64` field's method calls it: the
//! request body keeps the integer's digits, the TC3 signature covers them, and the decoded
//! answer holds the vendor's number unrounded. The operation is declared here, so the runtime's
//! path is tested apart from any spec; generated `u64` fields are tested in the hostile
//! fixture's crate (`codegen/tests/fixtures/hostile/tests/unsigned.rs`) and through the
//! imported ESS endpoints (`imported.rs`).

use std::collections::BTreeMap;

use bindery_runtime::tencent::{Credentials, TencentCloud};
use bindery_runtime::{AuthKind, Method, Operation};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use bindery_testkit::tc3::Tc3;

use crate::common::{CALL_TIMEOUT, host_of, only_request, required_header};

const SECRET_ID: &str = "AKIDtestSecretId0001";
const SECRET_KEY: &str = "SECRET-KEY-123";

/// `CountThings` as codegen would declare it in `operations.rs`.
static COUNT_THINGS: Operation = Operation {
    provider: "tencent_ess",
    name: "CountThings",
    method: Method::Post,
    path: "/",
    action: Some("CountThings"),
    auth: Some(AuthKind::Tc3HmacSha256),
    idempotent: true,
    envelope: &bindery::tencent_ess::operations::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

#[tokio::test]
async fn a_u64_past_i64_max_is_sent_and_decoded_exactly() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"Response":{"Total":18446744073709551615,"Counts":[9223372036854775809],"RequestId":"r-1"}}"#,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = bindery_runtime::Client::builder(TencentCloud::new("ess", "2020-11-11"), "")
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .build()
        .expect("client builds");

    // A request struct with a `u64` field serialises like this map: one JSON integer.
    let request = BTreeMap::from([("Since".to_owned(), u64::MAX - 1)]);
    let response: BTreeMap<String, Value> = client
        .call(&COUNT_THINGS, &request)
        .await
        .expect("call succeeds");

    // Decoded: `Total` is the vendor's integer, not rounded through `f64` (which would
    // make it 18446744073709551616, beyond `u64`).
    assert_eq!(response["Total"].as_u64(), Some(u64::MAX));
    assert_eq!(response["Counts"], json!([9_223_372_036_854_775_809_u64]));
    let total: u64 = serde_json::from_value(response["Total"].clone()).expect("a u64");
    assert_eq!(total, 18_446_744_073_709_551_615);

    // Sent: the exact digits, signed over the bytes received.
    let sent = only_request(&server).await;
    assert_eq!(sent.body, br#"{"Since":18446744073709551614}"#);
    assert_eq!(required_header(&sent, "x-tc-action"), "CountThings");
    let timestamp: i64 = required_header(&sent, "x-tc-timestamp")
        .parse()
        .expect("decimal seconds");
    let expected = Tc3 {
        secret_id: SECRET_ID,
        secret_key: SECRET_KEY,
        service: "ess",
        host: &host_of(&server),
        content_type: required_header(&sent, "content-type"),
        body: &sent.body,
        timestamp,
    };
    assert_eq!(
        required_header(&sent, "authorization"),
        expected.authorization()
    );
}
