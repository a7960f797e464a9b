//! One field matched in both versions: renames, constants, type and optionality, default,
//! and (through `constraints`) its rules.

use super::constraints::constraints;
use super::derived::{field_type, type_text};
use super::sink::Sink;
use super::usage::Use;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::{Field, Struct};

/// A changed `default`: the client never sends it, so only request validation can notice,
/// and only where a sibling's `multiple_of_field` names the field. Every multiple of the old
/// default is still a multiple of a new one that divides it; any other change can refuse a
/// request that passed.
pub(super) fn default_changed(
    o: &Field,
    n: &Field,
    owner: &Struct,
    used: Use,
    what: &str,
    s: &mut Sink<'_>,
) {
    if o.default == n.default {
        return;
    }
    let show = |d: Option<i64>| d.map_or_else(|| "none".to_owned(), |d| d.to_string());
    let subject = format!("{what}: default {} → {}", show(o.default), show(n.default));
    let dependent = owner.fields.iter().find(|f| {
        f.constraints
            .multiple_of_field
            .as_ref()
            .is_some_and(|(json, _, _)| *json == n.json_name)
    });
    let Some(dependent) = dependent.filter(|_| used.request) else {
        s.push(
            ChangeKind::DefaultChanged,
            subject,
            Impact::Docs,
            "no rule depends on it; the client never sends a default",
            None,
        );
        return;
    };
    let wire = Some(format!(
        "requests that leave `{}` unset have `{}` checked against {}",
        n.json_name,
        dependent.json_name,
        show(n.default)
    ));
    let divides =
        matches!((o.default, n.default), (Some(old), Some(new)) if new != 0 && old % new == 0);
    if divides {
        s.push(
            ChangeKind::DefaultChanged,
            subject,
            Impact::Compatible,
            format!(
                "every `{}` that was a multiple of the old default is one of the new",
                dependent.json_name
            ),
            wire,
        );
    } else {
        s.push(
            ChangeKind::DefaultChanged,
            subject,
            Impact::Breaking,
            format!(
                "requests that leave `{}` unset and passed before can now fail with `Error::InvalidRequest` (`{}` must be a multiple of the new default)",
                n.json_name, dependent.json_name
            ),
            wire,
        );
    }
}

/// One field in both versions of its struct, `used` as the struct is.
pub(super) fn field(name: &str, o: &Field, n: &Field, used: Use, what: &str, s: &mut Sink<'_>) {
    renamed(name, o, n, used, what, s);
    constant(name, o, n, used, what, s);
    if o.constant.is_some() || n.constant.is_some() {
        s.docs_text(&format!("docs of {what}"), &o.docs, &n.docs);
        return;
    }
    shape(name, o, n, used, what, s);
    let item = format!("`{name}.{}`", n.rust_name);
    constraints(&o.constraints, &n.constraints, used, what, &item, s);
    s.docs_text(&format!("docs of {what}"), &o.docs, &n.docs);
}

/// A field renamed in JSON, in Rust, or in both.
fn renamed(name: &str, o: &Field, n: &Field, used: Use, what: &str, s: &mut Sink<'_>) {
    if o.json_name != n.json_name && o.rust_name != n.rust_name {
        s.push(
            ChangeKind::FieldRenamed,
            format!("{what} (was `{}`)", o.json_name),
            Impact::Breaking,
            format!(
                "`{name}.{}` and its setter are now `{}`",
                o.rust_name, n.rust_name
            ),
            Some(format!(
                "`{}` on the wire instead of `{}`",
                n.json_name, o.json_name
            )),
        );
    } else if o.json_name != n.json_name {
        let direction = match (used.request, used.response) {
            (true, true) => "sent and read",
            (true, false) => "sent",
            _ => "read",
        };
        s.push(
            ChangeKind::FieldJsonRenamed,
            format!("{what} (was `{}`)", o.json_name),
            Impact::Compatible,
            format!("`{name}.{}` keeps its Rust name", n.rust_name),
            Some(format!(
                "{direction} as `{}` instead of `{}`",
                n.json_name, o.json_name
            )),
        );
    } else if o.rust_name != n.rust_name {
        let what_moves = if o.constant.is_some() {
            "and its marker type are renamed to match"
        } else {
            "and its setter are now"
        };
        s.push(
            ChangeKind::FieldRustRenamed,
            what,
            Impact::Breaking,
            format!("`{name}.{}` {what_moves} `{}`", o.rust_name, n.rust_name),
            None,
        );
    }
}

