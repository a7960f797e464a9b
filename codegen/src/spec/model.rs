//! The spec format: the Rust types that `api-spec/` files deserialise into.
//!
//! These types are the single definition of the format. The loader reads YAML into them
//! (rejecting unknown keys), and `spec.schema.json` is derived from them, so the documentation
//! an editor shows and the rules the loader applies cannot drift apart.
//!
//! Four kinds of file exist:
//! - `crate.yaml` (optional, at the spec root) → [`CrateFile`]
//! - `<provider>/provider.yaml` → [`ProviderFile`]
//! - `<provider>/types.yaml` (optional) → [`TypesFile`]
//! - every other `*.yaml` below `<provider>/` → [`EndpointFile`]; its folder path below the
//!   provider becomes the Rust module path and its file stem the method name.

use schemars::JsonSchema;
use serde::Deserialize;

pub use super::body_shape::{RequestBody, ResponseBody};
pub use super::protocol::{AuthRef, ProtocolRef};
use super::span::Spanned;

/// Text in Chinese (as the vendor page has it) and English (ours). At least one is required.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Docs {
    /// Chinese text, as on the vendor page.
    #[serde(default)]
    pub zh: Option<Spanned<String>>,
    /// English text.
    #[serde(default)]
    pub en: Option<Spanned<String>>,
}

/// `crate.yaml` at the spec root: facts about the generated `bindery` crate as a whole.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrateFile {
    /// The generated crate's semver version (`0.1.0`). `cargo xtask codegen --bump` raises
    /// it by what `cargo xtask spec-diff` finds; a generator change that breaks the generated
    /// API is raised by hand.
    pub version: Spanned<String>,
}

/// `<provider>/provider.yaml`: everything that is the same for all endpoints of one vendor API.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProviderFile {
    /// Module and cargo-feature name, `snake_case` (e.g. `fxiaoke`, `tencent_ess`).
    pub name: Spanned<String>,
    /// Human title, e.g. `Fxiaoke (纷享销客) open platform`.
    pub title: Spanned<String>,
    /// What this API is, shown as the module's rustdoc.
    pub docs: Docs,
    /// Vendor's documentation home page.
    #[serde(default)]
    pub docs_url: Option<Spanned<String>>,
    /// Which wire protocol of `bindery-runtime` the provider speaks.
    pub protocol: Spanned<ProtocolRef>,
    /// Base URLs; the first is the client's default.
    pub base_urls: Vec<BaseUrl>,
    /// Where success, error code, message, request id and result live in every response: the
    /// default envelope, used by every endpoint that names no other. It has no `name`.
    pub envelope: Envelope,
    /// More envelopes, for endpoints of the vendor that answer in another shape (Mingdao's
    /// structure endpoints): each with a unique `snake_case` `name` that endpoint files give
    /// in their `envelope` key.
    #[serde(default)]
    pub envelopes: Vec<Envelope>,
    /// Authentication schemes endpoints can name in their `auth` key.
    #[serde(default)]
    pub auth: Vec<AuthScheme>,
    /// Default rate limit for each endpoint (an endpoint may override it).
    #[serde(default)]
    pub rate_limit: Option<RateLimit>,
    /// Credentials this provider needs, with the environment variables they can come from.
    #[serde(default)]
    pub credentials: Vec<Credential>,
    /// Error codes every endpoint of the provider can return.
    #[serde(default)]
    pub errors: Vec<ErrorCode>,
    /// Tencent Cloud API 3.0 settings; required when `protocol` is `tencent_cloud`.
    #[serde(default)]
    pub tencent_cloud: Option<TencentCloud>,
    /// Free-form notes for spec reviewers (corrections of the vendor page, sources).
    #[serde(default)]
    pub notes: Option<Spanned<String>>,
}

/// One base URL a client can talk to.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BaseUrl {
    /// `snake_case` name, e.g. `default`, `open71360`, `private_deployment`.
    pub name: Spanned<String>,
    /// Absolute `https` URL. May contain one `{host}` placeholder for deployments the user runs.
    pub url: Spanned<String>,
    /// What this deployment is.
    pub docs: Docs,
}

