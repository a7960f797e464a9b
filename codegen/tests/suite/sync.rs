//! `cargo xtask codegen` and `--check` on a temporary copy of the real workspace: the committed
//! crate is current, and check mode notices every kind of drift.

use std::path::{Path, PathBuf};

use bindery_codegen::sync::{Mode, sync};

use crate::support::copy_dir;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen sits in the workspace")
        .to_path_buf()
}

/// A temp dir holding `api-spec/` and `generated/` of this workspace.
fn copy_of_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["api-spec", "generated"] {
        copy_dir(&workspace().join(part), &dir.path().join(part));
    }
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
    let file = dir
        .path()
        .join("api-spec/fxiaoke/er/get_mapper_object_id.yaml");
    let text = std::fs::read_to_string(&file).expect("read spec");
    let edited = text.replace(
        "en: Get downstream enterprise binding information",
        "en: Get the downstream enterprise binding",
    );
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&file, edited).expect("write spec");
    let report = sync(dir.path(), Mode::Check).expect("spec loads");
    // The summary appears in the method docs and in the provider module's endpoint list.
    assert_eq!(
        report.changed,
        [
            "generated/src/fxiaoke/er/get_mapper_object_id.rs",
            "generated/src/fxiaoke/mod.rs"
        ]
    );
    assert!(report.missing.is_empty() && report.stale.is_empty());
    let message = report.check_failure();
    assert!(
        message.contains("differs generated/src/fxiaoke/er/get_mapper_object_id.rs"),
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
    std::fs::remove_file(dir.path().join("generated/src/mingdao/operations.rs")).expect("rm");
    std::fs::write(
        dir.path().join("generated/src/stray.rs"),
        "// not generated\n",
    )
    .expect("write");
    let report = sync(dir.path(), Mode::Check).expect("spec loads");
    assert_eq!(report.missing, ["generated/src/mingdao/operations.rs"]);
    assert_eq!(report.stale, ["generated/src/stray.rs"]);
    assert!(!report.is_clean());
    // Check mode changed nothing.
    assert!(dir.path().join("generated/src/stray.rs").exists());

    let written = sync(dir.path(), Mode::Write).expect("write");
    assert_eq!(written.missing, ["generated/src/mingdao/operations.rs"]);
    assert!(!dir.path().join("generated/src/stray.rs").exists());
    assert!(sync(dir.path(), Mode::Check).expect("check").is_clean());
}

#[test]
fn a_spec_error_writes_nothing() {
    let dir = copy_of_workspace();
    let file = dir
        .path()
        .join("api-spec/mingdao/user/get_user_relations.yaml");
    let text = std::fs::read_to_string(&file).expect("read spec");
    std::fs::write(
        &file,
        text.replace("idempotent: true", "idempotent: yes please"),
    )
    .expect("write");
    std::fs::remove_file(dir.path().join("generated/src/lib.rs")).expect("rm");
    let err = sync(dir.path(), Mode::Write).expect_err("spec error");
    let message = err.to_string();
    assert!(message.contains("get_user_relations.yaml:"), "{message}");
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
