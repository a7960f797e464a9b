//! The loader against what a file system can hold besides spec files: FIFOs, sockets,
//! symlinks (inside, outside, dangling, looping), hidden entries, folders named like files,
//! other line endings; and the path-segment and numeric-range rules.
//!
//! Every load runs on its own thread with a generous deadline, so a loader that blocks (on
//! opening a FIFO, or in a link cycle) fails the test instead of hanging the run.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use bindery_codegen::spec::{SpecSet, load};

use crate::support::{self, assert_report, edit, without_root};

const QUERY: &str = "demo/crm/query_users.yaml";

/// A copy of the valid fixture tree.
fn tree() -> tempfile::TempDir {
    support::copy_fixture(support::LOADER_VALID)
}

/// What a load gave: the set, or the plain report and the terminal rendering (both with the
/// root removed from paths).
enum Outcome {
    Loaded(Box<SpecSet>),
    Failed { report: String, fancy: String },
}

/// Loads `root` on another thread; panics if that does not finish within a minute.
fn load_in_time(root: &Path) -> Outcome {
    let root: PathBuf = root.to_path_buf();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let outcome = match load(&root) {
            Ok(set) => Outcome::Loaded(Box::new(set)),
            Err(diags) => Outcome::Failed {
                report: without_root(&diags.to_string(), &root),
                fancy: without_root(&diags.render_fancy(), &root),
            },
        };
        let _ = send.send(outcome);
    });
    receive
        .recv_timeout(Duration::from_secs(60))
        .expect("the loader did not return: it blocks")
}

#[track_caller]
fn report(root: &Path) -> (String, String) {
    match load_in_time(root) {
        Outcome::Loaded(_) => panic!("the tree loaded without errors"),
        Outcome::Failed { report, fancy } => (report, fancy),
    }
}

