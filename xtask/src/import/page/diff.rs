//! What a fresh draft of a vendor page says differently from the curated spec, row by row
//! (see `rows.rs`), in spec-diff's vocabulary (`bindery_codegen::diff::ChangeKind` names; a
//! test pins each one used here), so a reviewer reads a page update as the spec change it
//! would be. `apply.rs` writes chosen changes into the curated file.
//!
//! One kind has no spec-diff name: `example_added`, an example the page shows and the spec
//! does not (spec-diff counts examples as documentation, `docs_changed`). Examples only in
//! the spec are not reported: curated specs construct or repair examples a page lacks.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;

use super::rows::{self, Row, RowKind};

/// `ChangeKind::FieldAdded`.
pub(crate) const FIELD_ADDED: &str = "field_added";
/// `ChangeKind::FieldRemoved`.
pub(crate) const FIELD_REMOVED: &str = "field_removed";
/// `ChangeKind::FieldTypeChanged`: the type's class changed.
pub(crate) const FIELD_TYPE_CHANGED: &str = "field_type_changed";
/// `ChangeKind::FieldBecameRequired`.
pub(crate) const FIELD_BECAME_REQUIRED: &str = "field_became_required";
/// `ChangeKind::FieldBecameOptional`.
pub(crate) const FIELD_BECAME_OPTIONAL: &str = "field_became_optional";
/// `ChangeKind::ErrorCodeAdded`.
pub(crate) const ERROR_CODE_ADDED: &str = "error_code_added";
/// `ChangeKind::ErrorCodeRemoved`.
pub(crate) const ERROR_CODE_REMOVED: &str = "error_code_removed";
/// `ChangeKind::PathChanged`.
pub(crate) const PATH_CHANGED: &str = "path_changed";
/// `ChangeKind::HttpMethodChanged`.
pub(crate) const HTTP_METHOD_CHANGED: &str = "http_method_changed";
/// `ChangeKind::ActionChanged`.
pub(crate) const ACTION_CHANGED: &str = "action_changed";
/// No spec-diff kind: an example only the draft has (impact: docs).
pub(crate) const EXAMPLE_ADDED: &str = "example_added";

/// One difference between the curated spec and the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    /// The spec-diff name of the kind (`field_added`), or `example_added`.
    pub kind: &'static str,
    /// The field's JSON path; the error code; the draft example's name; empty for the path,
    /// method and action.
    pub key: String,
    /// The spec's value (`integer optional`, `integer`, `optional`, the old path), if any.
    pub from: Option<String>,
    /// The draft's value, if any (for `example_added` its canonical JSON).
    pub to: Option<String>,
}

impl Change {
    fn new(kind: &'static str, key: &str, from: Option<&str>, to: Option<&str>) -> Change {
        let own = |v: Option<&str>| v.map(str::to_owned);
        Change {
            kind,
            key: key.to_owned(),
            from: own(from),
            to: own(to),
        }
    }
}

/// The changes from `existing_yaml` (the curated spec) to `draft_yaml`, in a stable order:
/// method, path, action, then fields by JSON path (a type change before a requiredness
/// change of the same field), error codes, then examples in the draft's order. Errors: a
/// text `rows` refuses.
pub(crate) fn diff(
    existing_yaml: &str,
    draft_yaml: &str,
    shared_types: Option<&str>,
) -> Result<Vec<Change>, String> {
    let shared = rows::parse_shared(shared_types)?;
    let draft = rows::parse_yaml(draft_yaml, "the draft")?;
    let existing = rows::parse_yaml(existing_yaml, "the existing spec")?;
    let old =
        rows::rows_of(&existing, shared.as_ref()).map_err(|e| format!("existing spec: {e}"))?;
    let new = rows::rows_of(&draft, shared.as_ref()).map_err(|e| format!("draft: {e}"))?;
    let mut changes = Vec::new();
    for (kind, name) in [
        (RowKind::Method, HTTP_METHOD_CHANGED),
        (RowKind::Path, PATH_CHANGED),
        (RowKind::Action, ACTION_CHANGED),
    ] {
        let (from, to) = (single(&old, kind), single(&new, kind));
        if from != to {
            changes.push(Change::new(name, "", from, to));
        }
    }
    field_changes(&fields(&old), &fields(&new), &mut changes);
    let (old_codes, new_codes) = (values(&old, RowKind::Error), values(&new, RowKind::Error));
    for code in new_codes.difference(&old_codes) {
        changes.push(Change::new(ERROR_CODE_ADDED, code, None, Some(code)));
    }
    for code in old_codes.difference(&new_codes) {
        changes.push(Change::new(ERROR_CODE_REMOVED, code, Some(code), None));
    }
    let old_examples = values(&old, RowKind::Example);
    let mut seen = BTreeSet::new();
    for (i, example) in rows::list(draft.get("examples")).iter().enumerate() {
        let Some(json) = rows::example_json(example) else {
            continue;
        };
        if old_examples.contains(json.as_str()) || !seen.insert(json.clone()) {
            continue;
        }
        let name = example
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let name = name.unwrap_or_else(|| format!("#{}", i + 1));
        changes.push(Change::new(EXAMPLE_ADDED, &name, None, Some(&json)));
    }
    Ok(changes)
}

