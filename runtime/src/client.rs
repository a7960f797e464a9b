//! The HTTP client shared by every generated API, and response decoding.

use std::fmt::Debug;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tracing::Instrument;
use tracing::field::Empty;
use url::Url;

pub use crate::decode::decode_response;
use crate::decode::{ResponseMeta, decode_with_meta};
use crate::error::{Error, Mask, masked_body, snippet_masked};
use crate::limit::{Permit, RateLimiter};
use crate::operation::{Method, Operation};
use crate::redact::{SecretValues, url_for_display};
use crate::retry::{self, Reason, RetryPolicy};
use crate::validate::Validate;
use crate::wire::Secret;

pub use crate::protocol::{CredentialsFuture, Outgoing, Protocol};
use crate::query::{append_query, json_kind, query_pairs};

/// Default time for one attempt of a call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default largest response body accepted: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// A client for one vendor API: base URL, credentials, a shared HTTP
/// connection pool and a shared rate limiter. Cheap to clone; clones share
/// everything. [`with_timeout`](Client::with_timeout) and
/// [`with_retry`](Client::with_retry) make cheap clones that differ only in
/// those settings.
#[derive(Clone, Debug)]
pub struct Client<P: Protocol> {
    inner: Arc<Inner<P>>,
    timeout: Duration,
    retry: RetryPolicy,
}

#[derive(Debug)]
struct Inner<P: Protocol> {
    protocol: P,
    base_url: Url,
    credentials: Option<P::Credentials>,
    http: reqwest::Client,
    /// `None` when rate limiting is off.
    limiter: Option<Arc<RateLimiter>>,
    max_response_bytes: usize,
    log_bodies: bool,
}

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

impl<P: Protocol> ClientBuilder<P> {
    /// Replaces the protocol with `f(protocol)`: how a protocol's own builder methods
    /// (Tencent's `region`, `language`) change its settings.
    #[must_use]
    pub fn map_protocol(mut self, f: impl FnOnce(P) -> P) -> Self {
        self.protocol = f(self.protocol);
        self
    }

