//! One file per endpoint: its local types, request and response, and the client method.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::paths::public_path;
use super::types::{self, Ctx};
use super::{docs, placeholder, usepoint};
use crate::ir::{Crossing, Endpoint, Kind, Paging, Provider, RateLimitScope, TypeDef, TypeHome};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Public names the endpoint file defines (re-exported by its folder module).
pub fn exported_names(e: &Endpoint) -> Vec<String> {
    let mut names = Vec::new();
    for t in &e.types {
        match t {
            TypeDef::Struct(s) => names.extend(types::exported_names(s)),
            TypeDef::Enum(en) => names.push(en.name.clone()),
        }
    }
    names.extend(types::exported_names(&e.request));
    if let Some(r) = &e.response {
        names.extend(types::exported_names(r));
    }
    names
}

/// The request of the endpoint's first success example, if it has one.
fn example_request(e: &Endpoint) -> Option<&serde_json::Value> {
    e.examples
        .iter()
        .filter(|x| x.error_code.is_none())
        .find_map(|x| x.request.as_ref().filter(|r| r.is_object()))
}

/// The deprecation note of a retired endpoint, on one line: the `#[deprecated]` note and
/// the rustdoc paragraph say the same.
fn deprecation_note(e: &Endpoint) -> Option<String> {
    let why = e.deprecated.as_ref()?;
    Some(docs::one_line(&docs::paragraphs(why).join(" / ")))
}