/// Where the parts of a response envelope are. Paths are dot-separated JSON object keys
/// (`Response.Error.Code`); the empty string is the whole body.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The envelope's `snake_case` name: required in `envelopes`, refused in `envelope`
    /// (the default has none).
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// Path of the vendor's result code.
    pub code: Spanned<String>,
    /// The code that means success. Absent: success is when the code is absent.
    #[serde(default)]
    pub success: Option<Spanned<i64>>,
    /// Path of the human-readable message that goes with a code.
    pub message: Spanned<String>,
    /// Path of the vendor's request or trace id, when it sends one.
    #[serde(default)]
    pub request_id: Option<Spanned<String>>,
    /// Path of the object that holds the endpoint's response fields (absent: the whole body).
    #[serde(default)]
    pub result: Option<Spanned<String>>,
    /// A boolean beside the code that only says whether the call succeeded (Mingdao's
    /// `success: true`). The client checks it (the other value is a vendor failure, whatever
    /// the code says); it is never a response field.
    #[serde(default)]
    pub flag: Option<EnvelopeFlag>,
}

/// An envelope's success flag: a boolean whose value `success` means success.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnvelopeFlag {
    /// Dot-separated path of the flag (`success`); not the whole body.
    pub path: Spanned<String>,
    /// The value that means success (`true`).
    pub success: Spanned<bool>,
}

/// An authentication scheme of a provider.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthScheme {
    /// Name that endpoints use in `auth` (`snake_case`).
    pub name: Spanned<String>,
    /// Which runtime mechanism implements it.
    pub kind: Spanned<AuthRef>,
    /// What the scheme is.
    pub docs: Docs,
    /// Headers the runtime adds (lower-case), listed so reviewers and tests see them.
    #[serde(default)]
    pub headers: Vec<Spanned<String>>,
    /// Top-level JSON body keys the runtime adds; request examples carry them, request types
    /// do not.
    #[serde(default)]
    pub body_fields: Vec<Spanned<String>>,
    /// The endpoint that issues this scheme's token, so clients given app credentials fetch,
    /// cache and refresh it themselves.
    #[serde(default)]
    pub token: Option<TokenEndpoint>,
}

/// Where a scheme's token comes from: an endpoint of the same provider (with `auth: none`)
/// and which of its response fields hold the token.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenEndpoint {
    /// The endpoint file below the provider folder, without `.yaml` (`oauth/access_token`).
    pub endpoint: Spanned<String>,
    /// JSON name of the response field holding the token (`secret` or `string`).
    pub value: Spanned<String>,
    /// JSON name of the response field giving the token's lifetime in seconds (`i32`, `i64` or
    /// a timestamp).
    pub lifetime: Spanned<String>,
    /// JSON names of other string response fields calls need beside the token (`ea`,
    /// `corpId`).
    #[serde(default)]
    pub fields: Vec<Spanned<String>>,
}

/// A request rate limit.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// Requests allowed in one window.
    pub requests: Spanned<u32>,
    /// Window length in seconds.
    pub per_seconds: Spanned<u32>,
    /// What the limit is counted over.
    #[serde(default)]
    pub scope: Option<Spanned<RateLimitScope>>,
}

/// What a rate limit counts.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RateLimitScope {
    /// Each endpoint (path or action) has its own budget.
    Endpoint,
    /// One budget for the whole application.
    App,
}

/// A credential the provider needs.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    /// `snake_case` name, e.g. `app_secret`.
    pub name: Spanned<String>,
    /// Environment variable it is read from.
    pub env: Spanned<String>,
    /// Whether the value is secret (never printed).
    #[serde(default)]
    pub secret: Option<Spanned<bool>>,
    /// Whether it may be absent.
    #[serde(default)]
    pub optional: Option<Spanned<bool>>,
    /// What it is.
    pub docs: Docs,
}

/// Tencent Cloud API 3.0 settings of a provider.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TencentCloud {
    /// Service name used in the credential scope, e.g. `ess`.
    pub service: Spanned<String>,
    /// `X-TC-Version`, e.g. `2020-11-11`.
    pub version: Spanned<String>,
}

/// `<provider>/types.yaml`: named types shared by the provider's endpoints.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypesFile {
    /// The types, in the order they are emitted.
    pub types: Vec<TypeDef>,
}

