//! One endpoint as an OpenAPI operation: its path key, parameters (the protocol's headers and
//! query, the auth parts that are not security schemes, the endpoint's query fields), its
//! request body, its answer in the vendor's envelope, its examples, and what the client knows
//! beyond OpenAPI as `x-bindery-*` extensions.

use serde_json::{Map, Value, json};

use super::schema::{self, Scope};
use super::{Components, Version, envelope, security, text};
use crate::ir::{Endpoint, Field, FieldPlace, HttpMethod, Kind, Provider, Type};
use crate::protocols::openapi::{Place, protocol_wire};

/// The names an endpoint's own components get.
pub struct Names {
    /// The request body (`CreateFlowRequest`).
    pub request: String,
    /// The result, where the envelope nests it (`CreateFlowResponse`).
    pub response: String,
    /// The success body (`CreateFlowSuccess`).
    pub success: String,
}

/// The operation of `e`, its component schemas added to `components`.
pub fn operation(
    scope: &Scope<'_>,
    provider: &Provider,
    e: &Endpoint,
    names: &Names,
    components: &mut Components,
) -> Map<String, Value> {
    let version = scope.version;
    let mut op = Map::new();
    op.insert("operationId".to_owned(), super::operation_id(e).into());
    if !e.modules.is_empty() {
        op.insert("tags".to_owned(), json!([e.modules.join("/")]));
    }
    text::put(&mut op, "summary", &e.summary);
    text::put(&mut op, "description", &e.description);
    op.insert("externalDocs".to_owned(), json!({"url": e.docs_url}));
    if let Some(why) = &e.deprecated {
        op.insert("deprecated".to_owned(), true.into());
        let mut note = Map::new();
        text::put(&mut note, "description", why);
        op.insert("x-bindery-deprecated".to_owned(), Value::Object(note));
    }
    let params = parameters(scope, provider, e);
    if !params.is_empty() {
        op.insert("parameters".to_owned(), Value::Array(params));
    }
    if let Some(body) = request_body(scope, provider, e, names, components) {
        op.insert("requestBody".to_owned(), body);
    }
    op.insert(
        "responses".to_owned(),
        responses(version, provider, e, names, scope, components),
    );
    if let Some(security) = security::requirement(e) {
        op.insert("security".to_owned(), security);
    }
    extensions(&mut op, provider, e);
    op
}

/// Headers and query parameters: the protocol's, auth parts a `GET` sends in the query that
/// are not security schemes (none today), and the endpoint's query fields.
fn parameters(scope: &Scope<'_>, provider: &Provider, e: &Endpoint) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(wire) = protocol_wire(provider.protocol.name) {
        for p in wire.params {
            if p.value == crate::protocols::openapi::Value::Action && e.action.is_none() {
                continue;
            }
            out.push(security::parameter(
                scope.version,
                provider,
                e,
                p,
                p.place,
                None,
            ));
        }
    }
    for f in query_fields(e) {
        out.push(query_parameter(scope, f));
    }
    out
}

/// The request fields that go in the URL's query.
fn query_fields(e: &Endpoint) -> Vec<&Field> {
    match e.request_in {
        FieldPlace::Query => e.request.fields.iter().collect(),
        FieldPlace::Body => e
            .request
            .fields
            .iter()
            .filter(|f| e.query_fields.contains(&f.json_name))
            .collect(),
    }
}

fn query_parameter(scope: &Scope<'_>, f: &Field) -> Value {
    let mut out = Map::new();
    out.insert("name".to_owned(), f.json_name.as_str().into());
    out.insert("in".to_owned(), "query".into());
    out.insert("required".to_owned(), f.required.into());
    text::put(&mut out, "description", &f.docs);
    let mut field = f.clone();
    field.docs = Default::default();
    let s = schema::of_field(scope, &field);
    let structured = matches!(f.ty, Type::List(_) | Type::Map(_) | Type::Json)
        || matches!(&f.ty, Type::Named(r) if r.is_struct);
    if structured {
        // The runtime sends a structured value as its JSON text.
        out.insert(
            "content".to_owned(),
            json!({"application/json": {"schema": s}}),
        );
    } else {
        out.insert("schema".to_owned(), s);
    }
    Value::Object(out)
}

/// The JSON body of a call: the endpoint's body fields and its auth's body parts.
fn request_body(
    scope: &Scope<'_>,
    provider: &Provider,
    e: &Endpoint,
    names: &Names,
    components: &mut Components,
) -> Option<Value> {
    if e.kind == Kind::Redirect || e.http_method == HttpMethod::Get {
        return None;
    }
    let body: Vec<Field> = e
        .request
        .fields
        .iter()
        .filter(|f| !e.query_fields.contains(&f.json_name))
        .cloned()
        .collect();
    let mut request = e.request.clone();
    request.fields = body;
    let mut schema = schema::of_struct(scope, &request);
    if let (Some((auth, wire)), Some(object)) = (security::wire(e), schema.as_object_mut()) {
        let mut properties = object.remove("properties").unwrap_or_else(|| json!({}));
        let mut required = object.remove("required").unwrap_or_else(|| json!([]));
        for part in wire.parts.iter().filter(|p| p.place == Place::Body) {
            let mut s = security::param_schema(scope.version, provider, e, part)
                .as_object()
                .cloned()
                .unwrap_or_default();
            text::put(&mut s, "description", &text::both(part.en, part.zh));
            s.insert("x-bindery-auth".to_owned(), auth.name.into());
            properties[part.name] = Value::Object(s);
            if let Value::Array(list) = &mut required {
                list.push(part.name.into());
            }
        }
        object.insert("properties".to_owned(), properties);
        if required.as_array().is_some_and(|r| !r.is_empty()) {
            object.insert("required".to_owned(), required);
        }
    }
    components.schemas.insert(names.request.clone(), schema);
    let mut media = Map::new();
    media.insert("schema".to_owned(), schema::reference(&names.request));
    let examples = examples(e, |x| x.request.clone());
    if !examples.is_empty() {
        media.insert("examples".to_owned(), Value::Object(examples));
    }
    Some(json!({"required": true, "content": {"application/json": Value::Object(media)}}))
}

