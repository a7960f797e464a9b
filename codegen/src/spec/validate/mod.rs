//! The checks that need more than one value at a time: names and what they turn into in
//! Rust, type references, protocol rules, constraints and the examples against their schema.
//!
//! Every problem is reported at the node it concerns, with what was found and what was
//! expected. Nothing here panics on any parsed spec.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use regex::Regex;

use super::model::{Docs, HttpMethod, ProviderFile, TypeDef};
use super::span::{Pos, Spanned};
use super::tree::{EndpointSpec, SpecSet, TypesSpec};
use super::yaml_tree::Node;
use crate::diagnostics::{Diagnostic, backticked};
use crate::source::{normalise_line_endings, read_regular_file};

mod array_bodies;
mod bodies;
mod bounds;
mod comments;
mod constraints;
mod cycles;
mod endpoints;
mod enum_kinds;
mod envelopes;
mod example_rules;
mod examples;
mod fields;
mod graph;
mod names;
mod nullable;
mod path_query;
mod provider;
mod tokens;
mod types;
mod usepoint;
mod util;

use names::module_name_problem;
use util::{FirstSeen, regex_error_text};

/// Checks a loaded spec set and returns every problem found (empty when it is fine).
///
/// [`load`](super::load::load) runs the same checks; this is public so that a set built in
/// memory can be checked too.
pub fn validate(set: &SpecSet) -> Vec<Diagnostic> {
    let inputs: Vec<ProviderInput<'_>> = set
        .providers
        .iter()
        .map(|p| ProviderInput {
            folder: p
                .file
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            file: p.file.clone(),
            provider: Some(&p.provider),
            types: p.types.as_ref(),
            types_broken: false,
            endpoints: p.endpoints.iter().collect(),
        })
        .collect();
    validate_inputs(&set.root, &inputs)
}

/// One provider folder as far as it parsed: checks that need a part that did not parse are
/// skipped, so one broken file does not cause a cascade of follow-up errors.
pub(crate) struct ProviderInput<'a> {
    /// The folder name.
    pub folder: String,
    /// `provider.yaml`, relative to the root.
    pub file: PathBuf,
    /// The provider file, if it parsed.
    pub provider: Option<&'a ProviderFile>,
    /// `types.yaml`, if present and parsed.
    pub types: Option<&'a TypesSpec>,
    /// Whether `types.yaml` exists but did not parse (unknown type names are then not
    /// reported).
    pub types_broken: bool,
    /// The endpoints that parsed, sorted by file.
    pub endpoints: Vec<&'a EndpointSpec>,
}

/// Checks providers that may be only partly parsed.
pub(crate) fn validate_inputs(root: &Path, inputs: &[ProviderInput<'_>]) -> Vec<Diagnostic> {
    let mut cx = Cx {
        root,
        out: Vec::new(),
        regexes: HashMap::new(),
        trees: HashMap::new(),
    };
    // The text checks read each file again on their own, on the machine's cores; their
    // problems follow each provider's, file by file, as one thread would report them.
    let files: Vec<Vec<&Path>> = inputs
        .iter()
        .map(|input| {
            std::iter::once(input.file.as_path())
                .chain(input.types.map(|t| t.file.as_path()))
                .chain(input.endpoints.iter().map(|e| e.file.as_path()))
                .collect()
        })
        .collect();
    let all: Vec<&Path> = files.iter().flatten().copied().collect();
    let mut cut =
        crate::parallel::map(&all, |file| comments::comments_in_docs(root, file)).into_iter();
    for (input, files) in inputs.iter().zip(&files) {
        cx.provider(input);
        for found in cut.by_ref().take(files.len()) {
            cx.out.extend(found);
        }
    }
    cx.out
}

/// A spec file's text as the loader read it (line endings normalised), for checks that look
/// at the text itself; `None` when it cannot be read again.
fn source_text(root: &Path, file: &Path) -> Option<String> {
    let bytes = read_regular_file(&root.join(file)).ok()??;
    let text = String::from_utf8(bytes).ok()?;
    Some(normalise_line_endings(&text).into_owned())
}

const START: Pos = Pos { line: 1, column: 1 };

/// Where a named type lives.
#[derive(Clone, Copy)]
struct TypeEntry<'a> {
    def: &'a TypeDef,
    shared: bool,
}

