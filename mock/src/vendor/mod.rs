//! The seam between the generic server and each vendor's wire rules, as the runtime's
//! `Protocol` is for the client: a [`Vendor`] finds the endpoint a request is for, checks its
//! signature or token, and names the codes its errors carry. Everything vendor-specific lives
//! in this folder, one file per vendor; the rest of the crate knows none.

use bindery_runtime::served::{RequestFault, ServedEndpoint, ServedProvider};
use bindery_runtime::{Envelope, Operation};
use serde_json::Value;

use crate::answer::VendorError;
pub use crate::credentials::CredentialSpec;
use crate::credentials::Credentials;
use crate::incoming::Incoming;
use crate::nonces::Nonces;
use crate::tokens::TokenBook;

pub mod fxiaoke;
pub mod mingdao;
pub mod tencent;

/// What a vendor's checks may read: the provider's tables, the server's credentials, the
/// tokens it issued and the once-only values requests carried.
pub(crate) struct Cx<'a> {
    pub(crate) provider: &'static ServedProvider,
    pub(crate) credentials: &'a Credentials,
    pub(crate) tokens: &'a TokenBook,
    pub(crate) nonces: &'a Nonces,
}

/// A request that passed authentication: its endpoint and its fields.
pub(crate) struct Admitted {
    pub(crate) endpoint: &'static ServedEndpoint,
    /// The request's fields as JSON.
    pub(crate) fields: Value,
    /// Whether the fields came from a query string (their values are all text, and are
    /// typed by the request type as it reads them).
    pub(crate) from_query: bool,
}

/// A request refused before its endpoint: the error, in which envelope, for which endpoint
/// (if one was found).
pub(crate) struct Refusal {
    pub(crate) operation: Option<&'static Operation>,
    pub(crate) envelope: &'static Envelope,
    pub(crate) error: VendorError,
}

impl Refusal {
    pub(crate) fn new(
        cx: &Cx<'_>,
        operation: Option<&'static Operation>,
        code: &str,
        message: impl Into<String>,
    ) -> Self {
        Refusal {
            operation,
            envelope: operation.map_or(cx.provider.envelope, |op| op.envelope),
            error: VendorError {
                status: 200,
                code: code.to_owned(),
                message: message.into(),
            },
        }
    }

    /// The same refusal with another HTTP status.
    pub(crate) fn status(mut self, status: u16) -> Self {
        self.error.status = status;
        self
    }
}

/// One vendor's wire rules, as the server applies them.
pub(crate) trait Vendor: Sync {
    /// The credentials the checks use.
    fn credentials(&self) -> &'static [CredentialSpec];

    /// Finds the request's endpoint and authenticates the request.
    fn admit(&self, cx: &Cx<'_>, request: &Incoming) -> Result<Admitted, Refusal>;

    /// The error a request breaking its endpoint's spec gets; `None` when the vendor lets
    /// that fault pass (a field the spec does not know, for a vendor that ignores those).
    fn fault(&self, fault: &RequestFault) -> Option<VendorError>;

    /// The error a request over its rate limit gets; `None` for a vendor that documents no
    /// throttling code.
    fn throttled(&self) -> Option<VendorError>;

    /// An answer the vendor makes itself rather than from the spec's example (a token
    /// endpoint issues a token of the server's own); `None` to answer the example.
    fn answer(
        &self,
        cx: &Cx<'_>,
        endpoint: &'static ServedEndpoint,
        fields: &Value,
    ) -> Option<Result<Value, VendorError>> {
        let _ = (cx, endpoint, fields);
        None
    }
}

/// The vendor whose protocol the spec names `protocol`.
pub(crate) fn by_protocol(protocol: &str) -> Option<&'static dyn Vendor> {
    match protocol {
        "tencent_cloud" => Some(&tencent::TencentCloud),
        "mingdao" => Some(&mingdao::Mingdao),
        "fxiaoke" => Some(&fxiaoke::Fxiaoke),
        _ => None,
    }
}

/// The endpoint of a path-routed vendor (every endpoint its own path) whose path `path` ends
/// with at a segment boundary, so a base URL with a prefix (`/generalintegrate`) routes too.
pub(crate) fn by_path(provider: &ServedProvider, path: &str) -> Option<&'static ServedEndpoint> {
    provider.endpoints.iter().find(|endpoint| {
        let own = endpoint.operation.path;
        path == own
            || path
                .strip_suffix(own)
                .is_some_and(|prefix| own.starts_with('/') && !prefix.ends_with('/'))
    })
}

/// A request field as text: a string as it is, a number as its digits.
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
