//! The [`Client`] handle: what every clone shares, and the accessors and cheap variations
//! of it. Leaf of the client's modules: the builder makes one, the call loop drives one.

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};
use url::Url;

use super::Protocol;
use crate::limit::RateLimiter;
use crate::operation::Operation;
use crate::redact::{KnownSecrets, Mask, SecretValues, hidden_values};
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
    /// The configured credentials' secret values and their forms (see
    /// [`Client::secret_values`]).
    pub(super) known_secrets: KnownSecrets,
}

impl<P: Protocol> Inner<P> {
    /// The secret values of `credentials`, the configured ones of a new client.
    pub(super) fn known_secrets(
        protocol: &P,
        credentials: Option<&P::Credentials>,
    ) -> KnownSecrets {
        KnownSecrets::new(
            credentials
                .into_iter()
                .flat_map(|c| protocol.secret_values(c)),
        )
    }
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
                known_secrets: Inner::known_secrets(&self.inner.protocol, Some(&credentials)),
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
    ///
    /// The configured ones' forms are the client's, worked out when it was built; when the
    /// call meets no other value they are the call's as they are, without a copy.
    pub(crate) fn secret_values(
        &self,
        op: &Operation,
        fields: Option<&Map<String, Value>>,
        used: Option<&P::Credentials>,
    ) -> Cow<'_, SecretValues> {
        let protocol = &self.inner.protocol;
        let known = &self.inner.known_secrets;
        let configured = self.inner.credentials.as_ref();
        let held = configured.map_or_else(Vec::new, |c| protocol.held_secret_values(c));
        let used = used.map_or_else(Vec::new, |c| protocol.secret_values(c));
        let hidden = fields.map_or_else(Vec::new, |fields| hidden_values(fields, Mask::of(op)));
        if held.is_empty() && hidden.is_empty() && used.iter().all(|value| known.covers(value)) {
            return Cow::Borrowed(known.forms());
        }
        let values = used
            .into_iter()
            .chain(known.values())
            .chain(held.iter().map(Secret::expose))
            .chain(hidden.iter().map(String::as_str));
        Cow::Owned(SecretValues::new(values, None, Mask::of(op)))
    }
}
