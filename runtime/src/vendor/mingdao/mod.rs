//! Mingdao (明道云) enterprise authorization API.
//!
//! Every authorised call carries `appKey`, `sign`, `timestamp` (milliseconds,
//! a JSON number, the value that was signed) and `projectId`: beside the
//! request's fields in the JSON body for `POST`, in the query for `GET`.
//! See [`sign`] for the signature. Mingdao documents no throttling code, so the protocol
//! classifies none (only HTTP-level failures are retried).
//!
//! ```no_run
//! # fn demo() -> Result<(), bindery_runtime::Error> {
//! use bindery_runtime::{Client, mingdao};
//!
//! let client = Client::builder(mingdao::Mingdao, "https://api.mingdao.com/generalintegrate")
//!     .credentials(mingdao::Credentials::new("app-key", "secret-key", "project-id"))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

use std::time::SystemTime;

use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde_json::Value;

use crate::client::{Outgoing, Protocol};
use crate::credentials::Given;
use crate::error::Error;
use crate::operation::{AuthKind, Operation};

mod credentials;
mod sign;

use credentials::{APP_KEY_VAR, PROJECT_ID_VAR, SECRET_KEY_VAR};
pub use credentials::{Credentials, ENV_VARS};
pub use sign::sign;
use sign::unix_millis;

/// The Mingdao protocol (stateless; all settings live in [`Credentials`]).
#[derive(Clone, Debug, Default)]
pub struct Mingdao;

impl Protocol for Mingdao {
    type Credentials = Credentials;

    fn secret_values<'c>(&self, credentials: &'c Credentials) -> Vec<&'c str> {
        vec![credentials.secret_key.expose()]
    }

    fn check_credentials(
        &self,
        op: &Operation,
        credentials: Option<&Credentials>,
    ) -> Result<(), String> {
        match (op.auth, credentials) {
            (None, _) => Ok(()),
            (Some(AuthKind::MingdaoSign), Some(c)) => crate::credentials::check_given(
                op.name,
                // All three go in the body or the query (encoded), none in a header.
                &[
                    Given::new("app key", &c.source, Some(APP_KEY_VAR), None, &c.app_key),
                    Given::new(
                        "secret key",
                        &c.source,
                        Some(SECRET_KEY_VAR),
                        None,
                        c.secret_key.expose(),
                    ),
                    Given::new(
                        "project id",
                        &c.source,
                        Some(PROJECT_ID_VAR),
                        None,
                        &c.project_id,
                    ),
                ],
            ),
            (Some(AuthKind::MingdaoSign), None) => Err(format!(
                "operation `{}` needs an app key, secret key and project id (mingdao::Credentials::new)",
                op.name
            )),
            (Some(other), _) => Err(format!(
                "operation `{}` uses {other:?} auth, which the Mingdao protocol does not provide",
                op.name
            )),
        }
    }

    fn prepare(
        &self,
        op: &Operation,
        request: &mut Outgoing<'_>,
        credentials: Option<&Credentials>,
        now: SystemTime,
    ) -> Result<(), Error> {
        if request.json.is_some() {
            request
                .headers
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        if let (Some(AuthKind::MingdaoSign), Some(creds)) = (op.auth, credentials) {
            let timestamp = unix_millis(now);
            let signature = sign(&creds.app_key, creds.secret_key.expose(), timestamp);
            request.set_param("appKey", Value::String(creds.app_key.clone()));
            request.set_param("sign", Value::String(signature));
            request.set_param("timestamp", Value::from(timestamp));
            request.set_param("projectId", Value::String(creds.project_id.clone()));
        }
        Ok(())
    }
}
