//! `spec-diff`'s judgement, one change class at a time: a fixture history of a small spec
//! (`tests/fixtures/diff`) and one edit per class, each with the kinds and verdicts it must
//! give and a snapshot of its text and JSON report (`snapshots/suite__diff__<name>.snap`).

mod additions;
mod endpoints;
mod fields;
mod presence;
mod providers;
mod review;
mod types;
mod usepoint;

use std::path::{Path, PathBuf};

use bindery_codegen::diff::{self, ChangeKind as K, Impact as I, SpecDiff, report};
use bindery_codegen::ir::Crate;

use crate::support::{self, copy_dir, lowered};

/// The small spec whose history the tests edit.
fn fixture() -> PathBuf {
    support::fixture("diff")
}

/// One edit of a spec file, relative to the spec root.
enum Edit {
    /// Replace the only occurrence of a text.
    Replace(&'static str, &'static str, &'static str),
    /// Write a whole file.
    Write(&'static str, &'static str),
    /// Delete a file.
    Remove(&'static str),
    /// Move a file.
    Move(&'static str, &'static str),
}

use Edit::{Move, Remove, Replace, Write};

fn apply(root: &Path, edits: &[Edit]) {
    for edit in edits {
        match edit {
            Replace(file, from, to) => support::edit(root, file, from, to),
            Write(file, text) => {
                let path = root.join(file);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(path, text).expect("write");
            }
            Remove(file) => std::fs::remove_file(root.join(file)).expect("remove"),
            Move(from, to) => {
                let target = root.join(to);
                std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
                std::fs::rename(root.join(from), target).expect("move");
            }
        }
    }
}

/// The base fixture and the fixture after the edits.
fn before_and_after(edits: &[Edit]) -> (Crate, Crate) {
    let dir = support::copy_fixture("diff");
    apply(dir.path(), edits);
    (lowered(&fixture()), lowered(dir.path()))
}

fn sides() -> report::Sides {
    report::Sides {
        base: "base".to_owned(),
        head: "edited".to_owned(),
    }
}

/// Both renderings, as snapshotted.
fn rendered(changes: &SpecDiff) -> String {
    let json = serde_json::to_string_pretty(&report::json(changes, &sides())).expect("json");
    format!(
        "{}\n---- json ----\n{json}\n",
        report::text(changes, &sides())
    )
}

fn assert_changes(name: &str, changes: &SpecDiff, expected: &[(K, I)]) {
    let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(
        got,
        expected,
        "{name}:\n{}",
        report::text(changes, &sides())
    );
    insta::assert_snapshot!(name, rendered(changes));
}

/// Diffs the base fixture with its edited copy and checks the kinds and verdicts, in order.
fn check(name: &str, edits: &[Edit], expected: &[(K, I)]) -> SpecDiff {
    let (base, head) = before_and_after(edits);
    let changes = diff::diff(&base, &head);
    assert_changes(name, &changes, expected);
    changes
}

/// The same with the sides swapped: the edit is what the base had.
fn check_reversed(name: &str, edits: &[Edit], expected: &[(K, I)]) -> SpecDiff {
    let (base, head) = before_and_after(edits);
    let changes = diff::diff(&head, &base);
    assert_changes(name, &changes, expected);
    changes
}

fn reason_of(changes: &SpecDiff, kind: K) -> String {
    changes
        .changes
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| format!("{} | {}", c.reason, c.wire.clone().unwrap_or_default()))
        .unwrap_or_default()
}

const PLACE: &str = "shop/orders/place_order.yaml";
const LIST: &str = "shop/orders/list_orders.yaml";
const TOKEN: &str = "shop/oauth/corp_token.yaml";
const TYPES: &str = "shop/types.yaml";
const PROVIDER: &str = "shop/provider.yaml";

/// The pagination of `listOrders`.
const PAGINATION_BLOCK: &str = "pagination:\n  offset: offset\n  limit: limit\n  default_limit: 50\n  total: total\n  items: orders\n";
/// The token source of the `body` scheme.
const TOKEN_BLOCK: &str = "    token:\n      endpoint: oauth/corp_token\n      value: corpAccessToken\n      lifetime: expiresIn\n      fields: [corpId]\n";
/// The `mirror` base URL.
const MIRROR_BLOCK: &str = "  - name: mirror\n    url: https://mirror.shop.example\n    docs:\n      en: A second public deployment.\n";
