//! Sending one prepared request and reading its answer, never buffering more of the body
//! than the size limit. Knows nothing of attempts or retries beyond classifying what went
//! wrong on the wire.

use std::time::Duration;

use reqwest::header::RETRY_AFTER;

use super::outgoing::Outgoing;
use crate::error::Error;
use crate::limit::Permit;
use crate::operation::{Method, Operation};
use crate::redact::{Mask, snippet_masked};
use crate::retry::{self, Reason};

/// How one request is sent: the client's HTTP pool and limits for one attempt.
pub(super) struct Wire<'a> {
    pub(super) http: &'a reqwest::Client,
    /// The attempt's timeout, connection to last body byte.
    pub(super) timeout: Duration,
    pub(super) max_response_bytes: usize,
}

/// An answer's head, and its body as far as it could be read.
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) retry_after: Option<Duration>,
    pub(super) body: Result<Vec<u8>, Failure>,
}

/// An attempt that got no usable answer.
pub(super) struct Failure {
    pub(super) error: Error,
    pub(super) reason: Option<Reason>,
}

impl Failure {
    fn transport(op: &Operation, error: reqwest::Error) -> Self {
        Failure {
            reason: Some(Reason::of_transport(&error)),
            error: transport_error(op, error),
        }
    }
}

impl Wire<'_> {
    /// Sends the request; `Err` when no answer arrived. `permit` (the rate-limit slot) is
    /// released as soon as the answer's head arrives or sending fails.
    pub(super) async fn send(
        &self,
        op: &Operation,
        mask: Mask<'_>,
        outgoing: Outgoing<'_>,
        body: Vec<u8>,
        permit: Option<Permit>,
    ) -> Result<Answer, Failure> {
        let method = match outgoing.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        // The request is made whole rather than through a `RequestBuilder`, whose
        // `headers` copies the map entry by entry into an empty one (and whose user-info
        // check has nothing to do: a base URL carries none, see `parse_base_url`).
        let has_body = outgoing.has_body();
        let mut request = reqwest::Request::new(method, outgoing.url);
        *request.headers_mut() = outgoing.headers;
        *request.timeout_mut() = Some(self.timeout);
        if has_body {
            *request.body_mut() = Some(body.into());
        }
        let sent = self.http.execute(request).await;
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
        let limit = self.max_response_bytes;
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
