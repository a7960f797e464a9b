//! Wire tests for Mingdao's v2 user (`user`), department (`department`), reporting-line
//! (`structure`) and organisation-role (`org_role`) endpoints: each generated method against
//! `bindery-mock`, which verifies `appKey`, `projectId` and `sign` (with its own
//! implementation of the vendor's scheme) and checks the request against the endpoint's spec,
//! refusing anything else with the vendor's `10001`. Each test asserts the mock's journal —
//! one request, answered, by the endpoint called, with exactly the expected fields of the
//! body (`POST`) or the query, in order (`GET`) — and the decoded answer; plus the vendor
//! error of each family, decoded to `Error::Vendor`, and the refusals made before any I/O.
//!
//! What the mock does not check — the full URL under the base path, where the sign-scheme keys
//! travel, a fresh timestamp, the secret key in neither body nor URL — `wire` checks on a
//! hand-mounted server, once per method.

mod department;
mod structure;
mod user;
mod wire;

use bindery::mingdao::mock::PROVIDER;
use bindery::mingdao::{Client, Credentials};
use bindery::runtime::{Endpoint, Method};
use bindery_mock::mingdao::{APP_KEY, PROJECT_ID, SECRET_KEY};
use bindery_mock::{Entry, MockServer, Reply};
use serde_json::{Map, Value, json};

use crate::common::CALL_TIMEOUT;
use crate::common::routes::MINGDAO_BASE_PATH;

const SECRETS: &[&str] = &[SECRET_KEY];

