//! Mingdao's credentials: app key, secret key and organisation, from code or the environment.

use crate::credentials::{self, Source, env_var};
use crate::error::Error;
use crate::wire::Secret;

/// The environment variables [`Credentials::from_env`] reads, by the spec's credential name
/// (`credentials[].name` → `credentials[].env` in `api-spec/mingdao/provider.yaml`).
pub const ENV_VARS: &[(&str, &str)] = &[
    ("app_key", "MINGDAO_APP_KEY"),
    ("secret_key", "MINGDAO_SECRET_KEY"),
    ("project_id", "MINGDAO_PROJECT_ID"),
];

pub(super) const APP_KEY_VAR: &str = env_var(ENV_VARS, "app_key");
pub(super) const SECRET_KEY_VAR: &str = env_var(ENV_VARS, "secret_key");
pub(super) const PROJECT_ID_VAR: &str = env_var(ENV_VARS, "project_id");

/// App key, secret key and organisation. `Debug` hides the secret key.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub(super) app_key: String,
    pub(super) secret_key: Secret,
    pub(super) project_id: String,
    /// Where the values came from.
    pub(super) source: Source,
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
    /// (all required, see [`ENV_VARS`]) from the process environment.
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
                credentials::required_var(PROVIDER, &lookup, APP_KEY_VAR)?,
                credentials::required_var(PROVIDER, &lookup, SECRET_KEY_VAR)?,
                credentials::required_var(PROVIDER, &lookup, PROJECT_ID_VAR)?,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::tests::lookup;

    #[test]
    fn credentials_debug_hides_secret_key() {
        let c = Credentials::new("ak-1", "SK-SECRET", "proj-1");
        let text = format!("{c:?}");
        assert!(!text.contains("SK-SECRET"), "{text}");
        assert!(text.contains("ak-1") && text.contains("proj-1"), "{text}");
        assert_eq!((c.app_key(), c.project_id()), ("ak-1", "proj-1"));
    }

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
