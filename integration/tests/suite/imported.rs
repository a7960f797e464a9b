//! What the catalogue import decides, seen on the wire through generated ESS methods: a
//! response field the catalogue does not promise is an `Option` that takes both `null` and
//! absence, a promised one refuses `null` with the JSON path; a member the catalogue lets be
//! `null` (`value_allowed_null`) is `nullable` and takes both too; `uint64` members are `u64`
//! all the way (past `i64::MAX`); a deprecated action still calls.

use bindery::Error;
use bindery::tencent_ess::types::UserInfo;
use bindery::tencent_ess::{
    Client, CreateDraftContractByPromptsTaskRequest, CreateSchemeUrlRequest, Credentials,
    DescribeIntegrationRolesRequest, RenewAutoSignLicenseRequest,
};
use bindery_testkit::server::WireServer;
use bindery_testkit::tencent::{Call, SECRET_ID, SECRET_KEY, assert_call};
use serde_json::{Value, json};

use crate::common::CALL_TIMEOUT;

fn client(server: &WireServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .retry(bindery::runtime::RetryPolicy::none())
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

fn operator() -> UserInfo {
    UserInfo::new().user_id("yDxbTUyKQWPt6NUuO4zjEuyFAyOX2v9C")
}

async fn scheme_url(
    answer: &Value,
) -> Result<bindery::tencent_ess::CreateSchemeUrlResponse, Error> {
    let server = WireServer::answering(200, &answer.to_string()).await;
    client(&server)
        .create_scheme_url(&CreateSchemeUrlRequest::new(operator()))
        .await
}

#[tokio::test]
async fn a_field_not_promised_is_none_when_null_or_absent() {
    // `SchemeQrcodeUrl`: `output_required: false` in the catalogue.
    for answer in [
        json!({"Response": {"SchemeUrl": "https://essurl.cn/x", "SchemeQrcodeUrl": null, "RequestId": "r"}}),
        json!({"Response": {"SchemeUrl": "https://essurl.cn/x", "RequestId": "r"}}),
    ] {
        let response = scheme_url(&answer).await.expect("decodes");
        assert_eq!(response.scheme_url, "https://essurl.cn/x");
        assert_eq!(response.scheme_qrcode_url, None, "{answer}");
    }
    let response = scheme_url(&json!({"Response": {
        "SchemeUrl": "https://essurl.cn/x", "SchemeQrcodeUrl": "https://q", "RequestId": "r"
    }}))
    .await
    .expect("decodes");
    assert_eq!(response.scheme_qrcode_url.as_deref(), Some("https://q"));
}

#[tokio::test]
async fn a_nullable_member_is_none_when_null_or_absent() {
    // `TaskId`: `value_allowed_null: true` ("此字段可能返回 null"), imported as an optional,
    // nullable field: `null` and absence both decode, as they did before it said so.
    for (answer, expected) in [
        (
            json!({"Response": {"TaskId": null, "RequestId": "r"}}),
            None,
        ),
        (json!({"Response": {"RequestId": "r"}}), None),
        (
            json!({"Response": {"TaskId": "t-1", "RequestId": "r"}}),
            Some("t-1"),
        ),
    ] {
        let server = WireServer::answering(200, &answer.to_string()).await;
        let response = client(&server)
            .create_draft_contract_by_prompts_task(&CreateDraftContractByPromptsTaskRequest::new(
                operator(),
                "一份软件开发服务合同的起草要求",
            ))
            .await
            .unwrap_or_else(|e| panic!("{answer}: {e}"));
        assert_eq!(response.task_id.as_deref(), expected, "{answer}");
    }
}

#[tokio::test]
async fn a_promised_field_that_is_null_or_absent_is_a_decode_error_at_its_path() {
    // `SchemeUrl`: `output_required: true`, `value_allowed_null: false`.
    for (answer, message) in [
        (
            json!({"Response": {"SchemeUrl": null, "RequestId": "r"}}),
            "invalid type: null, expected a string",
        ),
        (
            json!({"Response": {"RequestId": "r"}}),
            "missing field `SchemeUrl`",
        ),
    ] {
        match scheme_url(&answer).await {
            Err(Error::Decode {
                path, message: got, ..
            }) => {
                assert!(path.starts_with("Response"), "{path}");
                assert!(got.contains(message), "{got}");
                if !message.starts_with("missing") {
                    assert_eq!(path, "Response.SchemeUrl");
                }
            }
            other => panic!("{answer}: expected Error::Decode, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn uint64_members_are_u64_past_i64_max_both_ways() {
    let big = u64::MAX - 1;
    let server = WireServer::answering(
        200,
        &format!(
            r#"{{"Response": {{"Offset": {big}, "Limit": {}, "TotalCount": {}, "IntegrateRoles": [], "RequestId": "r"}}}}"#,
            u64::MAX,
            u64::MAX
        ),
    )
    .await;
    let request = DescribeIntegrationRolesRequest::new(operator(), big);
    let sent_after = bindery_testkit::unix_secs();
    let response = client(&server)
        .describe_integration_roles(&request)
        .await
        .expect("decodes");
    assert_eq!(response.offset, big);
    assert_eq!(response.limit, u64::MAX);
    assert_eq!(response.total_count, u64::MAX);
    let received = server.only_request().await.expect("one request");
    let body = String::from_utf8(received.body).expect("UTF-8");
    assert!(body.contains(&format!("\"Limit\":{big}")), "{body}");
    let expected: Value = serde_json::from_str(&body).expect("JSON");
    assert_call(
        &server,
        &Call {
            action: "DescribeIntegrationRoles",
            service: "ess",
            version: "2020-11-11",
            body: &expected,
            sent_after,
        },
    )
    .await;
}

#[tokio::test]
#[allow(deprecated)] // The catalogue marks `RenewAutoSignLicense` deprecated; it still works.
async fn a_deprecated_action_still_calls() {
    let server = WireServer::answering(200, r#"{"Response": {"RequestId": "r"}}"#).await;
    let request = RenewAutoSignLicenseRequest::new(
        operator(),
        "E_PRESCRIPTION_AUTO_SIGN",
        bindery::tencent_ess::types::UserThreeFactor::new("张三", "ID_CARD", "110101199003070000"),
    );
    client(&server)
        .renew_auto_sign_license(&request)
        .await
        .expect("the call succeeds");
    let received = server.only_request().await.expect("one request");
    assert_eq!(
        received.header_values("x-tc-action"),
        ["RenewAutoSignLicense"]
    );
}
