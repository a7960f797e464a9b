//! `cargo xtask budget` end to end: exit codes and the `file:line` of each finding.

use std::path::Path;

use crate::common::xtask;

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().expect("a parent")).expect("mkdir");
    std::fs::write(file, text).expect("write");
}

/// The four checked `src` folders with a crate root each.
fn crates() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "codegen/src/lib.rs", "");
    write(dir.path(), "runtime/src/lib.rs", "");
    write(dir.path(), "mock/src/lib.rs", "");
    write(dir.path(), "xtask/src/main.rs", "fn main() {}\n");
    dir
}

#[test]
fn within_budget_exits_0_and_over_budget_exits_1_naming_file_and_line() {
    let dir = crates();
    let (code, stdout, stderr) = xtask(dir.path(), &["budget"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("budget: within budget ("), "{stdout}");

    write(dir.path(), "runtime/src/lib.rs", "mod a;\nmod b;\n");
    write(
        dir.path(),
        "runtime/src/a.rs",
        "use crate::b::B;\npub struct A;\n",
    );
    write(
        dir.path(),
        "runtime/src/b.rs",
        "use crate::a::A;\npub struct B;\n",
    );
    write(
        dir.path(),
        "codegen/tests/big.rs",
        &"// line\n".repeat(1001),
    );
    let (code, stdout, stderr) = xtask(dir.path(), &["budget"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("codegen/tests/big.rs:1: test file has 1001 lines (limit 1000)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "runtime/src/a.rs:1: import circle between 2 modules of runtime/src: `a`, `b`\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("budget: 2 finding(s) over budget (6 source files, 1 test files, 1 functions, 6 modules)\n"),
        "{stdout}"
    );
}

#[test]
fn a_file_that_cannot_be_parsed_exits_2() {
    let dir = crates();
    write(dir.path(), "xtask/src/main.rs", "fn main( {}\n");
    let (code, stdout, stderr) = xtask(dir.path(), &["budget"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.starts_with("error: xtask/src/main.rs:1: cannot parse"),
        "{stderr}"
    );
}
