//! The wire protocols `bindery-runtime` implements, as data: the one place codegen learns
//! what protocols and auth kinds exist, which spec rules each has, and which runtime items
//! generated code names for it.
//!
//! Adding a protocol is one entry in [`PROTOCOLS`] plus its runtime module
//! (`runtime/src/vendor/<name>/`); nothing else in codegen matches on protocols.
//! [`openapi`] says what each protocol and auth kind puts on the wire, for the OpenAPI export.

pub mod openapi;

/// One protocol: its spec name, its spec rules and the runtime items it is emitted with.
#[derive(Debug, PartialEq, Eq)]
pub struct ProtocolDef {
    /// The spec value (`protocol: fxiaoke`).
    pub name: &'static str,
    /// One line for the schema and for error messages.
    pub summary: &'static str,
    /// The runtime module generated code imports it from (`bindery_runtime::<module>`).
    pub runtime_module: &'static str,
    /// The protocol type in that module.
    pub type_name: &'static str,
    /// How generated code builds the protocol value.
    pub construct: Construct,
    /// What the constructor's arguments are, as spec-diff names them in its report
    /// (`Tencent Cloud service and version`); empty for [`Construct::Unit`].
    pub construct_doc: &'static str,
    /// What the vendor's error codes look like.
    pub codes: CodeKind,
    /// Whether endpoints name an `action` (Tencent Cloud's `X-TC-Action`).
    pub action: Presence,
    /// The header an endpoint's `action` is sent in (`X-TC-Action`), for messages; empty
    /// when `action` is forbidden.
    pub action_header: &'static str,
    /// The auth kinds of this protocol.
    pub auth: &'static [AuthDef],
    /// Runtime items of the protocol's module that every generated provider module re-exports
    /// beside `Credentials` (types its builder setters take).
    pub reexports: &'static [&'static str],
    /// Builder setters the generated `ClientBuilder` forwards to the runtime builder.
    pub setters: &'static [Setter],
    /// The credentials the runtime reads from the environment: (spec credential name,
    /// environment variable), the runtime's own table, which a spec's `credentials` must agree
    /// with.
    pub env_vars: &'static [(&'static str, &'static str)],
    /// The runtime function that reads [`env_vars`](Self::env_vars), in the protocol's module
    /// (`Credentials::from_env`), for messages.
    pub env_reader: &'static str,
    /// How clients authenticate with app credentials, when the protocol's schemes can fetch
    /// their tokens from a token endpoint of the spec.
    pub app_credentials: Option<AppCredentialsDef>,
    /// How generated wire tests check this protocol's calls, when `bindery-testkit` has a
    /// checker for it; a protocol without one gets no generated wire tests.
    pub wire_test: Option<WireTestDef>,
}

/// How generated code builds a protocol value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Construct {
    /// A unit struct: `Protocol`.
    Unit,
    /// `Protocol::new(service, version)` from the provider's `tencent_cloud` section, which
    /// such a protocol requires.
    ServiceVersion,
}

impl Construct {
    /// The names of the constructor's arguments, in order (as spec-diff's report names
    /// them).
    pub fn arg_names(self) -> &'static [&'static str] {
        match self {
            Construct::Unit => &[],
            Construct::ServiceVersion => &["service", "version"],
        }
    }
}

/// What a protocol's vendor error codes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// Integers (`errorCode: 20016`).
    Integer,
    /// Strings (`InvalidParameter`).
    String,
}

/// Whether an endpoint key is required or forbidden by a protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Every endpoint must have it.
    Required,
    /// No endpoint may have it.
    Forbidden,
}

/// One auth kind (`auth[].kind` in a provider file).
#[derive(Debug, PartialEq, Eq)]
pub struct AuthDef {
    /// The spec value (`kind: fxiaoke_header`).
    pub name: &'static str,
    /// One line for the schema: what the runtime adds to a request.
    pub summary: &'static str,
    /// The `bindery_runtime::AuthKind` variant.
    pub runtime_variant: &'static str,
    /// What the scheme sends, for the endpoint's "Authentication" doc line.
    pub doc: &'static str,
    /// Whether a scheme of this kind may name a `token` endpoint.
    pub token_endpoint: bool,
    /// Whether the runtime adds its parameters to a `POST`'s JSON body (so a body that is a
    /// bare array cannot carry them).
    pub fills_body: bool,
}

/// A builder setter forwarded to the runtime builder: `fn name(self, arg: ty) -> Self`.
#[derive(Debug, PartialEq, Eq)]
pub struct Setter {
    /// Method name, the same on both builders.
    pub name: &'static str,
    /// The argument's name.
    pub arg: &'static str,
    /// The argument's Rust type, as source text.
    pub ty: &'static str,
    /// The method's doc comment, one line per entry (an empty entry is a blank line; a `\n`
    /// in an entry breaks the line there).
    pub docs: &'static [&'static str],
}

