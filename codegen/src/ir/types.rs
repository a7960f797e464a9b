//! The IR's types: a crate of providers, their modules, endpoints and named types.

use super::constraints::Constraints;
use crate::protocols::{AuthDef, ProtocolDef};

/// The whole generated crate.
#[derive(Clone, Debug)]
pub struct Crate {
    /// The crate's version (`crate.yaml`).
    pub version: semver::Version,
    /// Providers, sorted by name.
    pub providers: Vec<Provider>,
}

/// One provider: a module and a cargo feature.
#[derive(Clone, Debug)]
pub struct Provider {
    /// Module and feature name (`fxiaoke`).
    pub name: String,
    /// Human title.
    pub title: String,
    /// Module docs.
    pub docs: DocText,
    /// Vendor documentation home.
    pub docs_url: Option<String>,
    /// Spec file the provider comes from, as shown in headers (`api-spec/fxiaoke/provider.yaml`).
    pub source: String,
    /// The provider's spec folder, as shown in headers (`api-spec/fxiaoke`).
    pub folder: String,
    /// Wire protocol.
    pub protocol: &'static ProtocolDef,
    /// The arguments of the protocol's constructor, in order, for a protocol that takes any
    /// ([`Construct::ServiceVersion`](crate::protocols::Construct::ServiceVersion): service
    /// and version); empty otherwise.
    pub protocol_args: Vec<String>,
    /// Base URLs; the first is the default.
    pub base_urls: Vec<BaseUrl>,
    /// The item of the URL the client builder starts from: the first base URL without a
    /// `{host}` placeholder (none when every URL needs a host).
    pub default_base_url: Option<String>,
    /// The default response envelope (the generated `ENVELOPE`).
    pub envelope: Envelope,
    /// The named envelopes, in spec order (`ENVELOPE_<NAME>` each).
    pub envelopes: Vec<Envelope>,
    /// Shared types (`types.yaml`), with the file they come from.
    pub types: Option<(String, Vec<TypeDef>)>,
    /// Endpoints grouped into the module tree.
    pub root: Module,
    /// Every endpoint, sorted by source path (for the operations table and tests).
    pub endpoint_count: usize,
    /// Auth schemes whose tokens the client can fetch itself, sorted by scheme name.
    pub token_sources: Vec<TokenSource>,
    /// The cargo feature of the client, shared types and operations table alone
    /// (`fxiaoke-client`), which every group's feature enables.
    pub client_feature: String,
    /// The provider's endpoint groups, each a cargo feature, sorted by feature name; the
    /// provider's own feature enables them all.
    pub groups: Vec<Group>,
}

/// A group of endpoints built together behind one cargo feature: a top-level folder of the
/// provider, or one endpoint file directly in the provider folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The feature (`fxiaoke-crm`, `tencent_ess-create_flow`).
    pub feature: String,
    /// The module the group is (`crm`, `create_flow`).
    pub module: String,
    /// Where it comes from, as shown in headers (`api-spec/fxiaoke/crm/`,
    /// `api-spec/tencent_ess/create_flow.yaml`).
    pub source: String,
    /// Endpoints in the group.
    pub endpoints: usize,
}

/// How a client fetches one auth scheme's token through a generated token endpoint.
#[derive(Clone, Debug)]
pub struct TokenSource {
    /// The scheme the token is for.
    pub auth: &'static AuthDef,
    /// The token endpoint's client method.
    pub method: String,
    /// The token endpoint's vendor operation name (`accessToken`).
    pub operation: String,
    /// Whether that method is deprecated, so the call to it allows the lint.
    pub deprecated: bool,
    /// The cargo feature of the token endpoint, which fetching tokens needs.
    pub feature: String,
    /// Modules of the token endpoint below the provider (`["oauth"]`).
    pub modules: Vec<String>,
    /// The token endpoint's request type.
    pub request: String,
    /// The request's constructor arguments, in order: which app credential value each one
    /// is, and how it is passed.
    pub args: Vec<TokenArg>,
    /// Rust name of the response field holding the token.
    pub value: String,
    /// JSON name of the response field holding the token (`accessToken`).
    pub value_json: String,
    /// Rust name of the response field holding the lifetime in seconds.
    pub lifetime: String,
    /// JSON name of the response field holding the lifetime (`expiresIn`).
    pub lifetime_json: String,
    /// Other fields kept with the token: (JSON name, Rust name).
    pub fields: Vec<(String, String)>,
}

