//! Fxiaoke's credentials: tokens given in code, or the app's credentials (`app`) with the
//! fetch and the per-scheme token caches the protocol gets each scheme's token from.

use std::fmt;

use super::app::{AppCredentials, FetchToken, REFRESH_POLICY};
use crate::token::TokenCache;
use crate::wire::Secret;

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
    /// [`Error::Credentials`](crate::Error::Credentials) naming it and where it came
    /// from before a call sends anything, token fetches included. A fetched token (or
    /// `ea` / `corpId`) that is empty, or unsendable in its header, fails the fetch.
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
