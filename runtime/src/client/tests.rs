//! A protocol written outside the vendor folders gets the client's retries for its own codes
//! by answering `classify`, and none without it.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::operation::Method;
use crate::retry::RetryPolicy;
use crate::test_ops::FX_ENVELOPE;

/// A protocol that knows one throttling code (`777`) and one "busy" code (`778`) when
/// `classifies`, and otherwise adds nothing to a request (the client's unit tests use it as
/// a protocol that is no vendor).
#[derive(Clone, Debug)]
pub(super) struct Custom {
    pub(super) classifies: bool,
}

impl Protocol for Custom {
    type Credentials = ();

    fn check_credentials(&self, _: &Operation, _: Option<&()>) -> Result<(), String> {
        Ok(())
    }

    fn prepare(
        &self,
        _: &Operation,
        _: &mut Outgoing<'_>,
        _: Option<&()>,
        _: SystemTime,
    ) -> Result<(), Error> {
        Ok(())
    }

    fn classify(&self, code: &str) -> Option<CodeClass> {
        match code {
            "777" if self.classifies => Some(CodeClass::Throttled),
            "778" if self.classifies => Some(CodeClass::Busy),
            _ => None,
        }
    }
}

const fn op(idempotent: bool) -> Operation {
    Operation {
        provider: "custom",
        name: "thing",
        method: Method::Post,
        path: "/thing",
        action: None,
        auth: None,
        idempotent,
        envelope: &FX_ENVELOPE,
        rate_limit: None,
        secret_fields: &[],
        query: &[],
        request_body: crate::operation::BodyShape::Object,
        response_body: crate::operation::BodyShape::Object,
    }
}

static IDEMPOTENT: Operation = op(true);
static CREATE: Operation = op(false);

/// Answers `code` once, then success; returns how many requests a call of `op` made.
async fn requests_for(classifies: bool, code: i64, op: &'static Operation) -> usize {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": code, "errorMessage": "m"
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"errorCode": 0, "errorMessage": ""})),
        )
        .mount(&server)
        .await;
    let client = Client::builder(Custom { classifies }, &server.uri())
        .retry(RetryPolicy::new().with_base_delay(Duration::ZERO))
        .build()
        .unwrap();
    let _ = client
        .call::<_, Value>(op, &BTreeMap::<String, String>::new())
        .await;
    server.received_requests().await.unwrap_or_default().len()
}

#[tokio::test]
async fn an_outside_protocol_gets_retries_for_the_codes_it_classifies() {
    // Throttled: retried even when not idempotent.
    assert_eq!(requests_for(true, 777, &CREATE).await, 2);
    // Busy: retried only when idempotent.
    assert_eq!(requests_for(true, 778, &IDEMPOTENT).await, 2);
    assert_eq!(requests_for(true, 778, &CREATE).await, 1);
    // Unclassified codes and the trait's default classify: the answer stands.
    assert_eq!(requests_for(true, 779, &IDEMPOTENT).await, 1);
    assert_eq!(requests_for(false, 777, &IDEMPOTENT).await, 1);
}

#[test]
fn a_calls_secret_values_are_the_clients_and_its_own() {
    use crate::redact::{Mask, SecretValues};
    use crate::tencent::{Credentials, TencentCloud};
    use crate::test_ops::TC_OP;

    let client = Client::builder(TencentCloud::new("ess", "2020-11-11"), "https://x.example")
        .credentials(Credentials::new("AKID", "key one"))
        .build()
        .unwrap();
    let forms = |fields: Option<&serde_json::Map<String, Value>>, used: Option<&Credentials>| {
        client.secret_values(&TC_OP, fields, used).forms().to_vec()
    };
    // Nothing but the configured credentials: the client's forms, worked out once.
    let configured = SecretValues::new(["key one"], None, Mask::of(&TC_OP));
    assert_eq!(forms(None, client.credentials()), configured.forms());
    assert_eq!(
        forms(Some(&serde_json::Map::new()), None),
        configured.forms()
    );
    // Other credentials and a hidden request field add theirs, in every form.
    let other = Credentials::new("AKID", "key two");
    let fields = json!({"Password": "p w", "Name": "n"});
    let all = forms(fields.as_object(), Some(&other));
    for form in ["key one", "key%20one", "key two", "key+two", "p w", "p%20w"] {
        assert!(all.iter().any(|f| f == form), "{form} missing from {all:?}");
    }
    assert!(!all.iter().any(|f| f == "n"), "{all:?}");
}

#[test]
fn a_body_borrows_the_calls_fields_and_a_change_copies_them() {
    use std::borrow::Cow;

    static QUERY: Operation = Operation {
        query: &["b"],
        ..op(true)
    };
    let client = Client::builder(Custom { classifies: false }, "https://x.example")
        .build()
        .unwrap();
    let fields = json!({"a": 1, "b": "x"}).as_object().cloned().unwrap();
    let (outgoing, body) = client.build_request(&IDEMPOTENT, &fields, None).unwrap();
    assert!(matches!(outgoing.json, Some(Cow::Borrowed(_))));
    assert_eq!(body, br#"{"a":1,"b":"x"}"#);
    // A field moved to the query, and a protocol's parameter, change a copy: the next
    // attempt starts from the same fields.
    let (mut outgoing, body) = client.build_request(&QUERY, &fields, None).unwrap();
    assert_eq!(body, br#"{"a":1}"#);
    assert_eq!(outgoing.url.query(), Some("b=x"));
    outgoing.set_param("c", json!(true));
    assert_eq!(fields, *json!({"a": 1, "b": "x"}).as_object().unwrap());
    let (_, again) = client.build_request(&QUERY, &fields, None).unwrap();
    assert_eq!(again, body);
}
