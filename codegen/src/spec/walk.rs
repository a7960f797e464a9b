//! Listing the folders of a spec tree, and reading its files, without ever opening anything
//! that is not a regular file.
//!
//! The rules (documented in `api-spec/README.md`):
//!
//! - A name starting with `.` (`.git`, `.DS_Store`, editor swap files, a `.drafts/` folder)
//!   is not part of the spec: it is skipped without being looked at, whatever it is.
//! - Every other entry must be a regular file or a folder. A FIFO, socket or device is a
//!   located error and is never opened: opening a FIFO for reading blocks until someone
//!   writes to it, so `cargo xtask codegen` would hang. The type is taken from
//!   `symlink_metadata`, which does not follow links, before anything is opened, and checked
//!   again on the open file before it is read.
//! - A symlink is followed when it resolves to a regular file or folder inside the spec
//!   folder. That is what a git checkout gives, and what `cargo xtask spec-diff` rebuilds
//!   when it copies a revision out of git (it keeps links as links), so both sides of a diff
//!   read the same tree; a relative link keeps working in both. A link that resolves outside
//!   the spec folder is an error and its target is never read (so nothing of it can appear
//!   in a message or snippet); so is a dangling link, a chain of links that never ends, and a
//!   folder link that leads back to a folder containing it.
//! - Each folder is read once: a folder reached a second time (two links to it, or a link to
//!   a folder that is also listed where it lives) is an error. Its endpoints would be read
//!   twice, and a few links per folder pointing one level down would otherwise make the walk
//!   grow exponentially with the depth, so a small tree could keep the loader busy for ever.
//! - A folder whose name ends in `.yaml` / `.yml` is an error: such a name is an endpoint
//!   file's, and a folder by that name is a mistake, not a module.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::span::Pos;
use crate::diagnostics::Diagnostic;

/// How many links a chain may have before it counts as a loop (Linux's own limit is 40).
const MAX_LINK_HOPS: usize = 40;

/// One directory entry that may be read: a regular file or a folder, reached directly or
/// through a symlink that stays inside the spec folder.
pub(super) struct Entry {
    /// The entry's own name.
    pub name: String,
    /// Where to read it: the entry's path, or for a symlink the resolved target.
    pub abs: PathBuf,
    /// The path relative to the spec root, as written (the link's, not its target's).
    pub rel: PathBuf,
    /// Whether it is a folder.
    pub is_dir: bool,
    /// For a folder: the resolved paths of the folders from the root down to this one, so a
    /// folder link back to one of them is caught.
    chain: Vec<PathBuf>,
}

/// Lists the folders of one spec tree; problems go to the `errors` each call is given.
pub(super) struct Walker<'a> {
    root: &'a Path,
    /// The root with every link resolved; where every followed link must lead.
    resolved_root: PathBuf,
    /// Every folder taken so far, resolved, with the path it was first reached by.
    folders: RefCell<HashMap<PathBuf, PathBuf>>,
}

impl<'a> Walker<'a> {
    /// The walker and the root folder's entry, or the problem when `root` is not a folder.
    pub fn new(root: &'a Path) -> Result<(Self, Entry), Diagnostic> {
        let resolved = fs::canonicalize(root).ok().filter(|p| p.is_dir());
        let Some(resolved_root) = resolved else {
            return Err(Diagnostic::new(
                root,
                Pos::START,
                "the spec folder does not exist or is not a folder",
                None,
            ));
        };
        let entry = Entry {
            name: String::new(),
            abs: root.to_path_buf(),
            rel: PathBuf::new(),
            is_dir: true,
            chain: vec![resolved_root.clone()],
        };
        let folders = RefCell::new(HashMap::from([(resolved_root.clone(), PathBuf::new())]));
        Ok((
            Self {
                root,
                resolved_root,
                folders,
            },
            entry,
        ))
    }

    fn error(
        &self,
        errors: &mut Vec<Diagnostic>,
        rel: &Path,
        message: String,
        help: Option<String>,
    ) {
        errors.push(Diagnostic::new(
            self.root.join(rel),
            Pos::START,
            message,
            help,
        ));
    }

