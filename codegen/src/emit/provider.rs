//! A provider's module tree: the client, its operations table, shared types, folders.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::types::Ctx;
use super::{EmitError, GENERATED_DIR, docs, endpoint, rust_file, types};
use crate::ir::{AuthKind, Protocol};
use crate::ir::{Endpoint, Module, Provider, Struct, Type, TypeDef, TypeHome};
use crate::naming;
use crate::spec::model::{HttpMethod, RateLimitScope};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Emits every file of one provider into `files`.
pub fn emit(p: &Provider, files: &mut BTreeMap<String, String>) -> Result<(), EmitError> {
    let base = format!("{GENERATED_DIR}/src/{}", p.name);
    let path = format!("{base}/mod.rs");
    let text = rust_file(&path, &p.source, mod_rs(p))?;
    files.insert(path, text);

    let path = format!("{base}/operations.rs");
    let text = rust_file(&path, &p.source, operations_rs(p))?;
    files.insert(path, text);

    if let Some((source, defs)) = &p.types {
        let ctx = Ctx {
            provider: &p.name,
            in_shared_types: true,
        };
        let items = defs.iter().map(|d| types::type_def(d, &ctx));
        let tokens = quote! {
            //! Types shared by this provider's endpoints.
            #(#items)*
        };
        let path = format!("{base}/types.rs");
        let text = rust_file(&path, source, tokens)?;
        files.insert(path, text);
    }
    emit_module(p, &p.root, &base, files)
}

fn emit_module(
    p: &Provider,
    module: &Module,
    dir: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), EmitError> {
    for e in &module.endpoints {
        let path = format!("{dir}/{}.rs", e.module);
        let text = rust_file(&path, &e.source, endpoint::file(p, e))?;
        files.insert(path, text);
    }
    for child in &module.children {
        let child_dir = format!("{dir}/{}", child.name);
        let path = format!("{child_dir}/mod.rs");
        let source = format!(
            "{}/{}/",
            p.source.trim_end_matches("/provider.yaml"),
            child.path.join("/")
        );
        let text = rust_file(&path, &source, folder_rs(p, child))?;
        files.insert(path, text);
        emit_module(p, child, &child_dir, files)?;
    }
    Ok(())
}

