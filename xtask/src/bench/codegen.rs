//! `cargo xtask bench codegen`: seconds of the code generator on the real spec and on
//! synthetic ones.
//!
//! Each spec is copied into a temporary workspace (`<temp>/<spec>/api-spec/`), whose
//! `generated/` is removed before every timed run, so each run writes every file as a first
//! `cargo xtask codegen` does. Per run, in turn (so noise of the machine hits all alike):
//!
//! 1. **load + validate**: `spec::load` alone — the floor the other figures are ratios of,
//!    so the share of lowering, emitting and writing is visible;
//! 2. **pipeline in-process**: `sync::sync(.., Mode::Write)`, the library call `cargo xtask
//!    codegen` makes (load, validate, lower, emit, format, write);
//! 3. **xtask process**: this binary run as `codegen --root <temp workspace>`, as users run
//!    it (process start included, `cargo`'s own start not).
//!
//! 4. **peer**: `cargo progenitor` on the OpenAPI 3.0 export of the same spec (`peer.rs`),
//!    when it is on `PATH`.

use std::path::Path;
use std::process::Command;

use bindery_codegen::spec;
use bindery_codegen::sync::{self, CodegenError, Mode};

use super::{clear, peer, synth, temp_dir, timed};
use crate::SPEC_DIR;

/// Runs on the real spec unless `--runs` says otherwise.
const REAL_RUNS: u32 = 5;
/// Runs on a synthetic spec unless `--runs` says otherwise.
const SYNTHETIC_RUNS: u32 = 3;

/// What to measure.
#[derive(Clone, Debug)]
pub struct Options {
    /// Endpoint counts of the synthetic specs.
    pub sizes: Vec<usize>,
    /// Runs per figure (default: [`REAL_RUNS`], [`SYNTHETIC_RUNS`]).
    pub runs: Option<u32>,
}

/// What a row of the table measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// `spec::load` alone: the floor.
    LoadValidate,
    /// `sync::sync` in this process.
    Pipeline,
    /// This binary run as `codegen --root`.
    Process,
    /// `cargo progenitor` on an equivalent OpenAPI document.
    Peer,
}

impl Measure {
    /// The row's label.
    pub fn label(self) -> &'static str {
        match self {
            Measure::LoadValidate => "load + validate (floor)",
            Measure::Pipeline => "codegen pipeline, in-process",
            Measure::Process => "codegen, xtask process",
            Measure::Peer => "peer: cargo progenitor",
        }
    }
}

/// One figure.
#[derive(Clone, Debug)]
pub struct Row {
    /// `real` or `synthetic`.
    pub spec: &'static str,
    /// Endpoints in the spec.
    pub endpoints: usize,
    /// What was timed.
    pub measure: Measure,
    /// Seconds of each run (empty when the figure is not available).
    pub samples: Vec<f64>,
    /// The median of the floor measured on the same spec in the same runs.
    pub floor: Option<f64>,
    /// Why there is no figure, or what to know about it.
    pub note: Option<String>,
}

/// Measures the real spec of `workspace`, then a synthetic spec of each size; `say` gets
/// progress lines.
pub fn run(
    workspace: &Path,
    options: &Options,
    say: &mut dyn FnMut(&str),
) -> Result<Vec<Row>, String> {
    let real_dir = workspace.join(SPEC_DIR);
    let base = spec::load(&real_dir)
        .map_err(|d| format!("the workspace's spec does not load:\n{}", d.render_fancy()))?;
    let temp = temp_dir("codegen")?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"));
    let build = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    say(&format!("bench codegen: timing a {build} build of xtask"));

    let real = temp.path().join("real");
    synth::copy_tree(&real_dir, &real.join(SPEC_DIR))?;
    let endpoints = synth::count(&base);
    let runs = options.runs.unwrap_or(REAL_RUNS);
    say(&format!(
        "bench codegen: real spec, {endpoints} endpoints, {runs} runs"
    ));
    let mut rows = measure(&real, "real", endpoints, runs, exe.as_deref())?;
    clear(&real)?;

    for &size in &options.sizes {
        let ws = temp.path().join(format!("synthetic-{size}"));
        let made = synth::make(&base, &real_dir, &ws.join(SPEC_DIR), size)?;
        let runs = options.runs.unwrap_or(SYNTHETIC_RUNS);
        say(&format!(
            "bench codegen: synthetic spec, {} endpoints ({} copies, {} dropped with {} shared \
             types), {runs} runs",
            made.endpoints, made.copies, made.dropped, made.dropped_types
        ));
        rows.extend(measure(
            &ws,
            "synthetic",
            made.endpoints,
            runs,
            exe.as_deref(),
        )?);
        clear(&ws)?;
    }
    Ok(rows)
}

