//! A provider's document: `info`, `servers` from its base URLs, one path item per endpoint,
//! the components its operations use, and the names of those components.
//!
//! Path keys. Every Tencent Cloud action is `POST /` told apart by its `X-TC-Action` header,
//! and OpenAPI keys operations by path and method, so each action gets the key `/#<Action>`
//! (`/#CreateFlow`) and a required `X-TC-Action` header parameter of that one value (`const`
//! in 3.1, a one-value `enum` in 3.0) — the way API gateways that route by header document
//! it. A fragment rather than `/?Action=CreateFlow` because a fragment is never sent: a
//! client generated from the document that writes the path into its URL still posts to `/`,
//! with nothing added to the query the TC3 signature covers, exactly as bindery's client
//! does; the header carries the action. Any other two endpoints on one path and method
//! (none today) would get `<path>#<operationId>` the same way.
//!
//! Component names: shared types keep their name; an endpoint's request body, result and
//! success body are `<Operation>Request`, `<Operation>Response` and `<Operation>Success`
//! (`CreateFlowRequest`); an endpoint's own type keeps its name when no other type of the
//! provider has it, else is prefixed with its operation; envelopes' error bodies are
//! `VendorError` and `VendorError<Name>`. Two types that would still share a name are an
//! error, not a silent overwrite.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::operation::{self, Names};
use super::schema::{self, Scope};
use super::{Components, Version, envelope, operation_id, security, text};
use crate::ir::{Crate, Endpoint, HttpMethod, Kind, Provider, TypeDef, TypeHome};
use crate::naming;

/// The document of provider `p`.
pub fn document(krate: &Crate, p: &Provider, version: Version) -> Result<Value, String> {
    let endpoints = p.root.all_endpoints();
    let locals = local_names(p, &endpoints);
    let mut components = Components::default();
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    let mut paths: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let keys = path_keys(&endpoints);
    for (e, (key, locals)) in endpoints.iter().zip(keys.iter().zip(&locals)) {
        let scope = Scope {
            version,
            local: locals,
        };
        let op_name = naming::type_name(&operation_id(e));
        let names = Names {
            request: format!("{op_name}Request"),
            response: format!("{op_name}Response"),
            success: format!("{op_name}Success"),
        };
        for name in [&names.request, &names.response, &names.success] {
            claim(&mut owners, name, &e.source)?;
        }
        for def in &e.types {
            let component = locals.get(def.name()).cloned().unwrap_or_default();
            claim(&mut owners, &component, &e.source)?;
            components
                .schemas
                .insert(component, type_schema(&scope, def));
        }
        let op = operation::operation(&scope, p, e, &names, &mut components);
        let method = method(e).to_owned();
        paths
            .entry(key.clone())
            .or_default()
            .insert(method, Value::Object(op));
    }
    shared_types(p, &endpoints, version, &mut owners, &mut components)?;
    let mut doc = Map::new();
    doc.insert("openapi".to_owned(), version.full().into());
    doc.insert("info".to_owned(), info(krate, p));
    if let Some(servers) = super::servers::servers(p, None) {
        doc.insert("servers".to_owned(), servers);
    }
    let tags: BTreeSet<String> = endpoints
        .iter()
        .filter(|e| !e.modules.is_empty())
        .map(|e| e.modules.join("/"))
        .collect();
    if !tags.is_empty() {
        let tags: Vec<Value> = tags.into_iter().map(|t| json!({"name": t})).collect();
        doc.insert("tags".to_owned(), Value::Array(tags));
    }
    let paths: Map<String, Value> = paths
        .into_iter()
        .map(|(k, v)| (k, Value::Object(v)))
        .collect();
    doc.insert("paths".to_owned(), Value::Object(paths));
    let mut comps = Map::new();
    comps.insert("schemas".to_owned(), to_object(components.schemas));
    let schemes = security::schemes(p, &endpoints);
    if !schemes.is_empty() {
        comps.insert("securitySchemes".to_owned(), to_object(schemes));
    }
    doc.insert("components".to_owned(), Value::Object(comps));
    doc.insert(
        "x-bindery-auth".to_owned(),
        security::auth_table(&endpoints),
    );
    Ok(Value::Object(doc))
}

fn to_object(map: BTreeMap<String, Value>) -> Value {
    Value::Object(map.into_iter().collect())
}

