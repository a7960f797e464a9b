//! The mock server's own tests: every vendor's checks against requests a test signs itself
//! (with `bindery-testkit`'s independent TC3 signer) or a generated client sends, every spec
//! example replayed, stubs, sequences, rate limits and the journal; with feature `cli`, the
//! command line.

#[cfg(feature = "cli")]
mod cli;
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

/// Asserts that an answer's request id is one of the server's own (a UUID), not the
/// example's `example_id`: a vendor never answers two requests with one id.
pub fn assert_fresh_request_id(id: Option<&str>, example_id: &str) {
    let id = id.expect("the answer has a request id");
    assert_ne!(id, example_id, "the example's request id was repeated");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "not a UUID: {id}");
}
