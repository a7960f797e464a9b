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

use std::time::SystemTime;

use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde_json::Value;

use crate::client::{Outgoing, Protocol};
use crate::error::Error;
use crate::operation::{AuthKind, Envelope, Operation};
use crate::wire::Secret;

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

/// Tokens for either or both auth schemes. `Debug` shows ids, never tokens.
#[derive(Clone, Debug, Default)]
pub struct Credentials {
    header: Option<HeaderScheme>,
    body: Option<BodyScheme>,
}

#[derive(Clone, Debug)]
struct HeaderScheme {
    access_token: Secret,
    ea: String,
    user_id: String,
}

#[derive(Clone, Debug)]
struct BodyScheme {
    corp_access_token: Secret,
    corp_id: String,
    current_open_user_id: String,
}

impl Credentials {
    /// No credentials yet; add a scheme with the `with_*` methods.
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
}

impl Protocol for Fxiaoke {
    type Credentials = Credentials;

    fn check_credentials(
        &self,
        op: &Operation,
        credentials: Option<&Credentials>,
    ) -> Result<(), String> {
        let (present, needed) = match op.auth {
            None => return Ok(()),
            Some(AuthKind::FxiaokeHeader) => (
                credentials.is_some_and(|c| c.header.is_some()),
                "an access token (Credentials::with_access_token)",
            ),
            Some(AuthKind::FxiaokeBody) => (
                credentials.is_some_and(|c| c.body.is_some()),
                "a corp access token (Credentials::with_corp_access_token)",
            ),
            Some(other) => {
                return Err(format!(
                    "operation `{}` uses {other:?} auth, which the Fxiaoke protocol does not provide",
                    op.name
                ));
            }
        };
        if present {
            Ok(())
        } else {
            Err(format!("operation `{}` needs {needed}", op.name))
        }
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
