//! A shared, single-flight cache for short-lived access tokens.
//!
//! Fxiaoke's tokens live 7200 s; asking for one again within 6600 s of issue
//! returns the same token, between 6600 s and 7200 s a new one is issued. The
//! token endpoints allow at most 10 calls a minute and *no concurrent calls*,
//! so every caller of one app should go through one [`TokenCache`]: it keeps
//! the current token until its refresh point ([`RefreshPolicy`]), and when a
//! new one is needed exactly one caller runs the fetch while the others wait
//! for its result. When a call answers "token expired" (`20016` / `20005`),
//! [`with_token_retry`] invalidates that token, fetches once more and retries
//! the call once.
//!
//! The cache knows nothing about HTTP: the fetch is any async closure that
//! returns a [`Token`] (typically a [`Client::call`](crate::Client::call) to
//! the token endpoint). Time is measured with [`tokio::time::Instant`], a
//! monotonic clock that tests can pause and advance.
//!
//! ```
//! use std::time::Duration;
//! use bindery_runtime::token::{RefreshPolicy, Token, TokenCache};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), bindery_runtime::Error> {
//! let cache = TokenCache::new(RefreshPolicy::default());
//! let fetch = || async {
//!     // POST /cgi/corpAccessToken/get/V2 with the app credentials, then:
//!     Ok(Token::new("corp-access-token", Duration::from_secs(7200)).with_field("corpId", "corp-1"))
//! };
//! let token = cache.get(fetch).await?;
//! assert_eq!(token.field("corpId"), Some("corp-1"));
//! // Within the refresh window the cached token is returned without fetching.
//! let again = cache.get(|| async { unreachable!("still fresh") }).await?;
//! assert_eq!(again.value, token.value);
//! assert_eq!(cache.fetch_count(), 1);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::error::{Error, VendorError, is_sensitive_key};
use crate::wire::Secret;

/// An access token and what came with it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    /// The token itself.
    pub value: Secret,
    /// How long the token is valid from issue, as the vendor stated it
    /// (`expiresIn`). [`Duration::ZERO`] means "not stated": the policy's
    /// [`max_lifetime`](RefreshPolicy::max_lifetime) is assumed.
    pub lifetime: Duration,
    /// Non-secret values that came with the token, e.g. `"ea"`, `"corpId"`,
    /// `"openUserId"`. Do not put secrets here; as a safeguard, `Debug`
    /// masks values whose key looks like a credential (`token`, `secret`, …).
    pub fields: BTreeMap<String, String>,
}

impl Token {
    /// A token valid for `lifetime` from now, with no extra fields.
    pub fn new(value: impl Into<Secret>, lifetime: Duration) -> Self {
        Token {
            value: value.into(),
            lifetime,
            fields: BTreeMap::new(),
        }
    }

    /// Adds (or replaces) a non-secret field.
    pub fn with_field(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.insert(key.into(), value.into());
        self
    }

    /// The field `key`, if the token came with it.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Fields<'a>(&'a BTreeMap<String, String>);

        impl fmt::Debug for Fields<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (key, value) in self.0 {
                    if is_sensitive_key(key) {
                        map.entry(key, &"[redacted]");
                    } else {
                        map.entry(key, value);
                    }
                }
                map.finish()
            }
        }

        f.debug_struct("Token")
            .field("value", &self.value)
            .field("lifetime", &self.lifetime)
            .field("fields", &Fields(&self.fields))
            .finish()
    }
}

/// When a cached token is replaced.
///
/// A token fetched at `t` with lifetime `L` (capped at
/// [`max_lifetime`](Self::max_lifetime)) is served until
/// `t + min(refresh_after, L - margin)`, where `margin` is
/// [`expiry_margin`](Self::expiry_margin) but at most `L / 10`; after that
/// the next [`TokenCache::get`] fetches a new one. `t` is when the fetch
/// *started*, so the vendor issued the token no earlier than that.
/// [`refresh_delay`](Self::refresh_delay) computes the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RefreshPolicy {
    /// Refresh at the latest this long after issue (Fxiaoke: 6600 s, from
    /// when on the vendor issues a new token instead of repeating the old one).
    pub refresh_after: Duration,
    /// The longest lifetime assumed, whatever the token says (Fxiaoke: 7200 s).
    /// Also the lifetime of a token whose [`Token::lifetime`] is zero.
    pub max_lifetime: Duration,
    /// How long before a token's stated expiry it is replaced at the latest
    /// (default 60 s; never more than a tenth of the lifetime).
    pub expiry_margin: Duration,
}

