//! The module graph of one crate, for finding import circles.
//!
//! The rule, in the spirit of rust-analyzer's architecture notes:
//!
//! - Every module is a node: one per file (`src/a.rs` and `src/a/mod.rs` are `a`, `src/a/b.rs`
//!   is `a::b`, `lib.rs`/`main.rs` the crate root) and one per inline `mod x { … }`, so a
//!   `#[cfg(test)] mod tests { … }` is a child module like a `tests.rs` file would be.
//! - An edge `A → B` is a path written in `A` that names something in `B`: `use` trees, and
//!   paths in types, expressions, patterns and attributes (not inside macro invocations,
//!   which are token streams). Paths are resolved from `A`: `crate::`, `self::`, `super::`,
//!   and a first segment naming a child module of `A`; anything else is another crate. The
//!   path `a::b::Item` names the deepest module it reaches (`a::b` when that module exists,
//!   else `a`): an edge goes to the module a path names, not to where a re-exported item is
//!   defined.
//! - Edges from a module to itself or to one of its ancestors are not counted: a child using
//!   its parent's items (`use super::*`, `crate::Error` re-exported at the root) is not a
//!   circle, and a parent re-exporting its children (`pub use child::Item`) is allowed. Two
//!   siblings using each other, or a module and a descendant of its sibling, are a circle.

use std::collections::BTreeMap;
use std::path::Path;

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use super::{CheckError, parse, read, relative, rust_files};

/// A module of the crate.
#[derive(Debug, Clone)]
pub struct Module {
    /// Its path from the crate root; empty for the root.
    pub path: Vec<String>,
    /// The file it is written in, relative to the workspace root.
    pub file: String,
}

impl Module {
    /// `a::b`, or `crate` for the root.
    pub fn name(&self) -> String {
        if self.path.is_empty() {
            "crate".to_owned()
        } else {
            self.path.join("::")
        }
    }
}

/// Where one edge was seen first.
#[derive(Debug, Clone)]
pub struct Edge {
    /// The file holding the path.
    pub file: String,
    /// Its line.
    pub line: usize,
    /// The path as resolved, e.g. `crate::retry::RetryPolicy`.
    pub path: String,
}

/// The modules of one crate and the edges between them.
#[derive(Debug, Default)]
pub struct Graph {
    /// The crate's `src` folder, relative to the workspace root.
    pub crate_dir: String,
    /// Every module; an index into this is a module's id.
    pub modules: Vec<Module>,
    /// For each module, the modules it uses, each with its first edge.
    pub edges: BTreeMap<usize, BTreeMap<usize, Edge>>,
}

impl Graph {
    fn id(&self, path: &[String]) -> Option<usize> {
        self.modules.iter().position(|m| m.path == path)
    }

    fn add_module(&mut self, path: Vec<String>, file: &str) -> usize {
        if let Some(id) = self.id(&path) {
            return id;
        }
        self.modules.push(Module {
            path,
            file: file.to_owned(),
        });
        self.modules.len() - 1
    }

    /// The deepest module `path` reaches (at least the root).
    fn deepest(&self, path: &[String]) -> usize {
        (0..=path.len())
            .rev()
            .find_map(|n| self.id(&path[..n]))
            .unwrap_or(0)
    }

    fn add_edge(&mut self, from: usize, to: usize, edge: Edge) {
        let from_path = &self.modules[from].path;
        let to_path = &self.modules[to].path;
        // The target is the module itself or one of its ancestors.
        if from_path.starts_with(to_path) {
            return;
        }
        self.edges
            .entry(from)
            .or_default()
            .entry(to)
            .or_insert(edge);
    }
}