/// Records that `source` names component `name`; an error when another source did.
fn claim(owners: &mut BTreeMap<String, String>, name: &str, source: &str) -> Result<(), String> {
    match owners.get(name) {
        Some(other) if other != source => Err(format!(
            "OpenAPI component `{name}` would be both {other}'s and {source}'s"
        )),
        _ => {
            owners.insert(name.to_owned(), source.to_owned());
            Ok(())
        }
    }
}

/// The shared types any endpoint reaches (through the one walk of `crate::visit`).
fn shared_types(
    p: &Provider,
    endpoints: &[&Endpoint],
    version: Version,
    owners: &mut BTreeMap<String, String>,
    components: &mut Components,
) -> Result<(), String> {
    let mut reached = BTreeSet::new();
    for e in endpoints {
        let types = p.types_for(e);
        let mut roots = e.request.fields.clone();
        if let Some(r) = &e.response {
            roots.extend(r.fields.iter().cloned());
        }
        reached.extend(
            types
                .reachable(&roots)
                .into_iter()
                .filter(|k| k.home == TypeHome::Shared)
                .map(|k| k.name),
        );
    }
    let source = p.types.as_ref().map_or("", |(file, _)| file.as_str());
    let none = BTreeMap::new();
    let scope = Scope {
        version,
        local: &none,
    };
    for def in p
        .shared_types()
        .iter()
        .filter(|d| reached.contains(d.name()))
    {
        claim(owners, def.name(), source)?;
        components
            .schemas
            .insert(def.name().to_owned(), type_schema(&scope, def));
    }
    Ok(())
}

fn type_schema(scope: &Scope<'_>, def: &TypeDef) -> Value {
    match def {
        TypeDef::Struct(s) => schema::of_struct(scope, s),
        TypeDef::Enum(e) => schema::of_enum(e),
    }
}

/// Each endpoint's local types: Rust name → component name.
fn local_names(p: &Provider, endpoints: &[&Endpoint]) -> Vec<BTreeMap<String, String>> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for def in p.shared_types() {
        *count.entry(def.name()).or_default() += 1;
    }
    for e in endpoints {
        for def in &e.types {
            *count.entry(def.name()).or_default() += 1;
        }
    }
    endpoints
        .iter()
        .map(|e| {
            let op = naming::type_name(&operation_id(e));
            e.types
                .iter()
                .map(|def| {
                    let name = def.name();
                    let component = if count.get(name) == Some(&1) {
                        name.to_owned()
                    } else {
                        format!("{op}{name}")
                    };
                    (name.to_owned(), component)
                })
                .collect()
        })
        .collect()
}

/// The path key of each endpoint (see the module docs).
fn path_keys(endpoints: &[&Endpoint]) -> Vec<String> {
    let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for e in endpoints.iter().filter(|e| e.action.is_none()) {
        *seen.entry((e.path.as_str(), method(e))).or_default() += 1;
    }
    endpoints
        .iter()
        .map(|e| match &e.action {
            Some(action) => format!("{}#{action}", e.path),
            None if seen.get(&(e.path.as_str(), method(e))) > Some(&1) => {
                format!("{}#{}", e.path, operation_id(e))
            }
            None => e.path.clone(),
        })
        .collect()
}

fn method(e: &Endpoint) -> &'static str {
    match (e.kind, e.http_method) {
        (Kind::Redirect, _) | (_, HttpMethod::Get) => "get",
        (_, HttpMethod::Post) => "post",
    }
}

fn info(krate: &Crate, p: &Provider) -> Value {
    let mut info = Map::new();
    info.insert("title".to_owned(), p.title.as_str().into());
    info.insert("version".to_owned(), krate.version.to_string().into());
    let docs = text::append(
        &p.docs,
        "Exported by `cargo xtask openapi` from bindery's spec (`api-spec/`): the wire format \
         of the vendor's API as bindery's client speaks it. What OpenAPI cannot say is in \
         `x-bindery-*` extensions.",
    );
    text::put(&mut info, "description", &docs);
    if let Some(url) = &p.docs_url {
        info.insert("x-bindery-docs-url".to_owned(), url.as_str().into());
    }
    info.insert("x-bindery-protocol".to_owned(), p.protocol.name.into());
    info.insert(
        "x-bindery-envelopes".to_owned(),
        json!(
            std::iter::once(&p.envelope)
                .chain(&p.envelopes)
                .map(envelope::error_component)
                .collect::<Vec<_>>()
        ),
    );
    Value::Object(info)
}
