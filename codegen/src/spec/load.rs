//! Reading an `api-spec/` tree into a checked [`SpecSet`].
//!
//! Every file is parsed on its own; a structural error (serde stops at the first one) is
//! reported for that file and the others are still read. Then
//! [`validate`](super::validate::validate) runs over everything that parsed, and all problems
//! are returned together.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use super::model::{CrateFile, EndpointFile, ProviderFile, TypesFile};
use super::span::Pos;
pub use super::tree::{
    CRATE_FILE, DEFAULT_CRATE_VERSION, EndpointSpec, ProviderSpec, SpecSet, TypesSpec,
};
use super::validate::{ProviderInput, validate_inputs};
use super::walk::{Entry, Walker};
use super::yaml_error::{FileKind, report};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::{normalise_line_endings, read_regular_file};

/// Folders nested deeper than this below a provider are not read (and reported).
const MAX_DEPTH: usize = 16;

/// Reads and checks every spec file below `root`.
///
/// All problems found are returned together, each with its file, line and column.
pub fn load(root: &Path) -> Result<SpecSet, Diagnostics> {
    let mut loader = Loader {
        root,
        walker: None,
        errors: Vec::new(),
        version: None,
    };
    let partials = loader.read_tree();
    let version = loader.version.take().unwrap_or(DEFAULT_CRATE_VERSION);
    let inputs: Vec<ProviderInput<'_>> = partials
        .iter()
        .map(|p| ProviderInput {
            folder: p.folder.clone(),
            file: p.file.clone(),
            provider: p.provider.as_ref(),
            types: p.types.as_ref(),
            types_broken: p.types_broken,
            endpoints: p.endpoints.iter().collect(),
        })
        .collect();
    let mut errors = loader.errors;
    errors.extend(validate_inputs(root, &inputs));
    drop(inputs);
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let mut providers = Vec::new();
    for p in partials {
        // Without errors every provider has its file; a missing one was reported.
        if let Some(provider) = p.provider {
            providers.push(ProviderSpec {
                file: p.file,
                provider,
                types: p.types,
                endpoints: p.endpoints,
            });
        }
    }
    Ok(SpecSet {
        root: root.to_path_buf(),
        version,
        providers,
    })
}

/// A provider folder as read, before it is known whether everything parsed.
struct Partial {
    folder: String,
    file: PathBuf,
    provider: Option<ProviderFile>,
    types: Option<TypesSpec>,
    types_broken: bool,
    endpoints: Vec<EndpointSpec>,
}

struct Loader<'a> {
    root: &'a Path,
    /// Set once the root is known to be a folder.
    walker: Option<Walker<'a>>,
    errors: Vec<Diagnostic>,
    version: Option<semver::Version>,
}

