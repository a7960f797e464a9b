//! When and how [`Client::call`](crate::Client::call) retries a failed attempt.
//!
//! See [`RetryPolicy`] for the rules. What a vendor's error codes mean for
//! retrying is the vendor protocol's business: its
//! [`classify`](crate::Protocol::classify) answers a [`CodeClass`] (each vendor
//! module keeps its codes as [`CodePattern`] tables), so a protocol defined
//! outside this crate gets throttling retries by implementing it.

use std::time::Duration;

use crate::error::Error;
use crate::operation::Operation;

/// How often and how patiently a call is retried.
///
/// An attempt is retried when another attempt may succeed *and* repeating it
/// cannot do harm. Whether it can do harm depends on whether the vendor may
/// already have processed the request, and on [`Operation::idempotent`]:
///
/// | Failure | Retried | Why |
/// |---|---|---|
/// | connection failure before the request was sent (refused, DNS, TLS, connect timeout: reqwest `is_connect()`) | always | nothing was sent |
/// | HTTP 429 (with or without a vendor envelope) | always, after `Retry-After` seconds (capped by [`max_delay`](Self::max_delay)) or the backoff | the vendor refused the request unprocessed |
/// | vendor throttling code ([`CodeClass::Throttled`] from the protocol's [`classify`](crate::Protocol::classify)): Tencent `RequestLimitExceeded` and `RequestLimitExceeded.*`; Fxiaoke `14001`, `30004` | always | the vendor refused the request unprocessed |
/// | vendor "busy" code ([`CodeClass::Busy`]): Fxiaoke `-1` (system busy) | only if `op.idempotent` | a busy answer does not say the request was left unprocessed |
/// | HTTP 502, 503, 504 without a vendor error envelope | only if `op.idempotent` | a gateway may have passed the request on |
/// | timeout ([`Error::Timeout`]) | only if `op.idempotent` | the vendor may be processing it |
/// | any other transport error (connection reset or closed after sending, a broken body) | only if `op.idempotent` | the vendor may have processed it |
/// | any other vendor error, including Tencent `InternalError` and Fxiaoke `30002` (daily quota) | never | the vendor answered; repeating will not change it (token expiry is the protocol's [`forget`](crate::Protocol::forget)'s business) |
/// | any other HTTP status (other 4xx, 500, 501, …) | never | |
/// | [`Error::Decode`] (including a body over the size limit) | never | the request was processed |
/// | [`Error::InvalidRequest`], [`Error::Credentials`], [`Error::Config`] | never | nothing was sent, and nothing would change |
///
/// Between attempts the call sleeps for a random time between zero and
/// `min(max_delay, base_delay × 2^(retry − 1))` ("full jitter"), unless the
/// server named a time with `Retry-After: <seconds>`, which is used instead
/// (capped by `max_delay`; an HTTP-date is ignored). Every attempt is built
/// afresh — a new `thirdTraceId`, timestamp and signature — and takes its own
/// slot from the client's rate limiter.
///
/// ```
/// use std::time::Duration;
/// use bindery_runtime::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_base_delay(Duration::from_millis(500))
///     .with_max_delay(Duration::from_secs(10));
/// assert_eq!(patient.max_attempts(), 5);
/// assert_eq!(RetryPolicy::none().max_attempts(), 1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
}

impl RetryPolicy {
    /// Attempts per call unless configured: the first and two retries.
    pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
    /// Backoff base unless configured.
    pub const DEFAULT_BASE_DELAY: Duration = Duration::from_millis(200);
    /// Longest wait between attempts unless configured.
    pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(5);

    /// The defaults: 3 attempts, 200 ms base delay, 5 s cap.
    pub const fn new() -> Self {
        RetryPolicy {
            max_attempts: Self::DEFAULT_MAX_ATTEMPTS,
            base_delay: Self::DEFAULT_BASE_DELAY,
            max_delay: Self::DEFAULT_MAX_DELAY,
        }
    }