/// The graph of the crate whose source folder is `src` (holding `lib.rs` or `main.rs`).
pub fn graph(root: &Path, src: &Path) -> Result<Graph, CheckError> {
    let mut graph = Graph {
        crate_dir: relative(root, src),
        ..Graph::default()
    };
    let files = rust_files(src, &[])?;
    let mut parsed = Vec::new();
    graph.add_module(Vec::new(), &graph.crate_dir.clone());
    for file in &files {
        let path = file_module(src, file);
        let shown = relative(root, file);
        let id = graph.add_module(path.clone(), &shown);
        graph.modules[id].file.clone_from(&shown);
        let syntax = parse(root, file, &read(file)?)?;
        inline_modules(&mut graph, &path, &shown, &syntax.items);
        parsed.push((path, shown, syntax));
    }
    for (path, shown, syntax) in &parsed {
        let mut walker = Walker {
            graph: &mut graph,
            file: shown,
            module: path.clone(),
        };
        walker.visit_file(syntax);
    }
    Ok(graph)
}

/// The module path of a file under `src`.
fn file_module(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.strip_suffix(".rs").unwrap_or(&last).to_owned();
        let is_root = parts.is_empty() && (stem == "lib" || stem == "main");
        if stem != "mod" && !is_root {
            parts.push(stem);
        }
    }
    parts
}

/// Adds the inline modules among `items` (and theirs) as children of `parent`.
fn inline_modules(graph: &mut Graph, parent: &[String], file: &str, items: &[syn::Item]) {
    for item in items {
        if let syn::Item::Mod(module) = item
            && let Some((_, inner)) = &module.content
        {
            let mut path = parent.to_vec();
            path.push(module.ident.to_string());
            graph.add_module(path.clone(), file);
            inline_modules(graph, &path, file, inner);
        }
    }
}

/// Walks one file, keeping track of the inline module it is in, and records its edges.
struct Walker<'g> {
    graph: &'g mut Graph,
    file: &'g str,
    module: Vec<String>,
}

impl Walker<'_> {
    /// Records the edge of a path written here, given as its segments.
    fn path(&mut self, segments: &[String], line: usize) {
        let Some(resolved) = self.resolve(segments) else {
            return;
        };
        let from = self.graph.deepest(&self.module);
        let to = self.graph.deepest(&resolved);
        let edge = Edge {
            file: self.file.to_owned(),
            line,
            path: std::iter::once("crate".to_owned())
                .chain(resolved)
                .collect::<Vec<_>>()
                .join("::"),
        };
        self.graph.add_edge(from, to, edge);
    }

    /// The absolute module path `segments` starts with, or `None` for another crate's.
    fn resolve(&self, segments: &[String]) -> Option<Vec<String>> {
        let (first, rest) = segments.split_first()?;
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" => self.module.clone(),
            "super" => self.module[..self.module.len().checked_sub(1)?].to_vec(),
            _ => {
                let mut child = self.module.clone();
                child.push(first.clone());
                self.graph.id(&child)?;
                return Some(child.into_iter().chain(rest.iter().cloned()).collect());
            }
        };
        let mut rest = rest;
        while let Some((next, tail)) = rest.split_first()
            && next == "super"
        {
            base.pop()?;
            rest = tail;
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.use_leaf(prefix, &n.ident),
            syn::UseTree::Rename(r) => self.use_leaf(prefix, &r.ident),
            syn::UseTree::Glob(g) => self.path(prefix, g.span().start().line),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    fn use_leaf(&mut self, prefix: &[String], ident: &syn::Ident) {
        let mut full = prefix.to_vec();
        // `use a::b::{self}` names `a::b`.
        if ident != "self" {
            full.push(ident.to_string());
        }
        self.path(&full, ident.span().start().line);
    }
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item_mod(&mut self, node: &'ast syn::ItemMod) {
        if node.content.is_some() {
            self.module.push(node.ident.to_string());
            visit::visit_item_mod(self, node);
            self.module.pop();
        }
    }

    fn visit_item_use(&mut self, node: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &node.tree);
    }

    fn visit_path(&mut self, node: &'ast syn::Path) {
        // A one-segment path names an item of this module (or a prelude one), never another.
        if node.leading_colon.is_none() && node.segments.len() > 1 {
            let segments: Vec<String> = node.segments.iter().map(|s| s.ident.to_string()).collect();
            self.path(&segments, node.span().start().line);
        }
        visit::visit_path(self, node);
    }
}
