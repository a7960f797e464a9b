//! Wire tests for the generated Tencent Cloud e-Sign client: headers, the exact body, and the
//! TC3-HMAC-SHA256 `Authorization` recomputed independently of the runtime
//! (`bindery_testkit::tc3`, pinned to the vendor's known answer there) over the bytes received.

use bindery::tencent_ess::types::{Agent, UserInfo};
use bindery::tencent_ess::{
    BindEmployeeUserIdWithClientOpenIdRequest, BindStatus, Client, ClientBuilder, Credentials,
    Language,
};
use bindery_testkit::tc3::Tc3;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common;
use crate::common::{
    CALL_TIMEOUT, CLOCK_SLACK_SECS, assert_error_hides, assert_hides, assert_no_header, body_json,
    header, host_of, only_request, received, required_header, unix_secs,
};

const SECRET_ID: &str = "AKIDtestSecretId0001";
const SECRET_KEY: &str = "SECRET-KEY-123";
const TOKEN: &str = "TOKEN-SECRET-789";
const SECRETS: &[&str] = &[SECRET_KEY, TOKEN];

const ACTION: &str = "BindEmployeeUserIdWithClientOpenId";
const OPERATOR_ID: &str = "yDRSRUUgygj6qnwfUuO4zjEwc193c2hH";
const USER_ID: &str = "yDRS4UUgygqdcj56UuO4zjExBQcOiB68";

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
}

fn client(server: &MockServer) -> Client {
    builder(server)
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .build()
        .expect("client builds")
}

fn request(open_id: &str) -> BindEmployeeUserIdWithClientOpenIdRequest {
    BindEmployeeUserIdWithClientOpenIdRequest::new(
        UserInfo::new().user_id(OPERATOR_ID),
        USER_ID,
        open_id,
    )
}

async fn mount(server: &MockServer, status: u16, body: Value) {
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

fn success() -> Value {
    json!({"Response": {"RequestId": "fc0b0a6b-01b4-4042-b236-c5356af1d5d8", "Status": 1}})
}

/// Everything common to every signed call; returns the `X-TC-Timestamp` sent.
fn assert_signed_call(server: &MockServer, sent: &Request, before: i64, after: i64) -> i64 {
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/");
    assert_eq!(sent.url.query(), None);
    let host = host_of(server);
    assert_eq!(required_header(sent, "host"), host);
    let content_type = required_header(sent, "content-type");
    assert_eq!(content_type, "application/json");
    assert_eq!(required_header(sent, "x-tc-action"), ACTION);
    assert_eq!(required_header(sent, "x-tc-version"), "2020-11-11");

    let timestamp_text = required_header(sent, "x-tc-timestamp");
    let timestamp: i64 = timestamp_text
        .parse()
        .unwrap_or_else(|e| panic!("X-TC-Timestamp {timestamp_text:?}: {e}"));
    assert_eq!(
        timestamp.to_string(),
        timestamp_text,
        "plain decimal seconds"
    );
    assert!(
        (before - CLOCK_SLACK_SECS..=after + CLOCK_SLACK_SECS).contains(&timestamp),
        "X-TC-Timestamp {timestamp} not within {CLOCK_SLACK_SECS} s of now ({before}..{after})"
    );

    let expected = Tc3 {
        secret_id: SECRET_ID,
        secret_key: SECRET_KEY,
        service: "ess",
        host: &host,
        content_type,
        body: &sent.body,
        timestamp,
    };
    assert_eq!(
        required_header(sent, "authorization"),
        expected.authorization()
    );

    // The check is sensitive to the bytes: one changed byte gives another signature.
    let mut tampered = sent.body.clone();
    tampered.push(b' ');
    let other = Tc3 {
        body: &tampered,
        ..expected
    };
    assert_ne!(
        required_header(sent, "authorization"),
        other.authorization()
    );
    timestamp
}

#[tokio::test]
async fn bind_sends_signed_request_with_region_and_token() {
    let server = MockServer::start().await;
    mount(&server, 200, success()).await;
    let client = builder(&server)
        .region("ap-guangzhou")
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN))
        .build()
        .expect("client");

    let before = unix_secs();
    let response = client
        .bind_employee_user_id_with_client_open_id(&request("n9527"))
        .await
        .expect("bind");
    let after = unix_secs();

    let sent = only_request(&server).await;
    assert_signed_call(&server, &sent, before, after);
    assert_eq!(required_header(&sent, "x-tc-region"), "ap-guangzhou");
    assert_eq!(required_header(&sent, "x-tc-token"), TOKEN);
    assert_no_header(&sent, "x-tc-language");
    assert_eq!(
        body_json(&sent),
        json!({"Operator": {"UserId": OPERATOR_ID}, "UserId": USER_ID, "OpenId": "n9527"})
    );

    assert_eq!(response.status, BindStatus::Succeeded);
    assert_eq!(
        response.request_id.as_deref(),
        Some("fc0b0a6b-01b4-4042-b236-c5356af1d5d8")
    );
}