/// One constructor argument of a token request, taken from the app credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenArg {
    /// The app credentials accessor (`app_secret`).
    pub accessor: String,
    /// How the accessor's value becomes the argument.
    pub pass: ArgPass,
}

/// How an app credential value becomes a request constructor argument; decided from the
/// value's type (secret or not) and the request field's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgPass {
    /// A secret field: the accessor's `Secret`, cloned.
    CloneSecret,
    /// A string field from a plain value: the accessor's `&str`.
    Borrow,
    /// A string field from a secret value: the secret's text (`.expose()`).
    Expose,
}

/// A module of endpoints (a folder of the spec, or the provider folder itself).
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// Module name (empty for the provider's root).
    pub name: String,
    /// Path from the provider module (`["crm"]`).
    pub path: Vec<String>,
    /// The folder as shown in headers and docs (`api-spec/fxiaoke/crm/`; the provider's
    /// folder with a trailing `/` for the root).
    pub source: String,
    /// Endpoints defined directly in this folder, sorted by stem.
    pub endpoints: Vec<Endpoint>,
    /// Sub-folders, sorted by name.
    pub children: Vec<Module>,
}

impl Module {
    /// All endpoints of this module and its descendants, in emission order.
    pub fn all_endpoints(&self) -> Vec<&Endpoint> {
        let mut out: Vec<&Endpoint> = self.endpoints.iter().collect();
        for child in &self.children {
            out.extend(child.all_endpoints());
        }
        out
    }
}

/// A base URL constant (or, with a `{host}` placeholder, a function).
#[derive(Clone, Debug)]
pub struct BaseUrl {
    /// `snake_case` name.
    pub name: String,
    /// The generated item: a constant (`OPEN71360_BASE_URL`), or for a templated URL a
    /// function (`private_deployment_base_url`).
    pub item: String,
    /// The URL text.
    pub url: String,
    /// Whether the URL has a `{host}` placeholder.
    pub templated: bool,
    /// Docs.
    pub docs: DocText,
}

/// Envelope paths, as the runtime wants them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// The spec name of a named envelope; `None` for the provider's default.
    pub name: Option<String>,
    /// The generated static: `ENVELOPE` in the provider's `operations` module for the
    /// default, `STRUCTURE` in its `operations::envelopes` module for a named one.
    pub item: String,
    /// Code path.
    pub code: String,
    /// Success code.
    pub success: Option<i64>,
    /// Message path.
    pub message: String,
    /// Request id path.
    pub request_id: Option<String>,
    /// Result object path.
    pub result: Option<String>,
    /// The success flag: its path and the value meaning success.
    pub flag: Option<(String, bool)>,
}

/// Text in English and Chinese.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocText {
    /// English.
    pub en: Option<String>,
    /// Chinese.
    pub zh: Option<String>,
}

impl DocText {
    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.en.is_none() && self.zh.is_none()
    }
}

/// How an endpoint is invoked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An HTTP call.
    Call,
    /// A URL for a browser.
    Redirect,
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

impl HttpMethod {
    /// `GET` or `POST`, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// Whose calls share a rate limit's budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateLimitScope {
    /// Each endpoint has its own budget.
    Endpoint,
    /// One budget for every app-wide endpoint of the provider.
    App,
}

/// Where the fields of an endpoint's request type are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldPlace {
    /// In the URL's query (`GET` calls and redirects).
    Query,
    /// In the JSON body.
    Body,
}

/// A rate limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests per window.
    pub requests: u32,
    /// Window in seconds.
    pub per_seconds: u32,
    /// Whose calls share the budget (`endpoint` when the spec does not say).
    pub scope: RateLimitScope,
}

