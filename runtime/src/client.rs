//! The HTTP client shared by every generated API, and response decoding.

use std::fmt::{self, Debug};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, InvalidHeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use tracing::Instrument;
use tracing::field::Empty;
use url::Url;

use crate::error::{Error, VendorError, snippet};
use crate::operation::{Envelope, Method, Operation};
use crate::validate::Validate;

/// A vendor's wire protocol: how credentials and signatures are attached.
///
/// The client does the common work (validation, serialisation, sending,
/// decoding); a protocol only adds its parts to an [`Outgoing`] request, in
/// two steps: [`prepare`](Protocol::prepare) while the body is still a JSON
/// object (to add fields and headers), then [`sign`](Protocol::sign) once the
/// body bytes are final (for signatures over the exact bytes sent).
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
    /// HTTP stack (use it for tokens and signatures).
    pub fn set_header(
        &mut self,
        name: &'static str,
        value: &str,
        sensitive: bool,
    ) -> Result<(), InvalidHeaderValue> {
        let mut value = HeaderValue::from_str(value)?;
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

/// Default total time for one call.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A client for one vendor API: base URL, credentials and a shared HTTP
/// connection pool. Cheap to clone; clones share everything.
#[derive(Clone, Debug)]
pub struct Client<P: Protocol> {
    inner: Arc<Inner<P>>,
}

#[derive(Debug)]
struct Inner<P: Protocol> {
    protocol: P,
    base_url: Url,
    credentials: Option<P::Credentials>,
    http: reqwest::Client,
    timeout: Duration,
}

/// Builds a [`Client`]; see [`Client::builder`].
#[derive(Debug)]
pub struct ClientBuilder<P: Protocol> {
    pub(crate) protocol: P,
    base_url: String,
    credentials: Option<P::Credentials>,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
}

impl<P: Protocol> ClientBuilder<P> {
    /// Overrides the base URL (private deployments, sandboxes, test servers).
    /// Checked in [`build`](ClientBuilder::build): absolute `http`/`https`, no
    /// query, fragment or user info. A trailing slash makes no difference.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Credentials for authorised operations.
    pub fn credentials(mut self, credentials: P::Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Total time allowed for one call, connection to last body byte. Default 30 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect. Default 10 s. Ignored with
    /// [`http_client`](ClientBuilder::http_client), whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Uses this HTTP client (and its connection pool, proxy and TLS settings)
    /// instead of building one. The per-call [`timeout`](ClientBuilder::timeout)
    /// still applies.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client<P>, Error> {
        let base_url = parse_base_url(&self.base_url)?;
        if self.timeout.is_zero() {
            return Err(Error::Config {
                message: "timeout must be greater than zero".to_owned(),
            });
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                // Vendor APIs do not redirect; following one could carry
                // credential headers (x-fs-ea, X-TC-Token, …) to another host.
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("bindery-runtime/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| Error::Config {
                    message: format!("cannot build the HTTP client: {e}"),
                })?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                protocol: self.protocol,
                base_url,
                credentials: self.credentials,
                http,
                timeout: self.timeout,
            }),
        })
    }
}