    /// One attempt, no retries.
    pub const fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::new()
        }
    }

    /// Attempts per call, the first included; `0` is taken as `1`.
    pub const fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = if attempts == 0 { 1 } else { attempts };
        self
    }

    /// The backoff base: the first retry waits up to this long, each further
    /// one up to twice as long as the one before.
    pub const fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest wait between two attempts, `Retry-After` included.
    pub const fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Attempts per call, the first included (at least 1).
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff base.
    pub const fn base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest wait between two attempts.
    pub const fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The upper bound of the wait before retry number `retry` (1 for the
    /// second attempt): `min(max_delay, base_delay × 2^(retry − 1))`.
    pub fn backoff_ceiling(&self, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.base_delay
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_delay)
    }

    /// A random wait in `[0, backoff_ceiling(retry)]` (full jitter).
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self.backoff_ceiling(retry);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        if nanos == 0 {
            return Duration::ZERO;
        }
        // Uniform enough for jitter; uuid's v4 generator is the OS-seeded RNG
        // the crate already depends on.
        let random = uuid::Uuid::new_v4().as_u64_pair().1;
        Duration::from_nanos(random % nanos.saturating_add(1))
    }

    /// The wait before retry number `retry`, honouring a server's `Retry-After`.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(after) => after.min(self.max_delay),
            None => self.backoff(retry),
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::new()
    }
}

/// What a vendor error code says about retrying, as a protocol's
/// [`classify`](crate::Protocol::classify) answers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeClass {
    /// "Too many requests, not processed": always safe to retry after a pause.
    Throttled,
    /// "Busy, try again later" without saying the request was left unprocessed: the vendor
    /// may have done the work before it gave up. Retried like a timeout, for
    /// [`Operation::idempotent`] operations only, so a create that gets one is never sent twice.
    Busy,
}

/// How a vendor error code is recognised, for the code tables protocols classify with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePattern {
    /// The code exactly.
    Exact(&'static str),
    /// Any code starting with this text.
    Prefix(&'static str),
}

impl CodePattern {
    /// Whether `code` is one this pattern recognises.
    pub fn matches(self, code: &str) -> bool {
        match self {
            CodePattern::Exact(exact) => code == exact,
            CodePattern::Prefix(prefix) => code.starts_with(prefix),
        }
    }

    /// Whether any of `patterns` recognises `code`.
    pub fn any(patterns: &[CodePattern], code: &str) -> bool {
        patterns.iter().any(|pattern| pattern.matches(code))
    }
}

/// Why an attempt is worth repeating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reason {
    /// No connection; nothing was sent.
    Connect,
    /// HTTP 429.
    TooManyRequests,
    /// A vendor throttling code.
    Throttled,
    /// A vendor "busy" code: maybe processed.
    Busy,
    /// HTTP 502/503/504.
    Unavailable,
    /// The attempt ran out of time.
    Timeout,
    /// The connection broke after the request was (maybe) sent.
    Transport,
}

impl Reason {
    /// Whether the vendor may have processed the request, so that only
    /// idempotent operations may repeat it.
    pub(crate) fn needs_idempotent(self) -> bool {
        matches!(
            self,
            Reason::Busy | Reason::Unavailable | Reason::Timeout | Reason::Transport
        )
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Reason::Connect => "connect",
            Reason::TooManyRequests => "http_429",
            Reason::Throttled => "vendor_throttled",
            Reason::Busy => "vendor_busy",
            Reason::Unavailable => "http_unavailable",
            Reason::Timeout => "timeout",
            Reason::Transport => "transport",
        }
    }

    /// The reason to retry a transport failure, from reqwest's view of it.
    pub(crate) fn of_transport(error: &reqwest::Error) -> Reason {
        // Checked first: a connect timeout is both, and nothing was sent.
        if error.is_connect() {
            Reason::Connect
        } else if error.is_timeout() {
            Reason::Timeout
        } else {
            Reason::Transport
        }
    }

    /// The reason to retry an answer that decoded to `error`, if any; `classify` is the
    /// protocol's reading of a vendor code ([`Protocol::classify`](crate::Protocol::classify)).
    pub(crate) fn of_answer(
        classify: impl Fn(&str) -> Option<CodeClass>,
        error: &Error,
    ) -> Option<Reason> {
        match error {
            _ if error.http_status() == Some(429) => Some(Reason::TooManyRequests),
            Error::Vendor(v) => match classify(&v.code) {
                Some(CodeClass::Throttled) => Some(Reason::Throttled),
                Some(CodeClass::Busy) => Some(Reason::Busy),
                None => None,
            },
            Error::Http {
                status: 502..=504, ..
            } => Some(Reason::Unavailable),
            _ => None,
        }
    }
}

/// Whether `reason` permits another attempt of `op`.
pub(crate) fn allowed(op: &Operation, reason: Reason) -> bool {
    op.idempotent || !reason.needs_idempotent()
}

