//! Wire tests generated per endpoint, for providers whose protocol has a checker in
//! `bindery-testkit` ([`WireTestDef`] in the protocol table): the endpoint's generated method
//! is called against a local server answering the example's response, the verdict is
//! asserted (success decodes, an error example is `Error::Vendor` with its code), and the
//! request the server received is checked by the testkit (headers, signature recomputed
//! independently of the runtime, exact JSON body).
//!
//! Which example: the first with a request and a success response, else the first with a
//! request. An endpoint with no request example gets no wire test — a request built from
//! required fields alone would need values the spec does not give (patterns, enums, nested
//! structures) — and is listed by [`untested`], which the examples file names in its docs.
//! A fallback example without any response is answered `{}` and only its request is checked.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{json_literal, raw_string};
use crate::ir::{Endpoint, Example, Kind, Provider};
use crate::protocols::{Presence, WireTestDef};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The example a wire test replays, if the endpoint has one with a request.
fn chosen(e: &Endpoint) -> Option<(&Example, &serde_json::Value)> {
    let with_request = || {
        e.examples
            .iter()
            .filter_map(|x| x.request.as_ref().map(|r| (x, r)))
    };
    with_request()
        .find(|(x, _)| x.response.is_some() && x.error_code.is_none())
        .or_else(|| with_request().next())
}

/// The endpoints of `p` its protocol would test on the wire but that have no request
/// example, as `` `<spec file>` (`<method>`) ``; empty when the protocol has no wire tests.
pub fn untested(p: &Provider) -> Vec<String> {
    if p.protocol.wire_test.is_none() {
        return Vec::new();
    }
    p.root
        .all_endpoints()
        .into_iter()
        .filter(|e| e.kind == Kind::Call && chosen(e).is_none())
        .map(|e| format!("`{}` (`{}`)", e.source, e.method_name))
        .collect()
}

/// One wire test per endpoint of `p` that has a request example, when its protocol has a
/// testkit checker.
pub fn provider_tests(p: &Provider) -> Vec<TokenStream> {
    let Some(def) = &p.protocol.wire_test else {
        return Vec::new();
    };
    let tests: Vec<TokenStream> = p
        .root
        .all_endpoints()
        .into_iter()
        .filter_map(|e| endpoint_test(p, e, def))
        .collect();
    if tests.is_empty() {
        return tests;
    }
    let mut out = vec![wire_client(p, def)];
    out.extend(tests);
    out
}

/// The provider's client as every wire test of its file builds it.
fn wire_client(p: &Provider, def: &WireTestDef) -> TokenStream {
    let provider = ident(&p.name);
    let kit = ident(def.testkit_module);
    let constructor = ident(def.credentials_constructor);
    let credential_args = def.credential_args.iter().map(|a| ident(a));
    quote! {
        /// The client a wire test calls: the testkit's credentials, against the test's
        /// server, with one attempt (the checks expect exactly one request, also for
        /// retryable codes).
        #[allow(dead_code, reason = "called by the wire tests of the endpoints built")]
        fn wire_client<R>(wire: &crate::support::Wire<R>) -> bindery::#provider::Client {
            bindery::#provider::Client::builder()
                .base_url(wire.server.uri())
                .credentials(bindery::#provider::Credentials::#constructor(#(bindery_testkit::#kit::#credential_args),*))
                .retry(bindery::runtime::RetryPolicy::none())
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .expect("client builds")
        }
    }
}

/// The `Call` fields besides `body` and `sent_after`: the action, when the protocol names
/// actions, and the protocol's constructor arguments.
fn call_fields(p: &Provider, e: &Endpoint) -> Vec<TokenStream> {
    let mut fields = Vec::new();
    if let (Presence::Required, Some(action)) = (p.protocol.action, &e.action) {
        fields.push(quote!(action: #action,));
    }
    for (name, value) in p
        .protocol
        .construct
        .arg_names()
        .iter()
        .zip(&p.protocol_args)
    {
        let name = ident(name);
        fields.push(quote!(#name: #value,));
    }
    fields
}

/// What the test asserts about the call's result.
fn verdict(e: &Endpoint, x: &Example) -> TokenStream {
    let result_path = e.envelope.result.clone().unwrap_or_default();
    match (&x.response, &x.error_code) {
        (Some(_), None) => quote!(wire.assert_answered(result, #result_path);),
        (_, Some(code)) => quote!(wire.assert_vendor_error(result, #code);),
        // No response in the example: nothing to assert about the result.
        (None, None) => quote!(let _ = result;),
    }
}

fn endpoint_test(p: &Provider, e: &Endpoint, def: &WireTestDef) -> Option<TokenStream> {
    if e.kind != Kind::Call || e.response.is_none() {
        return None;
    }
    let (x, request) = chosen(e)?;
    let mut parts = e.modules.clone();
    parts.push(e.module.clone());
    let name = ident(&format!("{}_{}_over_the_wire", parts.join("_"), x.name));
    let source = format!("{} example `{}` over the wire", e.source, x.name);
    let provider = ident(&p.name);
    let modules = e.modules.iter().map(|m| ident(m));
    let request_ty = ident(&e.request.name);
    let method = ident(&e.method_name);
    let kit = ident(def.testkit_module);
    let request_text = json_literal(request);
    let answer = x
        .response
        .as_ref()
        .map_or_else(|| raw_string("{}"), json_literal);
    let fields = call_fields(p, e);
    let verdict = verdict(e, x);
    // The test calls the method on purpose, deprecated or not.
    let allow_deprecated = if e.deprecated.is_some() {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    };
    let cfg = super::cfg_feature(&e.feature);
    Some(quote! {
        #cfg
        #allow_deprecated
        #[tokio::test]
        async fn #name() {
            let wire = crate::support::Wire::<bindery::#provider #(::#modules)* ::#request_ty>::start(
                #source, #request_text, #answer,
            ).await;
            let result = wire_client(&wire).#method(&wire.request).await;
            #verdict
            let call = bindery_testkit::#kit::Call { #(#fields)* body: &wire.expected, sent_after: wire.sent_after };
            bindery_testkit::#kit::assert_call(&wire.server, &call).await;
        }
    })
}
