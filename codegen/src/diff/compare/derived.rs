//! What the report says about generated items that the IR does not carry yet: item names the
//! emitter makes up, type text, vendor names. The walk asks only this module, so when the IR
//! carries a decision the helper here is rewired to read it and no rule changes.
//!
//! Helpers marked `REWIRE` recompute something the emitter also computes, or read a
//! vendor-shaped IR field; each says what the IR should carry instead.

use crate::ir::{BaseUrl, Endpoint, Field, Provider, RateLimit, Type, TypeDef, TypeHome};
use crate::naming;
use crate::protocols::{self, AuthDef, ProtocolDef};
use crate::spec::model::{AuthKind, Protocol, RateLimitScope};

/// The table entry of the IR's auth kind.
///
/// REWIRE: the IR holds the spec model's enum; the entry is found by the spec name the enum
/// deserializes from. Once the IR holds `&'static AuthDef`, this lookup goes.
fn auth_def(kind: AuthKind) -> Option<&'static AuthDef> {
    protocols::PROTOCOLS
        .iter()
        .flat_map(|p| p.auth)
        .find(|a| spec_value::<AuthKind>(a.name) == Some(kind))
}

/// The table entry of the IR's protocol (REWIRE as for [`auth_def`]).
fn protocol_def(protocol: Protocol) -> Option<&'static ProtocolDef> {
    protocols::PROTOCOLS
        .iter()
        .find(|p| spec_value::<Protocol>(p.name) == Some(protocol))
}

/// The spec model's value for a spec name, as the loader reads it.
fn spec_value<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::from(name)).ok()
}

/// The spec name of an auth kind (`fxiaoke_header`), `none` without one.
pub(super) fn auth_name(kind: Option<AuthKind>) -> &'static str {
    match kind {
        None => "none",
        Some(kind) => auth_def(kind).map_or("(unknown)", |a| a.name),
    }
}

/// The runtime type a protocol's `Credentials` and signing come from (`TencentCloud`).
pub(super) fn protocol_type(protocol: Protocol) -> String {
    protocol_def(protocol).map_or_else(|| format!("{protocol:?}"), |p| p.type_name.to_owned())
}

/// What the arguments of the protocol's constructor are called in the report.
///
/// REWIRE: the IR keeps them as Tencent Cloud's `(service, version)`; once it keeps them per
/// protocol (with the protocol table naming them), this and [`constructor_args`] read that.
pub(super) const CONSTRUCTOR_ARGS: &str = "Tencent Cloud service and version";

/// The arguments generated code passes to the protocol's constructor, by name (empty for a
/// protocol built as a unit value).
pub(super) fn constructor_args(p: &Provider) -> Vec<(&'static str, &str)> {
    match &p.tencent_cloud {
        Some((service, version)) => vec![("service", service), ("version", version)],
        None => Vec::new(),
    }
}

/// Constructor arguments for a message: ``service `ess`, version `2020-11-11` ``, or `none`.
pub(super) fn show_args(args: &[(&str, &str)]) -> String {
    if args.is_empty() {
        return "none".to_owned();
    }
    let shown: Vec<String> = args.iter().map(|(k, v)| format!("{k} `{v}`")).collect();
    shown.join(", ")
}

/// The generated item of a base URL: a constant, or a function of the host.
///
/// REWIRE: the emitter names these items too; the IR should carry the name.
pub(super) fn base_url_item(b: &BaseUrl) -> String {
    if b.templated {
        format!("function `{}_base_url(host)`", naming::module_name(&b.name))
    } else {
        format!("constant `{}_BASE_URL`", naming::const_name(&b.name))
    }
}

/// The marker type of a constant field (`PlaceOrderRequestKind`).
///
/// REWIRE: the emitter names it too; the IR should carry the name.
pub(super) fn marker_type(owner: &str, f: &Field) -> String {
    format!("{owner}{}", naming::type_name(&f.rust_name))
}

/// The client method that streams a pageable endpoint's records.
pub(super) fn stream_method(method_name: &str) -> String {
    format!("Client::{method_name}{}", naming::STREAM_METHOD_SUFFIX)
}

/// A field's type as the emitter writes it (without the `Option` of an optional field).
///
/// REWIRE: the emitter writes the same text from the same IR; the IR should carry it.
pub(super) fn type_text(ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Secret => "Secret".into(),
        Type::Bool => "bool".into(),
        Type::I32 => "i32".into(),
        Type::I64 => "i64".into(),
        Type::F64 => "f64".into(),
        Type::Decimal => "Decimal".into(),
        Type::TimestampMs => "TimestampMs".into(),
        Type::TimestampS => "TimestampS".into(),
        Type::Json => "serde_json::Value".into(),
        Type::List(inner) => format!("Vec<{}>", type_text(inner)),
        Type::Map(inner) => format!("BTreeMap<String, {}>", type_text(inner)),
        Type::Named(r) => match r.home {
            TypeHome::Shared => format!("types::{}", r.name),
            TypeHome::Local => r.name.clone(),
        },
    }
}

/// The field's declared Rust type.
pub(super) fn field_type(f: &Field) -> String {
    match (&f.constant, f.required) {
        (Some(_), _) => "Constant<…>".to_owned(),
        (None, true) => type_text(&f.ty),
        (None, false) => format!("Option<{}>", type_text(&f.ty)),
    }
}

/// A rate limit for a message: `5 per 1 s (app-wide)`, or `none`.
pub(super) fn show_rate_limit(r: Option<RateLimit>) -> String {
    match r {
        Some(r) => format!(
            "{} per {} s{}",
            r.requests,
            r.per_seconds,
            match r.scope {
                RateLimitScope::Endpoint => "",
                RateLimitScope::App => " (app-wide)",
            }
        ),
        None => "none".to_owned(),
    }
}

/// A named type's Rust name.
pub(super) fn type_def_name(t: &TypeDef) -> &str {
    match t {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
    }
}

/// The folder an endpoint's local types are re-exported from, as a key.
pub(super) fn folder_key(e: &Endpoint) -> String {
    e.modules.join("::")
}

/// The public module an endpoint's types are re-exported from.
pub(super) fn folder_path(provider: &str, e: &Endpoint) -> String {
    let mut parts = vec!["bindery".to_owned(), provider.to_owned()];
    parts.extend(e.modules.iter().cloned());
    parts.join("::")
}

/// The public types an endpoint's file defines, for messages.
pub(super) fn type_names(e: &Endpoint) -> String {
    let mut names = vec![format!("`{}`", e.request.name)];
    names.extend(e.response.iter().map(|r| format!("`{}`", r.name)));
    names.extend(e.types.iter().map(|t| format!("`{}`", type_def_name(t))));
    match names.len() {
        1 => names.remove(0),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} and {last}", names.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_entry_is_found_from_the_ir_value() {
        for p in protocols::PROTOCOLS {
            let protocol: Protocol = spec_value(p.name).expect("the spec model knows it");
            assert_eq!(protocol_type(protocol), p.type_name);
            for a in p.auth {
                let kind: AuthKind = spec_value(a.name).expect("the spec model knows it");
                assert_eq!(auth_name(Some(kind)), a.name);
            }
        }
        assert_eq!(auth_name(None), "none");
    }

    #[test]
    fn constructor_arguments_read_as_before() {
        assert_eq!(show_args(&[]), "none");
        assert_eq!(
            show_args(&[("service", "ess"), ("version", "2020-11-11")]),
            "service `ess`, version `2020-11-11`"
        );
    }
}
