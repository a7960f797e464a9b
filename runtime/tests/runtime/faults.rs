//! Faults a vendor or the network can throw at a call, from raw TCP servers on
//! loopback that count (and time) every request they read: retries,
//! timeouts, rate limiting, the response size cap and body logging.

use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use bindery_runtime::{
    AuthKind, Client, Error, Method, Operation, RateLimit, RateLimitScope, RetryPolicy, fxiaoke,
    tencent,
};
use serde_json::{Value, json};

use crate::support::raw_server::{Action, Server};
use crate::support::traces::capture_traces;
use crate::support::{FX_BASE_URL, FX_ENVELOPE, TC_ENVELOPE, free_port};

// ---------- operations ----------

const fn fx_op(name: &'static str, idempotent: bool, rate_limit: Option<RateLimit>) -> Operation {
    Operation {
        provider: "fxiaoke",
        name,
        method: Method::Post,
        path: "/cgi/test",
        action: None,
        auth: None,
        idempotent,
        envelope: &FX_ENVELOPE,
        rate_limit,
        secret_fields: &[],
        query: &[],
        request_body: bindery_runtime::BodyShape::Object,
        response_body: bindery_runtime::BodyShape::Object,
    }
}

static FX_GET: Operation = fx_op("get", true, None);
static FX_CREATE: Operation = fx_op("create", false, None);

static TC_DESCRIBE: Operation = Operation {
    provider: "tencent",
    name: "DescribeThing",
    method: Method::Post,
    path: "/",
    action: Some("DescribeThing"),
    auth: Some(AuthKind::Tc3HmacSha256),
    idempotent: true,
    envelope: &TC_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};
static TC_BIND: Operation = Operation {
    name: "BindThing",
    action: Some("BindThing"),
    idempotent: false,
    ..TC_DESCRIBE
};

const TWENTY_PER_SECOND: Option<RateLimit> = Some(RateLimit {
    requests: 20,
    per_seconds: 1,
    scope: RateLimitScope::Operation,
});
static LIMITED_A: Operation = Operation {
    path: "/a",
    ..fx_op("limitedA", true, TWENTY_PER_SECOND)
};
static LIMITED_B: Operation = Operation {
    path: "/b",
    ..fx_op("limitedB", true, TWENTY_PER_SECOND)
};
static ONE_PER_SECOND: Operation = fx_op(
    "onePerSecond",
    true,
    Some(RateLimit {
        requests: 1,
        per_seconds: 1,
        scope: RateLimitScope::Operation,
    }),
);

const ATTEMPTS: u32 = 3;

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(ATTEMPTS)
        .with_base_delay(Duration::from_millis(1))
}

fn fx_client(port: u16) -> Client<fxiaoke::Fxiaoke> {
    Client::builder(fxiaoke::Fxiaoke, &format!("http://127.0.0.1:{port}"))
        .timeout(Duration::from_secs(5))
        .retry(fast_retries())
        .build()
        .unwrap()
}

const SECRET_KEY: &str = "TC-SECRET-KEY-123";

fn tc_client(port: u16) -> Client<tencent::TencentCloud> {
    Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        &format!("http://127.0.0.1:{port}"),
    )
    .credentials(tencent::Credentials::new("AKID-TEST", SECRET_KEY))
    .timeout(Duration::from_secs(5))
    .retry(fast_retries())
    .build()
    .unwrap()
}

fn fx_ok() -> Action {
    Action::json(
        200,
        json!({"errorCode": 0, "errorMessage": "OK", "traceId": "t"}),
    )
}

fn tc_ok() -> Action {
    Action::json(200, json!({"Response": {"RequestId": "r-ok", "Status": 1}}))
}

fn tc_error(code: &str) -> Action {
    Action::json(
        200,
        json!({"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": "r-err"}}),
    )
}

async fn call(
    client: &Client<impl bindery_runtime::Protocol>,
    op: &'static Operation,
) -> Result<Value, Error> {
    client.call::<_, Value>(op, &json!({"k": "v"})).await
}

// ---------- retries: the request never reached the vendor ----------

#[tokio::test]
async fn connection_refused_is_retried_even_when_not_idempotent() {
    let port = free_port();
    for op in [&FX_GET, &FX_CREATE] {
        let capture = capture_traces();
        let err = call(&fx_client(port), op).await.unwrap_err();
        assert!(matches!(err, Error::Transport { .. }), "{err:?}");
        assert_eq!(
            capture.span_field("attempt").as_deref(),
            Some("3"),
            "{}",
            op.name
        );
        let retries = capture.retries();
        assert_eq!(retries.len(), 2, "{retries:?}");
        assert!(
            retries
                .iter()
                .all(|e| e.contains("retry.reason=connect") && e.contains("retry.delay_ms=")),
            "{retries:?}"
        );
    }
}

