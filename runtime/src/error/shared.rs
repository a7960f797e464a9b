//! A failed token fetch, handed to every caller that waited for it: the error type's side of
//! [`Error::TokenFetch`], so that the token cache uses errors and not the other way round.

use std::fmt;
use std::sync::Arc;

use super::Error;

/// What every caller of a failed flight gets: the fetch's error, shared.
pub(crate) fn fetch_failed(error: &Arc<Error>) -> Error {
    Error::TokenFetch {
        provider: error.provider().unwrap_or("token"),
        source: SharedError(Arc::clone(error)),
    }
}

/// One [`Error`] handed to several callers: the failed token fetch inside an
/// [`Error::TokenFetch`]. Dereferences to the error; as that variant's
/// [`source`](std::error::Error::source) it *is* the error (so
/// `downcast_ref::<Error>()` finds it).
#[derive(Clone)]
pub struct SharedError(Arc<Error>);

impl SharedError {
    /// The shared error.
    pub fn error(&self) -> &Error {
        &self.0
    }
}

// Deliberately not `std::error::Error`: the derive of `Error`'s `source()`
// then reaches through the `Deref` to the shared error itself.
impl std::ops::Deref for SharedError {
    type Target = Error;

    fn deref(&self) -> &Error {
        &self.0
    }
}

impl fmt::Debug for SharedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_fetch_is_shared_and_classified_like_its_cause() {
        use crate::error::VendorError;
        let vendor = Arc::new(Error::from(VendorError {
            provider: "fxiaoke",
            operation: "corpAccessToken",
            code: "20006".to_owned(),
            message: "bad app".to_owned(),
            request_id: Some("trace-1".to_owned()),
            http_status: 200,
        }));
        let copy = fetch_failed(&vendor);
        assert_eq!(copy.vendor_code(), Some("20006"));
        assert_eq!(copy.request_id(), Some("trace-1"));
        assert_eq!(copy.operation(), Some("corpAccessToken"));
        assert!(!copy.is_local());

        let timeout = Arc::new(Error::Timeout {
            provider: "fxiaoke",
            operation: "corpAccessToken",
        });
        let copy = fetch_failed(&timeout);
        assert_eq!(copy.provider(), Some("fxiaoke"));
        assert!(copy.is_timeout() && !copy.is_local(), "{copy}");
        assert!(copy.to_string().contains("timed out"), "{copy}");
        let source = std::error::Error::source(&copy).expect("the cause is kept");
        let source = source.downcast_ref::<Error>().expect("the cause itself");
        assert!(std::ptr::eq(source, &*timeout));

        let config = Arc::new(Error::Config {
            message: "bad base URL".to_owned(),
        });
        let copy = fetch_failed(&config);
        assert_eq!(copy.provider(), Some("token"));
        assert!(copy.is_local(), "a local cause stays local");
        assert!(copy.to_string().contains("bad base URL"), "{copy}");
    }
}
