//! Import circles: the strongly connected components of more than one module in a crate's
//! module graph (Tarjan's algorithm), each reported with one circle through its first module
//! and an example edge (`file:line` and path) for every step, then the component's other
//! edges (`also …`).

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::Finding;
use super::modules::Graph;

/// One finding per strongly connected component of more than one module.
pub fn circles(graph: &Graph) -> Vec<Finding> {
    components(graph)
        .into_iter()
        .filter(|component| component.len() > 1)
        .map(|component| describe(graph, &component))
        .collect()
}

/// The strongly connected components, each sorted by module id, in order of their smallest.
fn components(graph: &Graph) -> Vec<Vec<usize>> {
    let mut tarjan = Tarjan {
        graph,
        index: vec![None; graph.modules.len()],
        low: vec![0; graph.modules.len()],
        on_stack: vec![false; graph.modules.len()],
        stack: Vec::new(),
        next: 0,
        found: Vec::new(),
    };
    for node in 0..graph.modules.len() {
        if tarjan.index[node].is_none() {
            tarjan.connect(node);
        }
    }
    let mut found = tarjan.found;
    for component in &mut found {
        component.sort_unstable();
    }
    found.sort();
    found
}

struct Tarjan<'g> {
    graph: &'g Graph,
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    found: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    // Recursive: module graphs are a few hundred nodes deep at most.
    fn connect(&mut self, node: usize) {
        self.index[node] = Some(self.next);
        self.low[node] = self.next;
        self.next += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        let graph = self.graph;
        for &next in graph.edges.get(&node).into_iter().flat_map(BTreeMap::keys) {
            match self.index[next] {
                None => {
                    self.connect(next);
                    self.low[node] = self.low[node].min(self.low[next]);
                }
                Some(index) if self.on_stack[next] => {
                    self.low[node] = self.low[node].min(index);
                }
                Some(_) => {}
            }
        }
        if Some(self.low[node]) == self.index[node] {
            let mut component = Vec::new();
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                component.push(member);
                if member == node {
                    break;
                }
            }
            self.found.push(component);
        }
    }
}

/// The finding of one component: its modules, and a shortest circle from its first module
/// back to it, one line per step.
fn describe(graph: &Graph, component: &[usize]) -> Finding {
    let members: BTreeSet<usize> = component.iter().copied().collect();
    let start = component[0];
    let circle = shortest_circle(graph, &members, start);
    let names: Vec<String> = component
        .iter()
        .map(|&m| format!("`{}`", graph.modules[m].name()))
        .collect();
    let mut message = format!(
        "import circle between {} modules of {}: {}",
        component.len(),
        graph.crate_dir,
        names.join(", ")
    );
    let steps: Vec<_> = circle
        .windows(2)
        .filter_map(|pair| Some((pair, graph.edges.get(&pair[0])?.get(&pair[1])?)))
        .collect();
    for (pair, edge) in &steps {
        message.push_str(&format!(
            "\n    {}:{}: `{}` uses `{}` ({})",
            edge.file,
            edge.line,
            graph.modules[pair[0]].name(),
            graph.modules[pair[1]].name(),
            edge.path
        ));
    }
    // The component's other edges: what else ties its modules together, for whoever breaks it.
    for &from in component {
        for (&to, edge) in graph.edges.get(&from).into_iter().flatten() {
            let on_circle = steps
                .iter()
                .any(|(pair, _)| pair[0] == from && pair[1] == to);
            if members.contains(&to) && !on_circle {
                message.push_str(&format!(
                    "\n    also {}:{}: `{}` uses `{}` ({})",
                    edge.file,
                    edge.line,
                    graph.modules[from].name(),
                    graph.modules[to].name(),
                    edge.path
                ));
            }
        }
    }
    let (file, line) = steps.first().map_or_else(
        || (graph.modules[start].file.clone(), 1),
        |(_, edge)| (edge.file.clone(), edge.line),
    );
    Finding {
        file,
        line,
        message,
    }
}

/// `start`, the modules of a shortest way through `members` back to it, and `start` again.
fn shortest_circle(graph: &Graph, members: &BTreeSet<usize>, start: usize) -> Vec<usize> {
    let mut came_from: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in graph.edges.get(&node).into_iter().flat_map(BTreeMap::keys) {
            if !members.contains(&next) {
                continue;
            }
            if next == start {
                let mut circle = vec![start, node];
                let mut at = node;
                while at != start {
                    at = came_from[&at];
                    circle.push(at);
                }
                circle.reverse();
                return circle;
            }
            if let std::collections::btree_map::Entry::Vacant(slot) = came_from.entry(next) {
                slot.insert(node);
                queue.push_back(next);
            }
        }
    }
    // Not reached for a strongly connected component: every member leads back to `start`.
    vec![start]
}
