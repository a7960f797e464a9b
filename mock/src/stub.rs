//! What a test tells the server to answer one endpoint: [`Reply`]s in a sequence, each
//! repeated a number of times or for good.

use std::marker::PhantomData;
use std::sync::Arc;

use bindery_runtime::{Endpoint, Operation};
use serde_json::Value;

type ReplyFn = dyn Fn(&Value) -> Reply + Send + Sync;

/// One answer of a stub.
#[derive(Clone)]
pub struct Reply(pub(crate) ReplyKind);

#[derive(Clone)]
pub(crate) enum ReplyKind {
    /// A success with this result (the response type's JSON), in the envelope.
    Result(Value),
    /// A vendor error with this code and message, in the envelope.
    Error { code: String, message: String },
    /// The spec example of this name, as it is.
    Example(String),
    /// An HTTP status with this body, as it is (a gateway's failure, a broken answer).
    Raw { status: u16, body: Vec<u8> },
    /// The request decides (a closure over the typed request).
    With(Arc<ReplyFn>),
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            ReplyKind::Result(_) => f.write_str("Reply::result(..)"),
            ReplyKind::Error { code, .. } => write!(f, "Reply::error({code:?}, ..)"),
            ReplyKind::Example(name) => write!(f, "Reply::example({name:?})"),
            ReplyKind::Raw { status, .. } => write!(f, "Reply::status({status})"),
            ReplyKind::With(_) => f.write_str("Reply::with(..)"),
        }
    }
}

impl Reply {
    /// A success whose result is `response`, wrapped in the provider's envelope (success
    /// code, flag and a request id added where the envelope has them).
    ///
    /// # Panics
    ///
    /// If `response` does not serialize to JSON (a generated response type always does: the
    /// `mock` feature the mock needs turns on `serialize`).
    pub fn ok<R: serde::Serialize>(response: &R) -> Reply {
        let value = serde_json::to_value(response).expect("a response type serializes to JSON");
        Reply(ReplyKind::Result(value))
    }

    /// A vendor error: `code` where the envelope keeps its code (a number for a vendor whose
    /// codes are numbers), `message` where it keeps the message, HTTP 200 as the vendors send
    /// it.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Reply {
        Reply(ReplyKind::Error {
            code: code.into(),
            message: message.into(),
        })
    }

    /// The endpoint's spec example named `name`, body as the spec has it (error examples
    /// too). An unknown name answers HTTP 500 naming it.
    pub fn example(name: impl Into<String>) -> Reply {
        Reply(ReplyKind::Example(name.into()))
    }

    /// HTTP `status` with an empty body: what a gateway answers when the vendor is down
    /// (`503`) or busy (`502`, `504`).
    pub fn status(status: u16) -> Reply {
        Reply::raw(status, Vec::new())
    }

    /// HTTP `status` with `body` exactly as given.
    pub fn raw(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply(ReplyKind::Raw {
            status,
            body: body.into(),
        })
    }
}

/// One step of a stub: a reply and how many requests it answers (`None`: all that come).
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub(crate) reply: Reply,
    pub(crate) remaining: Option<usize>,
}

/// The sequence of steps for one endpoint. A request takes the first step with requests
/// left; when none has, the endpoint answers its default (the spec's success example).
#[derive(Clone, Debug, Default)]
pub(crate) struct Sequence {
    steps: Vec<Step>,
}

impl Sequence {
    pub(crate) fn push(&mut self, step: Step) {
        self.steps.push(step);
    }

    pub(crate) fn clear(&mut self) {
        self.steps.clear();
    }

    /// The reply for the next request, using up one of its step's count.
    pub(crate) fn next(&mut self) -> Option<Reply> {
        let step = self
            .steps
            .iter_mut()
            .find(|step| step.remaining != Some(0))?;
        if let Some(remaining) = &mut step.remaining {
            *remaining -= 1;
        }
        Some(step.reply.clone())
    }
}

