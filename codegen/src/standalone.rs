//! Generating a crate from a spec other than `api-spec/` into a folder of its own, as a
//! separate cargo workspace that builds against this workspace's runtime.
//!
//! This is how the promise "a spec the loader accepts generates code that compiles" is kept
//! testable: CI generates the hostile fixture (`codegen/tests/fixtures/hostile/`) this way
//! and runs clippy, rustdoc and the tests on the result (`cargo xtask fixture-crate`).
//!
//! The output folder holds `Cargo.toml` (a workspace whose only member is `generated/`, with
//! this workspace's `[workspace.package]` and `[workspace.dependencies]`, paths made
//! absolute), this workspace's `Cargo.lock` (so the same dependency versions are used and
//! built artifacts can be shared through `CARGO_TARGET_DIR`), `generated/` as `cargo xtask
//! codegen` would write it, and the fixture's hand-written `tests/*.rs` copied into
//! `generated/tests/`, with the `.rs` files of a `support/` folder beside the fixture (test
//! helpers the fixtures share, such as a one-shot local server) in `generated/tests/support/`.
//! Files are only written when they change, so repeated runs do not
//! rebuild anything; files the run no longer produces are removed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::emit::{self, GENERATED_DIR};
use crate::sync::{CodegenError, SPEC_DIR};
use crate::{ir, spec};

/// What [`write()`] did.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// Files written (new or changed), relative to the output folder.
    pub written: Vec<String>,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files removed because the run no longer produces them.
    pub removed: Vec<String>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CodegenError + '_ {
    move |source| CodegenError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Generates the crate of `fixture/api-spec/` into `out`, building against the workspace at
/// `workspace` (see the module docs for the layout).
pub fn write(workspace: &Path, fixture: &Path, out: &Path) -> Result<Written, CodegenError> {
    let set = spec::load(&fixture.join(SPEC_DIR)).map_err(CodegenError::Spec)?;
    let lowered = ir::lower(&set).map_err(CodegenError::Spec)?;
    let mut files = emit::generate(&lowered)?;

    let manifest_path = workspace.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path).map_err(io(&manifest_path))?;
    files.insert(
        "Cargo.toml".to_owned(),
        workspace_manifest(&manifest, workspace),
    );
    let lock_path = workspace.join("Cargo.lock");
    if let Ok(lock) = std::fs::read_to_string(&lock_path) {
        files.insert("Cargo.lock".to_owned(), lock);
    }
    let tests = fixture.join("tests");
    if tests.is_dir() {
        copy_rust_files(&tests, &format!("{GENERATED_DIR}/tests"), &mut files)?;
        // The fixtures' shared test support, beside them, goes with every fixture's tests.
        if let Some(support) = fixture.parent().map(|p| p.join("support"))
            && support.is_dir()
        {
            copy_rust_files(
                &support,
                &format!("{GENERATED_DIR}/tests/support"),
                &mut files,
            )?;
        }
    }
    sync_dir(out, &files)
}

/// Adds the `.rs` files of `dir` (not its subfolders) to `files`, under `to`.
fn copy_rust_files(
    dir: &Path,
    to: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), CodegenError> {
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        if path.extension().is_some_and(|e| e == "rs")
            && let Some(name) = path.file_name()
        {
            let text = std::fs::read_to_string(&path).map_err(io(&path))?;
            files.insert(format!("{to}/{}", name.to_string_lossy()), text);
        }
    }
    Ok(())
}

/// This workspace's manifest, turned into one for a workspace whose only member is
/// `generated/`: relative dependency paths point back here, except `generated` itself.
fn workspace_manifest(manifest: &str, workspace: &Path) -> String {
    let root = std::path::absolute(workspace).unwrap_or_else(|_| workspace.to_owned());
    let mut out = String::from(
        "# Written by `cargo xtask fixture-crate` from the workspace manifest; do not edit.\n",
    );
    for line in manifest.lines() {
        let line = if line.trim_start().starts_with("members") {
            format!("members = [\"{GENERATED_DIR}\"]")
        } else {
            absolute_paths(line, &root)
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `path = "runtime"` → `path = "/abs/workspace/runtime"` (TOML basic string, escaped).
fn absolute_paths(line: &str, root: &Path) -> String {
    const KEY: &str = "path = \"";
    let Some(start) = line.find(KEY).map(|i| i + KEY.len()) else {
        return line.to_owned();
    };
    let Some(len) = line.get(start..).and_then(|rest| rest.find('"')) else {
        return line.to_owned();
    };
    let rel = line.get(start..start + len).unwrap_or_default();
    if rel == GENERATED_DIR || Path::new(rel).is_absolute() {
        return line.to_owned();
    }
    let abs = root.join(rel).to_string_lossy().replace('\\', "\\\\");
    format!(
        "{}{abs}{}",
        line.get(..start).unwrap_or_default(),
        line.get(start + len..).unwrap_or_default()
    )
}

/// Makes `out` hold exactly `files` (besides `target/`), writing only what differs.
fn sync_dir(out: &Path, files: &BTreeMap<String, String>) -> Result<Written, CodegenError> {
    let mut done = Written::default();
    for (rel, content) in files {
        let path = out.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == content.as_bytes()) {
            done.unchanged += 1;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, content).map_err(io(&path))?;
        done.written.push(rel.clone());
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = out.join(&rel);
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = rel.join(&name);
            let key = child
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if entry.file_type().map_err(io(&dir))?.is_dir() {
                if name != "target" {
                    stack.push(child);
                }
            } else if !files.contains_key(&key) {
                let path = out.join(&child);
                std::fs::remove_file(&path).map_err(io(&path))?;
                done.removed.push(key);
            }
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_paths_back_at_the_workspace() {
        let manifest = "[workspace]\nmembers = [\"codegen\", \"generated\"]\n[workspace.dependencies]\nbindery = { path = \"generated\" }\nbindery-runtime = { path = \"runtime\", version = \"0.1.0\" }\nserde = \"1\"\n";
        let out = workspace_manifest(manifest, Path::new("/w"));
        assert!(out.contains("members = [\"generated\"]\n"), "{out}");
        assert!(
            out.contains("bindery = { path = \"generated\" }\n"),
            "{out}"
        );
        assert!(
            out.contains("bindery-runtime = { path = \"/w/runtime\", version = \"0.1.0\" }\n"),
            "{out}"
        );
        assert!(out.contains("serde = \"1\"\n"), "{out}");
    }
}
