//! Finding the cycles of named types that contain each other without a list or map in
//! between (which no Rust struct can hold).

use std::collections::BTreeMap;

use super::super::model::{Field, TypeDef};
use super::Scope;
use super::graph::SpecKey;
use crate::visit::TypeGraph;

/// The cycles of named types among `defs` that contain each other through plain (not list
/// or map) fields. Each cycle is reported once, as `(type, field)` steps starting at the type
/// defined first. Linear in the number of types and fields.
///
/// What a field refers to comes from the scope's [`TypeGraph`]; the traversal is not
/// [`crate::visit::walk`], because the report names one cycle per chain of first
/// references, found by peeling types that reach none, which a walk that enters each type
/// once and reports every back edge does not give.
pub(super) fn direct_cycles<'d>(
    defs: &'d [TypeDef],
    scope: &Scope<'_>,
    from_shared: bool,
) -> Vec<Vec<(&'d TypeDef, &'d Field)>> {
    // Nodes: the first definition of each name in this file; edges: fields holding another
    // of these types directly.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, def) in defs.iter().enumerate() {
        index.entry(def.name.value.as_str()).or_insert(i);
    }
    let mut edges: Vec<Vec<(usize, &Field)>> = vec![Vec::new(); defs.len()];
    let mut is_node = vec![false; defs.len()];
    for &i in index.values() {
        if let Some(n) = is_node.get_mut(i) {
            *n = true;
        }
        let (Some(def), Some(out)) = (defs.get(i), edges.get_mut(i)) else {
            continue;
        };
        let owner = SpecKey {
            shared: from_shared,
            name: def.name.value.as_str(),
        };
        for f in def.fields.iter().flatten() {
            for edge in scope.edges(Some(&owner), f) {
                // Only names that resolve to this file's definitions can close a cycle here.
                let same_file = edge.direct && edge.to.shared == from_shared;
                if let (true, Some(&j)) = (same_file, index.get(edge.to.name)) {
                    out.push((j, f));
                }
            }
        }
    }

    // Peel off types that cannot reach a cycle: those whose fields all lead to peeled types.
    let mut alive = is_node.clone();
    let mut pending: Vec<usize> = edges.iter().map(Vec::len).collect();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); defs.len()];
    for (i, out) in edges.iter().enumerate() {
        for (j, _) in out {
            if let Some(list) = incoming.get_mut(*j) {
                list.push(i);
            }
        }
    }
    let mut queue: Vec<usize> = (0..defs.len())
        .filter(|&i| is_node.get(i) == Some(&true) && pending.get(i) == Some(&0))
        .collect();
    while let Some(i) = queue.pop() {
        if let Some(a) = alive.get_mut(i) {
            *a = false;
        }
        for &p in incoming.get(i).map(Vec::as_slice).unwrap_or_default() {
            if let Some(n) = pending.get_mut(p) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    queue.push(p);
                }
            }
        }
    }

    // Every type still alive reaches a cycle; walk from each to find it, once.
    let mut covered = vec![false; defs.len()];
    let mut cycles = Vec::new();
    for start in 0..defs.len() {
        if !alive.get(start).copied().unwrap_or(false) || covered.get(start) == Some(&true) {
            continue;
        }
        let mut order: Vec<(usize, &Field)> = Vec::new();
        let mut position: BTreeMap<usize, usize> = BTreeMap::new();
        let mut current = start;
        loop {
            if let Some(&at) = position.get(&current) {
                let cycle: Vec<(usize, &Field)> = order.get(at..).unwrap_or_default().to_vec();
                // Start the report at the member defined first.
                let first = cycle
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, (node, _))| *node)
                    .map_or(0, |(k, _)| k);
                let mut rotated = cycle.clone();
                rotated.rotate_left(first);
                cycles.push(
                    rotated
                        .into_iter()
                        .filter_map(|(node, f)| defs.get(node).map(|d| (d, f)))
                        .collect(),
                );
                break;
            }
            if covered.get(current) == Some(&true) {
                break;
            }
            let next = edges.get(current).and_then(|out| {
                out.iter()
                    .find(|(j, _)| alive.get(*j).copied().unwrap_or(false))
                    .copied()
            });
            let Some((j, f)) = next else { break };
            position.insert(current, order.len());
            order.push((current, f));
            current = j;
        }
        for (node, _) in &order {
            if let Some(c) = covered.get_mut(*node) {
                *c = true;
            }
        }
    }
    cycles
}
