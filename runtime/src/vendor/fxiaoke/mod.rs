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
//! Answers use the `errorCode` envelope the generated crate declares: `errorCode == 0` is
//! success, whatever the HTTP status says. With app credentials ([`Credentials::from_app`])
//! the protocol fetches each scheme's token itself ([`REFRESH_POLICY`]) and fetches it again
//! once when the vendor says it expired ([`is_token_expired`]); [`THROTTLING_CODES`] and
//! [`BUSY_CODES`] are what it tells the client's retry rules.
//!
//! The files, each using only those before it: `app` (the app's credentials and their
//! environment variables, [`ENV_VARS`]; the token fetch and [`REFRESH_POLICY`]),
//! `credentials` (tokens given in code, or the app's with one token cache per scheme), `given`
//! (what the pre-send check looks at), `app_token` (what a token endpoint's answer must
//! hold), `codes` (what the vendor's error codes mean), `tokens` (getting and forgetting a
//! call's token).
//!
//! ```no_run
//! # async fn demo() -> Result<(), bindery_runtime::Error> {
//! use bindery_runtime::{Client, fxiaoke};
//!
//! let client = Client::builder(fxiaoke::Fxiaoke, "https://open.fxiaoke.com")
//!     .credentials(fxiaoke::Credentials::new().with_access_token("token", "ea-1", "1000"))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde_json::Value;

use crate::Client;
use crate::client::{CredentialsFuture, Outgoing, Protocol};
use crate::error::Error;
use crate::operation::{AuthKind, Operation};
use crate::retry::CodeClass;
use crate::wire::Secret;

mod app;
mod app_token;
mod codes;
mod credentials;
mod given;
mod tokens;

pub use app::{AppCredentials, ENV_VARS, FetchToken, REFRESH_POLICY, TokenFuture};
pub use codes::{
    ACCESS_TOKEN_EXPIRED, BUSY_CODES, CORP_ACCESS_TOKEN_EXPIRED, THROTTLING_CODES, is_token_expired,
};
pub use credentials::{Credentials, Operator};

/// The Fxiaoke protocol (stateless; all settings live in [`Credentials`]).
#[derive(Clone, Debug, Default)]
pub struct Fxiaoke;

/// The query parameters [`Fxiaoke`] adds to every request itself (a fresh `thirdTraceId`
/// per attempt); a spec does not declare them, and codegen's messages say so.
pub const ADDED_QUERY: &[&str] = &[TRACE_ID_PARAM];

/// The query parameter that carries a fresh UUID per attempt.
const TRACE_ID_PARAM: &str = "thirdTraceId";

impl Protocol for Fxiaoke {
    type Credentials = Credentials;

    fn classify(&self, code: &str) -> Option<CodeClass> {
        codes::classify(code)
    }

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
        crate::credentials::check_given(op.name, &given::given(op.auth, c))
    }

    fn prepare(
        &self,
        op: &Operation,
        request: &mut Outgoing<'_>,
        credentials: Option<&Credentials>,
        _now: SystemTime,
    ) -> Result<(), Error> {
        request.append_query(TRACE_ID_PARAM, &uuid::Uuid::new_v4().to_string());
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
