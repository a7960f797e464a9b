//! A shared, single-flight cache for short-lived access tokens.
//!
//! Token endpoints are often strict (Fxiaoke's allow 10 calls a minute and *no
//! concurrent calls*), so every caller of one app should go through one
//! [`TokenCache`]: it keeps the current token until its refresh point
//! ([`RefreshPolicy`]; a vendor module passes its own, as Fxiaoke's
//! `REFRESH_POLICY`), and when a new one is needed exactly one caller runs the
//! fetch while the others wait for its result. When a call answers "token
//! expired", the protocol's [`forget`](crate::Protocol::forget) invalidates the
//! token the call used and the client tries the call once more with a fresh one.
//!
//! Every fetch is a *generation*: a token remembers which fetch produced it
//! ([`Token::generation`]), and [`TokenCache::invalidate`] forgets the cached
//! token only if it is still that generation. Comparing values would not do: a
//! vendor may hand out the *same* value when asked again (Fxiaoke does within
//! 6600 s), so a late "expired" answer for the old token would look like one for
//! the new token and throw it away, once per late caller. With generations one wave of
//! "expired" answers causes exactly one refetch, whatever values the vendor
//! returns.
//!
//! A failed fetch is shared, not cached: the caller that ran it and every
//! caller that waited for it get an [`Error::TokenFetch`] whose
//! [`source`](std::error::Error::source) is the fetch's error (one shared
//! value) and whose classifiers ([`Error::is_local`], [`Error::is_timeout`],
//! [`Error::http_status`], [`Error::vendor_code`], …) answer as that error's
//! do, so an HTTP 500 or a timeout of the token endpoint reads as the
//! transient failure it is, not as a configuration problem. Waiters do not
//! fetch again themselves (a failing token endpoint is called once per wave of
//! callers, and the fetch has already had its own retries); the next `get`
//! that arrives after the failed flight fetches again.
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

use crate::error::{Error, fetch_failed};
use crate::redact::is_sensitive_key;
use crate::wire::Secret;

// The shared error lives beside the error type it belongs to; this path is kept for callers.
pub use crate::error::SharedError;

/// An access token and what came with it.
///
/// Equality compares what the vendor sent (value, lifetime, fields), not the
/// [`generation`](Token::generation).
#[derive(Clone)]
pub struct Token {
    /// The token itself.
    pub value: Secret,
    /// How long the token is valid from issue, as the vendor stated it
    /// (`expiresIn`). [`Duration::ZERO`] means "not stated": the policy's
    /// [`max_lifetime`](RefreshPolicy::max_lifetime) is assumed.
    pub lifetime: Duration,
    /// Non-secret values that came with the token, e.g. `"ea"`, `"corpId"`,
    /// `"openUserId"`. Do not put secrets here; as a safeguard, `Debug`
    /// masks values whose key looks like a credential (`token`, `secret`,
    /// `code`, … see [`Token::hides_field`]) or is one of the
    /// [secret fields](Token::with_secret_fields) the token's endpoint names.
    pub fields: BTreeMap<String, String>,
    /// Field names `Debug` masks besides the credential-looking ones.
    secret_fields: &'static [&'static str],
    /// Which fetch of a [`TokenCache`] produced the token; 0 for one that
    /// did not come from a cache.
    generation: u64,
}

impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.lifetime == other.lifetime && self.fields == other.fields
    }
}

impl Eq for Token {}

impl Token {
    /// A token valid for `lifetime` from now, with no extra fields.
    pub fn new(value: impl Into<Secret>, lifetime: Duration) -> Self {
        Token {
            value: value.into(),
            lifetime,
            fields: BTreeMap::new(),
            secret_fields: &[],
            generation: 0,
        }
    }

