//! Empty explicit credentials never reach the wire: every generated client given an empty (or
//! whitespace-only) credential fails with `Error::Credentials` naming which credential is
//! empty and where it really came from (the code that built it, the environment variable or
//! the profile file key), and the local server receives nothing — not the call, not a token
//! fetch.

use bindery::Error;
use bindery::fxiaoke::crm::{DataGetRequest, GetData};
use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::types::MapperObjectApiName;
use bindery::mingdao::user::GetUserRelationsRequest;
use bindery::runtime::fxiaoke::{AppCredentials, Operator};
use bindery::{fxiaoke, mingdao, tencent_ess};
use wiremock::MockServer;

use crate::common;
use crate::common::CALL_TIMEOUT;

/// `error` is `Error::Credentials` of `provider` whose message names each of `names`.
fn assert_credentials_error(error: &Error, provider: &str, names: &[&str]) {
    match error {
        Error::Credentials {
            provider: actual,
            message,
        } => {
            assert_eq!(*actual, provider, "{error}");
            assert!(message.contains("cannot be authorised: "), "{message}");
            for name in names {
                assert!(message.contains(name), "{name} not named in: {message}");
            }
        }
        other => panic!("expected Error::Credentials, got {other:?}"),
    }
    assert!(error.is_local(), "{error}");
}

#[tokio::test]
async fn tencent_empty_secret_id_key_or_token_is_refused_before_io() {
    let server = common::silent_server().await;
    let cases = [
        (
            tencent_ess::Credentials::new("", ""),
            vec![
                "empty SecretId (given in code to `Credentials::new`)",
                "empty SecretKey (given in code to `Credentials::new`)",
            ],
        ),
        (
            tencent_ess::Credentials::new("AKIDtest", " \t"),
            vec!["empty SecretKey (given in code to `Credentials::new`)"],
        ),
        (
            tencent_ess::Credentials::new("AKIDtest", "SECRET-KEY").with_token(""),
            vec!["empty session token (given in code to `Credentials::with_token`)"],
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
            .bind_employee_user_id_with_client_open_id(&common::tencent_bind_request())
            .await
            .expect_err("empty credentials must not be sent");
        assert_credentials_error(&error, "tencent_ess", &names);
        assert!(!error.to_string().contains("environment"), "{error}");
        common::assert_error_hides(&error, &["SECRET-KEY"]);
        if names.len() == 1 && names[0].starts_with("SecretKey") {
            assert!(!error.to_string().contains("SecretId"), "{error}");
        }
    }
    common::assert_nothing_received(&server).await;
}

#[tokio::test]
async fn mingdao_empty_app_key_secret_key_or_project_is_refused_before_io() {
    let server = common::silent_server().await;
    let request = GetUserRelationsRequest::new(vec!["u1".to_owned()]);
    for (credentials, names) in [
        (
            mingdao::Credentials::new("", "", ""),
            vec![
                "empty app key (given in code to `Credentials::new`)",
                "empty secret key (given in code to `Credentials::new`)",
                "empty project id (given in code to `Credentials::new`)",
            ],
        ),
        (
            mingdao::Credentials::new("APPKEY", "", "PROJECT"),
            vec!["empty secret key (given in code to `Credentials::new`)"],
        ),
        (
            mingdao::Credentials::new("APPKEY", "SECRET-KEY", " "),
            vec!["empty project id (given in code to `Credentials::new`)"],
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
        assert!(!error.to_string().contains("environment"), "{error}");
        common::assert_error_hides(&error, &["SECRET-KEY"]);
    }
    common::assert_nothing_received(&server).await;
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
            vec!["empty access token (given in code to `Credentials::with_access_token`)"],
        ),
        (
            fxiaoke::Credentials::new().with_access_token("TOKEN", "", ""),
            vec!["ea", "user id"],
        ),
    ] {
        let error = common::fxiaoke_client(&server, credentials)
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
            vec![
                "empty corp access token (given in code to `Credentials::with_corp_access_token`)",
            ],
        ),
        (
            fxiaoke::Credentials::new().with_corp_access_token("TOKEN", "", ""),
            vec!["corp id", "current open user id"],
        ),
    ] {
        let error = common::fxiaoke_client(&server, credentials)
            .data_get(&get)
            .await
            .expect_err("empty credentials must not be sent");
        assert_credentials_error(&error, "fxiaoke", &names);
    }
    // Only the scheme the operation uses is looked at and named.
    let mixed = fxiaoke::Credentials::new()
        .with_access_token("", "ea", "1000")
        .with_corp_access_token("", "CORP", "FSUID_1");
    let error = common::fxiaoke_client(&server, mixed)
        .data_get(&get)
        .await
        .expect_err("empty corp token");
    assert_credentials_error(&error, "fxiaoke", &["corp access token"]);
    assert!(!error.to_string().contains("empty access token"), "{error}");
    common::assert_nothing_received(&server).await;
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
        "empty app id (given in code to `AppCredentials::new`)",
        "empty app secret (given in code to `AppCredentials::new`)",
        "empty permanent code (given in code to `AppCredentials::new`)",
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
    assert_credentials_error(
        &error,
        "fxiaoke",
        &["empty operator user id (given in code to `Operator::user_id`)"],
    );
    let error = empty_operator
        .data_get(&get)
        .await
        .expect_err("empty operator open user id");
    assert_credentials_error(
        &error,
        "fxiaoke",
        &["empty operator open user id (given in code to `Operator::open_user_id`)"],
    );

    common::assert_nothing_received(&server).await;
}

