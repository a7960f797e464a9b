//! What Tencent Cloud's error codes mean for retrying (the protocol's `classify`).

use crate::retry::{CodeClass, CodePattern};

/// Error codes meaning "too many requests, not processed": always retried after a pause
/// ([`CodeClass::Throttled`]). From the API 3.0 documentation and the official SDKs' retry
/// rules. Tencent Cloud has no "busy" code that is safe to retry: `InternalError` stands.
///
/// ```
/// use bindery_runtime::{CodeClass, Protocol, tencent::TencentCloud};
///
/// let ess = TencentCloud::new("ess", "2020-11-11");
/// assert_eq!(
///     ess.classify("RequestLimitExceeded.UinLimitExceeded"),
///     Some(CodeClass::Throttled)
/// );
/// assert_eq!(ess.classify("InternalError"), None);
/// ```
pub const THROTTLING_CODES: &[CodePattern] = &[
    CodePattern::Exact("RequestLimitExceeded"),
    // .UinLimitExceeded, .IPLimitExceeded, .GlobalRegionUinLimitExceeded, …
    CodePattern::Prefix("RequestLimitExceeded."),
];

/// The class of `code` by [`THROTTLING_CODES`].
pub(super) fn classify(code: &str) -> Option<CodeClass> {
    CodePattern::any(THROTTLING_CODES, code).then_some(CodeClass::Throttled)
}