impl Loader<'_> {
    fn error(&mut self, rel: &Path, pos: Pos, message: String, help: Option<String>) {
        self.errors
            .push(Diagnostic::new(self.root.join(rel), pos, message, help));
    }

    /// The entries of a folder that may be read, sorted by name (see [`super::walk`]).
    fn list(&mut self, folder: &Entry) -> Vec<Entry> {
        match &self.walker {
            Some(walker) => walker.list(folder, &mut self.errors),
            None => Vec::new(),
        }
    }

    fn read_tree(&mut self) -> Vec<Partial> {
        let root = match Walker::new(self.root) {
            Ok((walker, root)) => {
                self.walker = Some(walker);
                root
            }
            Err(problem) => {
                self.errors.push(problem);
                return Vec::new();
            }
        };
        let mut partials = Vec::new();
        for entry in self.list(&root) {
            if entry.is_dir {
                partials.push(self.read_provider(&entry));
            } else if entry.name == CRATE_FILE {
                self.read_crate_file(&entry);
            } else if yaml_like_extension(&entry.name).is_some() {
                self.error(
                    &entry.rel,
                    Pos::START,
                    format!(
                        "`{}` is directly in the spec folder; spec files belong in a provider folder",
                        entry.name
                    ),
                    Some("move it to `<provider>/`".to_owned()),
                );
            }
            // README.md, spec.schema.json and other files at the root are not spec files.
        }
        partials
    }

    fn read_crate_file(&mut self, entry: &Entry) {
        let Some(text) = self.read_text(entry) else {
            return;
        };
        let Some(file) = self.parse::<CrateFile>(&entry.rel, &text, FileKind::Crate) else {
            return;
        };
        match semver::Version::parse(file.version.value.trim()) {
            Ok(version) => self.version = Some(version),
            Err(err) => self.error(
                &entry.rel,
                file.version.pos,
                format!(
                    "`{}` is not a semver version ({err})",
                    file.version.value.trim()
                ),
                Some("expected `MAJOR.MINOR.PATCH`, e.g. `0.1.0`".to_owned()),
            ),
        }
    }

    fn read_provider(&mut self, folder: &Entry) -> Partial {
        let mut partial = Partial {
            folder: folder.name.clone(),
            file: folder.rel.join("provider.yaml"),
            provider: None,
            types: None,
            types_broken: false,
            endpoints: Vec::new(),
        };
        let mut found_provider = false;
        let mut endpoint_files = Vec::new();
        for entry in self.list(folder) {
            if entry.is_dir {
                self.collect_endpoints(&entry, vec![entry.name.clone()], &mut endpoint_files);
            } else if entry.name == "provider.yaml" {
                found_provider = true;
                if let Some(text) = self.read_text(&entry) {
                    partial.provider = self.parse(&entry.rel, &text, FileKind::Provider);
                }
            } else if entry.name == "types.yaml" {
                let parsed = self
                    .read_text(&entry)
                    .and_then(|text| self.parse::<TypesFile>(&entry.rel, &text, FileKind::Types));
                match parsed {
                    Some(types) => {
                        partial.types = Some(TypesSpec {
                            file: entry.rel.clone(),
                            types,
                        });
                    }
                    None => partial.types_broken = true,
                }
            } else if self.is_endpoint_file(&entry) {
                endpoint_files.push((entry, Vec::new()));
            }
        }
        if !found_provider {
            self.error(
                &folder.rel,
                Pos::START,
                format!("provider folder `{}` has no `provider.yaml`", folder.name),
                Some(
                    "every folder of the spec root is a provider and needs a `provider.yaml`"
                        .to_owned(),
                ),
            );
        }
        endpoint_files.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        // Each file is read and parsed on its own, on the machine's cores; the problems of
        // each file are kept with it and reported in file order, as one thread would.
        let root = self.root;
        let read = crate::parallel::map(&endpoint_files, |(entry, modules)| {
            let mut errors = Vec::new();
            let spec = read_endpoint(root, entry, modules, &mut errors);
            (errors, spec)
        });
        for (errors, spec) in read {
            self.errors.extend(errors);
            partial.endpoints.extend(spec);
        }
        partial
    }

    fn collect_endpoints(
        &mut self,
        folder: &Entry,
        modules: Vec<String>,
        out: &mut Vec<(Entry, Vec<String>)>,
    ) {
        if modules.len() > MAX_DEPTH {
            self.error(
                &folder.rel,
                Pos::START,
                format!("folders are nested more than {MAX_DEPTH} levels deep"),
                None,
            );
            return;
        }
        for entry in self.list(folder) {
            if entry.is_dir {
                let mut inner = modules.clone();
                inner.push(entry.name.clone());
                self.collect_endpoints(&entry, inner, out);
            } else if self.is_endpoint_file(&entry) {
                out.push((entry, modules.clone()));
            }
        }
    }

    /// Whether a file below a provider folder is an endpoint; reports `.yml` and other
    /// spellings of the extension.
    fn is_endpoint_file(&mut self, entry: &Entry) -> bool {
        match yaml_like_extension(&entry.name) {
            Some("yaml") => true,
            Some(ext) => {
                let stem = entry
                    .name
                    .get(..entry.name.len().saturating_sub(ext.len() + 1))
                    .unwrap_or_default();
                self.error(
                    &entry.rel,
                    Pos::START,
                    format!("spec files use the `.yaml` extension, found `.{ext}`"),
                    Some(format!("rename it to `{stem}.yaml`")),
                );
                false
            }
            None => false,
        }
    }

    fn read_text(&mut self, entry: &Entry) -> Option<String> {
        read_text(self.root, entry, &mut self.errors)
    }

    fn parse<T: DeserializeOwned + JsonSchema>(
        &mut self,
        rel: &Path,
        text: &str,
        kind: FileKind,
    ) -> Option<T> {
        parse(self.root, rel, text, kind, &mut self.errors)
    }
}

