//! `generated/tests/examples/support.rs`: the checks every generated example and wire test
//! runs, written once. Each generated test is a call naming its types and its example's
//! text; the work (parsing, comparing, the messages naming the example) is here, so the
//! test files stay small to generate and to compile.

use proc_macro2::TokenStream;
use quote::quote;

use super::{EmitError, GENERATED_DIR, rust_file, wire_tests};
use crate::ir::{Kind, Provider};

/// Which helpers the tests of one provider call, read from its endpoints the way
/// [`super::tests`] and [`super::wire_tests`] write the tests: each helper is built only with
/// the providers whose tests call it, as nothing else would (a test binary warns of unused
/// code).
#[derive(Clone, Copy, Default)]
struct Calls {
    round_trip: bool,
    valid: bool,
    query: bool,
    decodes: bool,
    vendor_error: bool,
    contained: bool,
    served: bool,
    wire: bool,
    wire_answered: bool,
    wire_vendor_error: bool,
}

impl Calls {
    fn of(p: &Provider) -> Self {
        let mut calls = Calls::default();
        for e in p.root.all_endpoints() {
            calls.served |= e.kind == Kind::Call;
            for x in &e.examples {
                if x.request.is_some() {
                    calls.round_trip = true;
                    calls.valid |= x.error_code.is_none();
                    calls.query |= e.kind == Kind::Redirect;
                }
                if x.response.is_some() && e.kind == Kind::Call {
                    calls.decodes |= x.error_code.is_none();
                    calls.vendor_error |= x.error_code.is_some();
                }
            }
        }
        let wire = wire_tests::verdicts(p);
        calls.wire = wire.any;
        calls.wire_answered = wire.answered;
        calls.wire_vendor_error = wire.vendor_error;
        calls.contained = calls.decodes || wire.answered;
        calls
    }
}

/// Whether a provider's tests call a helper.
type Uses = fn(&Calls) -> bool;

