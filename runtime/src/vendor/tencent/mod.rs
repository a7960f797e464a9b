//! Tencent Cloud API 3.0 (e-Sign/ESS and other services), signed with TC3-HMAC-SHA256.
//!
//! Every call is `POST /` with a JSON body and the headers `Content-Type`,
//! `X-TC-Action`, `X-TC-Version`, `X-TC-Timestamp`, `Authorization`, plus
//! `X-TC-Region`, `X-TC-Token` and `X-TC-Language` when set. The signature
//! covers exactly the body bytes sent and the base URL's host; the credential
//! scope keeps the protocol's service name even when the host is overridden
//! (sandbox, proxy). [`THROTTLING_CODES`] are what the protocol tells the
//! client's retry rules.
//!
//! The files: `credentials` (code, environment — [`ENV_VARS`] — and profile file),
//! `sign` (TC3-HMAC-SHA256), `codes` (what the vendor's error codes mean).
//!
//! ```no_run
//! # fn demo() -> Result<(), bindery_runtime::Error> {
//! use bindery_runtime::{Client, tencent};
//!
//! let ess = tencent::TencentCloud::new("ess", "2020-11-11");
//! let client = Client::builder(ess, "https://ess.tencentcloudapi.com")
//!     .region("ap-guangzhou")
//!     .language(tencent::Language::EnUs)
//!     .credentials(tencent::Credentials::new("AKID…", "secret-key"))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

use std::time::SystemTime;

use crate::ClientBuilder;
use crate::client::{Outgoing, Protocol};
use crate::credentials::{Given, is_header_safe};
use crate::error::Error;
use crate::operation::{AuthKind, Method, Operation};
use crate::retry::CodeClass;

mod codes;
mod credentials;
mod sign;

pub use codes::THROTTLING_CODES;
pub use credentials::{Credentials, DEFAULT_PROFILE_SECTION, ENV_VARS};
use credentials::{SECRET_ID_VAR, SECRET_KEY_VAR, SESSION_TOKEN_VAR};
use sign::unix_seconds;
pub use sign::{tc3_authorization, tc3_signature};

/// The region in errors.
const REGION: &str = "the region (`ClientBuilder::region` / `TencentCloud::with_region`)";

/// The content type every call is sent (and signed) with.
const CONTENT_TYPE: &str = "application/json";

/// Language of the vendor's error messages (`X-TC-Language`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// `zh-CN`
    ZhCn,
    /// `en-US`
    EnUs,
}

impl Language {
    /// The header value.
    pub const fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}

/// One Tencent Cloud service at one API version, with optional region and language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TencentCloud {
    service: &'static str,
    version: &'static str,
    region: Option<String>,
    language: Option<Language>,
}

impl TencentCloud {
    /// `service` as in the credential scope (`"ess"`), `version` as in `X-TC-Version` (`"2020-11-11"`).
    pub const fn new(service: &'static str, version: &'static str) -> Self {
        TencentCloud {
            service,
            version,
            region: None,
            language: None,
        }
    }

    /// Sets `X-TC-Region`.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets `X-TC-Language`.
    pub fn with_language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// The service name used in the credential scope.
    pub fn service(&self) -> &'static str {
        self.service
    }

    /// The API version.
    pub fn version(&self) -> &'static str {
        self.version
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The language, if set.
    pub fn language(&self) -> Option<Language> {
        self.language
    }
}

impl ClientBuilder<TencentCloud> {
    /// Sets `X-TC-Region` on every call (e.g. `"ap-guangzhou"`).
    pub fn region(self, region: impl Into<String>) -> Self {
        self.map_protocol(|protocol| protocol.with_region(region))
    }

    /// Sets `X-TC-Language` on every call.
    pub fn language(self, language: Language) -> Self {
        self.map_protocol(|protocol| protocol.with_language(language))
    }
}

impl Protocol for TencentCloud {
    type Credentials = Credentials;

    fn classify(&self, code: &str) -> Option<CodeClass> {
        codes::classify(code)
    }

