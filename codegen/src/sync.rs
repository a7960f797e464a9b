//! Bringing `generated/` (and `api-spec/spec.schema.json`) in line with the spec, or checking
//! that it already is.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::emit::{self, COMMAND, EmitError, GENERATED_DIR};
use crate::{ir, schema, spec};

/// Where the spec lives, relative to the workspace root.
pub const SPEC_DIR: &str = "api-spec";

/// The JSON Schema of the spec format, relative to the workspace root.
pub const SCHEMA_FILE: &str = "api-spec/spec.schema.json";

/// Whether to write files or only compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Write what differs and remove stale files.
    Write,
    /// Change nothing; report what differs.
    Check,
}

/// What a run found or did.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Providers in the spec.
    pub providers: usize,
    /// Endpoints in the spec.
    pub endpoints: usize,
    /// Named types in the spec.
    pub types: usize,
    /// Files whose content differed (written in write mode).
    pub changed: Vec<String>,
    /// Files that did not exist (written in write mode).
    pub missing: Vec<String>,
    /// Files under `generated/` the spec no longer produces (removed in write mode).
    pub stale: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Endpoints without a generated wire test (no request example), named in the summary.
    pub without_wire_test: Vec<String>,
    /// Calls without a success example, whose mock table answers with a synthesized one.
    pub synthesized: Vec<String>,
}

impl Report {
    /// Whether everything was already up to date.
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.stale.is_empty()
    }

    /// The one-line summary printed after a run.
    pub fn summary(&self, mode: Mode) -> String {
        let files = match mode {
            Mode::Write => format!(
                "{} files written, {} unchanged, {} removed",
                self.changed.len() + self.missing.len(),
                self.unchanged,
                self.stale.len()
            ),
            Mode::Check => format!(
                "{} files up to date, {} differ, {} missing, {} stale",
                self.unchanged,
                self.changed.len(),
                self.missing.len(),
                self.stale.len()
            ),
        };
        let mut out = format!(
            "codegen: {} providers, {} endpoints, {} types; {files}",
            self.providers, self.endpoints, self.types
        );
        if !self.without_wire_test.is_empty() {
            out.push_str(&format!(
                "\ncodegen: {} endpoint(s) without a wire test (no request example): {}",
                self.without_wire_test.len(),
                self.without_wire_test.join(", ")
            ));
        }
        if !self.synthesized.is_empty() {
            out.push_str(&format!(
                "\ncodegen: {} endpoint(s) without a success example, answered in the mock \
                 tables by one made from the response type: {}",
                self.synthesized.len(),
                self.synthesized.join(", ")
            ));
        }
        out
    }

    /// The failure message of check mode: every file that differs, and the command to run.
    pub fn check_failure(&self) -> String {
        let mut out = String::from("generated files are out of date with api-spec/:\n");
        for (label, files) in [
            ("differs", &self.changed),
            ("missing", &self.missing),
            ("stale  ", &self.stale),
        ] {
            for f in files {
                out.push_str(&format!("  {label} {f}\n"));
            }
        }
        out.push_str(&format!("run `{COMMAND}` and commit the result"));
        out
    }
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    /// The spec has mistakes.
    #[error("{0}")]
    Spec(Diagnostics),
    /// The emitter produced invalid Rust (a generator bug).
    #[error(transparent)]
    Emit(#[from] EmitError),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CodegenError + '_ {
    move |source| CodegenError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Everything the spec produces, keyed by workspace-relative path, with counts for the
/// summary.
pub fn outputs(workspace: &Path) -> Result<(Report, BTreeMap<String, String>), CodegenError> {
    let spec_dir = if workspace == Path::new(".") || workspace.as_os_str().is_empty() {
        PathBuf::from(SPEC_DIR)
    } else {
        workspace.join(SPEC_DIR)
    };
    let set = spec::load(&spec_dir).map_err(CodegenError::Spec)?;
    let ir = ir::lower(&set).map_err(CodegenError::Spec)?;
    let mut files = emit::generate(&ir)?;
    let schema = serde_json::to_string_pretty(&schema::spec_json_schema())
        .unwrap_or_else(|_| "{}".to_owned());
    files.insert(SCHEMA_FILE.to_owned(), format!("{schema}\n"));
    let report = Report {
        providers: ir.providers.len(),
        endpoints: ir.providers.iter().map(|p| p.endpoint_count).sum(),
        types: ir
            .providers
            .iter()
            .map(|p| {
                p.types.as_ref().map_or(0, |(_, t)| t.len())
                    + p.root
                        .all_endpoints()
                        .iter()
                        .map(|e| e.types.len())
                        .sum::<usize>()
            })
            .sum(),
        without_wire_test: emit::without_wire_test(&ir),
        synthesized: emit::synthesized_answers(&ir),
        ..Report::default()
    };
    Ok((report, files))
}

/// Files currently under `generated/` (skipping build output), workspace-relative.
fn existing_generated(workspace: &Path) -> Result<BTreeSet<String>, CodegenError> {
    let mut found = BTreeSet::new();
    let mut stack = vec![PathBuf::from(GENERATED_DIR)];
    while let Some(rel) = stack.pop() {
        let abs = workspace.join(&rel);
        let entries = match std::fs::read_dir(&abs) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(&abs)(e)),
        };
        for entry in entries {
            let entry = entry.map_err(io(&abs))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = rel.join(&name);
            let file_type = entry.file_type().map_err(io(&abs))?;
            if file_type.is_dir() {
                if name != "target" {
                    stack.push(child);
                }
            } else {
                let parts: Vec<String> = child
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                found.insert(parts.join("/"));
            }
        }
    }
    Ok(found)
}

/// Generates everything and writes it (`Mode::Write`) or compares it (`Mode::Check`).
pub fn sync(workspace: &Path, mode: Mode) -> Result<Report, CodegenError> {
    let (mut report, files) = outputs(workspace)?;
    // Each file is compared with what is on disk on its own, on the machine's cores; the
    // report lists them in path order all the same.
    let entries: Vec<(&String, &String)> = files.iter().collect();
    let states = crate::parallel::map(&entries, |&(rel, content)| {
        let path = workspace.join(rel);
        match std::fs::read(&path) {
            Ok(old) => Ok(Some(old == content.as_bytes())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(&path)(e)),
        }
    });
    for (&(rel, _), state) in entries.iter().zip(states) {
        match state? {
            Some(true) => report.unchanged += 1,
            Some(false) => report.changed.push(rel.clone()),
            None => report.missing.push(rel.clone()),
        }
    }
    report.stale = existing_generated(workspace)?
        .into_iter()
        .filter(|rel| !files.contains_key(rel))
        .collect();
    if mode == Mode::Write {
        let writes: Vec<&String> = report.changed.iter().chain(&report.missing).collect();
        let written = crate::parallel::map(&writes, |rel| {
            let path = workspace.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            let content = files.get(*rel).map_or("", String::as_str);
            std::fs::write(&path, content).map_err(io(&path))
        });
        // The first failure in path order, as writing one file after another would report.
        written.into_iter().collect::<Result<(), _>>()?;
        for rel in &report.stale {
            let path = workspace.join(rel);
            std::fs::remove_file(&path).map_err(io(&path))?;
        }
        remove_empty_dirs(&workspace.join(GENERATED_DIR));
    }
    Ok(report)
}

/// Removing a stale module can leave its folder empty; an empty folder is not worth an error.
fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("target") {
            remove_empty_dirs(&path);
            let _ = std::fs::remove_dir(&path);
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Write => "write",
            Mode::Check => "check",
        })
    }
}
