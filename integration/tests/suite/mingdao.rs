//! Wire tests for the generated Mingdao client: the signed body, checked against an
//! independent implementation of the vendor's `sign`, and the `{code, message, data}` envelope.

use bindery::mingdao::user::GetUserRelationsRequest;
use bindery::mingdao::{Client, Credentials};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common;
use crate::common::routes::{MINGDAO_BASE_PATH as BASE_PATH, MINGDAO_USER_RELATIONS as ENDPOINT};
use crate::common::{
    CALL_TIMEOUT, CLOCK_SLACK_SECS, assert_error_hides, assert_hides, body_json, mingdao_sign,
    only_request, received, required_header, unix_millis,
};

const APP_KEY: &str = "APPKEY-md-42";
const SECRET_KEY: &str = "SECRET-KEY-123";
const PROJECT_ID: &str = "PROJECT-7f3a";
const SECRETS: &[&str] = &[SECRET_KEY];

// The SaaS base URL has a path (`BASE_PATH`); the test server gets one too.

fn credentials() -> Credentials {
    Credentials::new(APP_KEY, SECRET_KEY, PROJECT_ID)
}

fn client_with(server: &MockServer, credentials: Option<Credentials>) -> Client {
    let mut builder = Client::builder()
        .base_url(format!("{}{BASE_PATH}", server.uri()))
        .timeout(CALL_TIMEOUT);
    if let Some(credentials) = credentials {
        builder = builder.credentials(credentials);
    }
    builder.build().expect("client builds")
}

fn client(server: &MockServer) -> Client {
    client_with(server, Some(credentials()))
}

async fn mount_json(server: &MockServer, status: u16, body: Value) {
    Mock::given(method("POST"))
        .and(path(ENDPOINT))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

fn request() -> GetUserRelationsRequest {
    GetUserRelationsRequest::new(vec!["wecom-zhangsan".into(), "dingtalk-李四".into()])
}

#[test]
fn own_sign_matches_the_vendor_known_answer() {
    let sign = mingdao_sign("ak", "sk", 1_618_837_301_125);
    assert_eq!(
        sign,
        "ZjU2MjkyYTFkOWQyNzAwYTg0YzkyODE4NWFiMDQyMzU1MWFhOTMyYzAxZmVjMmQ0NmYyMDQyNGZjNzYyZDI0MA=="
    );
    assert_eq!(sign.len(), 88);
}

#[tokio::test]
async fn get_user_relations_sends_signed_body_and_decodes_relations() {
    let server = MockServer::start().await;
    mount_json(
        &server,
        200,
        json!({
            "data": [
                {"corpUserId": "wecom-zhangsan", "projectId": PROJECT_ID, "accountId": "acc-1"},
                {"corpUserId": "dingtalk-李四", "projectId": PROJECT_ID, "accountId": "acc-2"}
            ],
            "code": 1,
            "message": ""
        }),
    )
    .await;

    let before = unix_millis();
    let response = client(&server)
        .get_user_relations(&request())
        .await
        .expect("relations");
    let after = unix_millis();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), ENDPOINT);
    assert_eq!(
        sent.url.query(),
        None,
        "a POST carries everything in the body"
    );
    assert_eq!(required_header(&sent, "content-type"), "application/json");

    let body = body_json(&sent);
    let timestamp = body["timestamp"]
        .as_i64()
        .unwrap_or_else(|| panic!("timestamp must be a JSON integer: {body}"));
    let slack = CLOCK_SLACK_SECS * 1000;
    assert!(
        (before - slack..=after + slack).contains(&timestamp),
        "timestamp {timestamp} (ms) not within {CLOCK_SLACK_SECS} s of now ({before}..{after})"
    );
    assert_eq!(
        body,
        json!({
            "corpUserIds": ["wecom-zhangsan", "dingtalk-李四"],
            "appKey": APP_KEY,
            "sign": mingdao_sign(APP_KEY, SECRET_KEY, timestamp),
            "timestamp": timestamp,
            "projectId": PROJECT_ID
        })
    );
    // The secret key only feeds the signature; it never travels.
    let raw = String::from_utf8_lossy(&sent.body);
    assert_hides("request body", &raw, SECRETS);

    assert_eq!(response.data.len(), 2);
    assert_eq!(
        response.data[0].corp_user_id.as_deref(),
        Some("wecom-zhangsan")
    );
    assert_eq!(response.data[0].project_id.as_deref(), Some(PROJECT_ID));
    assert_eq!(response.data[0].account_id.as_deref(), Some("acc-1"));
    assert_eq!(
        response.data[1].corp_user_id.as_deref(),
        Some("dingtalk-李四")
    );
    assert_eq!(response.data[1].account_id.as_deref(), Some("acc-2"));
}

