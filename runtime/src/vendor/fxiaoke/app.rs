//! The app's credentials (from code or the environment) and what fetches tokens with them:
//! the fetch the generated code supplies and the vendor's refresh window. A leaf of the
//! vendor's modules: `credentials` keeps these in its caches, `tokens` runs the fetch.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use super::Fxiaoke;
use crate::Client;
use crate::credentials::{self, Source, env_var};
use crate::error::Error;
use crate::operation::AuthKind;
use crate::token::{RefreshPolicy, Token};
use crate::wire::Secret;

/// The environment variables [`AppCredentials::from_env`] reads, by the spec's credential
/// name (`credentials[].name` → `credentials[].env` in `api-spec/fxiaoke/provider.yaml`).
pub const ENV_VARS: &[(&str, &str)] = &[
    ("app_id", "FXIAOKE_APP_ID"),
    ("app_secret", "FXIAOKE_APP_SECRET"),
    ("permanent_code", "FXIAOKE_PERMANENT_CODE"),
];

pub(super) const APP_ID_VAR: &str = env_var(ENV_VARS, "app_id");
pub(super) const APP_SECRET_VAR: &str = env_var(ENV_VARS, "app_secret");
pub(super) const PERMANENT_CODE_VAR: &str = env_var(ENV_VARS, "permanent_code");

/// Fxiaoke's token rules: a token lives 7200 s; asked again within 6600 s of issue the
/// endpoint repeats it, after that it issues a new one. So a cached token is refreshed after
/// 6600 s, a lifetime of at most 7200 s is assumed, with the usual 60 s margin. Both schemes'
/// caches use it.
pub const REFRESH_POLICY: RefreshPolicy = RefreshPolicy {
    refresh_after: Duration::from_secs(6600),
    max_lifetime: Duration::from_secs(7200),
    expiry_margin: Duration::from_secs(60),
};

/// A future that resolves to a freshly fetched token.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<Token, Error>> + Send>>;

/// Fetches the token of one auth scheme with the app's credentials, through `client` (the
/// generated code supplies it: it calls the scheme's generated token endpoint). The token's
/// `fields` carry `ea` (header scheme) or `corpId` (body scheme).
pub type FetchToken = fn(Client<Fxiaoke>, AppCredentials, AuthKind) -> TokenFuture;

/// What the token endpoints (`/oauth2.0/token`, `/cgi/corpAccessToken/get/V2`)
/// need: the app's id and secret and the enterprise's permanent code.
/// `Debug` shows the app id only.
#[derive(Clone)]
pub struct AppCredentials {
    pub(super) app_id: String,
    pub(super) app_secret: Secret,
    pub(super) permanent_code: Secret,
    /// Where the values came from.
    pub(super) source: Source,
}

impl AppCredentials {
    /// App credentials from their parts.
    pub fn new(
        app_id: impl Into<String>,
        app_secret: impl Into<Secret>,
        permanent_code: impl Into<Secret>,
    ) -> Self {
        AppCredentials {
            app_id: app_id.into(),
            app_secret: app_secret.into(),
            permanent_code: permanent_code.into(),
            source: Source::Code("AppCredentials::new"),
        }
    }

    /// Reads `FXIAOKE_APP_ID`, `FXIAOKE_APP_SECRET` and
    /// `FXIAOKE_PERMANENT_CODE` (all required, see [`ENV_VARS`]) from the process environment.
    ///
    /// A missing or empty variable is an [`Error::Credentials`] naming it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(credentials::process_env)
    }

    /// [`from_env`](Self::from_env) reading variables through `lookup`
    /// instead of the process environment (for tests and custom sources).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        const PROVIDER: &str = "fxiaoke";
        Ok(AppCredentials {
            source: Source::Env,
            ..AppCredentials::new(
                credentials::required_var(PROVIDER, &lookup, APP_ID_VAR)?,
                credentials::required_var(PROVIDER, &lookup, APP_SECRET_VAR)?,
                credentials::required_var(PROVIDER, &lookup, PERMANENT_CODE_VAR)?,
            )
        })
    }

    /// The app id (`appId`).
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The app secret (`appSecret`).
    pub fn app_secret(&self) -> &Secret {
        &self.app_secret
    }

    /// The enterprise's permanent authorisation code (`permanentCode`).
    pub fn permanent_code(&self) -> &Secret {
        &self.permanent_code
    }
}

impl fmt::Debug for AppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppCredentials")
            .field("app_id", &self.app_id)
            .field("app_secret", &self.app_secret)
            .field("permanent_code", &self.permanent_code)
            .field("source", &self.source)
            .finish()
    }
}

#[cfg(test)]
mod credential_source_tests {
    use super::*;
    use crate::credentials::tests::lookup;

    fn message(error: Error) -> String {
        match error {
            Error::Credentials { provider, message } => {
                assert_eq!(provider, "fxiaoke");
                message
            }
            other => panic!("expected a credentials error, got {other}"),
        }
    }

    #[test]
    fn env_missing_and_empty_variables_are_named() {
        let missing = message(
            AppCredentials::from_lookup(lookup(&[("FXIAOKE_APP_ID", "FSAID_1")])).unwrap_err(),
        );
        assert_eq!(
            missing,
            "environment variable `FXIAOKE_APP_SECRET` is not set"
        );
        let empty = message(
            AppCredentials::from_lookup(lookup(&[
                ("FXIAOKE_APP_ID", "FSAID_1"),
                ("FXIAOKE_APP_SECRET", "APP-SECRET"),
                ("FXIAOKE_PERMANENT_CODE", ""),
            ]))
            .unwrap_err(),
        );
        assert_eq!(
            empty,
            "environment variable `FXIAOKE_PERMANENT_CODE` is empty"
        );
        assert!(!empty.contains("APP-SECRET"));
    }

    #[test]
    fn env_complete_debug_hides_secrets() {
        let c = AppCredentials::from_lookup(lookup(&[
            ("FXIAOKE_APP_ID", "FSAID_1"),
            ("FXIAOKE_APP_SECRET", "APP-SECRET"),
            ("FXIAOKE_PERMANENT_CODE", "PERM-CODE"),
        ]))
        .unwrap();
        assert_eq!(c.app_id(), "FSAID_1");
        assert_eq!(c.app_secret().expose(), "APP-SECRET");
        assert_eq!(c.permanent_code().expose(), "PERM-CODE");
        let text = format!("{c:?}");
        assert!(
            text.contains("FSAID_1") && !text.contains("APP-SECRET") && !text.contains("PERM-CODE"),
            "{text}"
        );
        let built = AppCredentials::new("id", String::from("s"), "p");
        assert_eq!(built.app_secret().expose(), "s");
    }
}
