//! What every test module shares: fixture paths, copies of fixture trees to change, edits that
//! must hit exactly once, whole-report comparison, and loading a spec into the IR.

use std::fs;
use std::path::{Path, PathBuf};

use bindery_codegen::ir::{self, Crate};
use bindery_codegen::spec;

/// The loader's valid tree, which loader tests copy and break one thing in.
pub const LOADER_VALID: &str = "loader/valid";

/// A fixture folder below `codegen/tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Copies a folder recursively (without build output), e.g. a fixture tree into a temp dir.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        if entry.file_name() == "target" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A temporary copy of a fixture folder that a test may change.
pub fn copy_fixture(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(rel), dir.path());
    dir
}

/// Replaces `from`, which must occur exactly once, by `to` in the file `rel` below `root`.
#[track_caller]
pub fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).expect("read fixture file");
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` must occur once in {rel}"
    );
    fs::write(&path, text.replacen(from, to, 1)).expect("write fixture file");
}

/// A report with the temporary `root` removed from its paths.
pub fn without_root(report: &str, root: &Path) -> String {
    let prefix = format!("{}{}", root.display(), std::path::MAIN_SEPARATOR);
    report.replace(&prefix, "")
}

/// Compares a report line by line so that a mismatch shows the whole report.
#[track_caller]
pub fn assert_report(actual: &str, expected: &str) {
    let expected = expected.trim_start_matches('\n').trim_end();
    assert!(
        actual == expected,
        "report differs\n--- actual ---\n{actual}\n--- expected ---\n{expected}\n"
    );
}

/// The IR of the spec in `dir`, which must load and lower.
#[track_caller]
pub fn lowered(dir: &Path) -> Crate {
    let set = spec::load(dir).unwrap_or_else(|d| panic!("{dir:?} does not load:\n{d}"));
    ir::lower(&set).unwrap_or_else(|d| panic!("{dir:?} does not lower:\n{d}"))
}
