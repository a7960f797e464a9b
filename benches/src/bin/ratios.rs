//! Prints the suite's ratios from the last `cargo bench -p bindery-benches`:
//! `cargo run -p bindery-benches --bin ratios [-- --baseline NAME]`, `NAME` being a baseline
//! saved with `cargo bench -p bindery-benches -- --save-baseline NAME` (default: the last
//! run).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let baseline = match args.as_slice() {
        [] => "new",
        [flag, name] if flag == "--baseline" => name,
        _ => {
            eprintln!("usage: ratios [--baseline NAME]");
            std::process::exit(2);
        }
    };
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"),
            std::path::PathBuf::from,
        )
        .join("criterion");
    print!("{}", bindery_benches::report::table(&dir, baseline));
}
