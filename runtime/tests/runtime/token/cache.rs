//! The token cache's lifecycle: single flight, refresh timing, failures,
//! cancellation and invalidation. All offline; where time matters the tokio clock
//! is paused, so hours pass instantly. The expired-token retry through a client is
//! `refresh`'s.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use bindery_runtime::token::{RefreshPolicy, Token, TokenCache};
use bindery_runtime::{Error, VendorError};
use tokio::time::{Instant, advance, sleep, timeout};

const LIFETIME: Duration = Duration::from_secs(7200);

/// A token fetch that counts its calls and hands out `t1`, `t2`, … after `delay`.
#[derive(Clone)]
struct Endpoint {
    calls: Arc<AtomicU64>,
    in_flight: Arc<AtomicUsize>,
    max_in_flight: Arc<AtomicUsize>,
    delay: Duration,
    lifetime: Duration,
}

impl Endpoint {
    fn new(delay: Duration, lifetime: Duration) -> Self {
        Endpoint {
            calls: Arc::default(),
            in_flight: Arc::default(),
            max_in_flight: Arc::default(),
            delay,
            lifetime,
        }
    }

    fn calls(&self) -> u64 {
        self.calls.load(Ordering::SeqCst)
    }

    async fn fetch(self) -> Result<Token, Error> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        sleep(self.delay).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        Ok(Token::new(format!("t{n}"), self.lifetime)
            .with_field("corpId", "corp-1")
            .with_field("n", n.to_string()))
    }
}

fn vendor_error(code: &str) -> Error {
    Error::from(VendorError {
        provider: "fxiaoke",
        operation: "crm.query",
        code: code.to_owned(),
        message: "vendor says no".to_owned(),
        request_id: Some("trace-1".to_owned()),
        http_status: 200,
    })
}

fn value(token: &Token) -> &str {
    token.value.expose()
}

// ---------- single flight ----------

#[tokio::test(start_paused = true)]
async fn hundred_concurrent_first_gets_make_one_fetch() {
    let cache = TokenCache::new(RefreshPolicy::default());
    let endpoint = Endpoint::new(Duration::from_millis(200), LIFETIME);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let cache = cache.clone();
        let endpoint = endpoint.clone();
        tasks.spawn(async move { cache.get(|| endpoint.fetch()).await });
    }
    let mut values = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let token = joined.expect("task ran").expect("token fetched");
        assert_eq!(token.field("corpId"), Some("corp-1"));
        values.push(value(&token).to_owned());
    }
    assert_eq!(values.len(), 100);
    assert!(values.iter().all(|v| v == "t1"), "{values:?}");
    assert_eq!(endpoint.calls(), 1);
    assert_eq!(cache.fetch_count(), 1);
    assert_eq!(endpoint.max_in_flight.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_gets_on_worker_threads_make_one_fetch() {
    // Real threads and a real (short) sleep: the fetch must still be single-flight.
    let cache = TokenCache::default();
    let endpoint = Endpoint::new(Duration::from_millis(50), LIFETIME);
    let start = Arc::new(tokio::sync::Barrier::new(100));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let (cache, endpoint, start) = (cache.clone(), endpoint.clone(), start.clone());
        tasks.spawn(async move {
            start.wait().await;
            cache.get(|| endpoint.fetch()).await
        });
    }
    let all = timeout(Duration::from_secs(30), async {
        let mut n = 0;
        while let Some(joined) = tasks.join_next().await {
            assert_eq!(value(&joined.unwrap().unwrap()), "t1");
            n += 1;
        }
        n
    })
    .await
    .expect("bounded");
    assert_eq!(all, 100);
    assert_eq!(endpoint.calls(), 1);
    assert_eq!(endpoint.max_in_flight.load(Ordering::SeqCst), 1);
}

// ---------- refresh timing ----------