#[track_caller]
fn loaded(root: &Path) -> SpecSet {
    match load_in_time(root) {
        Outcome::Loaded(set) => *set,
        Outcome::Failed { report, .. } => panic!("the tree failed:\n{report}"),
    }
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

fn endpoint_files(set: &SpecSet) -> Vec<String> {
    set.providers
        .iter()
        .flat_map(|p| &p.endpoints)
        .map(|e| e.file.display().to_string())
        .collect()
}

// -------------------------------------------------------------------------------------------
// Things that are not files or folders
// -------------------------------------------------------------------------------------------

#[test]
fn a_fifo_or_a_socket_is_reported_and_never_opened() {
    let dir = tree();
    mkfifo(&dir.path().join("demo/crm/fifo.yaml"));
    // A FIFO that is not even a spec file name, at the root.
    mkfifo(&dir.path().join("notes.txt"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("demo/api.sock"))
        .expect("bind a unix socket");
    let (report, fancy) = report(dir.path());
    assert_report(
        &report,
        r#"
demo/api.sock:1:1: error: `api.sock` is a socket, not a regular file or folder; it is not read
  = help: the spec folder holds only files and folders: remove it
demo/crm/fifo.yaml:1:1: error: `fifo.yaml` is a named pipe (FIFO), not a regular file or folder; it is not read
  = help: the spec folder holds only files and folders: remove it
notes.txt:1:1: error: `notes.txt` is a named pipe (FIFO), not a regular file or folder; it is not read
  = help: the spec folder holds only files and folders: remove it
3 errors in the spec
"#,
    );
    // The terminal rendering did not open the FIFO for a snippet either (it returned).
    assert!(
        fancy.contains("`fifo.yaml` is a named pipe (FIFO)"),
        "{fancy}"
    );
}

#[test]
fn a_symlink_to_a_fifo_inside_the_tree_is_reported() {
    let dir = tree();
    mkfifo(&dir.path().join("demo/.pipe"));
    std::os::unix::fs::symlink("../.pipe", dir.path().join("demo/crm/piped.yaml")).expect("link");
    let (report, _) = report(dir.path());
    assert_report(
        &report,
        r#"
demo/crm/piped.yaml:1:1: error: `piped.yaml` is a symlink to a named pipe (FIFO), not a regular file or folder; it is not read
  = help: the spec folder holds only files and folders: remove it
1 error in the spec
"#,
    );
}

// -------------------------------------------------------------------------------------------
// Symlinks
// -------------------------------------------------------------------------------------------

const SECRET: &str = "sk_live_7Hq2ZxVb9mNcR4tLpW8s";

#[test]
fn a_symlink_outside_the_spec_folder_is_an_error_that_shows_nothing_of_the_target() {
    let outside = tempfile::tempdir().expect("temp dir");
    let secret = outside.path().join("credentials.yaml");
    // Valid YAML that would even parse as the start of an endpoint: it must not be read.
    fs::write(&secret, format!("name: {SECRET}\nsummary: {SECRET}\n")).expect("write");
    fs::create_dir(outside.path().join("more")).expect("mkdir");
    let dir = tree();
    std::os::unix::fs::symlink(&secret, dir.path().join("demo/crm/leak.yaml")).expect("link");
    std::os::unix::fs::symlink(outside.path().join("more"), dir.path().join("demo/more"))
        .expect("link");
    let (report, fancy) = report(dir.path());
    let expected = format!(
        r#"
demo/crm/leak.yaml:1:1: error: `leak.yaml` is a symlink to `{}`, outside the spec folder; it is not read
  = help: spec files live inside the spec folder: move the file in, or link to a path inside it with a relative link
demo/more:1:1: error: `more` is a symlink to `{}`, outside the spec folder; it is not read
  = help: spec files live inside the spec folder: move the file in, or link to a path inside it with a relative link
2 errors in the spec
"#,
        secret.display(),
        outside.path().join("more").display()
    );
    assert_report(&report, &expected);
    assert!(!report.contains(SECRET), "{report}");
    assert!(!fancy.contains(SECRET), "{fancy}");
}

#[test]
fn symlink_loops_and_dangling_links_are_errors() {
    let dir = tree();
    let crm = dir.path().join("demo/crm");
    std::os::unix::fs::symlink("b.yaml", crm.join("a.yaml")).expect("link");
    std::os::unix::fs::symlink("a.yaml", crm.join("b.yaml")).expect("link");
    std::os::unix::fs::symlink("..", crm.join("up")).expect("link");
    std::os::unix::fs::symlink("../..", crm.join("top")).expect("link");
    std::os::unix::fs::symlink("missing.yaml", crm.join("gone.yaml")).expect("link");
    let (report, _) = report(dir.path());
    assert_report(
        &report,
        r#"
demo/crm/a.yaml:1:1: error: `a.yaml` is a symlink loop: following `b.yaml` never ends
demo/crm/b.yaml:1:1: error: `b.yaml` is a symlink loop: following `a.yaml` never ends
demo/crm/gone.yaml:1:1: error: `gone.yaml` is a symlink to `missing.yaml`, which does not exist
demo/crm/top:1:1: error: `top` is a symlink loop: it leads back to the spec folder, which contains it
demo/crm/up:1:1: error: `up` is a symlink loop: it leads back to `demo`, which contains it
5 errors in the spec
"#,
    );
}

/// Ten links in each of nine folders, each to the next folder down, make 10^8 paths to the
/// last one: the walk used to follow every path (and never ended). A folder is read once;
/// each further way to it is one error.
#[test]
fn a_folder_reached_twice_is_an_error_and_the_walk_stays_linear() {
    let dir = tree();
    let demo = dir.path().join("demo");
    for level in 1..=9 {
        fs::create_dir(demo.join(format!("a{level}"))).expect("mkdir");
    }
    fs::create_dir(demo.join("a10")).expect("mkdir");
    for level in 1..=9 {
        for link in 0..10 {
            let target = format!("../a{}", level + 1);
            let at = demo.join(format!("a{level}/l{link}"));
            std::os::unix::fs::symlink(target, at).expect("link");
        }
    }
    let Outcome::Failed { report, .. } = load_in_time(dir.path()) else {
        panic!("the tree loaded");
    };
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.last(), Some(&"90 errors in the spec"), "{report}");
    assert!(
        lines.contains(
            &"demo/a3/l7:1:1: error: `l7` leads to the folder `demo/a4`, which the spec already reads there; each folder is read once"
        ),
        "{report}"
    );
}

/// Links that stay inside the spec folder are followed, as `spec-diff`'s copy of a git
/// revision keeps them: here an endpoint file kept in a hidden folder and a linked folder.
#[test]
fn symlinks_inside_the_spec_folder_are_followed() {
    let dir = tree();
    let before = endpoint_files(&loaded(dir.path()));
    fs::create_dir(dir.path().join("demo/.store")).expect("mkdir");
    fs::rename(
        dir.path().join(QUERY),
        dir.path().join("demo/.store/query_users.yaml"),
    )
    .expect("move");
    std::os::unix::fs::symlink("../.store/query_users.yaml", dir.path().join(QUERY)).expect("link");
    fs::rename(
        dir.path().join("demo/oauth"),
        dir.path().join("demo/.oauth"),
    )
    .expect("move");
    std::os::unix::fs::symlink(".oauth", dir.path().join("demo/oauth")).expect("link");
    let set = loaded(dir.path());
    assert_eq!(endpoint_files(&set), before);
}

// -------------------------------------------------------------------------------------------
// Names that are skipped or refused
// -------------------------------------------------------------------------------------------

/// Hidden entries are not part of the spec: skipped without being looked at, whatever
/// they hold or are.
#[test]
fn hidden_files_and_folders_are_skipped() {
    let dir = tree();
    let before = endpoint_files(&loaded(dir.path()));
    fs::create_dir_all(dir.path().join("demo/.drafts")).expect("mkdir");
    fs::write(
        dir.path().join("demo/.drafts/broken.yaml"),
        "name: [unclosed\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("demo/crm/.query_users.yaml.swp"),
        [0xff, 0xfe],
    )
    .expect("write");
    fs::create_dir_all(dir.path().join(".git")).expect("mkdir");
    mkfifo(&dir.path().join("demo/crm/.fifo.yaml"));
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("demo/.passwd")).expect("link");
    let set = loaded(dir.path());
    assert_eq!(endpoint_files(&set), before);
}

