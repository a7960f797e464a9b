//! A JSON answer that starts with a UTF-8 byte-order mark (U+FEFF, bytes `EF BB BF`) decodes
//! like the same answer without it, for every vendor: success bodies give the typed response,
//! error envelopes the vendor's error. The mark carries no data; serde_json alone refuses it.

use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::types::MapperObjectApiName;
use bindery::mingdao::user::GetUserRelationsRequest;
use bindery::runtime::RetryPolicy;
use bindery::{fxiaoke, mingdao, tencent_ess};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common;
use crate::common::CALL_TIMEOUT;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A server answering every request with `json` behind a byte-order mark, once per body.
async fn server_with_bom(bodies: &[&str]) -> MockServer {
    let server = MockServer::start().await;
    for body in bodies {
        let bytes = [BOM, body.as_bytes()].concat();
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(bytes, "application/json"))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    server
}

#[tokio::test]
async fn fxiaoke_answers_with_a_byte_order_mark_decode() {
    let server = server_with_bom(&[
        r#"{"errorCode":0,"errorMessage":"OK","traceId":"E-O.1","mapperId":"300013389"}"#,
        r#"{"errorCode":20016,"errorMessage":"expired","traceId":"E-O.2"}"#,
    ])
    .await;
    let client = fxiaoke::Client::builder()
        .base_url(server.uri())
        .credentials(fxiaoke::Credentials::new().with_access_token("token", "ea", "1000"))
        .timeout(CALL_TIMEOUT)
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::PartnerObj);
    let response = client
        .get_mapper_object_id(&request)
        .await
        .expect("decodes");
    assert_eq!(response.mapper_id.as_deref(), Some("300013389"));
    assert_eq!(response.request_id.as_deref(), Some("E-O.1"));
    let error = client.get_mapper_object_id(&request).await.unwrap_err();
    assert_eq!(error.vendor_code(), Some("20016"), "{error:?}");
    assert_eq!(error.request_id(), Some("E-O.2"));
}

#[tokio::test]
async fn mingdao_answers_with_a_byte_order_mark_decode() {
    let server = server_with_bom(&[
        r#"{"code":1,"message":"","data":[{"corpUserId":"u1","projectId":"p","accountId":"a"}]}"#,
        r#"{"code":10001,"message":"错误"}"#,
    ])
    .await;
    let client = mingdao::Client::builder()
        .base_url(server.uri())
        .credentials(mingdao::Credentials::new(
            "app-key",
            "secret-key",
            "project",
        ))
        .timeout(CALL_TIMEOUT)
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    let request = GetUserRelationsRequest::new(vec!["wecom-zhangsan".into()]);
    let response = client.get_user_relations(&request).await.expect("decodes");
    assert_eq!(response.data.len(), 1);
    assert_eq!(response.data[0].corp_user_id.as_deref(), Some("u1"));
    let error = client.get_user_relations(&request).await.unwrap_err();
    assert_eq!(error.vendor_code(), Some("10001"), "{error:?}");
}

#[tokio::test]
async fn tencent_answers_with_a_byte_order_mark_decode() {
    let server = server_with_bom(&[
        r#"{"Response":{"Status":1,"RequestId":"r-1"}}"#,
        r#"{"Response":{"Error":{"Code":"InvalidParameter","Message":"bad"},"RequestId":"r-2"}}"#,
    ])
    .await;
    let client = tencent_ess::Client::builder()
        .base_url(server.uri())
        .credentials(tencent_ess::Credentials::new("AKIDbom0001", "secret-key"))
        .timeout(CALL_TIMEOUT)
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds");
    let request = common::tencent_bind_request();
    let response = client
        .bind_employee_user_id_with_client_open_id(&request)
        .await
        .expect("decodes");
    assert_eq!(response.status, tencent_ess::BindStatus::Succeeded);
    let error = client
        .bind_employee_user_id_with_client_open_id(&request)
        .await
        .unwrap_err();
    assert_eq!(error.vendor_code(), Some("InvalidParameter"), "{error:?}");
    assert_eq!(error.request_id(), Some("r-2"));
}
