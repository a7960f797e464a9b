//! Leak checks shared by the wire tests that hunt for secrets: a process-global tracing
//! recorder (every span and event of the test binary, at TRACE, as text), a capture of the
//! `Debug`/`Display` texts a test produced, and a check that none of them holds any part of
//! a secret. Every secret of such a test starts with [`LEAK_MARK`], and no other value does,
//! so any `LEAK-` in captured text is (part of) a secret.

use std::collections::BTreeMap;
use std::fmt::{Debug, Write as _};
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use bindery::Error;
use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

/// What every secret value of a leak-hunting test starts with.
pub const LEAK_MARK: &str = "LEAK-";

// ---------------------------------------------------------------------------
// One process-global tracing subscriber, recording every span (name and fields, when created
// and when recorded into) and every event's fields as text.

/// Every record as (thread name, text); under the test harness the thread names the test.
static TRACE: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
static SPAN_NAMES: Mutex<BTreeMap<u64, &'static str>> = Mutex::new(BTreeMap::new());
static NEXT_SPAN: AtomicU64 = AtomicU64::new(1);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Field values as ` name=value` pairs: strings as they are, everything else by `Debug`
/// (which for `%display` fields and messages is their `Display`), errors with their sources.
#[derive(Default)]
struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        let _ = write!(self.0, " {}={value} / {value:?}", field.name());
        let mut source = value.source();
        while let Some(cause) = source {
            let _ = write!(self.0, ": {cause}");
            source = cause.source();
        }
    }
}

struct Recorder;

impl Subscriber for Recorder {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::always()
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::TRACE)
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = NEXT_SPAN.fetch_add(1, Ordering::Relaxed);
        let meta = span.metadata();
        let mut fields = Fields::default();
        span.record(&mut fields);
        let line = format!(
            "span {} #{id} new {} [{}]{}",
            meta.name(),
            meta.level(),
            meta.target(),
            fields.0
        );
        lock(&SPAN_NAMES).insert(id, meta.name());
        push_record(line);
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Fields::default();
        values.record(&mut fields);
        let name = lock(&SPAN_NAMES)
            .get(&span.into_u64())
            .copied()
            .unwrap_or("?");
        let line = format!("span {name} #{} record{}", span.into_u64(), fields.0);
        push_record(line);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let meta = event.metadata();
        let mut fields = Fields::default();
        event.record(&mut fields);
        let line = format!("event {} [{}]{}", meta.level(), meta.target(), fields.0);
        push_record(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Installs the recorder once for the whole test binary (a thread-local default would miss
/// spans of the runtime's other threads and of parallel tests).
pub fn install_recorder() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        tracing::subscriber::set_global_default(Recorder)
            .expect("no other global subscriber in this test binary");
    });
}

fn push_record(record: String) {
    let thread = std::thread::current();
    let name = thread.name().unwrap_or("unnamed").to_owned();
    lock(&TRACE).push((name, record));
}

pub fn trace_snapshot() -> Vec<(String, String)> {
    lock(&TRACE).clone()
}

// ---------------------------------------------------------------------------
// What the test saw: Debug and Display texts, and how many calls it made.

#[derive(Default)]
pub struct Capture {
    pub texts: Vec<(String, String)>,
    pub calls: usize,
}

impl Capture {
    /// `{:?}` and `{:#?}` of `value`.
    pub fn debug(&mut self, what: &str, value: &(impl Debug + ?Sized)) {
        self.texts
            .push((format!("{what}: Debug"), format!("{value:?}")));
        self.texts
            .push((format!("{what}: Debug {{:#?}}"), format!("{value:#?}")));
    }

