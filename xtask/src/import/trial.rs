//! `cargo xtask import-trial WHEEL SERVICE@VERSION...`: the proof that the Tencent Cloud
//! importer is not specific to one service. Each service of a tccli wheel is imported as a
//! provider of its own (`tencent_<service>`) into a scratch workspace, its crate is generated
//! the way `cargo xtask fixture-crate` generates one (`bindery_codegen::standalone`), and that
//! crate must pass `cargo build`, `cargo clippy --all-targets -- -D warnings` and `cargo test`.
//!
//! A manual command: it needs the wheel (not committed) and minutes of compiling per service,
//! so no test runs it end to end; the unit tests (`trial/tests.rs`) run everything but cargo.
//!
//! Layout, per service, below the scratch folder (`--out DIR`, else a temporary folder):
//! `<service>-<YYYYMMDD>/api-spec/tencent_<service>/` (the imported spec) and
//! `<service>-<YYYYMMDD>/crate/` (the generated workspace). As `.ci/run` does for the hostile
//! crate, the generated crates keep their outputs in their own `crate/target/` but share this
//! workspace's build directory (`target/`), so the dependencies (runtime, serde, tokio, …) are
//! compiled once, not once per service. Unless `--keep` is given, what a service's crate
//! built is removed after its steps: its `crate/target/`, and its own units and incremental
//! caches in the shared build directory (the dependencies stay).
//!
//! With `--out DIR` the folder is kept, and a second run imports over what the first wrote,
//! as a re-import does: its `provider.yaml` (which the importer never rewrites) stays, so use
//! a fresh folder to try a changed importer's provider file.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, Instant};

use bindery_codegen::standalone;
use bindery_codegen::sync::CodegenError;

use super::tencent_cloud;

/// One service of the wheel, as `service@version` on the command line (`cvm@2017-03-12`).
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// The service's short name (`cvm`).
    pub service: String,
    /// Its API version (`2017-03-12`).
    pub version: String,
}

impl FromStr for Target {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (service, version) = text
            .split_once('@')
            .ok_or_else(|| format!("`{text}` is not SERVICE@VERSION (e.g. `cvm@2017-03-12`)"))?;
        let service_ok = !service.is_empty()
            && service
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !service_ok {
            return Err(format!(
                "`{text}`: the service `{service}` is not a tccli service name (lower-case \
                 ASCII letters and digits)"
            ));
        }
        let digits: Vec<&str> = version.split('-').collect();
        let version_ok = matches!(digits.as_slice(), [y, m, d]
            if y.len() == 4 && m.len() == 2 && d.len() == 2
                && version.chars().all(|c| c.is_ascii_digit() || c == '-'));
        if !version_ok {
            return Err(format!(
                "`{text}`: the version `{version}` is not YYYY-MM-DD"
            ));
        }
        Ok(Self {
            service: service.to_owned(),
            version: version.to_owned(),
        })
    }
}

impl Target {
    /// The service's folder in the scratch workspace: `cvm-20170312`.
    fn folder(&self) -> String {
        format!("{}-{}", self.service, self.version.replace('-', ""))
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.service, self.version)
    }
}

/// The command's inputs.
pub struct Options {
    /// The tccli wheel (packed or unpacked).
    pub wheel: PathBuf,
    /// The services to try, in order.
    pub targets: Vec<Target>,
    /// The scratch folder; `None` for a temporary one.
    pub out: Option<PathBuf>,
    /// Keep what the trial made: the temporary folder and the crates' `target/` folders.
    pub keep: bool,
    /// Run the cargo steps; only the unit tests turn this off.
    pub compile: bool,
}

