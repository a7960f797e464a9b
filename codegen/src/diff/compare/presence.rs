//! Changes to `nullable`, judged by the Rust and the decoding they change. A field is `T`
//! when required and not nullable, and `Option<T>` otherwise; a required field's key must be
//! in every answer (a nullable one's value may be `null`); an optional field's absence and
//! `null` both decode as `None`, so `nullable` on it changes nothing but its docs.

use super::derived::field_type;
use super::sink::Sink;
use super::usage::Use;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::Field;

/// Reports a change of presence that involves `nullable` (on either side) and returns
/// `true`; `false` when `nullable` is not involved, for the plain `required` rules.
pub(super) fn nullable_changed(
    name: &str,
    o: &Field,
    n: &Field,
    used: Use,
    what: &str,
    s: &mut Sink<'_>,
) -> bool {
    if !(o.nullable || n.nullable) {
        return false;
    }
    if (o.required, o.nullable) == (n.required, n.nullable) {
        return true;
    }
    let field = format!("`{name}.{}`", n.rust_name);
    let (old_ty, new_ty) = (field_type(o), field_type(n));
    let change = match (o.required, o.nullable, n.required, n.nullable) {
        // Required, then required and nullable: `T` → `Option<T>`.
        (true, false, true, true) => (
            ChangeKind::FieldBecameNullable,
            format!("{what} became nullable"),
            Impact::Breaking,
            format!(
                "{field} is `{new_ty}` instead of `{old_ty}` and leaves `{name}::new`'s arguments for a setter"
            ),
            Some("a `null` value now decodes (as `None`) instead of failing".to_owned()),
        ),
        // Required and nullable, then required: `Option<T>` → `T`.
        (true, true, true, false) => (
            ChangeKind::FieldBecameNonNullable,
            format!("{what} is no longer nullable"),
            Impact::Breaking,
            non_nullable_reason(&field, name, &new_ty, &old_ty, used),
            None,
        ),
        // Optional either way: absence and `null` decode as `None` before and after.
        (false, _, false, _) => (
            if n.nullable {
                ChangeKind::FieldBecameNullable
            } else {
                ChangeKind::FieldBecameNonNullable
            },
            format!(
                "{what} {}",
                if n.nullable {
                    "became nullable"
                } else {
                    "is no longer nullable"
                }
            ),
            Impact::Docs,
            format!(
                "{field} stays `{new_ty}`: an optional field's absence and `null` both decode as `None`"
            ),
            None,
        ),
        // Optional, then required and nullable: the type stays `Option<T>`.
        (false, _, true, true) => {
            let mut wire = Vec::new();
            if used.response {
                wire.push("an answer without the key now fails to decode");
            }
            if used.request {
                wire.push("an unset value is sent as `null` instead of being left out");
            }
            (
                ChangeKind::FieldBecameRequired,
                format!("{what} became required (nullable)"),
                if used.response {
                    Impact::Breaking
                } else {
                    Impact::Compatible
                },
                format!("{field} stays `{new_ty}`, set by its setter"),
                Some(wire.join("; ")).filter(|w| !w.is_empty()),
            )
        }
        // Required and nullable, then optional: the type stays `Option<T>`.
        (true, true, false, _) => {
            let mut wire = Vec::new();
            if used.response {
                wire.push("an answer without the key now decodes (as `None`)");
            }
            if used.request {
                wire.push("an unset value is left out instead of sent as `null`");
            }
            (
                ChangeKind::FieldBecameOptional,
                format!("{what} became optional"),
                Impact::Compatible,
                format!("{field} stays `{new_ty}`"),
                Some(wire.join("; ")).filter(|w| !w.is_empty()),
            )
        }
        // Optional and nullable, then required: `Option<T>` → `T`, a `new` argument.
        (false, true, true, false) => (
            ChangeKind::FieldBecameRequired,
            format!("{what} became required"),
            Impact::Breaking,
            non_nullable_reason(&field, name, &new_ty, &old_ty, used),
            None,
        ),
        // Required, then optional and nullable: `T` → `Option<T>`, a setter.
        (true, false, false, true) => (
            ChangeKind::FieldBecameOptional,
            format!("{what} became optional (nullable)"),
            Impact::Breaking,
            format!(
                "{field} is `{new_ty}` instead of `{old_ty}` and leaves `{name}::new`'s arguments for a setter"
            ),
            None,
        ),
        // Neither side nullable was handled above; an unchanged presence returned early.
        _ => return true,
    };
    let (kind, subject, impact, reason, wire) = change;
    s.push(kind, subject, impact, reason, wire);
    true
}

/// Why a field that became `T` (from `Option<T>`) breaks users.
fn non_nullable_reason(field: &str, name: &str, new_ty: &str, old_ty: &str, used: Use) -> String {
    let mut reason = format!(
        "{field} is `{new_ty}` instead of `{old_ty}` and `{name}::new` gains it as an argument"
    );
    if used.response {
        reason.push_str("; an answer with `null` in it fails to decode");
    }
    reason
}