/// A named object or enum type.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// `PascalCase` Rust name, e.g. `UserInfo`.
    pub name: Spanned<String>,
    /// What the type is.
    #[serde(default)]
    pub docs: Option<Docs>,
    /// Object fields. Exactly one of `fields` and `enum` is given.
    #[serde(default)]
    pub fields: Option<Vec<Field>>,
    /// An open object keeps the keys it does not know (e.g. tenant fields `xxx__c`).
    #[serde(default)]
    pub open: Option<Spanned<bool>>,
    /// Enum values: all strings (a string enum) or all integers (an integer enum, sent and read
    /// as JSON numbers). The generated enum also has `Unknown(String)` (`Unknown(i64)`) for
    /// values the vendor adds later.
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<EnumValue>>,
}

/// One documented value of an enum.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The wire value, e.g. `AccountObj`, `GTE`, or an integer (`0`) for an integer enum; what
    /// YAML reads decides: `0` is the JSON number, `"0"` the string. Every value of one enum is
    /// of one kind; booleans, fractions and null are refused. An integer value needs a
    /// `rust_name`.
    pub value: Spanned<super::scalar::WireString>,
    /// Rust variant name when the derived one is unreadable (e.g. `GTE` → `GreaterOrEqual`).
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// What the value means.
    #[serde(default)]
    pub docs: Option<Docs>,
}

/// A field of a request, response, query or object type.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// The JSON key (or query parameter name) exactly as the vendor spells it.
    pub name: Spanned<String>,
    /// Type expression: `string`, `secret`, `bool`, `i32`, `i64`, `u64`, `f64`, `decimal`,
    /// `timestamp_ms`, `timestamp_s`, `json`, `list<T>`, `map<T>` (string keys), or the
    /// name of a type from `types` / `types.yaml`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Whether the field must be present.
    #[serde(default)]
    pub required: Option<Spanned<bool>>,
    /// Whether the vendor may send `null` for the field (its page says "may return null").
    /// With `required: true`: the key is always there but its value may be `null` (Rust
    /// `Option<T>`; a missing key fails to decode). On an optional field it only documents
    /// that `null` is sent too (absence and `null` both decode as `None` either way). Not on
    /// an endpoint's `request` or `query`, which the client sends, nor on a `const` field.
    #[serde(default)]
    pub nullable: Option<Spanned<bool>>,
    /// A fixed value the field always has (e.g. `grantType: authorization_code`); such a
    /// field is not a constructor argument or setter.
    #[serde(default, rename = "const")]
    pub constant: Option<Spanned<serde_json::Value>>,
    /// Rust field name when the derived `snake_case` one is wrong or collides.
    #[serde(default)]
    pub rust_name: Option<Spanned<String>>,
    /// What the field is.
    #[serde(default)]
    pub docs: Option<Docs>,
    /// Rules the value must follow.
    #[serde(default)]
    pub constraints: Option<Constraints>,
    /// The value the vendor assumes when the field is unset, as its page documents it
    /// (`i32`, `i64` and `u64` fields only, written within the `i64` range, on optional fields,
    /// not in an endpoint's `response`; e.g. a page size of 20). The client still leaves the field out; rustdoc shows the default, and request
    /// validation uses it for rules that depend on the field (`multiple_of_field`).
    #[serde(default)]
    pub default: Option<Spanned<i64>>,
}

/// Rules on a field's value. Each applies only to the types noted.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Minimum length in characters (`string`, `secret`).
    #[serde(default)]
    pub min_length: Option<Spanned<u64>>,
    /// Maximum length in characters (`string`, `secret`).
    #[serde(default)]
    pub max_length: Option<Spanned<u64>>,
    /// Regular expression the whole value must match (`string`).
    #[serde(default)]
    pub pattern: Option<Spanned<String>>,
    /// Smallest allowed value (numbers; an integer within the field type's range for integer
    /// fields: `u64` bounds go from 0 to 18446744073709551615).
    #[serde(default)]
    pub minimum: Option<Spanned<super::scalar::Number>>,
    /// Largest allowed value (numbers; an integer within the field type's range for integer
    /// fields).
    #[serde(default)]
    pub maximum: Option<Spanned<super::scalar::Number>>,
    /// The value must be a multiple of this number (integers, `u64` included).
    #[serde(default)]
    pub multiple_of: Option<Spanned<i64>>,
    /// The value must be a multiple of the sibling field with this JSON name (`i32`, `i64`
    /// and timestamps, both fields), e.g. CRM `offset` is a multiple of `limit`.
    #[serde(default)]
    pub multiple_of_field: Option<Spanned<String>>,
    /// Minimum number of items (`list`).
    #[serde(default)]
    pub min_items: Option<Spanned<u64>>,
    /// Maximum number of items (`list`).
    #[serde(default)]
    pub max_items: Option<Spanned<u64>>,
}