/// One endpoint file read and parsed; its problems go to `errors`.
fn read_endpoint(
    root: &Path,
    entry: &Entry,
    modules: &[String],
    errors: &mut Vec<Diagnostic>,
) -> Option<EndpointSpec> {
    let text = read_text(root, entry, errors)?;
    let spec = parse::<EndpointFile>(root, &entry.rel, &text, FileKind::Endpoint, errors)?;
    let stem = entry
        .name
        .strip_suffix(".yaml")
        .unwrap_or(&entry.name)
        .to_owned();
    Some(EndpointSpec {
        file: entry.rel.clone(),
        modules: modules.to_vec(),
        stem,
        spec,
    })
}

fn error(
    root: &Path,
    errors: &mut Vec<Diagnostic>,
    rel: &Path,
    pos: Pos,
    message: String,
    help: Option<String>,
) {
    errors.push(Diagnostic::new(root.join(rel), pos, message, help));
}

/// A spec file's text with its line endings normalised; `None` (and the problem in
/// `errors`) when it cannot be read or is not UTF-8.
fn read_text(root: &Path, entry: &Entry, errors: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match read_regular_file(&entry.abs) {
        Ok(Some(bytes)) => bytes,
        // Listed as a regular file, but something else by the time it was opened.
        Ok(None) => {
            error(
                root,
                errors,
                &entry.rel,
                Pos::START,
                "the file changed into something that is not a regular file; it is not read"
                    .to_owned(),
                None,
            );
            return None;
        }
        Err(err) => {
            error(
                root,
                errors,
                &entry.rel,
                Pos::START,
                format!("cannot read the file: {err}"),
                None,
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(match normalise_line_endings(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(normalised) => normalised,
        }),
        Err(err) => {
            let valid = err.as_bytes().get(..err.utf8_error().valid_up_to());
            let prefix = valid
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default();
            error(
                root,
                errors,
                &entry.rel,
                end_pos(&normalise_line_endings(prefix)),
                "the file is not valid UTF-8 text".to_owned(),
                None,
            );
            None
        }
    }
}

/// A spec file's text parsed as `T`; `None` (and the problems in `errors`) when it does
/// not parse.
fn parse<T: DeserializeOwned + JsonSchema>(
    root: &Path,
    rel: &Path,
    text: &str,
    kind: FileKind,
    errors: &mut Vec<Diagnostic>,
) -> Option<T> {
    if is_blank(text) {
        error(
            root,
            errors,
            rel,
            Pos { line: 1, column: 1 },
            format!(
                "the file is empty; expected a mapping with the keys of {}",
                kind.describe()
            ),
            None,
        );
        return None;
    }
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
    };
    match serde_saphyr::from_str_with_options::<T>(text, options) {
        Ok(value) => Some(value),
        Err(err) => {
            for (pos, message, help) in report::<T>(&err, text, kind) {
                error(root, errors, rel, pos, message, help);
            }
            None
        }
    }
}

/// The extension of a file if it is some spelling of YAML (`yaml`, `yml`, `YAML`, ...).
fn yaml_like_extension(name: &str) -> Option<&str> {
    let (_, ext) = name.rsplit_once('.')?;
    let lower = ext.to_ascii_lowercase();
    (lower == "yaml" || lower == "yml").then_some(ext)
}

/// Whether the text has nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// The position just after `prefix` (1-based).
fn end_pos(prefix: &str) -> Pos {
    let line = prefix.matches('\n').count() as u64 + 1;
    let last = prefix.rsplit('\n').next().unwrap_or_default();
    Pos {
        line,
        column: last.chars().count() as u64 + 1,
    }
}