#[tokio::test(start_paused = true)]
async fn token_is_reused_until_6600_s_then_refreshed_once() {
    let cache = TokenCache::new(bindery_runtime::fxiaoke::REFRESH_POLICY);
    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);

    let first = cache.get(|| endpoint.clone().fetch()).await.unwrap();
    assert_eq!(value(&first), "t1");

    advance(Duration::from_secs(6599)).await;
    let again = cache.get(|| endpoint.clone().fetch()).await.unwrap();
    assert_eq!(value(&again), "t1");
    assert_eq!(endpoint.calls(), 1, "no fetch within 6600 s");

    advance(Duration::from_secs(2)).await; // 6601 s after issue
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (cache, endpoint) = (cache.clone(), endpoint.clone());
        tasks.spawn(async move { cache.get(|| endpoint.fetch()).await });
    }
    while let Some(joined) = tasks.join_next().await {
        assert_eq!(value(&joined.unwrap().unwrap()), "t2");
    }
    assert_eq!(endpoint.calls(), 2, "exactly one refresh");
    assert_eq!(cache.fetch_count(), 2);

    // The new token has its own 6600 s.
    advance(Duration::from_secs(6000)).await;
    let later = cache.get(|| endpoint.clone().fetch()).await.unwrap();
    assert_eq!(value(&later), "t2");
    assert_eq!(endpoint.calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn short_lifetime_is_refreshed_before_it_expires() {
    let cache = TokenCache::default();
    let endpoint = Endpoint::new(Duration::ZERO, Duration::from_secs(300));
    let issued = Instant::now();
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t1"
    );

    advance(Duration::from_secs(269)).await;
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t1"
    );

    advance(Duration::from_secs(2)).await;
    let refreshed = cache.get(|| endpoint.clone().fetch()).await.unwrap();
    assert_eq!(value(&refreshed), "t2");
    assert!(
        issued.elapsed() < Duration::from_secs(300),
        "refreshed before expiry"
    );
    assert_eq!(endpoint.calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn issue_time_is_when_the_fetch_started() {
    // A slow token endpoint: Fxiaoke's 6600 s count from when the request went out.
    let cache = TokenCache::new(bindery_runtime::fxiaoke::REFRESH_POLICY);
    let endpoint = Endpoint::new(Duration::from_secs(30), LIFETIME);
    cache.get(|| endpoint.clone().fetch()).await.unwrap(); // done at 30 s
    advance(Duration::from_secs(6600 - 30 - 1)).await; // 6599 s after the start
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t1"
    );
    advance(Duration::from_secs(2)).await;
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t2"
    );
}

// ---------- failures ----------

#[tokio::test(start_paused = true)]
async fn failed_fetch_is_not_cached() {
    let cache = TokenCache::default();
    let err = cache
        .get(|| async { Err::<Token, _>(vendor_error("20006")) })
        .await
        .unwrap_err();
    assert_eq!(err.vendor_code(), Some("20006"));

    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);
    let token = cache.get(|| endpoint.clone().fetch()).await.unwrap();
    assert_eq!(value(&token), "t1");
    assert_eq!(endpoint.calls(), 1);
    assert_eq!(cache.fetch_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn waiters_of_a_failed_flight_share_its_error() {
    let cache = TokenCache::default();
    let calls = Arc::new(AtomicU64::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (cache, calls) = (cache.clone(), calls.clone());
        tasks.spawn(async move {
            cache
                .get(|| async move {
                    calls.fetch_add(1, Ordering::SeqCst);
                    sleep(Duration::from_millis(100)).await;
                    Err::<Token, _>(vendor_error("20006"))
                })
                .await
        });
    }
    while let Some(joined) = tasks.join_next().await {
        let err = joined.unwrap().unwrap_err();
        assert_eq!(err.vendor_code(), Some("20006"));
        assert_eq!(err.request_id(), Some("trace-1"));
    }
    assert_eq!(
        calls.load(Ordering::SeqCst),
        1,
        "one call for the whole wave"
    );

    // The failure is not remembered for callers that come afterwards.
    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t1"
    );
}

