//! The [`Client`] handle: what every clone shares, and the accessors and cheap variations
//! of it. Leaf of the client's modules: the builder makes one, the call loop drives one.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};
use url::Url;

use super::Protocol;
use crate::limit::RateLimiter;
use crate::operation::Operation;
use crate::redact::{Mask, SecretValues};
use crate::retry::RetryPolicy;
use crate::wire::Secret;

/// A client for one vendor API: base URL, credentials, a shared HTTP
/// connection pool and a shared rate limiter. Cheap to clone; clones share
/// everything. [`with_timeout`](Client::with_timeout) and
/// [`with_retry`](Client::with_retry) make cheap clones that differ only in
/// those settings.
#[derive(Clone, Debug)]
pub struct Client<P: Protocol> {
    pub(super) inner: Arc<Inner<P>>,
    pub(super) timeout: Duration,
    pub(super) retry: RetryPolicy,
}

/// What every clone of a [`Client`] shares.
#[derive(Debug)]
pub(super) struct Inner<P: Protocol> {
    pub(super) protocol: P,
    pub(super) base_url: Url,
    pub(super) credentials: Option<P::Credentials>,
    pub(super) http: reqwest::Client,
    /// `None` when rate limiting is off.
    pub(super) limiter: Option<Arc<RateLimiter>>,
    pub(super) max_response_bytes: usize,
    pub(super) log_bodies: bool,
}

impl<P: Protocol> Client<P> {
    /// The base URL operation paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The protocol settings.
    pub fn protocol(&self) -> &P {
        &self.inner.protocol
    }

    /// The configured credentials, if any.
    pub fn credentials(&self) -> Option<&P::Credentials> {
        self.inner.credentials.as_ref()
    }

    /// The underlying HTTP client.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The time allowed for one attempt of a call.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// How failed attempts are retried.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// A client identical to this one (same base URL, settings, connection
    /// pool and rate limiter) but with other credentials, e.g. after
    /// refreshing a token.
    pub fn with_credentials(&self, credentials: P::Credentials) -> Self {
        Client {
            inner: Arc::new(Inner {
                protocol: self.inner.protocol.clone(),
                base_url: self.inner.base_url.clone(),
                credentials: Some(credentials),
                http: self.inner.http.clone(),
                limiter: self.inner.limiter.clone(),
                max_response_bytes: self.inner.max_response_bytes,
                log_bodies: self.inner.log_bodies,
            }),
            timeout: self.timeout,
            retry: self.retry,
        }
    }

    /// A clone of this client (sharing its connection pool, rate limiter and
    /// credentials) whose attempts may each take up to `timeout`, e.g. for one
    /// slow operation. A zero `timeout` makes every attempt time out.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Client {
            inner: Arc::clone(&self.inner),
            timeout,
            retry: self.retry,
        }
    }

    /// A clone of this client (sharing its connection pool, rate limiter and
    /// credentials) that retries by `policy`, e.g. [`RetryPolicy::none`] for
    /// a call the caller retries itself.
    pub fn with_retry(&self, policy: RetryPolicy) -> Self {
        Client {
            inner: Arc::clone(&self.inner),
            timeout: self.timeout,
            retry: policy,
        }
    }

    /// Every secret value a call of `op` may meet: those of the credentials it is prepared
    /// with (`used`: the fetched token too), of the configured ones (app secrets) and held
    /// beside them (tokens fetched for any scheme), and
    /// the request's values under hidden names (see [`SecretValues::new`]).
    pub(crate) fn secret_values(
        &self,
        op: &Operation,
        fields: Option<&Map<String, Value>>,
        used: Option<&P::Credentials>,
    ) -> SecretValues {
        let protocol = &self.inner.protocol;
        let configured = self.inner.credentials.as_ref();
        let held = configured.map_or_else(Vec::new, |c| protocol.held_secret_values(c));
        let values = [used, configured]
            .into_iter()
            .flatten()
            .flat_map(|credentials| protocol.secret_values(credentials))
            .chain(held.iter().map(Secret::expose));
        SecretValues::new(values, fields, Mask::of(op))
    }
}
