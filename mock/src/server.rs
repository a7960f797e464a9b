//! The server: the shared state a running mock keeps, the path of one request through it
//! (vendor admission, rate limit, spec check, reply), and the HTTP/1.1 loop on 127.0.0.1.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use bindery_runtime::Operation;
use bindery_runtime::served::{ServedEndpoint, ServedProvider};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use crate::answer::{self, Answer, VendorError};
use crate::checks;
use crate::credentials::Credentials;
use crate::incoming::Incoming;
use crate::journal::{Entry, Expectation, Journal, Verdict};
use crate::limit::Limits;
use crate::nonces::Nonces;
use crate::stub::{Reply, ReplyKind, Sequence, Step, Steps};
use crate::tokens::TokenBook;
use crate::vendor::{Admitted, Cx, Refusal, Vendor};

/// The largest request body read (a vendor refuses bigger ones too).
const MAX_BODY_BYTES: usize = 16 << 20;

/// Called with every journal entry as it is made (the command line logs them).
pub(crate) type Observer = Box<dyn Fn(&Entry) + Send + Sync>;

/// Everything a running server keeps.
pub(crate) struct Shared {
    pub(crate) provider: &'static ServedProvider,
    pub(crate) vendor: &'static dyn Vendor,
    pub(crate) credentials: Credentials,
    pub(crate) tokens: TokenBook,
    nonces: Nonces,
    pub(crate) enforce_limits: AtomicBool,
    limits: Mutex<Limits>,
    stubs: Mutex<HashMap<&'static str, Sequence>>,
    journal: Mutex<Journal>,
    expectations: Mutex<Vec<Expectation>>,
    /// What went wrong in a test's own code (a stub closure's panic), for `verify`.
    failures: Mutex<Vec<String>>,
    observer: Option<Observer>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A test's closure that panicked leaves the data as it was: keep serving.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub(crate) fn new(
        provider: &'static ServedProvider,
        vendor: &'static dyn Vendor,
        credentials: Credentials,
        enforce_limits: bool,
        observer: Option<Observer>,
        journal_limit: Option<usize>,
    ) -> Self {
        Shared {
            provider,
            vendor,
            credentials,
            tokens: TokenBook::default(),
            nonces: Nonces::default(),
            enforce_limits: AtomicBool::new(enforce_limits),
            limits: Mutex::default(),
            stubs: Mutex::default(),
            journal: Mutex::new(Journal::new(journal_limit)),
            expectations: Mutex::default(),
            failures: Mutex::default(),
            observer,
        }
    }
}

impl Steps for Shared {
    fn push_step(&self, operation: &'static Operation, step: Step) {
        lock(&self.stubs)
            .entry(operation.name)
            .or_default()
            .push(step);
    }

    fn clear_steps(&self, operation: &'static Operation) {
        if let Some(sequence) = lock(&self.stubs).get_mut(operation.name) {
            sequence.clear();
        }
    }

    fn expect(&self, operation: &'static Operation, count: usize) {
        lock(&self.expectations).push(Expectation {
            operation: operation.name,
            count,
        });
    }
}

impl Shared {
    pub(crate) fn journal(&self) -> Vec<Entry> {
        lock(&self.journal).entries()
    }

    pub(crate) fn calls(&self, operation: &str) -> usize {
        lock(&self.journal).calls(operation)
    }

    /// The unmet expectations and the test code's failures, one line each.
    pub(crate) fn unmet(&self) -> Vec<String> {
        let mut unmet = lock(&self.journal).unmet(&lock(&self.expectations));
        unmet.extend(lock(&self.failures).iter().cloned());
        unmet
    }

    fn cx(&self) -> Cx<'_> {
        Cx {
            provider: self.provider,
            credentials: &self.credentials,
            tokens: &self.tokens,
            nonces: &self.nonces,
        }
    }

    /// One request, start to end: its answer, with the journal written.
    pub(crate) fn handle(&self, request: &Incoming) -> Answer {
        let (answer, entry) = match self.vendor.admit(&self.cx(), request) {
            Err(refusal) => refused(refusal, request),
            Ok(admitted) => self.serve(admitted, request),
        };
        if let Some(observer) = &self.observer {
            observer(&entry);
        }
        lock(&self.journal).push(entry);
        answer
    }

    fn serve(&self, admitted: Admitted, request: &Incoming) -> (Answer, Entry) {
        let Admitted {
            endpoint,
            mut fields,
            from_query,
        } = admitted;
        let (endpoint, checked) = checks::pick(
            self.provider,
            self.vendor,
            endpoint,
            &mut fields,
            from_query,
        );
        let operation = endpoint.operation;
        let entry = |verdict: Verdict, fields: Value| Entry {
            operation: Some(operation.name),
            method: request.method.clone(),
            path: request.path.clone(),
            verdict,
            fields,
        };
        let refuse = |error: VendorError, fields: Value| {
            let body = answer::error(operation.envelope, &error);
            let verdict = Verdict::Refused {
                code: error.code,
                message: error.message,
            };
            (Answer::json(error.status, &body), entry(verdict, fields))
        };
        if self.enforce_limits.load(Ordering::Relaxed)
            && !lock(&self.limits).admit(operation, Instant::now())
            && let Some(error) = self.vendor.throttled()
        {
            return refuse(error, fields);
        }
        if let Err(error) = checked {
            return refuse(error, fields);
        }
        let reply = lock(&self.stubs)
            .get_mut(operation.name)
            .and_then(Sequence::next);
        let answer = match reply {
            Some(reply) => self.render(endpoint, &reply, &fields),
            None => self.default_answer(endpoint, &fields),
        };
        let status = answer.status;
        (answer, entry(Verdict::Answered { status }, fields))
    }

    fn render(&self, endpoint: &'static ServedEndpoint, reply: &Reply, fields: &Value) -> Answer {
        let ReplyKind::With(f) = &reply.0 else {
            return render(endpoint, reply);
        };
        // A test's closure that panics fails the test (at `verify` or drop), not the server.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(fields))) {
            Ok(reply) => self.render(endpoint, &reply, fields),
            Err(panic) => {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let failure = format!(
                    "the stub of `{}` panicked: {message}",
                    endpoint.operation.name
                );
                lock(&self.failures).push(failure.clone());
                Answer {
                    status: 500,
                    body: format!("bindery-mock: {failure}").into_bytes(),
                }
            }
        }
    }

    /// The vendor's own answer (a token endpoint's), else the spec's success example.
    fn default_answer(&self, endpoint: &'static ServedEndpoint, fields: &Value) -> Answer {
        match self.vendor.answer(&self.cx(), endpoint, fields) {
            Some(Ok(body)) => Answer::json(200, &body),
            Some(Err(error)) => Answer::json(
                error.status,
                &answer::error(endpoint.operation.envelope, &error),
            ),
            None => match endpoint.success_example() {
                Some(example) => example_answer(endpoint.operation, example.response),
                None => no_example(endpoint, "a success example"),
            },
        }
    }
}

