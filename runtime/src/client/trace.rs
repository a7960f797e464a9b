//! What a call tells `tracing`: failure kinds and their non-sensitive facts, and masked
//! bodies when the client logs them. Every event keeps the target [`TARGET`], the one
//! the client has always logged under, whichever file the event is written in.

use std::time::Duration;

use super::outgoing::Outgoing;
use crate::error::Error;
use crate::operation::Method;
use crate::redact::{Mask, masked_body};

/// The target of the client's span and events (users filter logs by it).
pub(super) const TARGET: &str = "bindery_runtime::client";

/// `duration` in whole milliseconds, saturating.
pub(super) fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

/// The request's body (POST) or query (GET), masked, at trace level.
pub(super) fn log_request(mask: Mask<'_>, outgoing: &Outgoing<'_>, body: &[u8]) {
    if !tracing::enabled!(target: TARGET, tracing::Level::TRACE) {
        return;
    }
    match outgoing.method {
        Method::Post => {
            tracing::trace!(target: TARGET, body = %masked_body(body, mask), "request body")
        }
        Method::Get => {
            let query = outgoing.url.query().unwrap_or_default().as_bytes();
            tracing::trace!(target: TARGET, query = %masked_body(query, mask), "request query")
        }
    }
}

/// The response body, masked, at trace level.
pub(super) fn log_response(mask: Mask<'_>, status: u16, body: &[u8]) {
    if tracing::enabled!(target: TARGET, tracing::Level::TRACE) {
        tracing::trace!(
            target: TARGET,
            // Braced: a dotted first field name after `target:` confuses the macro.
            { http.status = status, body = %masked_body(body, mask) },
            "response body"
        );
    }
}

/// The kind of failure, as the `error.kind` field names it.
pub(super) fn error_kind(error: &Error) -> &'static str {
    match error {
        Error::Vendor(_) => "vendor",
        Error::Http { .. } => "http",
        Error::Transport { .. } => "transport",
        Error::Timeout { .. } => "timeout",
        Error::Decode { .. } => "decode",
        Error::InvalidRequest { .. } => "invalid_request",
        Error::Credentials { .. } => "credentials",
        Error::Pagination { .. } => "pagination",
        Error::Config { .. } => "config",
        Error::TokenFetch { .. } => "token_fetch",
    }
}

/// One event per failed call with the kind of failure and its non-sensitive
/// facts. Not the `Display` text: that holds body snippets and vendor messages,
/// which may carry personal data.
pub(super) fn trace_failure(error: &Error, what: &'static str) {
    // The fields are braced: a dotted first field name after `target:` confuses the macro.
    match error {
        Error::Vendor(v) => tracing::debug!(
            target: TARGET,
            { error.kind = "vendor", vendor.code = %v.code },
            "{what}"
        ),
        Error::Http { status, .. } => {
            tracing::debug!(target: TARGET, { error.kind = "http", http.status = status }, "{what}")
        }
        Error::Transport { .. } => {
            tracing::debug!(target: TARGET, { error.kind = "transport" }, "{what}")
        }
        Error::Timeout { .. } => {
            tracing::debug!(target: TARGET, { error.kind = "timeout" }, "{what}")
        }
        Error::Decode { path, .. } => {
            tracing::debug!(target: TARGET, { error.kind = "decode", error.path = %path }, "{what}")
        }
        Error::InvalidRequest { field, .. } => tracing::debug!(
            target: TARGET,
            { error.kind = "invalid_request", error.field = %field },
            "{what}"
        ),
        Error::Credentials { .. } => {
            tracing::debug!(target: TARGET, { error.kind = "credentials" }, "{what}")
        }
        Error::Pagination { .. } => {
            tracing::debug!(target: TARGET, { error.kind = "pagination" }, "{what}")
        }
        Error::Config { .. } => {
            tracing::debug!(target: TARGET, { error.kind = "config" }, "{what}")
        }
        Error::TokenFetch { source, .. } => tracing::debug!(
            target: TARGET,
            { error.kind = "token_fetch", error.cause = error_kind(source) },
            "{what}"
        ),
    }
}