    /// The entries of a folder that may be read, sorted by name. Hidden entries are left out;
    /// everything else that is not a regular file or folder is reported and left out.
    pub fn list(&self, folder: &Entry, errors: &mut Vec<Diagnostic>) -> Vec<Entry> {
        let read = match fs::read_dir(&folder.abs) {
            Ok(read) => read,
            Err(err) => {
                self.error(
                    errors,
                    &folder.rel,
                    format!("cannot read the folder: {err}"),
                    None,
                );
                return Vec::new();
            }
        };
        let mut entries = Vec::new();
        for entry in read {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    self.error(
                        errors,
                        &folder.rel,
                        format!("cannot read the folder: {err}"),
                        None,
                    );
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = folder.rel.join(&name);
            if let Some(entry) = self.entry(errors, folder, name, entry.path(), rel) {
                entries.push(entry);
            }
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        entries
    }

    /// Classifies one entry without opening it.
    fn entry(
        &self,
        errors: &mut Vec<Diagnostic>,
        folder: &Entry,
        name: String,
        path: PathBuf,
        rel: PathBuf,
    ) -> Option<Entry> {
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(err) => {
                self.error(errors, &rel, format!("cannot read `{name}`: {err}"), None);
                return None;
            }
        };
        let linked = meta.file_type().is_symlink();
        let (abs, file_type) = if linked {
            let target = self.follow(errors, &name, &path, &rel)?;
            let file_type = match fs::symlink_metadata(&target) {
                Ok(meta) => meta.file_type(),
                Err(err) => {
                    self.error(errors, &rel, format!("cannot read `{name}`: {err}"), None);
                    return None;
                }
            };
            (target, file_type)
        } else {
            (path, meta.file_type())
        };
        if file_type.is_file() {
            return Some(Entry {
                name,
                abs,
                rel,
                is_dir: false,
                chain: Vec::new(),
            });
        }
        if !file_type.is_dir() {
            self.error(
                errors,
                &rel,
                format!(
                    "`{name}` is {}{}, not a regular file or folder; it is not read",
                    if linked { "a symlink to " } else { "" },
                    special_kind(&file_type)
                ),
                Some("the spec folder holds only files and folders: remove it".to_owned()),
            );
            return None;
        }
        if let Some((_, ext)) = name.rsplit_once('.')
            && matches!(ext.to_ascii_lowercase().as_str(), "yaml" | "yml")
        {
            self.error(
                errors,
                &rel,
                format!("`{name}` is a folder; a name ending in `.{ext}` is an endpoint file's"),
                Some(
                    "rename the folder (folders become Rust modules, without an extension)"
                        .to_owned(),
                ),
            );
            return None;
        }
        let resolved = fs::canonicalize(&abs).unwrap_or_else(|_| abs.clone());
        if let Some(i) = folder.chain.iter().position(|p| *p == resolved) {
            // `chain[i]` is the folder `i` levels below the root on the way to this one.
            let shown = if i == 0 {
                "the spec folder".to_owned()
            } else {
                let ancestor: PathBuf = folder.rel.components().take(i).collect();
                format!("`{}`", slash(&ancestor))
            };
            self.error(
                errors,
                &rel,
                format!("`{name}` is a symlink loop: it leads back to {shown}, which contains it"),
                None,
            );
            return None;
        }
        if let Some(first) = self.folders.borrow().get(&resolved) {
            self.error(
                errors,
                &rel,
                format!(
                    "`{name}` leads to the folder `{}`, which the spec already reads there; each folder is read once",
                    slash(first)
                ),
                Some("remove the link: the folder's endpoints would be read twice".to_owned()),
            );
            return None;
        }
        self.folders
            .borrow_mut()
            .insert(resolved.clone(), rel.clone());
        let mut chain = folder.chain.clone();
        chain.push(resolved);
        Some(Entry {
            name,
            abs,
            rel,
            is_dir: true,
            chain,
        })
    }

    /// Resolves a symlink to a path inside the spec folder, or reports why not.
    fn follow(
        &self,
        errors: &mut Vec<Diagnostic>,
        name: &str,
        path: &Path,
        rel: &Path,
    ) -> Option<PathBuf> {
        let written = fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        let target = match fs::canonicalize(path) {
            Ok(target) => target,
            Err(err) => {
                let message = if is_link_loop(path) {
                    format!("`{name}` is a symlink loop: following `{written}` never ends")
                } else if err.kind() == std::io::ErrorKind::NotFound {
                    format!("`{name}` is a symlink to `{written}`, which does not exist")
                } else {
                    format!("cannot follow the symlink `{name}`: {err}")
                };
                self.error(errors, rel, message, None);
                return None;
            }
        };
        if !target.starts_with(&self.resolved_root) {
            self.error(
                errors,
                rel,
                format!(
                    "`{name}` is a symlink to `{written}`, outside the spec folder; it is not read"
                ),
                Some(
                    "spec files live inside the spec folder: move the file in, or link to a \
                     path inside it with a relative link"
                        .to_owned(),
                ),
            );
            return None;
        }
        Some(target)
    }
}

/// Whether following the link at `path` (and the links it leads to) never ends.
fn is_link_loop(path: &Path) -> bool {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        let Ok(target) = fs::read_link(&current) else {
            return false;
        };
        current = match current.parent() {
            Some(parent) => parent.join(target),
            None => target,
        };
    }
    true
}

/// What a file type that is neither a regular file, a folder nor a link is, in words.
fn special_kind(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    let _ = file_type;
    "neither a file nor a folder"
}

fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
