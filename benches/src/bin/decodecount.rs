//! The decoding of `benches/decode.rs`, done `N` times, for counting instructions rather than
//! timing (`valgrind --tool=callgrind`, as `callcount`): the timed bench moves by ±20 %
//! between runs on a 2-core machine, an instruction count does not. The difference of two
//! counts (`N` = 11 and 1, say) is the cost of 10 decodings of the 1,000-record page without
//! making the page (BENCHMARKS.md gives the commands).
//!
//! Usage: `decodecount bindery|typed|value N`.

use std::hint::black_box;
use std::process::ExitCode;

use bindery::fxiaoke::crm::DataQueryResponse;
use bindery::fxiaoke::operations::DATA_QUERY;
use bindery_benches::crm;
use serde_json::Value;

const USAGE: &str = "usage: decodecount bindery|typed|value N";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(side), Some(Ok(times))) = (args.next(), args.next().map(|n| n.parse::<u32>())) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let body = crm::page(0, 1000, 1000);
    for _ in 0..times {
        let records = match side.as_str() {
            "bindery" => {
                bindery_runtime::decode_response::<DataQueryResponse>(
                    &DATA_QUERY,
                    200,
                    black_box(&body),
                )
                .expect("the page decodes")
                .data
                .data_list
                .len()
            }
            "typed" => serde_json::from_slice::<DataQueryResponse>(black_box(&body))
                .expect("typed")
                .data
                .data_list
                .len(),
            "value" => serde_json::from_slice::<Value>(black_box(&body))
                .expect("value")["data"]["dataList"]
                .as_array()
                .map_or(0, Vec::len),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        };
        assert_eq!(records, 1000, "every record decoded");
    }
    ExitCode::SUCCESS
}
