//! Enum values and variants: added, removed, renamed in Rust or on the wire.

use std::collections::BTreeSet;

use super::sink::Sink;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::{Enum, EnumKind};

/// Values matched by wire value, then by Rust name. An enum whose values changed between
/// strings and integers is one breaking change: its `Unknown` holds another type, and every
/// value is sent and read as another JSON type.
/// `home` is the public module of the enum (`bindery::shop::types`).
pub(super) fn enumeration(a: &Enum, b: &Enum, home: &str, s: &mut Sink<'_>) {
    let short = &b.name;
    let name = &format!("{home}::{short}");
    if a.kind != b.kind {
        s.push(
            ChangeKind::EnumKindChanged,
            format!("enum `{name}`"),
            Impact::Breaking,
            format!(
                "`{short}`'s values are {} instead of {} (`{short}::Unknown` holds {}, `{}` replaces `{}`)",
                b.kind.noun(),
                a.kind.noun(),
                unknown_type(b),
                value_method(b),
                value_method(a)
            ),
            Some(format!(
                "every value is sent and read as JSON {} instead of {}",
                b.kind.noun(),
                a.kind.noun()
            )),
        );
        s.docs_text(&format!("docs of `{name}`"), &a.docs, &b.docs);
        return;
    }
    let mut matched = BTreeSet::new();
    // By wire value first, then (for what is left) by Rust name: a renamed value.
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    for (oi, o) in a.variants.iter().enumerate() {
        let found = b.variants.iter().position(|n| n.value == o.value);
        if let Some(i) = found {
            matched.insert(i);
        }
        pairs.push((oi, found));
    }
    for pair in pairs.iter_mut().filter(|p| p.1.is_none()) {
        let o = &a.variants[pair.0];
        let found = b
            .variants
            .iter()
            .enumerate()
            .position(|(i, n)| !matched.contains(&i) && n.rust_name == o.rust_name);
        if let Some(i) = found {
            matched.insert(i);
        }
        pair.1 = found;
    }
    for (oi, found) in pairs {
        let o = &a.variants[oi];
        match found {
            None => s.push(
                ChangeKind::EnumValueRemoved,
                format!("`{short}` value `{}`", o.value),
                Impact::Breaking,
                format!("variant `{name}::{}` is gone", o.rust_name),
                Some(format!(
                    "`{}` now arrives as `{short}::Unknown({})`",
                    o.value,
                    o.value.json_text()
                )),
            ),
            Some(i) => {
                let n = &b.variants[i];
                if n.rust_name != o.rust_name {
                    s.push(
                        ChangeKind::EnumVariantRenamed,
                        format!("`{short}` value `{}`", n.value),
                        Impact::Breaking,
                        format!(
                            "`{name}::{}` is now `{short}::{}`",
                            o.rust_name, n.rust_name
                        ),
                        None,
                    );
                }
                if n.value != o.value {
                    s.push(
                        ChangeKind::EnumValueRenamed,
                        format!("`{short}` value `{}` (was `{}`)", n.value, o.value),
                        Impact::Compatible,
                        format!("`{name}::{}` keeps its name", n.rust_name),
                        Some(format!(
                            "`{short}::{}` is sent and read as `{}` instead of `{}`",
                            n.rust_name, n.value, o.value
                        )),
                    );
                }
                s.docs_text(
                    &format!("docs of `{short}::{}`", n.rust_name),
                    &o.docs,
                    &n.docs,
                );
            }
        }
    }
    for (i, n) in b.variants.iter().enumerate() {
        if !matched.contains(&i) {
            s.push(
                ChangeKind::EnumValueAdded,
                format!("`{short}` value `{}`", n.value),
                Impact::Addition,
                format!(
                    "`{name}` is `#[non_exhaustive]`: the new variant `{}` breaks no match",
                    n.rust_name
                ),
                Some(format!(
                    "`{}` used to arrive as `{short}::Unknown({})`",
                    n.value,
                    n.value.json_text()
                )),
            );
        }
    }
    s.docs_text(&format!("docs of `{short}`"), &a.docs, &b.docs);
}

/// The type `Unknown` of an enum holds.
fn unknown_type(e: &Enum) -> &'static str {
    match e.kind {
        EnumKind::String => "`String`",
        EnumKind::Integer => "`i64`",
    }
}

/// The method that gives a value's wire form.
fn value_method(e: &Enum) -> &'static str {
    match e.kind {
        EnumKind::String => "as_str",
        EnumKind::Integer => "as_i64",
    }
}
