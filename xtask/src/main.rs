//! bindery's developer commands.
//!
//! - `cargo xtask codegen`: regenerate `generated/` and `api-spec/spec.schema.json` from
//!   `api-spec/`.
//! - `cargo xtask codegen --check`: change nothing; fail, listing the files, when they are not
//!   what the spec produces.
//! - `cargo xtask codegen --bump [--base REV]`: first raise the crate version in
//!   `api-spec/crate.yaml` by what the spec changed since `REV`, then regenerate.
//! - `cargo xtask spec-diff [--base REV] [--format text|markdown|json] [--fail-on-breaking]`:
//!   the semantic changes of `api-spec/` since `REV`, each judged breaking or compatible for
//!   users of the generated crate, and the semver bump they imply.
//!
//! - `cargo xtask fixture-crate DIR --out OUT`: generate the crate of the spec in
//!   `DIR/api-spec/` (a test fixture, e.g. `codegen/tests/fixtures/hostile`) into `OUT` as a
//!   workspace of its own that builds against this one's runtime (see
//!   `bindery_codegen::standalone`); CI compiles it with clippy, rustdoc and its tests.
//!   `DIR` and `OUT` are relative to where the command runs.
//!
//! - `cargo xtask import tencent-cloud PATH --service S --version V [--provider P]`: a
//!   Tencent Cloud service from the tccli catalogue as `api-spec/<provider>/`.
//! - `cargo xtask import page FILE --provider P [--out PATH] [--url URL] [--diff SPEC
//!   [--apply]]`: a saved vendor doc page as draft endpoint specs, or its changes against an
//!   existing spec (see `import/page/mod.rs`); `cargo xtask import accuracy [--corpus DIR]`:
//!   the importer's precision and recall on the corpus of saved pages.
//! - `cargo xtask import-trial WHEEL SERVICE@VERSION... [--out DIR] [--keep] [--no-compile]`:
//!   import each service into a scratch workspace, generate its crate and build, lint and test
//!   it (see `import/trial.rs`); exit 1 naming each service that fails.
//!
//! - `cargo xtask bench codegen [--sizes 100,500,2000] [--runs N] [--out FILE]`: median
//!   seconds of codegen (load + validate floor, in-process, as a process) on the real spec and
//!   synthetic ones; `bench compile [--sizes 100,500] [--out FILE]`: a debug build of the
//!   generated crate alone (seconds, peak RSS); `bench runtime`: the criterion suite and its
//!   ratios; `bench all`: runtime, then codegen (see `bench/mod.rs` and `BENCHMARKS.md`).
//!
//! - `cargo xtask openapi [--version 3.0|3.1] [--out DIR] [--check] [--progenitor-check]`: an
//!   OpenAPI document per provider in `openapi/` (see `openapi/mod.rs`).
//!
//! - `cargo xtask mock --provider P [--port N] [--secret-id … --secret-key …] [--credential
//!   NAME=VALUE]… [--no-rate-limits]`: the mock server of one provider, on 127.0.0.1 (see
//!   `mock.rs`; the server is the `bindery-mock` crate).
//!
//! - `cargo xtask budget`: check the size and structure budget (file and function lengths, no
//!   import circle between modules; see `budget/mod.rs`), naming each offender with
//!   `file:line`.
//!
//! Every command takes `--root PATH`, the workspace to work on; without it the workspace is
//! found at run time (see `workspace.rs`).
//!
//! Exit codes: 0 success; 1 `--check` found drift, `--fail-on-breaking` found a breaking
//! change, or `budget` found something over budget; 2 a usage error, a spec error (with the
//! loader's located diagnostics), no workspace, a file `budget` cannot read or parse, or output
//! that cannot be written. A closed stdout or stderr (`cargo xtask codegen | head`) ends the
//! output quietly and changes no exit code.

mod bench;
mod budget;
mod git;
mod import;
mod mock;
mod openapi;
mod output;
mod version;
mod workspace;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bindery_codegen::diagnostics::Diagnostics;
use bindery_codegen::diff::{self, SpecDiff, report};
use bindery_codegen::ir::{self, Crate};
use bindery_codegen::spec;
use bindery_codegen::sync::{self, CodegenError, Mode};
use clap::{Parser, Subcommand, ValueEnum};