impl RefreshPolicy {
    /// Fxiaoke's token rules: refresh after 6600 s, lifetime at most 7200 s,
    /// 60 s margin. This is the [`Default`].
    pub const FXIAOKE: RefreshPolicy = RefreshPolicy {
        refresh_after: Duration::from_secs(6600),
        max_lifetime: Duration::from_secs(7200),
        expiry_margin: Duration::from_secs(60),
    };

    /// How long a token with stated `lifetime` is served from the cache.
    pub fn refresh_delay(&self, lifetime: Duration) -> Duration {
        let lifetime = if lifetime.is_zero() {
            self.max_lifetime
        } else {
            lifetime.min(self.max_lifetime)
        };
        let margin = self.expiry_margin.min(lifetime / 10);
        self.refresh_after.min(lifetime.saturating_sub(margin))
    }
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        RefreshPolicy::FXIAOKE
    }
}

/// A shared token cache with single-flight refresh.
///
/// Cloning is cheap and clones share one cache, so one `TokenCache` per app
/// (per set of app credentials) should be handed to every task that needs
/// the token.
///
/// # Behaviour
///
/// * [`get`](Self::get) returns the cached token while it is fresh (see
///   [`RefreshPolicy`]). Otherwise exactly one caller runs its fetch; every
///   other caller of `get` (and [`invalidate`](Self::invalidate)) waits for it,
///   in arrival order, so the token endpoint never sees concurrent calls.
/// * A successful fetch is cached and returned to all waiters.
/// * A failed fetch is **not** cached. Its error goes to the caller that ran
///   it, and the callers that were already waiting for that flight get a copy
///   (a [`Error::Vendor`] is copied exactly; any other error becomes an
///   [`Error::Credentials`] of the same provider whose message includes the
///   original error's text), so a failing endpoint is called once per wave of
///   callers, not once per caller. The next `get` that arrives afterwards
///   fetches again.
/// * Cancellation-safe: if the caller running the fetch is dropped (a
///   timeout, an aborted task) or its fetch panics, the fetch is abandoned,
///   nothing is cached or reported to the waiters, and the next waiter in
///   line runs its own fetch. The lock is never left held or poisoned.
#[derive(Clone)]
pub struct TokenCache {
    inner: Arc<Inner>,
}

struct Inner {
    policy: RefreshPolicy,
    /// Held across a fetch: that is what makes the fetch single-flight.
    state: Mutex<State>,
    /// Fetches started.
    fetches: AtomicU64,
    /// Fetches that completed (with a token or an error); numbers flights.
    completed: AtomicU64,
}

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    failure: Option<Failure>,
}

struct Cached {
    token: Token,
    /// `None`: never (the policy's delay does not fit the clock).
    refresh_at: Option<Instant>,
}

impl Cached {
    fn is_fresh(&self, now: Instant) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }
}

/// The last failed flight, kept so that the callers who waited for it get its error.
struct Failure {
    /// The value of `completed` once the flight finished.
    flight: u64,
    error: SharedError,
}

/// An owned copy of an [`Error`] that can be handed to several callers.
enum SharedError {
    Vendor(VendorError),
    Other {
        provider: &'static str,
        message: String,
    },
}

impl SharedError {
    fn new(error: &Error) -> Self {
        match error.vendor() {
            Some(vendor) => SharedError::Vendor(vendor.clone()),
            None => SharedError::Other {
                provider: error.provider().unwrap_or("token"),
                message: format!("the token fetch this call waited for failed: {error}"),
            },
        }
    }

    fn to_error(&self) -> Error {
        match self {
            SharedError::Vendor(vendor) => Error::from(vendor.clone()),
            SharedError::Other { provider, message } => Error::Credentials {
                provider,
                message: message.clone(),
            },
        }
    }
}

impl TokenCache {
    /// An empty cache.
    pub fn new(policy: RefreshPolicy) -> Self {
        TokenCache {
            inner: Arc::new(Inner {
                policy,
                state: Mutex::new(State::default()),
                fetches: AtomicU64::new(0),
                completed: AtomicU64::new(0),
            }),
        }
    }

    /// The policy the cache was made with.
    pub fn policy(&self) -> RefreshPolicy {
        self.inner.policy
    }

