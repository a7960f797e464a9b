//! The budget check on small fake workspaces in temporary folders.

use std::path::Path;

use super::{Finding, check};

/// Writes `files` (path relative to the root, contents) under a new temporary folder that
/// already has the three checked `src` folders with an empty crate root each.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in [
        ("codegen/src/lib.rs", ""),
        ("runtime/src/lib.rs", ""),
        ("xtask/src/main.rs", "fn main() {}\n"),
        ("mock/src/lib.rs", ""),
    ]
    .iter()
    .chain(files)
    {
        write(dir.path(), path, text);
    }
    dir
}

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().expect("a parent")).expect("mkdir");
    std::fs::write(file, text).expect("write");
}

fn findings(root: &Path) -> Vec<Finding> {
    check(root).expect("the check runs").findings
}

/// A function whose body has `body` lines, so `body + 2` in all.
fn function(name: &str, body: usize) -> String {
    format!("fn {name}() {{\n{}}}\n", "    let _ = 1;\n".repeat(body))
}

#[test]
fn an_empty_tree_is_within_budget() {
    let dir = tree(&[]);
    let report = check(dir.path()).expect("the check runs");
    assert_eq!(report.findings, []);
    assert!(
        report.summary().starts_with("budget: within budget"),
        "{}",
        report.summary()
    );
}

#[test]
fn a_function_of_121_lines_is_over_and_one_of_120_is_not() {
    let text = format!(
        "//! doc\n\n{}\n/// docs are not counted\n{}",
        function("fits", 118),
        function("too_long", 119)
    );
    let dir = tree(&[("runtime/src/lib.rs", &text)]);
    let found = findings(dir.path());
    assert_eq!(
        found,
        [Finding {
            file: "runtime/src/lib.rs".into(),
            line: 125,
            message: "fn `too_long` has 121 lines (limit 120)".into(),
        }]
    );
}

#[test]
fn methods_and_nested_functions_are_measured_too() {
    let text = format!(
        "struct S;\nimpl S {{\n    fn outer() {{\n{}    }}\n}}\n",
        function("nested", 125)
    );
    let dir = tree(&[("codegen/src/lib.rs", &text)]);
    let messages: Vec<String> = findings(dir.path())
        .into_iter()
        .map(|f| format!("{}:{}", f.line, f.message))
        .collect();
    assert_eq!(
        messages,
        [
            "3:fn `S::outer` has 129 lines (limit 120)",
            "4:fn `nested` has 127 lines (limit 120)"
        ]
    );
}

#[test]
fn long_source_and_test_files_are_over_but_fixtures_and_generated_are_not() {
    let long = "// line\n".repeat(601);
    let very_long = "// line\n".repeat(1001);
    let dir = tree(&[
        ("xtask/src/long.rs", &long),
        ("codegen/tests/fits.rs", &long),
        ("runtime/tests/suite/long.rs", &very_long),
        ("codegen/tests/fixtures/data.rs", &very_long),
        ("generated/tests/big.rs", &very_long),
        ("target/debug/tests/x.rs", &very_long),
    ]);
    let found: Vec<String> = findings(dir.path())
        .iter()
        .map(Finding::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "xtask/src/long.rs:1: source file has 601 lines (limit 600)",
            "runtime/tests/suite/long.rs:1: test file has 1001 lines (limit 1000)",
        ]
    );
}

#[test]
fn siblings_using_each_other_are_a_circle_with_an_edge_per_step() {
    let dir = tree(&[
        ("runtime/src/lib.rs", "mod a;\nmod b;\nmod c;\n"),
        ("runtime/src/a.rs", "use crate::b::B;\npub struct A;\n"),
        (
            "runtime/src/b.rs",
            "pub struct B;\nfn f() -> super::c::C { todo!() }\n",
        ),
        (
            "runtime/src/c.rs",
            "pub struct C;\nfn g(_: crate::a::A) {}\n",
        ),
    ]);
    let found = findings(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].to_string(),
        "runtime/src/a.rs:1: import circle between 3 modules of runtime/src: `a`, `b`, `c`\n    \
         runtime/src/a.rs:1: `a` uses `b` (crate::b::B)\n    \
         runtime/src/b.rs:2: `b` uses `c` (crate::c::C)\n    \
         runtime/src/c.rs:2: `c` uses `a` (crate::a::A)"
    );
}

