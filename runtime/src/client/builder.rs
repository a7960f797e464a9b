//! [`ClientBuilder`]: a client's settings, their defaults and the checks [`build`]
//! makes before any call.
//!
//! The first paragraph of each setter's docs is in `builder_docs` (hidden), which the
//! generated per-provider builders take it from word for word.
//!
//! [`build`]: ClientBuilder::build

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::Protocol;
use super::handle::{Client, Inner};
use crate::builder_docs::builder_doc;
use crate::error::Error;
use crate::redact::url_for_display;
use crate::retry::RetryPolicy;

/// Default time for one attempt of a call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default largest response body accepted: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Builds a [`Client`]; see [`Client::builder`].
#[derive(Debug)]
pub struct ClientBuilder<P: Protocol> {
    protocol: P,
    base_url: String,
    credentials: Option<P::Credentials>,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    rate_limiting: bool,
    max_response_bytes: usize,
    log_bodies: bool,
}

impl<P: Protocol> Client<P> {
    /// Starts building a client for `protocol`; `default_base_url` is the
    /// vendor's public endpoint, used unless [`ClientBuilder::base_url`] overrides it.
    pub fn builder(protocol: P, default_base_url: &str) -> ClientBuilder<P> {
        ClientBuilder {
            protocol,
            base_url: default_base_url.to_owned(),
            credentials: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            http: None,
            retry: RetryPolicy::default(),
            rate_limiting: true,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            log_bodies: false,
        }
    }
}

impl<P: Protocol> ClientBuilder<P> {
    /// Replaces the protocol with `f(protocol)`: how a protocol's own builder methods
    /// (Tencent's `region`, `language`) change its settings.
    #[must_use]
    pub fn map_protocol(mut self, f: impl FnOnce(P) -> P) -> Self {
        self.protocol = f(self.protocol);
        self
    }

    #[doc = builder_doc!(base_url)]
    ///
    /// Checked in [`build`](ClientBuilder::build): absolute `http`/`https`, no
    /// query, fragment or user info. A trailing slash makes no difference.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    #[doc = builder_doc!(credentials)]
    ///
    /// Checked against each operation's [`Operation::auth`](crate::Operation::auth)
    /// before anything is sent.
    pub fn credentials(mut self, credentials: P::Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    #[doc = builder_doc!(timeout)]
    ///
    /// It applies to each attempt separately; see [`Client::call`] for the time
    /// a whole call may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    #[doc = builder_doc!(connect_timeout)]
    ///
    /// Ignored with [`http_client`](ClientBuilder::http_client), whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    #[doc = builder_doc!(http_client)]
    ///
    /// The per-attempt [`timeout`](ClientBuilder::timeout) still applies.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    #[doc = builder_doc!(retry)]
    ///
    /// [`RetryPolicy::default`] is the default and [`RetryPolicy::none`] turns
    /// retries off; [`RetryPolicy`] says which failures are retried.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    #[doc = builder_doc!(rate_limiting)]
    ///
    /// The limit is [`Operation::rate_limit`](crate::Operation::rate_limit); see
    /// [`Client::call`].
    pub fn rate_limiting(mut self, enabled: bool) -> Self {
        self.rate_limiting = enabled;
        self
    }

    #[doc = builder_doc!(max_response_bytes)]
    ///
    /// The default is [`DEFAULT_MAX_RESPONSE_BYTES`]. A larger body is an
    /// [`Error::Decode`] naming the limit; no more than the limit is ever buffered.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    #[doc = builder_doc!(log_bodies)]
    ///
    /// They go to `tracing::trace!`, target `bindery_runtime::client`.
    /// Values under credential-looking keys (`…token…`, `…secret…`,
    /// `…sign…`, `…password…`, `…authorization…`) or the operation's `secret`
    /// fields — as JSON, `key=value` or `key: value` — are masked, and so is
    /// every secret value the client holds (its credentials, fetched tokens,
    /// secret request fields) wherever it appears; but bodies may hold
    /// personal data: for debugging only.
    pub fn log_bodies(mut self, enabled: bool) -> Self {
        self.log_bodies = enabled;
        self
    }

    /// Checks the settings and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] when the base URL is not an absolute `http(s)` URL without
    /// query, fragment or user info, when the timeout or the response size limit is
    /// zero, or when the HTTP client cannot be built.
    pub fn build(self) -> Result<Client<P>, Error> {
        let base_url = parse_base_url(&self.base_url)?;
        if self.timeout.is_zero() {
            return Err(Error::Config {
                message: "timeout must be greater than zero".to_owned(),
            });
        }
        if self.max_response_bytes == 0 {
            return Err(Error::Config {
                message: "max_response_bytes must be greater than zero".to_owned(),
            });
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                // Vendor APIs do not redirect; following one could carry
                // credential headers (x-fs-ea, X-TC-Token, …) to another host.
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("bindery-runtime/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| Error::Config {
                    message: format!("cannot build the HTTP client: {e}"),
                })?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                known_secrets: Inner::known_secrets(&self.protocol, self.credentials.as_ref()),
                protocol: self.protocol,
                base_url,
                credentials: self.credentials,
                http,
                limiter: self.rate_limiting.then(Arc::default),
                max_response_bytes: self.max_response_bytes,
                log_bodies: self.log_bodies,
            }),
            timeout: self.timeout,
            retry: self.retry,
        })
    }
}

fn parse_base_url(text: &str) -> Result<Url, Error> {
    // The URL is shown without user info and query: both may hold credentials.
    let bad = |why: &str| Error::Config {
        message: format!("base URL `{}` {why}", url_for_display(text)),
    };
    let url = Url::parse(text.trim()).map_err(|e| bad(&format!("is not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("must use http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Would end up in logs and Host-derived signatures; pass credentials properly.
        return Err(bad("must not carry user info"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert!(parse_base_url("https://open.fxiaoke.com").is_ok());
        assert!(parse_base_url("http://127.0.0.1:8080/gw/").is_ok());
        for bad in [
            "open.fxiaoke.com",
            "ftp://x.example",
            "https://x.example/?a=1",
            "https://x.example/#f",
            "https://u:p@x.example",
            "",
        ] {
            let err = parse_base_url(bad).unwrap_err();
            assert!(matches!(err, Error::Config { .. }), "{bad}: {err:?}");
        }
        // User info and queries are never repeated, whichever rule rejects the URL.
        for (bad, shown) in [
            (
                "https://user:PASSWORD-1@x.example/gw",
                "https://…@x.example/gw",
            ),
            (
                "https://x.example/gw?sign=QUERY-2#frag",
                "https://x.example/gw?…",
            ),
            (
                "ftp://user:PASSWORD-1@x.example/?k=QUERY-2",
                "ftp://…@x.example/?…",
            ),
            ("user:PASSWORD-1@x.example", "…@x.example"),
            ("http://us er:PASSWORD-1@x .example", "http://…@x .example"),
        ] {
            let err = parse_base_url(bad).unwrap_err();
            let text = format!("{err} {err:?}");
            assert!(
                !text.contains("PASSWORD-1") && !text.contains("QUERY-2"),
                "{text}"
            );
            assert!(text.contains(&format!("`{shown}`")), "{text}");
        }
    }
}
