//! A provider's module tree: the client, its operations table, shared types, folders.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::types::Ctx;
use super::{EmitError, GENERATED_DIR, client, docs, endpoint, mock, operations, rust_file, types};
use crate::ir::{BaseUrl, Endpoint, Module, Provider, TypeDef};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// One file of a provider, made on its own: [`super::generate`] makes them on the machine's
/// cores.
pub enum Job<'a> {
    /// `<provider>/mod.rs`: the client.
    Mod(&'a Provider),
    /// `<provider>/operations.rs`.
    Operations(&'a Provider),
    /// `<provider>/mock.rs` (cargo feature `mock`).
    Mock(&'a Provider),
    /// `<provider>/types.rs`, from the given spec file.
    Types(&'a Provider, &'a str, &'a [TypeDef]),
    /// An endpoint's file in the folder `dir`.
    Endpoint(&'a Provider, &'a Endpoint, String),
    /// A folder's `mod.rs`, in `dir`.
    Folder(&'a Provider, &'a Module, String),
}

fn base(p: &Provider) -> String {
    format!("{GENERATED_DIR}/src/{}", p.name)
}

/// The provider's largest files (its client, operations and mock tables), then its shared
/// types.
pub fn head_jobs(p: &Provider) -> Vec<Job<'_>> {
    let mut jobs = vec![Job::Mod(p), Job::Operations(p), Job::Mock(p)];
    if let Some((source, defs)) = &p.types {
        jobs.push(Job::Types(p, source, defs));
    }
    jobs
}

/// The files of the provider's folders and endpoints.
pub fn module_jobs<'a>(p: &'a Provider, jobs: &mut Vec<Job<'a>>) {
    push_module(p, &p.root, base(p), jobs);
}

fn push_module<'a>(p: &'a Provider, module: &'a Module, dir: String, jobs: &mut Vec<Job<'a>>) {
    for e in &module.endpoints {
        jobs.push(Job::Endpoint(p, e, dir.clone()));
    }
    for child in &module.children {
        let child_dir = format!("{dir}/{}", child.name);
        jobs.push(Job::Folder(p, child, child_dir.clone()));
        push_module(p, child, child_dir, jobs);
    }
}

impl Job<'_> {
    /// The file's path and text.
    pub fn run(&self) -> Result<(String, String), EmitError> {
        let (path, source, tokens) = match self {
            Job::Mod(p) => (format!("{}/mod.rs", base(p)), p.source.as_str(), mod_rs(p)),
            Job::Operations(p) => (
                format!("{}/operations.rs", base(p)),
                p.source.as_str(),
                operations::operations_rs(p),
            ),
            Job::Mock(p) => (
                format!("{}/mock.rs", base(p)),
                p.source.as_str(),
                mock::mock_rs(p),
            ),
            Job::Types(p, source, defs) => {
                let crossings = p.shared_crossings();
                let ctx = Ctx {
                    provider: &p.name,
                    in_shared_types: true,
                    crossings: &crossings,
                };
                let items = defs.iter().map(|d| types::type_def(d, &ctx));
                let tokens = quote! {
                    //! Types shared by this provider's endpoints.
                    #(#items)*
                };
                (format!("{}/types.rs", base(p)), *source, tokens)
            }
            Job::Endpoint(p, e, dir) => (
                format!("{dir}/{}.rs", e.module),
                e.source.as_str(),
                endpoint::file(p, e),
            ),
            Job::Folder(p, module, dir) => (
                format!("{dir}/mod.rs"),
                module.source.as_str(),
                folder_rs(p, module),
            ),
        };
        let text = rust_file(&path, source, tokens)?;
        Ok((path, text))
    }
}

