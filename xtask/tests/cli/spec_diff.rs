//! `cargo xtask spec-diff` and `cargo xtask codegen --bump` end to end, in a temporary git
//! repository holding the test spec (`xtask/tests/fixtures/workspace/`) and its generated crate.

use std::path::Path;
use std::process::Command;

use crate::common::{Closed, copy_dir, fixture_spec, fixture_workspace, git, with_closed, xtask};

/// A repository with one commit of the test spec and its generated crate.
fn repository() -> tempfile::TempDir {
    let dir = fixture_workspace();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    dir
}

const PLACE: &str = "api-spec/shop/orders/place_order.yaml";
const LIST: &str = "api-spec/shop/orders/list_orders.yaml";

fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {file}");
    std::fs::write(path, text.replace(from, to)).expect("write");
}

/// One breaking and one compatible change.
fn edit(root: &Path) {
    replace(
        root,
        PLACE,
        "      max_length: 16\n",
        "      max_length: 12\n",
    );
    replace(
        root,
        LIST,
        "path: /api/order/list",
        "path: /api/v2/order/list",
    );
}

#[test]
fn reports_in_text_markdown_and_json_with_exit_codes() {
    let repo = repository();
    let root = repo.path();

    let (code, stdout, stderr) = xtask(root, &["spec-diff", "--fail-on-breaking"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("\nno semantic changes\n"), "{stdout}");
    assert!(
        stdout.ends_with("summary: no changes; bindery stays 0.1.0\n"),
        "{stdout}"
    );

    edit(root);
    let (code, stdout, stderr) = xtask(root, &["spec-diff"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("spec-diff: HEAD ("), "{stdout}");
    assert!(
        stdout.contains(
            "\n  placeOrder (api-spec/shop/orders/place_order.yaml)\n    breaking    request field `code`: max_length 16 → 12: `bindery::shop::orders::PlaceOrderRequest.code` now refuses values it accepted: requests that passed before can fail with `Error::InvalidRequest` before anything is sent\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "    compatible  path: the Rust API is unchanged\n                wire: requests go to `/api/v2/order/list` instead of `/api/order/list`\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.ends_with(
            "summary: 1 breaking, 1 compatible → major bump: bindery 0.1.0 → 0.2.0 (breaking; before 1.0 that moves the minor number)\n"
        ),
        "{stdout}"
    );

    let (code, _, stderr) = xtask(root, &["spec-diff", "--fail-on-breaking"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "error: 1 breaking change(s) since HEAD\n");

    let (code, stdout, _) = xtask(root, &["spec-diff", "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("### Spec changes: `HEAD ("), "{stdout}");
    assert!(
        stdout
            .contains("| **breaking** | `placeOrder` | request field `code`: max_length 16 → 12 |"),
        "{stdout}"
    );

    let (code, stdout, _) = xtask(root, &["spec-diff", "--format", "json", "--base", "HEAD"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(json["format"], 1);
    assert_eq!(json["head"], "working tree");
    assert_eq!(json["summary"]["breaking"], 1);
    assert_eq!(json["summary"]["compatible"], 1);
    assert_eq!(json["summary"]["bump"], "major");
    assert_eq!(json["summary"]["version"]["next"], "0.2.0");
    let kinds: Vec<(&str, &str, &str)> = json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["provider"].as_str().unwrap_or_default(),
                c["kind"].as_str().unwrap_or_default(),
                c["verdict"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("shop", "path_changed", "compatible"),
            ("shop", "constraint_tightened", "breaking"),
        ]
    );
    assert_eq!(json["changes"][1]["endpoint"]["method"], "place_order");

    // Nothing was checked out or written: the working tree has exactly the two edits.
    let status = git(root, &["status", "--porcelain"]);
    assert_eq!(
        status,
        format!(" M {LIST}\n M {PLACE}\n"),
        "spec-diff must not touch the tree"
    );
}

#[test]
fn any_revision_can_be_the_base_and_formatting_is_no_change() {
    let repo = repository();
    let root = repo.path();
    edit(root);
    git(root, &["commit", "-q", "-am", "edit"]);
    // A comment and a re-indented list of the same file: no semantic change against HEAD.
    let path = root.join(PLACE);
    let text = std::fs::read_to_string(&path).expect("read");
    let reindented = text.replace(
        "response:\n  - name: orderId\n    type: string\n    required: true\n  - name: receipt\n    type: Receipt\n",
        "response:\n    - {required: true, name: orderId, type: \"string\"}  # same fields, other layout\n    - type: Receipt\n      name: receipt\n",
    );
    assert_ne!(reindented, text);
    std::fs::write(&path, format!("# reviewed 2026-12-01\n{reindented}")).expect("write");

    let (code, stdout, _) = xtask(root, &["spec-diff", "--fail-on-breaking"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("no semantic changes"), "{stdout}");

    let (code, stdout, _) = xtask(
        root,
        &["spec-diff", "--base", "HEAD~1", "--fail-on-breaking"],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("max_length 16 → 12"), "{stdout}");
}

#[test]
fn bad_revisions_and_broken_specs_exit_2_with_located_errors() {
    let repo = repository();
    let root = repo.path();

    let (code, _, stderr) = xtask(root, &["spec-diff", "--base", "no-such-rev"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: `no-such-rev` is not a commit of this repository\n"
    );

    let (code, _, stderr) = xtask(root, &["spec-diff", "--format", "yaml"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("invalid value 'yaml'"), "{stderr}");

    // A broken working tree: the loader's diagnostics, with the working tree's paths.
    replace(root, LIST, "idempotent: true\n", "idempotent: maybe\n");
    let (code, _, stderr) = xtask(root, &["spec-diff"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("api-spec/shop/orders/list_orders.yaml:9:13"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: the working tree's spec does not load\n"),
        "{stderr}"
    );

    // A broken base: the same diagnostics, named by revision.
    git(root, &["commit", "-q", "-am", "broken"]);
    replace(root, LIST, "idempotent: maybe\n", "idempotent: true\n");
    let (code, _, stderr) = xtask(root, &["spec-diff"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("HEAD:api-spec/shop/orders/list_orders.yaml:9:13"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: the spec at HEAD does not load\n"),
        "{stderr}"
    );
}

fn version_of(root: &Path) -> (String, String) {
    let spec = std::fs::read_to_string(root.join("api-spec/crate.yaml")).expect("crate.yaml");
    let manifest = std::fs::read_to_string(root.join("generated/Cargo.toml")).expect("Cargo.toml");
    let spec = spec
        .lines()
        .find_map(|l| l.strip_prefix("version: "))
        .unwrap_or_default()
        .to_owned();
    let manifest = manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = "))
        .unwrap_or_default()
        .trim_matches('"')
        .to_owned();
    (spec, manifest)
}

#[test]
fn codegen_bump_raises_the_version_once_and_only_when_asked() {
    let repo = repository();
    let root = repo.path();
    edit(root);

    // Without --bump, codegen regenerates but leaves the version alone.
    let (code, _, stderr) = xtask(root, &["codegen"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(version_of(root), ("0.1.0".to_owned(), "0.1.0".to_owned()));

    let (code, stdout, stderr) = xtask(root, &["codegen", "--bump"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(
            "version: bindery 0.1.0 → 0.2.0 in api-spec/crate.yaml (1 breaking, 1 compatible"
        ),
        "{stdout}"
    );
    assert_eq!(version_of(root), ("0.2.0".to_owned(), "0.2.0".to_owned()));
    let (code, _, stderr) = xtask(root, &["codegen", "--check"]);
    assert_eq!(code, 0, "{stderr}");

    // Again: the bump is relative to the base, so nothing moves further.
    let (code, stdout, _) = xtask(root, &["codegen", "--bump", "--base", "HEAD"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("version: bindery 0.2.0 already covers the changes since HEAD"),
        "{stdout}"
    );
    assert_eq!(version_of(root), ("0.2.0".to_owned(), "0.2.0".to_owned()));

    // The comments of crate.yaml survive.
    let spec = std::fs::read_to_string(root.join("api-spec/crate.yaml")).expect("crate.yaml");
    assert!(
        spec.starts_with("# yaml-language-server: $schema=spec.schema.json\n"),
        "{spec}"
    );

    let (code, _, stderr) = xtask(root, &["codegen", "--check", "--bump"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = xtask(root, &["codegen", "--base", "HEAD"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn a_bad_version_is_a_located_spec_error() {
    let repo = repository();
    let root = repo.path();
    replace(
        root,
        "api-spec/crate.yaml",
        "version: 0.1.0",
        "version: one",
    );
    let (code, _, stderr) = xtask(root, &["codegen", "--check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`one` is not a semver version"), "{stderr}");
    assert!(stderr.contains("api-spec/crate.yaml:4:10"), "{stderr}");
}

#[test]
fn git_errors_are_passed_through() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture_spec(), &dir.path().join("api-spec"));
    let (code, _, stderr) = xtask(dir.path(), &["spec-diff"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a git repository"), "{stderr}");
}

#[test]
fn a_workspace_in_a_subfolder_and_symlinked_spec_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = dir.path().join("clients/bindery");
    copy_dir(&fixture_spec(), &ws.join("api-spec"));
    // An endpoint file kept in a hidden folder (the loader skips it) and linked into place.
    let orders = ws.join("api-spec/shop/orders");
    std::fs::create_dir_all(ws.join("api-spec/shop/.files")).expect("mkdir");
    std::fs::rename(
        orders.join("place_order.yaml"),
        ws.join("api-spec/shop/.files/place_order.yaml"),
    )
    .expect("move");
    std::os::unix::fs::symlink(
        "../.files/place_order.yaml",
        orders.join("place_order.yaml"),
    )
    .expect("symlink");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);

    let (code, stdout, stderr) = xtask(&ws, &["spec-diff", "--fail-on-breaking"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("no semantic changes"), "{stdout}");

    replace(
        &ws,
        PLACE,
        "      max_length: 16\n",
        "      max_length: 12\n",
    );
    let (code, stdout, _) = xtask(&ws, &["spec-diff", "--fail-on-breaking"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("max_length 16 → 12"), "{stdout}");
}

/// `cargo xtask spec-diff | head`: a closed stdout or stderr ends the output, never with a
/// panic's 101; the exit code is the documented one.
#[test]
fn a_closed_pipe_keeps_the_documented_exit_codes() {
    let dir = repository();
    edit(dir.path());
    let spec_diff = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command
            .arg("spec-diff")
            .args(args)
            .arg("--root")
            .arg(dir.path());
        command
    };
    let (code, stderr) = with_closed(&mut spec_diff(&["--format", "json"]), Closed::Stdout);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (code, _) = with_closed(&mut spec_diff(&["--fail-on-breaking"]), Closed::Both);
    assert_eq!(code, 1);
    let (code, stdout) = with_closed(&mut spec_diff(&["--base", "no-such-rev"]), Closed::Stderr);
    assert_eq!(code, 2, "{stdout}");
}