    /// Debug, Display and the Display of every source of `error`.
    pub fn error(&mut self, what: &str, error: &Error) {
        self.debug(what, error);
        self.texts
            .push((format!("{what}: Display"), error.to_string()));
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            self.texts
                .push((format!("{what}: source Display"), cause.to_string()));
            source = cause.source();
        }
    }

    pub fn result<T: Debug>(&mut self, what: &str, result: &Result<T, Error>) {
        match result {
            Ok(value) => self.debug(&format!("{what} response"), value),
            Err(error) => self.error(&format!("{what} error"), error),
        }
    }

    /// Runs one call, capturing its request and what it came to.
    pub async fn call<Req: Debug + ?Sized, Resp: Debug>(
        &mut self,
        what: &str,
        request: &Req,
        call: impl Future<Output = Result<Resp, Error>>,
    ) -> Result<Resp, Error> {
        self.calls += 1;
        self.debug(&format!("{what} request"), request);
        let result = call.await;
        self.result(what, &result);
        result
    }
}

/// Each `LEAK-` in `text`: which secret (or part of one), and `CONTEXT` bytes around it.
pub fn find_leaks(text: &str, secrets: &[&str]) -> Vec<(String, String)> {
    const CONTEXT: usize = 120;
    text.match_indices(LEAK_MARK)
        .map(|(at, _)| {
            let secret = secrets
                .iter()
                .find(|s| text[at..].starts_with(**s))
                .map_or_else(
                    || {
                        let part: String = text[at..].chars().take(24).collect();
                        format!("part of a secret: `{part}`")
                    },
                    |s| format!("`{s}`"),
                );
            let mut start = at.saturating_sub(CONTEXT);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (at + CONTEXT).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            (secret, text[start..end].to_owned())
        })
        .collect()
}

/// Leaks with the same secret and surroundings, counted once, with the first place seen.
#[derive(Default)]
struct Leaks(BTreeMap<(&'static str, String, String), (usize, String)>);

impl Leaks {
    fn scan(&mut self, kind: &'static str, place: &str, text: &str, secrets: &[&str]) {
        for (secret, context) in find_leaks(text, secrets) {
            self.0
                .entry((kind, secret, context))
                .or_insert_with(|| (0, place.to_owned()))
                .0 += 1;
        }
    }

    fn report(&self) -> Vec<String> {
        self.0
            .iter()
            .map(|((kind, secret, context), (count, place))| {
                format!("LEAK ×{count}: {secret} in {kind} (first: {place}): …{context}…")
            })
            .collect()
    }
}

/// No captured Debug/Display text and no tracing record of the whole test binary holds any
/// part of a secret; and the capture is real: it holds `debug_facts`, and the tracing records
/// hold `trace_facts`. All problems are reported together, like leaks once with a count.
pub fn assert_nothing_leaks(
    test: &str,
    capture: &Capture,
    secrets: &[&str],
    debug_facts: &[&str],
    trace_facts: &[&str],
) {
    let trace = trace_snapshot();
    let debug_bytes: usize = capture.texts.iter().map(|(_, t)| t.len()).sum();
    let trace_bytes: usize = trace.iter().map(|(_, t)| t.len()).sum();
    let summary = format!(
        "{test}: {} calls; {} Debug/Display texts ({debug_bytes} bytes); \
         {} tracing records of the whole test binary ({trace_bytes} bytes)",
        capture.calls,
        capture.texts.len(),
        trace.len()
    );

    let mut leaks = Leaks::default();
    for (label, text) in &capture.texts {
        leaks.scan("Debug/Display text", label, text, secrets);
    }
    for (thread, record) in &trace {
        leaks.scan(
            "tracing record",
            &format!("thread `{thread}`"),
            record,
            secrets,
        );
    }
    let mut problems = leaks.report();

    if capture.calls == 0 || capture.texts.is_empty() || trace.is_empty() {
        problems.push("nothing captured".to_owned());
    }
    let debug_text: String = capture
        .texts
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for fact in debug_facts {
        if !debug_text.contains(fact) {
            problems.push(format!("the Debug/Display capture lacks `{fact}`"));
        }
    }
    let trace_text: String = trace
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for fact in trace_facts {
        if !trace_text.contains(fact) {
            problems.push(format!("the tracing capture lacks `{fact}`"));
        }
    }
    assert!(
        problems.is_empty(),
        "{summary}\n{} problem(s):\n- {}",
        problems.len(),
        problems.join("\n- ")
    );
}