    /// The current token: the cached one while fresh, otherwise the result
    /// of one `fetch` shared by all concurrent callers (see the
    /// [type-level docs](TokenCache#behaviour) for errors and cancellation).
    ///
    /// `fetch` is called at most once, and only if this caller is the one
    /// that refreshes; otherwise it is dropped unused.
    pub async fn get<F, Fut>(&self, fetch: F) -> Result<Token, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Token, Error>>,
    {
        let inner = &*self.inner;
        // Flights that finish after this point are ones this caller waited for.
        let seen = inner.completed.load(Ordering::Acquire);
        let mut state = inner.state.lock().await;
        if let Some(cached) = &state.cached
            && cached.is_fresh(Instant::now())
        {
            return Ok(cached.token.clone());
        }
        if let Some(failure) = &state.failure
            && failure.flight > seen
        {
            return Err(failure.error.to_error());
        }

        inner.fetches.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        // If this future is dropped here, `state`'s guard is dropped with it:
        // the lock is released and nothing about this flight is recorded.
        let outcome = fetch().await;
        let flight = inner.completed.fetch_add(1, Ordering::AcqRel) + 1;
        match outcome {
            Ok(token) => {
                let refresh_at = started.checked_add(inner.policy.refresh_delay(token.lifetime));
                state.cached = Some(Cached {
                    token: token.clone(),
                    refresh_at,
                });
                state.failure = None;
                Ok(token)
            }
            Err(error) => {
                state.cached = None;
                state.failure = Some(Failure {
                    flight,
                    error: SharedError::new(&error),
                });
                Err(error)
            }
        }
    }

    /// Forgets the cached token if it is still `stale` (the one a call just
    /// found expired), so the next [`get`](Self::get) fetches a new one. If
    /// another caller has already replaced it, the newer token is kept.
    /// Waits for a fetch in progress to finish first.
    pub async fn invalidate(&self, stale: &Secret) {
        let mut state = self.inner.state.lock().await;
        if state
            .cached
            .as_ref()
            .is_some_and(|cached| &cached.token.value == stale)
        {
            state.cached = None;
        }
    }

    /// How many fetches have been started (including failed and abandoned ones).
    pub fn fetch_count(&self) -> u64 {
        self.inner.fetches.load(Ordering::Relaxed)
    }
}

impl Default for TokenCache {
    /// An empty cache with [`RefreshPolicy::FXIAOKE`].
    fn default() -> Self {
        TokenCache::new(RefreshPolicy::default())
    }
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenCache")
            .field("policy", &self.inner.policy)
            .field("fetch_count", &self.fetch_count())
            .finish_non_exhaustive()
    }
}