/// `#[deprecated(note = "…")]` for the methods of a retired endpoint.
fn deprecated_attr(e: &Endpoint) -> Option<TokenStream> {
    let note = deprecation_note(e)?;
    Some(quote!(#[deprecated(note = #note)]))
}

/// The line before a doctest's `async fn` that calls the method: a retired endpoint's
/// example allows the lint there, and only there.
fn doctest_allow(e: &Endpoint) -> Option<String> {
    e.deprecated
        .as_ref()
        .map(|_| "# #[allow(deprecated)]".to_owned())
}

fn method_docs(provider: &Provider, e: &Endpoint) -> TokenStream {
    let mut p = docs::paragraphs(&e.summary);
    if let Some(note) = deprecation_note(e) {
        p.push(format!("**Deprecated:** {note}"));
    }
    p.extend(docs::paragraphs(&e.description));
    let method = e.http_method.as_str();
    p.push(match e.kind {
        Kind::Call => format!("Sends `{method}` to {}.", docs::code(&e.path)),
        Kind::Redirect => format!(
            "Builds the `{method}` URL of {} for the user's browser to open; sends nothing.",
            docs::code(&e.path)
        ),
    });
    p.extend(usepoint::requirement_docs(&e.requires));
    if let Some(a) = &e.availability {
        p.extend(usepoint::availability_docs(provider, a));
    }
    let mut facts = vec![format!(
        "- Vendor operation: {}",
        docs::code(&e.vendor_name)
    )];
    if let Some(action) = &e.action {
        facts.push(format!("- Action: {}", docs::code(action)));
    }
    facts.push(format!(
        "- Authentication: {}",
        e.auth.map_or("none", |a| a.doc)
    ));
    facts.push(format!(
        "- Idempotent: {}",
        if e.idempotent {
            "yes, safe to repeat"
        } else {
            "no — a repeat may act twice"
        }
    ));
    if let Some(limit) = e.rate_limit {
        let shared = match limit.scope {
            RateLimitScope::Endpoint => "",
            RateLimitScope::App => ", one budget shared by every app-wide endpoint of the provider",
        };
        facts.push(format!(
            "- Rate limit: {} requests per {} s{shared}",
            limit.requests, limit.per_seconds
        ));
    }
    facts.push(format!("- Spec: {}", docs::code(&e.source)));
    facts.push(format!("- {}", super::feature_note(provider, &e.feature)));
    facts.push(format!(
        "- Vendor documentation: {}",
        docs::url(&e.docs_url)
    ));
    p.push(facts.join("\n"));

    if !e.errors.is_empty() {
        let mut lines = vec!["# Errors".to_owned(), String::new()];
        lines.push(
            "Vendor codes documented for this endpoint arrive as [`crate::Error::Vendor`]:"
                .to_owned(),
        );
        for code in &e.errors {
            let text = docs::one_line(&docs::paragraphs(&code.docs).join(" / "));
            lines.push(format!("- {}: {text}", docs::code(&code.code)));
        }
        p.push(lines.join("\n"));
    }

    let request_path = public_path(provider, e, &e.request.name, &TypeHome::Local);
    let call = match e.kind {
        Kind::Call if e.response.is_none() => {
            format!(
                "client.{}(&request).await?; // no body: `()`",
                e.method_name
            )
        }
        Kind::Call => format!("let response = client.{}(&request).await?;", e.method_name),
        Kind::Redirect => format!("let url = client.{}(&request)?;", e.method_name),
    };
    // The request is built and validated when the doctest runs, so a placeholder that breaks
    // the spec's constraints fails the tests; only the network call is compile-only.
    let example = [
        "# Example".to_owned(),
        String::new(),
        "```".to_owned(),
        format!(
            "let request = {request_path}::new({}){};",
            placeholder::args(&e.request, provider, e, example_request(e)),
            placeholder::required_setters(&e.request, provider, e, example_request(e))
        ),
        "# bindery::runtime::Validate::validate(&request).expect(\"the example request is valid\");"
            .to_owned(),
    ];
    let example = example.into_iter().chain(doctest_allow(e)).chain([
        format!(
            "# async fn example(client: &bindery::{}::Client, request: {request_path}) -> Result<(), bindery::Error> {{",
            provider.name
        ),
        call,
        "# Ok(())".to_owned(),
        "# }".to_owned(),
        "```".to_owned(),
    ]);
    p.push(example.collect::<Vec<_>>().join("\n"));
    docs::attrs(&p)
}

/// The endpoint file's tokens.
pub fn file(provider: &Provider, e: &Endpoint) -> TokenStream {
    let crossings = e.crossings(&provider.types_for(e), &TypeHome::Local);
    let ctx = Ctx {
        provider: &provider.name,
        in_shared_types: false,
        crossings: &crossings,
    };
    let mut module_docs = vec![docs::code(&e.vendor_name)];
    module_docs.extend(docs::paragraphs(&e.summary));
    let module_docs = docs::inner_attrs(&module_docs);
    let local = e.types.iter().map(|t| types::type_def(t, &ctx));
    let request = types::strukt_requiring(&e.request, &ctx, Crossing::SENT, &e.requires);
    let response = e
        .response
        .as_ref()
        .map(|r| types::strukt(r, &ctx, Crossing::RECEIVED));
    let provider_ident = ident(&provider.name);
    let method = ident(&e.method_name);
    let op = ident(&e.operation_const);
    let request_ty = ident(&e.request.name);
    let doc = method_docs(provider, e);
    let deprecated = deprecated_attr(e);
    let refuse = usepoint::availability_check(e, &provider.name).map(|check| quote!(#check?;));
    let method_tokens = match (&e.kind, &e.response) {
        (Kind::Call, Some(response)) => {
            let response_ty = ident(&response.name);
            quote! {
                #doc
                #deprecated
                pub async fn #method(&self, request: &#request_ty) -> Result<#response_ty, crate::Error> {
                    #refuse
                    self.inner.call(&crate::#provider_ident::operations::#op, request).await
                }
            }
        }
        (Kind::Call, None) => quote! {
            #doc
            #deprecated
            pub async fn #method(&self, request: &#request_ty) -> Result<(), crate::Error> {
                self.inner.call(&crate::#provider_ident::operations::#op, request).await
            }
        },
        (Kind::Redirect, _) => quote! {
            #doc
            #deprecated
            pub fn #method(&self, request: &#request_ty) -> Result<bindery_runtime::Url, crate::Error> {
                #refuse
                self.inner.redirect_url(&crate::#provider_ident::operations::#op, request)
            }
        },
    };
    let stream = e
        .pagination
        .as_ref()
        .map(|paging| stream_method(provider, e, paging, &ctx));
    quote! {
        #module_docs
        #(#local)*
        #request
        #response
        impl crate::#provider_ident::Client {
            #method_tokens
            #stream
        }
    }
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

/// `<method>_stream`: every record of a paged endpoint, and the paging data it runs on.
fn stream_method(provider: &Provider, e: &Endpoint, paging: &Paging, ctx: &Ctx<'_>) -> TokenStream {
    let provider_ident = ident(&provider.name);
    let op = ident(&e.operation_const);
    let method = ident(&paging.stream_method);
    let request_ty = ident(&e.request.name);
    let item = types::rust_type(&paging.item, ctx);
    let (offset, limit, items) = (&paging.offset, &paging.limit, &paging.items);
    let default_limit = paging.default_limit;
    let total = opt_str(paging.total.as_deref());
    let max_offset = match paging.max_offset {
        Some(m) => quote!(Some(#m)),
        None => quote!(None),
    };
    let cursor = match &paging.cursor {
        Some(c) => {
            let (key, filters, filter, orders, order) =
                (&c.key, &c.filters, &c.filter, &c.orders, &c.order);
            quote!(Some(bindery_runtime::Cursor {
                key: #key,
                filters: #filters,
                filter: #filter,
                orders: #orders,
                order: #order,
            }))
        }
        None => quote!(None),
    };
    let mut p = vec![format!(
        "Every record of [`Client::{}`](crate::{}::Client::{}), fetched page by page as the \
         stream is read (one page in memory at a time).",
        e.method_name, provider.name, e.method_name
    )];
    let mut how = format!(
        "Pages by {} and {} (default page size {default_limit}) until the records in {} run \
         out",
        docs::code(offset),
        docs::code(limit),
        docs::code(items)
    );
    if let Some(total) = &paging.total {
        how.push_str(&format!(" or {} is reached", docs::code(total)));
    }
    how.push('.');
    if let (Some(max), Some(c)) = (paging.max_offset, &paging.cursor) {
        how.push_str(&format!(
            " The vendor accepts offsets up to {max}; past that the stream asks for records \
             whose {} is greater than the last one seen, so records arrive ordered by {} \
             (the request's own {} is replaced).",
            docs::code(&c.key),
            docs::code(&c.key),
            docs::code(&c.orders)
        ));
    }
    p.push(how);
    p.push(
        "The request is checked before the first page; an invalid request, a failed page or \
         a record that does not decode is the stream's last item."
            .to_owned(),
    );
    p.push(super::feature_note(provider, &e.feature));
    let request_path = public_path(provider, e, &e.request.name, &TypeHome::Local);
    p.push(
        [
            "# Example".to_owned(),
            String::new(),
            format!(
                "Read it with [`StreamExt`](crate::{0}::StreamExt) (re-exported by `bindery::{0}`):",
                provider.name
            ),
            String::new(),
            "```".to_owned(),
            format!("use bindery::{}::StreamExt;", provider.name),
            String::new(),
        ]
        .into_iter()
        .chain(doctest_allow(e))
        .chain([
            format!(
                "# async fn example(client: &bindery::{}::Client, request: {request_path}) -> Result<(), bindery::Error> {{",
                provider.name
            ),
            format!("let mut records = client.{}(&request);", paging.stream_method),
            "while let Some(record) = records.next().await {".to_owned(),
            "    println!(\"{:?}\", record?);".to_owned(),
            "}".to_owned(),
            "# Ok(())".to_owned(),
            "# }".to_owned(),
            "```".to_owned(),
        ])
        .collect::<Vec<_>>()
        .join("\n"),
    );
    if let Some(note) = deprecation_note(e) {
        p.insert(1, format!("**Deprecated:** {note}"));
    }
    let doc = docs::attrs(&p);
    let deprecated = deprecated_attr(e);
    let refuse = usepoint::stream_refusal(e, &provider.name);
    quote! {
        #doc
        #deprecated
        pub fn #method(&self, request: &#request_ty) -> bindery_runtime::ItemStream<'static, #item> {
            #refuse
            static PAGINATION: bindery_runtime::Pagination = bindery_runtime::Pagination {
                offset: #offset,
                limit: #limit,
                default_limit: #default_limit,
                total: #total,
                items: #items,
                max_offset: #max_offset,
                cursor: #cursor,
            };
            self.inner.paginate(&crate::#provider_ident::operations::#op, &PAGINATION, request)
        }
    }
}