fn parse_base_url(text: &str) -> Result<Url, Error> {
    let bad = |why: &str| Error::Config {
        message: format!("base URL `{text}` {why}"),
    };
    let url = Url::parse(text.trim()).map_err(|e| bad(&format!("is not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("must use http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        // Would end up in logs and Host-derived signatures; pass credentials properly.
        return Err(bad("must not carry user info"));
    }
    Ok(url)
}

/// What decoding learnt besides the result, for tracing.
#[derive(Default)]
struct ResponseMeta {
    vendor_code: Option<String>,
    request_id: Option<String>,
}

impl<P: Protocol> Client<P> {
    /// Starts building a client for `protocol`; `default_base_url` is the
    /// vendor's public endpoint, used unless [`ClientBuilder::base_url`] overrides it.
    pub fn builder(protocol: P, default_base_url: &str) -> ClientBuilder<P> {
        ClientBuilder {
            protocol,
            base_url: default_base_url.to_owned(),
            credentials: None,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            http: None,
        }
    }

    /// The base URL operation paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The protocol settings.
    pub fn protocol(&self) -> &P {
        &self.inner.protocol
    }

    /// The configured credentials, if any.
    pub fn credentials(&self) -> Option<&P::Credentials> {
        self.inner.credentials.as_ref()
    }

    /// The underlying HTTP client.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// A client identical to this one (same base URL, settings and connection
    /// pool) but with other credentials, e.g. after refreshing a token.
    pub fn with_credentials(&self, credentials: P::Credentials) -> Self {
        Client {
            inner: Arc::new(Inner {
                protocol: self.inner.protocol.clone(),
                base_url: self.inner.base_url.clone(),
                credentials: Some(credentials),
                http: self.inner.http.clone(),
                timeout: self.inner.timeout,
            }),
        }
    }

    /// Calls `op` with `request` and decodes its result.
    ///
    /// In order: `request.validate()` ([`Error::InvalidRequest`]) and the
    /// credentials check ([`Error::Credentials`]) happen before any I/O; the
    /// request is serialised to a JSON object (a unit request `()` is `{}`);
    /// for POST it is the body, for GET its top-level fields become query
    /// parameters in serialisation order (strings as-is, numbers and booleans as
    /// text, `null` left out, arrays as one repeated parameter per element,
    /// objects and nested arrays as compact JSON text); the protocol adds its
    /// parts; the request is sent and the answer goes through
    /// [`decode_response`]. The client never retries.
    pub async fn call<Req, Resp>(
        &self,
        op: &'static Operation,
        request: &Req,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
    {
        let span = tracing::debug_span!(
            "bindery.call",
            provider = op.provider,
            operation = op.name,
            http.status = Empty,
            vendor.code = Empty,
            request_id = Empty,
            latency_ms = Empty,
        );
        // The span is passed in rather than looked up with `Span::current()`,
        // which depends on the subscriber tracking the current span.
        self.call_in_span(op, request, span.clone())
            .instrument(span)
            .await
    }

    async fn call_in_span<Req, Resp>(
        &self,
        op: &'static Operation,
        request: &Req,
        span: tracing::Span,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + Validate + ?Sized,
        Resp: DeserializeOwned,
    {
        let started = Instant::now();
        let (outgoing, body) = match self.outgoing(op, request) {
            Ok(ready) => ready,
            Err(error) => {
                trace_failure(&error, "request rejected before sending");
                return Err(error);
            }
        };
        let sent = self.send(op, outgoing, body).await;
        span.record(
            "latency_ms",
            u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        );
        let (status, bytes) = match sent {
            Ok(answer) => answer,
            Err(error) => {
                trace_failure(&error, "call failed");
                return Err(error);
            }
        };
        span.record("http.status", status);
        let (result, meta) = decode_with_meta(op, status, &bytes);
        if let Some(code) = &meta.vendor_code {
            span.record("vendor.code", code.as_str());
        }
        if let Some(id) = &meta.request_id {
            span.record("request_id", id.as_str());
        }
        match &result {
            Ok(_) => tracing::debug!("call succeeded"),
            Err(error) => trace_failure(error, "call failed"),
        }
        result
    }

    /// Validation, credentials check, serialisation and the protocol's parts.
    fn outgoing<Req>(&self, op: &Operation, request: &Req) -> Result<(Outgoing, Vec<u8>), Error>
    where
        Req: Serialize + Validate + ?Sized,
    {
        validate(op, request)?;
        let protocol = &self.inner.protocol;
        let credentials = self.inner.credentials.as_ref();
        protocol
            .check_credentials(op, credentials)
            .map_err(|message| Error::Credentials {
                provider: op.provider,
                message,
            })?;
        let fields = to_object(op, request)?;
        let mut url = self.endpoint(op);
        let json = match op.method {
            Method::Post => Some(fields),
            Method::Get => {
                append_query(&mut url, &query_pairs(&fields));
                None
            }
        };
        let mut outgoing = Outgoing {
            method: op.method,
            url,
            headers: HeaderMap::new(),
            json,
        };
        let now = SystemTime::now();
        protocol.prepare(op, &mut outgoing, credentials, now)?;
        let body = match &outgoing.json {
            Some(json) => serde_json::to_vec(json).map_err(|e| Error::InvalidRequest {
                provider: op.provider,
                operation: op.name,
                field: String::new(),
                rule: format!("cannot be serialised to JSON: {e}"),
            })?,
            None => Vec::new(),
        };
        if outgoing.json.is_some() && !outgoing.headers.contains_key(CONTENT_TYPE) {
            outgoing
                .headers
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        protocol.sign(op, &mut outgoing, &body, credentials, now)?;
        Ok((outgoing, body))
    }

    async fn send(
        &self,
        op: &Operation,
        outgoing: Outgoing,
        body: Vec<u8>,
    ) -> Result<(u16, Vec<u8>), Error> {
        let method = match outgoing.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self
            .inner
            .http
            .request(method, outgoing.url)
            .headers(outgoing.headers)
            .timeout(self.inner.timeout);
        if outgoing.json.is_some() {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(|e| transport_error(op, e))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| transport_error(op, e))?;
        Ok((status, bytes.to_vec()))
    }

    /// The URL a user's browser should open for `op` (an authorisation
    /// redirect, not an API call): base URL + path + the request's top-level
    /// fields as query parameters, encoded as in [`Client::call`] for GET.
    /// Validates the request; no I/O, no credentials.
    pub fn redirect_url<Req>(&self, op: &'static Operation, request: &Req) -> Result<Url, Error>
    where
        Req: Serialize + Validate + ?Sized,
    {
        validate(op, request)?;
        let fields = to_object(op, request)?;
        let mut url = self.endpoint(op);
        append_query(&mut url, &query_pairs(&fields));
        Ok(url)
    }

    /// Base URL joined with the operation's path, without doubling slashes.
    fn endpoint(&self, op: &Operation) -> Url {
        let mut url = self.inner.base_url.clone();
        let base = url.path().trim_end_matches('/');
        let path = if op.path.is_empty() {
            format!("{base}/")
        } else if op.path.starts_with('/') {
            format!("{base}{}", op.path)
        } else {
            format!("{base}/{}", op.path)
        };
        url.set_path(&path);
        url
    }
}

/// One event per failed call with the kind of failure and its non-sensitive
/// facts. Not the `Display` text: that holds body snippets and vendor messages,
/// which may carry personal data.
fn trace_failure(error: &Error, what: &'static str) {
    match error {
        Error::Vendor(v) => tracing::debug!(error.kind = "vendor", vendor.code = %v.code, "{what}"),
        Error::Http { status, .. } => {
            tracing::debug!(error.kind = "http", http.status = status, "{what}")
        }
        Error::Transport { .. } => tracing::debug!(error.kind = "transport", "{what}"),
        Error::Timeout { .. } => tracing::debug!(error.kind = "timeout", "{what}"),
        Error::Decode { path, .. } => {
            tracing::debug!(error.kind = "decode", error.path = %path, "{what}")
        }
        Error::InvalidRequest { field, .. } => {
            tracing::debug!(error.kind = "invalid_request", error.field = %field, "{what}")
        }
        Error::Credentials { .. } => tracing::debug!(error.kind = "credentials", "{what}"),
        Error::Config { .. } => tracing::debug!(error.kind = "config", "{what}"),
    }
}

fn validate<Req: Validate + ?Sized>(op: &Operation, request: &Req) -> Result<(), Error> {
    request.validate().map_err(|v| Error::InvalidRequest {
        provider: op.provider,
        operation: op.name,
        field: v.field,
        rule: v.rule,
    })
}

fn to_object<Req: Serialize + ?Sized>(
    op: &Operation,
    request: &Req,
) -> Result<Map<String, Value>, Error> {
    let invalid = |rule: String| Error::InvalidRequest {
        provider: op.provider,
        operation: op.name,
        field: String::new(),
        rule,
    };
    match serde_json::to_value(request) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(other) => Err(invalid(format!(
            "must serialise to a JSON object, not {}",
            json_kind(&other)
        ))),
        Err(e) => Err(invalid(format!("cannot be serialised to JSON: {e}"))),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn transport_error(op: &Operation, error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout {
            provider: op.provider,
            operation: op.name,
        }
    } else {
        Error::Transport {
            provider: op.provider,
            operation: op.name,
            source: error.without_url(),
        }
    }
}

/// Scalars as text; `None` for `null`, arrays and objects.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

fn push_param(pairs: &mut Vec<(String, String)>, key: &str, value: &Value) {
    match value {
        Value::Null => {}
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Null => {}
                    Value::Array(_) | Value::Object(_) => {
                        pairs.push((key.to_owned(), item.to_string()))
                    }
                    scalar => pairs.extend(scalar_text(scalar).map(|text| (key.to_owned(), text))),
                }
            }
        }
        Value::Object(_) => pairs.push((key.to_owned(), value.to_string())),
        scalar => pairs.extend(scalar_text(scalar).map(|text| (key.to_owned(), text))),
    }
}

fn query_pairs(fields: &Map<String, Value>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (key, value) in fields {
        push_param(&mut pairs, key, value);
    }
    pairs
}

fn append_query(url: &mut Url, pairs: &[(String, String)]) {
    // `query_pairs_mut` leaves a bare `?` behind even when nothing is appended.
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
}

/// Decodes a vendor's answer to `op` (pure: no I/O; never panics).
///
/// * Non-2xx: a [`Error::Vendor`] with that status if the body is a vendor
///   envelope reporting failure, else [`Error::Http`] with a masked snippet.
/// * 2xx: the body must be JSON ([`Error::Decode`] with path `""` if not).
///   The envelope's code decides success (see [`Envelope::success`]); a
///   failure becomes [`Error::Vendor`] with code, message and request id.
///   A missing code where one is required is a [`Error::Decode`] naming the
///   code's path.
/// * Then `Resp` is read from the envelope's result object (or the whole
///   body); a mismatch is an [`Error::Decode`] whose `path` is the full JSON
///   path of the failing field, e.g. `Response.Status`.
pub fn decode_response<Resp: DeserializeOwned>(
    op: &Operation,
    http_status: u16,
    body: &[u8],
) -> Result<Resp, Error> {
    decode_with_meta(op, http_status, body).0
}

fn decode_with_meta<Resp: DeserializeOwned>(
    op: &Operation,
    http_status: u16,
    body: &[u8],
) -> (Result<Resp, Error>, ResponseMeta) {
    let envelope = op.envelope;
    let decode_error = |path: &str, message: String| Error::Decode {
        provider: op.provider,
        operation: op.name,
        path: path.to_owned(),
        message,
        snippet: snippet(body),
    };
    let parsed = serde_json::from_slice::<Value>(body);

    if !(200..300).contains(&http_status) {
        let mut meta = ResponseMeta::default();
        if let Ok(value) = &parsed {
            meta = response_meta(envelope, value);
            if let Some(Err(vendor)) = envelope_status(op, envelope, value, http_status) {
                return (Err(vendor), meta);
            }
        }
        let error = Error::Http {
            provider: op.provider,
            operation: op.name,
            status: http_status,
            snippet: snippet(body),
        };
        return (Err(error), meta);
    }

    let value = match parsed {
        Ok(value) => value,
        Err(e) => {
            let message = if body.trim_ascii().is_empty() {
                "empty response body".to_owned()
            } else {
                format!("response is not JSON: {e}")
            };
            return (Err(decode_error("", message)), ResponseMeta::default());
        }
    };
    let meta = response_meta(envelope, &value);

    match envelope_status(op, envelope, &value, http_status) {
        Some(Ok(())) => {}
        Some(Err(vendor)) => return (Err(vendor), meta),
        None => {
            let message = match lookup(&value, envelope.code) {
                None | Some(Value::Null) => {
                    format!("missing vendor status code `{}`", envelope.code)
                }
                Some(other) => format!(
                    "vendor status code `{}` must be an integer or a string, not {}",
                    envelope.code,
                    json_kind(other)
                ),
            };
            return (Err(decode_error(envelope.code, message)), meta);
        }
    }

    let result = match envelope.result {
        // A missing result object reads as `null`: fine for `()` or `Option`,
        // and otherwise reported at the result's path.
        Some(path) => lookup(&value, path).unwrap_or(&Value::Null),
        None => &value,
    };
    match serde_path_to_error::deserialize::<_, Resp>(result) {
        Ok(resp) => (Ok(resp), meta),
        Err(e) => {
            let inner = e.path().to_string();
            let path = match (envelope.result, inner.as_str()) {
                (Some(prefix), ".") => prefix.to_owned(),
                (Some(prefix), _) if inner.starts_with('[') => format!("{prefix}{inner}"),
                (Some(prefix), _) => format!("{prefix}.{inner}"),
                (None, ".") => String::new(),
                (None, _) => inner,
            };
            (Err(decode_error(&path, e.inner().to_string())), meta)
        }
    }
}

/// `Some(Ok)` success, `Some(Err)` vendor failure, `None` the code is missing
/// (where one is required) or of an unusable type.
fn envelope_status(
    op: &Operation,
    envelope: &Envelope,
    value: &Value,
    http_status: u16,
) -> Option<Result<(), Error>> {
    let code = lookup(value, envelope.code).filter(|v| !v.is_null());
    let failed = |code: String| {
        Err(Error::from(VendorError {
            provider: op.provider,
            operation: op.name,
            code,
            message: lookup(value, envelope.message)
                .and_then(scalar_text)
                .unwrap_or_default(),
            request_id: envelope
                .request_id
                .and_then(|path| lookup(value, path))
                .and_then(scalar_text),
            http_status,
        }))
    };
    match (envelope.success, code) {
        (None, None) => Some(Ok(())),
        (None, Some(code)) => Some(failed(
            scalar_text(code).unwrap_or_else(|| code.to_string()),
        )),
        (Some(_), None) => None,
        (Some(expected), Some(code)) => {
            let matches = match code {
                Value::Number(n) => n.as_i64() == Some(expected),
                Value::String(s) => s.trim().parse::<i64>().ok() == Some(expected),
                _ => return None,
            };
            if matches {
                Some(Ok(()))
            } else {
                Some(failed(scalar_text(code).unwrap_or_default()))
            }
        }
    }
}

fn response_meta(envelope: &Envelope, value: &Value) -> ResponseMeta {
    ResponseMeta {
        vendor_code: lookup(value, envelope.code).and_then(scalar_text),
        request_id: envelope
            .request_id
            .and_then(|path| lookup(value, path))
            .and_then(scalar_text),
    }
}

/// Follows a dot-separated path of object keys; `""` is the value itself.
fn lookup<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(root);
    }
    path.split('.')
        .try_fold(root, |value, key| value.as_object()?.get(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    use crate::{fxiaoke, mingdao, tencent};

    static FX_OP: Operation = Operation {
        provider: "fxiaoke",
        name: "getMapperObjectId",
        method: Method::Post,
        path: "/cgi/er/enterpriseRelation/getMapperObjectId",
        action: None,
        auth: None,
        idempotent: true,
        envelope: &fxiaoke::ENVELOPE,
        rate_limit: None,
    };
    static MD_OP: Operation = Operation {
        provider: "mingdao",
        name: "getUserRelations",
        method: Method::Post,
        path: "/v2/user/getUserRelations",
        action: None,
        auth: None,
        idempotent: true,
        envelope: &mingdao::ENVELOPE,
        rate_limit: None,
    };
    static TC_OP: Operation = Operation {
        provider: "tencent",
        name: "BindEmployeeUserIdWithClientOpenId",
        method: Method::Post,
        path: "/",
        action: Some("BindEmployeeUserIdWithClientOpenId"),
        auth: None,
        idempotent: false,
        envelope: &tencent::ENVELOPE,
        rate_limit: None,
    };

    #[derive(Debug, Deserialize, PartialEq)]
    struct Mapper {
        #[serde(rename = "mapperId")]
        mapper_id: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase")]
    struct Relation {
        corp_user_id: String,
        create_time: Option<i64>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct Relations {
        data: Vec<Relation>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Bind {
        status: i64,
        request_id: String,
    }

    fn decode_err<R: DeserializeOwned + Debug>(op: &Operation, status: u16, body: &str) -> Error {
        decode_response::<R>(op, status, body.as_bytes()).unwrap_err()
    }

    #[test]
    fn fxiaoke_success_and_vendor_error() {
        let ok = br#"{"traceId":"E-O.1","errorDescription":"success","errorMessage":"OK","errorCode":0,"mapperId":"12345"}"#;
        assert_eq!(
            decode_response::<Mapper>(&FX_OP, 200, ok).unwrap(),
            Mapper {
                mapper_id: "12345".into()
            }
        );

        let err = decode_err::<Mapper>(
            &FX_OP,
            200,
            r#"{"traceId":"E-O.2","errorMessage":"corpAccessToken expired","errorCode":20016}"#,
        );
        let vendor = err.vendor().expect("vendor error");
        assert_eq!(vendor.code, "20016");
        assert_eq!(vendor.message, "corpAccessToken expired");
        assert_eq!(vendor.request_id.as_deref(), Some("E-O.2"));
        assert_eq!(vendor.http_status, 200);
        assert_eq!(vendor.provider, "fxiaoke");
        assert_eq!(vendor.operation, "getMapperObjectId");
        let text = err.to_string();
        for fact in [
            "fxiaoke",
            "getMapperObjectId",
            "20016",
            "corpAccessToken expired",
            "E-O.2",
            "200",
        ] {
            assert!(text.contains(fact), "{fact} missing from {text}");
        }
        // A string code "0" is success too; a non-numeric string is a failure code.
        assert!(decode_response::<Value>(&FX_OP, 200, br#"{"errorCode":"0"}"#).is_ok());
        assert_eq!(
            decode_err::<Value>(&FX_OP, 200, r#"{"errorCode":"E1"}"#).vendor_code(),
            Some("E1")
        );
    }

    #[test]
    fn fxiaoke_missing_or_mistyped_code() {
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"{"mapperId":"1"}"#);
        match &err {
            Error::Decode { path, message, .. } => {
                assert_eq!(path, "errorCode");
                assert!(message.contains("missing"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"{"errorCode":null,"mapperId":"1"}"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "errorCode"),
            "{err:?}"
        );
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"{"errorCode":true}"#);
        assert!(
            matches!(&err, Error::Decode { path, message, .. } if path == "errorCode" && message.contains("boolean")),
            "{err:?}"
        );
        let err = decode_err::<Mapper>(&FX_OP, 200, r#"[1,2]"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "errorCode"),
            "{err:?}"
        );
    }

    #[test]
    fn wrong_field_type_reports_path_and_snippet() {
        let body = r#"{"errorCode":0,"mapperId":12345,"corpAccessToken":"SECRET-TOKEN"}"#;
        match decode_err::<Mapper>(&FX_OP, 200, body) {
            Error::Decode {
                path,
                message,
                snippet,
                provider,
                operation,
            } => {
                assert_eq!(path, "mapperId");
                assert!(message.contains("invalid type"), "{message}");
                assert!(snippet.contains(r#""mapperId":12345"#), "{snippet}");
                assert!(!snippet.contains("SECRET-TOKEN"), "{snippet}");
                assert_eq!((provider, operation), ("fxiaoke", "getMapperObjectId"));
            }
            other => panic!("unexpected {other:?}"),
        }

        let body = r#"{"code":1,"message":"","data":[{"corpUserId":"a","createTime":1},{"corpUserId":"b","createTime":"x"}]}"#;
        match decode_err::<Relations>(&MD_OP, 200, body) {
            Error::Decode { path, snippet, .. } => {
                assert_eq!(path, "data[1].createTime");
                assert!(snippet.starts_with(r#"{"code":1"#), "{snippet}");
            }
            other => panic!("unexpected {other:?}"),
        }

        let body = r#"{"Response":{"Status":"1","RequestId":"r-1"}}"#;
        match decode_err::<Bind>(&TC_OP, 200, body) {
            Error::Decode { path, snippet, .. } => {
                assert_eq!(path, "Response.Status");
                assert!(snippet.contains(r#""Status":"1""#), "{snippet}");
            }
            other => panic!("unexpected {other:?}"),
        }
        // Missing field: the path is the object holding it.
        let err = decode_err::<Bind>(&TC_OP, 200, r#"{"Response":{"RequestId":"r"}}"#);
        assert!(
            matches!(&err, Error::Decode { path, message, .. } if path == "Response" && message.contains("Status")),
            "{err:?}"
        );
        let err = decode_err::<Bind>(&TC_OP, 200, r#"{}"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "Response"),
            "{err:?}"
        );
    }

    #[test]
    fn mingdao_envelope() {
        let ok = r#"{"data":[{"corpUserId":"u1","projectId":"p","accountId":"a"}],"code":1,"message":""}"#;
        let rel = decode_response::<Relations>(&MD_OP, 200, ok.as_bytes()).unwrap();
        assert_eq!(rel.data[0].corp_user_id, "u1");

        let err = decode_err::<Relations>(&MD_OP, 200, r#"{"code":10001,"message":"错误描述"}"#);
        let vendor = err.vendor().unwrap();
        assert_eq!(
            (vendor.code.as_str(), vendor.message.as_str()),
            ("10001", "错误描述")
        );
        assert_eq!(vendor.request_id, None);
        // code 0 is a failure for Mingdao.
        assert_eq!(
            decode_err::<Relations>(&MD_OP, 200, r#"{"code":0,"message":"x"}"#).vendor_code(),
            Some("0")
        );
        let err = decode_err::<Relations>(&MD_OP, 200, r#"{"message":"x"}"#);
        assert!(
            matches!(&err, Error::Decode { path, .. } if path == "code"),
            "{err:?}"
        );
    }

    #[test]
    fn tencent_envelope() {
        let ok = r#"{"Response":{"RequestId":"fc0b0a6b-01b4-4042-b236-c5356af1d5d8","Status":1}}"#;
        let bind = decode_response::<Bind>(&TC_OP, 200, ok.as_bytes()).unwrap();
        assert_eq!(bind.status, 1);
        assert_eq!(bind.request_id, "fc0b0a6b-01b4-4042-b236-c5356af1d5d8");

        let err = decode_err::<Bind>(
            &TC_OP,
            200,
            r#"{"Response":{"Error":{"Code":"InvalidParameter.OpenId","Message":"OpenId已被绑定"},"RequestId":"r-9"}}"#,
        );
        let vendor = err.vendor().unwrap();
        assert_eq!(vendor.code, "InvalidParameter.OpenId");
        assert_eq!(vendor.message, "OpenId已被绑定");
        assert_eq!(vendor.request_id.as_deref(), Some("r-9"));
        assert_eq!(err.request_id(), Some("r-9"));
        assert!(
            decode_response::<Value>(&TC_OP, 200, br#"{"Response":{"RequestId":"r"}}"#).is_ok()
        );
    }

    #[test]
    fn html_and_empty_bodies() {
        for op in [&FX_OP, &MD_OP, &TC_OP] {
            let err = decode_err::<Value>(op, 200, "<html><body>502 Bad Gateway</body></html>");
            match &err {
                Error::Decode {
                    path,
                    message,
                    snippet,
                    ..
                } => {
                    assert_eq!(path, "");
                    assert!(message.contains("not JSON"), "{message}");
                    assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
                }
                other => panic!("unexpected {other:?}"),
            }
            let err = decode_err::<Value>(op, 200, "");
            assert!(
                matches!(&err, Error::Decode { path, message, snippet, .. }
                    if path.is_empty() && message == "empty response body" && snippet.is_empty()),
                "{err:?}"
            );
            assert!(err.to_string().contains("(empty body)"), "{err}");
        }
    }

    #[test]
    fn non_2xx() {
        let err = decode_err::<Value>(&FX_OP, 502, "<html>Bad Gateway</html>");
        assert!(
            matches!(&err, Error::Http { status: 502, snippet, .. } if snippet == "<html>Bad Gateway</html>"),
            "{err:?}"
        );
        assert_eq!(err.http_status(), Some(502));
        let err = decode_err::<Value>(&MD_OP, 503, "");
        assert!(
            matches!(&err, Error::Http { status: 503, snippet, .. } if snippet.is_empty()),
            "{err:?}"
        );
        // A vendor envelope on a non-2xx answer is still the vendor's error.
        let err = decode_err::<Value>(
            &TC_OP,
            500,
            r#"{"Response":{"Error":{"Code":"InternalError","Message":"boom"},"RequestId":"r"}}"#,
        );
        assert_eq!(
            err.vendor().map(|v| (v.code.as_str(), v.http_status)),
            Some(("InternalError", 500))
        );
        // ...but a success envelope on a 500 is an HTTP error, with the token masked.
        let err = decode_err::<Value>(&FX_OP, 500, r#"{"errorCode":0,"accessToken":"AT"}"#);
        match &err {
            Error::Http {
                status: 500,
                snippet,
                ..
            } => assert!(!snippet.contains("AT\""), "{snippet}"),
            other => panic!("unexpected {other:?}"),
        }
        // Redirects are not followed and surface as HTTP errors.
        assert!(matches!(
            decode_err::<Value>(&FX_OP, 302, ""),
            Error::Http { status: 302, .. }
        ));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let bodies: [&[u8]; 9] = [
            b"",
            b"   ",
            b"null",
            b"\xff\xfe",
            b"{\"errorCode\":1e999}",
            b"{\"errorCode\":18446744073709551615}",
            b"{\"Response\":[]}",
            b"{\"code\":{\"a\":1}}",
            b"\"\xe9\x94\x99",
        ];
        for op in [&FX_OP, &MD_OP, &TC_OP] {
            for status in [0, 100, 200, 204, 299, 300, 404, 999, u16::MAX] {
                for body in bodies {
                    let _ = decode_response::<Value>(op, status, body);
                    let _ = decode_response::<Bind>(op, status, body);
                }
            }
        }
    }

    #[test]
    fn base_url_rules() {
        assert!(parse_base_url("https://open.fxiaoke.com").is_ok());
        assert!(parse_base_url("http://127.0.0.1:8080/gw/").is_ok());
        for bad in [
            "open.fxiaoke.com",
            "ftp://x.example",
            "https://x.example/?a=1",
            "https://x.example/#f",
            "https://u:p@x.example",
            "",
        ] {
            let err = parse_base_url(bad).unwrap_err();
            assert!(matches!(err, Error::Config { .. }), "{bad}: {err:?}");
        }
    }

    #[test]
    fn endpoint_joins_paths() {
        let client = |base: &str| Client::builder(fxiaoke::Fxiaoke, base).build().unwrap();
        assert_eq!(
            client("https://api.mingdao.com/generalintegrate/")
                .endpoint(&MD_OP)
                .as_str(),
            "https://api.mingdao.com/generalintegrate/v2/user/getUserRelations"
        );
        assert_eq!(
            client("https://api.mingdao.com/generalintegrate")
                .endpoint(&MD_OP)
                .as_str(),
            "https://api.mingdao.com/generalintegrate/v2/user/getUserRelations"
        );
        assert_eq!(
            client("https://ess.tencentcloudapi.com")
                .endpoint(&TC_OP)
                .as_str(),
            "https://ess.tencentcloudapi.com/"
        );
        assert_eq!(
            client("https://x.example/gw/").endpoint(&TC_OP).as_str(),
            "https://x.example/gw/"
        );
    }

    #[test]
    fn query_flattening() {
        let fields = serde_json::json!({
            "s": "a b&c", "n": 3, "f": 1.5, "b": true, "z": null,
            "arr": ["x", 2, null, {"k": 1}], "obj": {"k": [1]}
        });
        let Value::Object(map) = fields else {
            unreachable!()
        };
        let pairs = query_pairs(&map);
        let expected: Vec<(String, String)> = [
            ("s", "a b&c"),
            ("n", "3"),
            ("f", "1.5"),
            ("b", "true"),
            ("arr", "x"),
            ("arr", "2"),
            ("arr", r#"{"k":1}"#),
            ("obj", r#"{"k":[1]}"#),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(pairs, expected);
    }
}