// ---------- retries: the vendor may have processed the request ----------

#[tokio::test]
async fn dropped_connection_is_retried_only_when_idempotent() {
    let server = Server::always(Action::Drop);
    let client = fx_client(server.port);
    let err = call(&client, &FX_CREATE).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(
        server.count(),
        1,
        "a non-idempotent call must not be repeated"
    );

    let server = Server::always(Action::Drop);
    let client = fx_client(server.port);
    let err = call(&client, &FX_GET).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.count(), ATTEMPTS as usize);
    // Each attempt is built afresh: a new thirdTraceId every time.
    let mut trace_ids: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.head.lines().next().unwrap().to_owned())
        .collect();
    trace_ids.dedup();
    assert_eq!(trace_ids.len(), ATTEMPTS as usize, "{trace_ids:?}");

    // `with_retry` overrides the policy per call site.
    let server = Server::always(Action::Drop);
    let once = fx_client(server.port).with_retry(RetryPolicy::none());
    assert!(call(&once, &FX_GET).await.is_err());
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn timeouts_are_retried_only_when_idempotent() {
    let timeout = Duration::from_millis(150);
    let server = Server::always(Action::Hang(Duration::from_secs(3)));
    let client = fx_client(server.port).with_timeout(timeout);
    let started = Instant::now();
    let err = call(&client, &FX_CREATE).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.count(), 1);

    let capture = capture_traces();
    let err = call(&client, &FX_GET).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(server.count(), 1 + ATTEMPTS as usize);
    assert_eq!(capture.span_field("attempt").as_deref(), Some("3"));
    assert!(
        capture
            .retries()
            .iter()
            .all(|e| e.contains("retry.reason=timeout"))
    );
    // The per-call override left the original client alone.
    assert_eq!(fx_client(server.port).timeout(), Duration::from_secs(5));
    assert_eq!(client.timeout(), timeout);
}

#[tokio::test]
async fn http_500_is_never_retried_503_only_when_idempotent() {
    let server = Server::first_then(Action::json(500, json!({})), fx_ok());
    let err = call(&fx_client(server.port), &FX_GET).await.unwrap_err();
    assert_eq!(err.http_status(), Some(500), "{err:?}");
    assert_eq!(server.count(), 1);

    let server = Server::first_then(Action::json(503, json!({})), fx_ok());
    call(&fx_client(server.port), &FX_GET).await.unwrap();
    assert_eq!(server.count(), 2);

    let server = Server::first_then(Action::json(503, json!({})), fx_ok());
    let err = call(&fx_client(server.port), &FX_CREATE).await.unwrap_err();
    assert!(matches!(err, Error::Http { status: 503, .. }), "{err:?}");
    assert_eq!(server.count(), 1);

    // Other 4xx are final too.
    let server = Server::first_then(Action::json(404, json!({})), fx_ok());
    let err = call(&fx_client(server.port), &FX_GET).await.unwrap_err();
    assert_eq!(err.http_status(), Some(404));
    assert_eq!(server.count(), 1);
}

// ---------- throttling ----------

#[tokio::test]
async fn http_429_waits_for_retry_after_and_rebuilds_the_request() {
    let throttled = Action::json(429, json!({})).with_header("retry-after", "1");
    // Tencent, not idempotent: 429 means "not processed", so it is retried anyway.
    let server = Server::first_then(throttled, tc_ok());
    let capture = capture_traces();
    let answer = call(&tc_client(server.port), &TC_BIND).await.unwrap();
    assert_eq!(answer["Status"], 1);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    let gap = seen[1].at.duration_since(seen[0].at);
    assert!(
        gap >= Duration::from_secs(1),
        "second attempt after {gap:?}"
    );
    assert!(gap < Duration::from_secs(3), "second attempt after {gap:?}");
    // The same body, a second later: a new timestamp, hence a new signature.
    assert_eq!(seen[0].body, seen[1].body);
    assert_ne!(
        seen[0].header("x-tc-timestamp"),
        seen[1].header("x-tc-timestamp")
    );
    assert_ne!(
        seen[0].header("authorization"),
        seen[1].header("authorization")
    );
    let retries = capture.retries();
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert!(retries[0].contains("retry.reason=http_429"), "{retries:?}");
    assert!(retries[0].contains("retry.delay_ms=1000"), "{retries:?}");
    assert_eq!(capture.span_field("attempt").as_deref(), Some("2"));
    for event in capture.events() {
        assert!(!event.contains(SECRET_KEY), "{event}");
    }
}