    fn secret_values<'c>(&self, credentials: &'c Credentials) -> Vec<&'c str> {
        let mut values = vec![credentials.secret_key.expose()];
        values.extend(credentials.token.as_ref().map(|(token, _)| token.expose()));
        values
    }

    fn check_credentials(
        &self,
        op: &Operation,
        credentials: Option<&Credentials>,
    ) -> Result<(), String> {
        match (op.auth, credentials) {
            (None, _) => Ok(()),
            (Some(AuthKind::Tc3HmacSha256), Some(c)) => {
                let mut given = vec![
                    // In the `Authorization` header.
                    Given::new(
                        "SecretId",
                        &c.source,
                        Some(SECRET_ID_VAR),
                        Some("secret_id"),
                        &c.secret_id,
                    )
                    .in_header(),
                    // Only a signing key: never sent.
                    Given::new(
                        "SecretKey",
                        &c.source,
                        Some(SECRET_KEY_VAR),
                        Some("secret_key"),
                        c.secret_key.expose(),
                    ),
                ];
                if let Some((token, source)) = &c.token {
                    given.push(
                        Given::new(
                            "session token",
                            source,
                            Some(SESSION_TOKEN_VAR),
                            Some("token"),
                            token.expose(),
                        )
                        .in_header(),
                    );
                }
                crate::credentials::check_given(op.name, &given)
            }
            (Some(AuthKind::Tc3HmacSha256), None) => Err(format!(
                "operation `{}` needs a SecretId and SecretKey (tencent::Credentials::new)",
                op.name
            )),
            (Some(other), _) => Err(format!(
                "operation `{}` uses {other:?} auth, which the Tencent Cloud protocol does not provide",
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
        if op.method != Method::Post {
            // The TC3 canonical request built here is the POST form.
            return Err(Error::Config {
                message: format!("Tencent Cloud operation `{}` must be POST", op.name),
            });
        }
        let Some(action) = op.action else {
            return Err(Error::Config {
                message: format!("Tencent Cloud operation `{}` has no action", op.name),
            });
        };
        let config = |what: &str| Error::Config {
            message: format!(
                "{what} holds a character that cannot be sent in an HTTP header (only visible \
                 ASCII is allowed)"
            ),
        };
        request.headers.insert(
            reqwest::header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_static(CONTENT_TYPE),
        );
        request
            .set_header("x-tc-action", action, false)
            .map_err(|_| config("the action"))?;
        request
            .set_header("x-tc-version", self.version, false)
            .map_err(|_| config("the version"))?;
        request
            .set_header("x-tc-timestamp", &unix_seconds(now).to_string(), false)
            .map_err(|_| config("the timestamp"))?;
        if let Some(region) = &self.region {
            // No region has spaces either (`set_header` allows them).
            if !is_header_safe(region) {
                return Err(config(REGION));
            }
            request
                .set_header("x-tc-region", region, false)
                .map_err(|_| {
                    config("the region (`ClientBuilder::region` / `TencentCloud::with_region`)")
                })?;
        }
        if let Some(language) = self.language {
            request
                .set_header("x-tc-language", language.as_str(), false)
                .map_err(|_| config("the language"))?;
        }
        if let (Some(AuthKind::Tc3HmacSha256), Some((token, _))) =
            (op.auth, credentials.and_then(|c| c.token.as_ref()))
        {
            request
                .set_header("x-tc-token", token.expose(), true)
                .map_err(|_| Error::Credentials {
                    provider: op.provider,
                    message: "the token cannot be sent in an HTTP header".to_owned(),
                })?;
        }
        Ok(())
    }

    fn sign(
        &self,
        op: &Operation,
        request: &mut Outgoing<'_>,
        body: &[u8],
        credentials: Option<&Credentials>,
        now: SystemTime,
    ) -> Result<(), Error> {
        let (Some(AuthKind::Tc3HmacSha256), Some(creds)) = (op.auth, credentials) else {
            return Ok(());
        };
        // The Host header the HTTP stack derives from the URL: host, plus the
        // port only when it is not the scheme's default.
        let host = match (request.url.host_str(), request.url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => {
                return Err(Error::Config {
                    message: "base URL has no host".to_owned(),
                });
            }
        };
        let authorization = tc3_authorization(
            &creds.secret_id,
            creds.secret_key.expose(),
            self.service,
            &host,
            CONTENT_TYPE,
            body,
            unix_seconds(now),
        );
        request
            .set_header("authorization", &authorization, true)
            .map_err(|_| Error::Credentials {
                provider: op.provider,
                message: "the SecretId cannot be sent in an HTTP header".to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_settings() {
        let p = TencentCloud::new("ess", "2020-11-11")
            .with_region("ap-guangzhou")
            .with_language(Language::ZhCn);
        assert_eq!(p.service(), "ess");
        assert_eq!(p.version(), "2020-11-11");
        assert_eq!(p.region(), Some("ap-guangzhou"));
        assert_eq!(p.language().map(Language::as_str), Some("zh-CN"));
        assert_eq!(Language::EnUs.as_str(), "en-US");
    }
}

#[cfg(test)]
mod credential_source_tests;
