//! Fxiaoke (纷享销客) open platform: Enterprise Connect and CRM V2.
//!
//! Every call is a JSON `POST` with a fresh `?thirdTraceId=<UUID v4>` (the
//! vendor traces requests by it). Two auth schemes, chosen per operation:
//!
//! * [`AuthKind::FxiaokeHeader`]: headers `authorization: Bearer <accessToken>`,
//!   `x-fs-ea` and `x-fs-userid` ([`Credentials::with_access_token`]);
//! * [`AuthKind::FxiaokeBody`] (legacy, CRM V2): top-level body fields
//!   `corpAccessToken`, `corpId`, `currentOpenUserId`
//!   ([`Credentials::with_corp_access_token`]).
//!
//! Answers use [`ENVELOPE`]: `errorCode == 0` is success, whatever the HTTP status says.
//!
//! ```no_run
//! # async fn demo() -> Result<(), bindery_runtime::Error> {
//! use bindery_runtime::{Client, fxiaoke};
//!
//! let client = Client::builder(fxiaoke::Fxiaoke, fxiaoke::DEFAULT_BASE_URL)
//!     .credentials(fxiaoke::Credentials::new().with_access_token("token", "ea-1", "1000"))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde_json::Value;

use crate::client::{Client, CredentialsFuture, Outgoing, Protocol};
use crate::credentials::{self, Source};
use crate::error::Error;
use crate::operation::{AuthKind, Envelope, Operation};
use crate::token::{RefreshPolicy, Token, TokenCache};
use crate::wire::Secret;

mod app_token;
mod given;

/// The public gateway. Private deployments (e.g. `https://open.71360.com`) serve the same paths.
pub const DEFAULT_BASE_URL: &str = "https://open.fxiaoke.com";

/// Fxiaoke's envelope: `{errorCode, errorMessage, traceId, ...result fields}`.
pub const ENVELOPE: Envelope = Envelope {
    code: "errorCode",
    success: Some(0),
    message: "errorMessage",
    request_id: Some("traceId"),
    result: None,
};

/// The error code for a missing or expired `corpAccessToken`: refresh the token and retry once.
pub const CORP_ACCESS_TOKEN_EXPIRED: &str = "20016";

/// The error code for a missing or expired `accessToken` (header scheme).
pub const ACCESS_TOKEN_EXPIRED: &str = "20005";

/// The Fxiaoke protocol (stateless; all settings live in [`Credentials`]).
#[derive(Clone, Debug, Default)]
pub struct Fxiaoke;

/// Tokens for either or both auth schemes, given directly or fetched with the app's
/// credentials ([`Credentials::from_app`]). `Debug` shows ids, never tokens.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    header: Option<HeaderScheme>,
    body: Option<BodyScheme>,
    app: Option<AppAuth>,
}

/// A future that resolves to a freshly fetched token.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<Token, Error>> + Send>>;

/// Fetches the token of one auth scheme with the app's credentials, through `client` (the
/// generated code supplies it: it calls the scheme's generated token endpoint). The token's
/// `fields` carry `ea` (header scheme) or `corpId` (body scheme).
pub type FetchToken = fn(Client<Fxiaoke>, AppCredentials, AuthKind) -> TokenFuture;

