//! Named types, structs and their fields as a whole: added, removed, matched across renames,
//! reordered `new` arguments, open objects. One field's own changes are in `fields`.

use std::collections::BTreeMap;

use super::derived::{field_type, type_text};
use super::enums::enumeration;
use super::fields::{default_changed, field};
use super::sink::Sink;
use super::usage::Use;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::{Field, Struct, TypeDef};

/// Named types matched by name; `usage` says how each is used, `home` is the public module
/// they are in (`bindery::shop::types`).
pub(super) fn type_defs(
    old: &[TypeDef],
    new: &[TypeDef],
    usage: &BTreeMap<String, (bool, bool)>,
    home: &str,
    s: &mut Sink<'_>,
) {
    for o in old {
        let name = o.name();
        let path = format!("{home}::{name}");
        let (request, response) = usage.get(name).copied().unwrap_or((false, false));
        let used = Use { request, response };
        match new.iter().find(|n| n.name() == name) {
            None => s.push(
                ChangeKind::TypeRemoved,
                format!("type `{name}`"),
                Impact::Breaking,
                format!("{} `{path}` is gone", kind_word(o)),
                None,
            ),
            Some(n) => match (o, n) {
                (TypeDef::Struct(a), TypeDef::Struct(b)) => {
                    strukt(a, b, used, &format!("`{name}`"), home, s);
                }
                (TypeDef::Enum(a), TypeDef::Enum(b)) => enumeration(a, b, home, s),
                _ => s.push(
                    ChangeKind::TypeKindChanged,
                    format!("type `{name}`"),
                    Impact::Breaking,
                    format!(
                        "`{path}` is now {} {} instead of {} {}",
                        article(n),
                        kind_word(n),
                        article(o),
                        kind_word(o)
                    ),
                    None,
                ),
            },
        }
    }
    for n in new
        .iter()
        .filter(|n| !old.iter().any(|o| o.name() == n.name()))
    {
        let name = n.name();
        s.push(
            ChangeKind::TypeAdded,
            format!("type `{name}`"),
            Impact::Addition,
            format!("new {} `{home}::{name}`", kind_word(n)),
            None,
        );
    }
}

/// The kind of a named type, for messages.
fn kind_word(t: &TypeDef) -> &'static str {
    match t {
        TypeDef::Struct(_) => "struct",
        TypeDef::Enum(_) => "enum",
    }
}

/// The indefinite article before [`kind_word`].
fn article(t: &TypeDef) -> &'static str {
    match t {
        TypeDef::Struct(_) => "a",
        TypeDef::Enum(_) => "an",
    }
}

/// Matches fields by JSON name, then by Rust name (a JSON rename), then a lone removed and
/// added field of the same type at the same place (renamed in both).
fn match_fields<'a>(
    old: &'a [Field],
    new: &'a [Field],
) -> Vec<(Option<&'a Field>, Option<&'a Field>)> {
    let mut pairs: Vec<(Option<&Field>, Option<&Field>)> = Vec::new();
    let mut used = vec![false; new.len()];
    let mut unmatched_old = Vec::new();
    for o in old {
        if let Some(i) = new.iter().position(|n| n.json_name == o.json_name) {
            used[i] = true;
            pairs.push((Some(o), Some(&new[i])));
        } else {
            unmatched_old.push(o);
        }
    }
    let mut still_old = Vec::new();
    for o in unmatched_old {
        match new
            .iter()
            .enumerate()
            .position(|(i, n)| !used[i] && n.rust_name == o.rust_name)
        {
            Some(i) => {
                used[i] = true;
                pairs.push((Some(o), Some(&new[i])));
            }
            None => still_old.push(o),
        }
    }
    let rest_new: Vec<usize> = (0..new.len()).filter(|i| !used[*i]).collect();
    if still_old.len() == 1 && rest_new.len() == 1 {
        let (o, n) = (still_old[0], &new[rest_new[0]]);
        let place = |fields: &[Field], f: &Field| fields.iter().position(|x| std::ptr::eq(x, f));
        if type_text(&o.ty) == type_text(&n.ty)
            && o.required == n.required
            && place(old, o) == place(new, n)
        {
            pairs.push((Some(o), Some(n)));
            return pairs;
        }
    }
    pairs.extend(still_old.into_iter().map(|o| (Some(o), None)));
    pairs.extend(rest_new.into_iter().map(|i| (None, Some(&new[i]))));
    pairs
}

