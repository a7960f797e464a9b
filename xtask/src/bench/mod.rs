//! `cargo xtask bench`: whole-process figures for the code generator and for compiling what
//! it generates, on the real spec and on synthetic specs made from its shapes
//! (`synth.rs`).
//!
//! - `bench codegen [--sizes 100,500,2000] [--runs N] [--out FILE]` (`codegen.rs`): the
//!   median seconds of loading and checking the spec alone (the floor every figure is a
//!   ratio of), of the pipeline `cargo xtask codegen` runs (load, check, lower, emit, write)
//!   called in this process, and of this very binary run as `codegen --root <temp>`, as users
//!   run it; and the peer, `cargo progenitor` on the OpenAPI 3.0 export of the same
//!   spec (`peer.rs`), or why it is not available.
//! - `bench compile [--sizes 100,500] [--out FILE]` (`compile.rs`): seconds (and CPU time and
//!   peak RSS) of a debug `cargo build` of only the generated crate, its dependencies built
//!   before; beside it, when `cargo-progenitor` is on `PATH`, the same build of progenitor's
//!   clients for the same endpoints (`peer_build.rs`), and the ratios.
//!
//! - `bench runtime` (`suite.rs`): the criterion suite of `benches/` (`cargo bench -p
//!   bindery-benches`), then its ratio table; `bench all`: `runtime`, then `codegen` with
//!   its defaults — the whole suite in one command.
//!
//! `codegen` and `compile` print a Markdown table to stdout and write the figures as JSON to
//! `--out`. Every
//! temporary folder is removed at the end; nothing in the workspace changes except
//! `target/bench-compile/`.

mod codegen;
mod compile;
mod peer;
mod peer_build;
mod prune;
mod report;
mod suite;
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Subcommand;

use crate::output::{err, out};

/// What `cargo xtask bench` measures.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Seconds of codegen (load + check floor, the pipeline in-process, the xtask process) on
    /// the real spec and synthetic specs of the given sizes, as a Markdown table.
    Codegen {
        /// Endpoint counts of the synthetic specs.
        #[arg(long, value_delimiter = ',', default_value = "100,500,2000")]
        sizes: Vec<usize>,
        /// Runs per figure, of which the median is shown (default: 5 on the real spec, 3 on
        /// synthetic ones).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        runs: Option<u32>,
        /// Also write the figures as JSON to this file.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Seconds, seconds per endpoint, CPU time and peak RSS of a debug build of the generated
    /// crate of synthetic specs (dependencies built first, in `target/bench-compile/`), and of
    /// progenitor's clients for the same endpoints when `cargo-progenitor` is on `PATH`.
    Compile {
        /// Endpoint counts of the synthetic specs.
        #[arg(long, value_delimiter = ',', default_value = "100,500")]
        sizes: Vec<usize>,
        /// Also write the figures as JSON to this file.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The criterion suite (`cargo bench -p bindery-benches`: decode, sign, call, paging,
    /// memory) and its table of ratios against the floors.
    Runtime,
    /// `runtime`, then `codegen` with its defaults.
    All,
}

/// Runs a bench command in the workspace (the current directory); `callers` turns a path
/// the user gave into one relative to where they ran the command.
pub fn run(
    command: BenchCommand,
    callers: impl Fn(PathBuf) -> PathBuf,
) -> Result<ExitCode, ExitCode> {
    let workspace = std::env::current_dir()
        .map_err(|e| fail(&format!("cannot read the current directory: {e}")))?;
    let (table, json, file) = match command {
        BenchCommand::Runtime => {
            out(&suite::run(&workspace, &mut say).map_err(|e| fail(&e))?)?;
            return Ok(ExitCode::SUCCESS);
        }
        BenchCommand::All => {
            out(&suite::run(&workspace, &mut say).map_err(|e| fail(&e))?)?;
            let options = codegen::Options {
                sizes: vec![100, 500, 2000],
                runs: None,
            };
            let rows = codegen::run(&workspace, &options, &mut say).map_err(|e| fail(&e))?;
            (
                report::codegen_table(&rows),
                report::codegen_json(&rows),
                None,
            )
        }
        BenchCommand::Codegen { sizes, runs, out } => {
            let options = codegen::Options { sizes, runs };
            let rows = codegen::run(&workspace, &options, &mut say).map_err(|e| fail(&e))?;
            (
                report::codegen_table(&rows),
                report::codegen_json(&rows),
                out,
            )
        }
        BenchCommand::Compile { sizes, out } => {
            let rows = compile::run(&workspace, &sizes, &mut say).map_err(|e| fail(&e))?;
            (
                report::compile_table(&rows),
                report::compile_json(&rows),
                out,
            )
        }
    };
    out(&table)?;
    if let Some(file) = file.map(callers) {
        let text = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_owned());
        std::fs::write(&file, format!("{text}\n"))
            .map_err(|e| fail(&format!("cannot write {}: {e}", file.display())))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Progress, on stderr so the table on stdout stays clean.
fn say(line: &str) {
    err(line);
}

/// Reports `message` as the error it is; exit 2.
fn fail(message: &str) -> ExitCode {
    err(&format!("error: bench: {message}"));
    ExitCode::from(2)
}

/// The median of `samples` (the mean of the middle two for an even count); `None` for none.
pub fn median(samples: &[f64]) -> Option<f64> {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => sorted.get(mid).copied(),
        _ => Some((sorted.get(mid - 1)? + sorted.get(mid)?) / 2.0),
    }
}

/// Seconds `f` takes, and what it returned.
fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let value = f();
    (start.elapsed().as_secs_f64(), value)
}

/// A temporary folder below the system's, removed when dropped.
fn temp_dir(what: &str) -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix(&format!("bindery-bench-{what}-"))
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))
}

/// Removes `dir` if it exists (the output of a previous run).
fn clear(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(subcommand)]
        bench: BenchCommand,
    }

    #[test]
    fn median_of_odd_even_and_no_samples() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn parses_sizes_and_runs() {
        let cli = Cli::try_parse_from(["b", "codegen", "--sizes", "30,60", "--runs", "2"])
            .expect("parses");
        match cli.bench {
            BenchCommand::Codegen { sizes, runs, out } => {
                assert_eq!((sizes, runs, out), (vec![30, 60], Some(2), None));
            }
            other => panic!("codegen expected, got {other:?}"),
        }
        let cli = Cli::try_parse_from(["b", "compile"]).expect("parses");
        match cli.bench {
            BenchCommand::Compile { sizes, .. } => assert_eq!(sizes, vec![100, 500]),
            other => panic!("compile expected, got {other:?}"),
        }
        let cli = Cli::try_parse_from(["b", "all"]).expect("parses");
        assert!(matches!(cli.bench, BenchCommand::All), "{:?}", cli.bench);
        assert!(Cli::try_parse_from(["b", "runtime", "--sizes", "1"]).is_err());
        assert!(Cli::try_parse_from(["b", "codegen", "--runs", "0"]).is_err());
        assert!(Cli::try_parse_from(["b", "compile", "--sizes", "x"]).is_err());
    }
}