/// Where a stub's steps and expectations go (the running server).
pub(crate) trait Steps: Send + Sync {
    /// Adds a step to `operation`'s sequence.
    fn push_step(&self, operation: &'static Operation, step: Step);
    /// Forgets `operation`'s steps.
    fn clear_steps(&self, operation: &'static Operation);
    /// Expects `count` requests to `operation`.
    fn expect(&self, operation: &'static Operation, count: usize);
}

/// How a test sets what one endpoint answers: `mock.on::<CreateFlowRequest>()`.
///
/// Each call adds a step to the endpoint's sequence; requests take the steps in order. A
/// step added with [`respond`](Self::respond), [`respond_with`](Self::respond_with),
/// [`error`](Self::error) or [`then`](Self::then) answers every request that reaches it;
/// [`times`](Self::times) and [`fail`](Self::fail) answer a number of requests and then
/// pass on. When the steps are used up the endpoint answers its spec example again.
///
/// ```no_run
/// # async fn demo(mock: &bindery_mock::MockServer) {
/// use bindery::tencent_ess::{DescribeFlowBriefsRequest, DescribeFlowBriefsResponse};
/// use bindery_mock::Reply;
///
/// // Two gateway failures, then a success: a retry test.
/// let _ = mock
///     .on::<DescribeFlowBriefsRequest>()
///     .fail(2, 503)
///     .then(Reply::ok(&DescribeFlowBriefsResponse::new(Vec::new())));
/// # }
/// ```
pub struct Stub<'m, E> {
    shared: &'m dyn Steps,
    endpoint: PhantomData<fn(E)>,
}

impl<'m, E: Endpoint> Stub<'m, E> {
    pub(crate) fn new(shared: &'m dyn Steps) -> Self {
        Stub {
            shared,
            endpoint: PhantomData,
        }
    }

    fn push(self, reply: Reply, remaining: Option<usize>) -> Self {
        self.shared
            .push_step(E::OPERATION, Step { reply, remaining });
        self
    }

    /// Answers every request that reaches this step with `response`.
    pub fn respond(self, response: E::Response) -> Self {
        self.push(Reply::ok(&response), None)
    }

    /// Answers every request that reaches this step with what `f` makes of the typed
    /// request.
    pub fn respond_with(self, f: impl Fn(&E) -> E::Response + Send + Sync + 'static) -> Self {
        self.reply_with(move |request| Reply::ok(&f(request)))
    }

    /// Answers every request that reaches this step with the [`Reply`] `f` picks for the
    /// typed request (a success, an error, a status).
    pub fn reply_with(self, f: impl Fn(&E) -> Reply + Send + Sync + 'static) -> Self {
        let with = move |value: &Value| match serde_json::from_value::<E>(value.clone()) {
            Ok(request) => f(&request),
            // The request passed its check, so it decodes; should it not, say so loudly.
            Err(e) => Reply::raw(
                500,
                format!("bindery-mock: the request did not decode: {e}"),
            ),
        };
        self.push(Reply(ReplyKind::With(Arc::new(with))), None)
    }

    /// Answers every request that reaches this step with the vendor error `code`.
    pub fn error(self, code: impl Into<String>, message: impl Into<String>) -> Self {
        self.push(Reply::error(code, message), None)
    }

    /// Answers every request that reaches this step with `reply`.
    pub fn then(self, reply: Reply) -> Self {
        self.push(reply, None)
    }

    /// Answers the next `count` requests that reach this step with `reply`.
    pub fn times(self, count: usize, reply: Reply) -> Self {
        self.push(reply, Some(count))
    }

    /// Answers the next `count` requests that reach this step with HTTP `status` and no
    /// body.
    pub fn fail(self, count: usize, status: u16) -> Self {
        self.times(count, Reply::status(status))
    }

    /// Expects exactly `count` requests to reach the endpoint (counted as
    /// [`MockServer::calls`](crate::MockServer::calls) counts them) by the time the server
    /// is dropped or [`verify`](crate::MockServer::verify)ed.
    pub fn expect(self, count: usize) -> Self {
        self.shared.expect(E::OPERATION, count);
        self
    }

    /// Forgets this endpoint's steps: it answers its spec example again.
    pub fn reset(self) -> Self {
        self.shared.clear_steps(E::OPERATION);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(sequence: &mut Sequence, n: usize) -> Vec<Option<u16>> {
        (0..n)
            .map(|_| {
                sequence.next().map(|reply| match reply.0 {
                    ReplyKind::Raw { status, .. } => status,
                    _ => 0,
                })
            })
            .collect()
    }

    #[test]
    fn counted_steps_pass_on_and_a_step_for_good_stays() {
        let mut sequence = Sequence::default();
        sequence.push(Step {
            reply: Reply::status(503),
            remaining: Some(2),
        });
        sequence.push(Step {
            reply: Reply::status(502),
            remaining: Some(1),
        });
        sequence.push(Step {
            reply: Reply::status(200),
            remaining: None,
        });
        assert_eq!(
            statuses(&mut sequence, 6),
            [
                Some(503),
                Some(503),
                Some(502),
                Some(200),
                Some(200),
                Some(200)
            ]
        );
    }

    #[test]
    fn used_up_steps_leave_the_default() {
        let mut sequence = Sequence::default();
        sequence.push(Step {
            reply: Reply::status(503),
            remaining: Some(1),
        });
        assert_eq!(statuses(&mut sequence, 3), [Some(503), None, None]);
    }
}
