//! Static descriptions of vendor operations, emitted by codegen as `static` items.

/// One vendor API operation: where it lives, how it is authorised and how its
/// answers are wrapped. Generated code declares one `static` per operation and
/// passes it to [`Client::call`](crate::Client::call).
///
/// ```
/// use bindery_runtime::{
///     AuthKind, BodyShape, Envelope, Method, Operation, RateLimit, RateLimitScope,
/// };
///
/// pub static ENVELOPE: Envelope = Envelope {
///     code: "errorCode",
///     success: Some(0),
///     message: "errorMessage",
///     request_id: Some("traceId"),
///     result: None,
///     flag: None,
/// };
///
/// pub static GET_MAPPER_OBJECT_ID: Operation = Operation {
///     provider: "fxiaoke",
///     name: "getMapperObjectId",
///     method: Method::Post,
///     path: "/cgi/er/enterpriseRelation/getMapperObjectId",
///     action: None,
///     auth: Some(AuthKind::FxiaokeHeader),
///     idempotent: true,
///     envelope: &ENVELOPE,
///     rate_limit: Some(RateLimit {
///         requests: 100,
///         per_seconds: 20,
///         scope: RateLimitScope::Operation,
///     }),
///     secret_fields: &[],
///     query: &[],
///     request_body: BodyShape::Object,
///     response_body: BodyShape::Object,
/// };
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// Provider name used in errors and traces, e.g. `"fxiaoke"`.
    pub provider: &'static str,
    /// The vendor's operation name, e.g. `"getMapperObjectId"`.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path appended to the client's base URL, starting with `/`.
    pub path: &'static str,
    /// Tencent Cloud's `X-TC-Action`; `None` for other vendors.
    pub action: Option<&'static str>,
    /// How the call is authorised; `None` for unauthenticated endpoints
    /// (token endpoints, browser redirects).
    pub auth: Option<AuthKind>,
    /// Whether sending the call twice has the same effect as once. The client
    /// repeats an attempt the vendor may already have processed (timeouts,
    /// broken connections, HTTP 502/503/504) only for idempotent operations;
    /// see [`RetryPolicy`](crate::RetryPolicy).
    pub idempotent: bool,
    /// Where the vendor puts its status code, message, request id and result.
    pub envelope: &'static Envelope,
    /// The vendor's documented rate limit, kept to by the client per operation
    /// (see [`Client::call`](crate::Client::call)); `None` for no limit.
    pub rate_limit: Option<RateLimit>,
    /// JSON names of the operation's fields whose spec type is `secret`, in the
    /// request and the response, at any depth (e.g. `["accessToken",
    /// "appSecret", "permanentCode"]`). Their values are masked in logged
    /// bodies ([`ClientBuilder::log_bodies`](crate::ClientBuilder::log_bodies))
    /// and in error snippets, wherever they appear in either direction (a
    /// response echoing a request's secret is masked too), in addition to the
    /// credential-looking names (`…token…`, `…secret…`, …) every body is
    /// masked by. Names compare ASCII case-insensitively.
    pub secret_fields: &'static [&'static str],
    /// JSON names of the request's top-level fields that a [`Method::Post`]
    /// sends as URL query parameters instead of in the JSON body (a vendor
    /// that reads some parameters of a `POST` from the URL); empty for most.
    /// They come before the query parameters the protocol adds itself
    /// (Fxiaoke's `thirdTraceId`), in this order. A [`Method::Get`] sends
    /// every field in the query anyway.
    pub query: &'static [&'static str],
    /// The JSON body a [`Method::Post`] sends: an object of the request's fields, or
    /// [`BodyShape::Array`] when the request type serialises to a bare JSON array (it is
    /// then the whole body, and no protocol adds fields to it).
    pub request_body: BodyShape,
    /// What the result is: an object of the response's fields, or [`BodyShape::Array`]
    /// when it is a bare JSON array — at the envelope's
    /// [`result`](Envelope::result) path, or, for an envelope without one, the whole body,
    /// which then carries no envelope (see [`decode_response`](crate::decode_response)).
    pub response_body: BodyShape,
}

/// Whether a JSON body (or result) is an object of named fields or a bare array.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BodyShape {
    /// A JSON object: the fields of the request or response type.
    #[default]
    Object,
    /// A bare JSON array: the type's one field, a list, is the body.
    Array,
}

/// HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: the request's fields travel in the query string.
    Get,
    /// `POST`: the request is a JSON body.
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// How an operation is authorised: every vendor's schemes, so that a generated
/// [`Operation`] can name its scheme in a `static`. Each protocol accepts its own
/// and refuses the others in [`check_credentials`](crate::Protocol::check_credentials).
/// Non-exhaustive: a new protocol adds its schemes here (match with a `_` arm).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthKind {
    /// Fxiaoke header scheme: `authorization: Bearer`, `x-fs-ea`, `x-fs-userid`.
    FxiaokeHeader,
    /// Fxiaoke body scheme: `corpAccessToken`, `corpId`, `currentOpenUserId` in the JSON body.
    FxiaokeBody,
    /// Mingdao: `appKey`, `sign`, `timestamp`, `projectId` in the body (POST) or query (GET).
    MingdaoSign,
    /// Tencent Cloud API 3.0 `TC3-HMAC-SHA256` request signing.
    Tc3HmacSha256,
}

/// Where a vendor's response envelope keeps its parts, as dot-separated JSON
/// object paths (e.g. `"Response.Error.Code"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// Path of the status or error code (an integer or a string).
    pub code: &'static str,
    /// `Some(n)`: the call succeeded iff the code equals `n` (a missing code is
    /// a decode error). `None`: the call succeeded iff the code is absent and
    /// so is the object holding it (`Response.Error` for `Response.Error.Code`):
    /// that object present without a usable code is a decode error naming the
    /// code's path, not a success.
    pub success: Option<i64>,
    /// Path of the human-readable message.
    pub message: &'static str,
    /// Path of the vendor's request or trace id, if it sends one.
    pub request_id: Option<&'static str>,
    /// Path of the object holding the operation's result fields; `None` means
    /// the whole body (result fields sit beside the code).
    pub result: Option<&'static str>,
    /// A boolean the vendor sends beside the code that only says whether the call
    /// succeeded (Mingdao's `success: true`); `None` when there is none.
    pub flag: Option<EnvelopeFlag>,
}

/// An envelope's success flag: a boolean at [`path`](Self::path) whose value
/// [`success`](Self::success) means success.
///
/// A flag with the other value is a vendor failure even when the code says
/// success (the failure carries the code the vendor sent, or `path=value` when
/// it sent none); a flag that is absent or `null` leaves the verdict to the
/// code; a flag of another JSON type is a decode error naming its path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnvelopeFlag {
    /// Dot-separated path of the flag (`success`).
    pub path: &'static str,
    /// The value that means success (`true`).
    pub success: bool,
}

/// A vendor's documented rate limit: `requests` calls per `per_seconds` seconds,
/// counted over [`scope`](Self::scope).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Calls allowed in the window.
    pub requests: u32,
    /// Window length in seconds.
    pub per_seconds: u32,
    /// Which calls share the budget.
    pub scope: RateLimitScope,
}

/// Which calls share one [`RateLimit`] budget on a client (and its clones).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RateLimitScope {
    /// Each operation has its own budget (the vendor counts per path or
    /// action).
    Operation,
    /// Every operation of the provider whose limit has this scope draws on
    /// one budget (the vendor counts per application). The spec gives all of
    /// a provider's app-wide limits the same numbers; should two differ, the
    /// first one the client meets is the budget.
    Provider,
}
