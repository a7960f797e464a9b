//! Finding the workspace the command works on, at run time.
//!
//! Never from a path fixed at compile time (`env!("CARGO_MANIFEST_DIR")`): with a shared
//! `CARGO_TARGET_DIR`, `cargo xtask` in one clone can run the binary built from another,
//! which would then regenerate that other clone. In order:
//!
//! 1. `--root PATH`, as given;
//! 2. the `CARGO_MANIFEST_DIR` that `cargo run` (and so `cargo xtask`) sets for the process,
//!    which names the invoking clone's `xtask/`, and the folders above it;
//! 3. the current directory and the folders above it.
//!
//! In 2 and 3 the workspace is the first folder holding both `Cargo.toml` and `api-spec/`.

use std::path::{Path, PathBuf};

use crate::SPEC_DIR;

/// The workspace root, or why none was found.
pub fn find(explicit: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(root) = explicit {
        return Ok(root);
    }
    if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR")
        && let Some(root) = upward(Path::new(&dir))
    {
        return Ok(root);
    }
    let cwd = std::env::current_dir()
        .map_err(|e| format!("cannot read the current directory: {e}; give `--root PATH`"))?;
    upward(&cwd).ok_or_else(|| {
        format!(
            "cannot find the bindery workspace (a folder with `Cargo.toml` and `{SPEC_DIR}/`) \
             in {} or above it; run inside the workspace or give `--root PATH`",
            cwd.display()
        )
    })
}

/// The first of `start` and its ancestors that is a bindery workspace.
fn upward(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file() && dir.join(SPEC_DIR).is_dir())
        .map(Path::to_path_buf)
}