#[tokio::test(start_paused = true)]
async fn the_fetcher_and_its_waiters_get_the_transient_cause_not_a_local_error() {
    let cache = TokenCache::default();
    let calls = Arc::new(AtomicU64::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (cache, calls) = (cache.clone(), calls.clone());
        tasks.spawn(async move {
            cache
                .get(|| async move {
                    calls.fetch_add(1, Ordering::SeqCst);
                    sleep(Duration::from_secs(1)).await;
                    Err::<Token, _>(Error::Timeout {
                        provider: "fxiaoke",
                        operation: "corpAccessToken",
                    })
                })
                .await
        });
    }
    let mut errors = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        errors.push(joined.unwrap().unwrap_err());
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1, "one fetch for the wave");
    assert_eq!(cache.fetch_count(), 1);
    let first_source = source_of(&errors[0]);
    for error in &errors {
        assert!(
            matches!(
                error,
                Error::TokenFetch {
                    provider: "fxiaoke",
                    ..
                }
            ),
            "{error:?}"
        );
        // Classified like the cause: a timeout, not the caller's configuration.
        assert!(error.is_timeout() && !error.is_local(), "{error}");
        assert_eq!(error.operation(), Some("corpAccessToken"));
        let source = source_of(error);
        assert!(
            matches!(
                source,
                Error::Timeout {
                    operation: "corpAccessToken",
                    ..
                }
            ),
            "{source:?}"
        );
        // One failure, shared: every caller's source is the same value.
        assert!(std::ptr::eq(source, first_source));
        assert!(error.to_string().contains("timed out"), "{error}");
    }

    // Nobody fetched again on the waiters' behalf; the next caller does.
    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t1"
    );
    assert_eq!(cache.fetch_count(), 2);
}

/// The `bindery_runtime::Error` an error's `source()` is.
fn source_of(error: &Error) -> &Error {
    std::error::Error::source(error)
        .expect("a token fetch error keeps its cause")
        .downcast_ref::<Error>()
        .expect("the cause is the fetch's own error")
}

// ---------- cancellation ----------

#[tokio::test(start_paused = true)]
async fn dropped_fetch_does_not_block_the_cache() {
    let cache = TokenCache::default();
    let abandoned = timeout(
        Duration::from_secs(5),
        cache.get(std::future::pending::<Result<Token, Error>>),
    )
    .await;
    assert!(abandoned.is_err(), "the fetch never completes");

    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);
    let token = timeout(
        Duration::from_secs(5),
        cache.get(|| endpoint.clone().fetch()),
    )
    .await
    .expect("the cache is not locked")
    .unwrap();
    assert_eq!(value(&token), "t1");
    assert_eq!(cache.fetch_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn waiter_takes_over_when_the_fetching_task_is_aborted() {
    let cache = TokenCache::default();
    let stuck = {
        let cache = cache.clone();
        tokio::spawn(async move {
            cache
                .get(std::future::pending::<Result<Token, Error>>)
                .await
        })
    };
    tokio::task::yield_now().await; // `stuck` now holds the flight
    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);
    let waiter = {
        let (cache, endpoint) = (cache.clone(), endpoint.clone());
        tokio::spawn(async move { cache.get(|| endpoint.fetch()).await })
    };
    sleep(Duration::from_secs(1)).await;
    assert!(!waiter.is_finished(), "waits for the flight in progress");
    stuck.abort();
    assert!(stuck.await.unwrap_err().is_cancelled());
    let token = timeout(Duration::from_secs(5), waiter)
        .await
        .expect("bounded")
        .unwrap()
        .unwrap();
    assert_eq!(value(&token), "t1");
    assert_eq!(cache.fetch_count(), 2);
}

#[tokio::test(start_paused = true)]
async fn panicking_fetch_does_not_poison_the_cache() {
    let cache = TokenCache::default();
    let panicked = {
        let cache = cache.clone();
        tokio::spawn(async move {
            cache
                .get(|| async { panic!("fetch blew up (expected by this test)") })
                .await
        })
    };
    assert!(panicked.await.unwrap_err().is_panic());
    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t1"
    );
}

