//! Loader and validator tests: a valid tree loads, and every class of mistake is reported with
//! its exact `file:line:col: error: message` line (and help), one module per concern.
//!
//! Each test copies `tests/fixtures/loader/valid` into a temporary folder, changes one thing
//! and compares the full report (with the temporary root removed from the paths).

mod arrays;
mod bodies;
mod deprecated;
mod diagnostics;
mod endpoints;
mod enums;
mod envelopes;
mod examples;
mod fields;
mod garbage;
mod names;
mod nullable;
mod structure;
mod types;
mod unsigned;
mod usepoint;

use std::fs;
use std::path::{Path, PathBuf};

use bindery_codegen::spec::load;

use crate::support::{self, assert_report, without_root};

/// A copy of the valid fixture tree that a test can change.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    /// The endpoint with `vendor_name` as lowered from this tree, which must load and lower.
    fn endpoint(&self, vendor_name: &str) -> bindery_codegen::ir::Endpoint {
        let set = load(self.root()).unwrap_or_else(|e| panic!("loads: {e}"));
        let ir = bindery_codegen::ir::lower(&set).unwrap_or_else(|e| panic!("lowers: {e}"));
        ir.providers
            .iter()
            .flat_map(|p| p.root.all_endpoints())
            .find(|e| e.vendor_name == vendor_name)
            .unwrap_or_else(|| panic!("no endpoint {vendor_name}"))
            .clone()
    }

    fn valid() -> Self {
        Self {
            dir: support::copy_fixture(support::LOADER_VALID),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).expect("read fixture file")
    }

    /// Replaces `from` (which must occur exactly once) by `to` in `rel`.
    #[track_caller]
    fn edit(self, rel: &str, from: &str, to: &str) -> Self {
        support::edit(self.root(), rel, from, to);
        self
    }

    /// Writes a file (creating folders).
    fn write(self, rel: &str, text: impl AsRef<[u8]>) -> Self {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folder");
        }
        fs::write(path, text).expect("write fixture file");
        self
    }

    /// The full report of a load that must fail, with the temporary root removed.
    fn errors(&self) -> String {
        match load(self.root()) {
            Ok(_) => panic!("the tree loaded without errors"),
            Err(diags) => without_root(&diags.to_string(), self.root()),
        }
    }
}
