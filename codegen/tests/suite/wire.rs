//! The wire tests the emitter writes for a provider whose protocol has a testkit checker
//! (`codegen/tests/fixtures/emit/wire/`, one endpoint per choice it makes), and none for one
//! without.

use std::collections::BTreeMap;

use quote::quote;

use crate::support::{self, lowered};

fn generate(rel: &str) -> BTreeMap<String, String> {
    let ir = lowered(&support::fixture(rel));
    bindery_codegen::emit::generate(&ir).unwrap_or_else(|e| panic!("fixture emits: {e}"))
}

/// The test functions of an examples file whose names end in `_over_the_wire`, by name.
fn wire_tests(text: &str) -> BTreeMap<String, syn::ItemFn> {
    let file = syn::parse_file(text).unwrap_or_else(|e| panic!("does not parse: {e}"));
    file.items
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Fn(f) if f.sig.ident.to_string().ends_with("_over_the_wire") => {
                Some((f.sig.ident.to_string(), f))
            }
            _ => None,
        })
        .collect()
}

/// One function as the emitter prints it, so token-level noise (trailing commas) compares
/// equal.
fn pretty(item: syn::ItemFn) -> String {
    let file: syn::File = syn::parse_quote!(#item);
    prettyplease::unparse(&file)
}

#[test]
fn every_endpoint_with_a_request_example_gets_one_wire_test() {
    let files = generate("emit/wire");
    let tests = wire_tests(&files["generated/tests/examples/sign.rs"]);
    let names: Vec<&str> = tests.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "create_seal_created_over_the_wire",
            "delete_seal_unknown_seal_over_the_wire",
            "describe_seals_first_page_over_the_wire",
        ]
    );
}

#[test]
fn the_success_example_is_replayed_and_checked_by_the_testkit() {
    let files = generate("emit/wire");
    let text = &files["generated/tests/examples/sign.rs"];
    let tests = wire_tests(text);
    let actual = &tests["create_seal_created_over_the_wire"];
    let expected = quote! {
        #[cfg(feature = "sign-create_seal")]
        #[tokio::test]
        async fn create_seal_created_over_the_wire() {
            let wire = crate::support::Wire::<bindery::sign::CreateSealRequest>::start(
                "api-spec/sign/create_seal.yaml example `created` over the wire",
                r#"{"Name":"round"}"#,
                r#"{"Response":{"SealId":"s-1","RequestId":"r-1"}}"#,
            )
            .await;
            let result = wire_client(&wire).create_seal(&wire.request).await;
            wire.assert_answered(result, "Response");
            let call = bindery_testkit::tencent::Call {
                action: "CreateSeal",
                service: "sgn",
                version: "2024-01-02",
                body: &wire.expected,
                sent_after: wire.sent_after
            };
            bindery_testkit::tencent::assert_call(&wire.server, &call).await;
        }
    };
    let expected = syn::parse2::<syn::ItemFn>(expected).expect("expected test parses");
    assert_eq!(pretty(actual.clone()), pretty(expected));
    // The client every wire test of the file calls: the testkit's keys, one attempt.
    let client = quote! {
        #[allow(dead_code, reason = "called by the wire tests of the endpoints built")]
        fn wire_client<R>(wire: &crate::support::Wire<R>) -> bindery::sign::Client {
            bindery::sign::Client::builder()
                .base_url(wire.server.uri())
                .credentials(bindery::sign::Credentials::new(
                    bindery_testkit::tencent::SECRET_ID,
                    bindery_testkit::tencent::SECRET_KEY
                ))
                .retry(bindery::runtime::RetryPolicy::none())
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .expect("client builds")
        }
    };
    let client = syn::parse2::<syn::ItemFn>(client).expect("expected client parses");
    let file = syn::parse_file(text).expect("the file parses");
    let found = file.items.into_iter().find_map(|item| match item {
        syn::Item::Fn(mut f) if f.sig.ident == "wire_client" => {
            f.attrs.retain(|a| !a.path().is_ident("doc"));
            Some(f)
        }
        _ => None,
    });
    assert_eq!(
        found.map(pretty),
        Some(pretty(client)),
        "one `wire_client` in the file"
    );
}

