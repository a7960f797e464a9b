//! Values a request may carry only once (Fxiaoke's `thirdTraceId`, new on every call, retries
//! included): the most recent ones seen, so a client that sends one again is caught, in
//! memory that does not grow with the server's uptime.

use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};

/// How many values are remembered: far more than a test sends, and bounded for a long-running
/// command-line server (about 3 MB at most: 16 bytes each in a set and a queue).
pub(crate) const REMEMBERED: usize = 65_536;

/// The values seen, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Nonces {
    inner: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    set: HashSet<u128>,
    order: VecDeque<u128>,
}

impl Nonces {
    /// Records `value` (a UUID's bits); whether it was not among the values remembered.
    pub(crate) fn first_use(&self, value: u128) -> bool {
        let mut seen = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if !seen.set.insert(value) {
            return false;
        }
        if seen.order.len() == REMEMBERED
            && let Some(oldest) = seen.order.pop_front()
        {
            seen.set.remove(&oldest);
        }
        seen.order.push_back(value);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_new_once_and_the_oldest_are_forgotten_past_the_bound() {
        let nonces = Nonces::default();
        let a = u128::MAX;
        assert!(nonces.first_use(a));
        assert!(!nonces.first_use(a));
        for i in 0..REMEMBERED as u128 {
            assert!(nonces.first_use(i));
        }
        // `a` was the oldest: it made room for the last one.
        assert!(nonces.first_use(a));
        assert!(!nonces.first_use(REMEMBERED as u128 - 1));
        let seen = nonces.inner.lock().unwrap();
        assert_eq!((seen.set.len(), seen.order.len()), (REMEMBERED, REMEMBERED));
    }
}
