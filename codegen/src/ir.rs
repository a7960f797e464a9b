//! The intermediate representation between the checked spec and the emitted Rust.
//!
//! Everything here is already Rust-shaped: names are final identifiers, type references are
//! resolved to the module that defines them, docs are merged, and auth fields are stripped
//! from examples. The emitter only turns this into tokens; it makes no decisions about the
//! spec, and the spec model is not visible past [`lower`].

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::naming;
use crate::spec::model::{
    self, AuthRef, Docs, EndpointKind, HttpMethod, ProtocolRef, RateLimit as SpecRateLimit,
    RateLimitScope,
};
use crate::spec::scalar::Number;
use crate::spec::span::{Pos, Spanned};
use crate::spec::type_expr::TypeExpr;
use crate::spec::{EndpointSpec, ProviderSpec, SpecSet};

/// The protocol as the enum the emitter and spec-diff still match on. Compatibility only:
/// the spec names protocols through the table ([`crate::protocols`]), and this mapping goes
/// away once emission reads the table entry itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `fxiaoke`
    Fxiaoke,
    /// `mingdao`
    Mingdao,
    /// `tencent_cloud`
    TencentCloud,
}

impl Protocol {
    /// The enum value of a table entry (by its runtime type name).
    fn of(p: ProtocolRef) -> Self {
        match p.type_name {
            "Fxiaoke" => Protocol::Fxiaoke,
            "Mingdao" => Protocol::Mingdao,
            _ => Protocol::TencentCloud,
        }
    }
}

/// The auth kind as the enum the emitter and spec-diff still match on (compatibility only,
/// like [`Protocol`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthKind {
    /// `fxiaoke_header`
    FxiaokeHeader,
    /// `fxiaoke_body`
    FxiaokeBody,
    /// `mingdao_sign`
    MingdaoSign,
    /// `tc3_hmac_sha256`
    Tc3HmacSha256,
}

impl AuthKind {
    /// The enum value of a table entry (by its runtime variant).
    fn of(a: AuthRef) -> Self {
        match a.runtime_variant {
            "FxiaokeHeader" => AuthKind::FxiaokeHeader,
            "FxiaokeBody" => AuthKind::FxiaokeBody,
            "MingdaoSign" => AuthKind::MingdaoSign,
            _ => AuthKind::Tc3HmacSha256,
        }
    }
}

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
    /// Wire protocol.
    pub protocol: Protocol,
    /// Base URLs; the first is the default.
    pub base_urls: Vec<BaseUrl>,
    /// Response envelope.
    pub envelope: Envelope,
    /// Tencent Cloud `(service, version)`.
    pub tencent_cloud: Option<(String, String)>,
    /// Shared types (`types.yaml`), with the file they come from.
    pub types: Option<(String, Vec<TypeDef>)>,
    /// Endpoints grouped into the module tree.
    pub root: Module,
    /// Every endpoint, sorted by source path (for the operations table and tests).
    pub endpoint_count: usize,
    /// Auth schemes whose tokens the client can fetch itself, sorted by scheme name.
    pub token_sources: Vec<TokenSource>,
}

/// How a client fetches one auth scheme's token through a generated token endpoint.
#[derive(Clone, Debug)]
pub struct TokenSource {
    /// The scheme the token is for.
    pub auth: AuthKind,
    /// The token endpoint's client method.
    pub method: String,
    /// Modules of the token endpoint below the provider (`["oauth"]`).
    pub modules: Vec<String>,
    /// The token endpoint's request type.
    pub request: String,
    /// `AppCredentials` accessors for the request's constructor arguments, in order, and
    /// whether each argument is a secret.
    pub args: Vec<(String, bool)>,
    /// Rust name of the response field holding the token.
    pub value: String,
    /// Rust name of the response field holding the lifetime in seconds.
    pub lifetime: String,
    /// Other fields kept with the token: (JSON name, Rust name).
    pub fields: Vec<(String, String)>,
}

