//! One semantic change and its vocabulary: what it does to users ([`Impact`]), where it is
//! ([`Scope`]) and what kind it is ([`ChangeKind`]).

use serde::Serialize;

/// What a change does to users of the generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Only documentation (rustdoc, examples, documented error codes) changes.
    Docs,
    /// Code that compiled and worked still does; something on the wire or in the runtime's
    /// behaviour may change (see [`Change::wire`]).
    Compatible,
    /// Something new is added to the public API; nothing existing changes.
    Addition,
    /// Code using the crate may stop compiling, or calls that worked may now fail.
    Breaking,
}

impl Impact {
    /// The stable name: `breaking`, `addition`, `compatible` or `docs`.
    pub fn name(self) -> &'static str {
        match self {
            Impact::Docs => "docs",
            Impact::Compatible => "compatible",
            Impact::Addition => "addition",
            Impact::Breaking => "breaking",
        }
    }

    /// `breaking` or `compatible`: the verdict for users of the Rust crate.
    pub fn verdict(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Docs | Impact::Compatible | Impact::Addition => "compatible",
        }
    }
}

/// Where in the generated crate a change is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The provider as a whole: its module, base URLs, envelope, protocol.
    Provider,
    /// The provider's shared `types` module (`types.yaml`).
    Types,
    /// One endpoint.
    Endpoint {
        /// The spec file (`api-spec/fxiaoke/er/get_mapper_object_id.yaml`).
        spec: String,
        /// The vendor's operation name (`getMapperObjectId`).
        operation: String,
        /// The client method (`get_mapper_object_id`).
        method: String,
    },
}