use output::{err, out};

/// The spec folder, relative to the workspace root.
pub const SPEC_DIR: &str = "api-spec";

#[derive(Parser)]
#[command(name = "cargo xtask", about = "bindery developer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The workspace to work on (default: found from `CARGO_MANIFEST_DIR`, which `cargo
    /// xtask` sets, else from the current directory upward).
    #[arg(long, global = true, value_name = "PATH")]
    root: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the `bindery` crate from `api-spec/`.
    Codegen {
        /// Change nothing; exit non-zero when generated files are out of date.
        #[arg(long, conflicts_with = "bump")]
        check: bool,
        /// Before generating, raise the version in `api-spec/crate.yaml` by what the spec
        /// changed since `--base` (see `cargo xtask spec-diff`).
        #[arg(long)]
        bump: bool,
        /// The revision `--bump` compares with.
        #[arg(long, default_value = "HEAD", requires = "bump", value_name = "REV")]
        base: String,
    },
    /// Generate the crate of a fixture spec (`DIR/api-spec/`, plus hand-written `DIR/tests/*.rs`)
    /// into `--out` as a separate cargo workspace, for compiling it like `generated/`.
    FixtureCrate {
        /// The fixture folder, holding `api-spec/` and optionally `tests/`.
        #[arg(value_name = "DIR")]
        fixture: PathBuf,
        /// Where the workspace is written.
        #[arg(long, value_name = "OUT")]
        out: PathBuf,
    },
    /// Report the semantic changes of `api-spec/` since a git revision, with a verdict for
    /// users of the generated crate and the semver bump they imply.
    SpecDiff {
        /// The git revision to compare the working tree's `api-spec/` with.
        #[arg(long, default_value = "HEAD", value_name = "REV")]
        base: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with 1 when a change is breaking.
        #[arg(long)]
        fail_on_breaking: bool,
    },
    /// Check file and function lengths and import circles between modules against the
    /// budget; exit 1 naming each offender.
    Budget,
    /// Write (or `--check`) an OpenAPI document per provider and version in `openapi/`.
    Openapi(openapi::Args),
    /// Serve one provider as its vendor would (signatures, tokens, the spec checked), for
    /// programs in any language; prints the base URL and one line per request.
    Mock(mock::Args),
    /// Time codegen and the generated crate's compilation (Markdown table on stdout).
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// Write spec files from a vendor's machine-readable catalogue.
    #[command(subcommand)]
    Import(ImportSource),
    /// Import Tencent Cloud services of a tccli wheel into a scratch workspace, each as its
    /// own provider, and generate, build, lint (`-D warnings`) and test each one's crate.
    ImportTrial {
        /// The tccli wheel (`.whl`) or an unpacked one.
        #[arg(value_name = "WHEEL")]
        wheel: PathBuf,
        /// The services, as `service@version` (`cvm@2017-03-12`).
        #[arg(value_name = "SERVICE@VERSION", required = true)]
        targets: Vec<import::trial::Target>,
        /// The scratch folder (kept; default: a temporary folder, removed at the end).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Keep the temporary folder and the generated crates' `target/` folders.
        #[arg(long)]
        keep: bool,
        /// Import and generate only: seconds instead of minutes, nothing compiled.
        #[arg(long)]
        no_compile: bool,
    },
}

