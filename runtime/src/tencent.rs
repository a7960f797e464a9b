//! Tencent Cloud API 3.0 (e-Sign/ESS and other services), signed with TC3-HMAC-SHA256.
//!
//! Every call is `POST /` with a JSON body and the headers `Content-Type`,
//! `X-TC-Action`, `X-TC-Version`, `X-TC-Timestamp`, `Authorization`, plus
//! `X-TC-Region`, `X-TC-Token` and `X-TC-Language` when set. The signature
//! covers exactly the body bytes sent and the base URL's host; the credential
//! scope keeps the protocol's service name even when the host is overridden
//! (sandbox, proxy).
//!
//! ```no_run
//! # fn demo() -> Result<(), bindery_runtime::Error> {
//! use bindery_runtime::{Client, tencent};
//!
//! let client = Client::builder(tencent::TencentCloud::new("ess", "2020-11-11"), tencent::ESS_BASE_URL)
//!     .region("ap-guangzhou")
//!     .language(tencent::Language::EnUs)
//!     .credentials(tencent::Credentials::new("AKID…", "secret-key"))
//!     .build()?;
//! # let _ = client; Ok(()) }
//! ```

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::client::{ClientBuilder, Outgoing, Protocol};
use crate::credentials::{self, Given, Source};
use crate::error::Error;
use crate::operation::{AuthKind, Envelope, Method, Operation};
use crate::wire::Secret;

/// The e-Sign (ESS) production endpoint.
pub const ESS_BASE_URL: &str = "https://ess.tencentcloudapi.com";

/// The e-Sign (ESS) sandbox endpoint (signed with service `ess` all the same).
pub const ESS_SANDBOX_BASE_URL: &str = "https://ess.test.ess.tencent.cn";

/// API 3.0's envelope: `{"Response": {...result, "RequestId"}}`, or
/// `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}` on failure.
pub const ENVELOPE: Envelope = Envelope {
    code: "Response.Error.Code",
    success: None,
    message: "Response.Error.Message",
    request_id: Some("Response.RequestId"),
    result: Some("Response"),
};

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
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.protocol.region = Some(region.into());
        self
    }

    /// Sets `X-TC-Language` on every call.
    pub fn language(mut self, language: Language) -> Self {
        self.protocol.language = Some(language);
        self
    }
}

/// A SecretId/SecretKey pair, optionally with a temporary-credential token.
/// `Debug` shows the SecretId and where the values came from only.
#[derive(Clone, Debug)]
pub struct Credentials {
    secret_id: String,
    secret_key: Secret,
    /// Where the SecretId and SecretKey came from.
    source: Source,
    /// The session token and where it came from.
    token: Option<(Secret, Source)>,
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
    /// absent) from the process environment.
    ///
    /// A missing or empty required variable is an [`Error::Credentials`]
    /// naming it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(credentials::process_env)
    }

    /// [`from_env`](Self::from_env) reading variables through `lookup`
    /// instead of the process environment (for tests and custom sources).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let secret_id =
            credentials::required_var(CREDENTIALS_PROVIDER, &lookup, "TENCENTCLOUD_SECRET_ID")?;
        let secret_key =
            credentials::required_var(CREDENTIALS_PROVIDER, &lookup, "TENCENTCLOUD_SECRET_KEY")?;
        let creds = Credentials::new(secret_id, secret_key);
        let creds = match credentials::optional_var(&lookup, "TENCENTCLOUD_SESSION_TOKEN") {
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
        if credentials::optional_var(&lookup, "TENCENTCLOUD_SECRET_ID").is_some() {
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

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC is defined for keys of any length, so this never fails; an empty
    // result would only make the vendor reject the signature, never panic.
    match <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// `yyyy-mm-dd` of the UTC day holding `timestamp` (Unix seconds), without a
/// date library: the days-to-civil conversion of the proleptic Gregorian calendar.
fn utc_date(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400) + 719_468; // days since 0000-03-01
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The TC3-HMAC-SHA256 signature (lowercase hex) of a `POST /` request with
/// body `payload`, signing the `content-type` and `host` headers.
pub fn tc3_signature(
    secret_key: &str,
    service: &str,
    host: &str,
    content_type: &str,
    payload: &[u8],
    timestamp: i64,
) -> String {
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{}",
        content_type.trim(),
        host.trim(),
        sha256_hex(payload)
    );
    let date = utc_date(timestamp);
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    let k_signing = hmac_sha256(&k_service, b"tc3_request");
    hex::encode(hmac_sha256(&k_signing, string_to_sign.as_bytes()))
}

/// The complete `Authorization` header value for [`tc3_signature`]'s request:
/// `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=content-type;host, Signature=<hex>`.
pub fn tc3_authorization(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    host: &str,
    content_type: &str,
    payload: &[u8],
    timestamp: i64,
) -> String {
    let signature = tc3_signature(secret_key, service, host, content_type, payload, timestamp);
    format!(
        "TC3-HMAC-SHA256 Credential={secret_id}/{}/{service}/tc3_request, SignedHeaders=content-type;host, Signature={signature}",
        utc_date(timestamp)
    )
}

fn unix_seconds(now: SystemTime) -> i64 {
    now.duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl Protocol for TencentCloud {
    type Credentials = Credentials;

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
                        Some("TENCENTCLOUD_SECRET_ID"),
                        Some("secret_id"),
                        &c.secret_id,
                    )
                    .in_header(),
                    // Only a signing key: never sent.
                    Given::new(
                        "SecretKey",
                        &c.source,
                        Some("TENCENTCLOUD_SECRET_KEY"),
                        Some("secret_key"),
                        c.secret_key.expose(),
                    ),
                ];
                if let Some((token, source)) = &c.token {
                    given.push(
                        Given::new(
                            "session token",
                            source,
                            Some("TENCENTCLOUD_SESSION_TOKEN"),
                            Some("token"),
                            token.expose(),
                        )
                        .in_header(),
                    );
                }
                credentials::check_given(op.name, &given)
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
        request: &mut Outgoing,
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
            if !credentials::is_header_safe(region) {
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
        request: &mut Outgoing,
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

    const KAT_BODY: &str =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

    #[test]
    fn tc3_known_answer() {
        // The `\u` escapes are literal backslash sequences in the signed body.
        assert!(KAT_BODY.contains(r"\u672a"));
        let signature = tc3_signature(
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            "application/json; charset=utf-8",
            KAT_BODY.as_bytes(),
            1_551_113_065,
        );
        assert_eq!(
            signature,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
        let authorization = tc3_authorization(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            "application/json; charset=utf-8",
            KAT_BODY.as_bytes(),
            1_551_113_065,
        );
        assert_eq!(
            authorization,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(-1), "1969-12-31");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(4_107_542_399), "2100-02-28");
        assert_eq!(utc_date(4_107_542_400), "2100-03-01");
        // Extremes must not overflow.
        let _ = utc_date(i64::MAX);
        let _ = utc_date(i64::MIN);
    }

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
