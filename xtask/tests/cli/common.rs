//! What the command-line test modules share: the workspace, copying parts of it, running xtask.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace this xtask belongs to.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the workspace")
        .to_path_buf()
}

/// Copies a folder (without build output).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        if entry.file_name() == "target" {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// A temporary folder holding a copy of the workspace's `api-spec/` and `generated/`.
pub fn spec_and_generated_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["api-spec", "generated"] {
        copy_dir(&workspace().join(part), &dir.path().join(part));
    }
    dir
}

/// The test spec, `xtask/tests/fixtures/workspace/api-spec`: two small providers (`shop`,
/// Fxiaoke's protocol; `sign`, Tencent Cloud's). Tests that edit a spec or expect its contents
/// use it, so that a change to the real `api-spec/` (a new provider, endpoint or summary, as
/// the docs tell users to make) breaks no test.
pub fn fixture_spec() -> PathBuf {
    workspace().join("xtask/tests/fixtures/workspace/api-spec")
}

/// A temporary workspace holding a copy of the test spec and the crate (and schema)
/// `cargo xtask codegen` generates from it.
pub fn fixture_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture_spec(), &dir.path().join("api-spec"));
    let (code, stdout, stderr) = xtask(dir.path(), &["codegen"]);
    assert_eq!(code, 0, "the test spec generates: {stdout}{stderr}");
    dir
}

/// Runs `git ARGS` in `root` (as a fixed test author); its stdout. A failure fails the test.
pub fn git(root: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "user.name=spec-diff test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The command `xtask ARGS --root ROOT`, not yet run.
pub fn xtask_command(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(args).arg("--root").arg(root);
    command
}

/// Runs `xtask ARGS --root ROOT`: exit code, stdout, stderr.
pub fn xtask(root: &Path, args: &[&str]) -> (i32, String, String) {
    run(&mut xtask_command(root, args))
}

/// Runs a command to the end: exit code, stdout, stderr.
pub fn run(command: &mut Command) -> (i32, String, String) {
    let out = command.output().expect("xtask runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Which of the child's output streams is a pipe nobody reads.
#[derive(Clone, Copy, PartialEq)]
pub enum Closed {
    /// Only stdout; stderr is captured.
    Stdout,
    /// Only stderr; stdout is captured.
    Stderr,
    /// Both; stdout is captured (as nothing).
    Both,
}

/// Runs `command` with stdout and/or stderr connected to a pipe whose read end is closed
/// before the child starts, so its first write fails with a broken pipe (no timing
/// involved); the other stream is captured. Exit code and the captured stream.
pub fn with_closed(command: &mut Command, closed: Closed) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    if closed != Closed::Stderr {
        command.stdout(writer.try_clone().expect("clone pipe"));
    }
    if closed != Closed::Stdout {
        command.stderr(writer.try_clone().expect("clone pipe"));
    }
    drop(writer);
    let out = command.output().expect("xtask runs");
    let captured = if closed == Closed::Stdout {
        out.stderr
    } else {
        out.stdout
    };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&captured).into_owned(),
    )
}
