//! What generated code tells a server that plays the vendor about a provider (the mock
//! server, crate `bindery-mock`): each endpoint's [`Operation`], how to check a request
//! against the endpoint's spec, the spec's example answers, and the token endpoints.
//!
//! The generated crate emits one [`ServedProvider`] per provider (`bindery::<provider>::mock::
//! PROVIDER`, cargo feature `mock`) and implements [`Endpoint`] for every request type, so a
//! test can name an endpoint by its request type. Nothing here sends or serves anything: the
//! data is plain `static`s, the one function checks a JSON value.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::operation::{AuthKind, Envelope, Operation};
use crate::validate::{Validate, Violation, rules};

/// A request type of one endpoint, linked to its [`Operation`] and its response type.
///
/// Generated for every request type under the `mock` feature of `bindery`. A mock server
/// finds the endpoint a typed stub or journal query is about from it.
pub trait Endpoint: Serialize + DeserializeOwned + Validate + Send + Sync + 'static {
    /// The endpoint's result type (what the client method returns).
    type Response: Serialize + DeserializeOwned + Send + Sync + 'static;
    /// The endpoint's operation, the same `static` the client method calls.
    const OPERATION: &'static Operation;
}

/// One provider as a server playing the vendor needs it.
#[derive(Clone, Copy, Debug)]
pub struct ServedProvider {
    /// The provider's name (`tencent_ess`), as in [`Operation::provider`].
    pub provider: &'static str,
    /// The spec's protocol name (`tencent_cloud`, `mingdao`, `fxiaoke`): which vendor's
    /// wire rules the server applies.
    pub protocol: &'static str,
    /// The protocol's constructor arguments as the generated client passes them (Tencent
    /// Cloud: the service and the API version, `["ess", "2020-11-11"]`); empty for others.
    pub protocol_args: &'static [&'static str],
    /// The provider's default envelope (an endpoint may name another in its operation).
    pub envelope: &'static Envelope,
    /// Every endpoint built in this crate (an endpoint's group feature decides).
    pub endpoints: &'static [ServedEndpoint],
    /// The auth schemes whose tokens come from a token endpoint of this provider.
    pub tokens: &'static [ServedToken],
}

impl ServedProvider {
    /// The endpoint whose operation is `operation` (by name), if it is built.
    pub fn endpoint(&self, operation: &Operation) -> Option<&'static ServedEndpoint> {
        self.endpoints
            .iter()
            .find(|endpoint| endpoint.operation.name == operation.name)
    }
}

/// One endpoint: its operation, its request check and its examples.
#[derive(Clone, Copy, Debug)]
pub struct ServedEndpoint {
    /// The operation (path, action, method, auth, envelope, rate limit).
    pub operation: &'static Operation,
    /// Checks a received request, as a JSON value, against the endpoint's spec: decodes
    /// it into the request type and runs the type's [`Validate`] rules
    /// ([`check_request`] for the request type).
    pub check: fn(&Value) -> Result<(), RequestFault>,
    /// The spec's examples that have an answer, in spec order.
    pub examples: &'static [ServedExample],
}

impl ServedEndpoint {
    /// The first example that answers with success, if any: the mock's default answer.
    pub fn success_example(&self) -> Option<&'static ServedExample> {
        self.examples
            .iter()
            .find(|example| example.error_code.is_none())
    }

    /// The example named `name`.
    pub fn example(&self, name: &str) -> Option<&'static ServedExample> {
        self.examples.iter().find(|example| example.name == name)
    }
}

/// One example answer of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServedExample {
    /// The example's name in the spec.
    pub name: &'static str,
    /// The example's request as JSON text (the request type's fields, as the spec has
    /// them), when the example has one.
    pub request: Option<&'static str>,
    /// The whole answer body as the vendor sends it (envelope included), as JSON text.
    pub response: &'static str,
    /// The vendor code of an error example; `None` for a success.
    pub error_code: Option<&'static str>,
}

/// An auth scheme whose token a token endpoint of the provider issues (the spec's
/// `auth[].token`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServedToken {
    /// The scheme the token is sent with.
    pub auth: AuthKind,
    /// The token endpoint's operation name (`accessToken`).
    pub operation: &'static str,
    /// The answer's field holding the token (`accessToken`).
    pub value: &'static str,
    /// The answer's field holding the token's lifetime in seconds (`expiresIn`).
    pub lifetime: &'static str,
    /// The answer's fields the scheme sends beside the token (`["ea"]`).
    pub fields: &'static [&'static str],
}

