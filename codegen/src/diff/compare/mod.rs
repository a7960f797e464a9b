//! The walk over two IRs that finds and judges every change (the rules are in the parent
//! module's docs), one concern per module: the provider's own settings, endpoints and their
//! paging, named types and struct shapes, single fields, constraints, enums, the serde impls
//! that follow from which calls reach a type. `usage` says how
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
mod serde_impls;
mod sink;
mod types;
mod usage;
mod usepoint;

use std::collections::{BTreeMap, BTreeSet};

use self::derived::{and_list, base_url_item, shared_path};
use self::sink::sink;
use self::usage::Usage;
use super::change::{Change, ChangeKind, Impact, Scope};
use crate::ir::{Crate, Module, Provider};

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
            // A provider that is only on one side is compared with itself emptied, so its
            // endpoints, types and token sources are each listed as they are for a provider
            // on both sides.
            (None, Some(n)) => {
                sink(name, Scope::Provider, &mut out).push(
                    ChangeKind::ProviderAdded,
                    format!("provider `{name}`"),
                    Impact::Addition,
                    format!(
                        "new module `bindery::{name}` behind cargo feature `{name}` (on by default), with {}",
                        provider_items(n)
                    ),
                    None,
                );
                provider_pair(&emptied(n), n, &mut out);
            }
            (Some(o), None) => {
                sink(name, Scope::Provider, &mut out).push(
                    ChangeKind::ProviderRemoved,
                    format!("provider `{name}`"),
                    Impact::Breaking,
                    format!(
                        "module `bindery::{name}` and cargo feature `{name}` are gone, and with them {}",
                        provider_items(o)
                    ),
                    None,
                );
                provider_pair(o, &emptied(o), &mut out);
            }
            (None, None) => {}
        }
    }
    out
}

/// The provider with its settings but without endpoints, shared types and token sources.
fn emptied(p: &Provider) -> Provider {
    Provider {
        types: None,
        root: Module {
            endpoints: Vec::new(),
            children: Vec::new(),
            ..p.root.clone()
        },
        endpoint_count: 0,
        token_sources: Vec::new(),
        ..p.clone()
    }
}

/// The items of a provider's module that no endpoint or type brings: the client, the
/// protocol's re-exports and the base URLs.
fn provider_items(p: &Provider) -> String {
    let mut items = vec![
        "`Client`".to_owned(),
        "`ClientBuilder`".to_owned(),
        "`Credentials`".to_owned(),
    ];
    items.extend(p.protocol.reexports.iter().map(|r| format!("`{r}`")));
    // Named inside the module the line names, so without its path.
    items.extend(p.base_urls.iter().map(|b| base_url_item("", b)));
    and_list(items)
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
    provider::token_sources(old, new, &mut s);
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
    let (old_defs, new_defs) = (shared(old), shared(new));
    types::type_defs(
        &old_defs,
        &new_defs,
        &usage.shared,
        &shared_path(name),
        &mut s,
    );
    let (old_crossings, new_crossings) = (old.shared_crossings(), new.shared_crossings());
    serde_impls::lost(
        serde_impls::Side {
            defs: &old_defs,
            crossings: &old_crossings,
        },
        serde_impls::Side {
            defs: &new_defs,
            crossings: &new_crossings,
        },
        &shared_path(name),
        &mut s,
    );
    s.finish();

    endpoints::endpoints(name, old, new, &usage, out);
}
