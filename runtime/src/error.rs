//! The one error type every generated call returns.
//!
//! Every variant names the provider and the operation it came from (except
//! [`Error::Config`], which happens before any operation is involved), so a log
//! line is useful on its own. Response bodies only ever appear as short
//! snippets whose credential-looking values are masked: a token endpoint's
//! answer must never end up in a log through an error message.

mod shared;
pub use shared::SharedError;
pub(crate) use shared::fetch_failed;

/// Everything that can go wrong when calling a vendor API.
///
/// `Display` gives the provider, the operation and the facts (vendor code,
/// message, request id, HTTP status, JSON path, …) on one line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The vendor answered with its own error envelope (for example Fxiaoke
    /// `errorCode != 0`, Mingdao `code != 1`, Tencent `Response.Error`).
    #[error(transparent)]
    Vendor(Box<VendorError>),

    /// A non-2xx HTTP status without a recognisable vendor error envelope
    /// (a gateway's HTML page, an empty 502, a redirect, …).
    ///
    /// `Display` says how many attempts the call made, e.g.
    /// `mingdao getUserRelations: HTTP 502 after 3 attempts: <snippet>`.
    #[error(
        "{provider} {operation}: HTTP {status} after {}: {}",
        show_attempts(*attempts),
        show_snippet(snippet)
    )]
    Http {
        /// Provider name, e.g. `"fxiaoke"`.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// The HTTP status code.
        status: u16,
        /// How many attempts the call made, this last one included (1 from
        /// [`decode_response`](crate::decode_response), which makes none).
        attempts: u32,
        /// The start of the body, masked (see the module docs).
        snippet: String,
    },

    /// The request could not be sent or the response could not be read
    /// (DNS, connection refused, TLS, connection reset, …).
    #[error("{provider} {operation}: transport error: {}", error_chain(source))]
    Transport {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// The underlying error, with its URL removed (a GET URL may carry a signature).
        source: reqwest::Error,
    },

    /// The call did not complete within the client's timeout.
    #[error("{provider} {operation}: timed out")]
    Timeout {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
    },

    /// A successful HTTP answer whose body is not what the operation promises.
    #[error(
        "{provider} {operation}: cannot decode response{}: {message}; body: {}",
        show_path(path),
        show_snippet(snippet)
    )]
    Decode {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// JSON path of the failing field, e.g. `"Response.Status"` or
        /// `"data.dataList[0].create_time"`; empty when the body itself is unusable.
        path: String,
        /// What was wrong.
        message: String,
        /// The start of the body, masked.
        snippet: String,
    },

    /// The request broke one of the spec's rules; nothing was sent.
    #[error("{provider} {operation}: invalid request: `{field}` {rule}")]
    InvalidRequest {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// Dotted JSON path of the offending field (empty for the request as a whole).
        field: String,
        /// The rule, in words, e.g. `"length 65 exceeds maximum 64"`.
        rule: String,
    },

    /// The client lacks (or has unusable) credentials for the operation; nothing was sent.
    #[error("{provider}: credentials: {message}")]
    Credentials {
        /// Provider name.
        provider: &'static str,
        /// What is missing or wrong (never the secret itself).
        message: String,
    },

    /// A paged stream ([`Client::paginate`](crate::Client::paginate)) stopped because the
    /// vendor's pages make no progress: the cursor did not advance, a page repeated the one
    /// before it, or more records arrived than the vendor's `total` said. Every page was a
    /// success; continuing would repeat records (or never end).
    #[error("{provider} {operation}: pagination stopped: {message}")]
    Pagination {
        /// Provider name.
        provider: &'static str,
        /// Vendor operation name.
        operation: &'static str,
        /// What the pages did wrong, with the offset or cursor involved.
        message: String,
    },

    /// The client is misconfigured, e.g. a base URL that is not absolute http(s).
    #[error("configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },

    /// The access token the call needed could not be fetched; the call itself
    /// was not sent. `source` is the token fetch's error, one value shared by
    /// every call that waited for the same fetch
    /// ([`TokenCache`](crate::TokenCache)). The classifiers
    /// ([`is_local`](Error::is_local), [`is_timeout`](Error::is_timeout),
    /// [`vendor`](Error::vendor), [`http_status`](Error::http_status),
    /// [`operation`](Error::operation)) answer as `source`'s do: an HTTP 500
    /// from the token endpoint is as transient here as it is there.
    #[error("{provider}: could not fetch an access token: {source}")]
    TokenFetch {
        /// Provider name.
        provider: &'static str,
        /// The token fetch's error (dereferences to it; also the
        /// [`source`](std::error::Error::source) of this error).
        source: SharedError,
    },
}

/// An error reported by the vendor inside its response envelope.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{provider} {operation}: vendor error {code}: {message} (request id {}, HTTP {http_status})",
    request_id.as_deref().unwrap_or("none")
)]
pub struct VendorError {
    /// Provider name, e.g. `"tencent"`.
    pub provider: &'static str,
    /// Vendor operation name.
    pub operation: &'static str,
    /// The vendor's code as text: `"20016"`, `"InvalidParameter"`, `"AuthFailure.SignatureExpire"`.
    pub code: String,
    /// The vendor's message (informational: vendors change these freely, do not branch on it).
    pub message: String,
    /// The vendor's request or trace id, when the envelope has one.
    pub request_id: Option<String>,
    /// HTTP status of the answer (vendors usually send 200 with an error envelope).
    pub http_status: u16,
}