#[tokio::test]
async fn bind_without_region_or_token_sends_neither_header() {
    let server = MockServer::start().await;
    mount(&server, 200, success()).await;
    let client = builder(&server)
        .language(Language::EnUs)
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .build()
        .expect("client");

    let request = request("n9527").agent(Agent::new().proxy_organization_id("yDxbmUyqQ3W7"));
    let before = unix_secs();
    let response = client
        .bind_employee_user_id_with_client_open_id(&request)
        .await
        .expect("bind");
    let after = unix_secs();

    let sent = only_request(&server).await;
    assert_signed_call(&server, &sent, before, after);
    assert_no_header(&sent, "x-tc-region");
    assert_no_header(&sent, "x-tc-token");
    assert_eq!(header(&sent, "x-tc-language"), Some("en-US"));
    // Unset optional fields (Agent.AppId, UserInfo.Channel, …) are left out.
    assert_eq!(
        body_json(&sent),
        json!({
            "Operator": {"UserId": OPERATOR_ID},
            "UserId": USER_ID,
            "OpenId": "n9527",
            "Agent": {"ProxyOrganizationId": "yDxbmUyqQ3W7"}
        })
    );
    assert_eq!(response.status, BindStatus::Succeeded);
}

#[tokio::test]
async fn vendor_error_envelope_is_error_vendor() {
    let server = MockServer::start().await;
    mount(
        &server,
        200,
        json!({
            "Response": {
                "Error": {"Code": "InvalidParameter", "Message": "该openid已绑定其他userid,请解绑后重试"},
                "RequestId": "535482ad-caa5-4302-909c-de054bf4df99"
            }
        }),
    )
    .await;

    let error = client(&server)
        .bind_employee_user_id_with_client_open_id(&request("n9527"))
        .await
        .unwrap_err();
    let vendor = error
        .vendor()
        .unwrap_or_else(|| panic!("expected Error::Vendor, got {error:?}"));
    assert_eq!(vendor.provider, "tencent_ess");
    assert_eq!(vendor.operation, ACTION);
    assert_eq!(error.vendor_code(), Some("InvalidParameter"));
    assert_eq!(vendor.message, "该openid已绑定其他userid,请解绑后重试");
    assert_eq!(
        error.request_id(),
        Some("535482ad-caa5-4302-909c-de054bf4df99")
    );
    assert_eq!(error.http_status(), Some(200));
    let text = error.to_string();
    for fact in [
        "tencent_ess",
        ACTION,
        "InvalidParameter",
        "535482ad-caa5-4302-909c-de054bf4df99",
    ] {
        assert!(text.contains(fact), "`{fact}` missing from {text}");
    }
    assert_error_hides(&error, SECRETS);
    assert_eq!(received(&server).await.len(), 1, "not idempotent: no retry");
}

#[tokio::test]
async fn http_502_html_is_error_http_with_snippet() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(
            "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>\
             <body><h1>502 Bad Gateway</h1><p>stgw</p></body></html>",
            "text/html; charset=utf-8",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let error = client(&server)
        .bind_employee_user_id_with_client_open_id(&request("n9527"))
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
                ("tencent_ess", ACTION, 502, 1)
            );
            assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert_eq!(error.http_status(), Some(502));
    assert_eq!(error.vendor_code(), None);
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn status_is_an_integer_enum_that_keeps_unknown_codes() {
    // The page documents 0 (failed) and 1 (succeeded); a code the vendor adds later decodes.
    for (code, expected) in [
        (0, BindStatus::Failed),
        (1, BindStatus::Succeeded),
        (2, BindStatus::Unknown(2)),
    ] {
        let server = MockServer::start().await;
        mount(
            &server,
            200,
            json!({"Response": {"Status": code, "RequestId": "r-status"}}),
        )
        .await;
        let response = client(&server)
            .bind_employee_user_id_with_client_open_id(&request("n9527"))
            .await
            .expect("decodes");
        assert_eq!(response.status, expected);
        assert_eq!(response.status.as_i64(), code);
    }
}