/// Why a received request does not satisfy its endpoint's spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestFault {
    /// What kind of fault: a vendor answers the kinds with different codes.
    pub kind: FaultKind,
    /// Dotted JSON path of the field (`Operator.UserId`, `Approvers[0].Mobile`); empty for
    /// the body itself.
    pub field: String,
    /// What is wrong, in words (`is missing`, `length 65 exceeds maximum 64`).
    pub message: String,
}

/// The kinds of [`RequestFault`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FaultKind {
    /// A required field is absent (or, for a field the call needs, unset).
    Missing,
    /// A field has the wrong JSON type or breaks a constraint.
    Invalid,
    /// A field the request type does not have (a vendor that refuses those, as Tencent
    /// Cloud does with `UnknownParameter`, answers it; others ignore it).
    Unknown,
}

impl std::fmt::Display for RequestFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "the request body {}", self.message)
        } else {
            write!(f, "`{}` {}", self.field, self.message)
        }
    }
}

/// Checks `body` against the request type `R`: it must decode into `R` (every required
/// field present, every field of its JSON type, enums and constants among their values)
/// and satisfy `R`'s [`Validate`] rules (constraints, fields required for the call).
/// A struct must be a JSON object at every depth (serde's own reading of a value would take
/// an array by position). A field `R` does not know, at any depth, is a
/// [`FaultKind::Unknown`] fault, reported after every other check (a protocol's own fields,
/// such as Mingdao's `sign`, must be taken out first).
///
/// # Errors
///
/// The first fault found, with the field's dotted path.
pub fn check_request<R: DeserializeOwned + Serialize + Validate>(
    body: &Value,
) -> Result<(), RequestFault> {
    // Strictly, as answers are read: a struct is an object, never an array read by position.
    let request: R =
        serde_path_to_error::deserialize(crate::strict::Strict(body)).map_err(decode_fault)?;
    request
        .validate()
        .map_err(|violation| violation_fault(&violation))?;
    // serde ignores fields a type does not have; they are found by writing the request back
    // out: whatever was sent with a value and is not written back, the type does not know.
    let known = serde_json::to_value(&request).map_err(|e| RequestFault {
        kind: FaultKind::Invalid,
        field: String::new(),
        message: e.to_string(),
    })?;
    match unknown_field(body, &known, "") {
        Some(field) => Err(RequestFault {
            kind: FaultKind::Unknown,
            field,
            message: "is not a parameter of this request".to_owned(),
        }),
        None => Ok(()),
    }
}

/// The first key of `sent`, at any depth, that `known` (the request written back) lacks,
/// ignoring keys sent as `null`, `[]` or `{}` (an unset optional field is not written back).
fn unknown_field(sent: &Value, known: &Value, path: &str) -> Option<String> {
    match (sent, known) {
        (Value::Object(sent), Value::Object(known)) => sent.iter().find_map(|(key, value)| {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            match known.get(key) {
                Some(known) => unknown_field(value, known, &at),
                None if is_empty(value) => None,
                None => Some(at),
            }
        }),
        (Value::Array(sent), Value::Array(known)) => {
            sent.iter()
                .zip(known)
                .enumerate()
                .find_map(|(index, (sent, known))| {
                    unknown_field(sent, known, &format!("{path}[{index}]"))
                })
        }
        _ => None,
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.is_empty(),
        _ => false,
    }
}

fn decode_fault(error: serde_path_to_error::Error<serde_json::Error>) -> RequestFault {
    let path = error.path().to_string();
    let path = if path == "." { String::new() } else { path };
    let message = error.inner().to_string();
    // serde says "missing field `Name`" at the object holding the field.
    if let Some(name) = missing_field(&message) {
        let field = if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return RequestFault {
            kind: FaultKind::Missing,
            field,
            message: "is missing".to_owned(),
        };
    }
    RequestFault {
        kind: FaultKind::Invalid,
        field: path,
        message: without_position(&message).to_owned(),
    }
}

fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")?
        .split_once('`')
        .map(|(name, _)| name)
}