/// `mod x; pub use x::{…};` for a folder's endpoints, `pub mod y;` for its sub-folders. At
/// the provider's root (`p` given), each is built only with its group's feature; below it,
/// the top-level folder's feature covers everything.
fn module_items(module: &Module, p: Option<&Provider>) -> TokenStream {
    let children = module.children.iter().map(|c| {
        let name = ident(&c.name);
        let mut lines = vec![format!("Endpoints under `{}/`.", c.path.join("/"))];
        let group = p.and_then(|p| {
            let g = p.groups.iter().find(|g| g.module == c.name)?;
            lines.push(super::feature_note(p, &g.feature));
            Some(super::cfg_feature(&g.feature))
        });
        let doc = docs::attrs(&lines);
        quote!(#doc #group pub mod #name;)
    });
    let endpoints = module.endpoints.iter().map(|e| {
        let name = ident(&e.module);
        let exported = endpoint::exported_names(e);
        let exported = exported.iter().map(|n| ident(n));
        let cfg = p.map(|_| super::cfg_feature(&e.feature));
        quote! {
            #cfg
            mod #name;
            #cfg
            #[doc(inline)]
            pub use #name::{#(#exported),*};
        }
    });
    quote!(#(#children)* #(#endpoints)*)
}

/// The mark of a deprecated endpoint in the module indexes, so a reader scanning the list
/// sees it before opening the method.
fn retired(e: &Endpoint) -> &'static str {
    if e.deprecated.is_some() {
        " (deprecated)"
    } else {
        ""
    }
}

fn folder_rs(p: &Provider, module: &Module) -> TokenStream {
    let ops: Vec<String> = module
        .endpoints
        .iter()
        .map(|e| {
            format!(
                "- {} — [`Client::{}`](crate::{}::Client::{}){}",
                docs::code(&e.vendor_name),
                e.method_name,
                p.name,
                e.method_name,
                retired(e)
            )
        })
        .collect();
    let mut paragraphs = vec![format!("Endpoints from `{}`.", module.source)];
    if !ops.is_empty() {
        paragraphs.push(ops.join("\n"));
    }
    let doc = docs::inner_attrs(&paragraphs);
    let items = module_items(module, None);
    quote!(#doc #items)
}

fn mod_rs(p: &Provider) -> TokenStream {
    let mut paragraphs = vec![docs::escape(&p.title)];
    paragraphs.extend(docs::paragraphs(&p.docs));
    if let Some(url) = &p.docs_url {
        paragraphs.push(format!("Vendor documentation: {}", docs::url(url)));
    }
    paragraphs.push(
        "Endpoints (each built with its group's cargo feature; the list shows those built):"
            .to_owned(),
    );
    let endpoints = p.root.all_endpoints();
    // One line per endpoint, each shown only when its feature is on, so the list never links
    // to a method that is not built.
    let list = endpoints.iter().map(|e| {
        let line = format!(
            " - [`Client::{}`] — {}{}: {}",
            e.method_name,
            docs::code(&e.vendor_name),
            retired(e),
            docs::one_line(
                &docs::paragraphs(&e.summary)
                    .first()
                    .cloned()
                    .unwrap_or_default()
            )
        );
        let feature = &e.feature;
        quote!(#![cfg_attr(feature = #feature, doc = #line)])
    });
    let tail = [format!(
        "Generated from `{}` and the files beside it.",
        p.source
    )];
    let doc = docs::inner_with_list(&paragraphs, list, &tail);

    let types_mod = p.types.as_ref().map(|_| {
        quote! {
            pub mod types;
        }
    });
    let items = module_items(&p.root, Some(p));
    let credentials = client::credentials_path(p);
    let reexports = client::reexports(p);
    let consts = p
        .base_urls
        .iter()
        .enumerate()
        .map(|(i, b)| base_url_item(i, b));
    let reexport_stream = endpoints.iter().any(|e| e.pagination.is_some()).then(|| {
        quote!(
            #[doc(no_inline)]
            pub use bindery_runtime::stream::{StreamExt, TryStreamExt};
        )
    });
    let client = client::client_items(p);
    // What a user of this module names besides the client: so one `use` of the provider
    // module is enough, without reaching into `bindery::runtime`.
    quote! {
        #doc

        pub mod operations;
        #types_mod
        /// The spec's endpoint tables and `Endpoint` impls for a server playing the vendor
        /// (crate `bindery-mock`); cargo feature `mock`.
        #[cfg(feature = "mock")]
        pub mod mock;
        #items

        #[doc(inline)]
        pub use #credentials;
        #reexports
        #[doc(no_inline)]
        pub use bindery_runtime::RetryPolicy;
        #reexport_stream

        #(#consts)*

        #client
    }
}

/// A base URL constant, or for a URL with a `{host}` placeholder a function filling it in.
fn base_url_item(index: usize, b: &BaseUrl) -> TokenStream {
    let mut d = docs::paragraphs(&b.docs);
    if index == 0 {
        d.push("The client's default.".to_owned());
    }
    let doc = docs::attrs(&d);
    let url = &b.url;
    let name = ident(&b.item);
    if b.templated {
        let host_doc = docs::line(&format!(
            "`host` replaces `{{host}}` in {}.",
            docs::code(url)
        ));
        quote! {
            #doc
            ///
            #host_doc
            #[must_use]
            pub fn #name(host: &str) -> String {
                #url.replace("{host}", host)
            }
        }
    } else {
        quote! {
            #doc
            pub const #name: &str = #url;
        }
    }
}
