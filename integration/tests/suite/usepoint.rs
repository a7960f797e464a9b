//! What an endpoint says about the point of use, on the wire: e-Sign's
//! `BindEmployeeUserIdWithClientOpenId` requires `Operator.UserId` (`requires` in its spec
//! file), which the shared `UserInfo` type keeps optional.

use bindery::tencent_ess::types::UserInfo;
use bindery::tencent_ess::{
    BindEmployeeUserIdWithClientOpenIdRequest, BindStatus, Client, Credentials,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::{self, CALL_TIMEOUT, body_json, only_request, received};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
        .credentials(Credentials::new("AKIDtestSecretId0001", "SECRET-KEY-123"))
        .build()
        .expect("client builds")
}

fn request(operator: UserInfo) -> BindEmployeeUserIdWithClientOpenIdRequest {
    BindEmployeeUserIdWithClientOpenIdRequest::new(
        operator,
        "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
        "n9527",
    )
}

#[tokio::test]
async fn an_operator_without_user_id_is_refused_before_anything_is_sent() {
    let server = common::silent_server().await;
    // `UserInfo::new()` compiles (the type keeps `UserId` optional); the call refuses it.
    let operator = UserInfo::new();
    let error = client(&server)
        .bind_employee_user_id_with_client_open_id(&request(operator))
        .await
        .unwrap_err();
    match &error {
        bindery::Error::InvalidRequest {
            provider,
            operation,
            field,
            rule,
        } => {
            assert_eq!(
                (*provider, *operation),
                ("tencent_ess", "BindEmployeeUserIdWithClientOpenId")
            );
            assert_eq!(field, "Operator.UserId");
            assert_eq!(rule, "must be set for this call");
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert!(error.is_local());
    assert_eq!(
        error.to_string(),
        "tencent_ess BindEmployeeUserIdWithClientOpenId: invalid request: `Operator.UserId` \
         must be set for this call"
    );
    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn an_operator_with_user_id_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": {"RequestId": "fc0b0a6b-01b4-4042-b236-c5356af1d5d8", "Status": 1}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let operator = UserInfo::new().user_id("yDRSRUUgygj6qnwfUuO4zjEwc193c2hH");
    let response = client(&server)
        .bind_employee_user_id_with_client_open_id(&request(operator))
        .await
        .expect("a request with Operator.UserId is sent");
    assert_eq!(response.status, BindStatus::Succeeded);
    let sent = only_request(&server).await;
    assert_eq!(
        body_json(&sent),
        json!({
            "Operator": {"UserId": "yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"},
            "UserId": "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
            "OpenId": "n9527"
        })
    );
}
