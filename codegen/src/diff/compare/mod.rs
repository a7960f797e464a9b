//! The walk over two IRs that finds and judges every change (the rules are in the parent
//! module's docs), one concern per module: the provider's own settings, endpoints and their
//! paging, named types and struct shapes, single fields, constraints, enums. `usage` says how
//! each type is used, `sink` collects changes per scope, and `derived` is the one place that
//! names generated items the IR does not name itself.

mod constraints;
mod derived;
mod endpoints;
mod enums;
mod fields;
mod paging;
mod presence;
mod provider;
mod sink;
mod types;
mod usage;
mod usepoint;

use std::collections::{BTreeMap, BTreeSet};

use self::sink::sink;
use self::usage::Usage;
use super::change::{Change, ChangeKind, Impact, Scope};
use crate::ir::{Crate, Provider};

/// Every change between two crates, provider by provider.
pub(super) fn crates(base: &Crate, head: &Crate) -> Vec<Change> {
    let mut out = Vec::new();
    let old: BTreeMap<&str, &Provider> = base
        .providers
        .iter()
        .map(|p| (p.name.as_str(), p))
        .collect();
    let new: BTreeMap<&str, &Provider> = head
        .providers
        .iter()
        .map(|p| (p.name.as_str(), p))
        .collect();
    let names: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    for name in names {
        match (old.get(name), new.get(name)) {
            (Some(o), Some(n)) => provider_pair(o, n, &mut out),
            (None, Some(_)) => sink(name, Scope::Provider, &mut out).push(
                ChangeKind::ProviderAdded,
                format!("provider `{name}`"),
                Impact::Addition,
                format!("new module `bindery::{name}` and cargo feature `{name}` (on by default)"),
                None,
            ),
            (Some(_), None) => sink(name, Scope::Provider, &mut out).push(
                ChangeKind::ProviderRemoved,
                format!("provider `{name}`"),
                Impact::Breaking,
                format!("module `bindery::{name}` and cargo feature `{name}` are gone"),
                None,
            ),
            (None, None) => {}
        }
    }
    out
}

/// One provider in both versions: its own settings, its shared types, its endpoints.
fn provider_pair(old: &Provider, new: &Provider, out: &mut Vec<Change>) {
    let name = new.name.as_str();
    let mut s = sink(name, Scope::Provider, out);
    provider::protocol(old, new, &mut s);
    provider::base_urls(old, new, &mut s);
    provider::envelope("envelope", &old.envelope, &new.envelope, &mut s);
    provider::named_envelopes(&old.envelopes, &new.envelopes, &mut s);
    provider::constructor(old, new, &mut s);
    provider::token_sources(&old.token_sources, &new.token_sources, &mut s);
    if old.title != new.title {
        s.docs("title");
    }
    s.docs_text("module docs", &old.docs, &new.docs);
    if old.docs_url != new.docs_url {
        s.docs("documentation link");
    }
    s.finish();

    let usage_old = Usage::of(old);
    let usage_new = Usage::of(new);
    let usage = usage_old.union(&usage_new);

    let shared = |p: &Provider| p.types.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
    let mut s = sink(name, Scope::Types, out);
    types::type_defs(&shared(old), &shared(new), &usage.shared, &mut s);
    s.finish();

    endpoints::endpoints(name, old, new, &usage, out);
}