/// serde_json's error text without its " at line 1 column 5" (a value has no lines).
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains(" column ") => &message[..at],
        _ => message,
    }
}

fn violation_fault(violation: &Violation) -> RequestFault {
    let missing = violation.rule == rules::required_for_call("").rule;
    RequestFault {
        kind: if missing {
            FaultKind::Missing
        } else {
            FaultKind::Invalid
        },
        field: violation.field.clone(),
        message: violation.rule.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Inner {
        user_id: Option<String>,
        count: i64,
    }

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Request {
        operator: Inner,
        open_id: String,
        #[serde(default)]
        items: Vec<Inner>,
    }

    impl Validate for Request {
        fn validate(&self) -> Result<(), Violation> {
            rules::length("OpenId", &self.open_id, None, Some(4))?;
            if self.operator.user_id.is_none() {
                return Err(rules::required_for_call("Operator.UserId"));
            }
            Ok(())
        }
    }

    fn refused(body: Value) -> RequestFault {
        check_request::<Request>(&body).expect_err("the body is refused")
    }

    #[test]
    fn a_valid_body_passes() {
        let body = json!({"Operator": {"UserId": "u", "Count": 1}, "OpenId": "n1"});
        assert_eq!(check_request::<Request>(&body), Ok(()));
        let unset = json!({"Operator": {"UserId": "u", "Count": 1, "Gone": null}, "OpenId": "n1", "Items": []});
        assert_eq!(
            check_request::<Request>(&unset),
            Ok(()),
            "unset fields are not unknown"
        );
    }

    #[test]
    fn an_unknown_field_is_named_at_any_depth() {
        let fault =
            refused(json!({"Operator": {"UserId": "u", "Count": 1}, "OpenId": "n1", "sign": "x"}));
        assert_eq!(
            (fault.kind, fault.field.as_str()),
            (FaultKind::Unknown, "sign")
        );
        let fault = refused(
            json!({"Operator": {"UserId": "u", "Count": 1}, "OpenId": "n1",
            "Items": [{"Count": 1}, {"Count": 2, "Extra": true}]}),
        );
        assert_eq!(
            (fault.kind, fault.field.as_str()),
            (FaultKind::Unknown, "Items[1].Extra")
        );
    }

    #[test]
    fn a_missing_field_is_named_by_its_full_path() {
        let fault = refused(json!({"Operator": {"UserId": "u"}, "OpenId": "n1"}));
        assert_eq!(fault.kind, FaultKind::Missing);
        assert_eq!(fault.field, "Operator.Count");
        assert_eq!(fault.to_string(), "`Operator.Count` is missing");
        let fault = refused(json!({"Operator": {"Count": 1}}));
        assert_eq!(
            (fault.kind, fault.field.as_str()),
            (FaultKind::Missing, "OpenId")
        );
    }

    #[test]
    fn a_field_required_for_the_call_counts_as_missing() {
        let fault = refused(json!({"Operator": {"Count": 1}, "OpenId": "n1"}));
        assert_eq!(fault.kind, FaultKind::Missing);
        assert_eq!(fault.field, "Operator.UserId");
    }

    #[test]
    fn a_wrong_type_is_invalid_at_its_path_without_a_text_position() {
        let fault = refused(json!({"Operator": {"Count": 1}, "OpenId": "n1",
            "Items": [{"Count": 1}, {"Count": "two"}]}));
        assert_eq!(fault.kind, FaultKind::Invalid);
        assert_eq!(fault.field, "Items[1].Count");
        assert_eq!(fault.message, "invalid type: string \"two\", expected i64");
    }

    #[test]
    fn a_broken_constraint_is_invalid() {
        let fault = refused(json!({"Operator": {"UserId": "u", "Count": 1}, "OpenId": "toolong"}));
        assert_eq!(fault.kind, FaultKind::Invalid);
        assert_eq!(fault.field, "OpenId");
        assert!(
            fault.message.contains("exceeds maximum 4"),
            "{}",
            fault.message
        );
    }

    #[test]
    fn a_body_that_is_not_an_object_is_invalid_at_the_root() {
        let fault = refused(json!([1, 2]));
        assert_eq!(fault.kind, FaultKind::Invalid);
        assert_eq!(fault.field, "");
        assert!(
            fault
                .to_string()
                .starts_with("the request body invalid type"),
            "{fault}"
        );
    }
}
