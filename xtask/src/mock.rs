//! `cargo xtask mock --provider P [--port N] [--secret-id … --secret-key …] [--credential
//! NAME=VALUE]… [--no-rate-limits]`: the mock server of one provider, for programs in other
//! languages and `curl`.
//!
//! The server is the `bindery-mock` binary (feature `cli`), built and run by cargo: xtask
//! itself must not depend on the generated crate, or a broken `generated/` would keep
//! `cargo xtask codegen` from building to fix it.

use std::process::{Command, ExitCode};

use crate::output::err;

/// The arguments, passed on to `bindery-mock` as they are.
#[derive(clap::Args)]
pub struct Args {
    /// The provider: fxiaoke, mingdao or tencent_ess.
    #[arg(long)]
    provider: String,
    /// The port on 127.0.0.1 (default: a free one, printed).
    #[arg(long)]
    port: Option<u16>,
    /// Tencent Cloud: the key id checked.
    #[arg(long)]
    secret_id: Option<String>,
    /// Tencent Cloud: the key signatures are checked with.
    #[arg(long)]
    secret_key: Option<String>,
    /// Any credential the vendor checks, as NAME=VALUE (repeatable).
    #[arg(long = "credential", value_name = "NAME=VALUE")]
    credentials: Vec<String>,
    /// Do not refuse requests over the spec's rate limits.
    #[arg(long)]
    no_rate_limits: bool,
}

impl Args {
    /// The server's own command line.
    fn forwarded(&self) -> Vec<String> {
        let mut out = vec!["--provider".to_owned(), self.provider.clone()];
        let mut pair = |flag: &str, value: Option<String>| {
            if let Some(value) = value {
                out.extend([flag.to_owned(), value]);
            }
        };
        pair("--port", self.port.map(|port| port.to_string()));
        pair("--secret-id", self.secret_id.clone());
        pair("--secret-key", self.secret_key.clone());
        for credential in &self.credentials {
            out.extend(["--credential".to_owned(), credential.clone()]);
        }
        if self.no_rate_limits {
            out.push("--no-rate-limits".to_owned());
        }
        out
    }
}

/// Builds and runs the server until it is interrupted; its exit code is this command's.
pub fn run(args: &Args) -> Result<ExitCode, ExitCode> {
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "run",
            "--quiet",
            "-p",
            "bindery-mock",
            "--features",
            "cli",
            "--bin",
            "bindery-mock",
            "--",
        ])
        .args(args.forwarded())
        .status()
        .map_err(|e| {
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
    fn every_flag_is_passed_on() {
        let cli = Cli::parse_from([
            "mock",
            "--provider",
            "tencent_ess",
            "--port",
            "8080",
            "--secret-id",
            "AKID1",
            "--secret-key",
            "k",
            "--credential",
            "session_token=t",
            "--no-rate-limits",
        ]);
        assert_eq!(
            cli.args.forwarded(),
            [
                "--provider",
                "tencent_ess",
                "--port",
                "8080",
                "--secret-id",
                "AKID1",
                "--secret-key",
                "k",
                "--credential",
                "session_token=t",
                "--no-rate-limits",
            ]
        );
    }
}
