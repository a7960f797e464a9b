//! Rules for a field's `default`: the value the vendor assumes when a request leaves the
//! field out. The client never sends it; it documents the field and lets request validation
//! check rules that depend on the field's value when the caller did not set it (CRM `offset`
//! must be a multiple of `limit`, and an unset `limit` means the vendor's 20).

use std::cmp::Ordering;

use super::model::Field;
use super::scalar::Number;
use super::span::Pos;
use super::type_expr::TypeExpr;

/// One problem with a field's `default`: where, what, and a hint.
pub(super) type Problem = (Pos, String, Option<String>);

/// Checks `field`'s `default` against its type, its requiredness and its constraints;
/// `in_response` when the field is one of an endpoint's `response` fields.
pub(super) fn problems(field: &Field, ty: Option<&TypeExpr>, in_response: bool) -> Vec<Problem> {
    let Some(default) = &field.default else {
        return Vec::new();
    };
    let (pos, value, name) = (default.pos, default.value, &field.name.value);
    let mut out = Vec::new();
    // A response is decoded as sent and never validated: a default there would only put a
    // promise in rustdoc that nothing keeps (the field stays `None`).
    if in_response {
        out.push((
            pos,
            format!("`default` on response field `{name}` would do nothing: an unset response field stays unset"),
            Some("remove `default`; say the vendor's value in `docs`".to_owned()),
        ));
    }
    match ty {
        Some(TypeExpr::I32) if i32::try_from(value).is_err() => out.push((
            pos,
            format!("`default` {value} of `{name}` is outside the range of `i32`"),
            None,
        )),
        Some(TypeExpr::U64) if value < 0 => out.push((
            pos,
            format!("`default` {value} of `{name}` is outside the range of `u64`"),
            None,
        )),
        Some(TypeExpr::I32 | TypeExpr::I64 | TypeExpr::U64) | None => {}
        Some(other) => out.push((
            pos,
            format!(
                "`default` applies to `i32`, `i64` and `u64` fields, but field `{name}` is `{other}`"
            ),
            None,
        )),
    }
    if field.required.as_ref().is_some_and(|r| r.value) {
        out.push((
            pos,
            format!("field `{name}` is required, so a `default` would never apply"),
            Some("remove `default`, or make the field optional".to_owned()),
        ));
    }
    let c = field.constraints.as_ref();
    let outside = c.and_then(|c| {
        let low = c
            .minimum
            .as_ref()
            .filter(|m| compare(value, m.value) == Some(Ordering::Less));
        let high = c
            .maximum
            .as_ref()
            .filter(|m| compare(value, m.value) == Some(Ordering::Greater));
        low.map(|m| format!("below `minimum` {}", m.value))
            .or_else(|| high.map(|m| format!("above `maximum` {}", m.value)))
    });
    if let Some(why) = outside {
        out.push((pos, format!("`default` {value} of `{name}` is {why}"), None));
    }
    // A `multiple_of` below 1 is reported by the constraint checks; skipping it here also
    // keeps `i64::MIN % -1`, which overflows, from being computed.
    if let Some(m) = c.and_then(|c| c.multiple_of.as_ref())
        && m.value > 0
        && value % m.value != 0
    {
        out.push((
            pos,
            format!(
                "`default` {value} of `{name}` is not a multiple of `multiple_of` {}",
                m.value
            ),
            None,
        ));
    }
    out
}

/// The problem with `multiple_of_field` naming `sibling`, if any: an optional sibling needs a
/// `default`, or an unset sibling would leave the rule unchecked and the request would reach a
/// vendor that refuses it.
pub(super) fn sibling_problem(field: &str, sibling: &Field, pos: Pos) -> Option<Problem> {
    let required = sibling.required.as_ref().is_some_and(|r| r.value);
    (!required && sibling.default.is_none()).then(|| {
        let other = &sibling.name.value;
        (
            pos,
            format!(
                "`multiple_of_field` of `{field}` names the optional field `{other}`, which has no `default`: with `{other}` unset the rule could not be checked"
            ),
            Some(format!(
                "give `{other}` the vendor's documented `default` (e.g. its default page size)"
            )),
        )
    })
}

/// `value` against a bound, exactly for integer bounds (a fractional bound on an integer
/// field is reported by the bounds rules; as a float it still compares sensibly).
fn compare(value: i64, bound: Number) -> Option<Ordering> {
    match bound {
        Number::Int(b) => Some(i128::from(value).cmp(&b)),
        // Defaults are page sizes and the like, far below 2^53, where `f64` is exact.
        #[allow(clippy::cast_precision_loss)]
        Number::Float(b) => (value as f64).partial_cmp(&b),
    }
}
