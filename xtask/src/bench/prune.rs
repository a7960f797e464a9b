//! Below the real size, a synthetic spec drops the shared types that only its dropped
//! endpoints reached.
//!
//! A spec of 100 endpoints written by hand would not carry the shared types of 108 others:
//! kept, they are types no call reaches, which derive serde both ways
//! ([`bindery_codegen::ir::Crossing::always`]) and so cost the build more than any type of
//! a real spec of that size. What the real spec itself holds unreached stays, with every
//! type it reaches, so the synthetic spec keeps the real spec's share of such types.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bindery_codegen::ir::{self, Field, Provider, TypeDef, TypeHome, Types};
use bindery_codegen::spec::{self, SpecSet};

/// Removes from each provider's `types.yaml` below `out` (a synthetic copy of `base`) the
/// shared types that none of its endpoints reaches, unless the real spec `base` holds them
/// unreached too. Returns how many types it removed.
pub fn prune_shared_types(base: &SpecSet, out: &Path) -> Result<usize, String> {
    let real = lowered(base)?;
    let synthetic = spec::load(out).map_err(|d| d.render_fancy())?;
    let mut removed = 0;
    for p in lowered(&synthetic)?.values() {
        let (Some((_, defs)), Some(file)) = (&p.types, types_file(&synthetic, &p.folder)) else {
            continue;
        };
        let mut keep = reached_by_calls(p);
        if let Some(real_p) = real.get(&p.name) {
            keep.extend(unreached_with_what_they_reach(real_p));
        }
        let drop: BTreeSet<&str> = defs
            .iter()
            .map(def_name)
            .filter(|name| !keep.contains(*name))
            .collect();
        if drop.is_empty() {
            continue;
        }
        let path = out.join(file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let (pruned, count) = without_types(&text, &drop);
        if count != drop.len() {
            return Err(format!(
                "{}: found {count} of the {} type entries to remove (an entry is a line \
                 `  - name: X` below `types:`)",
                path.display(),
                drop.len()
            ));
        }
        std::fs::write(&path, pruned)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        removed += count;
    }
    Ok(removed)
}

/// The providers of `set`, lowered, by name.
fn lowered(set: &SpecSet) -> Result<BTreeMap<String, Provider>, String> {
    let krate = ir::lower(set).map_err(|d| d.render_fancy())?;
    Ok(krate
        .providers
        .into_iter()
        .map(|p| (p.name.clone(), p))
        .collect())
}

/// The `types.yaml`, relative to the spec root, of the provider in `folder` (as the IR
/// shows it, below the spec's own folder: `api-spec/fxiaoke`).
fn types_file<'a>(set: &'a SpecSet, folder: &str) -> Option<&'a Path> {
    set.providers
        .iter()
        .find(|p| {
            p.file
                .parent()
                .is_some_and(|dir| Path::new(folder).ends_with(dir))
        })
        .and_then(|p| p.types.as_ref())
        .map(|t| t.file.as_path())
}

fn def_name(def: &TypeDef) -> &str {
    match def {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
    }
}

/// The shared types some endpoint of `p` reaches: from its request, its response, or one of
/// its own types.
fn reached_by_calls(p: &Provider) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in p.root.all_endpoints() {
        let types = p.types_for(e);
        let mut roots: Vec<&[Field]> = vec![&e.request.fields];
        roots.extend(e.response.as_ref().map(|r| r.fields.as_slice()));
        roots.extend(e.types.iter().filter_map(|d| match d {
            TypeDef::Struct(s) => Some(s.fields.as_slice()),
            TypeDef::Enum(_) => None,
        }));
        for fields in roots {
            out.extend(shared_names(&types, fields));
        }
    }
    out
}

/// The shared types of `p` that no endpoint reaches, and the shared types those reach.
fn unreached_with_what_they_reach(p: &Provider) -> BTreeSet<String> {
    let reached = reached_by_calls(p);
    let types = Types {
        local: &[],
        shared: p.shared_types(),
    };
    let mut out = BTreeSet::new();
    for def in p.shared_types() {
        let name = def_name(def);
        if reached.contains(name) {
            continue;
        }
        out.insert(name.to_owned());
        if let TypeDef::Struct(s) = def {
            out.extend(shared_names(&types, &s.fields));
        }
    }
    out
}

fn shared_names(types: &Types<'_>, fields: &[Field]) -> impl Iterator<Item = String> {
    types
        .reachable(fields)
        .into_iter()
        .filter(|key| key.home == TypeHome::Shared)
        .map(|key| key.name)
}

/// `text` (a `types.yaml`) without the entries named in `drop`, and how many it removed. An
/// entry runs from its `  - name: X` line to the next entry or the end of the file.
fn without_types(text: &str, drop: &BTreeSet<&str>) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    let mut count = 0;
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.trim_end().strip_prefix("  - name: ") {
            skipping = drop.contains(name);
            count += usize::from(skipping);
        }
        if !skipping {
            out.push_str(line);
        }
    }
    (out, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::synth;

    /// Without the pruning, the shared types only dropped endpoints reached would derive
    /// both ways in the synthetic spec; with it, none derives a way it does not in the real
    /// spec (`shared_crossings`, what the emitter derives by).
    #[test]
    fn a_smaller_spec_derives_no_shared_type_more_ways_than_the_real_one() {
        let real_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
        let real = spec::load(&real_dir).expect("the real spec loads");
        let temp = tempfile::tempdir().expect("temp dir");
        let made = synth::make(&real, &real_dir, &temp.path().join("out"), 100).expect("loads");
        assert!(made.dropped_types > 0, "{made:?}");
        let before = lowered(&real).expect("lowers");
        let after = lowered(&spec::load(&temp.path().join("out")).expect("loads")).expect("lowers");
        let mut checked = 0;
        for (name, p) in &after {
            let real_ways = before[name].shared_crossings();
            for (ty, crossing) in p.shared_crossings() {
                let (ser, de) = crossing.always();
                let (real_ser, real_de) = real_ways[&ty].always();
                assert!(
                    (ser <= real_ser) && (de <= real_de),
                    "{name}::{ty} derives ({ser}, {de}), in the real spec ({real_ser}, {real_de})"
                );
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked} shared types checked");
    }

    #[test]
    fn an_entry_goes_whole_and_the_others_stay() {
        let text = "# head\ntypes:\n  - name: A\n    fields:\n      - name: x\n  - name: B\n    \
                    enum: [1]\n  - name: C\n    fields: []\n";
        let (out, count) = without_types(text, &BTreeSet::from(["B", "C"]));
        assert_eq!(count, 2);
        assert_eq!(
            out,
            "# head\ntypes:\n  - name: A\n    fields:\n      - name: x\n"
        );
        // A field named like a type is not an entry: it is indented deeper.
        let (out, count) = without_types(text, &BTreeSet::from(["x"]));
        assert_eq!((out.as_str(), count), (text, 0));
    }
}
