//! Fuzzes the spec pipeline: `bindery_codegen::spec::load`, then (when the
//! spec loads) `ir::lower` and `emit::generate`; when it does not, the
//! diagnostics are rendered as `cargo xtask codegen` would show them.
//!
//! The spec tree is the loader's valid fixture (two providers, every file kind)
//! written once into a per-process temp folder. Byte 0 of the input picks one
//! of its files; the rest of the input replaces that file's content for this
//! run, and the file is put back before the next run.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::OnceLock;

use bindery_codegen::{emit, ir, spec};
use libfuzzer_sys::fuzz_target;

/// The fixture tree: path relative to the spec root, and its valid content.
const FILES: [(&str, &[u8]); 6] = [
    (
        "demo/provider.yaml",
        include_bytes!("../../codegen/tests/fixtures/loader/valid/demo/provider.yaml"),
    ),
    (
        "demo/types.yaml",
        include_bytes!("../../codegen/tests/fixtures/loader/valid/demo/types.yaml"),
    ),
    (
        "demo/crm/query_users.yaml",
        include_bytes!("../../codegen/tests/fixtures/loader/valid/demo/crm/query_users.yaml"),
    ),
    (
        "demo/oauth/authorize.yaml",
        include_bytes!("../../codegen/tests/fixtures/loader/valid/demo/oauth/authorize.yaml"),
    ),
    (
        "cloud/provider.yaml",
        include_bytes!("../../codegen/tests/fixtures/loader/valid/cloud/provider.yaml"),
    ),
    (
        "cloud/create_flow.yaml",
        include_bytes!("../../codegen/tests/fixtures/loader/valid/cloud/create_flow.yaml"),
    ),
];

/// The spec root (created on first use) and the index of the file the previous
/// run replaced, if any.
struct Tree {
    root: PathBuf,
    dirty: Option<usize>,
}

fn tree() -> &'static Mutex<Tree> {
    static TREE: OnceLock<Mutex<Tree>> = OnceLock::new();
    TREE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("bindery-fuzz-spec-{}", std::process::id()));
        // A leftover from an earlier process with the same id is simply overwritten.
        let _ = fs::remove_dir_all(&root);
        for (rel, content) in FILES {
            write(&root, rel, content);
        }
        Mutex::new(Tree { root, dirty: None })
    })
}

fn write(root: &Path, rel: &str, content: &[u8]) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("create the fixture folder");
    }
    fs::write(&path, content).expect("write a fixture file");
}

fuzz_target!(|input: &[u8]| {
    let [selector, content @ ..] = input else {
        return;
    };
    let index = usize::from(*selector) % FILES.len();
    // A panic inside a run ends the process, so the lock is never poisoned in practice.
    let mut tree = tree().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(dirty) = tree.dirty.take() {
        let (rel, original) = FILES[dirty];
        write(&tree.root, rel, original);
    }
    write(&tree.root, FILES[index].0, content);
    tree.dirty = Some(index);

    match spec::load(&tree.root) {
        Ok(set) => match ir::lower(&set) {
            Ok(krate) => {
                // The loader accepted the spec, so the generated code must parse:
                // an emit error here is a codegen bug, reported as a finding.
                if let Err(error) = emit::generate(&krate) {
                    panic!("emit failed on a spec the loader accepted: {error:?}");
                }
            }
            Err(diagnostics) => render(&diagnostics),
        },
        Err(diagnostics) => render(&diagnostics),
    }
});

fn render(diagnostics: &bindery_codegen::diagnostics::Diagnostics) {
    assert!(!diagnostics.is_empty(), "an error without diagnostics");
    let plain = diagnostics.to_string();
    assert!(!plain.is_empty());
    let _ = diagnostics.render_fancy();
}
