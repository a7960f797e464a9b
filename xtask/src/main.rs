//! bindery's developer commands.
//!
//! - `cargo xtask codegen`: regenerate `generated/` and `api-spec/spec.schema.json` from
//!   `api-spec/`.
//! - `cargo xtask codegen --check`: change nothing; fail, listing the files, when they are not
//!   what the spec produces.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bindery_codegen::sync::{self, CodegenError, Mode};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "bindery developer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate the `bindery` crate from `api-spec/`.
    Codegen {
        /// Change nothing; exit non-zero when generated files are out of date.
        #[arg(long)]
        check: bool,
        /// Workspace root (default: the one this xtask belongs to).
        #[arg(long, hide = true)]
        root: Option<PathBuf>,
    },
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Codegen { check, root } => codegen(root, check),
    }
}

fn codegen(root: Option<PathBuf>, check: bool) -> ExitCode {
    let root = root.unwrap_or_else(workspace_root);
    // Run from the workspace root so every path in a diagnostic is `api-spec/...`.
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::from(2);
    }
    let mode = if check { Mode::Check } else { Mode::Write };
    match sync::sync(Path::new("."), mode) {
        Ok(report) => {
            println!("{}", report.summary(mode));
            if mode == Mode::Check && !report.is_clean() {
                eprintln!("{}", report.check_failure());
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(CodegenError::Spec(diagnostics)) => {
            eprintln!("{}", diagnostics.render_fancy());
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