/// How far a service got.
#[derive(Debug, PartialEq)]
pub enum Stage {
    /// The import failed.
    Import,
    /// Generating the crate from the imported spec failed (the spec did not load).
    Generate,
    /// A cargo step failed (`build`, `clippy` or `test`).
    Cargo(&'static str),
    /// Everything passed.
    Passed,
}

/// One service's outcome, for the summary.
#[derive(Debug)]
pub struct Outcome {
    /// The service.
    pub target: Target,
    /// Where it stopped.
    pub stage: Stage,
}

/// The cargo steps, in order: each needs the one before to pass.
const STEPS: &[(&str, &[&str])] = &[
    ("build", &["build"]),
    ("clippy", &["clippy", "--all-targets"]),
    ("test", &["test"]),
];

/// Tries every service of `options` against the workspace at `workspace`, reporting each line
/// through `say` as it goes. `Err` is a failure of the trial itself (no scratch folder); a
/// failing service is an [`Outcome`] and the trial goes on with the next one.
pub fn run(
    workspace: &Path,
    options: &Options,
    say: &mut dyn FnMut(&str),
) -> Result<Vec<Outcome>, String> {
    for (index, target) in options.targets.iter().enumerate() {
        if options.targets[..index].contains(target) {
            return Err(format!("{target} is named twice"));
        }
    }
    let mut temporary = None;
    let scratch = match &options.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            dir.clone()
        }
        None => {
            let dir = tempfile::Builder::new()
                .prefix("import-trial-")
                .tempdir()
                .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
            let path = dir.path().to_path_buf();
            temporary = Some(dir);
            path
        }
    };
    say(&format!(
        "import-trial: {} service(s) of {} in {}",
        options.targets.len(),
        options.wheel.display(),
        scratch.display()
    ));
    // Every import and generation first: they take seconds, the compiling takes minutes, and
    // a service the importer cannot read should be known before the first compile starts.
    let mut outcomes = Vec::new();
    let mut prepared = Vec::new();
    for target in &options.targets {
        let dir = scratch.join(target.folder());
        let stage = match prepare(workspace, &dir, target, &options.wheel, say) {
            Ok(()) => {
                prepared.push(outcomes.len());
                Stage::Passed
            }
            Err(stage) => stage,
        };
        outcomes.push(Outcome {
            target: target.clone(),
            stage,
        });
    }
    if options.compile {
        for index in prepared {
            let target = &options.targets[index];
            let crate_dir = scratch.join(target.folder()).join("crate");
            outcomes[index].stage =
                compile_and_clean(workspace, &crate_dir, target, options.keep, say);
        }
    }
    // Dropping the temporary folder removes it, unless it is to be kept.
    if options.keep
        && let Some(dir) = temporary
    {
        say(&format!("kept {}", dir.keep().display()));
    }
    Ok(outcomes)
}

/// Imports one service into `dir` and generates its crate in `dir/crate`; `Err` says where it
/// stopped.
fn prepare(
    workspace: &Path,
    dir: &Path,
    target: &Target,
    wheel: &Path,
    say: &mut dyn FnMut(&str),
) -> Result<(), Stage> {
    let import = tencent_cloud::Options {
        catalogue: wheel.to_path_buf(),
        service: target.service.clone(),
        version: target.version.clone(),
        provider: None,
        check: false,
    };
    let started = Instant::now();
    let imported = tencent_cloud::run(&dir.join(crate::SPEC_DIR), &import).map_err(|e| {
        say(&format!("{target}: import failed: {e}"));
        Stage::Import
    })?;
    say(&format!(
        "{target}: {} actions ({} deprecated), {} types, {} examples, {} corrections, {} \
         integers written as floats",
        imported.actions,
        imported.deprecated,
        imported.types,
        imported.examples,
        imported.corrections.len(),
        imported.floats
    ));
    // The full list is in the endpoint files' comments (and `cargo xtask import`'s output).
    for correction in imported.corrections.iter().take(SHOWN_CORRECTIONS) {
        say(&format!("  corrected: {correction}"));
    }
    if let Some(more) = imported.corrections.len().checked_sub(SHOWN_CORRECTIONS)
        && more > 0
    {
        say(&format!("  … and {more} more corrections"));
    }
    let crate_dir = dir.join("crate");
    standalone::write(workspace, dir, &crate_dir).map_err(|e| {
        let why = match &e {
            CodegenError::Spec(diagnostics) => diagnostics.render_fancy(),
            other => other.to_string(),
        };
        say(&format!("{target}: generating the crate failed:\n{why}"));
        Stage::Generate
    })?;
    let (files, lines) = count_lines(&crate_dir.join("generated"));
    say(&format!(
        "{target}: generated {lines} lines of Rust in {files} files ({} for import and \
         generation)",
        seconds(started.elapsed())
    ));
    Ok(())
}

