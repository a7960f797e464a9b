//! The HTTP client shared by every generated API.
//!
//! By concern, each in its own file, with imports running one way (no file imports the
//! one that uses it):
//!
//! * `handle` — the [`Client`] type, what its clones share, accessors and cheap variations;
//! * `builder` — [`ClientBuilder`], the settings' defaults and checks;
//! * `request` — validation, serialisation and building one attempt's request (no I/O);
//! * `transport` — sending it and reading the answer within the size limit;
//! * `call` — [`Client::call`]'s attempt loop: rate limits, retries, token refresh;
//! * `trace` — what calls tell `tracing`.
//!
//! Decoding answers is [`decode_response`]'s (module `decode`); masking is `redact`'s.

mod builder;
mod call;
mod handle;
mod request;
mod trace;
mod transport;

pub use builder::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
pub use handle::Client;

pub use crate::decode::decode_response;
pub use crate::protocol::{CredentialsFuture, Outgoing, Protocol};