#[test]
fn a_folder_named_like_a_spec_file_is_an_error() {
    let dir = tree();
    fs::create_dir_all(dir.path().join("demo/crm/list_users.yaml")).expect("mkdir");
    fs::create_dir_all(dir.path().join("demo/legacy.YML/inner")).expect("mkdir");
    fs::write(
        dir.path().join("demo/legacy.YML/inner/x.yaml"),
        "not: read\n",
    )
    .expect("write");
    let (report, _) = report(dir.path());
    assert_report(
        &report,
        r#"
demo/crm/list_users.yaml:1:1: error: `list_users.yaml` is a folder; a name ending in `.yaml` is an endpoint file's
  = help: rename the folder (folders become Rust modules, without an extension)
demo/legacy.YML:1:1: error: `legacy.YML` is a folder; a name ending in `.YML` is an endpoint file's
  = help: rename the folder (folders become Rust modules, without an extension)
2 errors in the spec
"#,
    );
}

#[test]
fn a_missing_spec_folder_is_reported_at_1_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("nowhere");
    let (report, _) = report(&root);
    assert_report(
        &report,
        &format!(
            "{}:1:1: error: the spec folder does not exist or is not a folder\n1 error in the spec",
            root.display()
        ),
    );
}

// -------------------------------------------------------------------------------------------
// Line endings
// -------------------------------------------------------------------------------------------

