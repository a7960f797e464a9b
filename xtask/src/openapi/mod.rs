//! `cargo xtask openapi`: the OpenAPI export of `bindery_codegen::openapi`, one document per
//! provider and version, in `openapi/` (committed; CI runs `--check`, like `codegen
//! --check`).
//!
//! - `openapi [--version 3.0|3.1] [--out DIR]`: write the documents (both versions unless one
//!   is named) as `<provider>.openapi-<version>.json`; writing both into the default folder
//!   also removes documents of providers the spec no longer has.
//! - `--check`: change nothing; exit 1, naming the files, when `openapi/` is not what the spec
//!   exports to.
//! - `--progenitor-check` (`progenitor.rs`): generate a Rust client from each 3.0 document with
//!   `cargo progenitor` and build it, in `target/openapi-progenitor/` (`.ci/run` does).

mod progenitor;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bindery_codegen::openapi::{self, Document, Version};

use crate::output::{err, out};

/// The export folder, relative to the workspace root.
pub const OPENAPI_DIR: &str = "openapi";

/// `cargo xtask openapi`'s arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this version (`3.0` or `3.1`; default: both).
    #[arg(long, value_parser = parse_version, value_name = "VERSION")]
    version: Option<Version>,
    /// The folder to write to (default: `openapi/` of the workspace).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Change nothing; exit 1 when the folder is not what the spec exports to.
    #[arg(long, conflicts_with = "progenitor_check")]
    check: bool,
    /// Generate a client from each 3.0 document with `cargo progenitor` and build it.
    #[arg(long)]
    progenitor_check: bool,
}

fn parse_version(text: &str) -> Result<Version, String> {
    Version::parse(text).ok_or_else(|| format!("`{text}` is not 3.0 or 3.1"))
}

/// Runs the command in the workspace (the current directory).
pub fn run(args: &Args, callers: impl Fn(PathBuf) -> PathBuf) -> Result<ExitCode, ExitCode> {
    let krate = crate::load_working_tree()?;
    let docs = match args.version {
        Some(v) => openapi::export(&krate, v),
        None => openapi::export_all(&krate),
    }
    .map_err(|e| {
        err(&format!("error: {e}"));
        ExitCode::from(2)
    })?;
    if args.progenitor_check {
        return progenitor::check(&docs);
    }
    let dir = args
        .out
        .clone()
        .map_or_else(|| PathBuf::from(OPENAPI_DIR), callers);
    if args.check {
        return check(&dir, &docs, args.version.is_none());
    }
    write(&dir, &docs, args.version.is_none() && args.out.is_none())
}

fn write(dir: &Path, docs: &[Document], prune: bool) -> Result<ExitCode, ExitCode> {
    let fail = |what: String| {
        err(&format!("error: {what}"));
        ExitCode::from(2)
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    let mut changed = 0;
    for doc in docs {
        let path = dir.join(doc.file_name());
        let text = openapi::render(doc);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)
                .map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
            changed += 1;
        }
    }
    let mut removed = 0;
    if prune {
        for stale in stale_files(dir, docs) {
            std::fs::remove_file(&stale)
                .map_err(|e| fail(format!("cannot remove {}: {e}", stale.display())))?;
            removed += 1;
        }
    }
    out(&format!(
        "openapi: {} documents in {} ({changed} written, {removed} removed)",
        docs.len(),
        dir.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Export files in `dir` that `docs` does not produce.
fn stale_files(dir: &Path, docs: &[Document]) -> Vec<PathBuf> {
    let wanted: Vec<String> = docs.iter().map(Document::file_name).collect();
    let mut stale: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            name.contains(".openapi-") && name.ends_with(".json") && !wanted.contains(&name)
        })
        .collect();
    stale.sort();
    stale
}

fn check(dir: &Path, docs: &[Document], all: bool) -> Result<ExitCode, ExitCode> {
    let mut drift = Vec::new();
    for doc in docs {
        let path = dir.join(doc.file_name());
        match std::fs::read_to_string(&path) {
            Ok(text) if text == openapi::render(doc) => {}
            Ok(_) => drift.push(format!("  changed: {}", path.display())),
            Err(_) => drift.push(format!("  missing: {}", path.display())),
        }
    }
    if all {
        for stale in stale_files(dir, docs) {
            drift.push(format!("  stale: {}", stale.display()));
        }
    }
    if drift.is_empty() {
        out(&format!(
            "openapi: {} documents in {} are current",
            docs.len(),
            dir.display()
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    err(&format!(
        "error: the OpenAPI export is out of date:\n{}\nrun `cargo xtask openapi` and commit {}/",
        drift.join("\n"),
        dir.display()
    ));
    Ok(ExitCode::FAILURE)
}
