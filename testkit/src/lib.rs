//! Hand-written helpers for bindery's wire tests, used by the hand-written suite
//! (`integration/`) and by the wire tests `cargo xtask codegen` generates
//! (`generated/tests/examples/`).
//!
//! - [`tc3`]: Tencent Cloud's TC3-HMAC-SHA256, re-implemented from the vendor's description
//!   (and checked against its known answer), so a test never trusts the runtime's signer to
//!   check the runtime's signer.
//! - [`server`]: a local server on 127.0.0.1 that answers a given body and records what it
//!   received.
//! - [`tencent`]: the checks a generated Tencent Cloud wire test makes on the request it
//!   received.

pub mod server;
pub mod tc3;
pub mod tencent;

mod json;

use std::time::{SystemTime, UNIX_EPOCH};

/// The current Unix time in seconds (0 if the clock is before 1970, which no check accepts).
pub fn unix_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