/// A module of endpoints (a folder of the spec, or the provider folder itself).
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// Module name (empty for the provider's root).
    pub name: String,
    /// Path from the provider module (`["crm"]`).
    pub path: Vec<String>,
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
    /// The URL text.
    pub url: String,
    /// Whether the URL has a `{host}` placeholder.
    pub templated: bool,
    /// Docs.
    pub docs: DocText,
}

/// Envelope paths, as the runtime wants them.
#[derive(Clone, Debug)]
pub struct Envelope {
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
    fn from_spec(docs: &Docs) -> Self {
        let clean = |s: &Option<crate::spec::span::Spanned<String>>| {
            s.as_ref()
                .map(|s| s.value.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        Self {
            en: clean(&docs.en),
            zh: clean(&docs.zh),
        }
    }

    fn from_opt(docs: Option<&Docs>) -> Self {
        docs.map(Self::from_spec).unwrap_or_default()
    }

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
    /// Vendor page.
    pub docs_url: String,
    /// `GET` or `POST`.
    pub http_method: HttpMethod,
    /// Path.
    pub path: String,
    /// Tencent action.
    pub action: Option<String>,
    /// Auth mechanism, if any.
    pub auth: Option<AuthKind>,
    /// Keys the auth scheme adds to the body.
    pub auth_body_fields: Vec<String>,
    /// Retry safety.
    pub idempotent: bool,
    /// Effective rate limit.
    pub rate_limit: Option<RateLimit>,
    /// Call or redirect.
    pub kind: Kind,
    /// Request type (body fields for calls, query fields for redirects and `GET`).
    pub request: Struct,
    /// Response type (calls only).
    pub response: Option<Struct>,
    /// Types local to this endpoint.
    pub types: Vec<TypeDef>,
    /// Documented error codes (endpoint's own).
    pub errors: Vec<ErrorCode>,
    /// Examples, ready for tests.
    pub examples: Vec<Example>,
    /// Paging, for endpoints the spec marks pageable.
    pub pagination: Option<Paging>,
}

/// How an endpoint pages (see `bindery_runtime::Pagination`).
#[derive(Clone, Debug)]
pub struct Paging {
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
    /// A string enum.
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
}

impl Struct {
    /// Whether `new()` takes no arguments (so the type can also be `Default`).
    pub fn has_no_required_args(&self) -> bool {
        self.fields.iter().all(|f| !f.is_constructor_arg())
    }
}

/// A string enum.
#[derive(Clone, Debug)]
pub struct Enum {
    /// Rust name.
    pub name: String,
    /// Docs.
    pub docs: DocText,
    /// Documented values.
    pub variants: Vec<Variant>,
}

/// A documented enum value.
#[derive(Clone, Debug)]
pub struct Variant {
    /// Wire value.
    pub value: String,
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
    /// The fixed string value of a constant field.
    pub constant: Option<String>,
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
        self.required && self.constant.is_none()
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
#[derive(Clone, Debug, PartialEq)]
pub enum TypeHome {
    /// The provider's `types` module.
    Shared,
    /// The same endpoint file.
    Local,
}

/// Constraints of a field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// Minimum length.
    pub min_length: Option<u64>,
    /// Maximum length.
    pub max_length: Option<u64>,
    /// Pattern.
    pub pattern: Option<String>,
    /// Minimum, of the field's own kind.
    pub minimum: Option<Bound>,
    /// Maximum, of the field's own kind.
    pub maximum: Option<Bound>,
    /// Multiple of a number.
    pub multiple_of: Option<i64>,
    /// Multiple of a sibling: (JSON name, Rust name, whether the sibling is required).
    pub multiple_of_field: Option<(String, String, bool)>,
    /// Minimum items.
    pub min_items: Option<u64>,
    /// Maximum items.
    pub max_items: Option<u64>,
}

/// A numeric bound of the field's kind: integer fields (`i32`, `i64`, timestamps) have exact
/// integer bounds, checked with `rules::range_i64`; `f64` fields have `f64` bounds, checked
/// with `rules::range_f64`. Nothing is ever cast between the two, so `minimum: 0.5` is
/// enforced as 0.5 and an `i64` bound is not rounded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// A bound of an integer field.
    Int(i64),
    /// A bound of an `f64` field.
    Float(f64),
}

impl Bound {
    fn as_f64(self) -> f64 {
        match self {
            Bound::Int(i) => i as f64,
            Bound::Float(f) => f,
        }
    }
}

impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Bound::Int(a), Bound::Int(b)) => Some(a.cmp(b)),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Int(i) => write!(f, "{i}"),
            Bound::Float(v) => f.write_str(&number_text(*v)),
        }
    }
}

