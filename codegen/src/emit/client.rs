//! A provider's `Client` and `ClientBuilder`, and for protocols with app credentials the
//! function that fetches tokens through the generated token endpoints.
//!
//! The protocol is read as data ([`ProtocolDef`]): its type path, constructor, setters and
//! app-credential items all come from the protocol table. Every doc text of a generated
//! client or builder method is in [`DOCS`] and [`BUILDER_SETTERS`], so that it can be
//! pointed at the runtime builder's own docs in one place.

use bindery_runtime::builder_docs;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use super::operations::auth_kind_path;
use crate::ir::{ArgPass, Provider, TokenSource};
use crate::protocols::{AppCredentialsDef, Construct, ProtocolDef, Setter};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Doc comments of the generated client and builder methods that are not simple setters:
/// (method, doc lines; an empty line is a blank doc line).
const DOCS: &[(&str, &[&str])] = &[
    (
        "Client",
        &[
            "",
            "Cheap to clone: clones share one connection pool and configuration.",
            "Build one with [`Client::builder`].",
        ],
    ),
    (
        "Client::builder",
        &["Starts configuring a client that talks to the default base URL."],
    ),
    ("Client::base_url", &["The base URL every call goes to."]),
    (
        "Client::with_timeout",
        &[
            "A client that shares this one's connections, credentials and rate limits but",
            "allows each call attempt `timeout`.",
        ],
    ),
    (
        "Client::with_retry",
        &[
            "A client that shares this one's connections, credentials and rate limits but",
            "retries with `policy`.",
        ],
    ),
    ("ClientBuilder", &["Configures a [`Client`]."]),
    (
        "ClientBuilder::build",
        &[
            "Builds the client.",
            "",
            "# Errors",
            "",
            "[`crate::Error::Config`] when the base URL is not an absolute `http(s)` URL.",
        ],
    ),
    (
        "fetch_token",
        &[
            "Fetches one scheme's token through the generated token endpoint (which needs no",
            "authentication itself).",
        ],
    ),
];

/// The builder methods every provider has that forward to the runtime builder's method of
/// the same name, in the order they are emitted; the protocol's own setters follow them.
/// Each doc starts with the runtime setter's own first paragraph
/// (`bindery_runtime::builder_docs`); a paragraph after it is about the generated client.
pub const BUILDER_SETTERS: &[Setter] = &[
    Setter {
        name: "base_url",
        arg: "url",
        ty: "impl Into<String>",
        docs: &[builder_docs::BASE_URL],
    },
    Setter {
        name: "credentials",
        arg: "credentials",
        ty: "Credentials",
        docs: &[builder_docs::CREDENTIALS],
    },
    Setter {
        name: "timeout",
        arg: "timeout",
        ty: "std::time::Duration",
        docs: &[builder_docs::TIMEOUT],
    },
    Setter {
        name: "connect_timeout",
        arg: "timeout",
        ty: "std::time::Duration",
        docs: &[builder_docs::CONNECT_TIMEOUT],
    },
    Setter {
        name: "http_client",
        arg: "client",
        ty: "bindery_runtime::reqwest::Client",
        docs: &[builder_docs::HTTP_CLIENT],
    },
    Setter {
        name: "retry",
        arg: "policy",
        ty: "bindery_runtime::RetryPolicy",
        docs: &[
            builder_docs::RETRY,
            "",
            "A failure is retried only when the vendor cannot have processed the request, or",
            "when the operation is idempotent.",
        ],
    },
    Setter {
        name: "rate_limiting",
        arg: "enabled",
        ty: "bool",
        docs: &[
            builder_docs::RATE_LIMITING,
            "",
            "Each operation's limit is the one the spec gives its endpoint.",
        ],
    },
    Setter {
        name: "max_response_bytes",
        arg: "bytes",
        ty: "usize",
        docs: &[builder_docs::MAX_RESPONSE_BYTES],
    },
    Setter {
        name: "log_bodies",
        arg: "enabled",
        ty: "bool",
        docs: &[builder_docs::LOG_BODIES],
    },
];

/// The doc attributes of one entry of [`DOCS`].
fn doc(item: &str) -> TokenStream {
    let lines = DOCS
        .iter()
        .find(|(name, _)| *name == item)
        .map_or(&[][..], |(_, lines)| *lines);
    doc_lines(lines)
}

