//! The vendor's envelope around every answer, from the provider's envelope paths: the success
//! body (the result where the envelope puts it, the success code, the success flag) and the
//! error body (code, message, request id), both HTTP 200 on the wire.

use serde_json::{Map, Value, json};

use super::{Version, schema, text};
use crate::ir::{DocText, Envelope};
use crate::protocols::CodeKind;

/// The success body: the result's schema (`result`, an object schema or a reference) put
/// where the envelope says, with the success code and flag beside it.
pub fn success(
    version: Version,
    envelope: &Envelope,
    codes: CodeKind,
    result: Value,
) -> Map<String, Value> {
    let mut root = match (&envelope.result, result) {
        (None, Value::Object(object)) if object.contains_key("properties") => object,
        (None, other) => {
            let mut root = empty();
            root.insert("allOf".to_owned(), json!([other]));
            root
        }
        (Some(path), result) => {
            let mut root = empty();
            insert(&mut root, path, result, true);
            root
        }
    };
    if let Some(code) = envelope.success {
        let base = code_schema(codes);
        let value = match codes {
            CodeKind::Integer => Value::from(code),
            CodeKind::String => Value::from(code.to_string()),
        };
        insert(
            &mut root,
            &envelope.code,
            schema::one_value(version, &base, value),
            true,
        );
        insert(
            &mut root,
            &envelope.message,
            json!({"type": "string"}),
            false,
        );
    }
    if let Some((path, value)) = &envelope.flag {
        let flag = schema::one_value(version, &json!({"type": "boolean"}), (*value).into());
        insert(&mut root, path, flag, true);
    }
    if let Some(path) = &envelope.request_id {
        insert(&mut root, path, json!({"type": "string"}), false);
    }
    root.insert("x-bindery-envelope".to_owned(), paths(envelope));
    root
}

/// The error body of an envelope: what every failed call answers, whatever the endpoint.
pub fn error(envelope: &Envelope, codes: CodeKind) -> Value {
    let mut root = empty();
    let code_docs = match envelope.success {
        Some(ok) => format!("The vendor's error code: anything but {ok}."),
        None => "The vendor's error code; absent on success.".to_owned(),
    };
    let mut code = code_schema(codes);
    code["description"] = code_docs.into();
    insert(&mut root, &envelope.code, code, true);
    insert(
        &mut root,
        &envelope.message,
        json!({"type": "string"}),
        true,
    );
    if let Some((path, value)) = &envelope.flag {
        let docs = format!(
            "`{}` on success; the other value is a failure whatever the code.",
            value
        );
        insert(
            &mut root,
            path,
            json!({"type": "boolean", "description": docs}),
            false,
        );
    }
    if let Some(path) = &envelope.request_id {
        insert(&mut root, path, json!({"type": "string"}), false);
    }
    let docs = text::both(
        "A failed call, answered with HTTP 200 like a success: the client reads the code, \
         message and request id at the envelope's paths (`x-bindery-envelope`).",
        "调用失败:与成功一样返回 HTTP 200,错误码、错误信息与请求 ID 位于信封的固定位置。",
    );
    text::put(&mut root, "description", &docs);
    root.insert("x-bindery-envelope".to_owned(), paths(envelope));
    Value::Object(root)
}

/// The component name of an envelope's error body.
pub fn error_component(envelope: &Envelope) -> String {
    match &envelope.name {
        None => "VendorError".to_owned(),
        Some(name) => format!("VendorError{}", crate::naming::type_name(name)),
    }
}

/// The envelope's paths, as the client reads them.
fn paths(envelope: &Envelope) -> Value {
    let mut out = Map::new();
    if let Some(name) = &envelope.name {
        out.insert("name".to_owned(), name.as_str().into());
    }
    out.insert("code".to_owned(), envelope.code.as_str().into());
    if let Some(ok) = envelope.success {
        out.insert("success".to_owned(), ok.into());
    }
    out.insert("message".to_owned(), envelope.message.as_str().into());
    if let Some(p) = &envelope.request_id {
        out.insert("request_id".to_owned(), p.as_str().into());
    }
    if let Some(p) = &envelope.result {
        out.insert("result".to_owned(), p.as_str().into());
    }
    if let Some((p, v)) = &envelope.flag {
        out.insert("flag".to_owned(), json!({"path": p, "success": v}));
    }
    Value::Object(out)
}

/// Docs of the answer as a whole: what tells success from failure.
pub fn answer_docs(envelope: &Envelope) -> DocText {
    let how = match (envelope.success, &envelope.flag) {
        (Some(ok), Some((flag, v))) => {
            format!(
                "success when `{}` is {ok} and `{flag}` is {v}",
                envelope.code
            )
        }
        (Some(ok), None) => format!("success when `{}` is {ok}", envelope.code),
        (None, _) => format!("success when `{}` is absent", envelope.code),
    };
    text::both(
        &format!("HTTP 200 for success and failure alike: {how}, otherwise `VendorError`."),
        "成功与失败均返回 HTTP 200,由信封中的错误码区分。",
    )
}

fn code_schema(codes: CodeKind) -> Value {
    match codes {
        CodeKind::Integer => json!({"type": "integer"}),
        CodeKind::String => json!({"type": "string"}),
    }
}

fn empty() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".to_owned(), "object".into());
    m.insert("properties".to_owned(), Value::Object(Map::new()));
    m
}

/// Puts `value` at the dotted `path` below `root`, making the objects on the way (required
/// when `required`); a path through something that is not an inline object (a reference to
/// the result's component, which holds the key itself) is left alone, as is a key already
/// there.
fn insert(root: &mut Map<String, Value>, path: &str, value: Value, required: bool) {
    let mut node = root;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        if !node.contains_key("properties") {
            return;
        }
        let last = keys.peek().is_none();
        if required
            && let Value::Array(list) = node.entry("required").or_insert_with(|| json!([]))
            && !list.iter().any(|k| k == key)
        {
            list.push(key.into());
        }
        let Some(Value::Object(properties)) = node.get_mut("properties") else {
            return;
        };
        if last {
            properties.entry(key.to_owned()).or_insert(value);
            return;
        }
        let next = properties
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(empty()));
        let Value::Object(next) = next else {
            return;
        };
        node = next;
    }
}
