//! Empty explicit credentials never reach the wire: every generated client given an empty (or
//! whitespace-only) credential fails with `Error::Credentials` naming which credential is
//! empty (and the environment variable the provider reads it from), and the local server
//! receives nothing — not the call, not a token fetch.

mod common;

use bindery::Error;
use bindery::fxiaoke::crm::{DataGetRequest, GetData};
use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::types::MapperObjectApiName;
use bindery::mingdao::user::GetUserRelationsRequest;
use bindery::runtime::fxiaoke::{AppCredentials, Operator};
use bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdRequest;
use bindery::tencent_ess::types::UserInfo;
use bindery::{fxiaoke, mingdao, tencent_ess};
use common::CALL_TIMEOUT;
use wiremock::MockServer;

/// `error` is `Error::Credentials` of `provider` whose message names each of `names`.
fn assert_credentials_error(error: &Error, provider: &str, names: &[&str]) {
    match error {
        Error::Credentials {
            provider: actual,
            message,
        } => {
            assert_eq!(*actual, provider, "{error}");
            assert!(message.contains("cannot be authorised: empty"), "{message}");
            for name in names {
                assert!(message.contains(name), "{name} not named in: {message}");
            }
        }
        other => panic!("expected Error::Credentials, got {other:?}"),
    }
    assert!(error.is_local(), "{error}");
}

async fn assert_nothing_received(server: &MockServer) {
    let received = common::received(server).await;
    assert!(
        received.is_empty(),
        "{} request(s) reached the server: {:?}",
        received.len(),
        received.iter().map(|r| r.url.path()).collect::<Vec<_>>()
    );
}

fn tencent_request() -> BindEmployeeUserIdWithClientOpenIdRequest {
    BindEmployeeUserIdWithClientOpenIdRequest::new(
        UserInfo::new().user_id("yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"),
        "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
        "n9527",
    )
}

#[tokio::test]
async fn tencent_empty_secret_id_key_or_token_is_refused_before_io() {
    let server = common::silent_server().await;
    let cases = [
        (
            tencent_ess::Credentials::new("", ""),
            vec![
                "SecretId (environment variable `TENCENTCLOUD_SECRET_ID`)",
                "SecretKey (environment variable `TENCENTCLOUD_SECRET_KEY`)",
            ],
        ),
        (
            tencent_ess::Credentials::new("AKIDtest", " \t"),
            vec!["SecretKey (environment variable `TENCENTCLOUD_SECRET_KEY`)"],
        ),
        (
            tencent_ess::Credentials::new("AKIDtest", "SECRET-KEY").with_token(""),
            vec!["session token (environment variable `TENCENTCLOUD_SESSION_TOKEN`)"],
        ),
    ];
    for (credentials, names) in cases {
        let client = tencent_ess::Client::builder()
            .base_url(server.uri())
            .timeout(CALL_TIMEOUT)
            .credentials(credentials)
            .build()
            .expect("client builds");
        let error = client
            .bind_employee_user_id_with_client_open_id(&tencent_request())
            .await
            .expect_err("empty credentials must not be sent");
        assert_credentials_error(&error, "tencent_ess", &names);
        common::assert_error_hides(&error, &["SECRET-KEY"]);
        if names.len() == 1 && names[0].starts_with("SecretKey") {
            assert!(!error.to_string().contains("SecretId"), "{error}");
        }
    }
    assert_nothing_received(&server).await;
}

#[tokio::test]
async fn mingdao_empty_app_key_secret_key_or_project_is_refused_before_io() {
    let server = common::silent_server().await;
    let request = GetUserRelationsRequest::new(vec!["u1".to_owned()]);
    for (credentials, names) in [
        (
            mingdao::Credentials::new("", "", ""),
            vec![
                "app key (environment variable `MINGDAO_APP_KEY`)",
                "secret key (environment variable `MINGDAO_SECRET_KEY`)",
                "project id (environment variable `MINGDAO_PROJECT_ID`)",
            ],
        ),
        (
            mingdao::Credentials::new("APPKEY", "", "PROJECT"),
            vec!["secret key (environment variable `MINGDAO_SECRET_KEY`)"],
        ),
        (
            mingdao::Credentials::new("APPKEY", "SECRET-KEY", " "),
            vec!["project id (environment variable `MINGDAO_PROJECT_ID`)"],
        ),
    ] {
        let client = mingdao::Client::builder()
            .base_url(server.uri())
            .timeout(CALL_TIMEOUT)
            .credentials(credentials)
            .build()
            .expect("client builds");
        let error = client
            .get_user_relations(&request)
            .await
            .expect_err("empty credentials must not be sent");
        assert_credentials_error(&error, "mingdao", &names);
        common::assert_error_hides(&error, &["SECRET-KEY"]);
    }
    assert_nothing_received(&server).await;
}

