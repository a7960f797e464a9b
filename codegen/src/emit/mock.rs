//! A provider's `mock` module (cargo feature `mock`): the tables a server that plays the
//! vendor serves the provider from (`bindery_runtime::served`, used by crate `bindery-mock`),
//! and `bindery_runtime::Endpoint` for every request type of a call.
//!
//! Everything comes from the IR: the protocol's spec name and constructor arguments, the
//! envelope, each call's operation, request and response types and examples, the token
//! sources. A redirect endpoint (a URL for a browser, no answer) is neither served nor an
//! `Endpoint`. An endpoint whose spec has no success example gets one made from its
//! response type ([`placeholder::success_answer`]), named [`SYNTHESIZED`], last, so a fresh
//! mock answers every call.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::operations::auth_kind_path;
use super::{docs, placeholder};
use crate::ir::{Endpoint, Kind, Provider, TokenSource};

/// The name of an answer the emitter made because the spec has no success example.
pub const SYNTHESIZED: &str = "synthesized";

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The endpoints the mock serves: every call (a redirect sends nothing to answer).
fn served(p: &Provider) -> Vec<&Endpoint> {
    p.root
        .all_endpoints()
        .into_iter()
        .filter(|e| e.kind == Kind::Call)
        .collect()
}

/// `super::<folders>::<name>`: a type of the endpoint as the provider module re-exports it.
fn endpoint_type(e: &Endpoint, name: &str) -> TokenStream {
    let modules = e.modules.iter().map(|m| ident(m));
    let name = ident(name);
    quote!(super:: #(#modules::)* #name)
}

/// The endpoint's response type as its client method returns it (`()` with no body).
fn response_type(e: &Endpoint) -> TokenStream {
    match &e.response {
        Some(r) => endpoint_type(e, &r.name),
        None => quote!(()),
    }
}

/// Whether an endpoint's examples include a success answer.
fn has_success_example(e: &Endpoint) -> bool {
    e.examples
        .iter()
        .any(|x| x.response.is_some() && x.error_code.is_none())
}

/// The calls that get a synthesized answer (those with no success example in the spec), as
/// `` `<spec file>` (`<method>`) ``.
pub fn synthesized(p: &Provider) -> Vec<String> {
    served(p)
        .into_iter()
        .filter(|e| !has_success_example(e))
        .map(|e| format!("`{}` (`{}`)", e.source, e.method_name))
        .collect()
}

fn example(
    name: &str,
    request: Option<&serde_json::Value>,
    response: &serde_json::Value,
    error_code: Option<&str>,
) -> TokenStream {
    let request = match request {
        Some(json) => {
            let json = super::json_literal(json);
            quote!(Some(#json))
        }
        None => quote!(None),
    };
    let response = super::json_literal(response);
    let code = match error_code {
        Some(code) => quote!(Some(#code)),
        None => quote!(None),
    };
    quote! {
        bindery_runtime::served::ServedExample {
            name: #name,
            request: #request,
            response: #response,
            error_code: #code,
        }
    }
}

fn served_endpoint(p: &Provider, e: &Endpoint) -> TokenStream {
    let cfg = super::cfg_feature(&e.feature);
    let op = ident(&e.operation_const);
    let request = endpoint_type(e, &e.request.name);
    let mut examples: Vec<TokenStream> = e
        .examples
        .iter()
        .filter_map(|x| {
            let response = x.response.as_ref()?;
            Some(example(
                &x.name,
                x.request.as_ref(),
                response,
                x.error_code.as_deref(),
            ))
        })
        .collect();
    if !has_success_example(e) {
        let answer = placeholder::success_answer(p, e);
        examples.push(example(SYNTHESIZED, None, &answer, None));
    }
    quote! {
        #cfg
        bindery_runtime::served::ServedEndpoint {
            operation: &super::operations::#op,
            check: bindery_runtime::served::check_request::<#request>,
            examples: &[#(#examples),*],
        }
    }
}

fn served_token(t: &TokenSource) -> TokenStream {
    let cfg = super::cfg_feature(&t.feature);
    let auth = auth_kind_path(t.auth);
    let (operation, value, lifetime) = (&t.operation, &t.value_json, &t.lifetime_json);
    let fields = t.fields.iter().map(|(json, _)| json);
    quote! {
        #cfg
        bindery_runtime::served::ServedToken {
            auth: #auth,
            operation: #operation,
            value: #value,
            lifetime: #lifetime,
            fields: &[#(#fields),*],
        }
    }
}

/// `impl bindery_runtime::Endpoint` for the request type of a call.
fn endpoint_impl(e: &Endpoint) -> TokenStream {
    let cfg = super::cfg_feature(&e.feature);
    let request = endpoint_type(e, &e.request.name);
    let response = response_type(e);
    let op = ident(&e.operation_const);
    quote! {
        #cfg
        impl bindery_runtime::Endpoint for #request {
            type Response = #response;
            const OPERATION: &'static bindery_runtime::Operation = &super::operations::#op;
        }
    }
}

/// The tokens of `<provider>/mock.rs`.
pub(super) fn mock_rs(p: &Provider) -> TokenStream {
    let endpoints = served(p);
    let name = &p.name;
    let protocol = p.protocol.name;
    let args = &p.protocol_args;
    let envelope = ident(&p.envelope.item);
    let tables = endpoints.iter().map(|e| served_endpoint(p, e));
    let tokens = p.token_sources.iter().map(served_token);
    let impls = endpoints.iter().map(|e| endpoint_impl(e));
    let module = docs::inner_attrs(&[
        format!(
            "The spec of `{name}` as a server that plays the vendor serves it (crate \
             `bindery-mock`): [`PROVIDER`](crate::{name}::mock::PROVIDER), and \
             `bindery_runtime::Endpoint` for the request type of every call, linking it to its \
             operation and response type."
        ),
        "Each endpoint is in the table, and has its impl, only when its group's cargo feature \
         builds it."
            .to_owned(),
    ]);
    let doc = docs::attrs(&[
        format!(
            "`{name}` for a mock server: its protocol ({}) and envelope, every call built \
             (operation, request check, the spec's examples that have an answer, with their \
             requests, in spec order), and the token endpoints.",
            docs::code(protocol)
        ),
        format!(
            "A call whose spec has no success example has one made from its response type \
             (the doc examples' placeholder values in the provider's envelope), named \
             `{SYNTHESIZED}`, last."
        ),
    ]);
    quote! {
        #module

        #doc
        pub static PROVIDER: bindery_runtime::served::ServedProvider =
            bindery_runtime::served::ServedProvider {
                provider: #name,
                protocol: #protocol,
                protocol_args: &[#(#args),*],
                envelope: &super::operations::#envelope,
                endpoints: &[#(#tables),*],
                tokens: &[#(#tokens),*],
            };

        #(#impls)*
    }
}
