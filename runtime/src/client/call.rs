//! [`Client::call`]: the attempt loop. Once per call the request is checked; then each
//! attempt resolves credentials, waits for a rate-limit slot, builds, sends and decodes,
//! and the retry rules decide whether another attempt follows.

use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tracing::Instrument;
use tracing::field::Empty;

use super::Protocol;
use super::handle::Client;
use super::trace::{TARGET, error_kind, log_request, log_response, millis, trace_failure};
use super::transport::Wire;
use crate::decode::{ResponseMeta, decode_with_meta};
use crate::error::Error;
use crate::limit::Permit;
use crate::operation::Operation;
use crate::redact::Mask;
use crate::retry::{self, Reason};
use crate::validate::Validate;

/// How an attempt's answer is read, without the result's type: a success is kept aside by
/// the reader (see [`Client::call_decoding`]), and only its verdict and the answer's facts
/// come back.
type Read<'a> =
    dyn FnMut(&Operation, Mask<'_>, u16, &[u8]) -> (Result<(), Error>, ResponseMeta) + Send + 'a;

/// What one attempt came to.
struct Outcome {
    result: Result<(), Error>,
    /// Why another attempt may succeed, if it may.
    reason: Option<Reason>,
    /// The server's `Retry-After`, in seconds.
    retry_after: Option<Duration>,
    status: Option<u16>,
    meta: ResponseMeta,
}

impl Outcome {
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

impl<P: Protocol> Client<P> {
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
    /// Then up to [`RetryPolicy::max_attempts`](crate::RetryPolicy::max_attempts)
    /// attempts, each of which
    ///
    /// 1. waits for a slot under [`Operation::rate_limit`] (unless
    ///    [`ClientBuilder::rate_limiting`](crate::ClientBuilder::rate_limiting) is off),
    ///    counted across every clone
    ///    of this client (and [`with_credentials`](Client::with_credentials)
    ///    copies); waiters are served in arrival order. An attempt holds its
    ///    slot until its answer's head arrives (or it fails), and for
    ///    `per_seconds` after that: no more than `requests` attempts of one
    ///    operation start — or reach the vendor — within any `per_seconds`
    ///    window, whatever the network latency;
    /// 2. builds the request afresh: the protocol adds its parts (a new
    ///    `thirdTraceId`, timestamp and signature every time);
    /// 3. sends it and reads at most
    ///    [`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)
    ///    of the answer, within the [timeout](crate::ClientBuilder::timeout);
    /// 4. decodes the answer with [`decode_response`](crate::decode_response).
    ///
    /// A failed attempt is retried if [`RetryPolicy`](crate::RetryPolicy)'s table says so
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
    /// and with [`ClientBuilder::log_bodies`](crate::ClientBuilder::log_bodies)
    /// masked bodies at trace level.
    pub async fn call<Req, Resp>(
        &self,
        op: &'static Operation,
        request: &Req,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned + Send,
    {
        self.call_decoding(op, request, decode_with_meta::<Resp>)
            .await
    }

    /// [`call`](Self::call), with the answer's body read by `decode` (as
    /// [`decode_with_meta`] does; the pager reads a page's records from it in one pass).
    ///
    /// The only part generic over the request and the result: it checks and serialises the
    /// request, and keeps aside what `decode` makes of a successful answer. Everything else
    /// (the attempt loop, its tracing, sending) is [`call_erased`](Self::call_erased), built
    /// once per protocol rather than once per endpoint.
    pub(crate) async fn call_decoding<Req, Resp, D>(
        &self,
        op: &'static Operation,
        request: &Req,
        decode: D,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: Send,
        D: Fn(&Operation, Mask<'_>, u16, &[u8]) -> (Result<Resp, Error>, ResponseMeta) + Send,
    {
        let fields = self.checked_fields(op, request);
        let mut decoded: Option<Resp> = None;
        let slot = &mut decoded;
        let mut read = move |op: &Operation, mask: Mask<'_>, status: u16, body: &[u8]| {
            let (result, meta) = decode(op, mask, status, body);
            (result.map(|value| *slot = Some(value)), meta)
        };
        self.call_erased(op, fields, &mut read).await?;
        // A success is never retried, so the last attempt's reading is the one kept.
        decoded.ok_or_else(|| Error::Decode {
            provider: op.provider,
            operation: op.name,
            path: String::new(),
            message: "the answer was read but its result was not kept".to_owned(),
            snippet: String::new(),
        })
    }

    /// The call's span around [`call_in_span`](Self::call_in_span).
    async fn call_erased(
        &self,
        op: &'static Operation,
        fields: Result<Map<String, Value>, Error>,
        read: &mut Read<'_>,
    ) -> Result<(), Error> {
        let span = tracing::debug_span!(
            target: TARGET,
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
        self.call_in_span(op, fields, span.clone(), read)
            .instrument(span)
            .await
    }

    async fn call_in_span(
        &self,
        op: &'static Operation,
        fields: Result<Map<String, Value>, Error>,
        span: tracing::Span,
        read: &mut Read<'_>,
    ) -> Result<(), Error> {
        let started = Instant::now();
        let fields = match fields {
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
            let permit = self.slot(op, attempt).await;
            let outcome = self
                .attempt(op, &fields, credentials.as_ref(), permit, read)
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
                    target: TARGET,
                    attempt,
                    vendor.code = outcome.meta.vendor_code.as_deref(),
                    "token expired; fetching a new one and trying once more"
                );
                continue;
            }
            let retries_allowed = policy.max_attempts() + u32::from(refreshed);
            let retry = match &outcome.result {
                Ok(()) => None,
                Err(_) => outcome
                    .reason
                    .filter(|&reason| attempt < retries_allowed && retry::allowed(op, reason)),
            };
            if let (Some(reason), Err(error)) = (retry, &outcome.result) {
                let delay = policy.delay(attempt, outcome.retry_after);
                tracing::debug!(
                    target: TARGET,
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
            return finish(op, &span, started, attempt, outcome);
        }
    }

    /// A slot under the operation's rate limit, `None` when rate limiting is off.
    async fn slot(&self, op: &Operation, attempt: u32) -> Option<Permit> {
        let limiter = self.inner.limiter.as_ref()?;
        let (permit, waited) = limiter.acquire(op).await;
        if !waited.is_zero() {
            tracing::debug!(
                target: TARGET,
                attempt,
                wait_ms = millis(waited),
                "waited for a rate-limit slot"
            );
        }
        Some(permit)
    }

    /// One attempt: build, send, read and decode.
    /// `permit` (the rate-limit slot) is held until the answer's head arrives.
    async fn attempt(
        &self,
        op: &Operation,
        fields: &Map<String, Value>,
        credentials: Option<&P::Credentials>,
        permit: Option<Permit>,
        read: &mut Read<'_>,
    ) -> Outcome {
        let secrets = self.secret_values(op, Some(fields), credentials);
        let mask = Mask::of(op).with_values(&secrets);
        let (outgoing, body) = match self.build_request(op, fields, credentials) {
            Ok(ready) => ready,
            Err(error) => return Outcome::failed(error, None),
        };
        if self.inner.log_bodies {
            log_request(mask, &outgoing, &body);
        }
        let wire = Wire {
            http: &self.inner.http,
            timeout: self.timeout,
            max_response_bytes: self.inner.max_response_bytes,
        };
        let answer = match wire.send(op, mask, outgoing, body, permit).await {
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
        if self.inner.log_bodies {
            log_response(mask, answer.status, &bytes);
        }
        let (result, meta) = read(op, mask, answer.status, &bytes);
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
}

/// The last attempt's facts on the span, one event saying how the call ended, and its
/// result (an [`Error::Http`] counting the attempts made).
fn finish(
    op: &Operation,
    span: &tracing::Span,
    started: Instant,
    attempt: u32,
    outcome: Outcome,
) -> Result<(), Error> {
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
        Ok(_) => tracing::debug!(target: TARGET, "call succeeded"),
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
    result
}
