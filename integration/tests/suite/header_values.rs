//! Values that travel in HTTP headers (Tencent SecretId, session token and region; the Fxiaoke
//! header scheme's token, `ea` and user id, given or fetched) must be visible ASCII. `http`
//! would send non-ASCII bytes and tabs raw; instead they are refused before any I/O with an
//! error naming the value's role and source, never the value, and the server sees nothing.

use bindery::Error;
use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::types::MapperObjectApiName;
use bindery::fxiaoke::{self, operations};
use bindery::runtime::fxiaoke::{AppCredentials, Operator};
use bindery::tencent_ess;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common;
use crate::common::CALL_TIMEOUT;

/// Part of every bad value, so that a leak of the value into an error is visible.
const MARK: &str = "MARK7q";

/// Bad values for a header: non-ASCII, a tab, a space, a line break, DEL.
fn bad_values() -> Vec<String> {
    [
        "\u{e9}",
        "\u{4e2d}",
        "\t",
        " ",
        "\r\nX-Injected: 1",
        "\u{7f}",
    ]
    .iter()
    .map(|bad| format!("{MARK}{bad}{MARK}"))
    .collect()
}

/// `error` names `name` and the header rule, is local, and does not contain the value.
fn assert_refused(error: &Error, name: &str) {
    let text = error.to_string();
    assert!(text.contains(name), "`{name}` not named: {text}");
    assert!(text.contains("HTTP header"), "{text}");
    assert!(error.is_local(), "{error}");
    common::assert_hides("error", &text, &[MARK]);
    common::assert_hides("error Debug", &format!("{error:?}"), &[MARK]);
}

async fn tencent_call(
    server: &MockServer,
    credentials: tencent_ess::Credentials,
    region: Option<&str>,
) -> Error {
    let builder = tencent_ess::Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
        .credentials(credentials);
    let builder = match region {
        Some(region) => builder.region(region),
        None => builder,
    };
    builder
        .build()
        .expect("client builds")
        .bind_employee_user_id_with_client_open_id(&common::tencent_bind_request())
        .await
        .expect_err("an unsendable header value must not be sent")
}

#[tokio::test]
async fn tencent_secret_id_session_token_and_region_must_be_visible_ascii() {
    let server = common::silent_server().await;
    for bad in bad_values() {
        let error = tencent_call(
            &server,
            tencent_ess::Credentials::new(bad.as_str(), "SECRET-KEY"),
            None,
        )
        .await;
        assert!(matches!(error, Error::Credentials { .. }), "{error:?}");
        assert_refused(&error, "SecretId (given in code to `Credentials::new`)");

        let error = tencent_call(
            &server,
            tencent_ess::Credentials::new("AKIDok", "SECRET-KEY").with_token(bad.as_str()),
            None,
        )
        .await;
        assert_refused(
            &error,
            "session token (given in code to `Credentials::with_token`)",
        );

        let error = tencent_call(
            &server,
            tencent_ess::Credentials::new("AKIDok", "SECRET-KEY"),
            Some(&bad),
        )
        .await;
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        assert_refused(&error, "the region");
    }
    // The SecretKey is only a signing key, never sent: any text will do (the vendor decides).
    common::assert_nothing_received(&server).await;
}

fn mapper() -> GetMapperObjectIdRequest {
    GetMapperObjectIdRequest::new(MapperObjectApiName::PartnerObj)
}

#[tokio::test]
async fn fxiaoke_header_scheme_token_ea_and_user_id_must_be_visible_ascii() {
    let server = common::silent_server().await;
    let source = "(given in code to `Credentials::with_access_token`)";
    for bad in bad_values() {
        for (credentials, name) in [
            (
                fxiaoke::Credentials::new().with_access_token(bad.as_str(), "ea-1", "1000"),
                format!("access token {source}"),
            ),
            (
                fxiaoke::Credentials::new().with_access_token("TOKEN", bad.as_str(), "1000"),
                format!("ea {source}"),
            ),
            (
                fxiaoke::Credentials::new().with_access_token("TOKEN", "ea-1", bad.as_str()),
                format!("user id {source}"),
            ),
        ] {
            let error = common::fxiaoke_client(&server, credentials)
                .get_mapper_object_id(&mapper())
                .await
                .expect_err("unsendable header value");
            assert!(matches!(error, Error::Credentials { .. }), "{error:?}");
            assert_refused(&error, &name);
        }

        // App credentials: the operator's user id is checked before the token is fetched.
        let client = fxiaoke::Client::builder()
            .base_url(server.uri())
            .timeout(CALL_TIMEOUT)
            .app_credentials(
                AppCredentials::new("FSAID_1", "APP-SECRET", "CODE"),
                Operator::new().user_id(bad.as_str()),
            )
            .build()
            .expect("client builds");
        let error = client
            .get_mapper_object_id(&mapper())
            .await
            .expect_err("unsendable operator user id");
        assert_refused(
            &error,
            "operator user id (given in code to `Operator::user_id`)",
        );
    }
    common::assert_nothing_received(&server).await;
}

#[tokio::test]
async fn a_fetched_access_token_or_ea_that_a_header_cannot_carry_is_never_used() {
    let op = &operations::ACCESS_TOKEN;
    let bad = format!("{MARK}\u{e9}{MARK}");
    for (token, ea, field) in [
        (bad.as_str(), "ea-1", "accessToken"),
        ("TOKEN-OK", bad.as_str(), "ea"),
        ("TOKEN-OK", "ea\t1", "ea"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(op.path))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "errorCode": 0, "accessToken": token, "expiresIn": 7200, "ea": ea
            })))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/cgi/er/enterpriseRelation/getMapperObjectId"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"errorCode": 0})))
            .expect(0)
            .mount(&server)
            .await;
        let client = fxiaoke::Client::builder()
            .base_url(server.uri())
            .timeout(CALL_TIMEOUT)
            .app_credentials(
                AppCredentials::new("FSAID_1", "APP-SECRET", "CODE"),
                Operator::new().user_id("1000"),
            )
            .build()
            .expect("client builds");
        let error = client
            .get_mapper_object_id(&mapper())
            .await
            .expect_err("the fetched value is unusable");
        let text = error.to_string();
        assert!(matches!(error, Error::TokenFetch { .. }), "{error:?}");
        assert!(
            text.contains(op.name)
                && text.contains(op.path)
                && text.contains(&format!("`{field}`")),
            "{text}"
        );
        assert!(text.contains("HTTP header"), "{text}");
        assert!(!error.is_local(), "the vendor's answer: {error}");
        common::assert_error_hides(&error, &[MARK, "TOKEN-OK", "APP-SECRET"]);
        server.verify().await;
    }
}