fn single(rows: &[Row], kind: RowKind) -> Option<&str> {
    rows.iter()
        .find(|r| r.kind == kind)
        .map(|r| r.value.as_str())
}

fn values(rows: &[Row], kind: RowKind) -> BTreeSet<&str> {
    rows.iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.value.as_str())
        .collect()
}

fn fields(rows: &[Row]) -> BTreeMap<&str, &str> {
    let fields = rows.iter().filter(|r| r.kind == RowKind::Field);
    fields.map(|r| (r.key.as_str(), r.value.as_str())).collect()
}

/// A field row's value as its class and whether it is required.
pub(crate) fn class_and_required(value: &str) -> (&str, bool) {
    match value.rsplit_once(' ') {
        Some((class, flag)) => (class, flag == "required"),
        None => (value, false),
    }
}

fn field_changes(old: &BTreeMap<&str, &str>, new: &BTreeMap<&str, &str>, out: &mut Vec<Change>) {
    let keys: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    for key in keys {
        match (old.get(key), new.get(key)) {
            (None, Some(to)) => out.push(Change::new(FIELD_ADDED, key, None, Some(to))),
            (Some(from), None) => out.push(Change::new(FIELD_REMOVED, key, Some(from), None)),
            (Some(from), Some(to)) => {
                let (from_class, from_required) = class_and_required(from);
                let (to_class, to_required) = class_and_required(to);
                if from_class != to_class {
                    let change =
                        Change::new(FIELD_TYPE_CHANGED, key, Some(from_class), Some(to_class));
                    out.push(change);
                }
                let requiredness = |r: bool| if r { "required" } else { "optional" };
                let (a, b) = (requiredness(from_required), requiredness(to_required));
                match (from_required, to_required) {
                    (false, true) => {
                        out.push(Change::new(FIELD_BECAME_REQUIRED, key, Some(a), Some(b)))
                    }
                    (true, false) => {
                        out.push(Change::new(FIELD_BECAME_OPTIONAL, key, Some(a), Some(b)))
                    }
                    _ => {}
                }
            }
            (None, None) => {}
        }
    }
}

/// One line per change, in the given order: `<kind> <key>: <from> -> <to>`, the parts a
/// change has (an example's JSON is not repeated; its line says its impact, docs).
pub(crate) fn render(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        out.push_str(change.kind);
        if !change.key.is_empty() {
            let _ = write!(out, " {}", change.key);
        }
        match (change.kind, &change.from, &change.to) {
            (EXAMPLE_ADDED, _, _) => out.push_str(" (docs)"),
            (ERROR_CODE_ADDED | ERROR_CODE_REMOVED, _, _) => {}
            (_, Some(from), Some(to)) => {
                let _ = write!(out, ": {from} -> {to}");
            }
            (_, Some(value), None) | (_, None, Some(value)) => {
                let _ = write!(out, ": {value}");
            }
            (_, None, None) => {}
        }
        out.push('\n');
    }
    out
}