/// What `cargo xtask import` reads.
#[derive(Subcommand)]
enum ImportSource {
    /// A Tencent Cloud API 3.0 service from the `tccli` package's catalogue, into
    /// `api-spec/<provider>/` (get the package with `pip download --no-deps tccli==VERSION`).
    TencentCloud {
        /// The catalogue: a tccli wheel (`.whl`), an unpacked one, or a folder holding
        /// `api.json` and `examples.json`.
        #[arg(value_name = "PATH")]
        catalogue: PathBuf,
        /// The service's short name (`ess`).
        #[arg(long)]
        service: String,
        /// The API version (`2020-11-11`).
        #[arg(long)]
        version: String,
        /// The provider folder below `api-spec/` (default `tencent_<service>`).
        #[arg(long)]
        provider: Option<String>,
        /// Change nothing; exit 1, listing the files, when the folder is not what this
        /// catalogue imports to.
        #[arg(long)]
        check: bool,
    },
    /// A saved vendor doc page (HTML, Markdown or text) as draft endpoint specs, each doubt a
    /// `# TODO(import)` comment; the drafts are then loaded and the loader's problems shown.
    Page {
        /// The saved page.
        #[arg(value_name = "FILE")]
        page: PathBuf,
        /// The provider folder below `api-spec/` the page is for (`fxiaoke`, `mingdao`).
        #[arg(long)]
        provider: String,
        /// Where to write: a `.yaml` file (one endpoint) or a folder (default: `.`).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// The page's address, for `docs_url` (default: the `url` of the page's sidecar
        /// `FILE.yaml`, if any).
        #[arg(long)]
        url: Option<String>,
        /// Compare the page with this endpoint spec instead of writing a draft, and report
        /// what changed in `spec-diff`'s vocabulary.
        #[arg(long, value_name = "SPEC")]
        diff: Option<PathBuf>,
        /// With `--diff`: apply the changes to SPEC, keeping its curated parts.
        #[arg(long, requires = "diff")]
        apply: bool,
    },
    /// The page importer's accuracy on a corpus of saved pages with hand-checked expected
    /// specs: precision and recall of rows (fields, method, path, examples, error codes) per
    /// page and overall, as a Markdown table.
    Accuracy {
        /// The corpus folder (default: `xtask/tests/pages`).
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
        /// List each wrong or missing row.
        #[arg(long)]
        verbose: bool,
    },
}

/// How `spec-diff` prints its report.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// For a terminal.
    Text,
    /// For a pull-request comment.
    Markdown,
    /// For tools; the shape is documented in README.md.
    Json,
}

// Codegen makes and drops millions of small allocations (tokens, syntax trees, strings);
// mimalloc serves them faster than the system allocator (BENCHMARKS.md, "Codegen").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout, usage errors to stderr; either may be closed.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    // The caller's paths mean what they meant where the command was run, before `enter`.
    let invoked_in = std::env::current_dir().ok();
    let callers = |path: PathBuf| match &invoked_in {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path,
    };
    let result = enter(cli.root).and_then(|()| match cli.command {
        Command::Codegen { check, bump, base } => codegen(check, bump.then_some(base.as_str())),
        Command::FixtureCrate { fixture, out } => fixture_crate(&callers(fixture), &callers(out)),
        Command::SpecDiff {
            base,
            format,
            fail_on_breaking,
        } => spec_diff(&base, format, fail_on_breaking),
        Command::Budget => budget(),
        Command::Bench(command) => bench::run(command, callers),
        Command::Openapi(args) => openapi::run(&args, callers),
        Command::Mock(args) => mock::run(&args),
        Command::Import(ImportSource::TencentCloud {
            catalogue,
            service,
            version,
            provider,
            check,
        }) => import_tencent_cloud(&import::tencent_cloud::Options {
            catalogue: callers(catalogue),
            service,
            version,
            provider,
            check,
        }),
        Command::Import(ImportSource::Page {
            page,
            provider,
            out,
            url,
            diff,
            apply,
        }) => import::page::cli::page(&import::page::cli::PageArgs {
            options: import::page::Options {
                page: callers(page),
                provider,
                out: out.map(&callers),
                url,
            },
            diff: diff.map(&callers),
            apply,
        }),
        Command::Import(ImportSource::Accuracy { corpus, verbose }) => {
            import::page::cli::accuracy(corpus.map(&callers).as_deref(), verbose)
        }
        Command::ImportTrial {
            wheel,
            targets,
            out,
            keep,
            no_compile,
        } => import_trial(&import::trial::Options {
            wheel: callers(wheel),
            targets,
            out: out.map(callers),
            keep,
            compile: !no_compile,
        }),
    });
    result.unwrap_or_else(|code| code)
}

/// Runs from the workspace root so every path in a diagnostic is `api-spec/...`.
fn enter(root: Option<PathBuf>) -> Result<(), ExitCode> {
    let root = workspace::find(root).map_err(|e| {
        err(&format!("error: {e}"));
        ExitCode::from(2)
    })?;
    std::env::set_current_dir(&root).map_err(|e| {
        err(&format!("error: cannot enter {}: {e}", root.display()));
        ExitCode::from(2)
    })
}

