//! A provider's `operations` module: its envelope and every operation as data.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::docs;
use crate::ir::{Endpoint, Envelope, HttpMethod, Provider, RateLimitScope};
use crate::protocols::AuthDef;

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `bindery_runtime::AuthKind::<variant>` of an auth kind.
pub(super) fn auth_kind_path(auth: &AuthDef) -> TokenStream {
    let variant = ident(auth.runtime_variant);
    quote!(bindery_runtime::AuthKind::#variant)
}

fn opt_str(v: Option<&str>) -> TokenStream {
    match v {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
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
    let auth = match e.auth {
        None => quote!(None),
        Some(auth) => {
            let path = auth_kind_path(auth);
            quote!(Some(#path))
        }
    };
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
    let secrets = &e.secret_fields;
    let query = &e.query_fields;
    let shape = |bare: bool| match bare {
        true => quote!(bindery_runtime::BodyShape::Array),
        false => quote!(bindery_runtime::BodyShape::Object),
    };
    let request_body = shape(e.request.bare);
    let response_body = shape(e.response.as_ref().is_some_and(|r| r.bare));
    let envelope = {
        let item = ident(&e.envelope.item);
        match e.envelope.name {
            None => quote!(#item),
            Some(_) => quote!(envelopes::#item),
        }
    };
    let doc = docs::line(&format!(
        "{}: {} (from {}). {}",
        docs::code(&e.vendor_name),
        docs::code(&format!("{} {}", e.http_method.as_str(), e.path)),
        docs::code(&e.source),
        super::feature_note(p, &e.feature)
    ));
    let cfg = super::cfg_feature(&e.feature);
    quote! {
        #doc
        #cfg
        pub static #name: bindery_runtime::Operation = bindery_runtime::Operation {
            provider: #provider,
            name: #vendor,
            method: #method,
            path: #path,
            action: #action,
            auth: #auth,
            idempotent: #idempotent,
            envelope: &#envelope,
            rate_limit: #limit,
            secret_fields: &[#(#secrets),*],
            query: &[#(#query),*],
            request_body: #request_body,
            response_body: #response_body,
        };
    }
}

/// The `static` of one envelope.
fn envelope(env: &Envelope) -> TokenStream {
    let item = ident(&env.item);
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
    let flag = match &env.flag {
        Some((path, success)) => quote!(Some(bindery_runtime::EnvelopeFlag {
            path: #path,
            success: #success,
        })),
        None => quote!(None),
    };
    let doc = match &env.name {
        None => docs::line(
            "Where the vendor puts its result code, message, request id and result, for every \
             operation that names no other envelope.",
        ),
        Some(name) => docs::line(&format!(
            "The envelope {}: where the operations that answer in it have their result \
             code, message, request id and result.",
            docs::code(name)
        )),
    };
    quote! {
        #doc
        pub static #item: bindery_runtime::Envelope = bindery_runtime::Envelope {
            code: #code,
            success: #success,
            message: #message,
            request_id: #request_id,
            result: #result,
            flag: #flag,
        };
    }
}

/// The tokens of `operations.rs`.
pub(super) fn operations_rs(p: &Provider) -> TokenStream {
    let default = envelope(&p.envelope);
    let named = (!p.envelopes.is_empty()).then(|| {
        let statics = p.envelopes.iter().map(envelope);
        quote! {
            /// The provider's other envelopes, for the operations that answer in another
            /// shape than [`ENVELOPE`].
            pub mod envelopes {
                #(#statics)*
            }
        }
    });
    let mut endpoints = p.root.all_endpoints();
    endpoints.sort_by(|a, b| a.operation_const.cmp(&b.operation_const));
    let ops = endpoints.iter().map(|e| operation(p, e));
    quote! {
        //! Every operation of this provider as data: path, authentication, retry safety and
        //! rate limit. The client methods pass these to the runtime; they are public so that
        //! callers can inspect them (for logging, or for their own retry rules).

        #default

        #named

        #(#ops)*
    }
}