/// The named types visible from one file: its own first, then the provider's `types.yaml`.
struct Scope<'a> {
    local: BTreeMap<&'a str, &'a TypeDef>,
    shared: &'a BTreeMap<&'a str, &'a TypeDef>,
    /// `types.yaml` did not parse: names that do not resolve are not reported.
    lenient: bool,
}

impl<'a> Scope<'a> {
    /// Resolves a name as seen from a local (`shared == false`) or shared definition.
    fn get(&self, name: &str, from_shared: bool) -> Option<TypeEntry<'a>> {
        if !from_shared && let Some(def) = self.local.get(name) {
            return Some(TypeEntry { def, shared: false });
        }
        self.shared
            .get(name)
            .map(|def| TypeEntry { def, shared: true })
    }

    fn names(&self, from_shared: bool) -> Vec<&'a str> {
        let mut names: Vec<&str> = self.shared.keys().copied().collect();
        if !from_shared {
            names.extend(self.local.keys().copied());
        }
        names
    }
}

/// Which field list of which owner is being checked; used in messages.
#[derive(Clone, Copy)]
enum Owner<'a> {
    /// The request body, query or response of an endpoint.
    Endpoint(&'a str),
    /// The fields of a named type.
    Type(&'a str),
}

impl Owner<'_> {
    fn describe(&self) -> String {
        match self {
            Owner::Endpoint(list) => format!("`{list}`"),
            Owner::Type(name) => format!("type `{name}`"),
        }
    }
}

struct Cx<'r> {
    root: &'r Path,
    out: Vec<Diagnostic>,
    regexes: HashMap<String, Result<Regex, String>>,
    /// Files re-read as position trees, for messages about nodes the model has no position
    /// for (see [`super::yaml_tree`]); `None` when the file cannot be read again.
    trees: HashMap<PathBuf, Option<Node>>,
}