/// A struct's fields, `new` arguments and openness; `label` names it in subjects
/// (`request`, `response`, or the type's name in backticks), its public path
/// (`home::Name`) in reasons.
pub(super) fn strukt(a: &Struct, b: &Struct, used: Use, label: &str, home: &str, s: &mut Sink<'_>) {
    let name = &format!("{home}::{}", b.name);
    let what = |f: &Field| match label {
        "request" | "response" => format!("{label} field `{}`", f.json_name),
        _ => format!("field `{}` of {label}", f.json_name),
    };
    for (o, n) in match_fields(&a.fields, &b.fields) {
        match (o, n) {
            (None, Some(n)) => field_added(name, home, n, &what(n), used, s),
            (Some(o), None) => {
                let reason = if o.constant.is_some() {
                    format!(
                        "`{name}.{}` and its marker type `{home}::{}` are gone",
                        o.rust_name,
                        o.constant_marker.as_deref().unwrap_or_default()
                    )
                } else if o.is_constructor_arg() {
                    format!(
                        "`{name}.{}` is gone and `{name}::new` loses that argument",
                        o.rust_name
                    )
                } else {
                    format!("`{name}.{}` and its setter are gone", o.rust_name)
                };
                s.push(
                    ChangeKind::FieldRemoved,
                    what(o),
                    Impact::Breaking,
                    reason,
                    None,
                );
            }
            // The envelope's request id: an envelope change has said what moved.
            (Some(o), Some(n)) if o.from_envelope && n.from_envelope => {}
            (Some(o), Some(n)) => {
                field(name, o, n, used, &what(n), s);
                default_changed(o, n, b, used, &what(n), s);
            }
            (None, None) => {}
        }
    }
    // `new` takes its arguments in spec order: the same arguments in another order still
    // compile when their types agree, and then pass values to the wrong fields.
    let args = |st: &Struct| -> Vec<String> {
        st.fields
            .iter()
            .filter(|f| f.is_constructor_arg())
            .map(|f| f.rust_name.clone())
            .collect()
    };
    let (old_args, new_args) = (args(a), args(b));
    let common_old: Vec<&String> = old_args.iter().filter(|x| new_args.contains(x)).collect();
    let common_new: Vec<&String> = new_args.iter().filter(|x| old_args.contains(x)).collect();
    if common_old != common_new {
        s.push(
            ChangeKind::ArgumentsReordered,
            format!("{label}: order of required fields"),
            Impact::Breaking,
            format!(
                "`{name}::new` takes ({}) instead of ({}); calls may still compile and pass values to the wrong fields",
                new_args.join(", "),
                old_args.join(", ")
            ),
            None,
        );
    }
    if a.open != b.open {
        if b.open {
            s.push(
                ChangeKind::OpenObjectChanged,
                format!("{label} keeps unknown keys"),
                Impact::Addition,
                format!("`{name}` gains the `extra` map and the `extra_field` setter"),
                Some("keys the spec does not name are kept instead of dropped".to_owned()),
            );
        } else {
            s.push(
                ChangeKind::OpenObjectChanged,
                format!("{label} drops unknown keys"),
                Impact::Breaking,
                format!("`{name}.extra` and `{name}::extra_field` are gone"),
                Some("keys the spec does not name are dropped".to_owned()),
            );
        }
    }
    s.docs_text(&format!("docs of {label}"), &a.docs, &b.docs);
}

/// A field that only the new struct has; `home` is the module of the struct (and of a
/// constant's marker type).
fn field_added(name: &str, home: &str, n: &Field, what: &str, used: Use, s: &mut Sink<'_>) {
    if let Some(value) = &n.constant {
        let marker = n
            .constant_marker
            .as_deref()
            .map(|m| format!(" (marker type `{home}::{m}`)"))
            .unwrap_or_default();
        let wire = used
            .request
            .then(|| format!("requests always carry `{}: {value}`", n.json_name));
        if used.response {
            s.push(
                ChangeKind::FieldAdded,
                what,
                Impact::Breaking,
                format!(
                    "`{name}` gains the constant field `{}`{marker}; a response without `{}: {value}` fails to decode",
                    n.rust_name, n.json_name
                ),
                wire,
            );
        } else {
            s.push(
                ChangeKind::FieldAdded,
                what,
                Impact::Addition,
                format!(
                    "`{name}` gains the constant field `{}`{marker}",
                    n.rust_name
                ),
                wire,
            );
        }
    } else if n.required && n.nullable && used.response {
        s.push(
            ChangeKind::FieldAdded,
            what,
            Impact::Breaking,
            format!(
                "`{name}` gains `{}: {}` and its setter; a response without the key fails to decode",
                n.rust_name,
                field_type(n)
            ),
            None,
        );
    } else if n.is_constructor_arg() {
        let mut reason = format!(
            "`{name}::new` gains an argument `{}: {}`",
            n.rust_name,
            type_text(&n.ty)
        );
        if used.response {
            reason.push_str("; a response without it fails to decode");
        }
        s.push(ChangeKind::FieldAdded, what, Impact::Breaking, reason, None);
    } else {
        s.push(
            ChangeKind::FieldAdded,
            what,
            Impact::Addition,
            format!(
                "`{name}` gains the optional field `{}: {}` and its setter; `new` is unchanged",
                n.rust_name,
                field_type(n)
            ),
            None,
        );
    }
}
