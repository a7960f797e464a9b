//! The server: the shared state a running mock keeps, the path of one request through it
//! (vendor admission, rate limit, spec check, reply), and the HTTP/1.1 loop on 127.0.0.1.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use bindery_runtime::Operation;
use bindery_runtime::served::{FaultKind, RequestFault, ServedEndpoint, ServedProvider};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinSet;

use crate::answer::{self, Answer, VendorError};
use crate::credentials::Credentials;
use crate::journal::{self, Entry, Expectation, Verdict};
use crate::limit::Limits;
use crate::stub::{Reply, ReplyKind, Sequence, Step};
use crate::tokens::TokenBook;
use crate::vendor::{Admitted, Cx, Refusal, Vendor};

/// The largest request body read (a vendor refuses bigger ones too).
const MAX_BODY_BYTES: usize = 16 << 20;

/// A received request, as the vendor checks read it.
pub(crate) struct Incoming {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Incoming {
    /// The one value of header `name`, as text; `None` when absent, repeated or not text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.headers.get_all(name).iter();
        let first = values.next()?;
        if values.next().is_some() {
            return None;
        }
        first.to_str().ok()
    }

    /// The query's pairs, decoded.
    pub(crate) fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or("");
        url_pairs(query)
    }
}

fn url_pairs(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

/// Called with every journal entry as it is made (the command line logs them).
pub(crate) type Observer = Box<dyn Fn(&Entry) + Send + Sync>;

/// Everything a running server keeps.
pub(crate) struct Shared {
    pub(crate) provider: &'static ServedProvider,
    pub(crate) vendor: &'static dyn Vendor,
    pub(crate) credentials: Credentials,
    pub(crate) tokens: TokenBook,
    pub(crate) enforce_limits: AtomicBool,
    limits: Mutex<Limits>,
    stubs: Mutex<HashMap<&'static str, Sequence>>,
    journal: Mutex<Vec<Entry>>,
    expectations: Mutex<Vec<Expectation>>,
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
    ) -> Self {
        Shared {
            provider,
            vendor,
            credentials,
            tokens: TokenBook::default(),
            enforce_limits: AtomicBool::new(enforce_limits),
            limits: Mutex::default(),
            stubs: Mutex::default(),
            journal: Mutex::default(),
            expectations: Mutex::default(),
            observer,
        }
    }

    pub(crate) fn push_step(&self, operation: &'static Operation, step: Step) {
        lock(&self.stubs)
            .entry(operation.name)
            .or_default()
            .push(step);
    }

    pub(crate) fn clear_steps(&self, operation: &'static Operation) {
        if let Some(sequence) = lock(&self.stubs).get_mut(operation.name) {
            sequence.clear();
        }
    }

    pub(crate) fn expect(&self, operation: &'static Operation, count: usize) {
        lock(&self.expectations).push(Expectation {
            operation: operation.name,
            count,
        });
    }

    pub(crate) fn journal(&self) -> Vec<Entry> {
        lock(&self.journal).clone()
    }

    pub(crate) fn calls(&self, operation: &str) -> usize {
        journal::calls(&lock(&self.journal), operation)
    }

    pub(crate) fn unmet(&self) -> Vec<String> {
        journal::unmet(&lock(&self.expectations), &lock(&self.journal))
    }

    fn cx(&self) -> Cx<'_> {
        Cx {
            provider: self.provider,
            credentials: &self.credentials,
            tokens: &self.tokens,
        }
    }

    /// One request, start to end: its answer, with the journal written.
    pub(crate) fn handle(&self, request: &Incoming) -> Answer {
        let (answer, entry) = match self.vendor.admit(&self.cx(), request) {
            Err(refusal) => refused(refusal),
            Ok(admitted) => self.serve(admitted),
        };
        if let Some(observer) = &self.observer {
            observer(&entry);
        }
        lock(&self.journal).push(entry);
        answer
    }

    fn serve(&self, admitted: Admitted) -> (Answer, Entry) {
        let Admitted {
            endpoint,
            mut fields,
            from_query,
        } = admitted;
        let operation = endpoint.operation;
        let refuse = |error: VendorError, fields: Value| {
            let body = answer::error(operation.envelope, &error);
            let verdict = Verdict::Refused {
                code: error.code,
                message: error.message,
            };
            let entry = Entry {
                operation: Some(operation.name),
                verdict,
                fields,
            };
            (Answer::json(error.status, &body), entry)
        };
        if self.enforce_limits.load(Ordering::Relaxed)
            && !lock(&self.limits).admit(operation, Instant::now())
            && let Some(error) = self.vendor.throttled()
        {
            return refuse(error, fields);
        }
        let endpoint = match self.checked(endpoint, &mut fields, from_query) {
            Ok(endpoint) => endpoint,
            Err(error) => return refuse(error, fields),
        };
        let operation = endpoint.operation;
        let reply = lock(&self.stubs)
            .get_mut(operation.name)
            .and_then(Sequence::next);
        let answer = match reply {
            Some(reply) => render(endpoint, &reply, &fields),
            None => self.default_answer(endpoint, &fields),
        };
        let entry = Entry {
            operation: Some(operation.name),
            verdict: Verdict::Answered {
                status: answer.status,
            },
            fields,
        };
        (answer, entry)
    }

    /// The endpoint whose spec the request satisfies: `endpoint`, or another served at the
    /// same place (two Fxiaoke endpoints share a path and differ by a constant, `msgType`).
    /// A fault passes when the vendor lets it pass; the error answered is `endpoint`'s.
    fn checked(
        &self,
        endpoint: &'static ServedEndpoint,
        fields: &mut Value,
        from_query: bool,
    ) -> Result<&'static ServedEndpoint, VendorError> {
        let passes = |endpoint: &ServedEndpoint, fields: &mut Value| match check(
            endpoint, fields, from_query,
        ) {
            Ok(()) => Ok(()),
            Err(fault) => match self.vendor.fault(&hide_secret(endpoint.operation, fault)) {
                Some(error) => Err(error),
                None => Ok(()),
            },
        };
        let error = match passes(endpoint, fields) {
            Ok(()) => return Ok(endpoint),
            Err(error) => error,
        };
        let operation = endpoint.operation;
        let same_place = self.provider.endpoints.iter().filter(|other| {
            let op = other.operation;
            !std::ptr::eq(*other, endpoint)
                && (op.method, op.path, op.action, op.auth)
                    == (
                        operation.method,
                        operation.path,
                        operation.action,
                        operation.auth,
                    )
        });
        for other in same_place {
            let mut retyped = fields.clone();
            if passes(other, &mut retyped).is_ok() {
                *fields = retyped;
                return Ok(other);
            }
        }
        Err(error)
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
                Some(example) => Answer {
                    status: 200,
                    body: example.response.as_bytes().to_vec(),
                },
                None => no_example(endpoint, "a success example"),
            },
        }
    }
}