fn refused(refusal: Refusal, request: &Incoming) -> (Answer, Entry) {
    let body = answer::error(refusal.envelope, &refusal.error);
    let entry = Entry {
        operation: refusal.operation.map(|op| op.name),
        method: request.method.clone(),
        path: request.path.clone(),
        verdict: Verdict::Rejected {
            code: refusal.error.code,
            message: refusal.error.message,
        },
        fields: Value::Null,
    };
    (Answer::json(refusal.error.status, &body), entry)
}

/// An example's answer with a request id of its own where the example has one: a vendor
/// never answers two requests with one id, and a client that logs or matches answers by it
/// must not be misled by a mock.
fn example_answer(operation: &Operation, response: &'static str) -> Answer {
    let fresh = operation.envelope.request_id.and_then(|path| {
        let mut body: Value = serde_json::from_str(response).ok()?;
        answer::get(&body, path)?;
        answer::set(&mut body, path, Value::from(answer::request_id()));
        Some(Answer::json(200, &body))
    });
    fresh.unwrap_or_else(|| Answer {
        status: 200,
        body: response.as_bytes().to_vec(),
    })
}

fn no_example(endpoint: &ServedEndpoint, what: &str) -> Answer {
    Answer {
        status: 500,
        body: format!(
            "bindery-mock: the spec of `{}` has no {what}; stub an answer with `mock.on::<…>()`",
            endpoint.operation.name
        )
        .into_bytes(),
    }
}

fn render(endpoint: &'static ServedEndpoint, reply: &Reply) -> Answer {
    let operation = endpoint.operation;
    match &reply.0 {
        ReplyKind::Result(result) => Answer::json(200, &answer::success(operation, result.clone())),
        ReplyKind::Error { code, message } => {
            let error = VendorError {
                status: 200,
                code: code.clone(),
                message: message.clone(),
            };
            Answer::json(200, &answer::error(operation.envelope, &error))
        }
        ReplyKind::Example(name) => match endpoint.example(name) {
            Some(example) => example_answer(operation, example.response),
            None => no_example(endpoint, &format!("example named `{name}`")),
        },
        ReplyKind::Raw { status, body } => Answer {
            status: *status,
            body: body.clone(),
        },
        // `Shared::render` runs closures (it catches their panics).
        ReplyKind::With(_) => Answer {
            status: 500,
            body: b"bindery-mock: a closure's reply was not run".to_vec(),
        },
    }
}

/// Serves `shared` on `listener` until the returned set is dropped or aborted.
pub(crate) fn spawn(listener: TcpListener, shared: Arc<Shared>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, most likely: wait for connections to close
                // rather than spin.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            };
            let _ = stream.set_nodelay(true);
            let shared = shared.clone();
            // Finished connections are reaped as new ones come, so the set stays small.
            while connections.try_join_next().is_some() {}
            connections.spawn(async move {
                let service = service_fn(move |request| {
                    let shared = shared.clone();
                    async move { Ok::<_, Infallible>(respond(&shared, request).await) }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    })
}

async fn respond(
    shared: &Shared,
    request: hyper::Request<hyper::body::Incoming>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let answer = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => {
            let incoming = Incoming {
                method: parts.method.as_str().to_owned(),
                path: parts.uri.path().to_owned(),
                query: parts.uri.query().map(str::to_owned),
                headers: parts.headers,
                body: collected.to_bytes(),
            };
            shared.handle(&incoming)
        }
        Err(_) => Answer {
            status: 413,
            body: format!("bindery-mock: the body is over {MAX_BODY_BYTES} bytes or broken")
                .into_bytes(),
        },
    };
    let mut response = hyper::Response::new(Full::new(Bytes::from(answer.body)));
    *response.status_mut() = hyper::StatusCode::from_u16(answer.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