#[tokio::test]
async fn wrong_status_type_is_error_decode_at_response_status() {
    let server = MockServer::start().await;
    mount(
        &server,
        200,
        json!({"Response": {"Status": "one", "RequestId": "r-decode-1"}}),
    )
    .await;
    let error = client(&server)
        .bind_employee_user_id_with_client_open_id(&request("n9527"))
        .await
        .unwrap_err();
    match &error {
        bindery::Error::Decode {
            provider,
            operation,
            path,
            message,
            snippet,
        } => {
            assert_eq!((*provider, *operation), ("tencent_ess", ACTION));
            assert_eq!(path, "Response.Status");
            assert_eq!(
                message,
                "invalid type: string (3 characters, not shown), expected i64"
            );
            // The misplaced string is hidden (it could be a credential); the rest is shown.
            assert!(snippet.contains(r#""Status":"[redacted]""#), "{snippet}");
            assert!(snippet.contains(r#""RequestId":"r-decode-1""#), "{snippet}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert!(error.to_string().contains("`Response.Status`"), "{error}");
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn open_id_rules_are_checked_before_anything_is_sent() {
    let server = common::silent_server().await;
    let client = client(&server);

    let too_long = "a".repeat(65);
    for (open_id, rule) in [
        (too_long.as_str(), "length 65 exceeds maximum 64"),
        ("n-9527", "must match [A-Za-z0-9]+"),
        ("n9527 ", "must match [A-Za-z0-9]+"),
        ("", "must match [A-Za-z0-9]+"),
    ] {
        let error = client
            .bind_employee_user_id_with_client_open_id(&request(open_id))
            .await
            .unwrap_err();
        match &error {
            bindery::Error::InvalidRequest {
                provider,
                operation,
                field,
                rule: actual,
            } => {
                assert_eq!((*provider, *operation), ("tencent_ess", ACTION));
                assert_eq!(field, "OpenId", "OpenId {open_id:?}");
                assert_eq!(actual, rule, "OpenId {open_id:?}");
            }
            other => panic!("OpenId {open_id:?}: expected InvalidRequest, got {other:?}"),
        }
        assert!(error.is_local());
        assert!(error.to_string().contains("`OpenId`"), "{error}");
        assert_error_hides(&error, SECRETS);
    }

    // No credentials: also refused before I/O.
    let anonymous = builder(&server).build().expect("client");
    let error = anonymous
        .bind_employee_user_id_with_client_open_id(&request("n9527"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            bindery::Error::Credentials {
                provider: "tencent_ess",
                ..
            }
        ),
        "{error:?}"
    );

    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn open_id_of_64_characters_is_accepted() {
    let server = MockServer::start().await;
    mount(&server, 200, success()).await;
    let open_id = "Ab9".repeat(21) + "Z";
    assert_eq!(open_id.len(), 64);
    client(&server)
        .bind_employee_user_id_with_client_open_id(&request(&open_id))
        .await
        .expect("64 characters are allowed");
    let sent = only_request(&server).await;
    assert_eq!(body_json(&sent)["OpenId"], json!(open_id));
}

#[tokio::test]
async fn debug_output_of_client_and_credentials_hides_secrets() {
    let credentials = Credentials::new(SECRET_ID, SECRET_KEY).with_token(TOKEN);
    let text = format!("{credentials:?}");
    assert_hides("credentials Debug", &text, SECRETS);
    assert!(text.contains(SECRET_ID), "{text}");
    let server = MockServer::start().await;
    let client = builder(&server)
        .region("ap-guangzhou")
        .credentials(credentials)
        .build()
        .expect("client");
    assert_hides("client Debug", &format!("{client:#?}"), SECRETS);
}