#[tokio::test]
async fn retry_after_is_capped_by_the_policy() {
    let throttled = Action::json(429, json!({})).with_header("retry-after", "3600");
    let server = Server::first_then(throttled, fx_ok());
    let client =
        fx_client(server.port).with_retry(fast_retries().with_max_delay(Duration::from_millis(50)));
    let started = Instant::now();
    call(&client, &FX_CREATE).await.unwrap();
    assert_eq!(server.count(), 2);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn vendor_throttling_codes_are_retried_internal_error_is_not() {
    for code in [
        "RequestLimitExceeded",
        "RequestLimitExceeded.UinLimitExceeded",
    ] {
        let server = Server::first_then(tc_error(code), tc_ok());
        let answer = call(&tc_client(server.port), &TC_BIND).await.unwrap();
        assert_eq!(answer["RequestId"], "r-ok");
        assert_eq!(server.count(), 2, "{code}");
    }

    let server = Server::first_then(tc_error("InternalError"), tc_ok());
    let err = call(&tc_client(server.port), &TC_DESCRIBE)
        .await
        .unwrap_err();
    assert_eq!(err.vendor_code(), Some("InternalError"));
    assert_eq!(
        server.count(),
        1,
        "InternalError is never retried, even when idempotent"
    );

    for code in [14001, 30004] {
        let busy = Action::json(200, json!({"errorCode": code, "errorMessage": "limit"}));
        let server = Server::first_then(busy, fx_ok());
        call(&fx_client(server.port), &FX_CREATE).await.unwrap();
        let seen = server.seen();
        assert_eq!(seen.len(), 2, "{code}");
        assert_ne!(
            seen[0].head.lines().next(),
            seen[1].head.lines().next(),
            "a fresh thirdTraceId per attempt"
        );
    }
    // "Busy" may have been processed: retried for idempotent operations only.
    let busy = || Action::json(200, json!({"errorCode": -1, "errorMessage": "busy"}));
    let server = Server::first_then(busy(), fx_ok());
    call(&fx_client(server.port), &FX_GET).await.unwrap();
    assert_eq!(
        server.count(),
        2,
        "-1 on an idempotent operation is retried"
    );
    let server = Server::first_then(busy(), fx_ok());
    let err = call(&fx_client(server.port), &FX_CREATE).await.unwrap_err();
    assert_eq!(err.vendor_code(), Some("-1"));
    assert_eq!(server.count(), 1, "-1 on a create is not repeated");
    // The daily quota and other vendor errors are final.
    for code in [30002, 20016, -2] {
        let error = Action::json(200, json!({"errorCode": code, "errorMessage": "no"}));
        let server = Server::first_then(error, fx_ok());
        let err = call(&fx_client(server.port), &FX_GET).await.unwrap_err();
        assert_eq!(err.vendor_code(), Some(code.to_string().as_str()));
        assert_eq!(server.count(), 1, "{code}");
    }
}

#[tokio::test]
async fn throttling_gives_up_after_max_attempts() {
    let server = Server::always(tc_error("RequestLimitExceeded"));
    let err = call(&tc_client(server.port), &TC_BIND).await.unwrap_err();
    assert_eq!(err.vendor_code(), Some("RequestLimitExceeded"));
    assert_eq!(server.count(), ATTEMPTS as usize);
}

// ---------- rate limiting ----------

/// At most how many of `instants` fall in any `window` starting at one of them.
fn max_in_any_window(instants: &[Instant], window: Duration) -> usize {
    instants
        .iter()
        .map(|&from| {
            instants
                .iter()
                .filter(|&&t| t >= from && t < from + window)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_holds_in_every_window_and_per_operation() {
    let server = Server::always(fx_ok());
    let client = fx_client(server.port);
    let started = Instant::now();
    let mut calls = Vec::new();
    for _ in 0..200 {
        let client = client.clone();
        calls.push(tokio::spawn(async move { call(&client, &LIMITED_A).await }));
    }
    // Once A's window is full, another operation still goes straight through.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let b_started = Instant::now();
    let mut b_calls = Vec::new();
    for _ in 0..20 {
        let client = client.clone();
        b_calls.push(tokio::spawn(async move { call(&client, &LIMITED_B).await }));
    }
    for b in b_calls {
        b.await.unwrap().unwrap();
    }
    let b_took = b_started.elapsed();
    for a in calls {
        a.await.unwrap().unwrap();
    }
    let took = started.elapsed();

    let seen = server.seen();
    let a: Vec<Instant> = seen
        .iter()
        .filter(|s| s.path() == "/a")
        .map(|s| s.at)
        .collect();
    let b: Vec<Instant> = seen
        .iter()
        .filter(|s| s.path() == "/b")
        .map(|s| s.at)
        .collect();
    assert_eq!((a.len(), b.len()), (200, 20));
    let max_a = max_in_any_window(&a, Duration::from_secs(1));
    let span_a = a
        .iter()
        .max()
        .unwrap()
        .duration_since(*a.iter().min().unwrap());
    eprintln!(
        "rate limit: 200 calls of 20/1 s: max {max_a} in any 1 s window, first to last arrival {span_a:?}, total {took:?}; 20 calls of another op took {b_took:?}"
    );
    assert_eq!(max_a, 20, "no 1 s window may hold more than 20 starts");
    // 200 calls = 10 windows: the last ones start after 9 full windows.
    assert!(span_a >= Duration::from_secs(9), "{span_a:?}");
    assert!(took < Duration::from_secs(13), "{took:?}");
    assert!(
        b_took < Duration::from_millis(700),
        "operation B waited for A: {b_took:?}"
    );
    assert!(max_in_any_window(&b, Duration::from_secs(1)) <= 20);
}

#[tokio::test]
async fn a_call_dropped_while_waiting_for_a_slot_does_not_use_it() {
    let server = Server::always(fx_ok());
    let client = fx_client(server.port);
    call(&client, &ONE_PER_SECOND).await.unwrap();

    // Waits for the next slot (about 1 s away), dropped after 200 ms.
    let waiting = tokio::time::timeout(Duration::from_millis(200), call(&client, &ONE_PER_SECOND));
    assert!(waiting.await.is_err(), "the second call had to wait");
    // Aborted while waiting, from another task and a clone.
    let clone = client.clone();
    let task = tokio::spawn(async move { call(&clone, &ONE_PER_SECOND).await });
    tokio::time::sleep(Duration::from_millis(100)).await;
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());

    call(&client, &ONE_PER_SECOND).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2, "the dropped calls sent nothing");
    let gap = seen[1].at.duration_since(seen[0].at);
    assert!(gap >= Duration::from_secs(1), "{gap:?}");
    assert!(
        gap < Duration::from_millis(1400),
        "the next call was served on time: {gap:?}"
    );
}

#[tokio::test]
async fn rate_limiting_can_be_turned_off() {
    let server = Server::always(fx_ok());
    let client = Client::builder(
        fxiaoke::Fxiaoke,
        &format!("http://127.0.0.1:{}", server.port),
    )
    .rate_limiting(false)
    .build()
    .unwrap();
    let started = Instant::now();
    for _ in 0..5 {
        call(&client, &ONE_PER_SECOND).await.unwrap();
    }
    assert!(started.elapsed() < Duration::from_millis(900));
    assert_eq!(server.count(), 5);
}

#[tokio::test]
async fn retries_take_slots_too() {
    // 1 per second: the retry after a throttled answer waits for the next slot.
    let busy = Action::json(200, json!({"errorCode": 14001, "errorMessage": "limit"}));
    let server = Server::first_then(busy, fx_ok());
    call(&fx_client(server.port), &ONE_PER_SECOND)
        .await
        .unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen[1].at.duration_since(seen[0].at) >= Duration::from_secs(1));
}

// ---------- response size ----------

#[tokio::test]
async fn oversized_bodies_are_refused_by_length_or_while_streaming() {
    let big = format!(r#"{{"errorCode":0,"pad":"{}"}}"#, "x".repeat(10_000)).into_bytes();
    let client = |port: u16| {
        Client::builder(fxiaoke::Fxiaoke, &format!("http://127.0.0.1:{port}"))
            .max_response_bytes(4096)
            .retry(fast_retries())
            .build()
            .unwrap()
    };
    // Declared length over the limit.
    let server = Server::always(Action::Respond {
        status: 200,
        headers: vec![],
        body: big.clone(),
    });
    let err = call(&client(server.port), &FX_GET).await.unwrap_err();
    match &err {
        Error::Decode { message, .. } => assert!(message.contains("4096 bytes"), "{message}"),
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(server.count(), 1, "not retried");

    // Chunked, no length: stopped once past the limit.
    let mut raw = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for piece in big.chunks(1000) {
        raw.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        raw.extend_from_slice(piece);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let server = Server::always(Action::Raw(raw));
    let err = call(&client(server.port), &FX_GET).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { message, .. } if message.contains("exceeds the limit of 4096 bytes")),
        "{err:?}"
    );
    assert!(err.to_string().contains("4096"), "{err}");

    // Exactly at the limit is fine.
    let body = format!(r#"{{"errorCode":0,"pad":"{}"}}"#, "y".repeat(100));
    let server = Server::always(Action::Respond {
        status: 200,
        headers: vec![],
        body: body.clone().into_bytes(),
    });
    let exact = Client::builder(
        fxiaoke::Fxiaoke,
        &format!("http://127.0.0.1:{}", server.port),
    )
    .max_response_bytes(body.len())
    .build()
    .unwrap();
    call(&exact, &FX_GET).await.unwrap();

    let err = Client::builder(fxiaoke::Fxiaoke, FX_BASE_URL)
        .max_response_bytes(0)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }));
}

