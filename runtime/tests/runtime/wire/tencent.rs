//! Tencent Cloud on the wire: TC3-HMAC-SHA256 over exactly the bytes sent, and the
//! vendor's errors through `call`.

use bindery_runtime::validate::rules;
use bindery_runtime::{AuthKind, Client, Error, Method, Operation, Validate, Violation, tencent};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TC_ENVELOPE, TC_ESS_BASE_URL, header, only_request};

pub(super) static BIND: Operation = Operation {
    provider: "tencent",
    name: "BindEmployeeUserIdWithClientOpenId",
    method: Method::Post,
    path: "/",
    action: Some("BindEmployeeUserIdWithClientOpenId"),
    auth: Some(AuthKind::Tc3HmacSha256),
    idempotent: false,
    envelope: &TC_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct UserInfo {
    pub(super) user_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct BindRequest {
    pub(super) operator: UserInfo,
    pub(super) user_id: String,
    pub(super) open_id: String,
}

impl Validate for BindRequest {
    fn validate(&self) -> Result<(), Violation> {
        static OPEN_ID: bindery_runtime::Pattern = bindery_runtime::Pattern::new("[A-Za-z0-9]+");
        rules::length("OpenId", &self.open_id, None, Some(64))?;
        rules::pattern("OpenId", &self.open_id, &OPEN_ID)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct BindResponse {
    pub(super) status: i64,
    pub(super) request_id: String,
}

pub(super) fn bind_request() -> BindRequest {
    BindRequest {
        operator: UserInfo {
            user_id: "yDRSRUUgygj6qnwfUuO4zjEwc193c2hH".into(),
        },
        user_id: "yDRS4UUgygqdcj56UuO4zjExBQcOiB68".into(),
        open_id: "n9527".into(),
    }
}

#[tokio::test]
async fn tencent_signs_exactly_what_it_sends() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": {"RequestId": "fc0b0a6b-01b4-4042-b236-c5356af1d5d8", "Status": 1}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        TC_ESS_BASE_URL,
    )
    .base_url(server.uri())
    .region("ap-guangzhou")
    .language(tencent::Language::EnUs)
    .credentials(tencent::Credentials::new("AKID-1", "KEY-SECRET").with_token("TMP-TOKEN"))
    .build()
    .unwrap();
    let answer: BindResponse = client.call(&BIND, &bind_request()).await.unwrap();
    assert_eq!(answer.status, 1);
    assert_eq!(answer.request_id, "fc0b0a6b-01b4-4042-b236-c5356af1d5d8");

    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/");
    assert!(sent.url.query().is_none());
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        header(&sent, "x-tc-action"),
        Some("BindEmployeeUserIdWithClientOpenId")
    );
    assert_eq!(header(&sent, "x-tc-version"), Some("2020-11-11"));
    assert_eq!(header(&sent, "x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(header(&sent, "x-tc-language"), Some("en-US"));
    assert_eq!(header(&sent, "x-tc-token"), Some("TMP-TOKEN"));
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({
            "Operator": {"UserId": "yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"},
            "UserId": "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
            "OpenId": "n9527"
        })
    );

    // The signature verifies over the received bytes, the Host header
    // (with its port) and the protocol's service.
    let host = header(&sent, "host").expect("a Host header").to_owned();
    assert_eq!(host, server.address().to_string());
    let timestamp: i64 = header(&sent, "x-tc-timestamp").unwrap().parse().unwrap();
    let expected = tencent::tc3_authorization(
        "AKID-1",
        "KEY-SECRET",
        "ess",
        &host,
        "application/json",
        &sent.body,
        timestamp,
    );
    assert_eq!(header(&sent, "authorization"), Some(expected.as_str()));
    assert!(expected.starts_with("TC3-HMAC-SHA256 Credential=AKID-1/"));
    assert!(expected.contains("/ess/tc3_request, SignedHeaders=content-type;host, Signature="));
}

#[tokio::test]
async fn tencent_errors_through_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": {
                "Error": {"Code": "InvalidParameter.OpenId", "Message": "OpenId已绑定其他UserId"},
                "RequestId": "req-2"
            }
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(502).set_body_string("<html><h1>502 Bad Gateway</h1></html>"),
        )
        .mount(&server)
        .await;
    let client = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        &server.uri(),
    )
    .credentials(tencent::Credentials::new("AKID-1", "KEY-SECRET"))
    .build()
    .unwrap();
    let err = client
        .call::<_, BindResponse>(&BIND, &bind_request())
        .await
        .unwrap_err();
    let vendor = err.vendor().expect("vendor error");
    assert_eq!(vendor.code, "InvalidParameter.OpenId");
    assert_eq!(vendor.message, "OpenId已绑定其他UserId");
    assert_eq!(vendor.request_id.as_deref(), Some("req-2"));

    let err = client
        .call::<_, BindResponse>(&BIND, &bind_request())
        .await
        .unwrap_err();
    match &err {
        Error::Http {
            status,
            snippet,
            provider,
            operation,
            attempts,
        } => {
            assert_eq!(
                (*status, *provider, *operation, *attempts),
                (502, "tencent", "BindEmployeeUserIdWithClientOpenId", 1)
            );
            assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
        }
        other => panic!("unexpected {other:?}"),
    }
    // Optional headers are left out when unset.
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| header(r, "x-tc-token").is_none() && header(r, "x-tc-region").is_none())
    );
}
