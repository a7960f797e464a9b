//! Fxiaoke's credentials: tokens given in code, or the app's credentials (from code or the
//! environment) that the protocol fetches each scheme's token with.

use std::fmt;

use super::tokens::{FetchToken, REFRESH_POLICY};
use crate::credentials::{self, Source, env_var};
use crate::error::Error;
use crate::token::TokenCache;
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

/// Tokens for either or both auth schemes, given directly or fetched with the app's
/// credentials ([`Credentials::from_app`]). `Debug` shows ids, never tokens.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    pub(super) header: Option<HeaderScheme>,
    pub(super) body: Option<BodyScheme>,
    pub(super) app: Option<AppAuth>,
}

/// Who acts in calls made with app credentials.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Operator {
    pub(super) user_id: Option<String>,
    pub(super) open_user_id: Option<String>,
}

impl Operator {
    /// Nobody yet; set what the schemes you call need.
    pub fn new() -> Self {
        Self::default()
    }

    /// The CRM employee id sent as `x-fs-userid` by the header scheme (e.g. `"1000"`).
    #[must_use]
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = Some(user_id.into());
        self
    }

    /// The open user id sent as `currentOpenUserId` by the body scheme (`FSUID_…`).
    #[must_use]
    pub fn open_user_id(mut self, open_user_id: impl Into<String>) -> Self {
        self.open_user_id = Some(open_user_id.into());
        self
    }
}

/// App credentials with one token cache per scheme; clones of the credentials (and so of
/// the client) share the caches.
#[derive(Clone)]
pub(super) struct AppAuth {
    pub(super) app: AppCredentials,
    pub(super) operator: Operator,
    pub(super) fetch: FetchToken,
    pub(super) header: TokenCache,
    pub(super) body: TokenCache,
}

impl fmt::Debug for AppAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppAuth")
            .field("app", &self.app)
            .field("operator", &self.operator)
            .field("header_token_fetches", &self.header.fetch_count())
            .field("body_token_fetches", &self.body.fetch_count())
            .finish()
    }
}

#[derive(Clone, Debug)]
pub(super) struct HeaderScheme {
    pub(super) access_token: Secret,
    pub(super) ea: String,
    pub(super) user_id: String,
    /// The token's [generation](Token::generation) when it came from the app's
    /// cache (0 for a token given in code): what an "expired" answer invalidates.
    pub(super) generation: u64,
}

#[derive(Clone, Debug)]
pub(super) struct BodyScheme {
    pub(super) corp_access_token: Secret,
    pub(super) corp_id: String,
    pub(super) current_open_user_id: String,
    /// As [`HeaderScheme::generation`].
    pub(super) generation: u64,
}

impl Credentials {
    /// No credentials yet; add a scheme with the `with_*` methods. An empty (or
    /// blank) value of the scheme an operation uses (token, ids, app credentials,
    /// operator), or a value sent in an HTTP header (the header scheme's token,
    /// `ea` and user id) that is not visible ASCII, is refused with
    /// [`Error::Credentials`] naming it and where it came from before a call
    /// sends anything, token fetches included. A fetched token (or `ea` /
    /// `corpId`) that is empty, or unsendable in its header, fails the fetch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Header scheme: `accessToken` from `/oauth2.0/token`, the enterprise
    /// account `ea`, and the acting CRM employee id (e.g. `"1000"`).
    pub fn with_access_token(
        mut self,
        access_token: impl Into<Secret>,
        ea: impl Into<String>,
        user_id: impl Into<String>,
    ) -> Self {
        self.header = Some(HeaderScheme {
            access_token: access_token.into(),
            ea: ea.into(),
            user_id: user_id.into(),
            generation: 0,
        });
        self
    }

    /// Body scheme: `corpAccessToken` and `corpId` from
    /// `/cgi/corpAccessToken/get/V2`, and the acting user's open id (`FSUID_…`).
    pub fn with_corp_access_token(
        mut self,
        corp_access_token: impl Into<Secret>,
        corp_id: impl Into<String>,
        current_open_user_id: impl Into<String>,
    ) -> Self {
        self.body = Some(BodyScheme {
            corp_access_token: corp_access_token.into(),
            corp_id: corp_id.into(),
            current_open_user_id: current_open_user_id.into(),
            generation: 0,
        });
        self
    }

    /// Whether header-scheme credentials are set.
    pub fn has_access_token(&self) -> bool {
        self.header.is_some()
    }

    /// Whether body-scheme credentials are set.
    pub fn has_corp_access_token(&self) -> bool {
        self.body.is_some()
    }

    /// Tokens fetched with the app's credentials: `fetch` gets each scheme's token when a
    /// call first needs it; the token is cached (one fetch at a time, shared by all
    /// concurrent calls and clones), refreshed inside the vendor's window
    /// ([`REFRESH_POLICY`](super::REFRESH_POLICY)), and fetched again once when the vendor
    /// answers [`CORP_ACCESS_TOKEN_EXPIRED`](super::CORP_ACCESS_TOKEN_EXPIRED) or
    /// [`ACCESS_TOKEN_EXPIRED`](super::ACCESS_TOKEN_EXPIRED).
    pub fn from_app(app: AppCredentials, operator: Operator, fetch: FetchToken) -> Self {
        Self {
            header: None,
            body: None,
            app: Some(AppAuth {
                app,
                operator,
                fetch,
                header: TokenCache::new(REFRESH_POLICY),
                body: TokenCache::new(REFRESH_POLICY),
            }),
        }
    }

    /// How many tokens have been fetched with app credentials (both schemes).
    pub fn token_fetches(&self) -> u64 {
        self.app
            .as_ref()
            .map_or(0, |a| a.header.fetch_count() + a.body.fetch_count())
    }
}

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
mod tests {
    use super::*;

    #[test]
    fn credentials_debug_hides_tokens() {
        let c = Credentials::new()
            .with_access_token("AT-SECRET", "ea-1", "1000")
            .with_corp_access_token(String::from("CAT-SECRET"), "corp-1", "FSUID_1");
        let text = format!("{c:?}");
        assert!(
            !text.contains("AT-SECRET") && !text.contains("CAT-SECRET"),
            "{text}"
        );
        assert!(text.contains("ea-1") && text.contains("corp-1"), "{text}");
        assert!(c.has_access_token() && c.has_corp_access_token());
        assert!(!Credentials::new().has_access_token());
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