    /// Overrides the base URL (private deployments, sandboxes, test servers).
    /// Checked in [`build`](ClientBuilder::build): absolute `http`/`https`, no
    /// query, fragment or user info. A trailing slash makes no difference.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Credentials for authorised operations.
    pub fn credentials(mut self, credentials: P::Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Total time allowed for one attempt of a call, connection to last body
    /// byte. Default 30 s. It applies to each attempt separately; see
    /// [`Client::call`] for the time a whole call may take.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect. Default 10 s. Ignored with
    /// [`http_client`](ClientBuilder::http_client), whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Uses this HTTP client (and its connection pool, proxy and TLS settings)
    /// instead of building one. The per-call [`timeout`](ClientBuilder::timeout)
    /// still applies.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How failed attempts are retried. Default [`RetryPolicy::default`]
    /// (3 attempts, 200 ms base delay, 5 s cap); [`RetryPolicy::none`] turns
    /// retries off.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Whether calls keep to their operation's [`Operation::rate_limit`]
    /// (default `true`). See [`Client::call`].
    pub fn rate_limiting(mut self, enabled: bool) -> Self {
        self.rate_limiting = enabled;
        self
    }

    /// The largest response body accepted, in bytes. Default 16 MiB
    /// ([`DEFAULT_MAX_RESPONSE_BYTES`]). A larger body is an [`Error::Decode`]
    /// naming the limit; no more than the limit is ever buffered.
    pub fn max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Whether request and response bodies are written to the trace log
    /// (`tracing::trace!`, target `bindery_runtime::client`). Default `false`.
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

    /// Calls `op` with `request` and decodes its result.
    ///
    /// Once per call: `request.validate()` ([`Error::InvalidRequest`]) and the
    /// credentials check ([`Error::Credentials`]) happen before any I/O; the
    /// request is serialised to a JSON object (a unit request `()` is `{}`);
    /// for POST it is the body, for GET its top-level fields become query
    /// parameters in serialisation order (strings as-is, numbers and booleans as
    /// text, `null` left out, arrays as one repeated parameter per element,
    /// objects and nested arrays as compact JSON text).
    ///
    /// Then up to [`RetryPolicy::max_attempts`] attempts, each of which
    ///
    /// 1. waits for a slot under [`Operation::rate_limit`] (unless
    ///    [`ClientBuilder::rate_limiting`] is off), counted across every clone
    ///    of this client (and [`with_credentials`](Client::with_credentials)
    ///    copies); waiters are served in arrival order. An attempt holds its
    ///    slot until its answer's head arrives (or it fails), and for
    ///    `per_seconds` after that: no more than `requests` attempts of one
    ///    operation start — or reach the vendor — within any `per_seconds`
    ///    window, whatever the network latency;
    /// 2. builds the request afresh: the protocol adds its parts (a new
    ///    `thirdTraceId`, timestamp and signature every time);
    /// 3. sends it and reads at most [`ClientBuilder::max_response_bytes`] of
    ///    the answer, within the [timeout](ClientBuilder::timeout);
    /// 4. decodes the answer with [`decode_response`].
    ///
    /// A failed attempt is retried if [`RetryPolicy`]'s table says so
    /// (throttling and unsent requests always; gateway errors, timeouts,
    /// broken connections and vendor "busy" answers only for
    /// [`Operation::idempotent`] operations), after the policy's delay. The
    /// last attempt's error is returned; an [`Error::Http`] says how many
    /// attempts were made.
    ///
    /// # Time and cancellation
    ///
    /// The timeout applies to each attempt (connection to last body byte);
    /// there is no overall deadline, as its right value depends on the caller.
    /// A call takes at most `max_attempts × timeout + (max_attempts − 1) ×
    /// max_delay`, plus any wait for rate-limit slots. For a deadline, wrap
    /// the call in [`tokio::time::timeout`]: calls are cancellation-safe —
    /// dropping the future at any point gives up its place in the rate
    /// limiter's queue without taking a slot, and leaves nothing locked.
    ///
    /// # Tracing
    ///
    /// One span `bindery.call` (provider, operation, `attempt` = the number of
    /// the last attempt, and that attempt's HTTP status, vendor code and
    /// request id; `latency_ms` over all attempts), one debug event per retry
    /// (`retry.reason`, `retry.delay_ms`, the attempt's error kind and status),
    /// and with [`ClientBuilder::log_bodies`] masked bodies at trace level.
    pub async fn call<Req, Resp>(
        &self,
        op: &'static Operation,
        request: &Req,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
    {
        let span = tracing::debug_span!(
            "bindery.call",
            provider = op.provider,
            operation = op.name,
            attempt = Empty,
            http.status = Empty,
            vendor.code = Empty,
            request_id = Empty,
            latency_ms = Empty,
        );
        // The span is passed in rather than looked up with `Span::current()`,
        // which depends on the subscriber tracking the current span.
        self.call_in_span(op, request, span.clone())
            .instrument(span)
            .await
    }

    async fn call_in_span<Req, Resp>(
        &self,
        op: &'static Operation,
        request: &Req,
        span: tracing::Span,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
    {
        let started = Instant::now();
        let fields = match self.checked_fields(op, request) {
            Ok(fields) => fields,
            Err(error) => {
                trace_failure(&error, "request rejected before sending");
                return Err(error);
            }
        };
        let policy = self.retry;
        let mut attempt: u32 = 0;
        // Set once an expired token was replaced; the extra attempt it buys is not a retry.
        let mut refreshed = false;
        loop {
            attempt += 1;
            // Recorded as each attempt starts, so that a call dropped midway
            // shows how far it got; the last record is the final attempt.
            span.record("attempt", attempt);
            let credentials = match self.inner.protocol.resolve(self, op).await {
                Ok(credentials) => credentials,
                Err(error) => {
                    trace_failure(&error, "no credentials for the call");
                    return Err(error);
                }
            };
            let permit = match &self.inner.limiter {
                Some(limiter) => {
                    let (permit, waited) = limiter.acquire(op).await;
                    if !waited.is_zero() {
                        tracing::debug!(
                            attempt,
                            wait_ms = millis(waited),
                            "waited for a rate-limit slot"
                        );
                    }
                    Some(permit)
                }
                None => None,
            };
            let outcome = self
                .attempt::<Resp>(op, &fields, credentials.as_ref(), permit)
                .await;
            if let Err(error) = &outcome.result
                && !refreshed
                && self
                    .inner
                    .protocol
                    .forget(self, op, credentials.as_ref(), error)
                    .await
            {
                refreshed = true;
                tracing::debug!(
                    attempt,
                    vendor.code = outcome.meta.vendor_code.as_deref(),
                    "token expired; fetching a new one and trying once more"
                );
                continue;
            }
            let retries_allowed = policy.max_attempts() + u32::from(refreshed);
            let retry = match &outcome.result {
                Ok(_) => None,
                Err(_) => outcome
                    .reason
                    .filter(|&reason| attempt < retries_allowed && retry::allowed(op, reason)),
            };
            if let (Some(reason), Err(error)) = (retry, &outcome.result) {
                let delay = policy.delay(attempt, outcome.retry_after);
                tracing::debug!(
                    attempt,
                    retry.reason = reason.as_str(),
                    retry.delay_ms = millis(delay),
                    error.kind = error_kind(error),
                    http.status = outcome.status,
                    vendor.code = outcome.meta.vendor_code.as_deref(),
                    "attempt failed, retrying"
                );
                tokio::time::sleep(delay).await;
                continue;
            }

            span.record("latency_ms", millis(started.elapsed()));
            if let Some(status) = outcome.status {
                span.record("http.status", status);
            }
            if let Some(code) = &outcome.meta.vendor_code {
                span.record("vendor.code", code.as_str());
            }
            if let Some(id) = &outcome.meta.request_id {
                span.record("request_id", id.as_str());
            }
            match &outcome.result {
                Ok(_) => tracing::debug!("call succeeded"),
                Err(error) => match outcome.reason {
                    Some(reason) if !retry::allowed(op, reason) => trace_failure(
                        error,
                        "call failed; not retried: the operation is not idempotent",
                    ),
                    Some(_) => trace_failure(error, "call failed; no attempts left"),
                    None => trace_failure(error, "call failed"),
                },
            }
            let mut result = outcome.result;
            if let Err(Error::Http { attempts, .. }) = &mut result {
                *attempts = attempt;
            }
            return result;
        }
    }

    /// One attempt: build, send, read and decode.
    /// `permit` (the rate-limit slot) is held until the answer's head arrives.
    async fn attempt<Resp: DeserializeOwned>(
        &self,
        op: &Operation,
        fields: &Map<String, Value>,
        credentials: Option<&P::Credentials>,
        permit: Option<Permit>,
    ) -> Outcome<Resp> {
        let secrets = self.secret_values(op, Some(fields), credentials);
        let mask = Mask::of(op).with_values(&secrets);
        let (outgoing, body) = match self.build_request(op, fields.clone(), credentials) {
            Ok(ready) => ready,
            Err(error) => return Outcome::failed(error, None),
        };
        if self.inner.log_bodies {
            log_request(mask, &outgoing, &body);
        }
        let answer = match self.send(op, mask, outgoing, body, permit).await {
            Ok(answer) => answer,
            Err(failure) => return Outcome::failed(failure.error, failure.reason),
        };
        let bytes = match answer.body {
            Ok(bytes) => bytes,
            Err(failure) => {
                let mut outcome = Outcome::failed(failure.error, failure.reason);
                outcome.status = Some(answer.status);
                return outcome;
            }
        };
        if self.inner.log_bodies && tracing::enabled!(tracing::Level::TRACE) {
            tracing::trace!(
                http.status = answer.status,
                body = %masked_body(&bytes, mask),
                "response body"
            );
        }
        let (result, meta) = decode_with_meta(op, mask, answer.status, &bytes);
        let reason = match &result {
            Ok(_) => None,
            Err(error) => Reason::of_answer(|code| self.inner.protocol.classify(code), error),
        };
        Outcome {
            result,
            reason,
            retry_after: answer.retry_after,
            status: Some(answer.status),
            meta,
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

    /// Validation, credentials check and serialisation: once per call.
    fn checked_fields<Req>(
        &self,
        op: &Operation,
        request: &Req,
    ) -> Result<Map<String, Value>, Error>
    where
        Req: Serialize + Validate + ?Sized,
    {
        validate(op, request)?;
        self.inner
            .protocol
            .check_credentials(op, self.inner.credentials.as_ref())
            .map_err(|message| Error::Credentials {
                provider: op.provider,
                message,
            })?;
        to_object(op, request)
    }

    /// The request with the protocol's parts: once per attempt.
    fn build_request(
        &self,
        op: &Operation,
        fields: Map<String, Value>,
        credentials: Option<&P::Credentials>,
    ) -> Result<(Outgoing, Vec<u8>), Error> {
        let protocol = &self.inner.protocol;
        let mut url = self.endpoint(op);
        let json = match op.method {
            Method::Post => Some(fields),
            Method::Get => {
                append_query(&mut url, &query_pairs(&fields));
                None
            }
        };
        let mut outgoing = Outgoing {
            method: op.method,
            url,
            headers: HeaderMap::new(),
            json,
        };
        let now = SystemTime::now();
        protocol.prepare(op, &mut outgoing, credentials, now)?;
        let body = match &outgoing.json {
            Some(json) => serde_json::to_vec(json).map_err(|e| Error::InvalidRequest {
                provider: op.provider,
                operation: op.name,
                field: String::new(),
                rule: format!("cannot be serialised to JSON: {e}"),
            })?,
            None => Vec::new(),
        };
        if outgoing.json.is_some() && !outgoing.headers.contains_key(CONTENT_TYPE) {
            outgoing
                .headers
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        protocol.sign(op, &mut outgoing, &body, credentials, now)?;
        Ok((outgoing, body))
    }

    /// Sends the request; `Err` when no answer arrived.
    async fn send(
        &self,
        op: &Operation,
        mask: Mask<'_>,
        outgoing: Outgoing,
        body: Vec<u8>,
        permit: Option<Permit>,
    ) -> Result<Answer, Failure> {
        let method = match outgoing.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self
            .inner
            .http
            .request(method, outgoing.url)
            .headers(outgoing.headers)
            .timeout(self.timeout);
        if outgoing.json.is_some() {
            builder = builder.body(body);
        }
        let sent = builder.send().await;
        // The vendor has the request by now (if it ever will): the slot's
        // window runs from here.
        drop(permit);
        let response = sent.map_err(|e| Failure::transport(op, e))?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(retry::parse_retry_after);
        Ok(Answer {
            status,
            retry_after,
            body: self.read_body(op, mask, response).await,
        })
    }

    /// The body, chunk by chunk, never buffering more than the size limit.
    async fn read_body(
        &self,
        op: &Operation,
        mask: Mask<'_>,
        mut response: reqwest::Response,
    ) -> Result<Vec<u8>, Failure> {
        let limit = self.inner.max_response_bytes;
        let too_large = |prefix: &[u8]| Failure {
            error: Error::Decode {
                provider: op.provider,
                operation: op.name,
                path: String::new(),
                message: format!("response body exceeds the limit of {limit} bytes"),
                snippet: snippet_masked(prefix, mask),
            },
            reason: None,
        };
        let declared = response.content_length();
        if declared.is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX)) {
            return Err(too_large(&[]));
        }
        let expected = declared
            .and_then(|length| usize::try_from(length).ok())
            .unwrap_or(0);
        let mut bytes = Vec::with_capacity(expected.min(1024 * 1024));
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| Failure::transport(op, e))?
        {
            if chunk.len() > limit - bytes.len() {
                return Err(too_large(&bytes));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }

    /// The URL a user's browser should open for `op` (an authorisation
    /// redirect, not an API call): base URL + path + the request's top-level
    /// fields as query parameters, encoded as in [`Client::call`] for GET.
    /// Validates the request; no I/O, no credentials.
    pub fn redirect_url<Req>(&self, op: &'static Operation, request: &Req) -> Result<Url, Error>
    where
        Req: Serialize + Validate + ?Sized,
    {
        validate(op, request)?;
        let fields = to_object(op, request)?;
        let mut url = self.endpoint(op);
        append_query(&mut url, &query_pairs(&fields));
        Ok(url)
    }

    /// Base URL joined with the operation's path, without doubling slashes.
    fn endpoint(&self, op: &Operation) -> Url {
        let mut url = self.inner.base_url.clone();
        let base = url.path().trim_end_matches('/');
        let path = if op.path.is_empty() {
            format!("{base}/")
        } else if op.path.starts_with('/') {
            format!("{base}{}", op.path)
        } else {
            format!("{base}/{}", op.path)
        };
        url.set_path(&path);
        url
    }
}

/// What one attempt came to.
struct Outcome<Resp> {
    result: Result<Resp, Error>,
    /// Why another attempt may succeed, if it may.
    reason: Option<Reason>,
    /// The server's `Retry-After`, in seconds.
    retry_after: Option<Duration>,
    status: Option<u16>,
    meta: ResponseMeta,
}

impl<Resp> Outcome<Resp> {
    fn failed(error: Error, reason: Option<Reason>) -> Self {
        Outcome {
            result: Err(error),
            reason,
            retry_after: None,
            status: None,
            meta: ResponseMeta::default(),
        }
    }
}

/// An answer's head, and its body as far as it could be read.
struct Answer {
    status: u16,
    retry_after: Option<Duration>,
    body: Result<Vec<u8>, Failure>,
}

/// An attempt that got no usable answer.
struct Failure {
    error: Error,
    reason: Option<Reason>,
}

impl Failure {
    fn transport(op: &Operation, error: reqwest::Error) -> Self {
        Failure {
            reason: Some(Reason::of_transport(&error)),
            error: transport_error(op, error),
        }
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The request's body (POST) or query (GET), masked, at trace level.
fn log_request(mask: Mask<'_>, outgoing: &Outgoing, body: &[u8]) {
    if !tracing::enabled!(tracing::Level::TRACE) {
        return;
    }
    match outgoing.method {
        Method::Post => tracing::trace!(body = %masked_body(body, mask), "request body"),
        Method::Get => tracing::trace!(
            query = %masked_body(outgoing.url.query().unwrap_or_default().as_bytes(), mask),
            "request query"
        ),
    }
}

fn error_kind(error: &Error) -> &'static str {
    match error {
        Error::Vendor(_) => "vendor",
        Error::Http { .. } => "http",
        Error::Transport { .. } => "transport",
        Error::Timeout { .. } => "timeout",
        Error::Decode { .. } => "decode",
        Error::InvalidRequest { .. } => "invalid_request",
        Error::Credentials { .. } => "credentials",
        Error::Pagination { .. } => "pagination",
        Error::Config { .. } => "config",
        Error::TokenFetch { .. } => "token_fetch",
    }
}

/// One event per failed call with the kind of failure and its non-sensitive
/// facts. Not the `Display` text: that holds body snippets and vendor messages,
/// which may carry personal data.
fn trace_failure(error: &Error, what: &'static str) {
    match error {
        Error::Vendor(v) => tracing::debug!(error.kind = "vendor", vendor.code = %v.code, "{what}"),
        Error::Http { status, .. } => {
            tracing::debug!(error.kind = "http", http.status = status, "{what}")
        }
        Error::Transport { .. } => tracing::debug!(error.kind = "transport", "{what}"),
        Error::Timeout { .. } => tracing::debug!(error.kind = "timeout", "{what}"),
        Error::Decode { path, .. } => {
            tracing::debug!(error.kind = "decode", error.path = %path, "{what}")
        }
        Error::InvalidRequest { field, .. } => {
            tracing::debug!(error.kind = "invalid_request", error.field = %field, "{what}")
        }
        Error::Credentials { .. } => tracing::debug!(error.kind = "credentials", "{what}"),
        Error::Pagination { .. } => tracing::debug!(error.kind = "pagination", "{what}"),
        Error::Config { .. } => tracing::debug!(error.kind = "config", "{what}"),
        Error::TokenFetch { source, .. } => {
            tracing::debug!(
                error.kind = "token_fetch",
                error.cause = error_kind(source),
                "{what}"
            )
        }
    }
}

fn validate<Req: Validate + ?Sized>(op: &Operation, request: &Req) -> Result<(), Error> {
    request.validate().map_err(|v| Error::InvalidRequest {
        provider: op.provider,
        operation: op.name,
        field: v.field,
        rule: v.rule,
    })
}

fn to_object<Req: Serialize + ?Sized>(
    op: &Operation,
    request: &Req,
) -> Result<Map<String, Value>, Error> {
    let invalid = |rule: String| Error::InvalidRequest {
        provider: op.provider,
        operation: op.name,
        field: String::new(),
        rule,
    };
    match serde_json::to_value(request) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(other) => Err(invalid(format!(
            "must serialise to a JSON object, not {}",
            json_kind(&other)
        ))),
        Err(e) => Err(invalid(format!("cannot be serialised to JSON: {e}"))),
    }
}

fn transport_error(op: &Operation, error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout {
            provider: op.provider,
            operation: op.name,
        }
    } else {
        Error::Transport {
            provider: op.provider,
            operation: op.name,
            source: error.without_url(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_ops::{MD_OP, TC_OP};

    use crate::fxiaoke;

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

    #[test]
    fn endpoint_joins_paths() {
        let client = |base: &str| Client::builder(fxiaoke::Fxiaoke, base).build().unwrap();
        assert_eq!(
            client("https://api.mingdao.com/generalintegrate/")
                .endpoint(&MD_OP)
                .as_str(),
            "https://api.mingdao.com/generalintegrate/v2/user/getUserRelations"
        );
        assert_eq!(
            client("https://api.mingdao.com/generalintegrate")
                .endpoint(&MD_OP)
                .as_str(),
            "https://api.mingdao.com/generalintegrate/v2/user/getUserRelations"
        );
        assert_eq!(
            client("https://ess.tencentcloudapi.com")
                .endpoint(&TC_OP)
                .as_str(),
            "https://ess.tencentcloudapi.com/"
        );
        assert_eq!(
            client("https://x.example/gw/").endpoint(&TC_OP).as_str(),
            "https://x.example/gw/"
        );
    }

    #[test]
    fn query_flattening() {
        let fields = serde_json::json!({
            "s": "a b&c", "n": 3, "f": 1.5, "b": true, "z": null,
            "arr": ["x", 2, null, {"k": 1}], "obj": {"k": [1]}
        });
        let Value::Object(map) = fields else {
            unreachable!()
        };
        let pairs = query_pairs(&map);
        let expected: Vec<(String, String)> = [
            ("s", "a b&c"),
            ("n", "3"),
            ("f", "1.5"),
            ("b", "true"),
            ("arr", "x"),
            ("arr", "2"),
            ("arr", r#"{"k":1}"#),
            ("obj", r#"{"k":[1]}"#),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(pairs, expected);
    }
}