/// One endpoint: every `*.yaml` below a provider folder except `provider.yaml` and `types.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndpointFile {
    /// The vendor's name for the operation (`getMapperObjectId`, Tencent `Action`).
    pub name: Spanned<String>,
    /// `call` (default): an HTTP request. `redirect`: a URL the user's browser opens; the
    /// client builds it and sends nothing.
    #[serde(default)]
    pub kind: Option<Spanned<EndpointKind>>,
    /// One-line summary.
    pub summary: Docs,
    /// Longer description.
    #[serde(default)]
    pub description: Option<Docs>,
    /// The vendor retired the endpoint: why, and what to use instead. The client method (and
    /// its `<method>_stream`) is `#[deprecated]` with this note; the request and response
    /// types are not, so code building them keeps compiling without warnings.
    #[serde(default)]
    pub deprecated: Option<Docs>,
    /// Link to the vendor's page for this endpoint.
    pub docs_url: Spanned<String>,
    /// HTTP method.
    pub method: Spanned<HttpMethod>,
    /// Path below the base URL, starting with `/`.
    pub path: Spanned<String>,
    /// Tencent Cloud `X-TC-Action`; required for `tencent_cloud` providers.
    #[serde(default)]
    pub action: Option<Spanned<String>>,
    /// Name of a provider auth scheme, or `none`.
    pub auth: Spanned<String>,
    /// Whether sending the same request twice has the same effect as once (retry safety).
    pub idempotent: Spanned<bool>,
    /// Rate limit for this endpoint when it differs from the provider's.
    #[serde(default)]
    pub rate_limit: Option<RateLimit>,
    /// The name of one of the provider's `envelopes` this endpoint answers in (absent: the
    /// provider's `envelope`).
    #[serde(default)]
    pub envelope: Option<Spanned<String>>,
    /// Query parameters the caller supplies (the runtime adds its own, e.g. `thirdTraceId`).
    /// On a `POST`, the parameters the vendor reads from the URL beside the JSON body: they
    /// are fields of the same request type, sent in the query.
    #[serde(default)]
    pub query: Vec<Field>,
    /// JSON body fields the caller supplies (auth fields are added by the runtime).
    #[serde(default)]
    pub request: Vec<Field>,
    /// What a `POST`'s body is: `object` (default: the `request` fields) or `array` (a bare
    /// JSON array: the one `request` field, a required `list<…>`, is the whole body).
    #[serde(default)]
    pub request_body: Option<Spanned<RequestBody>>,
    /// Result fields (the envelope's code, message and request id are not repeated here).
    #[serde(default)]
    pub response: Vec<Field>,
    /// What the answer's body is: `object` (default: the envelope, holding the `response`
    /// fields), `none` (the vendor answers a success with no body, HTTP 200 or 204: the
    /// method returns `()`, and there are no `response` fields; a body the vendor does send
    /// is still checked for its envelope's failure) or `array` (the result is a bare JSON
    /// array, the one `response` field).
    #[serde(default)]
    pub response_body: Option<Spanned<ResponseBody>>,
    /// Whether the response keeps the keys `response` does not declare (in `extra`), for
    /// answers the vendor's page documents only in part, or not at all.
    #[serde(default)]
    pub response_open: Option<Spanned<bool>>,
    /// How the endpoint pages, for a generated `<method>_stream` that yields every record.
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// Fields this call needs although their type keeps them optional (e-Sign:
    /// `Operator.UserId` of the shared `UserInfo`): dot-separated JSON paths through the
    /// request's fields, each ending at an optional field; through a list, every item must
    /// have it. The request is refused before any I/O when one is unset.
    #[serde(default)]
    pub requires: Vec<Spanned<String>>,
    /// Where the endpoint exists when not on every base URL of the provider (private
    /// deployments only, custom objects only).
    #[serde(default)]
    pub availability: Option<Spanned<Availability>>,
    /// Named types used only by this endpoint.
    #[serde(default)]
    pub types: Vec<TypeDef>,
    /// Error codes the vendor documents for this endpoint.
    #[serde(default)]
    pub errors: Vec<ErrorCode>,
    /// The vendor page's examples, verbatim as data.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Free-form notes for spec reviewers (corrections of the vendor page, sources).
    #[serde(default)]
    pub notes: Option<Spanned<String>>,
}

