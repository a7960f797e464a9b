//! Mingdao (明道云) enterprise authorization API.
//!
//! Every authorised call carries `appKey`, `sign`, `timestamp` (milliseconds,
//! a JSON number, the value that was signed) and `projectId`: beside the
//! request's fields in the JSON body for `POST`, in the query for `GET`.
//! See [`sign`] for the signature.
//!
//! ```no_run
//! # fn demo() -> Result<(), bindery_runtime::Error> {
//! use bindery_runtime::{Client, mingdao};
//!
//! let client = Client::builder(mingdao::Mingdao, mingdao::DEFAULT_BASE_URL)
//!     .credentials(mingdao::Credentials::new("app-key", "secret-key", "project-id"))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use reqwest::header::{CONTENT_TYPE, HeaderValue};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::client::{Outgoing, Protocol};
use crate::credentials::{self, Given, Source};
use crate::error::Error;
use crate::operation::{AuthKind, Envelope, Operation};
use crate::wire::Secret;

/// The SaaS people/organisation API. A private deployment serves it at
/// `{host}/generalintegrateapi`.
pub const DEFAULT_BASE_URL: &str = "https://api.mingdao.com/generalintegrate";

/// The v2 user and department envelope: `{code, message, data}`, `code == 1` on success.
pub const ENVELOPE: Envelope = Envelope {
    code: "code",
    success: Some(1),
    message: "message",
    request_id: None,
    result: None,
};

/// The reporting-line and v1 app envelope: `{success, error_code, error_msg}`,
/// `error_code == 1` on success.
pub const LEGACY_ENVELOPE: Envelope = Envelope {
    code: "error_code",
    success: Some(1),
    message: "error_msg",
    request_id: None,
    result: None,
};

/// The Mingdao protocol (stateless; all settings live in [`Credentials`]).
#[derive(Clone, Debug, Default)]
pub struct Mingdao;

/// App key, secret key and organisation. `Debug` hides the secret key.
#[derive(Clone, Debug)]
pub struct Credentials {
    app_key: String,
    secret_key: Secret,
    project_id: String,
    /// Where the values came from.
    source: Source,
}

impl Credentials {
    /// Credentials of an enterprise-authorised app for organisation `project_id`.
    /// An empty (or blank) value is refused with [`Error::Credentials`] naming
    /// it and where it came from (code or environment variable) before a call
    /// sends anything.
    pub fn new(
        app_key: impl Into<String>,
        secret_key: impl Into<Secret>,
        project_id: impl Into<String>,
    ) -> Self {
        Credentials {
            app_key: app_key.into(),
            secret_key: secret_key.into(),
            project_id: project_id.into(),
            source: Source::Code("Credentials::new"),
        }
    }

    /// The app key.
    pub fn app_key(&self) -> &str {
        &self.app_key
    }

    /// The organisation id.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }
}

impl Credentials {
    /// Reads `MINGDAO_APP_KEY`, `MINGDAO_SECRET_KEY` and `MINGDAO_PROJECT_ID`
    /// (all required) from the process environment.
    ///
    /// A missing or empty variable is an [`Error::Credentials`] naming it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(credentials::process_env)
    }

    /// [`from_env`](Self::from_env) reading variables through `lookup`
    /// instead of the process environment (for tests and custom sources).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        const PROVIDER: &str = "mingdao";
        Ok(Credentials {
            source: Source::Env,
            ..Credentials::new(
                credentials::required_var(PROVIDER, &lookup, "MINGDAO_APP_KEY")?,
                credentials::required_var(PROVIDER, &lookup, "MINGDAO_SECRET_KEY")?,
                credentials::required_var(PROVIDER, &lookup, "MINGDAO_PROJECT_ID")?,
            )
        })
    }
}