/// A numeric bound as people write it: `100`, not `100.0`; `0.5` stays `0.5`. Used by the
/// rustdoc of fields and by spec-diff's reports, so both show a bound alike.
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Constraints {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Lowers a checked spec. The loader has validated it; anything that still cannot be lowered
/// is reported rather than assumed away.
pub fn lower(set: &SpecSet) -> Result<Crate, Diagnostics> {
    let mut errors = Vec::new();
    let mut providers = Vec::new();
    for provider in &set.providers {
        providers.push(lower_provider(&set.root, provider, &mut errors));
    }
    if errors.is_empty() {
        providers.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Crate {
            version: set.version.clone(),
            providers,
        })
    } else {
        Err(Diagnostics(errors))
    }
}

/// The path shown in generated headers: always `api-spec/<rel>` with `/` separators, whatever
/// folder the spec was loaded from, so output does not depend on the machine.
fn source_label(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("api-spec/{}", parts.join("/"))
}

struct Scope<'a> {
    shared: BTreeMap<String, bool>,
    local: BTreeMap<String, bool>,
    root: &'a Path,
    file: &'a Path,
}

impl Scope<'_> {
    fn resolve(&self, expr: &TypeExpr, pos: Pos, errors: &mut Vec<Diagnostic>) -> Type {
        match expr {
            TypeExpr::String => Type::String,
            TypeExpr::Secret => Type::Secret,
            TypeExpr::Bool => Type::Bool,
            TypeExpr::I32 => Type::I32,
            TypeExpr::I64 => Type::I64,
            TypeExpr::F64 => Type::F64,
            TypeExpr::Decimal => Type::Decimal,
            TypeExpr::TimestampMs => Type::TimestampMs,
            TypeExpr::TimestampS => Type::TimestampS,
            TypeExpr::Json => Type::Json,
            TypeExpr::List(inner) => Type::List(Box::new(self.resolve(inner, pos, errors))),
            TypeExpr::Map(inner) => Type::Map(Box::new(self.resolve(inner, pos, errors))),
            TypeExpr::Named(name) => {
                if let Some(is_struct) = self.local.get(name) {
                    Type::Named(TypeRef {
                        name: name.clone(),
                        home: TypeHome::Local,
                        is_struct: *is_struct,
                    })
                } else if let Some(is_struct) = self.shared.get(name) {
                    Type::Named(TypeRef {
                        name: name.clone(),
                        home: TypeHome::Shared,
                        is_struct: *is_struct,
                    })
                } else {
                    errors.push(Diagnostic {
                        file: self.root.join(self.file),
                        pos,
                        message: format!("unknown type `{name}`"),
                        help: None,
                    });
                    Type::Json
                }
            }
        }
    }
}

fn type_table(types: &[model::TypeDef]) -> BTreeMap<String, bool> {
    types
        .iter()
        .map(|t| (t.name.value.clone(), t.fields.is_some()))
        .collect()
}

