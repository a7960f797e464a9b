//! Runtime for bindery's generated API clients: transport, vendor protocols
//! and signing, credentials, validation and errors.
//!
//! Generated code describes each vendor operation as a static [`Operation`]
//! (with the vendor's [`Envelope`], from the spec) and each request and response
//! as plain serde structs; this crate does the rest. A [`Client`] is
//! parameterised by a [`Protocol`] — [`fxiaoke::Fxiaoke`], [`mingdao::Mingdao`]
//! or [`tencent::TencentCloud`] — which knows how that vendor wants credentials
//! and signatures attached, fetches and forgets its tokens, and says which of its
//! error codes mean "throttled" or "busy" ([`Protocol::classify`]). [`Client::call`]
//! validates the request, checks the credentials, sends it, and decodes the
//! vendor's envelope into either the typed result or an [`Error`] that names
//! the provider, the operation and the facts (vendor code, request id, HTTP
//! status, JSON path of an undecodable field).
//!
//! ```no_run
//! use bindery_runtime::{
//!     AuthKind, BodyShape, Client, Envelope, Error, Method, Operation, Validate, Violation,
//!     tencent,
//! };
//! use serde::{Deserialize, Serialize};
//!
//! // What codegen emits, in short:
//! static ENVELOPE: Envelope = Envelope {
//!     code: "Response.Error.Code",
//!     success: None,
//!     message: "Response.Error.Message",
//!     request_id: Some("Response.RequestId"),
//!     result: Some("Response"),
//!     flag: None,
//! };
//! static BIND: Operation = Operation {
//!     provider: "tencent",
//!     name: "BindEmployeeUserIdWithClientOpenId",
//!     method: Method::Post,
//!     path: "/",
//!     action: Some("BindEmployeeUserIdWithClientOpenId"),
//!     auth: Some(AuthKind::Tc3HmacSha256),
//!     idempotent: false,
//!     envelope: &ENVELOPE,
//!     rate_limit: None,
//!     secret_fields: &[],
//!     query: &[],
//!     request_body: BodyShape::Object,
//!     response_body: BodyShape::Object,
//! };
//!
//! #[derive(Serialize)]
//! #[serde(rename_all = "PascalCase")]
//! struct BindRequest { user_id: String, open_id: String }
//!
//! impl Validate for BindRequest {
//!     fn validate(&self) -> Result<(), Violation> {
//!         bindery_runtime::validate::rules::length("OpenId", &self.open_id, None, Some(64))
//!     }
//! }
//!
//! #[derive(Deserialize)]
//! #[serde(rename_all = "PascalCase")]
//! struct BindResponse { status: i64, request_id: String }
//!
//! # async fn demo() -> Result<(), Error> {
//! let ess = tencent::TencentCloud::new("ess", "2020-11-11");
//! let client = Client::builder(ess, "https://ess.tencentcloudapi.com")
//!     .credentials(tencent::Credentials::new("AKID…", "secret-key"))
//!     .build()?;
//! let request = BindRequest { user_id: "yDRS…".into(), open_id: "n9527".into() };
//! match client.call::<_, BindResponse>(&BIND, &request).await {
//!     Ok(answer) => println!("status {} ({})", answer.status, answer.request_id),
//!     Err(e) if e.vendor_code() == Some("InvalidParameter") => { /* … */ }
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! Calls are traced with `tracing` (span `bindery.call` with provider,
//! operation, attempt, HTTP status, vendor code, request id and latency);
//! secrets are never recorded, bodies only when
//! [`ClientBuilder::log_bodies`] asks for them, masked. The client keeps to
//! each operation's [`Operation::rate_limit`] and retries throttled,
//! unsent and — for [`Operation::idempotent`] operations — possibly
//! unprocessed attempts; see [`RetryPolicy`] and [`Client::call`].
//!
//! The crate's layout: the generic machinery (the [`client`], its call loop and the
//! [`Protocol`] trait it is generic over, [`retry`], rate limits, [`pager`], [`token`]
//! cache, [`error`]s, [`validate`] rules, [`wire`] types) knows no vendor; each vendor's
//! protocol lives in a folder of its own under `vendor/` and is re-exported here as
//! [`fxiaoke`], [`mingdao`] and [`tencent`]. A protocol written outside the
//! crate gets the same behaviour by implementing [`Protocol`].

#![deny(missing_docs)]

pub use reqwest;
pub use url::Url;

pub mod error;
pub use error::{Error, SharedError, VendorError};

mod redact;

mod decode;

pub mod wire;

pub mod nullable;
pub use wire::{ConstValue, Constant, Decimal, Secret, TimestampMs, TimestampS};

pub mod operation;
pub use operation::{
    AuthKind, BodyShape, Envelope, EnvelopeFlag, Method, Operation, RateLimit, RateLimitScope,
};

pub mod validate;
pub use validate::{Pattern, Validate, Violation};

pub mod served;
pub use served::Endpoint;

pub mod protocol;

mod query;

#[doc(hidden)]
pub mod builder_docs;

pub mod client;
pub use client::{Client, ClientBuilder, CredentialsFuture, Outgoing, Protocol, decode_response};

pub mod retry;
pub use retry::{CodeClass, CodePattern, RetryPolicy};

mod limit;

mod vendor;
pub use vendor::{fxiaoke, mingdao, tencent};

mod credentials;

mod strict;

#[cfg(test)]
mod test_ops;

pub mod pager;
pub use pager::{Cursor, ItemStream, Pagination};
/// Stream traits for consuming [`ItemStream`]s (`StreamExt::next`, `try_collect`, …).
pub mod stream {
    pub use futures_core::Stream;
    pub use futures_util::stream::{StreamExt, TryStreamExt};
}

pub mod token;
pub use token::{RefreshPolicy, Token, TokenCache};
