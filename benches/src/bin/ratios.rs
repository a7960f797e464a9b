//! Prints the suite's ratios from the last `cargo bench -p bindery-benches`:
//! `cargo run -p bindery-benches --bin ratios`.

fn main() {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(
            || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"),
            std::path::PathBuf::from,
        )
        .join("criterion");
    print!("{}", bindery_benches::report::table(&dir));
}
