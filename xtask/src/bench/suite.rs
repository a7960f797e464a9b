//! `bench runtime`: the criterion suite of `benches/` (decode, sign, call, paging, memory),
//! run by cargo, and its ratios read back from criterion's estimates.

use std::path::Path;
use std::process::{Command, Stdio};

/// Runs `cargo bench -p bindery-benches` (criterion's own report and the memory table go to
/// stderr) and returns the ratio table `benches/src/bin/ratios.rs` prints.
pub(super) fn run(workspace: &Path, say: &mut dyn FnMut(&str)) -> Result<String, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    say("cargo bench -p bindery-benches (several minutes)");
    let status = Command::new(&cargo)
        .current_dir(workspace)
        .args(["bench", "-p", "bindery-benches"])
        // Criterion writes its report to stdout: it goes to stderr here, beside the progress,
        // so stdout is the table alone.
        .stdout(std::io::stderr())
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!("cargo bench -p bindery-benches failed ({status})"));
    }
    let ratios = Command::new(&cargo)
        .current_dir(workspace)
        .args(["run", "--quiet", "-p", "bindery-benches", "--bin", "ratios"])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run the ratios binary: {e}"))?;
    if !ratios.status.success() {
        return Err(format!("the ratios binary failed ({})", ratios.status));
    }
    String::from_utf8(ratios.stdout).map_err(|e| format!("the ratio table is not UTF-8: {e}"))
}