// ---------------------------------------------------------------------------
// The source each error names is where the value really came from.

/// A profile file under the temp directory, removed on drop.
struct Profile(std::path::PathBuf);

impl Profile {
    fn with(name: &str, contents: &str) -> Self {
        let path = std::env::temp_dir().join(format!(
            "bindery-integration-{name}-{}.ini",
            std::process::id()
        ));
        std::fs::write(&path, contents).expect("temp dir is writable");
        Profile(path)
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A lookup over fixed pairs, standing in for the process environment.
fn env(pairs: &[(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let pairs = pairs.to_vec();
    move |name| {
        pairs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| (*value).to_owned())
    }
}

async fn tencent_error(server: &MockServer, credentials: tencent_ess::Credentials) -> Error {
    tencent_ess::Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
        .credentials(credentials)
        .build()
        .expect("client builds")
        .bind_employee_user_id_with_client_open_id(&common::tencent_bind_request())
        .await
        .expect_err("unusable credentials must not be sent")
}

#[tokio::test]
async fn tencent_errors_name_code_env_or_profile_as_the_source() {
    let server = common::silent_server().await;

    // Code: the reported bug — an empty SecretId given to `new` named an environment variable.
    let error = tencent_error(&server, tencent_ess::Credentials::new("", "SECRET-KEY")).await;
    assert_credentials_error(
        &error,
        "tencent_ess",
        &["empty SecretId (given in code to `Credentials::new`)"],
    );
    assert!(!error.to_string().contains("TENCENTCLOUD"), "{error}");

    // Environment: values are trimmed and blank ones refused when read, so what can still be
    // wrong is a character a header cannot carry; the error names the variable.
    let from_env = tencent_ess::Credentials::from_lookup(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKID\u{e9}-ENV"),
        ("TENCENTCLOUD_SECRET_KEY", "SECRET-KEY"),
        ("TENCENTCLOUD_SESSION_TOKEN", "TOKEN-\u{7}ENV"),
    ]))
    .expect("read");
    let error = tencent_error(&server, from_env).await;
    assert_credentials_error(
        &error,
        "tencent_ess",
        &[
            "SecretId (environment variable `TENCENTCLOUD_SECRET_ID`) holds a character",
            "session token (environment variable `TENCENTCLOUD_SESSION_TOKEN`) holds a character",
        ],
    );
    common::assert_error_hides(&error, &["-ENV", "SECRET-KEY"]);

    // A token added in code to credentials read from the environment is named as code.
    let mixed = tencent_ess::Credentials::from_lookup(env(&[
        ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
        ("TENCENTCLOUD_SECRET_KEY", "SECRET-KEY"),
    ]))
    .expect("read")
    .with_token(" ");
    let error = tencent_error(&server, mixed).await;
    assert_credentials_error(
        &error,
        "tencent_ess",
        &["empty session token (given in code to `Credentials::with_token`)"],
    );
    assert!(!error.to_string().contains("environment"), "{error}");

    // Profile file: the file, the section and the key.
    let profile = Profile::with(
        "tencent-profile",
        "[staging]\nsecret_id = AKID\u{4e2d}FILE\nsecret_key = SECRET-KEY\n",
    );
    let from_file =
        tencent_ess::Credentials::from_profile_file(&profile.0, "staging").expect("read");
    let error = tencent_error(&server, from_file).await;
    let key = format!(
        "SecretId (key `secret_id` in section `[staging]` of profile file `{}`) holds a character",
        profile.0.display()
    );
    assert_credentials_error(&error, "tencent_ess", &[key.as_str()]);
    common::assert_error_hides(&error, &["FILE", "SECRET-KEY"]);

    common::assert_nothing_received(&server).await;
}

#[tokio::test]
async fn mingdao_and_fxiaoke_errors_name_code_and_env_sources() {
    // Read from the environment: an empty variable is refused when read, naming it.
    let error = mingdao::Credentials::from_lookup(env(&[
        ("MINGDAO_APP_KEY", "APPKEY"),
        ("MINGDAO_SECRET_KEY", " "),
        ("MINGDAO_PROJECT_ID", "PROJECT"),
    ]))
    .expect_err("blank secret key");
    assert!(
        error.to_string().contains("`MINGDAO_SECRET_KEY` is empty"),
        "{error}"
    );
    let error =
        AppCredentials::from_lookup(env(&[("FXIAOKE_APP_ID", "FSAID_1")])).expect_err("no secret");
    assert!(
        error
            .to_string()
            .contains("`FXIAOKE_APP_SECRET` is not set"),
        "{error}"
    );

    // Given in code and empty at call time: named as code (see the tests above for every
    // field); read from the environment, complete credentials pass the check.
    let server = common::silent_server().await;
    let client = fxiaoke::Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT)
        .app_credentials(
            AppCredentials::new("FSAID_1", "", "CODE"),
            Operator::new().user_id("1000"),
        )
        .build()
        .expect("client builds");
    let error = client
        .get_mapper_object_id(&GetMapperObjectIdRequest::new(
            MapperObjectApiName::PartnerObj,
        ))
        .await
        .expect_err("empty app secret");
    assert_credentials_error(
        &error,
        "fxiaoke",
        &["empty app secret (given in code to `AppCredentials::new`)"],
    );
    assert!(!error.to_string().contains("FXIAOKE_APP_SECRET"), "{error}");
    common::assert_nothing_received(&server).await;
}