/// Compiles the generated crate in `crate_dir`, then (unless `keep`) removes what that built:
/// its `target/` and its own units in the shared build directory.
fn compile_and_clean(
    workspace: &Path,
    crate_dir: &Path,
    target: &Target,
    keep: bool,
    say: &mut dyn FnMut(&str),
) -> Stage {
    let build_dir = shared_build_dir(workspace);
    let before = snapshot(&build_dir);
    let stage = compile(&build_dir, crate_dir, target, say);
    if !keep {
        let built = crate_dir.join("target");
        let removed = remove_dir_if_present(&built)
            .map_err(|e| format!("{}: {e}", built.display()))
            .and_then(|()| remove_new_units(&build_dir, &before, &unit_names(crate_dir)));
        if let Err(e) = removed {
            say(&format!("{target}: cannot remove what it built: {e}"));
        }
    }
    stage
}

/// The build directory the generated crates share with this workspace: its target dir.
fn shared_build_dir(workspace: &Path) -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| workspace.join("target"), PathBuf::from);
    std::path::absolute(&dir).unwrap_or(dir)
}

/// What the shared build directory's dev profile holds before a generated crate is compiled:
/// the names of its compiled units (`<name>-<hash>`, by their fingerprint folders) and of its
/// incremental caches (`<name>-<another hash>`).
#[derive(Debug, Default)]
struct Snapshot {
    units: BTreeSet<String>,
    incremental: BTreeSet<String>,
}

fn snapshot(build_dir: &Path) -> Snapshot {
    let names = |folder: &str| -> BTreeSet<String> {
        std::fs::read_dir(build_dir.join("debug").join(folder))
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect()
    };
    Snapshot {
        units: names(".fingerprint"),
        incremental: names("incremental"),
    }
}

/// The target names of the generated crate: its library and its test files.
fn unit_names(crate_dir: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::from(["bindery".to_owned()]);
    let tests = std::fs::read_dir(crate_dir.join("generated/tests"));
    names.extend(tests.into_iter().flatten().filter_map(|entry| {
        let entry = entry.ok()?;
        let name = entry.file_name().into_string().ok()?;
        // A test is `tests/x.rs` or, with modules of its own, `tests/x/main.rs`.
        match name.strip_suffix(".rs") {
            Some(stem) => Some(stem.to_owned()),
            None => entry.path().join("main.rs").is_file().then_some(name),
        }
    }));
    names
}