/// Mingdao's request signature: Base64 of the lowercase hex SHA-256 of
/// `AppKey=<appKey>&SecretKey=<secretKey>&Timestamp=<timestamp_ms>` (it is
/// the hex *text* that is Base64-encoded, giving 88 characters).
pub fn sign(app_key: &str, secret_key: &str, timestamp_ms: i64) -> String {
    let plain = format!("AppKey={app_key}&SecretKey={secret_key}&Timestamp={timestamp_ms}");
    let digest_hex = hex::encode(Sha256::digest(plain.as_bytes()));
    base64::engine::general_purpose::STANDARD.encode(digest_hex)
}

fn unix_millis(now: SystemTime) -> i64 {
    now.duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

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
            (Some(AuthKind::MingdaoSign), Some(c)) => credentials::check_given(
                op.name,
                // All three go in the body or the query (encoded), none in a header.
                &[
                    Given::new(
                        "app key",
                        &c.source,
                        Some("MINGDAO_APP_KEY"),
                        None,
                        &c.app_key,
                    ),
                    Given::new(
                        "secret key",
                        &c.source,
                        Some("MINGDAO_SECRET_KEY"),
                        None,
                        c.secret_key.expose(),
                    ),
                    Given::new(
                        "project id",
                        &c.source,
                        Some("MINGDAO_PROJECT_ID"),
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
        request: &mut Outgoing,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_known_answer() {
        let s = sign("ak", "sk", 1_618_837_301_125);
        assert_eq!(
            s,
            "ZjU2MjkyYTFkOWQyNzAwYTg0YzkyODE4NWFiMDQyMzU1MWFhOTMyYzAxZmVjMmQ0NmYyMDQyNGZjNzYyZDI0MA=="
        );
        assert_eq!(s.len(), 88);
    }

    #[test]
    fn credentials_debug_hides_secret_key() {
        let c = Credentials::new("ak-1", "SK-SECRET", "proj-1");
        let text = format!("{c:?}");
        assert!(!text.contains("SK-SECRET"), "{text}");
        assert!(text.contains("ak-1") && text.contains("proj-1"), "{text}");
        assert_eq!((c.app_key(), c.project_id()), ("ak-1", "proj-1"));
    }
}

#[cfg(test)]
mod credential_source_tests {
    use super::*;
    use crate::credentials::tests::lookup;

    fn message(error: Error) -> String {
        match error {
            Error::Credentials { provider, message } => {
                assert_eq!(provider, "mingdao");
                message
            }
            other => panic!("expected a credentials error, got {other}"),
        }
    }

    #[test]
    fn env_missing_and_empty_variables_are_named() {
        let missing = message(
            Credentials::from_lookup(lookup(&[
                ("MINGDAO_APP_KEY", "ak"),
                ("MINGDAO_SECRET_KEY", "SK-SECRET"),
            ]))
            .unwrap_err(),
        );
        assert_eq!(
            missing,
            "environment variable `MINGDAO_PROJECT_ID` is not set"
        );
        let empty = message(
            Credentials::from_lookup(lookup(&[
                ("MINGDAO_APP_KEY", "ak"),
                ("MINGDAO_SECRET_KEY", " "),
                ("MINGDAO_PROJECT_ID", "proj"),
            ]))
            .unwrap_err(),
        );
        assert_eq!(empty, "environment variable `MINGDAO_SECRET_KEY` is empty");
    }

    #[test]
    fn env_complete_hides_secret() {
        let c = Credentials::from_lookup(lookup(&[
            ("MINGDAO_APP_KEY", "ak-1"),
            ("MINGDAO_SECRET_KEY", "SK-SECRET"),
            ("MINGDAO_PROJECT_ID", "proj-1"),
        ]))
        .unwrap();
        assert_eq!((c.app_key(), c.project_id()), ("ak-1", "proj-1"));
        assert_eq!(c.secret_key.expose(), "SK-SECRET");
        let text = format!("{c:?}");
        assert!(!text.contains("SK-SECRET"), "{text}");
    }
}