/// Who acts in calls made with app credentials.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Operator {
    user_id: Option<String>,
    open_user_id: Option<String>,
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
struct AppAuth {
    app: AppCredentials,
    operator: Operator,
    fetch: FetchToken,
    header: TokenCache,
    body: TokenCache,
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
struct HeaderScheme {
    access_token: Secret,
    ea: String,
    user_id: String,
    /// The token's [generation](Token::generation) when it came from the app's
    /// cache (0 for a token given in code): what an "expired" answer invalidates.
    generation: u64,
}

#[derive(Clone, Debug)]
struct BodyScheme {
    corp_access_token: Secret,
    corp_id: String,
    current_open_user_id: String,
    /// As [`HeaderScheme::generation`].
    generation: u64,
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
    /// ([`RefreshPolicy::FXIAOKE`]), and fetched again once when the vendor answers
    /// [`CORP_ACCESS_TOKEN_EXPIRED`] or [`ACCESS_TOKEN_EXPIRED`].
    pub fn from_app(app: AppCredentials, operator: Operator, fetch: FetchToken) -> Self {
        Self {
            header: None,
            body: None,
            app: Some(AppAuth {
                app,
                operator,
                fetch,
                header: TokenCache::new(RefreshPolicy::FXIAOKE),
                body: TokenCache::new(RefreshPolicy::FXIAOKE),
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

impl Fxiaoke {
    /// The credentials a call of `op` is prepared with: the configured ones, with the
    /// scheme's token fetched (or taken from the cache) when they are app credentials.
    async fn resolve_credentials(
        client: &Client<Fxiaoke>,
        op: &Operation,
    ) -> Result<Option<Credentials>, Error> {
        let Some(credentials) = client.credentials() else {
            return Ok(None);
        };
        let Some(app) = &credentials.app else {
            return Ok(Some(credentials.clone()));
        };
        let missing = |what: &str| Error::Credentials {
            provider: op.provider,
            message: format!("operation `{}` needs {what}", op.name),
        };
        let mut resolved = credentials.clone();
        match op.auth {
            Some(AuthKind::FxiaokeHeader) if credentials.header.is_none() => {
                let user_id = app
                    .operator
                    .user_id
                    .clone()
                    .ok_or_else(|| missing("the acting employee id (Operator::user_id)"))?;
                let endpoint = &app_token::ACCESS_TOKEN;
                let token = app
                    .header
                    .get(|| {
                        endpoint.checked((app.fetch)(
                            client.clone(),
                            app.app.clone(),
                            AuthKind::FxiaokeHeader,
                        ))
                    })
                    .await?;
                let ea = token
                    .field(endpoint.field)
                    .ok_or_else(|| missing("an `ea` from the token endpoint"))?
                    .to_owned();
                resolved.header = Some(HeaderScheme {
                    generation: token.generation(),
                    access_token: token.value,
                    ea,
                    user_id,
                });
            }
            Some(AuthKind::FxiaokeBody) if credentials.body.is_none() => {
                let current_open_user_id =
                    app.operator.open_user_id.clone().ok_or_else(|| {
                        missing("the acting open user id (Operator::open_user_id)")
                    })?;
                let endpoint = &app_token::CORP_ACCESS_TOKEN;
                let token = app
                    .body
                    .get(|| {
                        endpoint.checked((app.fetch)(
                            client.clone(),
                            app.app.clone(),
                            AuthKind::FxiaokeBody,
                        ))
                    })
                    .await?;
                let corp_id = token
                    .field(endpoint.field)
                    .ok_or_else(|| missing("a `corpId` from the token endpoint"))?
                    .to_owned();
                resolved.body = Some(BodyScheme {
                    generation: token.generation(),
                    corp_access_token: token.value,
                    corp_id,
                    current_open_user_id,
                });
            }
            _ => {}
        }
        Ok(Some(resolved))
    }

    /// After `error`: whether the token `used` came from the app's cache and the vendor said
    /// it expired. Then it is forgotten, so the next resolve fetches a new one.
    async fn forget_expired(
        op: &Operation,
        configured: Option<&Credentials>,
        used: Option<&Credentials>,
        error: &Error,
    ) -> bool {
        let (Some(app), Some(used)) = (configured.and_then(|c| c.app.as_ref()), used) else {
            return false;
        };
        if !is_token_expired(error) {
            return false;
        }
        match op.auth {
            Some(AuthKind::FxiaokeHeader) if configured.is_some_and(|c| c.header.is_none()) => {
                match &used.header {
                    Some(header) => {
                        app.header.invalidate_generation(header.generation).await;
                        true
                    }
                    None => false,
                }
            }
            Some(AuthKind::FxiaokeBody) if configured.is_some_and(|c| c.body.is_none()) => {
                match &used.body {
                    Some(body) => {
                        app.body.invalidate_generation(body.generation).await;
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        }
    }
}

/// What the token endpoints (`/oauth2.0/token`, `/cgi/corpAccessToken/get/V2`)
/// need: the app's id and secret and the enterprise's permanent code.
/// `Debug` shows the app id only.
#[derive(Clone)]
pub struct AppCredentials {
    app_id: String,
    app_secret: Secret,
    permanent_code: Secret,
    /// Where the values came from.
    source: Source,
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
    /// `FXIAOKE_PERMANENT_CODE` (all required) from the process environment.
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
                credentials::required_var(PROVIDER, &lookup, "FXIAOKE_APP_ID")?,
                credentials::required_var(PROVIDER, &lookup, "FXIAOKE_APP_SECRET")?,
                credentials::required_var(PROVIDER, &lookup, "FXIAOKE_PERMANENT_CODE")?,
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

/// Whether `error` is Fxiaoke's "token missing or expired" answer:
/// [`CORP_ACCESS_TOKEN_EXPIRED`] (`20016`, body scheme) or
/// [`ACCESS_TOKEN_EXPIRED`] (`20005`, header scheme). Such a call should be
/// retried once with a fresh token; pass this to
/// [`with_token_retry`](crate::token::with_token_retry).
pub fn is_token_expired(error: &Error) -> bool {
    matches!(
        error.vendor_code(),
        Some(CORP_ACCESS_TOKEN_EXPIRED | ACCESS_TOKEN_EXPIRED)
    )
}

impl Protocol for Fxiaoke {
    type Credentials = Credentials;

    fn secret_values<'c>(&self, credentials: &'c Credentials) -> Vec<&'c str> {
        let header = credentials.header.iter().map(|h| &h.access_token);
        let body = credentials.body.iter().map(|b| &b.corp_access_token);
        let app = credentials
            .app
            .iter()
            .flat_map(|a| [&a.app.app_secret, &a.app.permanent_code]);
        header.chain(body).chain(app).map(Secret::expose).collect()
    }

    fn held_secret_values(&self, credentials: &Credentials) -> Vec<Secret> {
        // Both schemes' tokens: a vendor may repeat either in any call's answer.
        credentials
            .app
            .iter()
            .flat_map(|a| {
                let mut values = a.header.issued_values();
                values.extend(a.body.issued_values());
                values
            })
            .collect()
    }

    fn resolve<'a>(
        &'a self,
        client: &'a Client<Self>,
        op: &'static Operation,
    ) -> CredentialsFuture<'a, Credentials> {
        Box::pin(Fxiaoke::resolve_credentials(client, op))
    }

    fn forget<'a>(
        &'a self,
        client: &'a Client<Self>,
        op: &'static Operation,
        used: Option<&'a Credentials>,
        error: &'a Error,
    ) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>> {
        Box::pin(Fxiaoke::forget_expired(
            op,
            client.credentials(),
            used,
            error,
        ))
    }

    fn check_credentials(
        &self,
        op: &Operation,
        credentials: Option<&Credentials>,
    ) -> Result<(), String> {
        let (present, needed) = match op.auth {
            None => return Ok(()),
            Some(AuthKind::FxiaokeHeader) => (
                credentials.is_some_and(|c| {
                    c.header.is_some()
                        || c.app.as_ref().is_some_and(|a| a.operator.user_id.is_some())
                }),
                "an access token (Credentials::with_access_token), or app credentials with the \
                 acting employee id (Operator::user_id)",
            ),
            Some(AuthKind::FxiaokeBody) => (
                credentials.is_some_and(|c| {
                    c.body.is_some()
                        || c.app
                            .as_ref()
                            .is_some_and(|a| a.operator.open_user_id.is_some())
                }),
                "a corp access token (Credentials::with_corp_access_token), or app credentials \
                 with the acting open user id (Operator::open_user_id)",
            ),
            Some(other) => {
                return Err(format!(
                    "operation `{}` uses {other:?} auth, which the Fxiaoke protocol does not provide",
                    op.name
                ));
            }
        };
        if !present {
            return Err(format!("operation `{}` needs {needed}", op.name));
        }
        // Present: what the operation's scheme will send must be usable.
        let Some(c) = credentials else {
            return Ok(());
        };
        credentials::check_given(op.name, &given::given(op.auth, c))
    }

    fn prepare(
        &self,
        op: &Operation,
        request: &mut Outgoing,
        credentials: Option<&Credentials>,
        _now: SystemTime,
    ) -> Result<(), Error> {
        request.append_query("thirdTraceId", &uuid::Uuid::new_v4().to_string());
        let bad_header = |what: &str| Error::Credentials {
            provider: op.provider,
            message: format!("{what} cannot be sent in an HTTP header"),
        };
        request
            .headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        match op.auth {
            Some(AuthKind::FxiaokeHeader) => {
                if let Some(header) = credentials.and_then(|c| c.header.as_ref()) {
                    let bearer = format!("Bearer {}", header.access_token.expose());
                    request
                        .set_header("authorization", &bearer, true)
                        .map_err(|_| bad_header("the access token"))?;
                    request
                        .set_header("x-fs-ea", &header.ea, false)
                        .map_err(|_| bad_header("the enterprise account (ea)"))?;
                    request
                        .set_header("x-fs-userid", &header.user_id, false)
                        .map_err(|_| bad_header("the user id"))?;
                }
            }
            Some(AuthKind::FxiaokeBody) => {
                if let Some(body) = credentials.and_then(|c| c.body.as_ref()) {
                    // The client's credentials win over same-named request fields.
                    request.set_param(
                        "corpAccessToken",
                        Value::String(body.corp_access_token.expose().to_owned()),
                    );
                    request.set_param("corpId", Value::String(body.corp_id.clone()));
                    request.set_param(
                        "currentOpenUserId",
                        Value::String(body.current_open_user_id.clone()),
                    );
                }
            }
            // check_credentials rejected other kinds; `None` adds nothing.
            _ => {}
        }
        Ok(())
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
    use crate::VendorError;
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

    #[test]
    fn token_expired_codes() {
        let vendor = |code: &str| {
            Error::from(VendorError {
                provider: "fxiaoke",
                operation: "query",
                code: code.to_owned(),
                message: "m".to_owned(),
                request_id: None,
                http_status: 200,
            })
        };
        assert!(is_token_expired(&vendor("20016")));
        assert!(is_token_expired(&vendor("20005")));
        assert!(!is_token_expired(&vendor("20006")));
        assert!(!is_token_expired(&Error::Config {
            message: "20016".to_owned()
        }));
    }
}