/// `mod x; pub use x::{…};` for a folder's endpoints, `pub mod y;` for its sub-folders.
fn module_items(module: &Module) -> TokenStream {
    let children = module.children.iter().map(|c| {
        let name = ident(&c.name);
        let doc = docs::line(&format!("Endpoints under `{}/`.", c.path.join("/")));
        quote!(#doc pub mod #name;)
    });
    let endpoints = module.endpoints.iter().map(|e| {
        let name = ident(&e.module);
        let exported = endpoint::exported_names(e);
        let exported = exported.iter().map(|n| ident(n));
        quote! {
            mod #name;
            #[doc(inline)]
            pub use #name::{#(#exported),*};
        }
    });
    quote!(#(#children)* #(#endpoints)*)
}

fn folder_rs(p: &Provider, module: &Module) -> TokenStream {
    let ops: Vec<String> = module
        .endpoints
        .iter()
        .map(|e| {
            format!(
                "- {} — [`Client::{}`](crate::{}::Client::{})",
                docs::code(&e.vendor_name),
                e.method_name,
                p.name,
                e.method_name
            )
        })
        .collect();
    let mut paragraphs = vec![format!(
        "Endpoints from `{}/{}/`.",
        p.source.trim_end_matches("/provider.yaml"),
        module.path.join("/")
    )];
    if !ops.is_empty() {
        paragraphs.push(ops.join("\n"));
    }
    let doc = docs::inner_attrs(&paragraphs);
    let items = module_items(module);
    quote!(#doc #items)
}

fn protocol_expr(p: &Provider) -> (TokenStream, TokenStream) {
    match p.protocol {
        Protocol::Fxiaoke => (
            quote!(bindery_runtime::fxiaoke::Fxiaoke),
            quote!(bindery_runtime::fxiaoke::Fxiaoke),
        ),
        Protocol::Mingdao => (
            quote!(bindery_runtime::mingdao::Mingdao),
            quote!(bindery_runtime::mingdao::Mingdao),
        ),
        Protocol::TencentCloud => {
            let (service, version) = p.tencent_cloud.clone().unwrap_or_default();
            (
                quote!(bindery_runtime::tencent::TencentCloud),
                quote!(bindery_runtime::tencent::TencentCloud::new(#service, #version)),
            )
        }
    }
}

fn credentials_path(p: &Provider) -> TokenStream {
    match p.protocol {
        Protocol::Fxiaoke => quote!(bindery_runtime::fxiaoke::Credentials),
        Protocol::Mingdao => quote!(bindery_runtime::mingdao::Credentials),
        Protocol::TencentCloud => quote!(bindery_runtime::tencent::Credentials),
    }
}

fn mod_rs(p: &Provider) -> TokenStream {
    let mut paragraphs = vec![docs::escape(&p.title)];
    paragraphs.extend(docs::paragraphs(&p.docs));
    if let Some(url) = &p.docs_url {
        paragraphs.push(format!("Vendor documentation: {}", docs::url(url)));
    }
    let endpoints = p.root.all_endpoints();
    let list: Vec<String> = endpoints
        .iter()
        .map(|e| {
            format!(
                "- [`Client::{}`] — {}: {}",
                e.method_name,
                docs::code(&e.vendor_name),
                docs::one_line(
                    &docs::paragraphs(&e.summary)
                        .first()
                        .cloned()
                        .unwrap_or_default()
                )
            )
        })
        .collect();
    paragraphs.push(format!("Endpoints:\n\n{}", list.join("\n")));
    paragraphs.push(format!(
        "Generated from `{}` and the files beside it.",
        p.source
    ));
    let doc = docs::inner_attrs(&paragraphs);

    let types_mod = p.types.as_ref().map(|_| {
        quote! {
            pub mod types;
        }
    });
    let items = module_items(&p.root);
    let (protocol_ty, protocol_value) = protocol_expr(p);
    let credentials = credentials_path(p);

    let mut consts = Vec::new();
    for (i, b) in p.base_urls.iter().enumerate() {
        let mut d = docs::paragraphs(&b.docs);
        if i == 0 {
            d.push("The client's default.".to_owned());
        }
        let doc = docs::attrs(&d);
        let url = &b.url;
        if b.templated {
            let name = ident(&format!("{}_base_url", naming::module_name(&b.name)));
            let host_doc = docs::line(&format!(
                "`host` replaces `{{host}}` in {}.",
                docs::code(url)
            ));
            consts.push(quote! {
                #doc
                ///
                #host_doc
                #[must_use]
                pub fn #name(host: &str) -> String {
                    #url.replace("{host}", host)
                }
            });
        } else {
            let name = ident(&format!("{}_BASE_URL", naming::const_name(&b.name)));
            consts.push(quote! {
                #doc
                pub const #name: &str = #url;
            });
        }
    }
    let default_url = p
        .base_urls
        .iter()
        .find(|b| !b.templated)
        .map(|b| ident(&format!("{}_BASE_URL", naming::const_name(&b.name))));
    let default_url = match default_url {
        Some(name) => quote!(#name),
        None => quote!(""),
    };

    let extra_builder = match p.protocol {
        Protocol::TencentCloud => quote! {
            /// Sets `X-TC-Region` on every call (optional for this service).
            #[must_use]
            pub fn region(self, region: impl Into<String>) -> Self {
                Self { inner: self.inner.region(region) }
            }

            /// Sets `X-TC-Language` so vendor messages come in that language. Not sent
            /// unless set: the vendor then answers in its default language.
            #[must_use]
            pub fn language(self, language: bindery_runtime::tencent::Language) -> Self {
                Self { inner: self.inner.language(language) }
            }
        },
        _ => quote!(),
    };
    let (app_builder, fetch_token) = token_fetching(p);
    let reexport_language = matches!(p.protocol, Protocol::TencentCloud).then(|| {
        quote!(
            #[doc(inline)]
            pub use bindery_runtime::tencent::Language;
        )
    });
    // What a user of this module names besides the client: so one `use` of the provider
    // module is enough, without reaching into `bindery::runtime`.
    let reexport_app = (!app_builder.is_empty()).then(|| {
        quote!(
            #[doc(inline)]
            pub use bindery_runtime::fxiaoke::{AppCredentials, Operator};
        )
    });
    let reexport_stream = endpoints.iter().any(|e| e.pagination.is_some()).then(|| {
        quote!(
            #[doc(no_inline)]
            pub use bindery_runtime::stream::{StreamExt, TryStreamExt};
        )
    });
    let title = docs::line(&format!("Client for {}.", docs::inline(&p.title)));

    quote! {
        #doc

        pub mod operations;
        #types_mod
        #items

        #[doc(inline)]
        pub use #credentials;
        #reexport_language
        #reexport_app
        #[doc(no_inline)]
        pub use bindery_runtime::RetryPolicy;
        #reexport_stream

        #(#consts)*

        #title
        ///
        /// Cheap to clone: clones share one connection pool and configuration.
        /// Build one with [`Client::builder`].
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: bindery_runtime::Client<#protocol_ty>,
        }

        impl Client {
            /// Starts configuring a client that talks to the default base URL.
            #[must_use]
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: bindery_runtime::Client::builder(#protocol_value, #default_url),
                }
            }

            /// The base URL every call goes to.
            pub fn base_url(&self) -> &bindery_runtime::Url {
                self.inner.base_url()
            }

            /// A client that shares this one's connections, credentials and rate limits but
            /// allows each call attempt `timeout`.
            #[must_use]
            pub fn with_timeout(&self, timeout: std::time::Duration) -> Self {
                Self { inner: self.inner.with_timeout(timeout) }
            }

            /// A client that shares this one's connections, credentials and rate limits but
            /// retries with `policy`.
            #[must_use]
            pub fn with_retry(&self, policy: bindery_runtime::RetryPolicy) -> Self {
                Self { inner: self.inner.with_retry(policy) }
            }
        }

        /// Configures a [`Client`].
        pub struct ClientBuilder {
            inner: bindery_runtime::ClientBuilder<#protocol_ty>,
        }

        impl ClientBuilder {
            /// Talks to another deployment (or a local test server) instead of the default.
            #[must_use]
            pub fn base_url(self, url: impl Into<String>) -> Self {
                Self { inner: self.inner.base_url(url) }
            }

            /// The credentials calls are authenticated with.
            #[must_use]
            pub fn credentials(self, credentials: Credentials) -> Self {
                Self { inner: self.inner.credentials(credentials) }
            }

            /// Total time allowed for one call.
            #[must_use]
            pub fn timeout(self, timeout: std::time::Duration) -> Self {
                Self { inner: self.inner.timeout(timeout) }
            }

            /// Time allowed to establish a connection.
            #[must_use]
            pub fn connect_timeout(self, timeout: std::time::Duration) -> Self {
                Self { inner: self.inner.connect_timeout(timeout) }
            }

            /// Uses your own `reqwest::Client` (proxies, TLS roots, connection pool).
            #[must_use]
            pub fn http_client(self, client: bindery_runtime::reqwest::Client) -> Self {
                Self { inner: self.inner.http_client(client) }
            }

            /// How failed calls are retried (default: 3 attempts with jittered exponential
            /// backoff; only what cannot have been processed, or idempotent operations).
            #[must_use]
            pub fn retry(self, policy: bindery_runtime::RetryPolicy) -> Self {
                Self { inner: self.inner.retry(policy) }
            }

            /// Whether calls wait for the spec's rate limits on the client side (default on;
            /// shared by all clones of the client).
            #[must_use]
            pub fn rate_limiting(self, enabled: bool) -> Self {
                Self { inner: self.inner.rate_limiting(enabled) }
            }

            /// The largest response body accepted (default 16 MiB).
            #[must_use]
            pub fn max_response_bytes(self, bytes: usize) -> Self {
                Self { inner: self.inner.max_response_bytes(bytes) }
            }

            /// Logs request and response bodies at `trace` level, secrets masked (default off).
            #[must_use]
            pub fn log_bodies(self, enabled: bool) -> Self {
                Self { inner: self.inner.log_bodies(enabled) }
            }

            #extra_builder
            #app_builder

            /// Builds the client.
            ///
            /// # Errors
            ///
            /// [`crate::Error::Config`] when the base URL is not an absolute `http(s)` URL.
            pub fn build(self) -> Result<Client, crate::Error> {
                Ok(Client { inner: self.inner.build()? })
            }
        }

        #fetch_token
    }
}

/// For providers whose schemes name token endpoints: the builder method that authenticates
/// with app credentials, and the function that fetches a token through the generated
/// endpoint method.
fn token_fetching(p: &Provider) -> (TokenStream, TokenStream) {
    if p.token_sources.is_empty() || p.protocol != Protocol::Fxiaoke {
        return (quote!(), quote!());
    }
    let provider = ident(&p.name);
    let methods: Vec<String> = p
        .token_sources
        .iter()
        .map(|t| format!("[`Client::{}`]", t.method))
        .collect();
    let doc = docs::line(&format!(
        "Authenticates with the app's credentials instead of fixed tokens: each scheme's \
         token is fetched through its token endpoint ({}), cached and shared by concurrent \
         calls (one fetch at a time), refreshed inside the vendor's refresh window, and \
         fetched again once when the vendor answers that it expired.",
        methods.join(", ")
    ));
    let arms = p.token_sources.iter().map(|t| {
        let variant = auth_kind_path(t.auth);
        let method = ident(&t.method);
        let modules = t.modules.iter().map(|m| ident(m));
        let request = ident(&t.request);
        let args = t.args.iter().map(|(accessor, secret)| {
            let accessor = ident(accessor);
            if *secret {
                quote!(app.#accessor().clone())
            } else if accessor == "app_id" {
                quote!(app.#accessor())
            } else {
                quote!(app.#accessor().expose())
            }
        });
        let value = ident(&t.value);
        let lifetime = ident(&t.lifetime);
        let fields = t.fields.iter().map(|(json, rust)| {
            let rust = ident(rust);
            quote!(.with_field(#json, response.#rust))
        });
        quote! {
            #variant => {
                let request = crate::#provider #(::#modules)* ::#request::new(#(#args),*);
                let response = client.#method(&request).await?;
                let lifetime = u64::try_from(response.#lifetime).unwrap_or(0);
                Ok(bindery_runtime::Token::new(response.#value, std::time::Duration::from_secs(lifetime)) #(#fields)*)
            }
        }
    });
    let provider_name = &p.name;
    let builder = quote! {
        #doc
        ///
        /// `operator` says who acts: the CRM employee id sent as `x-fs-userid` (header scheme)
        /// and the open user id sent as `currentOpenUserId` (body scheme).
        #[must_use]
        pub fn app_credentials(
            self,
            app: bindery_runtime::fxiaoke::AppCredentials,
            operator: bindery_runtime::fxiaoke::Operator,
        ) -> Self {
            let credentials = Credentials::from_app(app, operator, fetch_token);
            Self { inner: self.inner.credentials(credentials) }
        }
    };
    let fetch = quote! {
        /// Fetches one scheme's token through the generated token endpoint (which needs no
        /// authentication itself).
        fn fetch_token(
            client: bindery_runtime::Client<bindery_runtime::fxiaoke::Fxiaoke>,
            app: bindery_runtime::fxiaoke::AppCredentials,
            scheme: bindery_runtime::AuthKind,
        ) -> bindery_runtime::fxiaoke::TokenFuture {
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
    (builder, fetch)
}

fn auth_kind_path(kind: AuthKind) -> TokenStream {
    match kind {
        AuthKind::FxiaokeHeader => quote!(bindery_runtime::AuthKind::FxiaokeHeader),
        AuthKind::FxiaokeBody => quote!(bindery_runtime::AuthKind::FxiaokeBody),
        AuthKind::MingdaoSign => quote!(bindery_runtime::AuthKind::MingdaoSign),
        AuthKind::Tc3HmacSha256 => quote!(bindery_runtime::AuthKind::Tc3HmacSha256),
    }
}

fn auth_tokens(kind: Option<AuthKind>) -> TokenStream {
    match kind {
        None => quote!(None),
        Some(kind) => {
            let path = auth_kind_path(kind);
            quote!(Some(#path))
        }
    }
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

/// JSON names of the `secret`-typed fields of an endpoint's request and response, at any
/// depth (through lists, maps and named structs, local or shared), sorted.
fn secret_fields(p: &Provider, e: &Endpoint) -> Vec<String> {
    struct Walk<'a> {
        p: &'a Provider,
        e: &'a Endpoint,
        seen: BTreeSet<(bool, String)>,
        names: BTreeSet<String>,
    }
    impl Walk<'_> {
        fn find(&self, home: &TypeHome, name: &str) -> Option<Struct> {
            let defs: &[TypeDef] = match home {
                TypeHome::Local => &self.e.types,
                TypeHome::Shared => self.p.types.as_ref().map_or(&[], |(_, defs)| defs),
            };
            defs.iter().find_map(|d| match d {
                TypeDef::Struct(s) if s.name == name => Some(s.clone()),
                _ => None,
            })
        }
        fn strukt(&mut self, s: &Struct) {
            for f in &s.fields {
                if holds_secret(&f.ty) {
                    self.names.insert(f.json_name.clone());
                }
                self.ty(&f.ty);
            }
        }
        fn ty(&mut self, ty: &Type) {
            match ty {
                Type::List(inner) | Type::Map(inner) => self.ty(inner),
                Type::Named(r) if r.is_struct => {
                    let key = (matches!(r.home, TypeHome::Local), r.name.clone());
                    if self.seen.insert(key)
                        && let Some(s) = self.find(&r.home, &r.name)
                    {
                        self.strukt(&s);
                    }
                }
                _ => {}
            }
        }
    }
    fn holds_secret(ty: &Type) -> bool {
        match ty {
            Type::Secret => true,
            Type::List(inner) | Type::Map(inner) => holds_secret(inner),
            _ => false,
        }
    }
    let mut walk = Walk {
        p,
        e,
        seen: BTreeSet::new(),
        names: BTreeSet::new(),
    };
    walk.strukt(&e.request);
    if let Some(response) = &e.response {
        walk.strukt(response);
    }
    walk.names.into_iter().collect()
}

fn operation(p: &Provider, e: &Endpoint) -> TokenStream {
    let name = ident(&e.operation_const);
    let provider = &p.name;
    let vendor = &e.vendor_name;
    let path = &e.path;
    let method = match e.http_method {
        HttpMethod::Get => quote!(bindery_runtime::Method::Get),
        HttpMethod::Post => quote!(bindery_runtime::Method::Post),
    };
    let action = opt_str(e.action.as_deref());
    let auth = auth_tokens(e.auth);
    let idempotent = e.idempotent;
    let limit = match e.rate_limit {
        Some(l) => {
            let (r, s) = (
                Literal::u32_unsuffixed(l.requests),
                Literal::u32_unsuffixed(l.per_seconds),
            );
            let scope = match l.scope {
                RateLimitScope::Endpoint => quote!(bindery_runtime::RateLimitScope::Operation),
                RateLimitScope::App => quote!(bindery_runtime::RateLimitScope::Provider),
            };
            quote!(Some(bindery_runtime::RateLimit { requests: #r, per_seconds: #s, scope: #scope }))
        }
        None => quote!(None),
    };
    let secrets = secret_fields(p, e);
    let doc = docs::line(&format!(
        "{}: {} (from {}).",
        docs::code(&e.vendor_name),
        docs::code(&format!("{} {}", e.http_method.as_str(), e.path)),
        docs::code(&e.source)
    ));
    quote! {
        #doc
        pub static #name: bindery_runtime::Operation = bindery_runtime::Operation {
            provider: #provider,
            name: #vendor,
            method: #method,
            path: #path,
            action: #action,
            auth: #auth,
            idempotent: #idempotent,
            envelope: &ENVELOPE,
            rate_limit: #limit,
            secret_fields: &[#(#secrets),*],
        };
    }
}

fn operations_rs(p: &Provider) -> TokenStream {
    let env = &p.envelope;
    let code = &env.code;
    let success = match env.success {
        Some(v) => {
            let lit = Literal::i64_unsuffixed(v);
            quote!(Some(#lit))
        }
        None => quote!(None),
    };
    let message = &env.message;
    let request_id = opt_str(env.request_id.as_deref());
    let result = opt_str(env.result.as_deref());
    let mut endpoints = p.root.all_endpoints();
    endpoints.sort_by(|a, b| a.operation_const.cmp(&b.operation_const));
    let ops = endpoints.iter().map(|e| operation(p, e));
    quote! {
        //! Every operation of this provider as data: path, authentication, retry safety and
        //! rate limit. The client methods pass these to the runtime; they are public so that
        //! callers can inspect them (for logging, or for their own retry rules).

        /// Where the vendor puts its result code, message, request id and result.
        pub static ENVELOPE: bindery_runtime::Envelope = bindery_runtime::Envelope {
            code: #code,
            success: #success,
            message: #message,
            request_id: #request_id,
            result: #result,
        };

        #(#ops)*
    }
}