/// A field that became, stopped being or changed as a constant.
fn constant(name: &str, o: &Field, n: &Field, used: Use, what: &str, s: &mut Sink<'_>) {
    let new_ty = field_type(n);
    // A constant's marker type lives next to its struct (`name` is the struct's path).
    let marker = |f: &Field| {
        let home = name.rsplit_once("::").map_or("", |(home, _)| home);
        f.constant_marker
            .as_deref()
            .map_or_else(String::new, |m| format!("`{home}::{m}`"))
    };
    let constant_change = match (&o.constant, &n.constant) {
        (None, Some(value)) => Some((
            ChangeKind::ConstantAdded,
            Impact::Breaking,
            format!(
                "`{name}.{}` becomes `Constant<…>` (always `{value}`, marker type {}) and leaves `new` and the setters",
                n.rust_name,
                marker(n)
            ),
            None,
        )),
        (Some(value), None) => {
            let reason = if n.is_constructor_arg() {
                format!(
                    "`{name}.{}` is no longer the constant `{value}` (marker type {} is gone): it becomes `{new_ty}` and `{name}::new` gains it as an argument",
                    n.rust_name,
                    marker(o)
                )
            } else {
                format!(
                    "`{name}.{}` is no longer the constant `{value}` (marker type {} is gone): it becomes `{new_ty}` with a setter",
                    n.rust_name,
                    marker(o)
                )
            };
            Some((ChangeKind::ConstantRemoved, Impact::Breaking, reason, None))
        }
        (Some(a), Some(b)) if a != b => {
            let wire = Some(format!("always `{b}` instead of `{a}`"));
            Some(if used.response {
                (
                    ChangeKind::ConstantChanged,
                    Impact::Breaking,
                    format!(
                        "`{name}.{}` stays `Constant<…>`, but a response carrying `{a}` now fails to decode",
                        n.rust_name
                    ),
                    wire,
                )
            } else {
                (
                    ChangeKind::ConstantChanged,
                    Impact::Compatible,
                    format!("`{name}.{}` stays `Constant<…>`", n.rust_name),
                    wire,
                )
            })
        }
        _ => None,
    };
    if let Some((kind, impact, reason, wire)) = constant_change {
        s.push(kind, what, impact, reason, wire);
    }
}

/// A field's type, or else whether it is required.
fn shape(name: &str, o: &Field, n: &Field, used: Use, what: &str, s: &mut Sink<'_>) {
    let (old_ty, new_ty) = (field_type(o), field_type(n));
    if type_text(&o.ty) != type_text(&n.ty) {
        s.push(
            ChangeKind::FieldTypeChanged,
            format!("{what}: `{}` → `{}`", type_text(&o.ty), type_text(&n.ty)),
            Impact::Breaking,
            format!(
                "`{name}.{}` is `{new_ty}` instead of `{old_ty}`, and so is {}",
                n.rust_name,
                if n.is_constructor_arg() {
                    "its argument of `new`"
                } else {
                    "its setter's argument"
                }
            ),
            None,
        );
    } else if super::presence::nullable_changed(name, o, n, used, what, s) {
        // Reported there: `nullable` changes what `required` means for the Rust type.
    } else if o.required != n.required {
        if n.required {
            let mut reason = format!(
                "`{name}.{}` is `{new_ty}` instead of `{old_ty}` and `{name}::new` gains it as an argument",
                n.rust_name
            );
            if used.response {
                reason.push_str("; a response without it fails to decode");
            }
            s.push(
                ChangeKind::FieldBecameRequired,
                format!("{what} became required"),
                Impact::Breaking,
                reason,
                None,
            );
        } else {
            s.push(
                ChangeKind::FieldBecameOptional,
                format!("{what} became optional"),
                Impact::Breaking,
                format!(
                    "`{name}.{}` is `{new_ty}` instead of `{old_ty}` and leaves `{name}::new`'s arguments for a setter",
                    n.rust_name
                ),
                None,
            );
        }
    }
}