// ---------- invalidation ----------

#[tokio::test(start_paused = true)]
async fn invalidate_forgets_only_the_given_token() {
    let cache = TokenCache::default();
    let endpoint = Endpoint::new(Duration::ZERO, LIFETIME);
    let t1 = cache.get(|| endpoint.clone().fetch()).await.unwrap();

    cache.invalidate(&t1).await;
    let t2 = cache.get(|| endpoint.clone().fetch()).await.unwrap();
    assert_eq!(value(&t2), "t2");
    assert!(t2.generation() > t1.generation());

    // A second caller that also saw t1 fail must not throw t2 away; nor does
    // a token that never came from the cache.
    cache.invalidate(&t1).await;
    cache.invalidate(&Token::new("t2", LIFETIME)).await;
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t2"
    );
    assert_eq!(endpoint.calls(), 2);

    cache.invalidate(&t2).await;
    assert_eq!(
        value(&cache.get(|| endpoint.clone().fetch()).await.unwrap()),
        "t3"
    );
}

#[tokio::test(start_paused = true)]
async fn a_reissued_token_value_is_invalidated_by_generation_not_value() {
    // Fxiaoke repeats the same token when asked again within 6600 s: the
    // cache must still tell the refreshed token from the one reported expired.
    let cache = TokenCache::default();
    let fetches = Arc::new(AtomicU64::new(0));
    let fetch = || {
        let fetches = fetches.clone();
        async move {
            fetches.fetch_add(1, Ordering::SeqCst);
            Ok(Token::new("SAME", LIFETIME))
        }
    };
    let old = cache.get(fetch).await.unwrap();
    cache.invalidate(&old).await;
    let new = cache.get(fetch).await.unwrap();
    assert_eq!((value(&old), value(&new)), ("SAME", "SAME"));
    assert_eq!(old, new, "equal as the vendor sent them");
    assert_ne!(old.generation(), new.generation());
    // Late reports about the old token keep the new one.
    for _ in 0..10 {
        cache.invalidate(&old).await;
    }
    cache.get(fetch).await.unwrap();
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_callers_reporting_a_reissued_token_expired_cause_one_refetch() {
    const CALLERS: usize = 1000;
    let cache = TokenCache::default();
    let fetches = Arc::new(AtomicU64::new(0));
    let fetch = {
        let fetches = fetches.clone();
        move || {
            let fetches = fetches.clone();
            async move {
                fetches.fetch_add(1, Ordering::SeqCst);
                sleep(Duration::from_millis(5)).await;
                Ok(Token::new("SAME", LIFETIME))
            }
        }
    };
    // Every caller's first call fails with 20016, but only once all of them
    // have got the first token: the wave of "expired" answers comes late. Each caller
    // then does what a client does with an expired token (`Protocol::forget`):
    // invalidates the token it used, by generation, and gets one again.
    let first_calls = Arc::new(tokio::sync::Barrier::new(CALLERS));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..CALLERS {
        let (cache, fetch, first_calls) = (cache.clone(), fetch.clone(), first_calls.clone());
        tasks.spawn(async move {
            let used = cache.get(&fetch).await?;
            first_calls.wait().await;
            cache.invalidate(&used).await;
            let token = cache.get(&fetch).await?;
            Ok::<_, Error>(token.generation())
        });
    }
    let all = timeout(Duration::from_secs(60), async {
        let mut generations = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            generations.push(joined.unwrap().expect("the retry succeeds"));
        }
        generations
    })
    .await
    .expect("bounded");
    assert_eq!(all.len(), CALLERS);
    assert_eq!(
        fetches.load(Ordering::SeqCst),
        2,
        "one initial fetch and one refetch"
    );
    assert!(
        all.iter().all(|g| *g == all[0]),
        "all retried with the refetched token"
    );
}