    /// Names fields whose values `Debug` masks whatever they are called:
    /// typically the token endpoint's [`Operation::secret_fields`](crate::Operation::secret_fields),
    /// the fields its spec types `secret`.
    #[must_use]
    pub fn with_secret_fields(mut self, names: &'static [&'static str]) -> Self {
        self.secret_fields = names;
        self
    }

    /// Whether `Debug` masks the field `key`: a credential-looking name
    /// (containing `token`, `secret`, `sign`, `password`, `code` or
    /// `authorization`, any case; `permanentCode`, `authCode`, …) or one of
    /// the [secret fields](Token::with_secret_fields).
    pub fn hides_field(&self, key: &str) -> bool {
        let lower = key.to_ascii_lowercase();
        is_sensitive_key(key)
            || ["code", "authorization"]
                .iter()
                .any(|word| lower.contains(word))
            || self
                .secret_fields
                .iter()
                .any(|name| name.eq_ignore_ascii_case(key))
    }

    /// Which fetch of a [`TokenCache`] produced this token: a number unique
    /// to that fetch within the process, larger for later fetches; 0 for a
    /// token that was not handed out by a cache.
    /// [`TokenCache::invalidate`] compares this, never the value.
    pub fn generation(&self) -> u64 {
        self.generation
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
        struct Fields<'a>(&'a Token);

        impl fmt::Debug for Fields<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (key, value) in &self.0.fields {
                    if self.0.hides_field(key) {
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
            .field("fields", &Fields(self))
            .field("generation", &self.generation)
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
    /// Refresh at the latest this long after issue, whatever the lifetime (for a
    /// vendor that repeats the old token until some point before it expires;
    /// [`Duration::MAX`] for none).
    pub refresh_after: Duration,
    /// The longest lifetime assumed, whatever the token says. Also the lifetime
    /// of a token whose [`Token::lifetime`] is zero.
    pub max_lifetime: Duration,
    /// How long before a token's stated expiry it is replaced at the latest
    /// (default 60 s; never more than a tenth of the lifetime).
    pub expiry_margin: Duration,
}

impl RefreshPolicy {
    /// No vendor's rules, the [`Default`]: a token is served for its stated
    /// lifetime less the margin, at most an hour (the lifetime assumed when none
    /// is stated), with a 60 s margin. Under-estimating a lifetime costs an extra
    /// fetch; over-estimating it costs failed calls. A vendor module passes its
    /// own rules instead.
    pub const DEFAULT: RefreshPolicy = RefreshPolicy {
        refresh_after: Duration::MAX,
        max_lifetime: Duration::from_secs(3600),
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
        RefreshPolicy::DEFAULT
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
/// * A successful fetch is cached and returned to all waiters, stamped with a
///   new [generation](Token::generation).
/// * [`invalidate`](Self::invalidate) forgets the cached token only if it is
///   still the generation the caller used: however many callers report the
///   same expired token, and whatever value the vendor issues next (Fxiaoke
///   repeats the old one within 6600 s), one wave of reports causes one
///   refetch.
/// * A failed fetch is **not** cached. The caller that ran it and the callers
///   that were already waiting for that flight all get an
///   [`Error::TokenFetch`] sharing the fetch's error as its
///   [`source`](std::error::Error::source), classified like it (an HTTP 500 or
///   a timeout of the token endpoint is not [local](Error::is_local)). The
///   waiters do not fetch again: a failing endpoint is called once per wave
///   of callers, not once per caller. The next `get` that arrives afterwards
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
    /// The values of the latest successful fetches, newest last, at most
    /// [`ISSUED_KEPT`]: secrets the client holds, hidden in every error and
    /// log of the client, not only in those of the calls that sent them.
    /// Apart from `state` so it can be read without waiting for a fetch.
    issued: std::sync::Mutex<Vec<Secret>>,
}

/// How many fetched values [`TokenCache::issued_values`] keeps: the current
/// token and the one before it, which the vendor still accepts (and may
/// repeat) until its own expiry.
const ISSUED_KEPT: usize = 2;

/// Generations of successful fetches, shared by every cache of the process so
/// that a token from one cache never matches another cache's generation.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(1);

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
    error: Arc<Error>,
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
                issued: std::sync::Mutex::default(),
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
    ///
    /// # Errors
    ///
    /// [`Error::TokenFetch`] when the fetch this caller ran or waited for failed.
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
            return Err(fetch_failed(&failure.error));
        }

        inner.fetches.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        // If this future is dropped here, `state`'s guard is dropped with it:
        // the lock is released and nothing about this flight is recorded.
        let outcome = fetch().await;
        let flight = inner.completed.fetch_add(1, Ordering::AcqRel) + 1;
        match outcome {
            Ok(mut token) => {
                token.generation = NEXT_GENERATION.fetch_add(1, Ordering::Relaxed);
                let refresh_at = started.checked_add(inner.policy.refresh_delay(token.lifetime));
                state.cached = Some(Cached {
                    token: token.clone(),
                    refresh_at,
                });
                state.failure = None;
                self.remember_issued(&token.value);
                Ok(token)
            }
            Err(error) => {
                let error = Arc::new(error);
                state.cached = None;
                state.failure = Some(Failure {
                    flight,
                    error: Arc::clone(&error),
                });
                Err(fetch_failed(&error))
            }
        }
    }

    /// Forgets the cached token if it is still the one `stale` is (the same
    /// [generation](Token::generation): the token a call just found expired),
    /// so the next [`get`](Self::get) fetches a new one. If another caller has
    /// already replaced it, the newer token is kept, even when the vendor
    /// issued it with the same value. A token that did not come from this
    /// cache changes nothing. Waits for a fetch in progress to finish first.
    pub async fn invalidate(&self, stale: &Token) {
        self.invalidate_generation(stale.generation).await;
    }

    /// [`invalidate`](Self::invalidate) by generation number.
    pub(crate) async fn invalidate_generation(&self, generation: u64) {
        let mut state = self.inner.state.lock().await;
        if generation != 0
            && state
                .cached
                .as_ref()
                .is_some_and(|cached| cached.token.generation == generation)
        {
            state.cached = None;
        }
    }

    fn remember_issued(&self, value: &Secret) {
        let mut issued = self
            .inner
            .issued
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if issued.last() != Some(value) {
            issued.push(value.clone());
        }
        if issued.len() > ISSUED_KEPT {
            issued.remove(0);
        }
    }

    /// The values of the latest tokens this cache fetched (the current one and
    /// the one before it), whether or not they are still cached: secrets to
    /// hide wherever a vendor repeats them. Never waits for a fetch.
    pub(crate) fn issued_values(&self) -> Vec<Secret> {
        self.inner
            .issued
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// How many fetches have been started (including failed and abandoned ones).
    pub fn fetch_count(&self) -> u64 {
        self.inner.fetches.load(Ordering::Relaxed)
    }
}

impl Default for TokenCache {
    /// An empty cache with [`RefreshPolicy::DEFAULT`].
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

#[cfg(test)]
mod tests;
