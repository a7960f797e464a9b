//! `bindery-mock --provider P [--port N] [--credential NAME=VALUE]…`: the mock server of one
//! provider from the command line (`cargo xtask mock` runs it), for programs in any language
//! and `curl`. Prints the base URL, then one line per request with its verdict, until
//! interrupted.

use std::net::SocketAddr;
use std::process::ExitCode;

use bindery_mock::MockServer;
use bindery_runtime::served::ServedProvider;
use clap::Parser;
use clap::builder::PossibleValuesParser;

#[derive(Parser)]
#[command(
    about = "Serve one bindery provider as its vendor would, checking signatures, tokens and the spec"
)]
struct Args {
    /// The provider, as `bindery` names it.
    #[arg(long, value_parser = PossibleValuesParser::new(provider_names()))]
    provider: String,
    /// The port on 127.0.0.1 (0: a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Tencent Cloud: the key id checked (the `secret_id` credential).
    #[arg(long)]
    secret_id: Option<String>,
    /// Tencent Cloud: the key signatures are checked with (the `secret_key` credential).
    #[arg(long)]
    secret_key: Option<String>,
    /// Any credential the vendor checks, as NAME=VALUE (repeatable).
    #[arg(long = "credential", value_name = "NAME=VALUE")]
    credentials: Vec<String>,
    /// Do not refuse requests over the spec's rate limits.
    #[arg(long)]
    no_rate_limits: bool,
}

/// The provider named `name`, among those `bindery` was built with.
fn provider(name: &str) -> Option<&'static ServedProvider> {
    bindery::MOCK_PROVIDERS
        .iter()
        .copied()
        .find(|served| served.provider == name)
}

/// The names [`provider`] knows.
fn provider_names() -> Vec<&'static str> {
    bindery::MOCK_PROVIDERS.iter().map(|p| p.provider).collect()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = Args::parse();
    let Some(provider) = provider(&args.provider) else {
        // Unreachable while clap checks the value against the same names.
        eprintln!(
            "error: no provider `{}` (there are: {})",
            args.provider,
            provider_names().join(", ")
        );
        return ExitCode::from(2);
    };
    let mut builder = MockServer::builder(provider)
        .address(SocketAddr::from(([127, 0, 0, 1], args.port)))
        .rate_limits(!args.no_rate_limits)
        // Each request is printed as it comes; a server that runs for days keeps none.
        .journal_limit(0)
        .observe(|entry| {
            let operation = entry.operation.unwrap_or("(no endpoint)");
            println!(
                "{} {} {operation} {}",
                entry.method, entry.path, entry.verdict
            );
        });
    let named = [
        ("secret_id", args.secret_id),
        ("secret_key", args.secret_key),
    ];
    for (name, value) in named {
        if let Some(value) = value {
            builder = builder.credential(name, value);
        }
    }
    for pair in &args.credentials {
        let Some((name, value)) = pair.split_once('=') else {
            eprintln!("error: --credential takes NAME=VALUE, not `{pair}`");
            return ExitCode::from(2);
        };
        builder = builder.credential(name, value);
    }
    let server = match builder.start().await {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    println!("{} mock listening on {}", args.provider, server.uri());
    println!("credentials checked: {server:?}");
    if tokio::signal::ctrl_c().await.is_err() {
        eprintln!("error: cannot wait for Ctrl-C");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