fn fxiaoke_client(server: &MockServer, credentials: fxiaoke::Credentials) -> fxiaoke::Client {
    fxiaoke::Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
        .credentials(credentials)
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn fxiaoke_empty_tokens_and_ids_are_refused_before_io() {
    let server = common::silent_server().await;
    let mapper = GetMapperObjectIdRequest::new(MapperObjectApiName::PartnerObj);
    let get = DataGetRequest::new(GetData::new("PaymentObj", "1"));

    // Header scheme.
    for (credentials, names) in [
        (
            fxiaoke::Credentials::new().with_access_token("", "ea", "1000"),
            vec!["access token"],
        ),
        (
            fxiaoke::Credentials::new().with_access_token("TOKEN", "", ""),
            vec!["ea", "user id"],
        ),
    ] {
        let error = fxiaoke_client(&server, credentials)
            .get_mapper_object_id(&mapper)
            .await
            .expect_err("empty credentials must not be sent");
        assert_credentials_error(&error, "fxiaoke", &names);
        assert!(error.to_string().contains("getMapperObjectId"), "{error}");
    }
    // Body scheme.
    for (credentials, names) in [
        (
            fxiaoke::Credentials::new().with_corp_access_token(" ", "CORP", "FSUID_1"),
            vec!["corp access token"],
        ),
        (
            fxiaoke::Credentials::new().with_corp_access_token("TOKEN", "", ""),
            vec!["corp id", "current open user id"],
        ),
    ] {
        let error = fxiaoke_client(&server, credentials)
            .data_get(&get)
            .await
            .expect_err("empty credentials must not be sent");
        assert_credentials_error(&error, "fxiaoke", &names);
    }
    // Only the scheme the operation uses is looked at and named.
    let mixed = fxiaoke::Credentials::new()
        .with_access_token("", "ea", "1000")
        .with_corp_access_token("", "CORP", "FSUID_1");
    let error = fxiaoke_client(&server, mixed)
        .data_get(&get)
        .await
        .expect_err("empty corp token");
    assert_credentials_error(&error, "fxiaoke", &["corp access token"]);
    assert!(!error.to_string().contains("empty access token"), "{error}");
    assert_nothing_received(&server).await;
}

#[tokio::test]
async fn fxiaoke_empty_app_credentials_fetch_no_token() {
    let server = common::silent_server().await;
    let mapper = GetMapperObjectIdRequest::new(MapperObjectApiName::PartnerObj);
    let get = DataGetRequest::new(GetData::new("PaymentObj", "1"));
    let app_client = |app: AppCredentials, operator: Operator| {
        fxiaoke::Client::builder()
            .base_url(server.uri())
            .timeout(CALL_TIMEOUT)
            .app_credentials(app, operator)
            .build()
            .expect("client builds")
    };

    let everything_empty = app_client(
        AppCredentials::new("", "", ""),
        Operator::new().user_id("1000").open_user_id("FSUID_1"),
    );
    let all = [
        "app id (environment variable `FXIAOKE_APP_ID`)",
        "app secret (environment variable `FXIAOKE_APP_SECRET`)",
        "permanent code (environment variable `FXIAOKE_PERMANENT_CODE`)",
    ];
    let error = everything_empty
        .get_mapper_object_id(&mapper)
        .await
        .expect_err("empty app credentials");
    assert_credentials_error(&error, "fxiaoke", &all);
    let error = everything_empty
        .data_get(&get)
        .await
        .expect_err("empty app credentials");
    assert_credentials_error(&error, "fxiaoke", &all);

    let no_code = app_client(
        AppCredentials::new("FSAID_1", "APP-SECRET", ""),
        Operator::new().user_id("1000"),
    );
    let error = no_code
        .get_mapper_object_id(&mapper)
        .await
        .expect_err("empty permanent code");
    assert_credentials_error(&error, "fxiaoke", &["permanent code"]);
    assert!(!error.to_string().contains("app secret"), "{error}");
    common::assert_error_hides(&error, &["APP-SECRET"]);

    let empty_operator = app_client(
        AppCredentials::new("FSAID_1", "APP-SECRET", "CODE"),
        Operator::new().user_id("").open_user_id(" "),
    );
    let error = empty_operator
        .get_mapper_object_id(&mapper)
        .await
        .expect_err("empty operator user id");
    assert_credentials_error(&error, "fxiaoke", &["operator user id (Operator::user_id)"]);
    let error = empty_operator
        .data_get(&get)
        .await
        .expect_err("empty operator open user id");
    assert_credentials_error(
        &error,
        "fxiaoke",
        &["operator open user id (Operator::open_user_id)"],
    );

    assert_nothing_received(&server).await;
}
