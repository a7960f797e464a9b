//! `cargo xtask openapi --progenitor-check`: proof that a generic OpenAPI tool can read the
//! export. Each provider's 3.0 document is handed to `cargo progenitor` (crates.io's
//! `cargo-progenitor`, which reads OpenAPI 3.0 only), and the client crate it writes is built
//! with `cargo build`, in `target/openapi-progenitor/<provider>/` (a workspace of its own,
//! sharing one target folder). `.ci/run` installs cargo-progenitor and runs this.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use bindery_codegen::openapi::{self, Document, Version};

use crate::output::{err, out};

/// Generates and builds a client per 3.0 document; exit 1 naming each provider that fails.
pub fn check(docs: &[Document]) -> Result<ExitCode, ExitCode> {
    let base = PathBuf::from("target/openapi-progenitor");
    std::fs::create_dir_all(&base).map_err(|e| {
        err(&format!("error: cannot create {}: {e}", base.display()));
        ExitCode::from(2)
    })?;
    let mut failed = Vec::new();
    let mut checked = 0;
    for doc in docs.iter().filter(|d| d.version == Version::V3_0) {
        checked += 1;
        match one(&base, doc) {
            Ok(()) => out(&format!(
                "progenitor: {}: generated and built",
                doc.provider
            ))?,
            Err(e) => {
                err(&format!("progenitor: {}: {e}", doc.provider));
                failed.push(doc.provider.clone());
            }
        }
    }
    if checked == 0 {
        err("error: --progenitor-check reads the 3.0 documents (not --version 3.1)");
        return Ok(ExitCode::from(2));
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        err(&format!(
            "error: progenitor failed for {}",
            failed.join(", ")
        ));
        Ok(ExitCode::FAILURE)
    }
}

fn one(base: &Path, doc: &Document) -> Result<(), String> {
    let input = base.join(doc.file_name());
    std::fs::write(&input, openapi::render(doc)).map_err(|e| format!("cannot write: {e}"))?;
    let crate_dir = base.join(&doc.provider);
    let _ = std::fs::remove_dir_all(&crate_dir);
    let name = format!("{}-openapi", doc.provider.replace('_', "-"));
    run(Command::new("cargo")
        .arg("progenitor")
        .arg("-i")
        .arg(&input)
        .arg("-o")
        .arg(&crate_dir)
        .args(["-n", &name, "-v", "0.1.0"]))?;
    // A workspace of its own, so this workspace's root manifest does not claim it.
    let manifest = crate_dir.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).map_err(|e| format!("no Cargo.toml: {e}"))?;
    if !text.contains("[workspace]") {
        text.push_str("\n[workspace]\n");
        std::fs::write(&manifest, text).map_err(|e| format!("cannot write Cargo.toml: {e}"))?;
    }
    let target = std::env::current_dir()
        .map_err(|e| e.to_string())?
        .join(base)
        .join("target");
    run(Command::new("cargo")
        .arg("build")
        .arg("--manifest-path")
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", target))
}

fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let output = command.output().map_err(|e| {
        format!("cannot run {shown}: {e} (install it: `cargo install cargo-progenitor`)")
    })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    Err(format!(
        "{shown} failed ({}):\n{}",
        output.status,
        tail.join("\n")
    ))
}
