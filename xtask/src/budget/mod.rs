//! `cargo xtask budget`: the size and structure budget of issue 9, checked and reported with
//! `file:line`.
//!
//! - every `.rs` file under `codegen/src`, `runtime/src` and `xtask/src` has at most
//!   [`SOURCE_FILE_LINES`] lines;
//! - every `.rs` file under a crate's `tests/` folder (not `generated/`, not a `fixtures/`
//!   folder, whose files are test data) has at most [`TEST_FILE_LINES`];
//! - every function of those three `src` folders (free, method, trait default or nested),
//!   from its `fn` line to its closing brace (doc comments and attributes not counted), has
//!   at most [`FUNCTION_LINES`] (see `functions.rs`);
//! - no import circle between the modules of each of those crates (the rule is in
//!   `modules.rs`, the search in `cycles.rs`).
//!
//! Exit codes: 0 within budget; 1 something is over (each finding printed); 2 a file cannot be
//! read or parsed.

mod cycles;
mod functions;
mod modules;

use std::fmt;
use std::path::{Path, PathBuf};

/// Most lines a source file of a checked `src` folder may have.
pub const SOURCE_FILE_LINES: usize = 600;
/// Most lines a test file may have.
pub const TEST_FILE_LINES: usize = 1000;
/// Most lines a function may have.
pub const FUNCTION_LINES: usize = 120;

/// The crates whose `src` folders are held to the source budget, relative to the root.
pub const CHECKED_SOURCES: [&str; 4] = ["codegen/src", "runtime/src", "xtask/src", "mock/src"];

/// Folders never searched for test files: build output, the generated crate, version control.
const SKIPPED: [&str; 4] = ["target", "generated", ".git", "fixtures"];

/// One thing over budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file, relative to the root, `/`-separated.
    pub file: String,
    /// The line the finding starts at (1 for a whole file).
    pub line: usize,
    /// What is over, and by how much, or the circle.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// What the check found: findings over budget, and what was looked at.
#[derive(Debug, Default)]
pub struct Report {
    /// Everything over budget, in the order of the checks, then by file and line.
    pub findings: Vec<Finding>,
    /// How many source files, test files and functions were measured, and modules graphed.
    pub counts: Counts,
}

/// How much the check looked at, for the summary line.
#[derive(Debug, Default)]
pub struct Counts {
    /// Source files of the checked `src` folders.
    pub source_files: usize,
    /// Test files.
    pub test_files: usize,
    /// Functions of the checked `src` folders.
    pub functions: usize,
    /// Module files of the checked crates.
    pub modules: usize,
}

impl Report {
    /// The closing line: within budget, or how many findings.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let looked = format!(
            "{} source files, {} test files, {} functions, {} modules",
            c.source_files, c.test_files, c.functions, c.modules
        );
        if self.findings.is_empty() {
            format!("budget: within budget ({looked})")
        } else {
            format!(
                "budget: {} finding(s) over budget ({looked})",
                self.findings.len()
            )
        }
    }
}

/// Why the check could not be made.
#[derive(Debug)]
pub struct CheckError(pub String);

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Checks the workspace at `root`.
pub fn check(root: &Path) -> Result<Report, CheckError> {
    let mut report = Report::default();
    let mut sources = Vec::new();
    for dir in CHECKED_SOURCES {
        let files = rust_files(&root.join(dir), &[])?;
        sources.push((dir, files));
    }
    for (_, files) in &sources {
        for file in files {
            report.counts.source_files += 1;
            let text = read(file)?;
            if let Some(finding) = too_long(root, file, &text, SOURCE_FILE_LINES, "source file") {
                report.findings.push(finding);
            }
        }
    }
    for file in test_files(root)? {
        report.counts.test_files += 1;
        let text = read(&file)?;
        if let Some(finding) = too_long(root, &file, &text, TEST_FILE_LINES, "test file") {
            report.findings.push(finding);
        }
    }
    for (_, files) in &sources {
        for file in files {
            let text = read(file)?;
            let syntax = parse(root, file, &text)?;
            for function in functions::measure(&syntax) {
                report.counts.functions += 1;
                if function.lines > FUNCTION_LINES {
                    report.findings.push(Finding {
                        file: relative(root, file),
                        line: function.line,
                        message: format!(
                            "fn `{}` has {} lines (limit {FUNCTION_LINES})",
                            function.name, function.lines
                        ),
                    });
                }
            }
        }
    }
    for (dir, _) in &sources {
        let graph = modules::graph(root, &root.join(dir))?;
        report.counts.modules += graph.modules.len();
        report.findings.extend(cycles::circles(&graph));
    }
    Ok(report)
}

/// A finding when `text` has more than `limit` lines.
fn too_long(root: &Path, file: &Path, text: &str, limit: usize, what: &str) -> Option<Finding> {
    let lines = text.lines().count();
    (lines > limit).then(|| Finding {
        file: relative(root, file),
        line: 1,
        message: format!("{what} has {lines} lines (limit {limit})"),
    })
}

/// Every `.rs` file of a crate's `tests/` folder under `root`.
fn test_files(root: &Path) -> Result<Vec<PathBuf>, CheckError> {
    let all = rust_files(root, &SKIPPED)?;
    Ok(all
        .into_iter()
        .filter(|file| {
            file.strip_prefix(root)
                .is_ok_and(|rel| rel.components().any(|c| c.as_os_str() == "tests"))
        })
        .collect())
}

/// Every `.rs` file under `dir`, sorted, skipping folders named in `skip`; symlinks are not
/// followed (a link out of the tree would measure someone else's files).
pub(crate) fn rust_files(dir: &Path, skip: &[&str]) -> Result<Vec<PathBuf>, CheckError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| CheckError(format!("cannot read {}: {e}", dir.display())))?;
        for entry in entries {
            let entry =
                entry.map_err(|e| CheckError(format!("cannot read {}: {e}", dir.display())))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| CheckError(format!("cannot read {}: {e}", path.display())))?;
            let name = entry.file_name();
            if kind.is_dir() {
                if !skip.iter().any(|s| name == *s) {
                    stack.push(path);
                }
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

pub(crate) fn read(file: &Path) -> Result<String, CheckError> {
    std::fs::read_to_string(file)
        .map_err(|e| CheckError(format!("cannot read {}: {e}", file.display())))
}

pub(crate) fn parse(root: &Path, file: &Path, text: &str) -> Result<syn::File, CheckError> {
    syn::parse_file(text).map_err(|e| {
        let start = e.span().start();
        CheckError(format!(
            "{}:{}: cannot parse: {e}",
            relative(root, file),
            start.line
        ))
    })
}

/// `file` relative to `root`, `/`-separated, for messages that read the same everywhere.
pub(crate) fn relative(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests;
