//! Tests of the page tools on the workspace's real spec files and edited copies of them.

mod accuracy_tests;
mod apply_tests;
mod diff_tests;
mod import_tests;
mod page_diff_tests;
mod reading_tests;
mod rows_tests;

use std::path::{Path, PathBuf};

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is in the workspace")
        .to_owned()
}

/// A file of the workspace, e.g. `api-spec/fxiaoke/crm/data_query.yaml`.
fn spec(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const DATA_QUERY: &str = "api-spec/fxiaoke/crm/data_query.yaml";
const USER_RELATIONS: &str = "api-spec/mingdao/user/get_user_relations.yaml";
const CANCEL_FLOW: &str = "api-spec/tencent_ess/cancel_flow.yaml";

fn fxiaoke_types() -> String {
    spec("api-spec/fxiaoke/types.yaml")
}

fn tencent_types() -> String {
    spec("api-spec/tencent_ess/types.yaml")
}

/// `text` with the one occurrence of `from` replaced by `to` (panics unless there is
/// exactly one, so an edit cannot silently miss).
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "expected one occurrence of {from:?}"
    );
    text.replacen(from, to, 1)
}