/// The kinds of change the report knows. Their `snake_case` names are part of the JSON
/// output's stable shape: a name is never renamed or removed within a `format`, and new
/// kinds are added as the spec format grows (so the enum is `#[non_exhaustive]`, and tools
/// reading the JSON keep a fallback for a kind they do not know).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// A provider (module and cargo feature) was added.
    ProviderAdded,
    /// A provider was removed.
    ProviderRemoved,
    /// A provider's wire protocol changed.
    ProtocolChanged,
    /// A named base URL was added.
    BaseUrlAdded,
    /// A named base URL was removed.
    BaseUrlRemoved,
    /// A base URL's address changed.
    BaseUrlChanged,
    /// A base URL gained or lost its `{host}` placeholder.
    BaseUrlFormChanged,
    /// The client's default base URL changed.
    DefaultBaseUrlChanged,
    /// Where the response envelope keeps code, message, request id, result or success flag
    /// changed.
    EnvelopeChanged,
    /// A named envelope was added.
    EnvelopeAdded,
    /// A named envelope was removed.
    EnvelopeRemoved,
    /// An endpoint answers in another envelope (the default or a named one).
    EndpointEnvelopeChanged,
    /// A `POST`'s request field moved between the URL query and the JSON body.
    FieldPlaceChanged,
    /// A call started or stopped answering with no body (`response_body: none`).
    ResponseBodyChanged,
    /// A request or response body became a bare JSON array, or stopped being one
    /// (`request_body: array`, `response_body: array`).
    BodyShapeChanged,
    /// The arguments the provider's protocol is built with changed (for Tencent Cloud: the
    /// service or API version).
    ApiVersionChanged,
    /// Clients given app credentials fetch a scheme's token themselves.
    TokenSourceAdded,
    /// Clients no longer fetch a scheme's token themselves.
    TokenSourceRemoved,
    /// How a scheme's token is fetched changed.
    TokenSourceChanged,
    /// An endpoint was added.
    EndpointAdded,
    /// An endpoint was removed.
    EndpointRemoved,
    /// An endpoint's spec file (so its module or method) changed.
    EndpointMoved,
    /// An endpoint's path changed.
    PathChanged,
    /// An endpoint's HTTP method changed.
    HttpMethodChanged,
    /// An endpoint's action changed, for protocols that name one per endpoint (Tencent
    /// Cloud's `X-TC-Action`).
    ActionChanged,
    /// The vendor's operation name changed.
    OperationRenamed,
    /// An endpoint changed between a call and a redirect URL.
    EndpointKindChanged,
    /// An endpoint became deprecated: its method now warns where it is called.
    Deprecated,
    /// An endpoint stopped being deprecated.
    Undeprecated,
    /// An endpoint's auth scheme changed.
    AuthChanged,
    /// Whether an endpoint is idempotent (retry safety) changed.
    IdempotencyChanged,
    /// An endpoint's effective rate limit changed.
    RateLimitChanged,
    /// An endpoint became pageable.
    PaginationAdded,
    /// An endpoint stopped being pageable.
    PaginationRemoved,
    /// How an endpoint pages changed.
    PaginationChanged,
    /// A default value changed.
    DefaultChanged,
    /// A call now requires a nested field its type keeps optional (`requires`).
    RequirementAdded,
    /// A call no longer requires a nested field.
    RequirementRemoved,
    /// An endpoint is available on fewer of the provider's base URLs.
    AvailabilityNarrowed,
    /// An endpoint is available on more of the provider's base URLs.
    AvailabilityWidened,
    /// An endpoint is available on other base URLs: some gained, some lost.
    AvailabilityChanged,
    /// A named type was added.
    TypeAdded,
    /// A named type was removed.
    TypeRemoved,
    /// A named type changed between object and enum.
    TypeKindChanged,
    /// An object started or stopped keeping unknown keys.
    OpenObjectChanged,
    /// A field was added.
    FieldAdded,
    /// A field was removed.
    FieldRemoved,
    /// A field was renamed in JSON and in Rust.
    FieldRenamed,
    /// A field's JSON name changed; its Rust name did not.
    FieldJsonRenamed,
    /// A field's Rust name changed; its JSON name did not.
    FieldRustRenamed,
    /// A field's type changed.
    FieldTypeChanged,
    /// The required fields, so `new`'s arguments, come in another order.
    ArgumentsReordered,
    /// An optional field became required.
    FieldBecameRequired,
    /// A required field became optional.
    FieldBecameOptional,
    /// A field became nullable: the vendor may send `null` for it.
    FieldBecameNullable,
    /// A field stopped being nullable.
    FieldBecameNonNullable,
    /// A field became a constant.
    ConstantAdded,
    /// A field stopped being a constant.
    ConstantRemoved,
    /// A constant field's value changed.
    ConstantChanged,
    /// A constraint now refuses values it accepted.
    ConstraintTightened,
    /// A constraint now accepts values it refused.
    ConstraintLoosened,
    /// A constraint changed in a way that is neither only tighter nor only looser.
    ConstraintChanged,
    /// An enum value was added.
    EnumValueAdded,
    /// An enum value was removed.
    EnumValueRemoved,
    /// An enum variant's Rust name changed.
    EnumVariantRenamed,
    /// An enum value's wire spelling changed; its variant did not.
    EnumValueRenamed,
    /// An enum's values changed between JSON strings and JSON integers.
    EnumKindChanged,
    /// A struct lost a serde impl it always had: the calls that reach it changed, so it now
    /// has `Serialize` or `Deserialize` only with the crate feature of that name.
    SerdeImplRemoved,
    /// A documented error code was added.
    ErrorCodeAdded,
    /// A documented error code was removed.
    ErrorCodeRemoved,
    /// Documentation only: summaries, descriptions, field docs, links, examples.
    DocsChanged,
}

impl ChangeKind {
    /// The stable `snake_case` name (as in the JSON output).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One semantic change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The provider (module and feature name).
    pub provider: String,
    /// Where in the provider.
    pub scope: Scope,
    /// What kind of change.
    pub kind: ChangeKind,
    /// What changed, e.g. ``request field `Agent` ``.
    pub subject: String,
    /// What it does to users.
    pub impact: Impact,
    /// Why, in one line, in terms of the generated Rust.
    pub reason: String,
    /// What changes on the wire or in the runtime's behaviour, when the Rust API does not
    /// show it.
    pub wire: Option<String>,
}
