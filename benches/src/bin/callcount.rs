//! The e-Sign call of `benches/call.rs`, made `N` times on one thread, for counting
//! instructions rather than timing: `valgrind --tool=callgrind` counts the same total for the
//! same run whatever else the machine is doing, where the timed bench moves by ±20 % between
//! runs on a 2-core machine. The difference of two counts (`N` = 1,100 and 100, say) is the
//! cost of 1,000 calls without the set-up (BENCHMARKS.md gives the commands).
//!
//! Usage: `callcount bindery|reqwest N`.

use std::process::ExitCode;

use bindery_benches::{ess, floor, server};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(side), Some(Ok(calls))) = (args.next(), args.next().map(|n| n.parse::<u32>())) else {
        eprintln!("usage: callcount bindery|reqwest N");
        return ExitCode::from(2);
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        let server = server::serve(ess::server()).await;
        let host = server.base_url.trim_start_matches("http://").to_owned();
        let request = ess::request();
        match side.as_str() {
            "bindery" => {
                let client = ess::client(&server.base_url);
                for _ in 0..calls {
                    client
                        .bind_employee_user_id_with_client_open_id(&request)
                        .await
                        .expect("the call succeeds");
                }
            }
            "reqwest" => {
                let http = reqwest::Client::new();
                for _ in 0..calls {
                    floor::ess_call(&http, &server.base_url, &host, &request)
                        .await
                        .expect("the call succeeds");
                }
            }
            _ => {
                eprintln!("usage: callcount bindery|reqwest N");
                return ExitCode::from(2);
            }
        }
        ExitCode::SUCCESS
    })
}
