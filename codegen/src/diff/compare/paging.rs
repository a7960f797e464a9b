//! An endpoint's paging and documented error codes.

use std::collections::BTreeSet;

use super::derived::{client_method, type_text};
use super::sink::Sink;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::{Endpoint, Paging};

/// Whether and how the endpoint pages.
pub(super) fn paging(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    let provider = s.provider().to_owned();
    let method = |p: &Paging| client_method(&provider, &p.stream_method);
    match (&o.pagination, &n.pagination) {
        (None, Some(b)) => s.push(
            ChangeKind::PaginationAdded,
            "pagination",
            Impact::Addition,
            format!("new method `{}` streams every record", method(b)),
            None,
        ),
        (Some(a), None) => s.push(
            ChangeKind::PaginationRemoved,
            "pagination",
            Impact::Breaking,
            format!("`{}` is gone", method(a)),
            None,
        ),
        (Some(a), Some(b)) => paging_details(a, b, &method(b), s),
        (None, None) => {}
    }
}

/// How both versions of a pageable endpoint page.
fn paging_details(a: &Paging, b: &Paging, method: &str, s: &mut Sink<'_>) {
    if type_text(&a.item) != type_text(&b.item) {
        s.push(
            ChangeKind::PaginationChanged,
            "pagination item type",
            Impact::Breaking,
            format!(
                "`{method}` yields `{}` instead of `{}`",
                type_text(&b.item),
                type_text(&a.item)
            ),
            None,
        );
    }
    if a.default_limit != b.default_limit {
        s.push(
            ChangeKind::DefaultChanged,
            format!(
                "default page size: {} → {}",
                a.default_limit, b.default_limit
            ),
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "`{method}` asks for {} records a page when the request sets no limit",
                b.default_limit
            )),
        );
    }
    let cursor = |p: &Paging| {
        p.cursor.as_ref().map(|c| {
            format!(
                "{} {} {} {} {}",
                c.key, c.filters, c.filter, c.orders, c.order
            )
        })
    };
    let rest = |p: &Paging| {
        (
            p.offset.clone(),
            p.limit.clone(),
            p.total.clone(),
            p.items.clone(),
            p.max_offset,
            cursor(p),
        )
    };
    if rest(a) != rest(b) {
        let cap = |p: &Paging| {
            p.max_offset
                .map_or("no offset cap".to_owned(), |m| format!("offset cap {m}"))
        };
        s.push(
            ChangeKind::PaginationChanged,
            "pagination",
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "`{method}` pages by `{}`/`{}` over `{}` ({}{}) instead of `{}`/`{}` over `{}` ({}{})",
                b.offset,
                b.limit,
                b.items,
                cap(b),
                if b.cursor.is_some() { ", then by key" } else { "" },
                a.offset,
                a.limit,
                a.items,
                cap(a),
                if a.cursor.is_some() { ", then by key" } else { "" },
            )),
        );
    }
}

/// The documented error codes.
pub(super) fn errors(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    let codes = |e: &Endpoint| {
        e.errors
            .iter()
            .map(|c| c.code.clone())
            .collect::<BTreeSet<_>>()
    };
    let (old, new) = (codes(o), codes(n));
    for code in new.difference(&old) {
        s.push(
            ChangeKind::ErrorCodeAdded,
            format!("error code `{code}`"),
            Impact::Docs,
            "documented in rustdoc; vendor errors are matched by code at run time",
            None,
        );
    }
    for code in old.difference(&new) {
        s.push(
            ChangeKind::ErrorCodeRemoved,
            format!("error code `{code}`"),
            Impact::Docs,
            "no longer documented; a vendor that still sends it still gives `Error::Vendor`",
            None,
        );
    }
    for c in &o.errors {
        if let Some(d) = n.errors.iter().find(|d| d.code == c.code)
            && d.docs != c.docs
        {
            s.docs(format!("docs of error code `{}`", c.code));
        }
    }
}