// ---------- body logging ----------

#[tokio::test]
async fn bodies_are_logged_masked_only_when_asked() {
    let answer = Action::json(
        200,
        json!({"errorCode": 0, "corpAccessToken": "ANSWER-TOKEN", "corpId": "corp-1"}),
    );
    let server = Server::always(answer);
    let request = json!({"appId": "FSAID_1", "appSecret": "APP-SECRET", "permanentCode": "P"});

    let capture = capture_traces();
    let quiet = fx_client(server.port);
    quiet.call::<_, Value>(&FX_GET, &request).await.unwrap();
    assert!(
        capture.events().iter().all(|e| !e.contains("body")),
        "{:?}",
        capture.events()
    );

    let capture = capture_traces();
    let logged = Client::builder(
        fxiaoke::Fxiaoke,
        &format!("http://127.0.0.1:{}", server.port),
    )
    .log_bodies(true)
    .build()
    .unwrap();
    logged.call::<_, Value>(&FX_GET, &request).await.unwrap();
    let events = capture.events().join("\n");
    assert!(events.contains("request body"), "{events}");
    assert!(events.contains("response body"), "{events}");
    assert!(
        events.contains("FSAID_1") && events.contains("corp-1"),
        "{events}"
    );
    for secret in ["APP-SECRET", "ANSWER-TOKEN"] {
        assert!(!events.contains(secret), "{secret} leaked: {events}");
    }
}

