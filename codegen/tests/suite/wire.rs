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
    let tests = wire_tests(&files["generated/tests/examples/sign.rs"]);
    let actual = &tests["create_seal_created_over_the_wire"];
    let request = "{\n  \"Name\": \"round\"\n}";
    let response =
        "{\n  \"Response\": {\n    \"SealId\": \"s-1\",\n    \"RequestId\": \"r-1\"\n  }\n}";
    let expected = quote! {
        #[cfg(feature = "sign-create_seal")]
        #[tokio::test]
        async fn create_seal_created_over_the_wire() {
            let source = "api-spec/sign/create_seal.yaml example `created` over the wire";
            let expected: serde_json::Value = serde_json::from_str(#request).expect("example is JSON");
            let request: bindery::sign::CreateSealRequest = serde_json::from_value(expected.clone())
                .unwrap_or_else(|e| panic!("{source}: request does not parse: {e}"));
            let server = bindery_testkit::server::WireServer::answering(200, #response).await;
            let client = bindery::sign::Client::builder()
                .base_url(server.uri())
                .credentials(bindery::sign::Credentials::new(
                    bindery_testkit::tencent::SECRET_ID,
                    bindery_testkit::tencent::SECRET_KEY
                ))
                .retry(bindery::runtime::RetryPolicy::none())
                .timeout(std::time::Duration::from_secs(10))
                .build()
                .expect("client builds");
            let sent_after = bindery_testkit::unix_secs();
            let result = client.create_seal(&request).await;
            let response = result.unwrap_or_else(|e| panic!("{source}: the call failed: {e}"));
            let whole: serde_json::Value = serde_json::from_str(#response).expect("example is JSON");
            let decoded = serde_json::to_value(&response).expect("response serialises");
            crate::support::assert_contained(&decoded, crate::support::super_path(&whole, "Response"), source);
            let call = bindery_testkit::tencent::Call {
                action: "CreateSeal",
                service: "sgn",
                version: "2024-01-02",
                body: &expected,
                sent_after
            };
            bindery_testkit::tencent::assert_call(&server, &call).await;
        }
    };
    let expected = syn::parse2::<syn::ItemFn>(expected).expect("expected test parses");
    assert_eq!(pretty(actual.clone()), pretty(expected));
}

#[test]
fn an_error_example_expects_the_vendor_error_and_a_bare_request_only_the_request() {
    let files = generate("emit/wire");
    let tests = wire_tests(&files["generated/tests/examples/sign.rs"]);
    let error = &tests["delete_seal_unknown_seal_over_the_wire"];
    let text = quote!(#error).to_string();
    for wanted in [
        quote!(assert!(error.vendor().is_some(), "{source}: expected Error::Vendor, got {error:?}");),
        quote!(assert_eq!(error.vendor_code(), Some("InvalidParameter"), "{source}: {error}");),
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
        quote!(WireServer::answering(200, "{}")),
        quote!(let _ = result;),
        quote!(bindery_testkit::tencent::assert_call(&server, &call).await;),
    ] {
        assert!(
            text.contains(&wanted.to_string()),
            "{wanted} missing from {text}"
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
        "[dev-dependencies]\nbindery-testkit.workspace = true\ntokio.workspace = true\n"
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
