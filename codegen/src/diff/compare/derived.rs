//! How the report names what the IR holds: generated items, Rust type text, auth kinds,
//! constructor arguments, rate limits. Names and text the IR carries (base-URL items,
//! constant markers, stream methods, type text, table entries) are read from it; what it
//! does not carry yet is derived here, in one place, so no comparison rule spells it out.
//! Vendor facts (constructor arguments, the action header) come from the protocol table.

use crate::ir::{
    BaseUrl, Endpoint, Field, Kind, Provider, RateLimit, RateLimitScope, RustPaths, Type,
};
use crate::protocols::AuthDef;

/// The spec name of an auth kind (`fxiaoke_header`), `none` without one.
pub(super) fn auth_name(kind: Option<&AuthDef>) -> &'static str {
    kind.map_or("none", |a| a.name)
}

/// What the arguments of the protocol's constructor are called in the report, from the
/// protocol table (the new side's, or the old side's when the new protocol takes none).
pub(super) fn constructor_subject(old: &Provider, new: &Provider) -> &'static str {
    either_side(old, new, |p| p.protocol.construct_doc)
}

/// The header an endpoint's action is sent in, from the protocol table (as
/// [`constructor_subject`] picks the side).
pub(super) fn action_header(old: &Provider, new: &Provider) -> &'static str {
    either_side(old, new, |p| p.protocol.action_header)
}

/// A protocol table text of the new provider, or of the old one when the new protocol has
/// none (a protocol change, which is reported on its own).
fn either_side(
    old: &Provider,
    new: &Provider,
    text: fn(&Provider) -> &'static str,
) -> &'static str {
    Some(text(new))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| text(old))
}

/// The arguments generated code passes to the protocol's constructor, by name (empty for a
/// protocol built as a unit value).
pub(super) fn constructor_args(p: &Provider) -> Vec<(&'static str, &str)> {
    let names = p.protocol.construct.arg_names();
    names
        .iter()
        .copied()
        .zip(p.protocol_args.iter().map(String::as_str))
        .collect()
}

/// Constructor arguments for a message: ``service `ess`, version `2020-11-11` ``, or `none`.
pub(super) fn show_args(args: &[(&str, &str)]) -> String {
    if args.is_empty() {
        return "none".to_owned();
    }
    let shown: Vec<String> = args.iter().map(|(k, v)| format!("{k} `{v}`")).collect();
    shown.join(", ")
}

/// The generated item of a base URL, for messages: a constant, or a function of the host,
/// after `module` (`bindery::shop::`, or empty where the message names the module already).
pub(super) fn base_url_item(module: &str, b: &BaseUrl) -> String {
    if b.templated {
        format!("function `{module}{}(host)`", b.item)
    } else {
        format!("constant `{module}{}`", b.item)
    }
}

/// The base URL clients built without `base_url` talk to.
pub(super) fn default_url(p: &Provider) -> Option<&BaseUrl> {
    let item = p.default_base_url.as_ref()?;
    p.base_urls.iter().find(|b| &b.item == item)
}

/// How messages spell type paths: short names, as a user of the crate writes them.
const SHORT: RustPaths<'static> = RustPaths {
    runtime: "",
    shared: "types::",
    map: "BTreeMap",
};

/// A field's type as Rust source with short paths (without the `Option` of an optional
/// field), from the IR's one writer of type text.
pub(super) fn type_text(ty: &Type) -> String {
    ty.rust_text(&SHORT)
}

/// The field's declared Rust type.
pub(super) fn field_type(f: &Field) -> String {
    match (&f.constant, f.is_option()) {
        (Some(_), _) => "Constant<…>".to_owned(),
        (None, false) => type_text(&f.ty),
        (None, true) => format!("Option<{}>", type_text(&f.ty)),
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

/// The public module of a provider's shared types (`bindery::shop::types`).
pub(super) fn shared_path(provider: &str) -> String {
    format!("bindery::{provider}::types")
}

/// A client method as a user of the crate names it (`bindery::shop::Client::list_orders`).
pub(super) fn client_method(provider: &str, method: &str) -> String {
    format!("bindery::{provider}::Client::{method}")
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn and_list(mut items: Vec<String>) -> String {
    match items.len() {
        0 | 1 => items.pop().unwrap_or_default(),
        _ => {
            let last = items.pop().unwrap_or_default();
            format!("{} and {last}", items.join(", "))
        }
    }
}

/// The client methods an endpoint gives users, in backticks: its method and, when it pages,
/// its `<method>_stream`; and whether there are several.
pub(super) fn methods(provider: &str, e: &Endpoint) -> (String, bool) {
    let mut names = vec![format!("`{}`", client_method(provider, &e.method_name))];
    if let Some(p) = &e.pagination {
        names.push(format!("`{}`", client_method(provider, &p.stream_method)));
    }
    let several = names.len() > 1;
    (and_list(names), several)
}

/// What an endpoint's methods do, for the report of a new one: a redirect's method builds a
/// URL, a paged endpoint's stream yields every record, a retired endpoint's methods warn.
pub(super) fn method_notes(e: &Endpoint) -> Vec<&'static str> {
    let mut notes = Vec::new();
    if e.kind == Kind::Redirect {
        notes.push("builds the URL a browser opens; nothing is sent");
    }
    if e.pagination.is_some() {
        notes.push("the stream yields every record, page by page");
    }
    if e.deprecated.is_some() {
        notes.push("`#[deprecated]`: calls warn");
    }
    notes
}

/// The public types an endpoint's file defines, for messages.
pub(super) fn type_names(e: &Endpoint) -> String {
    let mut names = vec![format!("`{}`", e.request.name)];
    names.extend(e.response.iter().map(|r| format!("`{}`", r.name)));
    names.extend(e.types.iter().map(|t| format!("`{}`", t.name())));
    and_list(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        let items = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(and_list(items(&[])), "");
        assert_eq!(and_list(items(&["a"])), "a");
        assert_eq!(and_list(items(&["a", "b"])), "a and b");
        assert_eq!(and_list(items(&["a", "b", "c"])), "a, b and c");
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