#[tokio::test]
async fn timeouts_have_defaults_and_a_connect_timeout_of_their_own() {
    use bindery_runtime::client::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
    let client = Client::builder(fxiaoke::Fxiaoke, "http://127.0.0.1:9")
        .build()
        .unwrap();
    assert_eq!(client.timeout(), DEFAULT_TIMEOUT);
    assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(30));
    assert_eq!(DEFAULT_CONNECT_TIMEOUT, Duration::from_secs(10));

    // A listener that never accepts: once its accept queue is full the kernel drops further
    // SYNs, so a new connection neither succeeds nor is refused.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let mut held = Vec::new();
    let mut full = false;
    for _ in 0..4096 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(100)) {
            Ok(stream) => held.push(stream),
            Err(_) => {
                full = true;
                break;
            }
        }
    }
    assert!(
        full,
        "the accept queue never filled ({} connections)",
        held.len()
    );

    let client = Client::builder(fxiaoke::Fxiaoke, &format!("http://{addr}"))
        .timeout(Duration::from_secs(20))
        .connect_timeout(Duration::from_millis(300))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let err = call(&client, &FX_GET).await.unwrap_err();
    let elapsed = started.elapsed();
    // The connect timeout ends the call, long before the 20 s total timeout.
    assert!(elapsed >= Duration::from_millis(250), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}: {err:?}");
    assert!(
        matches!(err, Error::Timeout { .. } | Error::Transport { .. }),
        "{err:?}"
    );
    drop(held);
    drop(listener);
}

#[tokio::test]
async fn a_reset_connection_is_retried_only_when_idempotent() {
    let server = Server::always(Action::Reset);
    let err = call(&fx_client(server.port), &FX_CREATE).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.count(), 1, "a non-idempotent call is sent once");

    let server = Server::always(Action::Reset);
    let err = call(&fx_client(server.port), &FX_GET).await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.count(), ATTEMPTS as usize);

    let server = Server::first_then(Action::Reset, fx_ok());
    call(&fx_client(server.port), &FX_GET).await.unwrap();
    assert_eq!(server.count(), 2);
}