/// Authenticating with app credentials: the runtime items generated code names and the
/// doc text of the `app_credentials` builder method.
#[derive(Debug, PartialEq, Eq)]
pub struct AppCredentialsDef {
    /// The app credentials type (in the protocol's module).
    pub app_type: &'static str,
    /// The second argument of `app_credentials`: (name, type in the protocol's module, doc
    /// paragraph; a `\n` in it breaks the doc line there).
    pub operator: (&'static str, &'static str, &'static str),
    /// The future a token fetch returns (in the protocol's module).
    pub future_type: &'static str,
    /// The `Credentials` constructor taking (app, operator, fetch function).
    pub constructor: &'static str,
    /// The values of the app credentials type, which token requests take their required
    /// fields from.
    pub values: &'static [AppValue],
}

/// One value of a protocol's app credentials.
#[derive(Debug, PartialEq, Eq)]
pub struct AppValue {
    /// The JSON name of the token request field it fills (`appSecret`).
    pub json: &'static str,
    /// The accessor of the app credentials type (`app_secret`).
    pub accessor: &'static str,
    /// Whether the accessor returns a `Secret` (otherwise a `&str`).
    pub secret: bool,
}

/// A protocol's checker in `bindery-testkit`, which generated wire tests call.
///
/// The module holds a `Call` struct (fields: `action` when the protocol names actions, one
/// per [`Construct::arg_names`] entry, `body` and `sent_after`), an
/// `async fn assert_call(&WireServer, &Call)` and the credential constants below.
#[derive(Debug, PartialEq, Eq)]
pub struct WireTestDef {
    /// The module (`bindery_testkit::<module>`).
    pub testkit_module: &'static str,
    /// The `Credentials` constructor the test client is built with (`new`).
    pub credentials_constructor: &'static str,
    /// Its arguments: constants of the testkit module, which its checks sign with.
    pub credential_args: &'static [&'static str],
}

/// Every protocol the runtime implements.
pub static PROTOCOLS: &[ProtocolDef] = &[
    ProtocolDef {
        name: "fxiaoke",
        summary: "Fxiaoke open platform: JSON `POST`, `?thirdTraceId=<uuid>`, `errorCode` envelope.",
        runtime_module: "fxiaoke",
        type_name: "Fxiaoke",
        construct: Construct::Unit,
        construct_doc: "",
        codes: CodeKind::Integer,
        action: Presence::Forbidden,
        action_header: "",
        auth: &[
            AuthDef {
                name: "fxiaoke_header",
                summary: "`authorization: Bearer`, `x-fs-ea`, `x-fs-userid` headers.",
                runtime_variant: "FxiaokeHeader",
                doc: "Fxiaoke header scheme (`authorization: Bearer`, `x-fs-ea`, `x-fs-userid`), \
                      from the client's credentials",
                token_endpoint: true,
                fills_body: false,
            },
            AuthDef {
                name: "fxiaoke_body",
                summary: "`corpAccessToken`, `corpId`, `currentOpenUserId` in the JSON body.",
                runtime_variant: "FxiaokeBody",
                doc: "Fxiaoke body scheme (`corpAccessToken`, `corpId`, `currentOpenUserId`), \
                      from the client's credentials",
                token_endpoint: true,
                fills_body: true,
            },
        ],
        reexports: &[],
        setters: &[],
        env_vars: bindery_runtime::fxiaoke::ENV_VARS,
        env_reader: "AppCredentials::from_env",
        wire_test: None,
        app_credentials: Some(AppCredentialsDef {
            app_type: "AppCredentials",
            operator: (
                "operator",
                "Operator",
                "`operator` says who acts: the CRM employee id sent as `x-fs-userid` (header \
                 scheme)\nand the open user id sent as `currentOpenUserId` (body scheme).",
            ),
            future_type: "TokenFuture",
            constructor: "from_app",
            values: &[
                AppValue {
                    json: "appId",
                    accessor: "app_id",
                    secret: false,
                },
                AppValue {
                    json: "appSecret",
                    accessor: "app_secret",
                    secret: true,
                },
                AppValue {
                    json: "permanentCode",
                    accessor: "permanent_code",
                    secret: true,
                },
            ],
        }),
    },
    ProtocolDef {
        name: "mingdao",
        summary: "Mingdao: signed `appKey`/`sign`/`timestamp`/`projectId` in the body, `code` \
                  envelope.",
        runtime_module: "mingdao",
        type_name: "Mingdao",
        construct: Construct::Unit,
        construct_doc: "",
        codes: CodeKind::Integer,
        action: Presence::Forbidden,
        action_header: "",
        auth: &[AuthDef {
            name: "mingdao_sign",
            summary: "`appKey`, `sign`, `timestamp`, `projectId` in the body (query for `GET`).",
            runtime_variant: "MingdaoSign",
            doc: "Mingdao signature (`appKey`, `sign`, `timestamp`, `projectId`), from the \
                  client's credentials",
            token_endpoint: false,
            fills_body: true,
        }],
        reexports: &[],
        setters: &[],
        env_vars: bindery_runtime::mingdao::ENV_VARS,
        env_reader: "Credentials::from_env",
        app_credentials: None,
        wire_test: None,
    },
    ProtocolDef {
        name: "tencent_cloud",
        summary: "Tencent Cloud API 3.0: `POST /`, `X-TC-*` headers, TC3-HMAC-SHA256.",
        runtime_module: "tencent",
        type_name: "TencentCloud",
        construct: Construct::ServiceVersion,
        construct_doc: "Tencent Cloud service and version",
        codes: CodeKind::String,
        action: Presence::Required,
        action_header: "X-TC-Action",
        auth: &[AuthDef {
            name: "tc3_hmac_sha256",
            summary: "Tencent Cloud TC3-HMAC-SHA256 `Authorization` header.",
            runtime_variant: "Tc3HmacSha256",
            doc: "Tencent Cloud TC3-HMAC-SHA256, from the client's credentials",
            token_endpoint: false,
            fills_body: false,
        }],
        reexports: &["Language"],
        setters: &[
            Setter {
                name: "region",
                arg: "region",
                ty: "impl Into<String>",
                docs: &["Sets `X-TC-Region` on every call (optional for this service)."],
            },
            Setter {
                name: "language",
                arg: "language",
                ty: "bindery_runtime::tencent::Language",
                docs: &[
                    "Sets `X-TC-Language` so vendor messages come in that language. Not sent",
                    "unless set: the vendor then answers in its default language.",
                ],
            },
        ],
        env_vars: bindery_runtime::tencent::ENV_VARS,
        env_reader: "Credentials::from_env",
        app_credentials: None,
        wire_test: Some(WireTestDef {
            testkit_module: "tencent",
            credentials_constructor: "new",
            credential_args: &["SECRET_ID", "SECRET_KEY"],
        }),
    },
];