#[tokio::test]
async fn each_call_is_signed_with_its_own_timestamp() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ENDPOINT))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"code": 1, "message": "", "data": []})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    client.get_user_relations(&request()).await.expect("first");
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let response = client.get_user_relations(&request()).await.expect("second");
    assert!(response.data.is_empty());

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let stamps: Vec<i64> = requests
        .iter()
        .map(|r| {
            let body = body_json(r);
            let timestamp = body["timestamp"].as_i64().expect("integer timestamp");
            assert_eq!(
                body["sign"],
                json!(mingdao_sign(APP_KEY, SECRET_KEY, timestamp)),
                "sign must cover the timestamp sent"
            );
            timestamp
        })
        .collect();
    assert!(stamps[1] > stamps[0], "timestamps {stamps:?}");
}

#[tokio::test]
async fn vendor_error_envelope_is_error_vendor() {
    let server = MockServer::start().await;
    mount_json(&server, 200, json!({"code": 10001, "message": "错误描述"})).await;

    let error = client(&server)
        .get_user_relations(&request())
        .await
        .unwrap_err();
    let vendor = error
        .vendor()
        .unwrap_or_else(|| panic!("expected Error::Vendor, got {error:?}"));
    assert_eq!(vendor.provider, "mingdao");
    assert_eq!(vendor.operation, "getUserRelations");
    assert_eq!(error.vendor_code(), Some("10001"));
    assert_eq!(vendor.message, "错误描述");
    // Mingdao's envelope has no request id.
    assert_eq!(error.request_id(), None);
    assert_eq!(error.http_status(), Some(200));
    let text = error.to_string();
    for fact in ["mingdao", "getUserRelations", "10001", "错误描述"] {
        assert!(text.contains(fact), "`{fact}` missing from {text}");
    }
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn code_zero_is_a_failure_for_mingdao() {
    let server = MockServer::start().await;
    mount_json(
        &server,
        200,
        json!({"code": 0, "message": "failed", "data": []}),
    )
    .await;
    let error = client(&server)
        .get_user_relations(&request())
        .await
        .unwrap_err();
    assert_eq!(error.vendor_code(), Some("0"), "{error:?}");
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn http_502_html_is_error_http_with_snippet() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ENDPOINT))
        .respond_with(ResponseTemplate::new(502).set_body_raw(
            "<html><head><title>502 Bad Gateway</title></head><body>upstream down</body></html>",
            "text/html",
        ))
        // getUserRelations is idempotent, so a 502 is tried the default 3 times.
        .expect(3)
        .mount(&server)
        .await;
    let error = client(&server)
        .get_user_relations(&request())
        .await
        .unwrap_err();
    match &error {
        bindery::Error::Http {
            provider,
            operation,
            status,
            attempts,
            snippet,
        } => {
            assert_eq!(
                (*provider, *operation, *status, *attempts),
                ("mingdao", "getUserRelations", 502, 3)
            );
            assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert_eq!(error.http_status(), Some(502));
    assert_eq!(error.vendor_code(), None);
    assert_eq!(
        error.to_string(),
        "mingdao getUserRelations: HTTP 502 after 3 attempts: \
         <html><head><title>502 Bad Gateway</title></head><body>upstream down</body></html>"
    );
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn wrong_field_type_is_error_decode_with_json_path() {
    let server = MockServer::start().await;
    mount_json(
        &server,
        200,
        json!({
            "code": 1,
            "message": "",
            "data": [
                {"corpUserId": "wecom-zhangsan", "accountId": "acc-1"},
                {"corpUserId": "dingtalk-李四", "accountId": 42}
            ]
        }),
    )
    .await;
    let error = client(&server)
        .get_user_relations(&request())
        .await
        .unwrap_err();
    match &error {
        bindery::Error::Decode {
            provider,
            operation,
            path,
            ..
        } => {
            assert_eq!((*provider, *operation), ("mingdao", "getUserRelations"));
            assert_eq!(path, "data[1].accountId");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn empty_id_list_and_missing_credentials_are_rejected_before_io() {
    let server = common::silent_server().await;

    let error = client(&server)
        .get_user_relations(&GetUserRelationsRequest::new(Vec::new()))
        .await
        .unwrap_err();
    match &error {
        bindery::Error::InvalidRequest {
            provider,
            operation,
            field,
            rule,
        } => {
            assert_eq!((*provider, *operation), ("mingdao", "getUserRelations"));
            assert_eq!(field, "corpUserIds");
            assert_eq!(rule, "has 0 items, below minimum 1");
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert_error_hides(&error, SECRETS);

    let error = client_with(&server, None)
        .get_user_relations(&request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            bindery::Error::Credentials {
                provider: "mingdao",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_local());

    server.verify().await;
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn debug_output_of_client_and_credentials_hides_secret_key() {
    let credentials = credentials();
    let text = format!("{credentials:?}");
    assert_hides("credentials Debug", &text, SECRETS);
    assert!(
        text.contains(APP_KEY) && text.contains(PROJECT_ID),
        "{text}"
    );
    let server = MockServer::start().await;
    let client = client_with(&server, Some(credentials));
    assert_hides("client Debug", &format!("{client:#?}"), SECRETS);
}