/// One endpoint.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// Spec file (`api-spec/fxiaoke/er/get_mapper_object_id.yaml`).
    pub source: String,
    /// Rust module (file) name: the spec file stem.
    pub module: String,
    /// The cargo feature that builds the endpoint: its group's ([`Group`]).
    pub feature: String,
    /// Folder modules between the provider module and this endpoint (`["crm"]`).
    pub modules: Vec<String>,
    /// Client method name.
    pub method_name: String,
    /// Name of the operation static in the provider's `operations` module.
    pub operation_const: String,
    /// Vendor operation name.
    pub vendor_name: String,
    /// Summary.
    pub summary: DocText,
    /// Description.
    pub description: DocText,
    /// Why the vendor retired the endpoint and what to use instead, when it did.
    pub deprecated: Option<DocText>,
    /// Vendor page.
    pub docs_url: String,
    /// `GET` or `POST`.
    pub http_method: HttpMethod,
    /// Path.
    pub path: String,
    /// The action, for protocols whose endpoints name one (Tencent Cloud's `X-TC-Action`).
    pub action: Option<String>,
    /// Auth mechanism, if any.
    pub auth: Option<&'static AuthDef>,
    /// Keys the auth scheme adds to the body.
    pub auth_body_fields: Vec<String>,
    /// Retry safety.
    pub idempotent: bool,
    /// The envelope the endpoint answers in (the provider's default or a named one).
    pub envelope: Envelope,
    /// Effective rate limit.
    pub rate_limit: Option<RateLimit>,
    /// Call or redirect.
    pub kind: Kind,
    /// Where the request type's fields are sent.
    pub request_in: FieldPlace,
    /// Request type (body fields for calls, query fields for redirects and `GET`; a `POST`'s
    /// `query` fields first, then its body fields).
    pub request: Struct,
    /// JSON names of the request fields a `POST` sends in the URL query, in spec order
    /// (empty for other endpoints, whose fields all go where `request_in` says).
    pub query_fields: Vec<String>,
    /// Response type: `None` for a redirect, and for a call the vendor answers with no body
    /// (its method returns `()`).
    pub response: Option<Struct>,
    /// Types local to this endpoint.
    pub types: Vec<TypeDef>,
    /// Documented error codes (endpoint's own).
    pub errors: Vec<ErrorCode>,
    /// Examples, ready for tests.
    pub examples: Vec<Example>,
    /// Paging, for endpoints the spec marks pageable.
    pub pagination: Option<Paging>,
    /// Nested request fields this call needs although their types keep them optional.
    pub requires: Vec<super::usepoint::Requirement>,
    /// Where the endpoint exists, when not on every base URL of the provider.
    pub availability: Option<Availability>,
    /// JSON names of the `secret`-typed fields of the request and the response at any depth
    /// (through lists, maps and named structs), sorted: what logs mask.
    pub secret_fields: Vec<String>,
}

/// How an endpoint pages (see `bindery_runtime::Pagination`).
#[derive(Clone, Debug)]
pub struct Paging {
    /// The client method that streams every record (`<method>_stream`).
    pub stream_method: String,
    /// Request path of the offset.
    pub offset: String,
    /// Request path of the page size.
    pub limit: String,
    /// Page size when the request sets none.
    pub default_limit: u32,
    /// Result path of the total.
    pub total: Option<String>,
    /// Result path of the records.
    pub items: String,
    /// The type of one record.
    pub item: Type,
    /// The largest offset the vendor accepts.
    pub max_offset: Option<u64>,
    /// Key paging past the cap: key, filters path, filter JSON, orders path, order JSON.
    pub cursor: Option<PagingCursor>,
}

/// Key paging past the offset cap.
#[derive(Clone, Debug)]
pub struct PagingCursor {
    /// Record key.
    pub key: String,
    /// Request path of the filter list.
    pub filters: String,
    /// The filter, as compact JSON.
    pub filter: String,
    /// Request path of the sort list.
    pub orders: String,
    /// The sort entry, as compact JSON.
    pub order: String,
}

/// A documented error code.
#[derive(Clone, Debug)]
pub struct ErrorCode {
    /// The code as text.
    pub code: String,
    /// What it means.
    pub docs: DocText,
}

/// An example, ready to become tests.
#[derive(Clone, Debug)]
pub struct Example {
    /// `snake_case` name.
    pub name: String,
    /// The request with auth fields removed.
    pub request: Option<serde_json::Value>,
    /// The whole response body.
    pub response: Option<serde_json::Value>,
    /// The vendor code of an error example.
    pub error_code: Option<String>,
}

/// A named type.
#[derive(Clone, Debug)]
pub enum TypeDef {
    /// An object.
    Struct(Struct),
    /// A string or integer enum.
    Enum(Enum),
}

/// A struct.
#[derive(Clone, Debug)]
pub struct Struct {
    /// Rust name.
    pub name: String,
    /// Docs.
    pub docs: DocText,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Whether unknown keys are kept in `extra`.
    pub open: bool,
    /// Whether the type is its one field on the wire: a body that is a bare JSON array
    /// (`request_body: array`, `response_body: array`).
    pub bare: bool,
}

