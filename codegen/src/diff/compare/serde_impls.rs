//! The serde impls a generated struct always has follow from the calls that reach it
//! (`ir::crossing`), so a change elsewhere in the spec can take one away: a new request
//! field of a type only answers held makes it sent too (nothing lost), but a struct no call
//! reached (both impls) that a new field now sends keeps only `Serialize`, and so does each
//! type it reaches. Each lost impl is breaking: code that used it compiles only with the
//! crate feature of that name.

use super::sink::Sink;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::{Crossings, TypeDef};

/// The structs of one home in both versions, with their crossings.
pub(super) struct Side<'a> {
    pub defs: &'a [TypeDef],
    pub crossings: &'a Crossings,
}

/// Reports each struct in both versions that lost an impl it always had; `path` is the
/// module that holds them.
pub(super) fn lost(old: Side<'_>, new: Side<'_>, path: &str, s: &mut Sink<'_>) {
    for def in new.defs {
        let TypeDef::Struct(n) = def else { continue };
        let in_old = old
            .defs
            .iter()
            .any(|d| matches!(d, TypeDef::Struct(o) if o.name == n.name));
        if !in_old {
            continue;
        }
        let before = old
            .crossings
            .get(&n.name)
            .copied()
            .unwrap_or_default()
            .always();
        let after = new
            .crossings
            .get(&n.name)
            .copied()
            .unwrap_or_default()
            .always();
        let ways = [
            (before.0 && !after.0, "Serialize", "serialize", "sends"),
            (
                before.1 && !after.1,
                "Deserialize",
                "deserialize",
                "receives",
            ),
        ];
        for (lost, name, feature, verb) in ways {
            if lost {
                s.push(
                    ChangeKind::SerdeImplRemoved,
                    format!("`serde::{name}` of `{path}::{}`", n.name),
                    Impact::Breaking,
                    format!(
                        "no call {verb} it now, so it implements `serde::{name}` only with \
                         cargo feature `{feature}`"
                    ),
                    None,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::change::{Change, Scope};
    use crate::diff::compare::sink::sink;
    use crate::ir::{Crossing, Struct};

    fn crossings(pairs: &[(&str, Crossing)]) -> Crossings {
        pairs.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
    }

    #[test]
    fn an_impl_a_struct_always_had_and_lost_is_breaking() {
        let defs = vec![
            TypeDef::Struct(Struct::plain("Kept", Vec::new())),
            TypeDef::Struct(Struct::plain("Spare", Vec::new())),
            TypeDef::Struct(Struct::plain("Answer", Vec::new())),
        ];
        // Before: `Spare` reached by no call (both), `Answer` received, `Kept` sent. After:
        // `Spare` sent, `Answer` sent and received, `Kept` received.
        let before = crossings(&[("Answer", Crossing::RECEIVED), ("Kept", Crossing::SENT)]);
        let both = Crossing {
            sent: true,
            received: true,
        };
        let after = crossings(&[
            ("Answer", both),
            ("Kept", Crossing::RECEIVED),
            ("Spare", Crossing::SENT),
        ]);
        let mut out: Vec<Change> = Vec::new();
        let mut s = sink("shop", Scope::Types, &mut out);
        let side = |crossings| Side {
            defs: &defs,
            crossings,
        };
        lost(side(&before), side(&after), "bindery::shop::types", &mut s);
        s.finish();
        let lines: Vec<(String, Impact)> =
            out.iter().map(|c| (c.subject.clone(), c.impact)).collect();
        assert_eq!(
            lines,
            [
                (
                    "`serde::Serialize` of `bindery::shop::types::Kept`".to_owned(),
                    Impact::Breaking
                ),
                (
                    "`serde::Deserialize` of `bindery::shop::types::Spare`".to_owned(),
                    Impact::Breaking
                ),
            ]
        );
        assert_eq!(
            out[1].reason,
            "no call receives it now, so it implements `serde::Deserialize` only with cargo feature `deserialize`"
        );
        assert_eq!(out[0].kind.name(), "serde_impl_removed");
    }
}
