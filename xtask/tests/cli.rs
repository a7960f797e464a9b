//! The `cargo xtask codegen` command line: exit codes and messages.

mod common;

use common::{copy_dir, workspace, xtask};

#[test]
fn check_passes_on_the_committed_tree_and_fails_on_drift() {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["api-spec", "generated"] {
        copy_dir(&workspace().join(part), &dir.path().join(part));
    }
    let (code, stdout, stderr) = xtask(dir.path(), &["codegen", "--check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("codegen: 3 providers, "), "{stdout}");

    std::fs::write(dir.path().join("generated/src/extra.rs"), "// stray\n").expect("write");
    let (code, _, stderr) = xtask(dir.path(), &["codegen", "--check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("stale   generated/src/extra.rs"),
        "{stderr}"
    );
    assert!(stderr.contains("run `cargo xtask codegen`"), "{stderr}");

    let (code, stdout, stderr) = xtask(dir.path(), &["codegen"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("1 removed"), "{stdout}");
    let (code, _, stderr) = xtask(dir.path(), &["codegen", "--check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_spec_mistake_exits_2_with_its_location() {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["api-spec", "generated"] {
        copy_dir(&workspace().join(part), &dir.path().join(part));
    }
    let file = dir
        .path()
        .join("api-spec/tencent_ess/bind_employee_user_id_with_client_open_id.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replacen("method: POST", "methd: POST", 1)).expect("write");
    let (code, _, stderr) = xtask(dir.path(), &["codegen"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("bind_employee_user_id_with_client_open_id.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("methd"), "{stderr}");
}
