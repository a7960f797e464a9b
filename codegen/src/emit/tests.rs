//! Tests generated from the spec's examples: every documented request parses into its type
//! and serialises back to the same JSON; every response decodes through the runtime's
//! envelope handling and keeps its values; every error example becomes the vendor error with
//! its documented code.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{EmitError, GENERATED_DIR, json_literal, rust_file};
use crate::ir::{Endpoint, Kind, Provider};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn type_path(p: &Provider, e: &Endpoint, name: &str) -> TokenStream {
    let provider = ident(&p.name);
    let modules = e.modules.iter().map(|m| ident(m));
    let name = ident(name);
    quote!(bindery::#provider #(::#modules)* ::#name)
}

fn endpoint_tests(p: &Provider, e: &Endpoint) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let mut parts = e.modules.clone();
    parts.push(e.module.clone());
    let prefix = parts.join("_");
    let provider = ident(&p.name);
    let op = ident(&e.operation_const);
    let request_ty = type_path(p, e, &e.request.name);
    let cfg = super::cfg_feature(&e.feature);
    for x in &e.examples {
        let source = format!("{} example `{}`", e.source, x.name);
        if let Some(request) = &x.request {
            let name = ident(&format!("{prefix}_{}_request_round_trips", x.name));
            let text = json_literal(request);
            let redirect = e.kind == Kind::Redirect;
            let binding = if redirect {
                quote!((request, expected))
            } else {
                quote!((request, _))
            };
            // A vendor may show an invalid request on purpose in an error example; only the
            // other examples must pass the client-side checks.
            let validate = x
                .error_code
                .is_none()
                .then(|| quote!(crate::support::assert_valid(&request, #source);));
            let redirect = redirect.then(|| {
                let method = ident(&e.method_name);
                let allow = e.deprecated.is_some().then(|| quote!(#[allow(deprecated)]));
                quote! {
                    let client = bindery::#provider::Client::builder()
                        .base_url("https://vendor.example")
                        .build()
                        .expect("client builds");
                    #allow
                    let url = client.#method(&request).expect("URL builds");
                    crate::support::assert_query(&url, &expected, #source);
                }
            });
            let check = if validate.is_none() && redirect.is_none() {
                quote!(crate::support::round_trip::<#request_ty>(#text, #source);)
            } else {
                quote! {
                    let #binding: (#request_ty, _) = crate::support::round_trip(#text, #source);
                    #validate
                    #redirect
                }
            };
            out.push(quote! {
                #cfg
                #[test]
                fn #name() {
                    #check
                }
            });
        }
        if let (Some(response), true) = (&x.response, e.kind == Kind::Call) {
            // A call answered with no body has `()` for its result.
            let response_ty = match &e.response {
                Some(r) => type_path(p, e, &r.name),
                None => quote!(()),
            };
            let text = json_literal(response);
            let op = quote!(&bindery::#provider::operations::#op);
            let (name, check) = match &x.error_code {
                None => {
                    let result_path = e.envelope.result.clone().unwrap_or_default();
                    (
                        format!("{prefix}_{}_response_decodes", x.name),
                        quote! {
                            crate::support::assert_decodes::<#response_ty>(#op, #result_path, #text, #source);
                        },
                    )
                }
                Some(code) => (
                    format!("{prefix}_{}_is_vendor_error", x.name),
                    quote! {
                        crate::support::assert_vendor_error::<#response_ty>(#op, #code, #text, #source);
                    },
                ),
            };
            let name = ident(&name);
            out.push(quote! {
                #cfg
                #[test]
                fn #name() {
                    #check
                }
            });
        }
    }
    out
}

/// The example tests of one provider (`generated/tests/examples/<provider>.rs`), with its
/// wire tests when its protocol has them, when it has any of either (or endpoints that
/// lack a wire test, which the file's docs then name).
pub fn provider_file(p: &Provider) -> Result<Option<(String, String)>, EmitError> {
    let tests: Vec<TokenStream> = p
        .root
        .all_endpoints()
        .into_iter()
        .flat_map(|e| endpoint_tests(p, e))
        .collect();
    let wire = super::wire_tests::provider_tests(p);
    let untested = super::wire_tests::untested(p);
    let served = served_answers_test(p);
    if tests.is_empty() && untested.is_empty() && served.is_none() {
        return Ok(None);
    }
    let mut paragraphs = vec![format!(
        "Tests generated from the examples in `{}`.",
        p.root.source
    )];
    if p.protocol.wire_test.is_some() {
        paragraphs.push(
            "Each endpoint with a request example is also called through its client method\n\
             against a local server (`*_over_the_wire`), which checks the request it received\n\
             with `bindery-testkit`."
                .to_owned(),
        );
    }
    if !untested.is_empty() {
        let list: Vec<String> = untested.iter().map(|u| format!("- {u}")).collect();
        paragraphs.push(format!(
            "Endpoints without a wire test, because they have no request example:\n{}",
            list.join("\n")
        ));
    }
    let doc = super::docs::inner_attrs(&paragraphs);
    // Each test is built with its endpoint's feature, so the helpers are named in full
    // (an import would be unused when none is).
    let tokens = quote! {
        #doc

        #(#tests)*

        #(#wire)*

        #served
    };
    let name = format!("{}.rs", p.name);
    let path = format!("{GENERATED_DIR}/tests/examples/{name}");
    Ok(Some((name, rust_file(&path, &p.root.source, tokens)?)))
}

/// With the `mock` feature: every call built is in the provider's mock table, each of its
/// answers decodes as the client decodes it (a success into the response type, an error
/// into the vendor error with its code), and its default answer is a success.
fn served_answers_test(p: &Provider) -> Option<TokenStream> {
    let provider = ident(&p.name);
    let checks: Vec<TokenStream> = p
        .root
        .all_endpoints()
        .into_iter()
        .filter(|e| e.kind == Kind::Call)
        .map(|e| {
            let cfg = super::cfg_feature(&e.feature);
            let request = type_path(p, e, &e.request.name);
            quote! {
                #cfg
                crate::support::served_answers_decode::<#request>(&bindery::#provider::mock::PROVIDER)
            }
        })
        .collect();
    if checks.is_empty() {
        return None;
    }
    let name = ident(&format!("{}_mock_answers_decode", p.name));
    Some(quote! {
        #[cfg(feature = "mock")]
        #[test]
        fn #name() {
            let checked: &[&str] = &[#(#checks),*];
            let served: Vec<&str> = bindery::#provider::mock::PROVIDER
                .endpoints
                .iter()
                .map(|endpoint| endpoint.operation.name)
                .collect();
            assert_eq!(served, checked, "the mock table serves every call built, in order");
        }
    })
}

/// `generated/tests/examples/main.rs`, written as text in rustfmt's style: it is the one
/// generated file `cargo fmt` formats, because a test crate's root cannot opt out.
pub fn main_file(providers: &[&Provider]) -> String {
    let features: Vec<String> = providers
        .iter()
        .map(|p| format!("feature = \"{}\"", p.client_feature))
        .collect();
    // `any` of one would be clippy's `non_minimal_cfg`.
    let support_cfg = match features.as_slice() {
        [one] => format!("#[cfg({one})]"),
        all => format!("#[cfg(any({}))]", all.join(", ")),
    };
    let mut out = format!(
        "{}//! Tests generated from the examples in `api-spec/`: every request example\n\
         //! round-trips through its request type, every response example decodes, every error\n\
         //! example becomes the vendor error with its code; with the `mock` feature, every\n\
         //! answer of the mock tables decodes.\n\
         \n\
         // The modules are formatted by the generator (prettyplease), not by rustfmt. The\n\
         // helpers are built with a provider's tests; each test is built with its endpoint's\n\
         // feature, so a build with some endpoints calls only some helpers.\n\
         {support_cfg}\n\
         #[rustfmt::skip]\n\
         #[allow(dead_code, reason = \"each helper serves the tests of the endpoints built\")]\n\
         mod support;\n",
        super::header("api-spec/")
    );
    for p in providers {
        out.push_str(&format!(
            "\n#[cfg(feature = \"{}\")]\n#[rustfmt::skip]\nmod {};\n",
            p.client_feature, p.name
        ));
    }
    out
}