/// Parses `Retry-After: <delta-seconds>`; an HTTP-date or garbage is `None`.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::error::VendorError;

    pub(crate) fn vendor_error(code: &str, http_status: u16) -> Error {
        Error::from(VendorError {
            provider: "p",
            operation: "o",
            code: code.to_owned(),
            message: String::new(),
            request_id: None,
            http_status,
        })
    }

    pub(crate) fn http(status: u16) -> Error {
        Error::Http {
            provider: "p",
            operation: "o",
            status,
            attempts: 1,
            snippet: String::new(),
        }
    }

    #[test]
    fn defaults_and_none() {
        let p = RetryPolicy::default();
        assert_eq!(p.max_attempts(), 3);
        assert_eq!(p.base_delay(), Duration::from_millis(200));
        assert_eq!(p.max_delay(), Duration::from_secs(5));
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
        assert_eq!(RetryPolicy::new().with_max_attempts(0).max_attempts(), 1);
    }

    #[test]
    fn backoff_is_exponential_capped_and_jittered() {
        let p = RetryPolicy::new()
            .with_base_delay(Duration::from_millis(100))
            .with_max_delay(Duration::from_millis(1000));
        let ceilings: Vec<_> = (1..=6).map(|r| p.backoff_ceiling(r).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1000, 1000]);
        assert_eq!(p.backoff_ceiling(u32::MAX), Duration::from_millis(1000));
        let samples: Vec<_> = (0..200).map(|_| p.backoff(3)).collect();
        assert!(samples.iter().all(|d| *d <= Duration::from_millis(400)));
        // Full jitter spreads over the whole range.
        assert!(samples.iter().any(|d| *d < Duration::from_millis(100)));
        assert!(samples.iter().any(|d| *d > Duration::from_millis(300)));
        let zero = RetryPolicy::new().with_base_delay(Duration::ZERO);
        assert_eq!(zero.backoff(1), Duration::ZERO);
        // Retry-After wins over the backoff, within the cap.
        assert_eq!(
            p.delay(1, Some(Duration::from_millis(700))),
            Duration::from_millis(700)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(60))),
            Duration::from_secs(1)
        );
    }

    #[test]
    fn code_patterns() {
        let patterns = [CodePattern::Exact("A"), CodePattern::Prefix("B.")];
        for code in ["A", "B.", "B.x"] {
            assert!(CodePattern::any(&patterns, code), "{code}");
        }
        for code in ["", "AA", "a", "B", "BB.x"] {
            assert!(!CodePattern::any(&patterns, code), "{code}");
        }
        assert!(!CodePattern::any(&[], "A"));
    }

    /// A protocol's classification in miniature: `T…` throttled, `B` busy.
    fn classify(code: &str) -> Option<CodeClass> {
        match code {
            "B" => Some(CodeClass::Busy),
            _ if code.starts_with('T') => Some(CodeClass::Throttled),
            _ => None,
        }
    }

    #[test]
    fn classification() {
        let of = |error: &Error| Reason::of_answer(classify, error);
        assert_eq!(of(&vendor_error("T1", 200)), Some(Reason::Throttled));
        assert_eq!(of(&vendor_error("B", 200)), Some(Reason::Busy));
        assert_eq!(of(&vendor_error("X", 200)), None);
        assert_eq!(of(&vendor_error("X", 503)), None);
        assert_eq!(of(&vendor_error("X", 429)), Some(Reason::TooManyRequests));
        // A protocol that classifies nothing (the trait's default) retries no vendor code.
        assert_eq!(Reason::of_answer(|_| None, &vendor_error("T1", 200)), None);
        assert_eq!(of(&http(429)), Some(Reason::TooManyRequests));
        for status in [502, 503, 504] {
            assert_eq!(of(&http(status)), Some(Reason::Unavailable));
        }
        for status in [400, 401, 403, 404, 500, 501, 505, 302] {
            assert_eq!(of(&http(status)), None, "{status}");
        }
        let decode = Error::Decode {
            provider: "p",
            operation: "o",
            path: String::new(),
            message: String::new(),
            snippet: String::new(),
        };
        assert_eq!(of(&decode), None);
        let config = Error::Config {
            message: String::new(),
        };
        assert_eq!(of(&config), None);

        assert!(Reason::Unavailable.needs_idempotent());
        assert!(Reason::Timeout.needs_idempotent());
        assert!(Reason::Transport.needs_idempotent());
        assert!(Reason::Busy.needs_idempotent());
        assert!(!Reason::Connect.needs_idempotent());
        assert!(!Reason::TooManyRequests.needs_idempotent());
        assert!(!Reason::Throttled.needs_idempotent());
    }

    #[test]
    fn retry_after_seconds_only() {
        assert_eq!(parse_retry_after("1"), Some(Duration::from_secs(1)));
        assert_eq!(parse_retry_after(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("1.5"), None);
    }
}