impl Cx<'_> {
    fn err(&mut self, file: &Path, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.out
            .push(Diagnostic::new(self.root.join(file), pos, message, help));
    }

    /// The position tree of a file (relative to the root), read once on first use.
    fn tree(&mut self, file: &Path) -> Option<&Node> {
        let root = self.root;
        self.trees
            .entry(file.to_path_buf())
            .or_insert_with(|| {
                #[cfg(test)]
                TREES_READ.with(|n| n.set(n.get() + 1));
                Node::parse(&source_text(root, file)?)
            })
            .as_ref()
    }

    /// The anchored pattern of a `pattern` constraint, compiled once.
    fn regex(&mut self, pattern: &str) -> Result<Regex, String> {
        if let Some(cached) = self.regexes.get(pattern) {
            return cached.clone();
        }
        // The runtime anchors patterns this way; the size limit is the spec's own guard.
        let compiled = regex::RegexBuilder::new(&bindery_runtime::validate::anchored(pattern))
            .size_limit(1 << 20)
            .build()
            .map_err(|err| regex_error_text(&err));
        self.regexes.insert(pattern.to_owned(), compiled.clone());
        compiled
    }

    fn provider(&mut self, input: &ProviderInput<'_>) {
        let file = input.file.as_path();
        match input.provider {
            Some(p) => self.provider_file(file, &input.folder, p),
            None => {
                if let Some((msg, help)) = module_name_problem("provider folder", &input.folder) {
                    self.err(file, START, msg, help);
                }
            }
        }

        let mut shared: BTreeMap<&str, &TypeDef> = BTreeMap::new();
        if let Some(types) = input.types {
            let mut first = FirstSeen::new();
            for def in &types.types.types {
                if let Some(line) = first.repeated(def.name.value.as_str(), def.name.pos.line) {
                    let line = *line;
                    self.err(
                        &types.file,
                        def.name.pos,
                        format!(
                            "duplicate type `{}` (first defined at line {line})",
                            def.name.value
                        ),
                        Some("rename one of them".to_owned()),
                    );
                } else {
                    shared.insert(&def.name.value, def);
                }
            }
            let scope = Scope {
                local: BTreeMap::new(),
                shared: &shared,
                lenient: false,
            };
            for def in &types.types.types {
                self.type_def(&types.file, def, &scope, true);
            }
            self.shared_markers(&types.file, &types.types.types);
            self.recursion(&types.file, &types.types.types, &scope, true);
        }

        for ep in &input.endpoints {
            self.endpoint(input, &shared, ep);
        }
        self.across_endpoints(input);
        if let Some(p) = input.provider {
            self.token_endpoints(input, p);
        }
    }

    fn docs(&mut self, file: &Path, docs: &Docs, anchor: Pos, what: &str) {
        let text =
            |s: &Option<Spanned<String>>| s.as_ref().is_some_and(|s| !s.value.trim().is_empty());
        if text(&docs.zh) || text(&docs.en) {
            return;
        }
        let pos = docs
            .en
            .as_ref()
            .or(docs.zh.as_ref())
            .map_or(anchor, |s| s.pos);
        self.err(
            file,
            pos,
            format!("{what} has no text; expected `zh` or `en`"),
            None,
        );
    }

    fn docs_url(&mut self, file: &Path, url: &Spanned<String>) {
        let ok = url::Url::parse(&url.value).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        });
        if !ok {
            self.err(
                file,
                url.pos,
                format!("`docs_url` `{}` is not an absolute http(s) URL", url.value),
                None,
            );
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Position trees read on this thread (validation runs on the loader's thread).
    static TREES_READ: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::path::Path;

    use super::TREES_READ;

    fn trees_read_by(load: impl FnOnce()) -> usize {
        TREES_READ.with(|n| n.set(0));
        load();
        TREES_READ.with(Cell::get)
    }

    /// The second parse of a file is for locating a problem: a spec without one (here the
    /// workspace's, every example of which is checked) never pays for it.
    #[test]
    fn a_clean_spec_reads_no_position_tree() {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
        let read = trees_read_by(|| {
            crate::spec::load(&spec).expect("the workspace's spec loads");
        });
        assert_eq!(read, 0);
    }

    #[test]
    fn an_example_problem_is_located_through_the_position_tree() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/emit/mini");
        let dir = tempfile::tempdir().expect("temp dir");
        for rel in [
            "shop/provider.yaml",
            "shop/types.yaml",
            "shop/authorize.yaml",
        ] {
            let to = dir.path().join(rel);
            std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
            std::fs::copy(fixture.join(rel), to).expect("copy");
        }
        let order = "shop/orders/place_order.yaml";
        let text = std::fs::read_to_string(fixture.join(order)).expect("fixture");
        let broken = text.replacen("code: abcdefgh", "code: 7", 1);
        assert_ne!(broken, text);
        std::fs::create_dir_all(dir.path().join("shop/orders")).expect("mkdir");
        std::fs::write(dir.path().join(order), broken).expect("write");
        let mut errors = None;
        let read = trees_read_by(|| errors = crate::spec::load(dir.path()).err());
        assert_eq!(read, 1);
        let errors = errors.expect("the example's wrong `code` is reported").0;
        let line = text
            .lines()
            .position(|l| l.contains("code: abcdefgh"))
            .expect("the line") as u64
            + 1;
        assert!(
            errors
                .iter()
                .any(|d| d.message.contains("example `placed` request: `code`")
                    && d.pos.line == line),
            "{errors:#?}"
        );
    }
}