/// CR-only (old Mac) and CRLF files are read as YAML reads them: the same spec, the same
/// positions, as with LF.
#[test]
fn cr_only_and_crlf_line_endings_load_like_lf() {
    let modeline = "# yaml-language-server: $schema=../../spec.schema.json\n";
    let dir = tree();
    let lf = format!(
        "{modeline}{}",
        fs::read_to_string(dir.path().join(QUERY)).expect("read")
    );
    fs::write(dir.path().join(QUERY), &lf).expect("write");
    let expected = format!("{:?}", loaded(dir.path()).providers);
    for ending in ["\r", "\r\n"] {
        fs::write(dir.path().join(QUERY), lf.replace('\n', ending)).expect("write");
        let set = loaded(dir.path());
        assert_eq!(format!("{:?}", set.providers), expected, "{ending:?}");
    }

    // A mistake in a CR-only file is placed on its line, and the snippet shows it.
    let broken = lf
        .replace("method: POST", "methd: POST")
        .replace('\n', "\r");
    fs::write(dir.path().join(QUERY), broken).expect("write");
    let (report, fancy) = report(dir.path());
    assert!(
        report.starts_with("demo/crm/query_users.yaml:6:1: error: unknown key `methd`"),
        "{report}"
    );
    assert!(fancy.contains("methd: POST"), "{fancy}");
}

// -------------------------------------------------------------------------------------------
// Endpoint paths and numeric ranges
// -------------------------------------------------------------------------------------------

#[test]
fn dot_segments_and_backslashes_in_a_path_are_errors() {
    for (path, problem) in [
        ("/cgi/../../etc/passwd", "the segment `..`"),
        ("/cgi/./users", "the segment `.`"),
        ("/cgi/%2E%2e/users", "the segment `%2E%2e`"),
        ("/cgi/users/..", "the segment `..`"),
    ] {
        let dir = tree();
        edit(
            dir.path(),
            QUERY,
            "path: /cgi/crm/users/query",
            &format!("path: {path}"),
        );
        let (report, _) = report(dir.path());
        assert_report(
            &report,
            &format!(
                "demo/crm/query_users.yaml:6:7: error: path `{path}` must not contain {problem}: \
                 the URL would be resolved to another path\n1 error in the spec"
            ),
        );
    }
    let dir = tree();
    edit(
        dir.path(),
        QUERY,
        "path: /cgi/crm/users/query",
        r"path: /cgi\crm",
    );
    let (report, _) = report(dir.path());
    assert_report(
        &report,
        "demo/crm/query_users.yaml:6:7: error: path `/cgi\\crm` must not contain `\\`\n1 error in the spec",
    );
    // A trailing slash names a resource of its own and stays allowed, as does Tencent's `/`.
    let dir = tree();
    edit(
        dir.path(),
        QUERY,
        "path: /cgi/crm/users/query",
        "path: /cgi/crm/users/",
    );
    loaded(dir.path());
}

#[test]
fn numeric_bounds_outside_the_field_type_are_errors() {
    let dir = tree();
    edit(
        dir.path(),
        QUERY,
        "constraints: {minimum: 1, maximum: 100}",
        "constraints: {minimum: -2147483649, maximum: 9000000000}",
    );
    edit(
        dir.path(),
        QUERY,
        "  - name: total\n    type: i64\n",
        "  - name: total\n    type: i64\n    constraints: {minimum: 0, maximum: 1.0e19}\n",
    );
    let (report, _) = report(dir.path());
    assert_report(
        &report,
        r#"
demo/crm/query_users.yaml:23:40: error: `maximum` 10000000000000000000 is outside the range of `i64` (-9223372036854775808 to 9223372036854775807)
demo/crm/query_users.yaml:30:32: error: `minimum` -2147483649 is outside the range of `i32` (-2147483648 to 2147483647)
demo/crm/query_users.yaml:30:54: error: `maximum` 9000000000 is outside the range of `i32` (-2147483648 to 2147483647)
3 errors in the spec
"#,
    );
    // The edges of the range are fine.
    let dir = tree();
    edit(
        dir.path(),
        QUERY,
        "constraints: {minimum: 1, maximum: 100}",
        "constraints: {minimum: -2147483648, maximum: 2147483647}",
    );
    loaded(dir.path());
}
