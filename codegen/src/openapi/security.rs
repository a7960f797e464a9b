//! Auth schemes as OpenAPI `securitySchemes`, and the wire parameters of protocols and auth
//! schemes as parameters. A part in a header or the query is a security scheme of its own
//! (`apiKey`, or `http` bearer for a bearer token); the parts of one auth kind are required
//! together (one security requirement naming them all). A part in a `POST`'s JSON body
//! cannot be a security scheme: it is a property of the request body (`x-bindery-auth`).
//! How a value is made (a signature, a fetched token) is the scheme's description and its
//! `x-bindery-*` extensions: OpenAPI has no scheme type for TC3 or Mingdao signatures, and
//! no flow for Fxiaoke's token endpoints.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{Version, operation_id, schema, text};
use crate::ir::{Endpoint, HttpMethod, Provider};
use crate::protocols::AuthDef;
use crate::protocols::openapi::{Place, SchemeWire, Value as WireValue, WireParam, scheme_wire};

/// Where a part of an auth kind goes on a call of `method`.
pub fn place(part: &WireParam, method: HttpMethod) -> Place {
    match (part.place, method) {
        (Place::Body, HttpMethod::Get) => Place::Query,
        (place, _) => place,
    }
}

/// The wire of an endpoint's auth, if it has any.
pub fn wire(e: &Endpoint) -> Option<(&'static AuthDef, &'static SchemeWire)> {
    let auth = e.auth?;
    scheme_wire(auth.name).map(|w| (auth, w))
}

/// The security scheme name of one part.
fn scheme_name(wire: &SchemeWire, part: &WireParam) -> String {
    if wire.parts.len() == 1 {
        wire.auth.to_owned()
    } else {
        format!("{}.{}", wire.auth, part.name)
    }
}

/// An endpoint's security requirement: every header and query part of its auth, together.
pub fn requirement(e: &Endpoint) -> Option<Value> {
    let (_, wire) = wire(e)?;
    let mut names = Map::new();
    for part in wire.parts {
        if place(part, e.http_method) != Place::Body {
            names.insert(scheme_name(wire, part), json!([]));
        }
    }
    (!names.is_empty()).then(|| json!([Value::Object(names)]))
}

/// The security schemes the provider's endpoints use, by name.
pub fn schemes(provider: &Provider, endpoints: &[&Endpoint]) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for e in endpoints {
        let Some((auth, wire)) = wire(e) else {
            continue;
        };
        for part in wire.parts {
            let place = place(part, e.http_method);
            let location = match place {
                Place::Header => "header",
                Place::Query => "query",
                Place::Body => continue,
            };
            let mut scheme = Map::new();
            if part.value == WireValue::Bearer {
                scheme.insert("type".to_owned(), "http".into());
                scheme.insert("scheme".to_owned(), "bearer".into());
            } else {
                scheme.insert("type".to_owned(), "apiKey".into());
                scheme.insert("in".to_owned(), location.into());
                scheme.insert("name".to_owned(), part.name.into());
            }
            let docs = text::both(
                &format!("{} {}", part.en, wire.en),
                &format!("{} {}", part.zh, wire.zh),
            );
            text::put(&mut scheme, "description", &docs);
            scheme.insert("x-bindery-auth".to_owned(), auth.name.into());
            if let Some(token) = token(provider, auth) {
                scheme.insert("x-bindery-token".to_owned(), token);
            }
            out.insert(scheme_name(wire, part), Value::Object(scheme));
        }
    }
    out
}

/// The token endpoint of an auth kind whose tokens the client fetches.
pub fn token(provider: &Provider, auth: &AuthDef) -> Option<Value> {
    let source = provider
        .token_sources
        .iter()
        .find(|t| t.auth.name == auth.name)?;
    let endpoint = provider
        .root
        .all_endpoints()
        .into_iter()
        .find(|e| e.modules == source.modules && e.method_name == source.method)?;
    Some(json!({
        "operationId": operation_id(endpoint),
        "token": source.value,
        "lifetime_seconds": source.lifetime,
    }))
}

/// Every auth kind the provider uses with where its parts go: the one place body parts are
/// listed as auth (`x-bindery-auth` of the document).
pub fn auth_table(endpoints: &[&Endpoint]) -> Value {
    let mut kinds: BTreeMap<&str, Value> = BTreeMap::new();
    for e in endpoints {
        let Some((auth, wire)) = wire(e) else {
            continue;
        };
        kinds.entry(auth.name).or_insert_with(|| {
            let parts: Vec<Value> = wire
                .parts
                .iter()
                .map(|p| json!({"name": p.name, "in": place_name(p.place), "description": p.en}))
                .collect();
            json!({"summary": auth.summary, "description": wire.en, "x-description-zh": wire.zh, "parts": parts})
        });
    }
    Value::Object(kinds.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn place_name(place: Place) -> &'static str {
    match place {
        Place::Header => "header",
        Place::Query => "query",
        Place::Body => "body (POST), query (GET)",
    }
}

/// A wire parameter's schema.
pub fn param_schema(version: Version, provider: &Provider, e: &Endpoint, p: &WireParam) -> Value {
    let text = json!({"type": "string"});
    match p.value {
        WireValue::Action => {
            schema::one_value(version, &text, e.action.as_deref().unwrap_or("").into())
        }
        WireValue::ConstructArg(i) => {
            let arg = provider.protocol_args.get(i).map_or("", String::as_str);
            schema::one_value(version, &text, arg.into())
        }
        WireValue::Text | WireValue::Bearer => text,
        WireValue::Integer => json!({"type": "integer", "format": "int64"}),
        WireValue::Uuid => json!({"type": "string", "format": "uuid"}),
        WireValue::OneOf(values) => json!({"type": "string", "enum": values}),
    }
}

/// A wire parameter as an OpenAPI parameter (in its header or the query).
pub fn parameter(
    version: Version,
    provider: &Provider,
    e: &Endpoint,
    p: &WireParam,
    place: Place,
    auth: Option<&str>,
) -> Value {
    let mut out = Map::new();
    out.insert("name".to_owned(), p.name.into());
    let location = if place == Place::Header {
        "header"
    } else {
        "query"
    };
    out.insert("in".to_owned(), location.into());
    out.insert("required".to_owned(), p.required.into());
    text::put(&mut out, "description", &text::both(p.en, p.zh));
    out.insert("schema".to_owned(), param_schema(version, provider, e, p));
    if let Some(auth) = auth {
        out.insert("x-bindery-auth".to_owned(), auth.into());
    }
    Value::Object(out)
}
