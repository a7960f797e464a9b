//! Tencent Cloud's credentials: a SecretId/SecretKey pair, optionally with a session token,
//! from code, the environment or the official SDKs' profile file.

use std::path::{Path, PathBuf};

use crate::credentials::{self, Source, env_var};
use crate::error::Error;
use crate::wire::Secret;

/// The environment variables [`Credentials::from_env`] reads, by the spec's credential name
/// (`credentials[].name` → `credentials[].env` in `api-spec/tencent_ess/provider.yaml`).
pub const ENV_VARS: &[(&str, &str)] = &[
    ("secret_id", "TENCENTCLOUD_SECRET_ID"),
    ("secret_key", "TENCENTCLOUD_SECRET_KEY"),
    ("session_token", "TENCENTCLOUD_SESSION_TOKEN"),
];

pub(super) const SECRET_ID_VAR: &str = env_var(ENV_VARS, "secret_id");
pub(super) const SECRET_KEY_VAR: &str = env_var(ENV_VARS, "secret_key");
pub(super) const SESSION_TOKEN_VAR: &str = env_var(ENV_VARS, "session_token");

/// A SecretId/SecretKey pair, optionally with a temporary-credential token.
/// `Debug` shows the SecretId and where the values came from only.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub(super) secret_id: String,
    pub(super) secret_key: Secret,
    /// Where the SecretId and SecretKey came from.
    pub(super) source: Source,
    /// The session token and where it came from.
    pub(super) token: Option<(Secret, Source)>,
}

impl Credentials {
    /// Permanent credentials. An empty (or blank) SecretId, SecretKey or
    /// session token, or a SecretId or session token that is not visible ASCII
    /// (they are sent in HTTP headers), is refused with [`Error::Credentials`]
    /// naming it and where it came from (code, environment variable or profile
    /// file) before a call sends anything.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        Credentials {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            source: Source::Code("Credentials::new"),
            token: None,
        }
    }

    /// Adds the session token of temporary credentials (`X-TC-Token`).
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some((token.into(), Source::Code("Credentials::with_token")));
        self
    }

    /// The same values, marked as read from `source`.
    fn read_from(mut self, source: Source) -> Self {
        if let Some((_, token_source)) = &mut self.token {
            *token_source = source.clone();
        }
        self.source = source;
        self
    }

    /// The SecretId.
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }
}

/// Provider name in errors from the credential sources below.
const CREDENTIALS_PROVIDER: &str = "tencent";

/// The section of the profile file read by [`Credentials::from_profile`].
pub const DEFAULT_PROFILE_SECTION: &str = "default";

impl Credentials {
    /// Reads `TENCENTCLOUD_SECRET_ID` and `TENCENTCLOUD_SECRET_KEY` (both
    /// required) and `TENCENTCLOUD_SESSION_TOKEN` (optional; empty means
    /// absent) from the process environment (see [`ENV_VARS`]).
    ///
    /// A missing or empty required variable is an [`Error::Credentials`]
    /// naming it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(credentials::process_env)
    }

    /// [`from_env`](Self::from_env) reading variables through `lookup`
    /// instead of the process environment (for tests and custom sources).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let secret_id = credentials::required_var(CREDENTIALS_PROVIDER, &lookup, SECRET_ID_VAR)?;
        let secret_key = credentials::required_var(CREDENTIALS_PROVIDER, &lookup, SECRET_KEY_VAR)?;
        let creds = Credentials::new(secret_id, secret_key);
        let creds = match credentials::optional_var(&lookup, SESSION_TOKEN_VAR) {
            Some(token) => creds.with_token(token),
            None => creds,
        };
        Ok(creds.read_from(Source::Env))
    }

    /// Reads section `[default]` of the official SDKs' profile file,
    /// `~/.tencentcloud/credentials` (home from `HOME`, or `USERPROFILE` on
    /// Windows): keys `secret_id` and `secret_key` (required) and `token`
    /// (optional).
    pub fn from_profile() -> Result<Self, Error> {
        let path = default_profile_path(&credentials::process_env)?;
        Self::from_profile_file(&path, DEFAULT_PROFILE_SECTION)
    }

    /// Reads `secret_id`, `secret_key` and optional `token` from `section` of
    /// the INI file at `path`.
    ///
    /// The INI dialect: `[section]` headers, `key = value` (or `key: value`)
    /// pairs, whole-line `#` and `;` comments, whitespace trimmed, keys
    /// case-insensitive; comments after a value are kept as part of it. Errors
    /// name the file and the missing or empty section or key, never a value.
    pub fn from_profile_file(path: impl AsRef<Path>, section: &str) -> Result<Self, Error> {
        let profile =
            credentials::ProfileSection::load(CREDENTIALS_PROVIDER, path.as_ref(), section)?;
        let creds = Credentials::new(
            profile.required("secret_id")?,
            profile.required("secret_key")?,
        );
        let creds = match profile.optional("token") {
            Some(token) => creds.with_token(token),
            None => creds,
        };
        Ok(creds.read_from(profile.source()))
    }

    /// The official SDKs' order: the environment ([`from_env`](Self::from_env))
    /// when `TENCENTCLOUD_SECRET_ID` is set and not empty, otherwise the
    /// profile file ([`from_profile`](Self::from_profile)). When neither
    /// yields credentials, the error says what was tried.
    pub fn from_default_chain() -> Result<Self, Error> {
        Self::from_default_chain_lookup(credentials::process_env)
    }

    /// [`from_default_chain`](Self::from_default_chain) reading environment
    /// variables (including `HOME`/`USERPROFILE`) through `lookup`.
    pub fn from_default_chain_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        if credentials::optional_var(&lookup, SECRET_ID_VAR).is_some() {
            return Self::from_lookup(lookup);
        }
        let profile = default_profile_path(&lookup)
            .and_then(|path| Self::from_profile_file(&path, DEFAULT_PROFILE_SECTION));
        profile.map_err(|error| {
            let reason = match error {
                Error::Credentials { message, .. } => message,
                other => other.to_string(),
            };
            Error::Credentials {
                provider: CREDENTIALS_PROVIDER,
                message: format!(
                    "no credentials found: tried the environment (`TENCENTCLOUD_SECRET_ID` is not set) \
                     and the profile file ({reason})"
                ),
            }
        })
    }
}

/// `~/.tencentcloud/credentials`, with the home directory from `lookup`.
fn default_profile_path(lookup: &impl Fn(&str) -> Option<String>) -> Result<PathBuf, Error> {
    let home = credentials::home_dir(CREDENTIALS_PROVIDER, lookup)?;
    Ok(home.join(".tencentcloud").join("credentials"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_debug_hides_key_and_token() {
        let c = Credentials::new("AKID-1", "KEY-SECRET").with_token("TOKEN-SECRET");
        let text = format!("{c:?}");
        assert!(
            !text.contains("KEY-SECRET") && !text.contains("TOKEN-SECRET"),
            "{text}"
        );
        assert!(text.contains("AKID-1"), "{text}");
    }
}