fn lower_provider(root: &Path, spec: &ProviderSpec, errors: &mut Vec<Diagnostic>) -> Provider {
    let p = &spec.provider;
    let shared_defs: &[model::TypeDef] = spec
        .types
        .as_ref()
        .map_or(&[], |t| t.types.types.as_slice());
    let shared = type_table(shared_defs);
    let types = spec.types.as_ref().map(|t| {
        let scope = Scope {
            shared: shared.clone(),
            local: BTreeMap::new(),
            root,
            file: &t.file,
        };
        (
            source_label(&t.file),
            t.types
                .types
                .iter()
                .map(|d| lower_type_def(d, &scope, errors))
                .collect::<Vec<_>>(),
        )
    });
    let default_limit = p.rate_limit.as_ref().map(lower_rate_limit);
    let schemes: BTreeMap<&str, &model::AuthScheme> =
        p.auth.iter().map(|a| (a.name.value.as_str(), a)).collect();

    let envelope = Envelope {
        code: p.envelope.code.value.clone(),
        success: p.envelope.success.as_ref().map(|s| s.value),
        message: p.envelope.message.value.clone(),
        request_id: p.envelope.request_id.as_ref().map(|s| s.value.clone()),
        result: p
            .envelope
            .result
            .as_ref()
            .map(|s| s.value.clone())
            .filter(|s| !s.is_empty()),
    };
    let shared_lowered: &[TypeDef] = types.as_ref().map_or(&[], |(_, defs)| defs.as_slice());
    let mut root_module = Module::default();
    let mut count = 0;
    for endpoint in &spec.endpoints {
        let lowered = lower_endpoint(
            root,
            endpoint,
            (&shared, shared_lowered),
            &schemes,
            default_limit,
            &envelope,
            errors,
        );
        count += 1;
        let mut module = &mut root_module;
        for (depth, name) in endpoint.modules.iter().enumerate() {
            let module_name = naming::module_name(name);
            let idx = match module.children.iter().position(|m| m.name == module_name) {
                Some(idx) => idx,
                None => {
                    module.children.push(Module {
                        name: module_name.clone(),
                        path: endpoint.modules[..=depth]
                            .iter()
                            .map(|m| naming::module_name(m))
                            .collect(),
                        ..Module::default()
                    });
                    module.children.len() - 1
                }
            };
            module = &mut module.children[idx];
        }
        module.endpoints.push(lowered);
    }
    sort_module(&mut root_module);

    let token_sources = token_sources(p, &root_module);
    Provider {
        token_sources,
        name: p.name.value.clone(),
        title: p.title.value.clone(),
        docs: DocText::from_spec(&p.docs),
        docs_url: p.docs_url.as_ref().map(|u| u.value.clone()),
        source: source_label(&spec.file),
        protocol: Protocol::of(p.protocol.value),
        base_urls: p
            .base_urls
            .iter()
            .map(|b| BaseUrl {
                name: b.name.value.clone(),
                url: b.url.value.clone(),
                templated: b.url.value.contains("{host}"),
                docs: DocText::from_spec(&b.docs),
            })
            .collect(),
        envelope,
        tencent_cloud: p
            .tencent_cloud
            .as_ref()
            .map(|t| (t.service.value.clone(), t.version.value.clone())),
        types,
        root: root_module,
        endpoint_count: count,
    }
}