fn codegen(check: bool, bump_from: Option<&str>) -> Result<ExitCode, ExitCode> {
    if let Some(base) = bump_from {
        bump(base)?;
    }
    let mode = if check { Mode::Check } else { Mode::Write };
    match sync::sync(Path::new("."), mode) {
        Ok(report) => {
            out(&report.summary(mode))?;
            if mode == Mode::Check && !report.is_clean() {
                err(&report.check_failure());
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(codegen_failed(&e)),
    }
}

/// Prints why generation failed (a spec's located diagnostics, or the I/O error); exit 2.
fn codegen_failed(error: &CodegenError) -> ExitCode {
    match error {
        CodegenError::Spec(diagnostics) => err(&diagnostics.render_fancy()),
        other => err(&format!("error: {other}")),
    }
    ExitCode::from(2)
}

/// Generates a fixture spec's crate from this workspace (the current directory).
fn fixture_crate(fixture: &Path, out_dir: &Path) -> Result<ExitCode, ExitCode> {
    let workspace = std::env::current_dir().map_err(|e| {
        err(&format!("error: cannot read the current directory: {e}"));
        ExitCode::from(2)
    })?;
    match bindery_codegen::standalone::write(&workspace, fixture, out_dir) {
        Ok(done) => {
            out(&format!(
                "fixture-crate: {} → {}: {} files written, {} unchanged, {} removed",
                fixture.display(),
                out_dir.display(),
                done.written.len(),
                done.unchanged,
                done.removed.len()
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(codegen_failed(&e)),
    }
}

/// Raises `api-spec/crate.yaml`'s version to what the changes since `base` need. The bump
/// is applied to the base's version, so running it twice changes nothing more; a version
/// already set higher by hand is kept.
fn bump(base: &str) -> Result<(), ExitCode> {
    let (changes, _) = compare(base)?;
    let current = &changes.head_version;
    let needed = changes.bump().apply(&changes.base_version);
    let summary = report::summary(&changes);
    if *current >= needed {
        return out(&format!(
            "version: bindery {current} already covers the changes since {base} ({summary})"
        ));
    }
    let file = Path::new(SPEC_DIR).join(spec::load::CRATE_FILE);
    version::write(&file, &needed).map_err(|e| {
        err(&format!("error: {}: {e}", file.display()));
        ExitCode::from(2)
    })?;
    out(&format!(
        "version: bindery {current} → {needed} in {} ({summary})",
        file.display()
    ))
}

fn spec_diff(base: &str, format: Format, fail_on_breaking: bool) -> Result<ExitCode, ExitCode> {
    let (changes, sides) = compare(base)?;
    let output = match format {
        Format::Text => report::text(&changes, &sides),
        Format::Markdown => report::markdown(&changes, &sides),
        Format::Json => {
            let json = report::json(&changes, &sides);
            let text = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_owned());
            format!("{text}\n")
        }
    };
    out(&output)?;
    if fail_on_breaking && changes.is_breaking() {
        err(&format!(
            "error: {} breaking change(s) since {base}",
            changes.count(diff::Impact::Breaking)
        ));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks the workspace (the current directory) against the budget.
fn budget() -> Result<ExitCode, ExitCode> {
    let report = budget::check(Path::new(".")).map_err(|e| {
        err(&format!("error: {e}"));
        ExitCode::from(2)
    })?;
    for finding in &report.findings {
        out(&finding.to_string())?;
    }
    out(&report.summary())?;
    if report.findings.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

/// Imports a Tencent Cloud catalogue, then loads the whole spec so a problem the import made
/// (or found) is reported like any spec error.
fn import_tencent_cloud(options: &import::tencent_cloud::Options) -> Result<ExitCode, ExitCode> {
    let done = import::tencent_cloud::run(Path::new(SPEC_DIR), options).map_err(|e| {
        err(&format!("error: import tencent-cloud: {e}"));
        ExitCode::from(2)
    })?;
    if options.check {
        if done.differ.is_empty() {
            out(&format!(
                "import tencent-cloud --check: {} is what the catalogue imports to ({})",
                done.dir.display(),
                files(done.unchanged)
            ))?;
            return Ok(ExitCode::SUCCESS);
        }
        err(&format!(
            "error: import tencent-cloud --check: {} {} from what the catalogue imports to \
             (run the command without --check to write them):\n  {}",
            files(done.differ.len()),
            if done.differ.len() == 1 {
                "differs"
            } else {
                "differ"
            },
            done.differ.join("\n  ")
        ));
        return Ok(ExitCode::FAILURE);
    }
    let removed = if done.removed.is_empty() {
        String::new()
    } else {
        format!("; removed {}", done.removed.join(", "))
    };
    let created = if done.created_provider {
        "; created provider.yaml (edit it: it is never rewritten)"
    } else {
        ""
    };
    out(&format!(
        "import tencent-cloud: {} actions ({} deprecated), {} shared types, {} examples → {}: \
         {} written, {} unchanged{removed}{created}",
        done.actions,
        done.deprecated,
        done.types,
        done.examples,
        done.dir.display(),
        files(done.written),
        done.unchanged
    ))?;
    if done.floats > 0 {
        out(&format!(
            "  {} integers in examples written as floats (the catalogue says `float`)",
            done.floats
        ))?;
    }
    for action in &done.unexplained {
        out(&format!(
            "  warning: {action}: `idempotent` differs from the verb rule and its `notes` do \
             not say why"
        ))?;
    }
    for correction in &done.corrections {
        out(&format!("  corrected: {correction}"))?;
    }
    load_working_tree()?;
    Ok(ExitCode::SUCCESS)
}

/// `n` files, in the singular for one.
fn files(n: usize) -> String {
    if n == 1 {
        "1 file".to_owned()
    } else {
        format!("{n} files")
    }
}

/// Runs the import trial from this workspace (the current directory); 1 when a service
/// failed.
fn import_trial(options: &import::trial::Options) -> Result<ExitCode, ExitCode> {
    let workspace = std::env::current_dir().map_err(|e| {
        err(&format!("error: cannot read the current directory: {e}"));
        ExitCode::from(2)
    })?;
    // The trial takes minutes: each line is printed as it comes. A stdout that fails stops
    // nothing, but the exit code says so at the end.
    let mut failed_output = None;
    let mut say = |line: &str| {
        if let Err(code) = out(line) {
            failed_output.get_or_insert(code);
        }
    };
    let outcomes = import::trial::run(&workspace, options, &mut say).map_err(|e| {
        err(&format!("error: import-trial: {e}"));
        ExitCode::from(2)
    })?;
    let summary = import::trial::summary(&outcomes, options.compile);
    let all_passed = outcomes
        .iter()
        .all(|o| o.stage == import::trial::Stage::Passed);
    if all_passed {
        say(&summary);
    } else {
        err(&format!("error: {summary}"));
    }
    if let Some(code) = failed_output {
        return Err(code);
    }
    Ok(if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Diffs `api-spec/` at `base` with the working tree's.
fn compare(base: &str) -> Result<(SpecDiff, report::Sides), ExitCode> {
    let copy = git::spec_at(Path::new("."), base).map_err(|e| {
        err(&format!("error: {e}"));
        ExitCode::from(2)
    })?;
    let short: String = copy.commit.chars().take(12).collect();
    let label = if short.starts_with(base) {
        short
    } else {
        format!("{base} ({short})")
    };
    let old = load(&copy.spec_dir()).map_err(|d| {
        err(&git::render_at_revision(&d, copy.root(), base));
        err(&format!("error: the spec at {base} does not load"));
        ExitCode::from(2)
    })?;
    let new = load_working_tree()?;
    let sides = report::Sides {
        base: label,
        head: "working tree".to_owned(),
    };
    Ok((diff::diff(&old, &new), sides))
}

fn load(dir: &Path) -> Result<Crate, Diagnostics> {
    let set = spec::load(dir)?;
    ir::lower(&set)
}

fn load_working_tree() -> Result<Crate, ExitCode> {
    load(Path::new(SPEC_DIR)).map_err(|d| {
        err(&d.render_fancy());
        err("error: the working tree's spec does not load");
        ExitCode::from(2)
    })
}
