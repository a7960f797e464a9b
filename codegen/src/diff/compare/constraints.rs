//! Constraint changes, judged by direction: a tighter rule on a request type can refuse calls
//! that passed; on a response type it is documentation.

use super::sink::Sink;
use super::usage::Use;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::Constraints;

/// Which way a rule moved.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Tighter,
    Looser,
    Other,
}

/// A lower bound (`min_length`, `minimum`, `min_items`): absent is the loosest.
fn lower<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<Direction> {
    match (a, b) {
        (None, None) => None,
        (None, Some(_)) => Some(Direction::Tighter),
        (Some(_), None) => Some(Direction::Looser),
        (Some(a), Some(b)) if b > a => Some(Direction::Tighter),
        (Some(a), Some(b)) if b < a => Some(Direction::Looser),
        _ => None,
    }
}

/// An upper bound: the mirror of [`lower`].
fn upper<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<Direction> {
    match (a, b) {
        (None, None) => None,
        (None, Some(_)) => Some(Direction::Tighter),
        (Some(_), None) => Some(Direction::Looser),
        (Some(a), Some(b)) if b < a => Some(Direction::Tighter),
        (Some(a), Some(b)) if b > a => Some(Direction::Looser),
        _ => None,
    }
}

/// A rule that cannot be ordered (a pattern, a sibling field): added, removed or replaced.
fn rule<T: PartialEq>(a: Option<T>, b: Option<T>) -> Option<Direction> {
    match (a, b) {
        (None, None) => None,
        (None, Some(_)) => Some(Direction::Tighter),
        (Some(_), None) => Some(Direction::Looser),
        (Some(a), Some(b)) if a != b => Some(Direction::Other),
        _ => None,
    }
}

/// `multiple_of`: a multiple of the old step is tighter, a divisor looser.
fn multiple(a: Option<i64>, b: Option<i64>) -> Option<Direction> {
    match (a, b) {
        (Some(a), Some(b)) if a != b && a != 0 && b != 0 => Some(if b % a == 0 {
            // Multiples of `b` are multiples of `a`.
            Direction::Tighter
        } else if a % b == 0 {
            Direction::Looser
        } else {
            Direction::Other
        }),
        _ => rule(a, b),
    }
}

/// A bound for a message, `none` when absent.
fn show<T: ToString>(v: Option<T>) -> String {
    v.map_or("none".to_owned(), |v| v.to_string())
}

/// Every rule of a field, one change per rule that moved; `item` is the field as Rust code
/// names it (`` `bindery::shop::orders::PlaceOrderRequest.code` ``).
pub(super) fn constraints(
    a: &Constraints,
    b: &Constraints,
    used: Use,
    what: &str,
    item: &str,
    s: &mut Sink<'_>,
) {
    let quote = |p: Option<&String>| p.map(|p| format!("`{p}`"));
    let sibling =
        |m: &Option<(String, String, bool)>| m.as_ref().map(|(json, _, _)| format!("`{json}`"));
    // The sibling by its Rust name: a JSON rename of the sibling is not a new rule.
    let sibling_rust =
        |m: &Option<(String, String, bool)>| m.as_ref().map(|(_, rust, _)| rust.clone());
    // A minimum of zero characters or items refuses nothing.
    let at_least = |v: Option<u64>| v.filter(|v| *v > 0);
    let rules = [
        (
            "min_length",
            lower(at_least(a.min_length), at_least(b.min_length)),
            show(a.min_length),
            show(b.min_length),
        ),
        (
            "max_length",
            upper(a.max_length, b.max_length),
            show(a.max_length),
            show(b.max_length),
        ),
        (
            "pattern",
            rule(a.pattern.as_ref(), b.pattern.as_ref()),
            show(quote(a.pattern.as_ref())),
            show(quote(b.pattern.as_ref())),
        ),
        (
            "minimum",
            lower(a.minimum, b.minimum),
            show(a.minimum),
            show(b.minimum),
        ),
        (
            "maximum",
            upper(a.maximum, b.maximum),
            show(a.maximum),
            show(b.maximum),
        ),
        (
            "multiple_of",
            multiple(a.multiple_of, b.multiple_of),
            show(a.multiple_of),
            show(b.multiple_of),
        ),
        (
            "multiple_of_field",
            rule(
                sibling_rust(&a.multiple_of_field),
                sibling_rust(&b.multiple_of_field),
            ),
            show(sibling(&a.multiple_of_field)),
            show(sibling(&b.multiple_of_field)),
        ),
        (
            "min_items",
            lower(at_least(a.min_items), at_least(b.min_items)),
            show(a.min_items),
            show(b.min_items),
        ),
        (
            "max_items",
            upper(a.max_items, b.max_items),
            show(a.max_items),
            show(b.max_items),
        ),
    ];
    for (name, direction, old, new) in rules {
        if let Some(direction) = direction {
            judge(
                direction,
                format!("{what}: {name} {old} → {new}"),
                item,
                used,
                s,
            );
        }
    }
}

/// One rule that moved: breaking when it may refuse a request that passed, documentation
/// on a type no request uses.
fn judge(direction: Direction, subject: String, item: &str, used: Use, s: &mut Sink<'_>) {
    if !used.request {
        s.push(
            match direction {
                Direction::Tighter => ChangeKind::ConstraintTightened,
                Direction::Looser => ChangeKind::ConstraintLoosened,
                Direction::Other => ChangeKind::ConstraintChanged,
            },
            subject,
            Impact::Docs,
            format!("responses are not validated; only the docs of {item} change"),
            None,
        );
        return;
    }
    match direction {
        Direction::Tighter => s.push(
            ChangeKind::ConstraintTightened,
            subject,
            Impact::Breaking,
            format!(
                "{item} now refuses values it accepted: requests that passed before can fail with `Error::InvalidRequest` before anything is sent"
            ),
            None,
        ),
        Direction::Other => s.push(
            ChangeKind::ConstraintChanged,
            subject,
            Impact::Breaking,
            format!(
                "the new rule of {item} may refuse values the old one accepted: such requests fail with `Error::InvalidRequest` before anything is sent"
            ),
            None,
        ),
        Direction::Looser => s.push(
            ChangeKind::ConstraintLoosened,
            subject,
            Impact::Compatible,
            format!("{item} accepts every value it accepted before: every request valid before is still valid"),
            Some("values the client refused before are now sent to the vendor".to_owned()),
        ),
    }
}