/// The answers: a redirect's `302`, a call's `200` without a body, or its `200` in the
/// envelope, success or vendor error.
fn responses(
    version: Version,
    provider: &Provider,
    e: &Endpoint,
    names: &Names,
    scope: &Scope<'_>,
    components: &mut Components,
) -> Value {
    if e.kind == Kind::Redirect {
        let docs = text::both(
            "The vendor's page, which a browser is sent to: the client builds this URL and \
             never calls it (`x-bindery-kind: redirect`).",
            "浏览器跳转到的厂商页面;客户端只生成该 URL,不发起调用。",
        );
        let mut answer = Map::new();
        text::put(&mut answer, "description", &docs);
        return json!({"302": Value::Object(answer)});
    }
    let Some(response) = &e.response else {
        let mut answer = Map::new();
        let docs = text::both("The vendor answers with no body.", "无响应体。");
        text::put(&mut answer, "description", &docs);
        return json!({"200": Value::Object(answer)});
    };
    let result = if e.envelope.result.is_some() {
        components
            .schemas
            .insert(names.response.clone(), schema::of_struct(scope, response));
        schema::reference(&names.response)
    } else {
        schema::of_struct(scope, response)
    };
    let success = envelope::success(version, &e.envelope, provider.protocol.codes, result);
    components
        .schemas
        .insert(names.success.clone(), Value::Object(success));
    let error = envelope::error_component(&e.envelope);
    components
        .schemas
        .entry(error.clone())
        .or_insert_with(|| envelope::error(&e.envelope, provider.protocol.codes));
    let mut media = Map::new();
    media.insert(
        "schema".to_owned(),
        json!({"anyOf": [schema::reference(&names.success), schema::reference(&error)]}),
    );
    let examples = examples(e, |x| x.response.clone());
    if !examples.is_empty() {
        media.insert("examples".to_owned(), Value::Object(examples));
    }
    let mut answer = Map::new();
    text::put(
        &mut answer,
        "description",
        &envelope::answer_docs(&e.envelope),
    );
    answer.insert(
        "content".to_owned(),
        json!({"application/json": Value::Object(media)}),
    );
    json!({"200": Value::Object(answer)})
}

/// The spec's examples of one side, by name (an error example says its code).
fn examples(
    e: &Endpoint,
    side: impl Fn(&crate::ir::Example) -> Option<Value>,
) -> Map<String, Value> {
    let mut out = Map::new();
    for x in &e.examples {
        let Some(value) = side(x) else {
            continue;
        };
        let mut example = Map::new();
        if let Some(code) = &x.error_code {
            example.insert("summary".to_owned(), format!("vendor error {code}").into());
        }
        example.insert("value".to_owned(), value);
        out.insert(x.name.clone(), Value::Object(example));
    }
    out
}

/// What the client knows that OpenAPI has no keyword for.
fn extensions(op: &mut Map<String, Value>, provider: &Provider, e: &Endpoint) {
    let mut put = |key: &str, value: Value| {
        op.insert(format!("x-bindery-{key}"), value);
    };
    let mut path = e.modules.clone();
    path.push(e.method_name.clone());
    put("method", path.join("::").into());
    if let Some(action) = &e.action {
        put("action", action.as_str().into());
    }
    put("idempotent", e.idempotent.into());
    if e.kind == Kind::Redirect {
        put("kind", "redirect".into());
    }
    if let Some((auth, _)) = security::wire(e) {
        put("auth", auth.name.into());
    }
    if let Some(limit) = &e.rate_limit {
        let scope = match limit.scope {
            crate::ir::RateLimitScope::Endpoint => "endpoint",
            crate::ir::RateLimitScope::App => "app",
        };
        put(
            "rate-limit",
            json!({"requests": limit.requests, "per_seconds": limit.per_seconds, "scope": scope}),
        );
    }
    if !e.errors.is_empty() {
        let errors: Vec<Value> = e
            .errors
            .iter()
            .map(|c| {
                let mut m = Map::new();
                m.insert("code".to_owned(), c.code.as_str().into());
                text::put(&mut m, "description", &c.docs);
                Value::Object(m)
            })
            .collect();
        put("errors", Value::Array(errors));
    }
    if let Some(p) = &e.pagination {
        put(
            "pagination",
            json!({"offset": p.offset, "limit": p.limit, "default_limit": p.default_limit,
                   "total": p.total, "items": p.items, "max_offset": p.max_offset}),
        );
    }
    if !e.secret_fields.is_empty() {
        put("secret-fields", json!(e.secret_fields));
    }
    if let Some(a) = &e.availability {
        let mut m = Map::new();
        if let Some(urls) = &a.base_urls {
            m.insert("base_urls".to_owned(), json!(urls));
        }
        text::put(&mut m, "description", &a.docs);
        put("availability", Value::Object(m));
        if let Some(servers) = super::servers::servers(provider, a.base_urls.as_deref()) {
            op.insert("servers".to_owned(), servers);
        }
    }
}
