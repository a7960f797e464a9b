//! The HTTP client shared by every generated API, and the [`Protocol`] trait it is generic
//! over.
//!
//! The client and its protocol are one layer: [`Client`] is generic over a [`Protocol`], and
//! the trait's [`resolve`](Protocol::resolve) and [`forget`](Protocol::forget) take the
//! client. So the trait is declared here, at the root of the client's modules: the children
//! read it from their parent, and no two of them import each other. Module
//! [`protocol`](crate::protocol) re-exports it under its older path.
//!
//! By concern, each in its own file, with imports running one way (no file imports the
//! one that uses it):
//!
//! * `outgoing` — [`Outgoing`], the request a protocol adds its parts to (a leaf);
//! * `handle` — the [`Client`] type, what its clones share, accessors and cheap variations;
//! * `builder` — [`ClientBuilder`], the settings' defaults and checks;
//! * `request` — validation, serialisation and building one attempt's request (no I/O);
//! * `transport` — sending it and reading the answer within the size limit;
//! * `call` — [`Client::call`]'s attempt loop: rate limits, retries, token refresh;
//! * `trace` — what calls tell `tracing`;
//! * `availability` — refusing a call on a base URL its operation does not exist on.
//!
//! Decoding answers is [`decode_response`]'s (module `decode`); masking is `redact`'s.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use crate::error::Error;
use crate::operation::Operation;
use crate::retry::CodeClass;
use crate::wire::Secret;

mod availability;
mod builder;
mod call;
mod handle;
mod outgoing;
mod request;
mod trace;
mod transport;

pub use builder::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
pub use handle::Client;
pub use outgoing::Outgoing;

pub use crate::decode::decode_response;

/// What [`Protocol::resolve`] returns: the credentials for one attempt, or why there are none.
pub type CredentialsFuture<'a, C> =
    Pin<Box<dyn Future<Output = Result<Option<C>, Error>> + Send + 'a>>;

/// A vendor's wire protocol: how credentials and signatures are attached.
///
/// The client does the common work (validation, serialisation, sending,
/// decoding); a protocol only adds its parts to an [`Outgoing`] request, in
/// two steps: [`prepare`](Protocol::prepare) while the body is still a JSON
/// object (to add fields and headers), then [`sign`](Protocol::sign) once the
/// body bytes are final (for signatures over the exact bytes sent). Before each attempt
/// [`resolve`](Protocol::resolve) may fetch a token; after a failed attempt
/// [`forget`](Protocol::forget) may drop an expired one so the call is tried once more.
/// What the vendor's error codes mean for retrying is [`classify`](Protocol::classify)'s
/// answer: the client's retry rules ([`RetryPolicy`](crate::RetryPolicy)) know no vendor.
pub trait Protocol: Clone + Debug + Send + Sync + 'static {
    /// What the protocol needs to authorise calls. Its `Debug` must not show secrets.
    type Credentials: Clone + Debug + Send + Sync + 'static;

    /// Checks, before anything is sent, that `credentials` can authorise `op`
    /// (its [`Operation::auth`]). `Err` says what is missing, never a secret.
    fn check_credentials(
        &self,
        op: &Operation,
        credentials: Option<&Self::Credentials>,
    ) -> Result<(), String>;

    /// Adds the protocol's fields, query parameters and headers.
    /// `credentials` have passed [`check_credentials`](Protocol::check_credentials).
    fn prepare(
        &self,
        op: &Operation,
        request: &mut Outgoing<'_>,
        credentials: Option<&Self::Credentials>,
        now: SystemTime,
    ) -> Result<(), Error>;

    /// The credentials one attempt of `op` is prepared with. Protocols whose credentials
    /// hold a token source fetch (or take from their cache) the token here, so I/O may
    /// happen; runs before every attempt, so a retry sees a refreshed token. The default
    /// is the client's configured credentials.
    fn resolve<'a>(
        &'a self,
        client: &'a Client<Self>,
        op: &'static Operation,
    ) -> CredentialsFuture<'a, Self::Credentials>
    where
        Self: Sized,
    {
        let _ = op;
        Box::pin(std::future::ready(Ok(client.credentials().cloned())))
    }

    /// After an attempt prepared with `used` failed with `error`: whether fresh credentials
    /// may fix it (a token the vendor says expired). When `true` the protocol has forgotten
    /// the stale token and the call is tried once more; this happens at most once per call.
    /// The default never asks for that.
    fn forget<'a>(
        &'a self,
        client: &'a Client<Self>,
        op: &'static Operation,
        used: Option<&'a Self::Credentials>,
        error: &'a Error,
    ) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>>
    where
        Self: Sized,
    {
        let _ = (client, op, used, error);
        Box::pin(std::future::ready(false))
    }

    /// The secret values in `credentials` (keys, tokens, codes; not ids): the client hides
    /// each wherever it appears in what it shows — vendor messages, body snippets of
    /// errors, logged bodies — however the vendor labels it. The default is none; a
    /// protocol whose credentials hold secrets must list them.
    fn secret_values<'c>(&self, credentials: &'c Self::Credentials) -> Vec<&'c str> {
        let _ = credentials;
        Vec::new()
    }

    /// Secret values held *beside* `credentials` (the configured ones), such as the tokens
    /// fetched with them and cached for every auth scheme: hidden like
    /// [`secret_values`](Protocol::secret_values) in everything every call of the client
    /// shows, also in calls that did not send them (a call of another scheme, a record of
    /// a stream, a token fetch). The default is none.
    fn held_secret_values(&self, credentials: &Self::Credentials) -> Vec<Secret> {
        let _ = credentials;
        Vec::new()
    }

    /// What the vendor error `code` (the envelope's code, as text) means for retrying:
    /// [`CodeClass::Throttled`] (refused unprocessed: always retried),
    /// [`CodeClass::Busy`] (maybe processed: retried for idempotent operations only), or
    /// `None` (the answer stands). The default classifies nothing, so only HTTP-level
    /// failures are retried; see [`RetryPolicy`](crate::RetryPolicy).
    fn classify(&self, code: &str) -> Option<CodeClass> {
        let _ = code;
        None
    }

    /// Adds headers computed over the final `body` bytes (empty for GET).
    /// The default adds nothing.
    fn sign(
        &self,
        op: &Operation,
        request: &mut Outgoing<'_>,
        body: &[u8],
        credentials: Option<&Self::Credentials>,
        now: SystemTime,
    ) -> Result<(), Error> {
        let _ = (op, request, body, credentials, now);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