#[test]
fn an_error_example_expects_the_vendor_error_and_a_bare_request_only_the_request() {
    let files = generate("emit/wire");
    let tests = wire_tests(&files["generated/tests/examples/sign.rs"]);
    let error = &tests["delete_seal_unknown_seal_over_the_wire"];
    let text = quote!(#error).to_string();
    for wanted in [
        quote!(wire.assert_vendor_error(result, "InvalidParameter");),
        quote!(action: "DeleteSeal",),
    ] {
        assert!(
            text.contains(&wanted.to_string()),
            "{wanted} missing from {text}"
        );
    }
    let bare = &tests["describe_seals_first_page_over_the_wire"];
    let text = quote!(#bare).to_string();
    for wanted in [
        quote!(r"{}",),
        quote!(let _ = result;),
        quote!(bindery_testkit::tencent::assert_call(&wire.server, &call).await;),
    ] {
        assert!(
            text.contains(&wanted.to_string()),
            "{wanted} missing from {text}"
        );
    }
    assert!(!text.contains("assert_answered"), "{text}");
    // What the verdicts check is written once, in the support file.
    let support = &files["generated/tests/examples/support.rs"];
    for wanted in [
        quote!(assert!(error.vendor().is_some(), "{source}: expected Error::Vendor, got {error:?}");),
        quote!(assert_eq!(error.vendor_code(), Some(code), "{source}: {error}");),
        quote!(let server = bindery_testkit::server::WireServer::answering(200, answer).await;),
    ] {
        let tokens: proc_macro2::TokenStream = support.parse().expect("support lexes");
        assert!(
            tokens.to_string().contains(&wanted.to_string()),
            "{wanted} missing from {support}"
        );
    }
}

#[test]
fn an_endpoint_without_a_request_example_is_named_in_the_file() {
    let files = generate("emit/wire");
    let text = &files["generated/tests/examples/sign.rs"];
    assert!(
        text.contains(
            "//! Endpoints without a wire test, because they have no request example:\n\
             //! - `api-spec/sign/renew_seal.yaml` (`renew_seal`)\n"
        ),
        "{text}"
    );
    assert!(!text.contains("renew_seal_"), "{text}");
}

#[test]
fn only_crates_with_wire_tests_depend_on_the_testkit() {
    let wire = generate("emit/wire");
    assert!(wire["generated/Cargo.toml"].contains(
        "[dev-dependencies]\nbindery = { path = \".\", default-features = false, features = [\"serialize\", \"deserialize\"] }\nbindery-testkit.workspace = true\ntokio.workspace = true\n"
    ));
    // The mini fixture's protocol (fxiaoke) has no checker: no wire tests, no testkit.
    let mini = generate("emit/mini");
    assert!(!mini["generated/Cargo.toml"].contains("bindery-testkit"));
    for (name, text) in &mini {
        assert!(!text.contains("_over_the_wire"), "{name}");
    }
}

#[test]
fn the_codegen_summary_names_endpoints_without_a_wire_test() {
    let dir = tempfile::tempdir().expect("temp dir");
    support::copy_dir(&support::fixture("emit/wire"), &dir.path().join("api-spec"));
    let (report, _) = bindery_codegen::sync::outputs(dir.path()).expect("fixture generates");
    let summary = report.summary(bindery_codegen::sync::Mode::Check);
    let second = summary.lines().nth(1).unwrap_or_default();
    assert_eq!(
        second,
        "codegen: 1 endpoint(s) without a wire test (no request example): \
         `api-spec/sign/renew_seal.yaml` (`renew_seal`)"
    );
    // A protocol without wire tests has nothing to report: the summary stays one line.
    let mini = tempfile::tempdir().expect("temp dir");
    support::copy_dir(
        &support::fixture("emit/mini"),
        &mini.path().join("api-spec"),
    );
    let (report, _) = bindery_codegen::sync::outputs(mini.path()).expect("mini generates");
    assert_eq!(
        report
            .summary(bindery_codegen::sync::Mode::Check)
            .lines()
            .count(),
        1
    );
}