impl EndpointFile {
    /// What a `POST`'s body is, `object` when the file does not say.
    pub fn request_shape(&self) -> RequestBody {
        self.request_body
            .as_ref()
            .map(|b| b.value)
            .unwrap_or_default()
    }

    /// What the answer's body is, `object` when the file does not say.
    pub fn response_shape(&self) -> ResponseBody {
        self.response_body
            .as_ref()
            .map(|b| b.value)
            .unwrap_or_default()
    }

    /// Whether the request or the result is a bare JSON array.
    pub fn has_array_body(&self) -> bool {
        self.request_shape() == RequestBody::Array || self.response_shape() == ResponseBody::Array
    }
}

/// Offset/limit paging. Request paths (`offset`, `limit`, cursor `filters`, `orders`) and
/// result paths (`total`, `items`) are dot-separated JSON names through the endpoint's fields.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Request path of the integer offset.
    pub offset: Spanned<String>,
    /// Request path of the integer page size.
    pub limit: Spanned<String>,
    /// The stream's page size when the request sets none; absent: the limit field's
    /// `default` (the vendor's page size). The stream sends its page size on every page.
    #[serde(default)]
    pub default_limit: Option<Spanned<u32>>,
    /// Result path of the integer total, when the vendor sends it.
    #[serde(default)]
    pub total: Option<Spanned<String>>,
    /// Result path of the list of records.
    pub items: Spanned<String>,
    /// The largest offset the vendor accepts.
    #[serde(default)]
    pub max_offset: Option<Spanned<u64>>,
    /// How to continue past `max_offset`.
    #[serde(default)]
    pub cursor: Option<PageCursor>,
}

/// Where an endpoint is available. At least one of `base_urls` and `docs` is given.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// Names of the provider's `base_urls` the endpoint exists on; absent: all of them. A
    /// client built with another named base URL refuses the call before any I/O.
    #[serde(default)]
    pub base_urls: Option<Spanned<Vec<Spanned<String>>>>,
    /// Conditions a base URL cannot say (e.g. "custom objects (`__c`) only"), shown in
    /// rustdoc.
    #[serde(default)]
    pub docs: Option<Docs>,
}

/// Paging by key past the offset cap: records are ordered by `key`, and later pages ask for
/// keys greater than the last one seen.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageCursor {
    /// JSON name of the record key (`_id`).
    pub key: Spanned<String>,
    /// Request path of the filter list the cursor filter is added to.
    pub filters: Spanned<String>,
    /// The filter object; the string `$cursor` stands for the last key seen.
    pub filter: Spanned<serde_json::Value>,
    /// Request path of the sort list, replaced by `order`.
    pub orders: Spanned<String>,
    /// The sort entry that orders by `key` ascending.
    pub order: Spanned<serde_json::Value>,
}

/// Whether an endpoint is a request or a browser redirect.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// An HTTP request sent by the client.
    #[default]
    Call,
    /// A URL built for a browser to open.
    Redirect,
}

/// HTTP methods the vendors use.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`
    #[serde(rename = "GET")]
    Get,
    /// `POST`
    #[serde(rename = "POST")]
    Post,
}

impl HttpMethod {
    /// `GET` or `POST`, as written in the spec and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// A documented vendor error code.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// The code: an integer (Fxiaoke, Mingdao) or a string (Tencent `InvalidParameter`).
    pub code: Spanned<serde_json::Value>,
    /// What it means.
    pub docs: Docs,
}

/// An example from the vendor page.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// `snake_case` name, used for the generated test.
    pub name: Spanned<String>,
    /// What the example shows.
    #[serde(default)]
    pub docs: Option<Docs>,
    /// The request body as the page shows it (auth fields included). For `redirect`
    /// endpoints: the query parameters as an object.
    #[serde(default)]
    pub request: Option<Spanned<serde_json::Value>>,
    /// For a `POST` with `query` fields: the URL's query parameters as an object (the
    /// `request` is the body).
    #[serde(default)]
    pub query: Option<Spanned<serde_json::Value>>,
    /// The whole response body as the page shows it.
    #[serde(default)]
    pub response: Option<Spanned<serde_json::Value>>,
    /// When the response is an error: the vendor code it carries.
    #[serde(default)]
    pub error_code: Option<Spanned<serde_json::Value>>,
}
