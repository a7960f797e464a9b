//! Client-side rate limiting from [`Operation::rate_limit`].
//!
//! One sliding-window log per budget: per operation (keyed by provider and
//! name) for [`RateLimitScope::Operation`], one per provider for
//! [`RateLimitScope::Provider`] (every app-wide operation of the provider
//! draws on it). A window's limit is the one the first operation seen with
//! its key had. A call
//! holds a slot from the moment it starts until its answer's head arrives (or
//! it fails, or is dropped), and the slot is free again `per_seconds` after
//! that. So at most `requests` calls *start* within any window of that length
//! — any window, not only windows aligned to some clock — and, since a
//! request reaches the vendor between its start and its answer, the vendor
//! sees at most `requests` *arrivals* in any window too, whatever the network
//! latency (a connection set up for one request and reused by the next would
//! otherwise bunch arrivals up). The price is one round trip per slot and
//! window: with `per_seconds = 1` and 100 ms answers, 20 requests a second
//! become about 18.
//!
//! Waiters queue in arrival order on a fair `tokio` mutex; only the head of
//! the queue sleeps, on a timer (until the oldest finished slot leaves the
//! window) or until an in-flight call finishes, so nothing polls. A slot is
//! taken only when granted, and returned by [`Permit`]'s `Drop`: cancelling a
//! waiting call neither takes nor keeps a slot, and cancelling a call in
//! flight frees its slot as if it had finished then.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::pin::pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::operation::{Operation, RateLimit, RateLimitScope};

/// Per-budget limiters, shared by every clone of a client.
#[derive(Default)]
pub(crate) struct RateLimiter {
    windows: Mutex<HashMap<Budget, Arc<Window>>>,
}

/// Whose calls one window counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Budget {
    /// One operation's: provider and operation name.
    Operation(&'static str, &'static str),
    /// Every app-wide operation of a provider.
    Provider(&'static str),
}

impl Budget {
    fn of(op: &Operation, limit: RateLimit) -> Budget {
        match limit.scope {
            RateLimitScope::Operation => Budget::Operation(op.provider, op.name),
            RateLimitScope::Provider => Budget::Provider(op.provider),
        }
    }
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let budgets = self
            .windows
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        f.debug_struct("RateLimiter")
            .field("budgets", &budgets)
            .finish()
    }
}

impl RateLimiter {
    /// Waits until `op` may start under its rate limit and takes a slot,
    /// held until the returned permit is dropped. Also returns how long it
    /// waited (zero, and an empty permit, for operations without a limit).
    pub(crate) async fn acquire(&self, op: &Operation) -> (Permit, Duration) {
        let Some(limit) = op.rate_limit else {
            return (Permit { window: None }, Duration::ZERO);
        };
        let Some(window) = self.window(op, limit) else {
            return (Permit { window: None }, Duration::ZERO);
        };
        Window::acquire(window).await
    }

    fn window(&self, op: &Operation, limit: RateLimit) -> Option<Arc<Window>> {
        if limit.requests == 0 || limit.per_seconds == 0 {
            // Not a limit anyone could obey; the spec would not say so.
            return None;
        }
        // Held only for the lookup, never across an await.
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        let window = windows
            .entry(Budget::of(op, limit))
            .or_insert_with(|| Arc::new(Window::new(limit)));
        Some(Arc::clone(window))
    }
}

/// A slot of an operation's window, held while the call is in flight.
pub(crate) struct Permit {
    window: Option<Arc<Window>>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        if let Some(window) = self.window.take() {
            let mut slots = window.slots();
            slots.in_flight -= 1;
            slots.finished.push_back(Instant::now());
            drop(slots);
            window.freed.notify_waiters();
        }
    }
}

/// The sliding-window log of one operation.
struct Window {
    requests: usize,
    span: Duration,
    /// The FIFO queue of waiting callers; its holder is the next to start.
    queue: tokio::sync::Mutex<()>,
    /// Never held across an await.
    slots: Mutex<Slots>,
    /// Signalled when an in-flight call finishes.
    freed: Notify,
}

