//! `cargo xtask bench compile`: what compiling the generated crate costs per endpoint.
//!
//! For each size, a synthetic spec (`synth.rs`) is generated as a workspace of its own that
//! builds against this workspace's runtime (`bindery_codegen::standalone`, as `cargo xtask
//! fixture-crate` does) in `target/bench-compile/ws-<size>/`. All sizes share one
//! `CARGO_TARGET_DIR`, `target/bench-compile/target/`, so the dependencies are built once. A
//! first `cargo build` (debug, untimed) builds them; then `cargo clean -p bindery` removes
//! only the generated crate's artifacts and a second `cargo build` — the figure — compiles
//! only it, from scratch. With `/usr/bin/time -v` present, that build's peak resident set
//! (rustc's, the largest process of the build) is read from its "Maximum resident set size",
//! and the CPU time (user + system, every process of the build) from its report too.
//!
//! The peer, when `cargo-progenitor` is on `PATH` (`peer_build.rs`): progenitor's clients for
//! the OpenAPI 3.0 export of the same synthetic spec, one crate per provider in a workspace of
//! their own in `target/bench-compile/progenitor-<size>/`, built the same way (dependencies
//! first, then only those crates, timed).
//!
//! Slow (minutes per size): run by hand, never by the tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use bindery_codegen::spec;

use super::{peer, peer_build, synth, temp_dir, timed};
use crate::SPEC_DIR;

/// The generated crate's package name.
const PACKAGE: &str = "bindery";
/// GNU time, which reports the peak RSS with `-v`.
const GNU_TIME: &str = "/usr/bin/time";

/// One build's figures.
#[derive(Clone, Debug)]
pub struct Build {
    /// Wall-clock seconds.
    pub seconds: f64,
    /// User + system seconds of every process of the build, when `/usr/bin/time -v` ran it.
    pub cpu_seconds: Option<f64>,
    /// Peak resident set of its largest process in kilobytes, when `/usr/bin/time -v` ran it.
    pub peak_rss_kb: Option<u64>,
}

/// One size's figures.
#[derive(Clone, Debug)]
pub struct Row {
    /// Endpoints in the spec.
    pub endpoints: usize,
    /// Lines of the generated crate's `src/`.
    pub lines: usize,
    /// The build of the generated crate alone.
    pub bindery: Build,
    /// The build of progenitor's clients for the same endpoints, when it is installed.
    pub peer: Option<Build>,
}

/// Builds and times the generated crate of a synthetic spec of each size, and progenitor's
/// clients for it when `cargo-progenitor` is on `PATH`.
pub fn run(
    workspace: &Path,
    sizes: &[usize],
    say: &mut dyn FnMut(&str),
) -> Result<Vec<Row>, String> {
    let real_dir = workspace.join(SPEC_DIR);
    let base = spec::load(&real_dir)
        .map_err(|d| format!("the workspace's spec does not load:\n{}", d.render_fancy()))?;
    let bench_dir = workspace.join("target").join("bench-compile");
    let target_dir = bench_dir.join("target");
    let gnu_time = Path::new(GNU_TIME).is_file();
    if !gnu_time {
        say("bench compile: no /usr/bin/time, so no CPU time or peak RSS");
    }
    let progenitor = peer::find_on_path(peer::PROGRAM);
    if progenitor.is_none() {
        say(&format!("bench compile: {}", peer::not_installed()));
    }
    let mut rows = Vec::new();
    for &size in sizes {
        let temp = temp_dir("compile")?;
        let fixture = temp.path();
        let made = synth::make(&base, &real_dir, &fixture.join(SPEC_DIR), size)?;
        let ws = bench_dir.join(format!("ws-{size}"));
        bindery_codegen::standalone::write(workspace, fixture, &ws)
            .map_err(|e| format!("generating the crate of {size} endpoints: {e}"))?;
        let lines = count_lines(&ws.join("generated").join("src"))?;
        say(&format!(
            "bench compile: {} endpoints ({} shared types dropped with {} endpoint files), \
             {lines} lines; building dependencies (untimed)",
            made.endpoints, made.dropped_types, made.dropped
        ));
        let bindery = build_alone(&ws, &target_dir, &[PACKAGE], gnu_time)?;
        let peer = match &progenitor {
            Some(program) => {
                say(&format!(
                    "bench compile: {} endpoints: progenitor's clients",
                    made.endpoints
                ));
                let dir = bench_dir.join(format!("progenitor-{size}"));
                let packages = peer_build::write(program, fixture, &dir)?;
                let packages: Vec<&str> = packages.iter().map(String::as_str).collect();
                Some(build_alone(&dir, &target_dir, &packages, gnu_time)?)
            }
            None => None,
        };
        rows.push(Row {
            endpoints: made.endpoints,
            lines,
            bindery,
            peer,
        });
    }
    Ok(rows)
}

