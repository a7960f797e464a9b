//! [`Outgoing`]: a request on its way out, as a [`Protocol`](super::Protocol) sees it. A leaf
//! of the client's modules: the protocol trait, the request builder, the transport and the
//! tracing read it.

use std::borrow::Cow;
use std::fmt::{self, Debug};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, InvalidHeaderValue};
use serde_json::{Map, Value};
use url::Url;

use crate::operation::Method;
use crate::query::{append_query, push_param};

/// A request on its way out, as a [`Protocol`](super::Protocol) sees it.
///
/// Its JSON body borrows the call's request fields (`'a`) until a protocol changes it: an
/// attempt whose protocol adds nothing to the body (Tencent Cloud's signs headers) copies
/// nothing, and every attempt starts from the same fields, so retries send the same body.
pub struct Outgoing<'a> {
    /// HTTP method.
    pub method: Method,
    /// Full URL: base URL, operation path, and for GET the request's fields as query.
    pub url: Url,
    /// Headers to send.
    pub headers: HeaderMap,
    /// The JSON body object for POST (`None` for GET, and for a bare-array body). Serialised
    /// after [`Protocol::prepare`](super::Protocol::prepare), in key order. Borrowed from
    /// the call's request fields until changed: [`Cow::to_mut`] copies them first (as
    /// [`set_param`](Self::set_param) does).
    pub json: Option<Cow<'a, Map<String, Value>>>,
    /// The JSON body of a POST whose operation sends a bare array
    /// ([`BodyShape::Array`](crate::BodyShape::Array)); `None` otherwise. A protocol cannot add
    /// fields to it: [`set_param`](Self::set_param) puts them in the query.
    pub array: Option<Vec<Value>>,
}

impl Outgoing<'_> {
    /// Whether the request has a JSON body (an object or a bare array).
    pub fn has_body(&self) -> bool {
        self.json.is_some() || self.array.is_some()
    }

    /// Sets a request parameter where this request carries them: a top-level
    /// body field for a POST with an object body, a query parameter for GET (and for a
    /// bare-array body, which has no fields) (scalars as text, see
    /// [`Client::call`](super::Client::call)). Replaces a parameter of the same name.
    pub fn set_param(&mut self, key: &str, value: Value) {
        if let Some(json) = self.json.as_mut() {
            json.to_mut().insert(key.to_owned(), value);
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
        // One pass without an early exit, which the compiler vectorises: a value is short,
        // and nearly always printable (a signature is ~200 bytes).
        let printable = value
            .bytes()
            .fold(true, |ok, b| ok & (b' '..=b'~').contains(&b));
        let mut value = HeaderValue::from_str(if printable { value } else { "\0" })?;
        value.set_sensitive(sensitive);
        self.headers.insert(HeaderName::from_static(name), value);
        Ok(())
    }
}

impl Debug for Outgoing<'_> {
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