/// The support file for the providers with example tests.
pub fn support_file(providers: &[&Provider]) -> Result<String, EmitError> {
    let path = format!("{GENERATED_DIR}/tests/examples/support.rs");
    let calls: Vec<(&Provider, Calls)> = providers.iter().map(|p| (*p, Calls::of(p))).collect();
    let cfg = |uses: Uses| -> Result<Option<TokenStream>, EmitError> {
        built_with(&calls, uses, None)
            .map(|text| text.parse::<TokenStream>())
            .transpose()
            .map_err(|e| EmitError {
                path: path.clone(),
                message: e.to_string(),
            })
    };
    let served = built_with(&calls, |c| c.served, Some("feature = \"mock\""))
        .map(|text| text.parse::<TokenStream>())
        .transpose()
        .map_err(|e| EmitError {
            path: path.clone(),
            message: e.to_string(),
        })?;
    let mut items = Vec::new();
    let helpers: [(Uses, fn() -> TokenStream); 6] = [
        (|c| c.contained, contained),
        (|c| c.round_trip, round_trip),
        (|c| c.valid, valid),
        (|c| c.query, query),
        (|c| c.decodes, decodes),
        (|c| c.vendor_error, vendor_error),
    ];
    for (uses, helper) in helpers {
        if let Some(cfg) = cfg(uses)? {
            let helper = helper();
            items.push(quote!(#cfg #helper));
        }
    }
    if let Some(cfg) = served {
        let helper = served_answers();
        items.push(quote!(#cfg #helper));
    }
    if let Some(wire_cfg) = cfg(|c| c.wire)? {
        items.push(wire(
            &wire_cfg,
            cfg(|c| c.wire_answered)?,
            cfg(|c| c.wire_answered || c.wire_vendor_error)?,
        ));
        if let Some(answered) = cfg(|c| c.wire_answered)? {
            items.push(answered_check(&answered));
        }
        if let Some(vendor_error) = cfg(|c| c.wire_vendor_error)? {
            items.push(vendor_error_check(&vendor_error));
        }
    }
    let tokens = quote! {
        //! Helpers of the generated example tests.

        #(#items)*
    };
    rust_file(&path, "api-spec/", tokens)
}

/// The `#[cfg]` of an item built with the providers whose tests call it (`None` for none),
/// joined with `also` when given.
fn built_with(
    calls: &[(&Provider, Calls)],
    uses: Uses,
    also: Option<&str>,
) -> Option<String> {
    let features: Vec<String> = calls
        .iter()
        .filter(|(_, c)| uses(c))
        .map(|(p, _)| format!("feature = \"{}\"", p.client_feature))
        .collect();
    // `any` of one would be clippy's `non_minimal_cfg`.
    let providers = match features.as_slice() {
        [] => return None,
        [one] => one.clone(),
        all => format!("any({})", all.join(", ")),
    };
    Some(match also {
        Some(also) => format!("#[cfg(all({also}, {providers}))]"),
        None => format!("#[cfg({providers})]"),
    })
}

/// The comparison of a decoded result with its example.
fn contained() -> TokenStream {
    quote! {
        /// The value at a dot-separated path (the envelope's result object).
        pub fn super_path<'a>(value: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
            path.split('.')
                .filter(|key| !key.is_empty())
                .fold(value, |v, key| v.get(key).unwrap_or(&serde_json::Value::Null))
        }

        // The checks are `#[track_caller]` and panic in their own body (not in a closure), so
        // a failure points at the generated test's line.

        /// Every value the decoded response holds equals the example's value at the same key:
        /// decoding lost or changed nothing it kept.
        #[track_caller]
        pub fn assert_contained(decoded: &serde_json::Value, example: &serde_json::Value, source: &str) {
            match (decoded, example) {
                (serde_json::Value::Object(d), serde_json::Value::Object(e)) => {
                    for (key, value) in d {
                        let Some(wanted) = e.get(key) else {
                            panic!("{source}: decoded key `{key}` is not in the example");
                        };
                        assert_contained(value, wanted, source);
                    }
                }
                (serde_json::Value::Array(d), serde_json::Value::Array(e)) => {
                    assert_eq!(d.len(), e.len(), "{source}: list length differs");
                    for (d, e) in d.iter().zip(e) {
                        assert_contained(d, e, source);
                    }
                }
                (d, e) => assert_eq!(d, e, "{source}: decoded value differs"),
            }
        }
    }
}

/// The check of a request example.
fn round_trip() -> TokenStream {
    quote! {
        /// A request example read into its type, which must write it back as the same JSON;
        /// returns the request and the example.
        #[track_caller]
        pub fn round_trip<R: serde::Serialize + serde::de::DeserializeOwned>(
            json: &str,
            source: &str,
        ) -> (R, serde_json::Value) {
            let expected: serde_json::Value = serde_json::from_str(json).expect("example is JSON");
            let request: R = match serde_json::from_value(expected.clone()) {
                Ok(request) => request,
                Err(e) => panic!("{source}: request does not parse: {e}"),
            };
            let actual = serde_json::to_value(&request).expect("request serialises");
            assert_eq!(actual, expected, "{source}: request did not round-trip");
            (request, expected)
        }
    }
}

/// The client-side checks of a request example that is not an error's.
fn valid() -> TokenStream {
    quote! {
        /// The request passes the client-side checks the spec declares.
        #[track_caller]
        pub fn assert_valid(request: &dyn bindery::runtime::Validate, source: &str) {
            if let Err(v) = request.validate() {
                panic!("{source}: example violates the spec: {v:?}");
            }
        }
    }
}

/// The check of a redirect endpoint's URL.
fn query() -> TokenStream {
    quote! {
        /// A redirect URL's query is the example's parameters, in the example's order.
        #[track_caller]
        pub fn assert_query(url: &bindery::runtime::Url, expected: &serde_json::Value, source: &str) {
            let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
            let wanted: Vec<(String, String)> = expected
                .as_object()
                .expect("query example is an object")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
                .collect();
            assert_eq!(pairs, wanted, "{source}: URL query differs");
        }
    }
}

/// The check of a success example's response.
fn decodes() -> TokenStream {
    quote! {
        /// A success example decodes through the runtime as `T`, and keeps every value of the
        /// result at `result_path`.
        #[track_caller]
        pub fn assert_decodes<T: serde::Serialize + serde::de::DeserializeOwned>(
            op: &bindery::runtime::Operation,
            result_path: &str,
            body: &str,
            source: &str,
        ) {
            let response: T = match bindery::runtime::decode_response(op, 200, body.as_bytes()) {
                Ok(response) => response,
                Err(e) => panic!("{source}: response does not decode: {e}"),
            };
            let whole: serde_json::Value = serde_json::from_str(body).expect("example is JSON");
            let decoded = serde_json::to_value(&response).expect("response serialises");
            assert_contained(&decoded, super_path(&whole, result_path), source);
        }
    }
}

/// The check of an error example's response.
fn vendor_error() -> TokenStream {
    quote! {
        /// An error example decodes to the vendor error with the example's code.
        #[track_caller]
        pub fn assert_vendor_error<T: serde::de::DeserializeOwned>(
            op: &bindery::runtime::Operation,
            code: &str,
            body: &str,
            source: &str,
        ) {
            let result: Result<T, bindery::Error> = bindery::runtime::decode_response(op, 200, body.as_bytes());
            let Err(error) = result else {
                panic!("{source}: decoded as success");
            };
            assert_eq!(error.vendor_code(), Some(code), "{source}: {error}");
        }
    }
}

/// The check of the mock tables' answers (feature `mock`).
fn served_answers() -> TokenStream {
    quote! {
        /// Every answer the mock table has for the endpoint of `E` decodes as the client
        /// decodes it: a success into `E::Response`, an error into the vendor error with the
        /// example's code; the default answer is a success. Returns the operation's name.
        pub fn served_answers_decode<E: bindery::runtime::Endpoint>(
            provider: &bindery::runtime::served::ServedProvider,
        ) -> &'static str {
            let op = E::OPERATION;
            let endpoint = provider
                .endpoint(op)
                .unwrap_or_else(|| panic!("`{}` is not in the mock table", op.name));
            for example in endpoint.examples {
                let decoded = bindery::runtime::decode_response::<E::Response>(
                    op,
                    200,
                    example.response.as_bytes(),
                );
                let source = format!("`{}` answer `{}`", op.name, example.name);
                match (decoded, example.error_code) {
                    (Ok(_), None) => {}
                    (Err(e), None) => panic!("{source} does not decode: {e}"),
                    (Ok(_), Some(_)) => panic!("{source} decoded as a success"),
                    (Err(e), Some(code)) => assert_eq!(e.vendor_code(), Some(code), "{source}: {e}"),
                }
            }
            endpoint
                .success_example()
                .unwrap_or_else(|| panic!("`{}` has no success answer", op.name));
            op.name
        }
    }
}

/// What a wire test holds: its request example and the local server answering its response.
/// `answer` and `source` are kept for the checks some test calls (`answer_cfg` and
/// `source_cfg`, `None` when none does).
fn wire(
    cfg: &TokenStream,
    answer_cfg: Option<TokenStream>,
    source_cfg: Option<TokenStream>,
) -> TokenStream {
    let answer = answer_cfg.map(|cfg| (quote!(#cfg answer: &'static str,), quote!(#cfg answer,)));
    let (answer_field, answer_init) = answer.unzip();
    let source = source_cfg.map(|cfg| (quote!(#cfg source: &'static str,), quote!(#cfg source,)));
    let (source_field, source_init) = source.unzip();
    quote! {
        /// A wire test's request, parsed from its example, and the local server that answers
        /// the example's response and records what it receives.
        #cfg
        pub struct Wire<R> {
            /// The request example, read into the endpoint's request type.
            pub request: R,
            /// The request example as JSON: the body the server must receive.
            pub expected: serde_json::Value,
            /// The server the client calls.
            pub server: bindery_testkit::server::WireServer,
            /// A time no later than the call's, for the signature's timestamp check.
            pub sent_after: i64,
            #answer_field
            #source_field
        }

        #cfg
        impl<R: serde::de::DeserializeOwned> Wire<R> {
            /// Reads the request example and starts a server answering `answer` with HTTP 200.
            pub async fn start(source: &'static str, request: &str, answer: &'static str) -> Self {
                let expected: serde_json::Value = serde_json::from_str(request).expect("example is JSON");
                let request: R = serde_json::from_value(expected.clone())
                    .unwrap_or_else(|e| panic!("{source}: request does not parse: {e}"));
                let server = bindery_testkit::server::WireServer::answering(200, answer).await;
                Self {
                    request,
                    expected,
                    server,
                    sent_after: bindery_testkit::unix_secs(),
                    #answer_init
                    #source_init
                }
            }
        }
    }
}

/// The check of a wire test whose example answers with a success.
fn answered_check(cfg: &TokenStream) -> TokenStream {
    quote! {
        #cfg
        impl<R> Wire<R> {
            /// The call succeeded, and its result keeps every value of the answer's result at
            /// `result_path`.
            #[track_caller]
            pub fn assert_answered<T: serde::Serialize>(&self, result: Result<T, bindery::Error>, result_path: &str) {
                let source = self.source;
                let response = match result {
                    Ok(response) => response,
                    Err(e) => panic!("{source}: the call failed: {e}"),
                };
                let whole: serde_json::Value = serde_json::from_str(self.answer).expect("example is JSON");
                let decoded = serde_json::to_value(&response).expect("response serialises");
                assert_contained(&decoded, super_path(&whole, result_path), source);
            }
        }
    }
}

/// The check of a wire test whose example answers with a vendor error.
fn vendor_error_check(cfg: &TokenStream) -> TokenStream {
    quote! {
        #cfg
        impl<R> Wire<R> {
            /// The call failed with the vendor error of the example's code.
            #[track_caller]
            pub fn assert_vendor_error<T>(&self, result: Result<T, bindery::Error>, code: &str) {
                let source = self.source;
                let Err(error) = result else {
                    panic!("{source}: the call succeeded");
                };
                assert!(error.vendor().is_some(), "{source}: expected Error::Vendor, got {error:?}");
                assert_eq!(error.vendor_code(), Some(code), "{source}: {error}");
            }
        }
    }
}
