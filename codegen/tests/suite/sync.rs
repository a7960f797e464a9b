//! `cargo xtask codegen` and `--check`: the committed crate is current (whatever the real spec
//! holds), and check mode notices every kind of drift in a workspace generated from the
//! spec-diff fixture (`tests/fixtures/diff`), whose contents change only with the tests.

use std::path::{Path, PathBuf};

use bindery_codegen::sync::{Mode, sync};

use crate::support::{self, copy_dir};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits in the workspace")
        .to_path_buf()
}

/// A temp dir holding the fixture spec as `api-spec/` and the `generated/` written from it.
fn copy_of_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&support::fixture("diff"), &dir.path().join("api-spec"));
    let written = sync(dir.path(), Mode::Write).expect("the fixture loads");
    assert!(!written.missing.is_empty());
    assert!(sync(dir.path(), Mode::Check).expect("check").is_clean());
    dir
}

#[test]
fn committed_generated_crate_is_current() {
    let report = sync(&workspace(), Mode::Check).expect("spec loads");
    assert!(report.is_clean(), "{}", report.check_failure());
}

#[test]
fn check_reports_a_changed_spec() {
    let dir = copy_of_workspace();
    let file = dir.path().join("api-spec/shop/orders/place_order.yaml");
    let text = std::fs::read_to_string(&file).expect("read spec");
    let edited = text.replace("en: Places an order", "en: Places one order");
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&file, edited).expect("write spec");
    let report = sync(dir.path(), Mode::Check).expect("spec loads");
    // The summary appears in the method docs and in the provider module's endpoint list.
    assert_eq!(
        report.changed,
        [
            "generated/src/shop/mod.rs",
            "generated/src/shop/orders/place_order.rs"
        ]
    );
    assert!(report.missing.is_empty() && report.stale.is_empty());
    let message = report.check_failure();
    assert!(
        message.contains("differs generated/src/shop/orders/place_order.rs"),
        "{message}"
    );
    assert!(
        message.ends_with("run `cargo xtask codegen` and commit the result"),
        "{message}"
    );
}

#[test]
fn check_reports_missing_and_stale_files_and_write_repairs_them() {
    let dir = copy_of_workspace();
    std::fs::remove_file(dir.path().join("generated/src/shop/operations.rs")).expect("rm");
    std::fs::write(
        dir.path().join("generated/src/stray.rs"),
        "// not generated\n",
    )
    .expect("write");
    let report = sync(dir.path(), Mode::Check).expect("spec loads");
    assert_eq!(report.missing, ["generated/src/shop/operations.rs"]);
    assert_eq!(report.stale, ["generated/src/stray.rs"]);
    assert!(!report.is_clean());
    // Check mode changed nothing.
    assert!(dir.path().join("generated/src/stray.rs").exists());

    let written = sync(dir.path(), Mode::Write).expect("write");
    assert_eq!(written.missing, ["generated/src/shop/operations.rs"]);
    assert!(!dir.path().join("generated/src/stray.rs").exists());
    assert!(sync(dir.path(), Mode::Check).expect("check").is_clean());
}

#[test]
fn a_spec_error_writes_nothing() {
    let dir = copy_of_workspace();
    let file = dir.path().join("api-spec/shop/orders/list_orders.yaml");
    let text = std::fs::read_to_string(&file).expect("read spec");
    std::fs::write(
        &file,
        text.replace("idempotent: true", "idempotent: yes please"),
    )
    .expect("write");
    std::fs::remove_file(dir.path().join("generated/src/lib.rs")).expect("rm");
    let err = sync(dir.path(), Mode::Write).expect_err("spec error");
    let message = err.to_string();
    assert!(message.contains("list_orders.yaml:"), "{message}");
    assert!(
        !dir.path().join("generated/src/lib.rs").exists(),
        "nothing written"
    );
}

#[test]
fn two_runs_give_identical_bytes() {
    let (_, first) = bindery_codegen::sync::outputs(&workspace()).expect("outputs");
    let (_, second) = bindery_codegen::sync::outputs(&workspace()).expect("outputs");
    assert_eq!(first, second);
}