/// Runs `call` with the cache's token, refreshing the token once if the
/// vendor says it expired.
///
/// Gets a token from `cache` (fetching with `fetch` if needed) and runs
/// `call(token)`. If that fails with an error for which `is_expired` is true
/// (for Fxiaoke: [`fxiaoke::is_token_expired`](crate::fxiaoke::is_token_expired),
/// codes `20016` / `20005`), the token is [invalidated](TokenCache::invalidate),
/// a token is got again (a new fetch, unless another caller has already
/// refreshed it) and `call` runs exactly once more; its result is returned
/// whatever it is. There is no loop: at most two calls and two `get`s.
/// Errors from `get` are returned as they are.
pub async fn with_token_retry<T, Call, CallFut, Fetch, FetchFut, Expired>(
    cache: &TokenCache,
    fetch: Fetch,
    mut call: Call,
    is_expired: Expired,
) -> Result<T, Error>
where
    Fetch: Fn() -> FetchFut,
    FetchFut: Future<Output = Result<Token, Error>>,
    Call: FnMut(Token) -> CallFut,
    CallFut: Future<Output = Result<T, Error>>,
    Expired: Fn(&Error) -> bool,
{
    let token = cache.get(&fetch).await?;
    let used = token.value.clone();
    match call(token).await {
        Err(error) if is_expired(&error) => {
            tracing::debug!(
                provider = error.provider(),
                code = error.vendor_code(),
                "token reported expired; refreshing once and retrying"
            );
            cache.invalidate(&used).await;
            let token = cache.get(&fetch).await?;
            call(token).await
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    #[test]
    fn refresh_delays() {
        let p = RefreshPolicy::FXIAOKE;
        assert_eq!(p, RefreshPolicy::default());
        assert_eq!(
            p.refresh_delay(Duration::from_secs(7200)),
            Duration::from_secs(6600)
        );
        // Unknown lifetime: the maximum is assumed.
        assert_eq!(p.refresh_delay(Duration::ZERO), Duration::from_secs(6600));
        // A claimed lifetime beyond the maximum is capped.
        assert_eq!(p.refresh_delay(100 * HOUR), Duration::from_secs(6600));
        // Short lifetimes: refreshed a tenth of the lifetime before expiry, at most 60 s.
        assert_eq!(
            p.refresh_delay(Duration::from_secs(300)),
            Duration::from_secs(270)
        );
        assert_eq!(
            p.refresh_delay(Duration::from_secs(1200)),
            Duration::from_secs(1140)
        );
        assert_eq!(
            p.refresh_delay(Duration::from_secs(1)),
            Duration::from_millis(900)
        );
        // Extreme policies neither panic nor overflow.
        let huge = RefreshPolicy {
            refresh_after: Duration::MAX,
            max_lifetime: Duration::MAX,
            expiry_margin: Duration::MAX,
        };
        assert!(huge.refresh_delay(Duration::ZERO) > 100 * HOUR);
        let zero = RefreshPolicy {
            refresh_after: Duration::ZERO,
            max_lifetime: Duration::ZERO,
            expiry_margin: Duration::ZERO,
        };
        assert_eq!(zero.refresh_delay(HOUR), Duration::ZERO);
    }

    #[test]
    fn token_debug_hides_value_and_secret_looking_fields() {
        let token = Token::new("TOKEN-VALUE", HOUR)
            .with_field("corpId", "corp-1")
            .with_field("refreshToken", "OOPS-SECRET");
        let text = format!("{token:?}");
        assert!(text.contains("corp-1"), "{text}");
        assert!(
            !text.contains("TOKEN-VALUE") && !text.contains("OOPS-SECRET"),
            "{text}"
        );
        assert_eq!(token.field("corpId"), Some("corp-1"));
        assert_eq!(token.field("ea"), None);
    }

    #[test]
    fn shared_errors_keep_vendor_facts_and_hide_nothing_new() {
        let vendor = Error::from(VendorError {
            provider: "fxiaoke",
            operation: "corpAccessToken",
            code: "20006".to_owned(),
            message: "bad app".to_owned(),
            request_id: Some("trace-1".to_owned()),
            http_status: 200,
        });
        let copy = SharedError::new(&vendor).to_error();
        assert_eq!(copy.vendor_code(), Some("20006"));
        assert_eq!(copy.request_id(), Some("trace-1"));

        let timeout = Error::Timeout {
            provider: "fxiaoke",
            operation: "corpAccessToken",
        };
        let copy = SharedError::new(&timeout).to_error();
        assert_eq!(copy.provider(), Some("fxiaoke"));
        assert!(copy.to_string().contains("timed out"), "{copy}");

        let config = Error::Config {
            message: "bad base URL".to_owned(),
        };
        let copy = SharedError::new(&config).to_error();
        assert_eq!(copy.provider(), Some("token"));
        assert!(copy.to_string().contains("bad base URL"), "{copy}");
    }

    #[tokio::test(start_paused = true)]
    async fn debug_and_clones_share_state() {
        let cache = TokenCache::default();
        let clone = cache.clone();
        let token = clone
            .get(|| async { Ok(Token::new("SECRET-T", HOUR)) })
            .await
            .unwrap();
        assert_eq!(token.value.expose(), "SECRET-T");
        assert_eq!(cache.fetch_count(), 1);
        let text = format!("{cache:?}");
        assert!(
            text.contains("fetch_count: 1") && !text.contains("SECRET-T"),
            "{text}"
        );
        assert_eq!(cache.policy(), RefreshPolicy::FXIAOKE);
    }

    #[tokio::test(start_paused = true)]
    async fn zero_policy_never_serves_from_cache() {
        let cache = TokenCache::new(RefreshPolicy {
            refresh_after: Duration::ZERO,
            max_lifetime: Duration::ZERO,
            expiry_margin: Duration::ZERO,
        });
        for _ in 0..3 {
            cache
                .get(|| async { Ok(Token::new("t", HOUR)) })
                .await
                .unwrap();
        }
        assert_eq!(cache.fetch_count(), 3);
    }
}