/// Removes from the shared build directory what compiling the generated crate added there:
/// the units named `names` that were not there `before` (so this workspace's own `bindery`
/// stays), with their files in `deps/`, and their new incremental caches. The dependencies
/// stay, shared.
fn remove_new_units(
    build_dir: &Path,
    before: &Snapshot,
    names: &BTreeSet<String>,
) -> Result<(), String> {
    let profile = build_dir.join("debug");
    let now = snapshot(build_dir);
    let ours = |entry: &&String| {
        entry
            .rsplit_once('-')
            .is_some_and(|(name, _)| names.contains(name))
    };
    let hashes: Vec<&str> = now
        .units
        .difference(&before.units)
        .filter(ours)
        .filter_map(|unit| Some(unit.rsplit_once('-')?.1))
        .collect();
    let caches: BTreeSet<&String> = now
        .incremental
        .difference(&before.incremental)
        .filter(ours)
        .collect();
    for folder in ["deps", ".fingerprint", "incremental"] {
        let dir = profile.join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stem = name.split('.').next().unwrap_or_default();
            let unit = hashes
                .iter()
                .any(|hash| stem.ends_with(&format!("-{hash}")));
            let cache = folder == "incremental" && caches.contains(&name);
            if !(unit || cache) {
                continue;
            }
            let path = entry.path();
            let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            removed.map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Runs the cargo steps on the generated workspace in `crate_dir`, its intermediate
/// artifacts in `build_dir`.
fn compile(
    build_dir: &Path,
    crate_dir: &Path,
    target: &Target,
    say: &mut dyn FnMut(&str),
) -> Stage {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = crate_dir.join("Cargo.toml");
    let mut timings = Vec::new();
    for (step, args) in STEPS {
        let mut command = Command::new(&cargo);
        command
            .args(*args)
            .arg("--manifest-path")
            .arg(&manifest)
            .env("CARGO_BUILD_BUILD_DIR", build_dir)
            .env("CARGO_TARGET_DIR", crate_dir.join("target"))
            // Everything the generated crate needs is this workspace's: a dependency that is
            // not in the local cache is a clear failure, not a download.
            .env("CARGO_NET_OFFLINE", "true")
            .env("CARGO_TERM_COLOR", "never");
        if *step == "clippy" {
            command.args(["--", "-D", "warnings"]);
        }
        let started = Instant::now();
        let output = command.output();
        let took = seconds(started.elapsed());
        match output {
            Ok(output) if output.status.success() => timings.push(format!("{step} ok {took}")),
            Ok(output) => {
                let stdout = String::from_utf8_lossy(&output.stdout);
                let stderr = String::from_utf8_lossy(&output.stderr);
                let passed: String = timings.iter().map(|t| format!("{t}, ")).collect();
                say(&format!(
                    "{target}: {passed}cargo {step} failed after {took} ({}):\n{}",
                    output.status,
                    failure_text(&stdout, &stderr)
                ));
                return Stage::Cargo(step);
            }
            Err(e) => {
                say(&format!(
                    "{target}: cannot run {}: {e}",
                    Path::new(&cargo).display()
                ));
                return Stage::Cargo(step);
            }
        }
    }
    say(&format!("{target}: {}", timings.join(", ")));
    Stage::Passed
}

/// What to show of a failed cargo run: a failed test run's `failures:` section (on stdout,
/// after every passing test's line), else the compiler's messages (on stderr).
fn failure_text(stdout: &str, stderr: &str) -> String {
    match stdout.find("\nfailures:\n") {
        Some(at) => excerpt(&stdout[at + 1..]),
        None => excerpt(stderr),
    }
}

/// The lines worth reading of a failed cargo run: from the first error or warning on, at most
/// [`EXCERPT_LINES`] of them, or the tail when there is no such line.
fn excerpt(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|line| line.starts_with("error") || line.starts_with("warning"))
        .unwrap_or_else(|| lines.len().saturating_sub(EXCERPT_LINES));
    let shown: Vec<&str> = lines
        .iter()
        .skip(start)
        .take(EXCERPT_LINES)
        .copied()
        .collect();
    let more = lines.len() - start - shown.len();
    let mut out = shown.join("\n");
    if more > 0 {
        out.push_str(&format!("\n… {more} more lines"));
    }
    out
}

/// How many of a service's corrections are listed.
const SHOWN_CORRECTIONS: usize = 5;

/// How many lines of a failed cargo run are shown.
const EXCERPT_LINES: usize = 60;

/// Files and lines of the `.rs` files below `dir`.
fn count_lines(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut lines = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                files += 1;
                lines += text.lines().count();
            }
        }
    }
    (files, lines)
}

fn remove_dir_if_present(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn seconds(elapsed: Duration) -> String {
    format!("{:.1} s", elapsed.as_secs_f64())
}

/// The summary line: how many passed, and each failure with where it stopped.
pub fn summary(outcomes: &[Outcome], compiled: bool) -> String {
    let failed: Vec<String> = outcomes
        .iter()
        .filter_map(|outcome| {
            let stage = match &outcome.stage {
                Stage::Passed => return None,
                Stage::Import => "import".to_owned(),
                Stage::Generate => "generate".to_owned(),
                Stage::Cargo(step) => format!("cargo {step}"),
            };
            Some(format!("{} ({stage})", outcome.target))
        })
        .collect();
    let passed = outcomes.len() - failed.len();
    if failed.is_empty() {
        let done = if compiled {
            "imported, generated and compiled"
        } else {
            "imported and generated (not compiled: --no-compile)"
        };
        format!("import-trial: all {passed} service(s) {done}")
    } else {
        format!(
            "import-trial: {passed} of {} service(s) passed; failed: {}",
            outcomes.len(),
            failed.join(", ")
        )
    }
}

#[cfg(test)]
mod tests;