/// The floor, the pipeline and the process on the workspace `ws`, `runs` times each.
fn measure(
    ws: &Path,
    spec: &'static str,
    endpoints: usize,
    runs: u32,
    exe: Result<&Path, &String>,
) -> Result<Vec<Row>, String> {
    let spec_dir = ws.join(SPEC_DIR);
    let generated = ws.join(bindery_codegen::emit::GENERATED_DIR);
    let (mut floor, mut pipeline, mut process) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let (seconds, loaded) = timed(|| spec::load(&spec_dir));
        loaded.map_err(|d| {
            format!(
                "{} does not load:\n{}",
                spec_dir.display(),
                d.render_fancy()
            )
        })?;
        floor.push(seconds);

        clear(&generated)?;
        let (seconds, synced) = timed(|| sync::sync(ws, Mode::Write));
        synced.map_err(|e| codegen_error(ws, &e))?;
        pipeline.push(seconds);

        if let Ok(exe) = exe {
            clear(&generated)?;
            let (seconds, ran) = timed(|| run_process(exe, ws));
            ran?;
            process.push(seconds);
        }
    }
    let floor_median = super::median(&floor);
    let row = |measure, samples, note| Row {
        spec,
        endpoints,
        measure,
        samples,
        floor: floor_median,
        note,
    };
    let process_note = exe.err().map(|e| format!("not measured: {e}"));
    let (peer, peer_note) = peer::measure(ws, runs)?;
    Ok(vec![
        row(Measure::LoadValidate, floor, None),
        row(Measure::Pipeline, pipeline, None),
        row(Measure::Process, process, process_note),
        row(Measure::Peer, peer, Some(peer_note)),
    ])
}

/// Runs `exe codegen --root ws`; an error with its output unless it succeeds.
fn run_process(exe: &Path, ws: &Path) -> Result<(), String> {
    let output = Command::new(exe)
        .arg("codegen")
        .arg("--root")
        .arg(ws)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{} codegen --root {}` failed ({}):\n{}",
        exe.display(),
        ws.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    ))
}

/// A codegen failure on a spec the loader accepted: a generator bug, named with its place.
fn codegen_error(ws: &Path, error: &CodegenError) -> String {
    match error {
        CodegenError::Spec(d) => format!("{}: {}", ws.display(), d.render_fancy()),
        other => format!("codegen in {}: {other}", ws.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_small_spec_in_process_and_reports_the_floor() {
        let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec/mingdao");
        let temp = temp_dir("test").expect("temp");
        let ws = temp.path().join("ws");
        synth::copy_tree(&real, &ws.join(SPEC_DIR).join("mingdao")).expect("copy");
        let set = spec::load(&ws.join(SPEC_DIR)).expect("mingdao alone loads");
        let n = synth::count(&set);
        let no_exe = "not in this test".to_owned();
        let rows = measure(&ws, "real", n, 1, Err(&no_exe)).expect("measured");
        let measures: Vec<_> = rows.iter().map(|r| r.measure).collect();
        assert_eq!(
            measures,
            [
                Measure::LoadValidate,
                Measure::Pipeline,
                Measure::Process,
                Measure::Peer
            ]
        );
        let samples: Vec<_> = rows.iter().take(3).map(|r| r.samples.len()).collect();
        assert_eq!(samples, [1, 1, 0]);
        // The peer runs where it is installed, and says so where it is not: never faked.
        let peer = &rows[3];
        assert!(
            peer.samples.len() == 1 || peer.note.as_deref() == Some(peer::not_installed().as_str()),
            "{:?}",
            peer.note
        );
        assert!(rows.iter().all(|r| r.floor.is_some()));
        assert!(ws.join("generated/src/lib.rs").is_file());
    }
}