#[test]
fn the_other_edges_of_a_component_are_listed_after_its_circle() {
    let dir = tree(&[
        ("runtime/src/lib.rs", "mod a;\nmod b;\nmod c;\n"),
        ("runtime/src/a.rs", "use crate::b::B;\npub struct A;\n"),
        ("runtime/src/b.rs", "use crate::a::A;\npub struct B;\n"),
        (
            "runtime/src/c.rs",
            "use crate::a::A;\nuse crate::b::B;\npub struct C;\n",
        ),
    ]);
    let found = findings(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    // `c` uses both but nobody uses `c`: it is not in the component.
    assert_eq!(
        found[0].message,
        "import circle between 2 modules of runtime/src: `a`, `b`\n    \
         runtime/src/a.rs:1: `a` uses `b` (crate::b::B)\n    \
         runtime/src/b.rs:1: `b` uses `a` (crate::a::A)"
    );

    write(
        dir.path(),
        "runtime/src/a.rs",
        "use crate::b::B;\nuse crate::c::C;\npub struct A;\n",
    );
    let found = findings(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "import circle between 3 modules of runtime/src: `a`, `b`, `c`\n    \
         runtime/src/a.rs:1: `a` uses `b` (crate::b::B)\n    \
         runtime/src/b.rs:1: `b` uses `a` (crate::a::A)\n    \
         also runtime/src/a.rs:2: `a` uses `c` (crate::c::C)\n    \
         also runtime/src/c.rs:1: `c` uses `a` (crate::a::A)\n    \
         also runtime/src/c.rs:2: `c` uses `b` (crate::b::B)"
    );
}

#[test]
fn a_child_using_its_parent_is_no_circle() {
    let dir = tree(&[
        ("codegen/src/lib.rs", "pub mod p;\npub struct Error;\n"),
        (
            "codegen/src/p/mod.rs",
            "mod c;\npub use c::Thing;\npub fn helper() {}\n",
        ),
        (
            "codegen/src/p/c.rs",
            "use super::helper;\nuse crate::Error;\npub struct Thing;\n\
             fn f() { super::helper(); crate::p::helper(); }\n",
        ),
    ]);
    assert_eq!(findings(dir.path()), []);
}

#[test]
fn inline_test_modules_are_children_and_relative_paths_resolve() {
    let dir = tree(&[
        ("xtask/src/main.rs", "mod a;\nmod b;\nfn main() {}\n"),
        // `a`'s tests use `b`, and `b` uses `a`: the tests are a child of `a`, no circle.
        (
            "xtask/src/a.rs",
            "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::b::g;\n}\n",
        ),
        ("xtask/src/b.rs", "pub fn g() { crate::a::f(); }\n"),
    ]);
    assert_eq!(findings(dir.path()), []);

    // A path through a child module's name (`b::g` in the root, `x::y::h` in `a`) is an
    // edge of the module it is written in, and `super::super` climbs out of inline modules:
    // `a` re-exports from `a::x::y`, which uses `b`, which uses `a`.
    let dir = tree(&[
        (
            "xtask/src/main.rs",
            "mod a;\nmod b;\nfn main() { b::g(); }\n",
        ),
        (
            "xtask/src/a.rs",
            "pub fn f() {}\npub use x::y::h;\nmod x {\n    pub mod y {\n        pub fn h() {}\n        \
             use super::super::super::b::g;\n    }\n}\n",
        ),
        ("xtask/src/b.rs", "pub fn g() { crate::a::f(); }\n"),
    ]);
    let found = findings(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("xtask/src/a.rs:6: `a::x::y` uses `b` (crate::b::g)"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_file_that_does_not_parse_is_an_error_naming_it() {
    let dir = tree(&[("codegen/src/lib.rs", "fn (")]);
    let error = check(dir.path()).expect_err("a parse error");
    assert!(
        error.0.starts_with("codegen/src/lib.rs:1: cannot parse"),
        "{error}"
    );
}
