//! `generated/tests/examples/support.rs`: the checks every generated example and wire test
//! runs, written once. Each generated test is a call naming its types and its example's
//! text; the work (parsing, comparing, the messages naming the example) is here, so the
//! test files stay small to generate and to read.

use proc_macro2::TokenStream;
use quote::quote;

use super::{EmitError, GENERATED_DIR, rust_file};
use crate::ir::Provider;

/// The support file for the providers with example tests: every check, and the wire test's
/// when a provider's protocol has wire tests. `main.rs` builds it with any provider's feature
/// and allows unused code in it, since each test is built only with its endpoint's feature.
pub fn support_file(providers: &[&Provider]) -> Result<String, EmitError> {
    let helpers = [
        contained(),
        round_trip(),
        valid(),
        query(),
        decodes(),
        vendor_error(),
        served_answers(),
    ];
    let wire = providers
        .iter()
        .any(|p| p.protocol.wire_test.is_some())
        .then(wire);
    let tokens = quote! {
        //! Helpers of the generated example tests.

        #(#helpers)*

        #wire
    };
    let path = format!("{GENERATED_DIR}/tests/examples/support.rs");
    rust_file(&path, "api-spec/", tokens)
}

/// The comparison of a decoded result with its example. The checks are `#[track_caller]` and
/// panic in their own body, not in a closure, so that a failure points at the generated test's
/// line (the async `Wire::start` cannot be).
fn contained() -> TokenStream {
    quote! {
        /// The value at a dot-separated path (the envelope's result object).
        pub fn super_path<'a>(value: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
            path.split('.')
                .filter(|key| !key.is_empty())
                .fold(value, |v, key| v.get(key).unwrap_or(&serde_json::Value::Null))
        }

        /// A decoded result keeps every value of the example `body`'s result at `result_path`.
        #[track_caller]
        pub fn assert_result<T: serde::Serialize>(response: &T, body: &str, result_path: &str, source: &str) {
            let whole: serde_json::Value = serde_json::from_str(body).expect("example is JSON");
            let decoded = serde_json::to_value(response).expect("response serialises");
            assert_contained(&decoded, super_path(&whole, result_path), source);
        }

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
            assert_result(&response, body, result_path, source);
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
        #[cfg(feature = "mock")]
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
fn wire() -> TokenStream {
    quote! {
        /// A wire test's request, parsed from its example, and the local server that answers
        /// the example's response and records what it receives.
        pub struct Wire<R> {
            /// The request example, read into the endpoint's request type.
            pub request: R,
            /// The request example as JSON: the body the server must receive.
            pub expected: serde_json::Value,
            /// The server the client calls.
            pub server: bindery_testkit::server::WireServer,
            /// A time no later than the call's, for the signature's timestamp check.
            pub sent_after: i64,
            /// The example's answer, as the server sends it.
            answer: &'static str,
            /// The example, named in every failure.
            source: &'static str,
        }

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
                    answer,
                    source,
                }
            }

            /// The call succeeded, and its result keeps every value of the answer's result at
            /// `result_path`.
            #[track_caller]
            pub fn assert_answered<T: serde::Serialize>(&self, result: Result<T, bindery::Error>, result_path: &str) {
                let source = self.source;
                let response = match result {
                    Ok(response) => response,
                    Err(e) => panic!("{source}: the call failed: {e}"),
                };
                assert_result(&response, self.answer, result_path, source);
            }

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
