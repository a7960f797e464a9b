//! The first paragraph of each [`ClientBuilder`](crate::ClientBuilder) setter's docs,
//! written once: the runtime's builder shows it through `#[doc = builder_doc!(…)]`, and
//! `bindery-codegen` writes the same text into every generated provider builder through
//! the constants, so the two cannot drift apart.
//!
//! Each text stands on its own (no links, the default in brackets); a `\n` is a line
//! break inside the paragraph.

/// The text of one setter's first doc paragraph, as a literal (which `#[doc = …]` needs).
macro_rules! builder_doc {
    (base_url) => {
        "Talks to another deployment (a private gateway, a sandbox or a local test server)\n\
         instead of the default base URL."
    };
    (credentials) => {
        "The credentials calls are authenticated with."
    };
    (timeout) => {
        "Total time allowed for one attempt of a call, connection to last body byte\n\
         (default 30 s)."
    };
    (connect_timeout) => {
        "Time allowed to establish a connection (default 10 s)."
    };
    (http_client) => {
        "Uses this `reqwest::Client` (its connection pool, proxy and TLS settings) instead\n\
         of building one."
    };
    (retry) => {
        "How failed attempts are retried (default 3 attempts, 200 ms base delay, 5 s cap,\n\
         with jittered exponential backoff)."
    };
    (rate_limiting) => {
        "Whether calls keep to their operation's rate limit on the client side (default on;\n\
         counted across every clone of the client)."
    };
    (max_response_bytes) => {
        "The largest response body accepted, in bytes (default 16 MiB)."
    };
    (log_bodies) => {
        "Whether request and response bodies are written to the trace log, secrets masked\n\
         (default off)."
    };
}
pub(crate) use builder_doc;

/// `ClientBuilder::base_url`'s first doc paragraph.
pub const BASE_URL: &str = builder_doc!(base_url);
/// `ClientBuilder::credentials`'s first doc paragraph.
pub const CREDENTIALS: &str = builder_doc!(credentials);
/// `ClientBuilder::timeout`'s first doc paragraph.
pub const TIMEOUT: &str = builder_doc!(timeout);
/// `ClientBuilder::connect_timeout`'s first doc paragraph.
pub const CONNECT_TIMEOUT: &str = builder_doc!(connect_timeout);
/// `ClientBuilder::http_client`'s first doc paragraph.
pub const HTTP_CLIENT: &str = builder_doc!(http_client);
/// `ClientBuilder::retry`'s first doc paragraph.
pub const RETRY: &str = builder_doc!(retry);
/// `ClientBuilder::rate_limiting`'s first doc paragraph.
pub const RATE_LIMITING: &str = builder_doc!(rate_limiting);
/// `ClientBuilder::max_response_bytes`'s first doc paragraph.
pub const MAX_RESPONSE_BYTES: &str = builder_doc!(max_response_bytes);
/// `ClientBuilder::log_bodies`'s first doc paragraph.
pub const LOG_BODIES: &str = builder_doc!(log_bodies);

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::client::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT};

    /// The defaults the texts state are the builder's.
    #[test]
    fn stated_defaults_are_the_builders() {
        assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(30));
        assert!(TIMEOUT.contains("(default 30 s)"));
        assert_eq!(DEFAULT_CONNECT_TIMEOUT, Duration::from_secs(10));
        assert!(CONNECT_TIMEOUT.contains("(default 10 s)"));
        assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 16 * 1024 * 1024);
        assert!(MAX_RESPONSE_BYTES.contains("(default 16 MiB)"));
    }
}