/// Builds the workspace `ws` (its dependencies untimed), removes the artifacts of `packages`
/// and times building them again.
fn build_alone(
    ws: &Path,
    target_dir: &Path,
    packages: &[&str],
    gnu_time: bool,
) -> Result<Build, String> {
    cargo(ws, target_dir, &["build"], false)?;
    let mut clean = vec!["clean"];
    for package in packages {
        clean.extend(["-p", package]);
    }
    cargo(ws, target_dir, &clean, false)?;
    let (seconds, stderr) = timed(|| cargo(ws, target_dir, &["build"], gnu_time));
    let stderr = stderr?;
    Ok(Build {
        seconds,
        cpu_seconds: gnu_time.then(|| cpu_seconds(&stderr)).flatten(),
        peak_rss_kb: gnu_time.then(|| max_rss_kb(&stderr)).flatten(),
    })
}

/// Runs `cargo ARGS` in the workspace `ws` with `CARGO_TARGET_DIR` set (under GNU `time -v`
/// if `measured`); its stderr, or an error with it.
fn cargo(ws: &Path, target_dir: &Path, args: &[&str], measured: bool) -> Result<String, String> {
    let cargo = std::env::var_os("CARGO").map_or_else(|| PathBuf::from("cargo"), PathBuf::from);
    let mut command = if measured {
        let mut c = Command::new(GNU_TIME);
        c.arg("-v").arg(&cargo);
        c
    } else {
        Command::new(&cargo)
    };
    let output = command
        .args(args)
        .arg("--manifest-path")
        .arg(ws.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() {
        Ok(stderr)
    } else {
        Err(format!(
            "`cargo {}` in {} failed ({}):\n{stderr}",
            args.join(" "),
            ws.display(),
            output.status
        ))
    }
}

/// The "Maximum resident set size (kbytes): N" of GNU `time -v`'s report.
pub fn max_rss_kb(report: &str) -> Option<u64> {
    time_field(report, "Maximum resident set size (kbytes):")
}

/// The "User time (seconds)" plus "System time (seconds)" of GNU `time -v`'s report.
pub fn cpu_seconds(report: &str) -> Option<f64> {
    Some(
        time_field::<f64>(report, "User time (seconds):")?
            + time_field::<f64>(report, "System time (seconds):")?,
    )
}

/// The value of the line `label VALUE` of GNU `time -v`'s report.
fn time_field<T: std::str::FromStr>(report: &str, label: &str) -> Option<T> {
    report.lines().find_map(|line| {
        line.trim()
            .strip_prefix(label)
            .and_then(|n| n.trim().parse().ok())
    })
}

/// Lines of the `.rs` files below `dir`.
fn count_lines(dir: &Path) -> Result<usize, String> {
    let mut lines = 0;
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            lines += count_lines(&path)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            lines += text.lines().count();
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_peak_rss_of_gnu_time() {
        let report = "\tCommand being timed: \"cargo build\"\n\tUser time (seconds): 1.20\n\tMaximum resident set size (kbytes): 412344\n\tAverage resident set size (kbytes): 0\n";
        assert_eq!(max_rss_kb(report), Some(412_344));
        assert_eq!(cpu_seconds(report), None, "no system time in it");
        let both = format!("{report}\tSystem time (seconds): 0.30\n");
        let cpu = cpu_seconds(&both).expect("both fields");
        assert!((cpu - 1.5).abs() < 1e-9, "{cpu}");
        assert_eq!(max_rss_kb("error: could not compile\n"), None);
        assert_eq!(
            max_rss_kb("Maximum resident set size (kbytes): lots\n"),
            None
        );
    }

    #[test]
    fn counts_lines_of_rust_files_only() {
        let temp = temp_dir("test").expect("temp");
        let sub = temp.path().join("a");
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(temp.path().join("lib.rs"), "a\nb\n").expect("write");
        std::fs::write(sub.join("m.rs"), "c\n").expect("write");
        std::fs::write(sub.join("notes.md"), "x\ny\nz\n").expect("write");
        assert_eq!(count_lines(temp.path()), Ok(3));
    }
}