fn token_sources(p: &model::ProviderFile, root: &Module) -> Vec<TokenSource> {
    let endpoints = root.all_endpoints();
    let mut out: Vec<(String, TokenSource)> = Vec::new();
    for scheme in &p.auth {
        let Some(token) = &scheme.token else { continue };
        let Some(e) = endpoints.iter().find(|e| {
            let mut key = e.modules.clone();
            key.push(e.module.clone());
            key.join("/") == token.endpoint.value
        }) else {
            continue;
        };
        let Some(response) = &e.response else {
            continue;
        };
        let rust = |json: &str| {
            response
                .fields
                .iter()
                .find(|f| f.json_name == json)
                .map(|f| f.rust_name.clone())
                .unwrap_or_default()
        };
        let args = e
            .request
            .fields
            .iter()
            .filter(|f| f.is_constructor_arg())
            .map(|f| {
                let accessor = naming::APP_CREDENTIAL_FIELDS
                    .iter()
                    .find(|(json, _)| *json == f.json_name)
                    .map_or("app_id", |(_, accessor)| *accessor);
                (accessor.to_owned(), f.ty == Type::Secret)
            })
            .collect();
        out.push((
            scheme.name.value.clone(),
            TokenSource {
                auth: AuthKind::of(scheme.kind.value),
                method: e.method_name.clone(),
                modules: e.modules.clone(),
                request: e.request.name.clone(),
                args,
                value: rust(&token.value),
                lifetime: rust(&token.lifetime),
                fields: token
                    .fields
                    .iter()
                    .map(|f| (f.value.clone(), rust(f)))
                    .collect(),
            },
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, source)| source).collect()
}

fn sort_module(module: &mut Module) {
    module.endpoints.sort_by(|a, b| a.module.cmp(&b.module));
    module.children.sort_by(|a, b| a.name.cmp(&b.name));
    for child in &mut module.children {
        sort_module(child);
    }
}

fn lower_rate_limit(limit: &SpecRateLimit) -> RateLimit {
    RateLimit {
        requests: limit.requests.value,
        per_seconds: limit.per_seconds.value,
        scope: limit
            .scope
            .as_ref()
            .map_or(RateLimitScope::Endpoint, |s| s.value),
    }
}

fn lower_type_def(
    def: &model::TypeDef,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> TypeDef {
    let docs = DocText::from_opt(def.docs.as_ref());
    if let Some(values) = &def.enum_values {
        TypeDef::Enum(Enum {
            name: def.name.value.clone(),
            docs,
            variants: values
                .iter()
                .map(|v| Variant {
                    value: v.value.text.clone(),
                    rust_name: v
                        .rust_name
                        .as_ref()
                        .map_or_else(|| naming::type_name(&v.value), |n| n.value.clone()),
                    docs: DocText::from_opt(v.docs.as_ref()),
                })
                .collect(),
        })
    } else {
        TypeDef::Struct(Struct {
            name: def.name.value.clone(),
            docs,
            fields: lower_fields(def.fields.as_deref().unwrap_or(&[]), scope, errors),
            open: def.open.as_ref().is_some_and(|o| o.value),
        })
    }
}

/// A bound of the field's kind. The validator has refused fractional bounds on integer fields
/// and bounds outside the field's range; one that still does not fit is reported, never cast.
fn lower_bound(
    bound: &Spanned<Number>,
    ty: &Type,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Bound> {
    let integer = matches!(
        ty,
        Type::I32 | Type::I64 | Type::TimestampMs | Type::TimestampS
    );
    if !integer {
        return Some(Bound::Float(bound.value.as_f64()));
    }
    match bound.value.as_integer().and_then(|i| i64::try_from(i).ok()) {
        Some(i) => Some(Bound::Int(i)),
        None => {
            errors.push(Diagnostic {
                file: scope.root.join(scope.file),
                pos: bound.pos,
                message: format!(
                    "bound {} of an integer field is not an integer within the range of `i64`",
                    bound.value
                ),
                help: None,
            });
            None
        }
    }
}

fn lower_fields(
    fields: &[model::Field],
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Field> {
    let rust_name_of = |f: &model::Field| {
        f.rust_name
            .as_ref()
            .map_or_else(|| naming::field_name(&f.name), |n| n.value.clone())
    };
    fields
        .iter()
        .map(|f| {
            let ty = match TypeExpr::parse(&f.ty.value) {
                Ok(expr) => scope.resolve(&expr, f.ty.pos, errors),
                Err(err) => {
                    errors.push(Diagnostic {
                        file: scope.root.join(scope.file),
                        pos: f.ty.pos,
                        message: err.message,
                        help: None,
                    });
                    Type::Json
                }
            };
            let c = f.constraints.clone().unwrap_or_default();
            let multiple_of_field = c.multiple_of_field.as_ref().and_then(|sibling| {
                fields
                    .iter()
                    .find(|s| s.name.value == sibling.value)
                    .map(|s| {
                        (
                            s.name.value.clone(),
                            rust_name_of(s),
                            s.required.as_ref().is_some_and(|r| r.value),
                        )
                    })
            });
            Field {
                json_name: f.name.value.clone(),
                rust_name: rust_name_of(f),
                ty: ty.clone(),
                from_envelope: false,
                required: f.required.as_ref().is_some_and(|r| r.value),
                constant: f
                    .constant
                    .as_ref()
                    .and_then(|c| c.value.as_str().map(str::to_owned)),
                docs: DocText::from_opt(f.docs.as_ref()),
                constraints: Constraints {
                    min_length: c.min_length.map(|v| v.value),
                    max_length: c.max_length.map(|v| v.value),
                    pattern: c.pattern.map(|v| v.value),
                    minimum: c.minimum.and_then(|v| lower_bound(&v, &ty, scope, errors)),
                    maximum: c.maximum.and_then(|v| lower_bound(&v, &ty, scope, errors)),
                    multiple_of: c.multiple_of.map(|v| v.value),
                    multiple_of_field,
                    min_items: c.min_items.map(|v| v.value),
                    max_items: c.max_items.map(|v| v.value),
                },
                default: f.default.as_ref().map(|d| d.value),
            }
        })
        .collect()
}

fn lower_endpoint(
    root: &Path,
    endpoint: &EndpointSpec,
    (shared, shared_defs): (&BTreeMap<String, bool>, &[TypeDef]),
    schemes: &BTreeMap<&str, &model::AuthScheme>,
    default_limit: Option<RateLimit>,
    envelope: &Envelope,
    errors: &mut Vec<Diagnostic>,
) -> Endpoint {
    let e = &endpoint.spec;
    let scope = Scope {
        shared: shared.clone(),
        local: type_table(&e.types),
        root,
        file: &endpoint.file,
    };
    let stem = naming::module_name(&endpoint.stem);
    let pascal = naming::type_name(&endpoint.stem);
    let kind = match e.kind.as_ref().map(|k| k.value) {
        Some(EndpointKind::Redirect) => Kind::Redirect,
        _ => Kind::Call,
    };
    let scheme = schemes.get(e.auth.value.as_str());
    let auth_body_fields: Vec<String> = scheme
        .map(|s| s.body_fields.iter().map(|f| f.value.clone()).collect())
        .unwrap_or_default();
    let input_fields = if kind == Kind::Redirect || e.method.value == HttpMethod::Get {
        &e.query
    } else {
        &e.request
    };
    let request = Struct {
        name: format!("{pascal}Request"),
        docs: DocText {
            en: Some(format!("Arguments of `{}`.", e.name.value)),
            zh: None,
        },
        fields: lower_fields(input_fields, &scope, errors),
        open: false,
    };
    let response = (kind == Kind::Call).then(|| {
        let mut fields = lower_fields(&e.response, &scope, errors);
        fields.extend(request_id_field(envelope, &fields));
        let open = e.response_open.as_ref().is_some_and(|o| o.value);
        let mut en = format!("Result of `{}`.", e.name.value);
        if open && e.response.is_empty() {
            en.push_str(
                "\n\nThe vendor's page documents no fields of this answer, so none are typed: \
                 everything the vendor sends beside the request id is kept in `extra`.",
            );
        } else if open {
            en.push_str(
                "\n\nThe vendor's page documents this answer only in part: keys without a \
                 field are kept in `extra`.",
            );
        }
        Struct {
            name: format!("{pascal}Response"),
            docs: DocText {
                en: Some(en),
                zh: None,
            },
            fields,
            open,
        }
    });
    let local_types: Vec<TypeDef> = e
        .types
        .iter()
        .map(|d| lower_type_def(d, &scope, errors))
        .collect();
    let pagination = e.pagination.as_ref().and_then(|p| {
        let response = response.as_ref()?;
        let item = match type_at_path(&response.fields, &p.items.value, &local_types, shared_defs) {
            Some(Type::List(item)) => *item,
            _ => {
                errors.push(Diagnostic {
                    file: root.join(&endpoint.file),
                    pos: p.items.pos,
                    message: format!(
                        "`items` path `{}` is not a list of the response",
                        p.items.value
                    ),
                    help: None,
                });
                return None;
            }
        };
        Some(Paging {
            offset: p.offset.value.clone(),
            limit: p.limit.value.clone(),
            default_limit: p.default_limit.value,
            total: p.total.as_ref().map(|t| t.value.clone()),
            items: p.items.value.clone(),
            item,
            max_offset: p.max_offset.as_ref().map(|m| m.value),
            cursor: p.cursor.as_ref().map(|c| PagingCursor {
                key: c.key.value.clone(),
                filters: c.filters.value.clone(),
                filter: c.filter.value.to_string(),
                orders: c.orders.value.clone(),
                order: c.order.value.to_string(),
            }),
        })
    });
    Endpoint {
        pagination,
        source: source_label(&endpoint.file),
        module: stem.clone(),
        modules: endpoint
            .modules
            .iter()
            .map(|m| naming::module_name(m))
            .collect(),
        method_name: naming::client_method(&stem, kind == Kind::Redirect),
        operation_const: naming::const_name(&stem),
        vendor_name: e.name.value.clone(),
        summary: DocText::from_spec(&e.summary),
        description: DocText::from_opt(e.description.as_ref()),
        docs_url: e.docs_url.value.clone(),
        http_method: e.method.value,
        path: e.path.value.clone(),
        action: e.action.as_ref().map(|a| a.value.clone()),
        auth: scheme.map(|s| AuthKind::of(s.kind.value)),
        auth_body_fields: auth_body_fields.clone(),
        idempotent: e.idempotent.value,
        rate_limit: e
            .rate_limit
            .as_ref()
            .map(lower_rate_limit)
            .or(default_limit),
        kind,
        request,
        response,
        types: local_types,
        errors: e
            .errors
            .iter()
            .map(|c| ErrorCode {
                code: code_text(&c.code.value),
                docs: DocText::from_spec(&c.docs),
            })
            .collect(),
        examples: e
            .examples
            .iter()
            .map(|x| Example {
                name: naming::module_name(&x.name),
                request: x.request.as_ref().map(|r| {
                    let mut value = r.value.clone();
                    if let Some(map) = value.as_object_mut() {
                        for key in &auth_body_fields {
                            map.remove(key);
                        }
                    }
                    value
                }),
                response: x.response.as_ref().map(|r| r.value.clone()),
                error_code: x.error_code.as_ref().map(|c| code_text(&c.value)),
            })
            .collect(),
    }
}

/// The type at a dot-separated JSON path through `fields` and the struct types they name.
fn type_at_path(
    fields: &[Field],
    path: &str,
    local: &[TypeDef],
    shared: &[TypeDef],
) -> Option<Type> {
    let mut current = fields;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let field = current.iter().find(|f| f.json_name == key)?;
        if keys.peek().is_none() {
            return Some(field.ty.clone());
        }
        let Type::Named(r) = &field.ty else {
            return None;
        };
        let defs = match r.home {
            TypeHome::Local => local,
            TypeHome::Shared => shared,
        };
        current = defs.iter().find_map(|d| match d {
            TypeDef::Struct(s) if s.name == r.name => Some(s.fields.as_slice()),
            _ => None,
        })?;
    }
    None
}

/// The envelope's request id, when it sits inside the result object, becomes a response field
/// of every endpoint: callers need it for support tickets even when the call succeeded.
fn request_id_field(envelope: &Envelope, fields: &[Field]) -> Option<Field> {
    let path = envelope.request_id.as_deref()?;
    let key = match envelope.result.as_deref() {
        None => path,
        Some(result) => path.strip_prefix(result)?.strip_prefix('.')?,
    };
    if key.contains('.')
        || fields
            .iter()
            .any(|f| f.json_name == key || f.rust_name == "request_id")
    {
        return None;
    }
    Some(Field {
        json_name: key.to_owned(),
        rust_name: "request_id".to_owned(),
        ty: Type::String,
        from_envelope: true,
        required: false,
        constant: None,
        docs: DocText {
            en: Some(format!(
                "The vendor's id for this request (`{path}`); quote it when asking the vendor about a call."
            )),
            zh: None,
        },
        constraints: Constraints::default(),
        default: None,
    })
}

fn code_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
