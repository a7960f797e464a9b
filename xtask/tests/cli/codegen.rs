//! The `cargo xtask codegen` command line: exit codes and messages.

use std::path::Path;
use std::process::Command;

use crate::common::{
    Closed, fixture_workspace, run, spec_and_generated_copy, with_closed, workspace, xtask,
    xtask_command as xtask_in,
};

/// How many providers a spec folder has: its subfolders with a `provider.yaml`.
fn provider_count(spec: &Path) -> usize {
    std::fs::read_dir(spec)
        .expect("read api-spec")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("provider.yaml").is_file())
        .count()
}

/// The committed tree is current, and the summary counts what the spec holds, whatever that
/// is (adding a provider as `api-spec/README.md` says must not fail this test).
#[test]
fn check_passes_on_the_committed_tree() {
    let dir = spec_and_generated_copy();
    let (code, stdout, stderr) = xtask(dir.path(), &["codegen", "--check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let providers = provider_count(&dir.path().join("api-spec"));
    assert!(providers > 0);
    assert!(
        stdout.starts_with(&format!("codegen: {providers} providers, ")),
        "{stdout}"
    );
}

#[test]
fn check_fails_on_drift_and_codegen_repairs_it() {
    let dir = fixture_workspace();
    let (code, stdout, stderr) = xtask(dir.path(), &["codegen", "--check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.starts_with("codegen: 2 providers, 8 endpoints, 4 types; "),
        "{stdout}"
    );

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
    let dir = fixture_workspace();
    let file = dir.path().join("api-spec/sign/create_seal.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replacen("method: POST", "methd: POST", 1)).expect("write");
    let (code, _, stderr) = xtask(dir.path(), &["codegen"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("api-spec/sign/create_seal.yaml:"),
        "{stderr}"
    );
    assert!(stderr.contains("methd"), "{stderr}");
}

// -------------------------------------------------------------------------------------------
// Closed output streams (`cargo xtask codegen 2>&1 | head`)
// -------------------------------------------------------------------------------------------

/// The test spec and its generated crate, with a `Cargo.toml` so that it is found as a
/// workspace.
fn workspace_copy() -> tempfile::TempDir {
    let dir = fixture_workspace();
    std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\n").expect("write");
    std::fs::create_dir(dir.path().join("xtask")).expect("mkdir");
    dir
}

#[test]
fn a_closed_stdout_or_stderr_ends_the_output_quietly_with_the_documented_code() {
    let dir = workspace_copy();

    // The summary line goes to a closed stdout: still success, and no panic on stderr.
    let (code, stderr) = with_closed(
        &mut xtask_in(dir.path(), &["codegen", "--check"]),
        Closed::Stdout,
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // Drift, reported on a closed stderr (and the summary on a closed stdout): still 1.
    std::fs::write(dir.path().join("generated/src/extra.rs"), "// stray\n").expect("write");
    let (code, _) = with_closed(
        &mut xtask_in(dir.path(), &["codegen", "--check"]),
        Closed::Both,
    );
    assert_eq!(code, 1);
    std::fs::remove_file(dir.path().join("generated/src/extra.rs")).expect("remove");

    // A spec error's listing goes to a closed stderr: still 2.
    let file = dir.path().join("api-spec/sign/create_seal.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replacen("method: POST", "methd: POST", 1)).expect("write");
    let (code, stdout) = with_closed(&mut xtask_in(dir.path(), &["codegen"]), Closed::Stderr);
    assert_eq!(code, 2, "{stdout}");

    // clap's own output: help on a closed stdout is 0, a usage error on a closed stderr 2.
    let mut help = Command::new(env!("CARGO_BIN_EXE_xtask"));
    help.arg("--help");
    assert_eq!(with_closed(&mut help, Closed::Stdout).0, 0);
    let mut usage = Command::new(env!("CARGO_BIN_EXE_xtask"));
    usage.args(["codegen", "--no-such-flag"]);
    assert_eq!(with_closed(&mut usage, Closed::Stderr).0, 2);
}

// -------------------------------------------------------------------------------------------
// Which workspace
// -------------------------------------------------------------------------------------------

/// Changes an endpoint's summary in a copy, so a regenerated copy shows it.
fn mark(root: &Path) -> &'static str {
    let file = root.join("api-spec/shop/orders/place_order.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    let from = "  en: Places an order\n";
    assert_eq!(text.matches(from).count(), 1);
    let marker = "MARKER regenerated here";
    std::fs::write(&file, text.replacen(from, &format!("  en: {marker}\n"), 1)).expect("write");
    marker
}

fn generated_text(root: &Path) -> String {
    let mut all = String::new();
    let mut stack = vec![root.join("generated")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                all.push_str(&text);
            }
        }
    }
    all
}

/// `cargo xtask` sets `CARGO_MANIFEST_DIR` to the invoking clone's `xtask/` for the run; the
/// binary, wherever it was built, works on that clone.
#[test]
fn the_workspace_comes_from_cargo_manifest_dir_at_run_time() {
    let dir = workspace_copy();
    let marker = mark(dir.path());
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run(Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("codegen")
        .env("CARGO_MANIFEST_DIR", dir.path().join("xtask"))
        .current_dir(elsewhere.path()));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(generated_text(dir.path()).contains(marker), "{stdout}");
    assert!(!generated_text(&workspace()).contains(marker));
}

/// Run directly (no `cargo`), the workspace is the current directory or one above it.
#[test]
fn the_workspace_is_found_from_the_current_directory_upward() {
    let dir = workspace_copy();
    std::fs::write(dir.path().join("generated/src/extra.rs"), "// stray\n").expect("write");
    let (code, stdout, stderr) = run(Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--check"])
        .env_remove("CARGO_MANIFEST_DIR")
        .current_dir(dir.path().join("api-spec/shop/orders")));
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("stale   generated/src/extra.rs"),
        "{stderr}"
    );

    let nowhere = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = run(Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--check"])
        .env_remove("CARGO_MANIFEST_DIR")
        .current_dir(nowhere.path()));
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        stderr.trim_end(),
        format!(
            "error: cannot find the bindery workspace (a folder with `Cargo.toml` and `api-spec/`) \
             in {} or above it; run inside the workspace or give `--root PATH`",
            nowhere.path().canonicalize().expect("canonical").display()
        )
    );
}

/// `--root` wins over both, before or after the command, and is in `--help`.
#[test]
fn root_is_an_option_of_every_command() {
    let dir = workspace_copy();
    let marker = mark(dir.path());
    let (code, stdout, stderr) = run(Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--root")
        .arg(dir.path())
        .arg("codegen")
        .env("CARGO_MANIFEST_DIR", workspace().join("xtask")));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(generated_text(dir.path()).contains(marker));
    assert!(!generated_text(&workspace()).contains(marker));

    let missing = dir.path().join("missing");
    let (code, _, stderr) = xtask(&missing, &["codegen", "--check"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: cannot enter {}: ", missing.display())),
        "{stderr}"
    );

    for args in [
        &["--help"][..],
        &["codegen", "--help"],
        &["spec-diff", "--help"],
        &["budget", "--help"],
    ] {
        let (code, stdout, _) = run(Command::new(env!("CARGO_BIN_EXE_xtask")).args(args));
        assert_eq!(code, 0);
        assert!(stdout.contains("--root <PATH>"), "{args:?}: {stdout}");
    }
}

/// `mkfifo api-spec/shop/orders/fifo.yaml; cargo xtask codegen` used to block forever on
/// opening the FIFO. The child is killed after a minute so a regression fails, not hangs.
#[test]
fn a_fifo_in_the_spec_is_a_located_error_not_a_hang() {
    let dir = workspace_copy();
    let fifo = dir.path().join("api-spec/shop/orders/fifo.yaml");
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    let mut child = xtask_in(dir.path(), &["codegen"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("xtask runs");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut { stderr }, &mut text);
        let _ = send.send(text);
    });
    let Ok(stderr) = receive.recv_timeout(std::time::Duration::from_secs(60)) else {
        let _ = child.kill();
        panic!("xtask {pid} did not return: it blocks on the FIFO");
    };
    let code = child.wait().expect("wait").code();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "api-spec/shop/orders/fifo.yaml:1:1: `fifo.yaml` is a named pipe (FIFO), not a regular file or folder; it is not read"
        ),
        "{stderr}"
    );
}
