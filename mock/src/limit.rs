//! The spec's rate limits, counted as the vendor counts them: requests in the last window,
//! per operation or per provider.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use bindery_runtime::{Operation, RateLimitScope};

/// The arrival times of the requests in each budget's current window.
#[derive(Debug, Default)]
pub(crate) struct Limits {
    windows: HashMap<&'static str, VecDeque<Instant>>,
}

impl Limits {
    /// Counts a request to `operation` arriving `now`; `false` if it is over the limit (it
    /// is then not counted, as a vendor does not count what it refused).
    pub(crate) fn admit(&mut self, operation: &Operation, now: Instant) -> bool {
        let Some(limit) = operation.rate_limit else {
            return true;
        };
        let key = match limit.scope {
            RateLimitScope::Provider => operation.provider,
            _ => operation.name,
        };
        let window = Duration::from_secs(u64::from(limit.per_seconds));
        let arrivals = self.windows.entry(key).or_default();
        while arrivals
            .front()
            .is_some_and(|first| now.duration_since(*first) >= window)
        {
            arrivals.pop_front();
        }
        if arrivals.len() >= limit.requests as usize {
            return false;
        }
        arrivals.push_back(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bindery_runtime::{BodyShape, Envelope, Method, RateLimit};

    static ENVELOPE: Envelope = Envelope {
        code: "c",
        success: Some(0),
        message: "m",
        request_id: None,
        result: None,
        flag: None,
    };

    fn operation(name: &'static str, scope: RateLimitScope) -> Operation {
        Operation {
            provider: "p",
            name,
            method: Method::Post,
            path: "/",
            action: None,
            auth: None,
            idempotent: true,
            envelope: &ENVELOPE,
            rate_limit: Some(RateLimit {
                requests: 2,
                per_seconds: 1,
                scope,
            }),
            secret_fields: &[],
            query: &[],
            request_body: BodyShape::Object,
            response_body: BodyShape::Object,
        }
    }

    #[test]
    fn a_window_admits_its_budget_then_refuses_until_it_moves_on() {
        let mut limits = Limits::default();
        let a = operation("a", RateLimitScope::Operation);
        let b = operation("b", RateLimitScope::Operation);
        let t = Instant::now();
        assert!(limits.admit(&a, t));
        assert!(limits.admit(&a, t));
        assert!(!limits.admit(&a, t + Duration::from_millis(500)));
        assert!(limits.admit(&b, t), "another operation has its own budget");
        assert!(limits.admit(&a, t + Duration::from_secs(1)));
    }

    #[test]
    fn a_provider_wide_budget_is_shared() {
        let mut limits = Limits::default();
        let a = operation("a", RateLimitScope::Provider);
        let b = operation("b", RateLimitScope::Provider);
        let t = Instant::now();
        assert!(limits.admit(&a, t));
        assert!(limits.admit(&b, t));
        assert!(!limits.admit(&a, t));
    }
}