/// The protocol a spec names, if the runtime implements it.
pub fn protocol(name: &str) -> Option<&'static ProtocolDef> {
    PROTOCOLS.iter().find(|p| p.name == name)
}

/// The auth kind a spec names, with the protocol it belongs to.
pub fn auth_kind(name: &str) -> Option<(&'static ProtocolDef, &'static AuthDef)> {
    PROTOCOLS
        .iter()
        .find_map(|p| p.auth.iter().find(|a| a.name == name).map(|a| (p, a)))
}

/// The query parameters a protocol's runtime adds to every request itself (the runtime's
/// own table), so a spec neither writes them in a `path` nor declares them under `query`.
pub fn added_query(protocol: &ProtocolDef) -> &'static [&'static str] {
    match protocol.runtime_module {
        "fxiaoke" => bindery_runtime::fxiaoke::ADDED_QUERY,
        _ => &[],
    }
}

/// The spec names of every protocol, for "expected one of" messages.
pub fn protocol_names() -> impl Iterator<Item = &'static str> {
    PROTOCOLS.iter().map(|p| p.name)
}

/// The spec names of every auth kind, for "expected one of" messages.
pub fn auth_kind_names() -> impl Iterator<Item = &'static str> {
    PROTOCOLS.iter().flat_map(|p| p.auth.iter().map(|a| a.name))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        let mut seen = BTreeSet::new();
        for name in protocol_names().chain(auth_kind_names()) {
            assert!(seen.insert(name), "`{name}` is listed twice");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "`{name}` is not snake_case"
            );
        }
    }

    #[test]
    fn lookups_find_their_protocol() {
        assert_eq!(protocol("mingdao").map(|p| p.type_name), Some("Mingdao"));
        assert_eq!(protocol("tencent"), None);
        let (p, a) = auth_kind("fxiaoke_body").expect("listed");
        assert_eq!((p.name, a.runtime_variant), ("fxiaoke", "FxiaokeBody"));
        assert!(auth_kind("oauth2").is_none());
    }

    #[test]
    fn constructors_and_actions_are_described_where_they_exist() {
        for p in PROTOCOLS {
            let takes_args = !p.construct.arg_names().is_empty();
            assert_eq!(takes_args, !p.construct_doc.is_empty(), "{}", p.name);
            let names_action = p.action == Presence::Required;
            assert_eq!(names_action, !p.action_header.is_empty(), "{}", p.name);
        }
    }

    #[test]
    fn wire_test_checkers_name_a_module_and_credentials() {
        for p in PROTOCOLS {
            if let Some(w) = &p.wire_test {
                assert!(!w.testkit_module.is_empty(), "{}", p.name);
                assert!(!w.credentials_constructor.is_empty(), "{}", p.name);
                assert!(!w.credential_args.is_empty(), "{}", p.name);
            }
        }
        assert!(protocol("tencent_cloud").is_some_and(|p| p.wire_test.is_some()));
    }

    #[test]
    fn token_endpoints_only_where_app_credentials_are_emitted() {
        for p in PROTOCOLS {
            let fetches = p.auth.iter().any(|a| a.token_endpoint);
            assert_eq!(fetches, p.app_credentials.is_some(), "{}", p.name);
        }
    }
}