/// A client of the server at `uri` (the mock's or a hand-mounted one), under the SaaS base
/// URL's path, with the credentials the mock checks.
fn client(uri: &str) -> Client {
    Client::builder()
        .base_url(format!("{uri}{MINGDAO_BASE_PATH}"))
        .credentials(Credentials::new(APP_KEY, SECRET_KEY, PROJECT_ID))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

/// A client on the default (public cloud) base URL: it must refuse private-deployment calls
/// before anything is sent, so it never reaches the network.
fn public_cloud_client() -> Client {
    Client::builder()
        .credentials(Credentials::new(APP_KEY, SECRET_KEY, PROJECT_ID))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

/// HTTP 200 with exactly `body`, as the vendor sent it.
fn answer(body: &Value) -> Reply {
    Reply::raw(200, serde_json::to_vec(body).expect("JSON serializes"))
}

/// What a signed call must have sent besides the four sign-scheme keys: exactly this `POST`
/// body, or exactly this `GET` query (an object, its keys in the query's order; the journal
/// keeps each value as the request type reads it, `isNumber=true` as `true`).
enum Sent {
    Body(Value),
    Query(Value),
}

/// `E`'s operation is the `POST` (for `Sent::Body`) or `GET` at `/v2/<rest>`, written out here
/// so that a generated route that drifts fails a test: the mock routes by the spec's path, the
/// same the client calls, so it cannot tell (`wire` checks the client sends that path under
/// the base URL's).
fn assert_route<E: Endpoint>(rest: &str, sent: &Sent) {
    let operation = E::OPERATION;
    let method = match sent {
        Sent::Body(_) => Method::Post,
        Sent::Query(_) => Method::Get,
    };
    assert_eq!(
        (operation.method, operation.path),
        (method, format!("/v2/{rest}").as_str()),
        "the route of {}",
        operation.name
    );
}

/// The one request the mock received: for `E`'s endpoint, past the sign and spec checks, and
/// answered.
fn only_entry<E: Endpoint>(mock: &MockServer) -> Entry {
    let journal = mock.journal();
    let [entry] = journal.as_slice() else {
        panic!("expected exactly one request, got {journal:?}");
    };
    assert_eq!(entry.operation, Some(E::OPERATION.name), "{journal:?}");
    assert!(
        entry.verdict.answered(),
        "{}: {}",
        E::OPERATION.name,
        entry.verdict
    );
    entry.clone()
}

/// An object's key/value pairs, in order.
fn ordered(fields: &Value) -> Vec<(&str, &Value)> {
    let object = fields
        .as_object()
        .unwrap_or_else(|| panic!("fields must be an object, got {fields}"));
    object.iter().map(|(k, v)| (k.as_str(), v)).collect()
}

/// Answers `body` (HTTP 200) to `request` on a mock, sent by `call` to the endpoint at
/// `v2/<rest>`; checks that the mock received, signed and answered only it, with exactly the
/// fields `sent` (see [`Sent`]), and returns what the call decoded.
async fn signed_call<E: Endpoint, T>(
    request: &E,
    rest: &str,
    body: Value,
    sent: Sent,
    call: impl AsyncFnOnce(&Client, &E) -> Result<T, bindery::Error>,
) -> T {
    assert_route::<E>(rest, &sent);
    let mock = MockServer::start(&PROVIDER).await;
    let _ = mock.on::<E>().then(answer(&body));
    let response = call(&client(&mock.uri()), request)
        .await
        .unwrap_or_else(|error| panic!("{rest}: {error:?}"));
    let entry = only_entry::<E>(&mock);
    match sent {
        Sent::Body(fields) => assert_eq!(entry.fields(), &fields, "{rest}"),
        Sent::Query(fields) => assert_eq!(ordered(entry.fields()), ordered(&fields), "{rest}"),
    }
    response
}

/// Answers `reply` to `request` on a mock, sent by `call`, and returns the error `call` fails
/// with; the mock must have received, signed and answered only that request.
async fn failed_call<E: Endpoint, T>(
    request: &E,
    reply: Reply,
    call: impl AsyncFnOnce(&Client, &E) -> Result<T, bindery::Error>,
) -> bindery::Error {
    let mock = MockServer::start(&PROVIDER).await;
    let _ = mock.on::<E>().then(reply);
    let error = call(&client(&mock.uri()), request)
        .await
        .err()
        .unwrap_or_else(|| panic!("{}: expected an error", E::OPERATION.name));
    only_entry::<E>(&mock);
    error
}

/// The error `call` fails with on a mock that must receive nothing: a refusal before any I/O.
async fn refused_before_io<T>(
    call: impl AsyncFnOnce(&Client) -> Result<T, bindery::Error>,
) -> bindery::Error {
    let mock = MockServer::start(&PROVIDER).await;
    let error = call(&client(&mock.uri()))
        .await
        .err()
        .unwrap_or_else(|| panic!("expected a refusal before any I/O"));
    let journal = mock.journal();
    assert!(journal.is_empty(), "requests reached the mock: {journal:?}");
    error
}

/// Makes `call` with the public cloud client, which must refuse `operation` (a
/// private-deployment one) with a local `Error::Config` naming it and the public URL.
async fn assert_refused_on_public_cloud<T>(
    operation: &str,
    call: impl AsyncFnOnce(&Client) -> Result<T, bindery::Error>,
) {
    let error = call(&public_cloud_client())
        .await
        .err()
        .unwrap_or_else(|| panic!("{operation}: expected a refusal"));
    match error {
        bindery::Error::Config { .. } => {}
        ref other => panic!("expected Error::Config, got {other:?}"),
    }
    let text = error.to_string();
    for fact in [operation, "https://api.mingdao.com/generalintegrate"] {
        assert!(text.contains(fact), "`{fact}` missing from {text}");
    }
    assert!(error.is_local(), "{error:?}");
}

/// `code`/`message` of a success envelope, as an open response keeps them.
fn success_envelope() -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("code".into(), json!(1));
    map.insert("message".into(), json!(""));
    map
}

/// `error` is the vendor's failure `code`/`message` of `operation`, with no secret in it.
fn assert_vendor_error(error: &bindery::Error, operation: &str, code: &str, message: &str) {
    let vendor = error
        .vendor()
        .unwrap_or_else(|| panic!("expected Error::Vendor, got {error:?}"));
    assert_eq!(vendor.provider, "mingdao");
    assert_eq!(vendor.operation, operation);
    assert_eq!(vendor.message, message);
    assert_eq!(error.vendor_code(), Some(code));
    assert_eq!(error.http_status(), Some(200));
    assert_eq!(
        error.request_id(),
        None,
        "Mingdao's envelope has no request id"
    );
    crate::common::assert_error_hides(error, SECRETS);
}

/// `error` is a request refused before any I/O for `field` breaking `rule`.
fn assert_invalid(error: &bindery::Error, operation: &str, field: &str, rule: &str) {
    match error {
        bindery::Error::InvalidRequest {
            provider,
            operation: op,
            field: f,
            rule: r,
        } => {
            assert_eq!((*provider, *op), ("mingdao", operation));
            assert_eq!((f.as_str(), r.as_str()), (field, rule));
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

/// `error` is the failure to decode `operation`'s answer at the JSON `path`.
fn assert_decode_error(error: &bindery::Error, operation: &str, path: &str) {
    let bindery::Error::Decode {
        provider,
        operation: op,
        path: at,
        ..
    } = error
    else {
        panic!("expected Error::Decode, got {error:?}");
    };
    assert_eq!((*provider, *op, at.as_str()), ("mingdao", operation, path));
}