#[derive(Default)]
struct Slots {
    /// Calls started and not finished.
    in_flight: usize,
    /// When calls finished, oldest first; each holds its slot for `span`.
    finished: VecDeque<Instant>,
}

impl Window {
    fn new(limit: RateLimit) -> Self {
        Window {
            requests: usize::try_from(limit.requests).unwrap_or(usize::MAX),
            span: Duration::from_secs(u64::from(limit.per_seconds)),
            queue: tokio::sync::Mutex::new(()),
            slots: Mutex::new(Slots::default()),
            freed: Notify::new(),
        }
    }

    fn slots(&self) -> MutexGuard<'_, Slots> {
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }

    async fn acquire(window: Arc<Window>) -> (Permit, Duration) {
        let arrived = Instant::now();
        // Dropping this future anywhere below releases the queue and takes nothing.
        let _head = window.queue.lock().await;
        loop {
            // Registered before looking, so a slot freed in between is not missed.
            let mut freed = pin!(window.freed.notified());
            freed.as_mut().enable();
            let next_free = {
                let now = Instant::now();
                let mut slots = window.slots();
                while slots
                    .finished
                    .front()
                    .is_some_and(|&at| now.duration_since(at) >= window.span)
                {
                    slots.finished.pop_front();
                }
                if slots.in_flight + slots.finished.len() < window.requests {
                    slots.in_flight += 1;
                    drop(slots);
                    let waited = now.duration_since(arrived);
                    return (
                        Permit {
                            window: Some(Arc::clone(&window)),
                        },
                        waited,
                    );
                }
                // Full: the oldest finished slot leaves the window at
                // `finished + span`; if every slot is in flight, wait for one.
                slots.finished.front().map(|&at| at + window.span)
            };
            match next_free {
                Some(at) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(at) => {}
                        () = freed => {}
                    }
                }
                None => freed.await,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Method;
    use crate::test_ops::TC_ENVELOPE;

    const fn op(name: &'static str, requests: u32, per_seconds: u32) -> Operation {
        scoped(
            "test",
            name,
            requests,
            per_seconds,
            RateLimitScope::Operation,
        )
    }

    const fn scoped(
        provider: &'static str,
        name: &'static str,
        requests: u32,
        per_seconds: u32,
        scope: RateLimitScope,
    ) -> Operation {
        Operation {
            provider,
            name,
            method: Method::Post,
            path: "/",
            action: None,
            auth: None,
            idempotent: true,
            envelope: &TC_ENVELOPE,
            rate_limit: Some(RateLimit {
                requests,
                per_seconds,
                scope,
            }),
            secret_fields: &[],
            query: &[],
            request_body: crate::operation::BodyShape::Object,
            response_body: crate::operation::BodyShape::Object,
        }
    }

    static FIVE_PER_SECOND: Operation = op("five", 5, 1);
    static OTHER: Operation = op("other", 5, 1);
    static ONE_PER_TEN: Operation = op("slow", 1, 10);
    static APP_A: Operation = scoped("test", "appA", 3, 1, RateLimitScope::Provider);
    static APP_B: Operation = scoped("test", "appB", 3, 1, RateLimitScope::Provider);
    static OTHER_APP: Operation = scoped("other", "appA", 3, 1, RateLimitScope::Provider);
    static OWN_WINDOW: Operation = scoped("test", "own", 3, 1, RateLimitScope::Operation);

    fn max_in_any_window(starts: &[Instant], window: Duration) -> usize {
        starts
            .iter()
            .map(|&from| {
                starts
                    .iter()
                    .filter(|&&t| t >= from && t < from + window)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[tokio::test(start_paused = true)]
    async fn no_window_holds_more_than_the_limit() {
        let limiter = Arc::new(RateLimiter::default());
        let began = Instant::now();
        let mut tasks = Vec::new();
        for i in 0..37u64 {
            let limiter = Arc::clone(&limiter);
            tasks.push(tokio::spawn(async move {
                // Staggered arrivals, so windows are not aligned to the first call.
                tokio::time::sleep(Duration::from_millis(i * 37 % 300)).await;
                let (permit, _) = limiter.acquire(&FIVE_PER_SECOND).await;
                let started = Instant::now();
                // Calls take a while: the slot is held meanwhile.
                tokio::time::sleep(Duration::from_millis(i % 4 * 10)).await;
                drop(permit);
                started
            }));
        }
        let mut starts = Vec::new();
        for task in tasks {
            starts.push(task.await.unwrap());
        }
        starts.sort();
        assert_eq!(max_in_any_window(&starts, Duration::from_secs(1)), 5);
        // 37 calls at 5 per second (plus time in flight): 7 windows after the first.
        let took = starts.last().unwrap().duration_since(began);
        assert!(took >= Duration::from_millis(7000), "{took:?}");
        assert!(took < Duration::from_millis(7700), "{took:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn operations_have_their_own_windows() {
        let limiter = RateLimiter::default();
        let began = Instant::now();
        for _ in 0..5 {
            limiter.acquire(&FIVE_PER_SECOND).await;
        }
        for _ in 0..5 {
            assert_eq!(limiter.acquire(&OTHER).await.1, Duration::ZERO);
        }
        assert_eq!(Instant::now(), began);
        let (_, waited) = limiter.acquire(&FIVE_PER_SECOND).await;
        assert_eq!(waited, Duration::from_secs(1));
        assert_eq!(format!("{limiter:?}"), "RateLimiter { budgets: 2 }");
    }

    #[tokio::test(start_paused = true)]
    async fn app_wide_limits_share_one_budget_per_provider() {
        let limiter = RateLimiter::default();
        let began = Instant::now();
        // Two app-wide operations of one provider: 3 calls in all, not 3 each.
        limiter.acquire(&APP_A).await;
        limiter.acquire(&APP_B).await;
        limiter.acquire(&APP_A).await;
        // Another provider's app-wide budget and a per-operation one are apart.
        for _ in 0..3 {
            assert_eq!(limiter.acquire(&OTHER_APP).await.1, Duration::ZERO);
            assert_eq!(limiter.acquire(&OWN_WINDOW).await.1, Duration::ZERO);
        }
        assert_eq!(Instant::now(), began);
        let (_, waited) = limiter.acquire(&APP_B).await;
        assert_eq!(waited, Duration::from_secs(1));
        assert_eq!(format!("{limiter:?}"), "RateLimiter { budgets: 3 }");
    }

    #[tokio::test(start_paused = true)]
    async fn a_slot_is_held_while_in_flight_and_for_a_window_after() {
        let limiter = Arc::new(RateLimiter::default());
        let (permit, _) = limiter.acquire(&ONE_PER_TEN).await;
        let holder = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_secs(3)).await;
            drop(permit);
        });
        let (_permit, waited) = limiter.acquire(&ONE_PER_TEN).await;
        assert_eq!(waited, Duration::from_secs(13));
        holder.await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_waiter_takes_no_slot() {
        let limiter = Arc::new(RateLimiter::default());
        let began = Instant::now();
        limiter.acquire(&ONE_PER_TEN).await;
        // Waits (for the slot at 10 s), then is dropped after 1 s.
        let waiting = tokio::time::timeout(Duration::from_secs(1), limiter.acquire(&ONE_PER_TEN));
        assert!(waiting.await.is_err());
        // The next caller gets the slot the dropped one was waiting for.
        limiter.acquire(&ONE_PER_TEN).await;
        assert_eq!(
            Instant::now().duration_since(began),
            Duration::from_secs(10)
        );
        // And a task aborted while waiting leaves nothing locked either.
        let task = tokio::spawn({
            let limiter = Arc::clone(&limiter);
            async move { limiter.acquire(&ONE_PER_TEN).await.1 }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        limiter.acquire(&ONE_PER_TEN).await;
        assert_eq!(
            Instant::now().duration_since(began),
            Duration::from_secs(20)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn unlimited_operations_never_wait() {
        let limiter = RateLimiter::default();
        let mut free = op("free", 1, 1);
        free.rate_limit = None;
        let zero = op("zero", 0, 1);
        for _ in 0..10 {
            assert_eq!(limiter.acquire(&free).await.1, Duration::ZERO);
            assert_eq!(limiter.acquire(&zero).await.1, Duration::ZERO);
        }
    }
}
