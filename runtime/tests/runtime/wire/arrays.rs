//! Bodies that are bare JSON arrays (`BodyShape::Array`): a request type that serialises to
//! an array is the whole body, and a result that is an array is read from the envelope's
//! result path, or — for an envelope without one — is the whole answer, with no envelope.

use bindery_runtime::{
    AuthKind, BodyShape, Envelope, Error, Method, Operation, Validate, Violation, fxiaoke,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::fxiaoke::fxiaoke_client;
use crate::support::{FX_ENVELOPE, only_request};

const fn op(
    name: &'static str,
    envelope: &'static Envelope,
    request_body: BodyShape,
    response_body: BodyShape,
) -> Operation {
    Operation {
        provider: "fxiaoke",
        name,
        method: Method::Post,
        path: "/cgi/crm/v2/ids",
        action: None,
        auth: Some(AuthKind::FxiaokeHeader),
        idempotent: true,
        envelope,
        rate_limit: None,
        secret_fields: &[],
        query: &[],
        request_body,
        response_body,
    }
}

/// An envelope whose result is the array under `data`.
static DATA_ENVELOPE: Envelope = Envelope {
    result: Some("data"),
    ..FX_ENVELOPE
};

static ARRAYS: Operation = op("arrays", &FX_ENVELOPE, BodyShape::Array, BodyShape::Array);
static OBJECTS: Operation = op(
    "objects",
    &FX_ENVELOPE,
    BodyShape::Object,
    BodyShape::Object,
);
static IN_DATA: Operation = op("inData", &DATA_ENVELOPE, BodyShape::Array, BodyShape::Array);

/// What generated code declares for such a body: one list field, the body itself.
#[derive(Serialize)]
#[serde(transparent)]
struct Ids {
    ids: Vec<String>,
}

impl Validate for Ids {
    fn validate(&self) -> Result<(), Violation> {
        Ok(())
    }
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(transparent)]
struct Records {
    records: Vec<Record>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Record {
    id: String,
}

async fn server(answer: ResponseTemplate, expect: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/ids"))
        .respond_with(answer)
        .expect(expect)
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> bindery_runtime::Client<fxiaoke::Fxiaoke> {
    fxiaoke_client(
        server,
        fxiaoke::Credentials::new().with_access_token("AT-1", "ea-9", "1000"),
    )
}

fn ids() -> Ids {
    Ids {
        ids: vec!["a".into(), "张".into()],
    }
}

#[tokio::test]
async fn an_array_body_is_sent_as_it_is_and_an_array_answer_needs_no_envelope() {
    let answer =
        ResponseTemplate::new(200).set_body_raw(r#"[{"id":"1"},{"id":"2"}]"#, "application/json");
    let server = server(answer, 1).await;
    let records: Records = client(&server)
        .call(&ARRAYS, &ids())
        .await
        .expect("a bare array is a success");
    assert_eq!(
        records.records,
        [Record { id: "1".into() }, Record { id: "2".into() }]
    );
    let sent = only_request(&server).await;
    assert_eq!(sent.body, r#"["a","张"]"#.as_bytes());
    assert_eq!(
        sent.headers
            .get("content-type")
            .map(|v| v.to_str().unwrap()),
        Some("application/json")
    );
    // The protocol's own parts are where they always are: headers and the URL.
    assert_eq!(
        sent.headers
            .get("authorization")
            .map(|v| v.to_str().unwrap()),
        Some("Bearer AT-1")
    );
    let query = sent.url.query().expect("the trace id");
    assert!(query.starts_with("thirdTraceId="), "{query}");
}

#[tokio::test]
async fn an_envelope_instead_of_the_array_is_still_read_for_its_failure() {
    let answer = ResponseTemplate::new(200)
        .set_body_json(json!({"errorCode": 20016, "errorMessage": "no such object"}));
    let server = server(answer, 1).await;
    let error = client(&server)
        .call::<_, Records>(&ARRAYS, &ids())
        .await
        .expect_err("a failure envelope");
    assert_eq!(error.vendor_code(), Some("20016"), "{error:?}");
}

#[tokio::test]
async fn an_array_at_the_result_path_is_the_result() {
    let answer = ResponseTemplate::new(200)
        .set_body_json(json!({"errorCode": 0, "errorMessage": "OK", "data": [{"id": "9"}]}));
    let server = server(answer, 1).await;
    let records: Records = client(&server)
        .call(&IN_DATA, &ids())
        .await
        .expect("the array under `data`");
    assert_eq!(records.records, [Record { id: "9".into() }]);
    // There the envelope is required: a bare array is not a success.
    let error = bindery_runtime::decode_response::<Records>(&IN_DATA, 200, br#"[{"id":"9"}]"#)
        .expect_err("no code");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn a_wrong_item_is_reported_at_its_index() {
    let error =
        bindery_runtime::decode_response::<Records>(&ARRAYS, 200, br#"[{"id":"1"},{"id":2}]"#)
            .expect_err("a number for a string");
    let Error::Decode { path, .. } = &error else {
        panic!("a decode error, got {error:?}");
    };
    assert_eq!(path, "[1].id");
}

#[tokio::test]
async fn an_object_operation_refuses_an_array_before_any_io() {
    let server = server(ResponseTemplate::new(200), 0).await;
    let error = client(&server)
        .call::<_, Value>(&OBJECTS, &ids())
        .await
        .expect_err("an array for an object body");
    let Error::InvalidRequest { rule, .. } = &error else {
        panic!("an invalid request, got {error:?}");
    };
    assert_eq!(rule, "must serialise to a JSON object, not an array");
    // And an object operation does not take a bare array answer for a success.
    let error = bindery_runtime::decode_response::<Records>(&OBJECTS, 200, br#"[{"id":"1"}]"#)
        .expect_err("no envelope");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

/// A request type that serialises to whatever object it holds.
#[derive(Serialize)]
#[serde(transparent)]
struct Fields(serde_json::Map<String, Value>);

impl Validate for Fields {
    fn validate(&self) -> Result<(), Violation> {
        Ok(())
    }
}

#[tokio::test]
async fn an_object_body_keeps_every_key_the_empty_one_too() {
    let answer = ResponseTemplate::new(200).set_body_json(json!({"errorCode": 0}));
    let server = server(answer, 1).await;
    let fields = json!({"": "kept", "a": 1});
    let Value::Object(map) = fields.clone() else {
        unreachable!("an object literal");
    };
    let _: Value = client(&server)
        .call(&OBJECTS, &Fields(map))
        .await
        .expect("success");
    let sent: Value = serde_json::from_slice(&only_request(&server).await.body).expect("JSON");
    assert_eq!(sent, fields);
}
