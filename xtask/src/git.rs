//! Reading `api-spec/` as it was at a git revision, with git itself, into a temporary
//! folder: the user's work tree and index are never touched.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `api-spec/` of one revision, copied out of the object store.
pub struct SpecAtRevision {
    /// Holds the copy; removed when dropped.
    dir: tempfile::TempDir,
    /// The commit the revision names.
    pub commit: String,
}

impl SpecAtRevision {
    /// The folder to load (`<temp>/api-spec`).
    pub fn spec_dir(&self) -> PathBuf {
        self.dir.path().join(crate::SPEC_DIR)
    }

    /// The temporary folder the copy lives in, whose prefix diagnostics replace.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            stderr.trim()
        ))
    }
}

/// Copies `api-spec/` (relative to `root`, which may be a folder inside the repository) as
/// it is at `revision`.
pub fn spec_at(root: &Path, revision: &str) -> Result<SpecAtRevision, String> {
    let spec = format!("{revision}^{{commit}}");
    let commit = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    // With `--quiet`, a name that is no commit fails without a message; anything git does
    // say (not a repository, unsafe ownership, ...) is the real reason.
    .map_err(|e| {
        if e.ends_with(": ") {
            format!("`{revision}` is not a commit of this repository")
        } else {
            e
        }
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    let listing = git(
        root,
        &["ls-tree", "-r", "-z", &commit, "--", crate::SPEC_DIR],
    )?;
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let mut files = 0usize;
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        // `<mode> <type> <object>\t<path>`; paths are relative to `root`.
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (mode, kind, object) = (meta.next(), meta.next(), meta.next());
        // Submodules are not spec files.
        if kind != Some("blob") {
            continue;
        }
        let Some(object) = object else { continue };
        let rel = Path::new(path);
        if rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            continue;
        }
        let bytes = git(root, &["cat-file", "blob", object])?;
        let target = dir.path().join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot write {}: {e}", parent.display()))?;
        }
        // The loader follows symlinks that stay inside `api-spec/` (and refuses the others),
        // so the copy keeps them as links: a relative target then resolves inside the copy as
        // it does in the work tree, and one leading outside is refused on both sides.
        #[cfg(unix)]
        if mode == Some("120000") {
            let link = String::from_utf8_lossy(&bytes).into_owned();
            std::os::unix::fs::symlink(&link, &target)
                .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
            files += 1;
            continue;
        }
        std::fs::write(&target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        files += 1;
    }
    if files == 0 {
        return Err(format!("`{revision}` has no `{}/` folder", crate::SPEC_DIR));
    }
    Ok(SpecAtRevision { dir, commit })
}

/// The base side's diagnostics, with `<temp>/api-spec/...` shown as `REV:api-spec/...` and
/// the snippet read from the copy.
pub fn render_at_revision(
    diagnostics: &bindery_codegen::diagnostics::Diagnostics,
    temp: &Path,
    revision: &str,
) -> String {
    let mut out = String::new();
    for d in diagnostics.sorted() {
        // Never a FIFO, device or followed symlink (see `Diagnostic::snippet_source`).
        let source = d.snippet_source().unwrap_or_default();
        let mut shown = d.clone();
        if let Ok(rel) = d.file.strip_prefix(temp) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            shown.file = PathBuf::from(format!("{revision}:{}", rel.join("/")));
        }
        if source.is_empty() {
            out.push_str(&format!("{shown}\n"));
        } else {
            out.push_str(&shown.render_fancy_with_source(&source));
        }
    }
    out
}
