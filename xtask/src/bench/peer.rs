//! The peer for codegen: crates.io's `cargo-progenitor` generating a Rust client from
//! the OpenAPI 3.0 export of the same spec (`cargo xtask openapi`), one document per provider.
//! The documents are written before the clock starts; each run then starts one progenitor
//! process per document at once and waits for the last, so progenitor has every core as
//! bindery's codegen does. Its output folder is removed before every run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use bindery_codegen::openapi::{self, Version};

use super::{clear, timed};
use crate::SPEC_DIR;

/// The program, found on `PATH`.
pub(super) const PROGRAM: &str = "cargo-progenitor";

/// The peer's seconds on the workspace `ws`, `runs` runs, and what ran; without
/// `cargo-progenitor`, no seconds and why.
pub fn measure(ws: &Path, runs: u32) -> Result<(Vec<f64>, String), String> {
    let Some(program) = find_on_path(PROGRAM) else {
        return Ok((Vec::new(), not_installed()));
    };
    let documents = write_documents(ws)?;
    let out = ws.join("progenitor-out");
    let mut samples = Vec::new();
    for _ in 0..runs {
        clear(&out)?;
        let (seconds, ran) = timed(|| generate(&program, &documents, &out));
        ran?;
        samples.push(seconds);
    }
    clear(&out)?;
    let note = format!("{} ({} documents)", program.display(), documents.len());
    Ok((samples, note))
}

/// Why there is no peer figure.
pub fn not_installed() -> String {
    format!("peer not available: {PROGRAM} is not on PATH (`cargo install cargo-progenitor`)")
}

/// The 3.0 documents of the spec of `ws`, written to `ws/openapi/`: (provider, file).
pub(super) fn write_documents(ws: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let krate = crate::load(&ws.join(SPEC_DIR)).map_err(|d| d.render_fancy())?;
    let docs = openapi::export(&krate, Version::V3_0)?;
    let dir = ws.join("openapi");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    docs.iter()
        .map(|doc| {
            let file = dir.join(doc.file_name());
            std::fs::write(&file, openapi::render(doc))
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            Ok((doc.provider.clone(), file))
        })
        .collect()
}

/// One progenitor process per document, all at once; an error naming the first that fails.
pub(super) fn generate(
    program: &Path,
    documents: &[(String, PathBuf)],
    out: &Path,
) -> Result<(), String> {
    let children: Vec<(String, std::io::Result<Child>)> = documents
        .iter()
        .map(|(provider, file)| {
            // A cargo subcommand's binary is given its own name as the first argument.
            let child = Command::new(program)
                .arg("progenitor")
                .arg("-i")
                .arg(file)
                .arg("-o")
                .arg(out.join(provider))
                .args(["-n", &package(provider)])
                .args(["-v", "0.1.0"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn();
            (provider.clone(), child)
        })
        .collect();
    let mut failure = None;
    for (provider, child) in children {
        let result = child
            .and_then(Child::wait_with_output)
            .map_err(|e| format!("cannot run {}: {e}", program.display()))
            .and_then(|output| {
                if output.status.success() {
                    return Ok(());
                }
                Err(format!(
                    "{} failed on {provider} ({}):\n{}",
                    program.display(),
                    output.status,
                    String::from_utf8_lossy(&output.stderr)
                ))
            });
        // Every child is waited for, so none is left running.
        if let (Err(e), None) = (result, &failure) {
            failure = Some(e);
        }
    }
    failure.map_or(Ok(()), Err)
}

/// The package name of the crate progenitor writes for `provider`.
pub(super) fn package(provider: &str) -> String {
    format!("{}-openapi", provider.replace('_', "-"))
}

/// The first executable file `name` in a folder of `PATH`.
pub(super) fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
