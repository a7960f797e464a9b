//! Answer bodies in a provider's envelope, built from the envelope's paths alone (no vendor
//! is named here): a success wraps a result the way the client unwraps it, an error puts the
//! code and message where the client reads them.

use bindery_runtime::{BodyShape, Envelope, Operation};
use serde_json::{Map, Value};

/// The message a success carries where the envelope has one.
const SUCCESS_MESSAGE: &str = "success";

/// What the server sends back: an HTTP status and a JSON (or raw) body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn json(status: u16, body: &Value) -> Self {
        Answer {
            status,
            body: serde_json::to_vec(body).unwrap_or_default(),
        }
    }
}

/// A vendor error: the code as the envelope carries it (a number for an envelope whose
/// success is a number, else text) and its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VendorError {
    pub(crate) status: u16,
    pub(crate) code: String,
    pub(crate) message: String,
}

/// The body of a success whose result is `result` (the response type's JSON).
pub(crate) fn success(operation: &Operation, result: Value) -> Value {
    let envelope = operation.envelope;
    let mut body = match (envelope.result, operation.response_body, result) {
        // A bare array with no result path is the whole body, with no envelope around it.
        (None, BodyShape::Array, array @ Value::Array(_)) => return array,
        (Some(path), _, result) => {
            let mut body = Value::Object(Map::new());
            set(&mut body, path, result);
            body
        }
        (None, _, Value::Object(fields)) => Value::Object(fields),
        (None, _, _) => Value::Object(Map::new()),
    };
    stamp_success(envelope, &mut body);
    body
}

/// Sets the envelope's success code, message, flag and a request id where they are absent
/// (an example's own values stay).
pub(crate) fn stamp_success(envelope: &Envelope, body: &mut Value) {
    if let Some(code) = envelope.success {
        set_absent(body, envelope.code, Value::from(code));
        set_absent(body, envelope.message, Value::from(SUCCESS_MESSAGE));
    }
    if let Some(flag) = envelope.flag {
        set_absent(body, flag.path, Value::Bool(flag.success));
    }
    if let Some(path) = envelope.request_id {
        set_absent(body, path, Value::from(request_id()));
    }
}

/// The body of a vendor error.
pub(crate) fn error(envelope: &Envelope, error: &VendorError) -> Value {
    let mut body = Value::Object(Map::new());
    let code = match (envelope.success, error.code.parse::<i64>()) {
        (Some(_), Ok(number)) => Value::from(number),
        _ => Value::from(error.code.as_str()),
    };
    set(&mut body, envelope.code, code);
    set(
        &mut body,
        envelope.message,
        Value::from(error.message.as_str()),
    );
    if let Some(flag) = envelope.flag {
        set(&mut body, flag.path, Value::Bool(!flag.success));
    }
    if let Some(path) = envelope.request_id {
        set(&mut body, path, Value::from(request_id()));
    }
    body
}

/// A request id of the server's own: a UUID, as Tencent Cloud's are (Fxiaoke's `traceId`s
/// have a shape of their own, which no client reads).
pub(crate) fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The value at a dot-separated object path.
pub(crate) fn get<'v>(body: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(body, |value, key| value.get(key))
}

/// Sets the value at a dot-separated object path, making objects on the way (a non-object
/// on the way is replaced: the server writes its own bodies).
pub(crate) fn set(body: &mut Value, path: &str, value: Value) {
    let mut here = body;
    for key in path.split('.') {
        if !here.is_object() {
            *here = Value::Object(Map::new());
        }
        let Value::Object(map) = here else { return };
        here = map.entry(key.to_owned()).or_insert(Value::Null);
    }
    *here = value;
}

fn set_absent(body: &mut Value, path: &str, value: Value) {
    if get(body, path).is_none() {
        set(body, path, value);
    }
}

/// The result object of a success body (where an endpoint's answer fields sit), if the body
/// has one.
pub(crate) fn result_mut<'b>(
    envelope: &Envelope,
    body: &'b mut Value,
) -> Option<&'b mut Map<String, Value>> {
    let mut here = body;
    if let Some(path) = envelope.result {
        for key in path.split('.') {
            here = here.get_mut(key)?;
        }
    }
    here.as_object_mut()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bindery_runtime::{EnvelopeFlag, Method};
    use serde_json::json;

    static TENCENT: Envelope = Envelope {
        code: "Response.Error.Code",
        success: None,
        message: "Response.Error.Message",
        request_id: Some("Response.RequestId"),
        result: Some("Response"),
        flag: None,
    };
    static MINGDAO: Envelope = Envelope {
        code: "error_code",
        success: Some(1),
        message: "error_msg",
        request_id: None,
        result: Some("data"),
        flag: Some(EnvelopeFlag {
            path: "success",
            success: true,
        }),
    };

    fn operation(envelope: &'static Envelope, response_body: BodyShape) -> Operation {
        Operation {
            provider: "p",
            name: "op",
            method: Method::Post,
            path: "/",
            action: None,
            auth: None,
            idempotent: true,
            envelope,
            rate_limit: None,
            secret_fields: &[],
            query: &[],
            request_body: BodyShape::Object,
            response_body,
        }
    }

    #[test]
    fn a_success_puts_the_result_at_its_path_and_stamps_the_envelope() {
        let body = success(
            &operation(&TENCENT, BodyShape::Object),
            json!({"Status": 1}),
        );
        assert_eq!(body["Response"]["Status"], 1);
        assert!(body["Response"]["RequestId"].is_string());
        assert!(body["Response"].get("Error").is_none());
        let body = success(&operation(&MINGDAO, BodyShape::Object), json!({"a": 1}));
        assert_eq!(
            body,
            json!({"data": {"a": 1}, "error_code": 1, "error_msg": "success", "success": true})
        );
    }

    #[test]
    fn a_bare_array_without_a_result_path_is_the_whole_body() {
        static BARE: Envelope = Envelope {
            code: "errorCode",
            success: Some(0),
            message: "errorMessage",
            request_id: None,
            result: None,
            flag: None,
        };
        let body = success(&operation(&BARE, BodyShape::Array), json!([1, 2]));
        assert_eq!(body, json!([1, 2]));
        let body = success(&operation(&BARE, BodyShape::Object), json!({"x": 1}));
        assert_eq!(
            body,
            json!({"x": 1, "errorCode": 0, "errorMessage": "success"})
        );
    }

    #[test]
    fn an_error_carries_a_numeric_code_only_where_success_is_a_number() {
        let refusal = VendorError {
            status: 200,
            code: "10001".into(),
            message: "no".into(),
        };
        let body = error(&MINGDAO, &refusal);
        assert_eq!(
            body,
            json!({"error_code": 10001, "error_msg": "no", "success": false})
        );
        let body = error(&TENCENT, &refusal);
        assert_eq!(
            body["Response"]["Error"],
            json!({"Code": "10001", "Message": "no"})
        );
    }
}
