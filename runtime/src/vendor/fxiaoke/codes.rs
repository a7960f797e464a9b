//! What Fxiaoke's error codes mean: token expiry (the protocol's `forget`) and throttling
//! or "busy" answers (its `classify`, read by the client's retry rules).

use crate::error::Error;
use crate::retry::{CodeClass, CodePattern};

/// The error code for a missing or expired `corpAccessToken`: refresh the token and retry once.
pub const CORP_ACCESS_TOKEN_EXPIRED: &str = "20016";

/// The error code for a missing or expired `accessToken` (header scheme).
pub const ACCESS_TOKEN_EXPIRED: &str = "20005";

/// Error codes meaning "too many requests, not processed": always retried after a pause
/// ([`CodeClass::Throttled`]). From the vendor's documentation and its SDKs' retry rules.
///
/// ```
/// use bindery_runtime::{CodeClass, Protocol, fxiaoke::Fxiaoke};
///
/// assert_eq!(Fxiaoke.classify("14001"), Some(CodeClass::Throttled));
/// assert_eq!(Fxiaoke.classify("30002"), None);
/// ```
pub const THROTTLING_CODES: &[CodePattern] = &[
    // Call limit.
    CodePattern::Exact("14001"),
    // Per-second limit. (`30002`, the daily quota, is not: it lasts until tomorrow.)
    CodePattern::Exact("30004"),
];

/// Error codes meaning "busy, try again later" without saying the request was left
/// unprocessed ([`CodeClass::Busy`]): retried for idempotent operations only.
///
/// ```
/// use bindery_runtime::{CodeClass, Protocol, fxiaoke::Fxiaoke};
///
/// assert_eq!(Fxiaoke.classify("-1"), Some(CodeClass::Busy));
/// assert_ne!(Fxiaoke.classify("14001"), Some(CodeClass::Busy));
/// ```
pub const BUSY_CODES: &[CodePattern] = &[
    // "系统繁忙" (system busy).
    CodePattern::Exact("-1"),
];

/// The class of `code` by [`THROTTLING_CODES`] and [`BUSY_CODES`].
pub(super) fn classify(code: &str) -> Option<CodeClass> {
    if CodePattern::any(THROTTLING_CODES, code) {
        Some(CodeClass::Throttled)
    } else if CodePattern::any(BUSY_CODES, code) {
        Some(CodeClass::Busy)
    } else {
        None
    }
}

/// Whether `error` is Fxiaoke's "token missing or expired" answer:
/// [`CORP_ACCESS_TOKEN_EXPIRED`] (`20016`, body scheme) or
/// [`ACCESS_TOKEN_EXPIRED`] (`20005`, header scheme). Such a call should be
/// retried once with a fresh token: the protocol's [`forget`](crate::Protocol::forget)
/// does that for tokens it fetched with app credentials.
pub fn is_token_expired(error: &Error) -> bool {
    matches!(
        error.vendor_code(),
        Some(CORP_ACCESS_TOKEN_EXPIRED | ACCESS_TOKEN_EXPIRED)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::VendorError;

    #[test]
    fn token_expired_codes() {
        let vendor = |code: &str| {
            Error::from(VendorError {
                provider: "fxiaoke",
                operation: "query",
                code: code.to_owned(),
                message: "m".to_owned(),
                request_id: None,
                http_status: 200,
            })
        };
        assert!(is_token_expired(&vendor("20016")));
        assert!(is_token_expired(&vendor("20005")));
        assert!(!is_token_expired(&vendor("20006")));
        assert!(!is_token_expired(&Error::Config {
            message: "20016".to_owned()
        }));
    }
}
