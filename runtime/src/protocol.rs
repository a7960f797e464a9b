//! The seam between the generic client and a vendor: the [`Protocol`] trait, and the
//! [`Outgoing`] request a protocol adds its credentials and signatures to.

use std::fmt::{self, Debug};
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, InvalidHeaderValue};
use serde_json::{Map, Value};
use url::Url;

use crate::client::Client;
use crate::error::Error;
use crate::operation::{Method, Operation};
use crate::query::{append_query, push_param};
use crate::retry::CodeClass;
use crate::wire::Secret;

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
        request: &mut Outgoing,
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
        request: &mut Outgoing,
        body: &[u8],
        credentials: Option<&Self::Credentials>,
        now: SystemTime,
    ) -> Result<(), Error> {
        let _ = (op, request, body, credentials, now);
        Ok(())
    }
}

/// A request on its way out, as a [`Protocol`] sees it.
pub struct Outgoing {
    /// HTTP method.
    pub method: Method,
    /// Full URL: base URL, operation path, and for GET the request's fields as query.
    pub url: Url,
    /// Headers to send.
    pub headers: HeaderMap,
    /// The JSON body object for POST (`None` for GET). Serialised after
    /// [`Protocol::prepare`], in key order.
    pub json: Option<Map<String, Value>>,
}

impl Outgoing {
    /// Sets a request parameter where this method carries them: a top-level
    /// body field for POST, a query parameter for GET (scalars as text, see
    /// [`Client::call`]). Replaces a parameter of the same name.
    pub fn set_param(&mut self, key: &str, value: Value) {
        if let Some(json) = self.json.as_mut() {
            json.insert(key.to_owned(), value);
            return;
        }
        let mut pairs: Vec<(String, String)> = self
            .url
            .query_pairs()
            .filter(|(k, _)| k != key)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        push_param(&mut pairs, key, &value);
        self.url.set_query(None);
        append_query(&mut self.url, &pairs);
    }

    /// Appends one query parameter, whatever the method.
    pub fn append_query(&mut self, key: &str, value: &str) {
        self.url.query_pairs_mut().append_pair(key, value);
    }

    /// Sets a header. `sensitive` values are kept out of `Debug` output by the
    /// HTTP stack (use it for tokens and signatures). `Err` for a value that is
    /// not visible ASCII and spaces.
    pub fn set_header(
        &mut self,
        name: &'static str,
        value: &str,
        sensitive: bool,
    ) -> Result<(), InvalidHeaderValue> {
        // `http` accepts tabs and bytes from 0x80 up and sends them raw; no
        // vendor header holds such characters, so they are refused here too
        // (a NUL makes `http` produce the error it has no constructor for).
        let printable = value.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
        let mut value = HeaderValue::from_str(if printable { value } else { "\0" })?;
        value.set_sensitive(sensitive);
        self.headers.insert(HeaderName::from_static(name), value);
        Ok(())
    }
}

impl Debug for Outgoing {
    // Deliberately shows neither the body nor the query (either may carry
    // credentials or signatures) nor header values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Outgoing")
            .field("method", &self.method)
            .field("path", &self.url.path())
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