/// Doc attributes, one per line (an entry may hold several, split at `\n`).
fn doc_lines(lines: &[&str]) -> TokenStream {
    let lines = lines.iter().flat_map(|l| l.split('\n')).map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Source text from the tables as tokens (the tables hold only paths and `impl` types).
fn tokens(text: &str) -> TokenStream {
    text.parse().unwrap_or_default()
}

/// `bindery_runtime::<module>::<item>`.
fn runtime_item(protocol: &ProtocolDef, item: &str) -> TokenStream {
    let module = ident(protocol.runtime_module);
    let item = ident(item);
    quote!(bindery_runtime::#module::#item)
}

/// The protocol's type path, and the expression building its value.
pub(super) fn protocol_expr(p: &Provider) -> (TokenStream, TokenStream) {
    let ty = runtime_item(p.protocol, p.protocol.type_name);
    let value = match p.protocol.construct {
        Construct::Unit => ty.clone(),
        Construct::ServiceVersion => {
            let args = &p.protocol_args;
            quote!(#ty::new(#(#args),*))
        }
    };
    (ty, value)
}

/// The protocol's `Credentials` type.
pub(super) fn credentials_path(p: &Provider) -> TokenStream {
    runtime_item(p.protocol, "Credentials")
}

/// The runtime items the provider module re-exports for its builder: the protocol's own,
/// and the app credential types when the client can fetch tokens.
pub(super) fn reexports(p: &Provider) -> TokenStream {
    let own = p.protocol.reexports.iter().map(|name| {
        let path = runtime_item(p.protocol, name);
        quote!(
            #[doc(inline)]
            pub use #path;
        )
    });
    let app = app_credentials(p).map(|app| {
        let module = ident(p.protocol.runtime_module);
        let (app_type, operator) = (ident(app.app_type), ident(app.operator.1));
        quote!(
            #[doc(inline)]
            pub use bindery_runtime::#module::{#app_type, #operator};
        )
    });
    quote!(#(#own)* #app)
}

/// A forwarding builder method.
fn setter(s: &Setter) -> TokenStream {
    let doc = doc_lines(s.docs);
    let (name, arg, ty) = (ident(s.name), ident(s.arg), tokens(s.ty));
    quote! {
        #doc
        #[must_use]
        pub fn #name(self, #arg: #ty) -> Self {
            Self { inner: self.inner.#name(#arg) }
        }
    }
}

/// The protocol's app credentials, when the client can fetch its tokens through the spec's
/// token endpoints.
fn app_credentials(p: &Provider) -> Option<&'static AppCredentialsDef> {
    p.protocol
        .app_credentials
        .as_ref()
        .filter(|_| !p.token_sources.is_empty())
}

/// `Client`, `ClientBuilder` and, when the client can fetch tokens, `fetch_token`.
pub(super) fn client_items(p: &Provider) -> TokenStream {
    let (protocol_ty, protocol_value) = protocol_expr(p);
    let default_url = match &p.default_base_url {
        Some(item) => {
            let name = ident(item);
            quote!(#name)
        }
        None => quote!(""),
    };
    let title = docs::line(&format!("Client for {}.", docs::inline(&p.title)));
    let client_doc = doc("Client");
    let (builder_doc, base_url_doc) = (doc("Client::builder"), doc("Client::base_url"));
    let (timeout_doc, retry_doc) = (doc("Client::with_timeout"), doc("Client::with_retry"));
    let (builder_ty_doc, build_doc) = (doc("ClientBuilder"), doc("ClientBuilder::build"));
    let setters = BUILDER_SETTERS.iter().chain(p.protocol.setters).map(setter);
    let (app_builder, fetch_token) = token_fetching(p, &protocol_ty).unzip();
    quote! {
        #title
        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: bindery_runtime::Client<#protocol_ty>,
        }

        impl Client {
            #builder_doc
            #[must_use]
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: bindery_runtime::Client::builder(#protocol_value, #default_url),
                }
            }

            #base_url_doc
            pub fn base_url(&self) -> &bindery_runtime::Url {
                self.inner.base_url()
            }

            #timeout_doc
            #[must_use]
            pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
                Self { inner: self.inner.with_timeout(timeout) }
            }

            #retry_doc
            #[must_use]
            pub fn with_retry(&self, policy: bindery_runtime::RetryPolicy) -> Self {
                Self { inner: self.inner.with_retry(policy) }
            }
        }

        #builder_ty_doc
        pub struct ClientBuilder {
            inner: bindery_runtime::ClientBuilder<#protocol_ty>,
        }

        impl ClientBuilder {
            #(#setters)*
            #app_builder

            #build_doc
            pub fn build(self) -> Result<Client, crate::Error> {
                Ok(Client { inner: self.inner.build()? })
            }
        }

        #fetch_token
    }
}

/// The `app_credentials` builder method and the `fetch_token` function, for a protocol with
/// app credentials whose schemes name token endpoints.
fn token_fetching(p: &Provider, protocol_ty: &TokenStream) -> Option<(TokenStream, TokenStream)> {
    let app = app_credentials(p)?;
    let methods: Vec<String> = p
        .token_sources
        .iter()
        .map(|t| format!("[`Client::{}`]", t.method))
        .collect();
    let app_doc = docs::line(&format!(
        "Authenticates with the app's credentials instead of fixed tokens: each scheme's \
         token is fetched through its token endpoint ({}), cached and shared by concurrent \
         calls (one fetch at a time), refreshed inside the vendor's refresh window, and \
         fetched again once when the vendor answers that it expired.",
        methods.join(", ")
    ));
    // Fetching calls the token endpoints: built only with their groups' features.
    let mut features: Vec<&str> = p.token_sources.iter().map(|t| t.feature.as_str()).collect();
    features.sort_unstable();
    features.dedup();
    let cfg = match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        all => quote!(#[cfg(all(#(feature = #all),*))]),
    };
    let feature_doc = docs::line(&format!(
        "Needs the cargo feature{} {} (the token endpoints; enabled by `{}`, on by default).",
        if features.len() == 1 { "" } else { "s" },
        features
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", "),
        p.name
    ));
    let operator_doc = doc_lines(&app.operator.2.split('\n').collect::<Vec<_>>());
    let app_type = runtime_item(p.protocol, app.app_type);
    let operator_type = runtime_item(p.protocol, app.operator.1);
    let future_type = runtime_item(p.protocol, app.future_type);
    let (operator, constructor) = (ident(app.operator.0), ident(app.constructor));
    let arms = p.token_sources.iter().map(|t| fetch_arm(p, t));
    let provider_name = &p.name;
    let fetch_doc = doc("fetch_token");
    let builder = quote! {
        #app_doc
        ///
        #operator_doc
        ///
        #feature_doc
        #cfg
        #[must_use]
        pub fn app_credentials(
            self,
            app: #app_type,
            #operator: #operator_type,
        ) -> Self {
            let credentials = Credentials::#constructor(app, #operator, fetch_token);
            Self { inner: self.inner.credentials(credentials) }
        }
    };
    let fetch = quote! {
        #fetch_doc
        #cfg
        fn fetch_token(
            client: bindery_runtime::Client<#protocol_ty>,
            app: #app_type,
            scheme: bindery_runtime::AuthKind,
        ) -> #future_type {
            Box::pin(async move {
                let client = Client { inner: client };
                match scheme {
                    #(#arms)*
                    other => Err(bindery_runtime::Error::Credentials {
                        provider: #provider_name,
                        message: format!("no token endpoint is specified for {other:?}"),
                    }),
                }
            })
        }
    };
    Some((builder, fetch))
}

