//! A tracing subscriber that keeps what it sees, per thread.
//!
//! One global subscriber for the whole test binary, keeping traces per thread. (A
//! thread-scoped subscriber would miss callsites that tests running in parallel, with no
//! subscriber, register first.) Capturing tests run on a current-thread runtime, so all of
//! a call's spans and events are on the test's thread, and no other test's traces mix in.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::ThreadId;

/// What one thread traced.
#[derive(Default)]
pub struct Traces {
    /// Span fields by name (strings as they are), the last value recorded.
    span_fields: BTreeMap<String, String>,
    /// Each event as `name=value` pairs (strings as they are), space-separated.
    events: Vec<String>,
    /// Everything in order: `span <name>` as a span starts, then every span and event
    /// field as `name=<Debug of the value>` (strings quoted), one per line.
    lines: Vec<String>,
}

#[derive(Default)]
struct Capture {
    ids: AtomicU64,
    threads: Mutex<HashMap<ThreadId, Traces>>,
}

/// Fields with strings as they are.
struct Plain<'a>(&'a mut Vec<(String, String)>);

impl tracing::field::Visit for Plain<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

/// Fields as `name=<Debug>` lines.
struct Lines<'a>(&'a mut Vec<String>);

impl tracing::field::Visit for Lines<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }
}

impl Capture {
    fn with_traces(&self, f: impl FnOnce(&mut Traces)) {
        let mut threads = self.threads.lock().unwrap();
        f(threads.entry(std::thread::current().id()).or_default());
    }

    /// Keeps the span fields `record` visits, both ways.
    fn keep_span_fields(
        &self,
        first: Option<&str>,
        record: impl Fn(&mut dyn tracing::field::Visit),
    ) {
        let mut fields = Vec::new();
        record(&mut Plain(&mut fields));
        let mut lines: Vec<String> = first
            .map(|name| format!("span {name}"))
            .into_iter()
            .collect();
        record(&mut Lines(&mut lines));
        self.with_traces(|t| {
            t.span_fields.extend(fields);
            t.lines.extend(lines);
        });
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        self.keep_span_fields(Some(span.metadata().name()), |visit| span.record(visit));
        tracing::span::Id::from_u64(self.ids.fetch_add(1, Ordering::Relaxed) + 1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        self.keep_span_fields(None, |visit| values.record(visit));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Plain(&mut fields));
        let text = fields
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        let mut lines = Vec::new();
        event.record(&mut Lines(&mut lines));
        self.with_traces(|t| {
            t.events.push(text);
            t.lines.extend(lines);
        });
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// What the current thread traces from now on.
pub struct ThreadTraces {
    capture: Arc<Capture>,
    thread: ThreadId,
}

impl ThreadTraces {
    fn read<T>(&self, f: impl FnOnce(&Traces) -> T) -> T {
        let threads = self.capture.threads.lock().unwrap();
        f(threads.get(&self.thread).unwrap_or(&Traces::default()))
    }

    /// The last value recorded for span field `name`.
    pub fn span_field(&self, name: &str) -> Option<String> {
        self.read(|t| t.span_fields.get(name).cloned())
    }

    /// Every event, as `name=value` text.
    pub fn events(&self) -> Vec<String> {
        self.read(|t| t.events.clone())
    }

    /// The events about retrying an attempt.
    pub fn retries(&self) -> Vec<String> {
        self.events()
            .into_iter()
            .filter(|e| e.contains("retrying"))
            .collect()
    }

    /// Every span start and every span and event field, one per line.
    pub fn lines(&self) -> Vec<String> {
        self.read(|t| t.lines.clone())
    }
}

/// Starts capturing this thread's traces afresh (tests run on a current-thread runtime).
pub fn capture_traces() -> ThreadTraces {
    static CAPTURE: OnceLock<Arc<Capture>> = OnceLock::new();
    let capture = CAPTURE.get_or_init(|| {
        let capture = Arc::new(Capture::default());
        tracing::subscriber::set_global_default(Arc::clone(&capture))
            .expect("no other global subscriber in this test binary");
        capture
    });
    let thread = std::thread::current().id();
    capture.threads.lock().unwrap().remove(&thread);
    ThreadTraces {
        capture: Arc::clone(capture),
        thread,
    }
}