impl Struct {
    /// A closed struct without docs: what unit tests of the IR's passes build.
    #[cfg(test)]
    pub(crate) fn plain(name: &str, fields: Vec<Field>) -> Struct {
        Struct {
            name: name.to_owned(),
            docs: DocText::default(),
            fields,
            open: false,
            bare: false,
        }
    }

    /// Whether `new()` takes no arguments (so the type can also be `Default`).
    pub fn has_no_required_args(&self) -> bool {
        self.fields.iter().all(|f| !f.is_constructor_arg())
    }
}

/// A string or integer enum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// Docs.
    pub docs: DocText,
    /// The JSON type of every value, known ones and `Unknown`.
    pub kind: super::EnumKind,
    /// Documented values.
    pub variants: Vec<Variant>,
}

/// A documented enum value.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Wire value, of the enum's kind.
    pub value: super::WireValue,
    /// Rust variant name.
    pub rust_name: String,
    /// Docs.
    pub docs: DocText,
}

/// A struct field.
#[derive(Clone, Debug)]
pub struct Field {
    /// JSON key.
    pub json_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Type.
    pub ty: Type,
    /// Whether the field must be present.
    pub required: bool,
    /// Whether the vendor may send `null` for it (an `Option` even when required).
    pub nullable: bool,
    /// The fixed string value of a constant field.
    pub constant: Option<String>,
    /// The marker type of a constant field (`CorpTokenRequestGrantType`).
    pub constant_marker: Option<String>,
    /// Docs.
    pub docs: DocText,
    /// Constraints checked before a request is sent.
    pub constraints: Constraints,
    /// The vendor's value for the field when it is unset (integers only).
    pub default: Option<i64>,
    /// Whether the field is the envelope's request id, which every response gets without
    /// the endpoint file naming it.
    pub from_envelope: bool,
}

impl Field {
    /// Whether the field is a `new()` argument.
    pub fn is_constructor_arg(&self) -> bool {
        self.required && !self.nullable && self.constant.is_none()
    }

    /// Whether the Rust field is an `Option`: it may be absent, or it may be `null`.
    pub fn is_option(&self) -> bool {
        !self.required || self.nullable
    }

    /// A field with nothing but a name, a type and whether it is required: what unit tests
    /// of the IR's passes build their structs from.
    #[cfg(test)]
    pub(crate) fn plain(json: &str, ty: Type, required: bool) -> Field {
        Field {
            json_name: json.to_owned(),
            rust_name: crate::naming::field_name(json),
            ty,
            required,
            nullable: false,
            constant: None,
            constant_marker: None,
            docs: DocText::default(),
            constraints: Constraints::default(),
            default: None,
            from_envelope: false,
        }
    }
}

/// A resolved field type.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// `String`
    String,
    /// `Secret`
    Secret,
    /// `bool`
    Bool,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `u64`
    U64,
    /// `f64`
    F64,
    /// `Decimal`
    Decimal,
    /// `TimestampMs`
    TimestampMs,
    /// `TimestampS`
    TimestampS,
    /// `serde_json::Value`
    Json,
    /// `Vec<T>`
    List(Box<Type>),
    /// `BTreeMap<String, T>`
    Map(Box<Type>),
    /// A named type.
    Named(TypeRef),
}

/// A reference to a named type.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRef {
    /// Rust name.
    pub name: String,
    /// Where it lives.
    pub home: TypeHome,
    /// Whether it is a struct (has `validate`) rather than an enum.
    pub is_struct: bool,
}

/// Where a named type is defined.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeHome {
    /// The provider's `types` module.
    Shared,
    /// The same endpoint file.
    Local,
}

/// Where an endpoint exists, when not everywhere the provider does.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Availability {
    /// Names of the provider's base URLs the endpoint exists on (`None`: all of them).
    pub base_urls: Option<Vec<String>>,
    /// The provider's base URLs without a `{host}` placeholder that the endpoint does not
    /// exist on, as (name, URL): a client built with one refuses the call before any I/O.
    /// URLs the user supplies (a `{host}` or a custom one) cannot be judged.
    pub refused: Vec<(String, String)>,
    /// Conditions a base URL cannot say.
    pub docs: DocText,
}