/// The `match` arm fetching one scheme's token.
fn fetch_arm(p: &Provider, t: &TokenSource) -> TokenStream {
    let provider = ident(&p.name);
    let variant = auth_kind_path(t.auth);
    let method = ident(&t.method);
    let modules = t.modules.iter().map(|m| ident(m));
    let request = ident(&t.request);
    let args = t.args.iter().map(|arg| {
        let accessor = ident(&arg.accessor);
        match arg.pass {
            ArgPass::CloneSecret => quote!(app.#accessor().clone()),
            ArgPass::Borrow => quote!(app.#accessor()),
            ArgPass::Expose => quote!(app.#accessor().expose()),
        }
    });
    let value = ident(&t.value);
    let lifetime = ident(&t.lifetime);
    let fields = t.fields.iter().map(|(json, rust)| {
        let rust = ident(rust);
        quote!(.with_field(#json, response.#rust))
    });
    // A retired token endpoint is still how the scheme gets its token.
    let allow = t.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #variant => {
            let request = crate::#provider #(::#modules)* ::#request::new(#(#args),*);
            #allow
            let response = client.#method(&request).await?;
            let lifetime = u64::try_from(response.#lifetime).unwrap_or(0);
            Ok(bindery_runtime::Token::new(response.#value, std::time::Duration::from_secs(lifetime)) #(#fields)*)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::protocols::{AppValue, AuthDef, CodeKind, Presence};

    /// A protocol the runtime does not have: what a fourth vendor's table entry would be.
    static DUMMY: ProtocolDef = ProtocolDef {
        name: "dummy",
        summary: "A protocol for tests.",
        runtime_module: "dummy",
        type_name: "Dummy",
        construct: Construct::ServiceVersion,
        construct_doc: "Dummy zone and version",
        codes: CodeKind::String,
        action: Presence::Forbidden,
        action_header: "",
        auth: &[AuthDef {
            name: "dummy_token",
            summary: "A dummy token header.",
            runtime_variant: "DummyToken",
            doc: "Dummy token",
            token_endpoint: true,
            fills_body: false,
        }],
        reexports: &["Zone"],
        setters: &[Setter {
            name: "zone",
            arg: "zone",
            ty: "bindery_runtime::dummy::Zone",
            docs: &["Sets the zone."],
        }],
        env_vars: &[],
        env_reader: "",
        wire_test: None,
        app_credentials: Some(AppCredentialsDef {
            app_type: "App",
            operator: ("actor", "Actor", "`actor` acts."),
            future_type: "Fetching",
            constructor: "with_app",
            values: &[AppValue {
                json: "appId",
                accessor: "app_id",
                secret: false,
            }],
        }),
    };

    /// The hostile fixture's Fxiaoke provider (it fetches tokens), lowered.
    fn fetching_provider() -> Provider {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/api-spec");
        let set = crate::spec::load(&root).unwrap_or_else(|e| panic!("loads: {e}"));
        let ir = crate::ir::lower(&set).unwrap_or_else(|e| panic!("lowers: {e}"));
        ir.providers
            .into_iter()
            .find(|p| !p.token_sources.is_empty())
            .expect("a provider with token sources")
    }

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().split_whitespace().collect()
    }

    #[test]
    fn a_protocol_is_emitted_from_its_table_entry_alone() {
        let mut p = fetching_provider();
        p.protocol = &DUMMY;
        p.protocol_args = vec!["svc".to_owned(), "v1".to_owned()];
        let client = text(client_items(&p));
        for wanted in [
            "bindery_runtime::Client<bindery_runtime::dummy::Dummy>",
            r#"bindery_runtime::dummy::Dummy::new("svc","v1")"#,
            "pubfnzone(self,zone:bindery_runtime::dummy::Zone)->Self",
            "app:bindery_runtime::dummy::App,actor:bindery_runtime::dummy::Actor",
            "Credentials::with_app(app,actor,fetch_token)",
            "->bindery_runtime::dummy::Fetching",
        ] {
            assert!(client.contains(wanted), "`{wanted}` missing from {client}");
        }
        let reexports = text(reexports(&p));
        assert!(
            reexports.contains("pubusebindery_runtime::dummy::Zone;")
                && reexports.contains("pubusebindery_runtime::dummy::{App,Actor};"),
            "{reexports}"
        );
        assert_eq!(
            text(credentials_path(&p)),
            "bindery_runtime::dummy::Credentials"
        );
    }

    #[test]
    fn token_fetching_needs_app_credentials_in_the_table() {
        let mut p = fetching_provider();
        assert!(text(client_items(&p)).contains("fnfetch_token"));
        p.protocol = crate::protocols::protocol("mingdao").expect("listed");
        let client = text(client_items(&p));
        assert!(!client.contains("fetch_token") && !client.contains("app_credentials"));
    }

    #[test]
    fn a_deprecated_token_endpoint_is_called_with_the_lint_allowed_there_only() {
        let mut p = fetching_provider();
        assert!(!text(client_items(&p)).contains("allow(deprecated)"));
        for t in &mut p.token_sources {
            t.deprecated = true;
        }
        let client = text(client_items(&p));
        assert!(
            client.contains("#[allow(deprecated)]letresponse=client."),
            "{client}"
        );
        assert_eq!(
            client.matches("allow(deprecated)").count(),
            p.token_sources.len()
        );
    }

    #[test]
    fn builder_docs_come_from_the_tables() {
        let p = fetching_provider();
        let client = client_items(&p).to_string();
        for s in BUILDER_SETTERS {
            for line in s.docs.iter().flat_map(|d| d.split('\n')) {
                assert!(client.contains(line), "{line}");
            }
        }
        // The runtime's own sentence, not a copy of it.
        assert!(client.contains("Total time allowed for one attempt of a call"));
        for (_, lines) in DOCS {
            for line in lines.iter().filter(|l| !l.is_empty()) {
                assert!(client.contains(line), "{line}");
            }
        }
    }
}