impl Error {
    /// The vendor's error code, if this is a [`Error::Vendor`].
    pub fn vendor_code(&self) -> Option<&str> {
        self.vendor().map(|v| v.code.as_str())
    }

    /// The vendor error, if this is a [`Error::Vendor`].
    pub fn vendor(&self) -> Option<&VendorError> {
        match self {
            Error::Vendor(v) => Some(v),
            Error::TokenFetch { source, .. } => source.vendor(),
            _ => None,
        }
    }

    /// Whether the call ran out of time.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::TokenFetch { source, .. } => source.is_timeout(),
            other => matches!(other, Error::Timeout { .. }),
        }
    }

    /// Whether nothing was sent because of the request or the client's setup
    /// ([`Error::InvalidRequest`], [`Error::Credentials`], [`Error::Config`];
    /// an [`Error::TokenFetch`] when its source is local).
    pub fn is_local(&self) -> bool {
        match self {
            Error::TokenFetch { source, .. } => source.is_local(),
            other => matches!(
                other,
                Error::InvalidRequest { .. } | Error::Credentials { .. } | Error::Config { .. }
            ),
        }
    }

    /// The provider the error came from (`None` for [`Error::Config`]).
    pub fn provider(&self) -> Option<&'static str> {
        match self {
            Error::Vendor(v) => Some(v.provider),
            Error::Http { provider, .. }
            | Error::Transport { provider, .. }
            | Error::Timeout { provider, .. }
            | Error::Decode { provider, .. }
            | Error::InvalidRequest { provider, .. }
            | Error::Pagination { provider, .. }
            | Error::Credentials { provider, .. }
            | Error::TokenFetch { provider, .. } => Some(provider),
            Error::Config { .. } => None,
        }
    }

    /// The operation the error came from, when one was involved.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Vendor(v) => Some(v.operation),
            Error::Http { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Timeout { operation, .. }
            | Error::Decode { operation, .. }
            | Error::Pagination { operation, .. }
            | Error::InvalidRequest { operation, .. } => Some(operation),
            Error::TokenFetch { source, .. } => source.operation(),
            Error::Credentials { .. } | Error::Config { .. } => None,
        }
    }

    /// The HTTP status, when a response was received and the error is about it.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Vendor(v) => Some(v.http_status),
            Error::Http { status, .. } => Some(*status),
            Error::TokenFetch { source, .. } => source.http_status(),
            _ => None,
        }
    }

    /// The vendor's request id, when the error carries one.
    pub fn request_id(&self) -> Option<&str> {
        self.vendor().and_then(|v| v.request_id.as_deref())
    }
}

impl From<VendorError> for Error {
    fn from(value: VendorError) -> Self {
        Error::Vendor(Box::new(value))
    }
}

fn show_snippet(snippet: &str) -> &str {
    if snippet.is_empty() {
        "(empty body)"
    } else {
        snippet
    }
}

fn show_attempts(attempts: u32) -> String {
    if attempts == 1 {
        "1 attempt".to_owned()
    } else {
        format!("{attempts} attempts")
    }
}

fn show_path(path: &str) -> String {
    if path.is_empty() {
        " body".to_owned()
    } else {
        format!(" at `{path}`")
    }
}

/// reqwest's own message is often just "error sending request"; the useful part
/// (connection refused, certificate, …) is further down the chain.
fn error_chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        // hyper and friends sometimes repeat their child's message verbatim.
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_provider_operation_and_facts() {
        let vendor = Error::from(VendorError {
            provider: "fxiaoke",
            operation: "getMapperObjectId",
            code: "20016".into(),
            message: "token expired".into(),
            request_id: Some("E-O.1".into()),
            http_status: 200,
        });
        assert_eq!(
            vendor.to_string(),
            "fxiaoke getMapperObjectId: vendor error 20016: token expired (request id E-O.1, HTTP 200)"
        );
        assert_eq!(vendor.vendor_code(), Some("20016"));
        assert_eq!(vendor.request_id(), Some("E-O.1"));
        assert_eq!(vendor.http_status(), Some(200));

        let decode = Error::Decode {
            provider: "tencent",
            operation: "Bind",
            path: "Response.Status".into(),
            message: "invalid type".into(),
            snippet: "{}".into(),
        };
        assert_eq!(
            decode.to_string(),
            "tencent Bind: cannot decode response at `Response.Status`: invalid type; body: {}"
        );
        let http = Error::Http {
            provider: "mingdao",
            operation: "getUserRelations",
            status: 502,
            attempts: 3,
            snippet: String::new(),
        };
        assert_eq!(
            http.to_string(),
            "mingdao getUserRelations: HTTP 502 after 3 attempts: (empty body)"
        );
        let once = Error::Http {
            provider: "fxiaoke",
            operation: "dataCreate",
            status: 500,
            attempts: 1,
            snippet: "<html>oops</html>".into(),
        };
        assert_eq!(
            once.to_string(),
            "fxiaoke dataCreate: HTTP 500 after 1 attempt: <html>oops</html>"
        );
        assert!(!http.is_timeout() && http.vendor_code().is_none());
    }
}
