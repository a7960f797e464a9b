//! `cargo xtask mock --provider P [--port N] [--secret-id … --secret-key …] [--credential
//! NAME=VALUE]… [--no-rate-limits]`: the mock server of one provider, for programs in other
//! languages and `curl`.
//!
//! The server is the `bindery-mock` binary (feature `cli`), built and run by cargo with the
//! arguments as given (it parses them, and `--help` is its own): xtask itself must not depend
//! on the generated crate, or a broken `generated/` would keep `cargo xtask codegen` from
//! building to fix it.

use std::process::{Command, ExitCode};

use crate::output::err;

/// The arguments, passed on to `bindery-mock` as they are.
#[derive(clap::Args)]
pub struct Args {
    /// `--provider fxiaoke|mingdao|tencent_ess [--port N] [--secret-id ID --secret-key KEY]
    /// [--credential NAME=VALUE]… [--no-rate-limits]` (`cargo xtask mock -- --help` for more).
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    args: Vec<String>,
}

/// The cargo command that builds and runs the server with `args`.
fn command(args: &Args) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(["run", "--quiet", "-p", "bindery-mock", "--features", "cli"])
        .args(["--bin", "bindery-mock", "--"])
        .args(&args.args);
    command
}

/// Builds and runs the server until it is interrupted; its exit code is this command's.
pub fn run(args: &Args) -> Result<ExitCode, ExitCode> {
    let status = command(args).status().map_err(|e| {
        err(&format!("error: cannot run cargo: {e}"));
        ExitCode::from(2)
    })?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        // Interrupted (Ctrl-C reaches the server too): the usual way to stop it.
        None => ExitCode::SUCCESS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn every_argument_reaches_the_server_as_given() {
        let given = [
            "--provider",
            "tencent_ess",
            "--port",
            "8080",
            "--secret-key",
            "k",
            "--no-rate-limits",
        ];
        let cli = Cli::parse_from(std::iter::once("mock").chain(given));
        let command = command(&cli.args);
        let sent: Vec<_> = command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let after = sent.iter().position(|a| a == "--").expect("cargo's `--`");
        assert_eq!(sent[after + 1..], given);
        assert!(
            sent.starts_with(&["run".to_owned(), "--quiet".to_owned()]),
            "{sent:?}"
        );
    }
}
