//! The mock server's own tests: every vendor's checks against requests a test signs itself
//! (with `bindery-testkit`'s independent TC3 signer) or a generated client sends, every spec
//! example replayed, stubs, sequences, rate limits and the journal.

mod examples;
mod fxiaoke;
mod mingdao;
mod readme;
mod stubs;
mod tencent;

use std::time::Duration;

use serde_json::Value;

/// A client's timeout: a local server answers at once.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// A retry policy without waits, for sequences of failures.
pub fn quick_retries() -> bindery::runtime::RetryPolicy {
    bindery::runtime::RetryPolicy::default().with_base_delay(Duration::ZERO)
}

/// The JSON of an answer body.
pub fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| {
        panic!(
            "the answer is not JSON ({e}): {}",
            String::from_utf8_lossy(bytes)
        )
    })
}