fn refused(refusal: Refusal) -> (Answer, Entry) {
    let body = answer::error(refusal.envelope, &refusal.error);
    let entry = Entry {
        operation: refusal.operation.map(|op| op.name),
        verdict: Verdict::Rejected {
            code: refusal.error.code,
            message: refusal.error.message,
        },
        fields: Value::Null,
    };
    (Answer::json(refusal.error.status, &body), entry)
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

/// The fault without the value serde quoted, when the field is one the spec types `secret`:
/// a refusal is logged and journaled, and must not repeat an app secret sent as a number.
fn hide_secret(operation: &Operation, mut fault: RequestFault) -> RequestFault {
    let name = fault.field.rsplit(['.', '[']).next().unwrap_or("");
    if operation
        .secret_fields
        .iter()
        .any(|secret| secret.eq_ignore_ascii_case(name))
        && fault.kind == FaultKind::Invalid
    {
        fault.message =
            "is not a valid value of its type (a secret: its value is not repeated)".to_owned();
    }
    fault
}

/// The endpoint's check; a query's text values are retyped one by one where the request
/// type reads a number, a boolean or JSON (a query carries only text).
fn check(
    endpoint: &ServedEndpoint,
    fields: &mut Value,
    from_query: bool,
) -> Result<(), RequestFault> {
    let rounds = fields.as_object().map_or(0, serde_json::Map::len);
    for _ in 0..=rounds {
        match (endpoint.check)(fields) {
            Err(fault)
                if from_query
                    && fault.kind == FaultKind::Invalid
                    && retype(fields, &fault.field) => {}
            outcome => return outcome,
        }
    }
    (endpoint.check)(fields)
}

/// Replaces the text at the top-level field of `path` by the JSON it spells, if it spells
/// anything but a string.
fn retype(fields: &mut Value, path: &str) -> bool {
    let key = path.split(['.', '[']).next().unwrap_or("");
    let Some(slot) = fields.get_mut(key) else {
        return false;
    };
    let Value::String(text) = slot else {
        return false;
    };
    match serde_json::from_str::<Value>(text) {
        Ok(typed) if !typed.is_string() => {
            *slot = typed;
            true
        }
        _ => false,
    }
}

fn render(endpoint: &'static ServedEndpoint, reply: &Reply, fields: &Value) -> Answer {
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
            Some(example) => Answer {
                status: 200,
                body: example.response.as_bytes().to_vec(),
            },
            None => no_example(endpoint, &format!("example named `{name}`")),
        },
        ReplyKind::Raw { status, body } => Answer {
            status: *status,
            body: body.clone(),
        },
        ReplyKind::With(f) => render(endpoint, &f(fields), fields),
    }
}

/// Serves `shared` on `listener` until the returned set is dropped or aborted.
pub(crate) fn spawn(listener: TcpListener, shared: Arc<Shared>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            let Ok((stream, _)) = listener.accept().await else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_text_is_percent_decoded() {
        assert_eq!(
            url_pairs("a=1&b=x%20y+z&c=%E6%98%8E&d&e=%zz"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y z".into()),
                ("c".into(), "明".into()),
                ("d".into(), String::new()),
                ("e".into(), "%zz".into()),
            ]
        );
    }

    #[test]
    fn retyping_turns_only_non_string_json() {
        let mut fields = serde_json::json!({"n": "5", "s": "abc", "q": "\"x\""});
        assert!(retype(&mut fields, "n"));
        assert_eq!(fields["n"], 5);
        assert!(!retype(&mut fields, "s"));
        assert!(!retype(&mut fields, "q"));
        assert!(!retype(&mut fields, "missing"));
    }
}
