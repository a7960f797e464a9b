//! Writes chosen `diff` changes into the curated spec **as text**: only the lines a change
//! is about are inserted, removed or rewritten, so comments, `docs.en`, `rust_name`, notes,
//! corrections with their comments, key order and blank lines stay as the curator wrote them.
//!
//! - `field_added`: the draft's field item (its lines, comments above it included,
//!   re-indented) at the end of the list that holds it: `query`/`request`/`response`, or
//!   the `fields` of the endpoint-local type of its parent field (a parent of a shared type
//!   is not applied). Endpoint-local types of the draft the new field needs and the spec
//!   lacks are copied to the end of `types:`.
//! - `field_removed`: the field's item (and the comments directly above it).
//! - `field_type_changed`: the value of the `type:` line only (types copied as above).
//! - `field_became_required`: `required: true` (set, or added after `type:`);
//!   `field_became_optional`: the `required: true` line removed.
//! - `error_code_added`: the draft's `errors` item appended (`errors:` created before
//!   `examples:` if absent); `error_code_removed`: the spec's `errors` item removed.
//! - `example_added`: the draft's example appended to `examples:` (renamed `<name>_2`, … if
//!   its name is taken).
//! - `path_changed`, `http_method_changed`, `action_changed`: the value of that line.
//!
//! Each change is applied on its own and checked: the text must still be a spec `rows`
//! reads, and its rows must show the change (the draft's row, or no row for a removal);
//! otherwise the change is undone and reported. A change the text already shows (a field
//! that came with a copied type, a child of a removed field) is done without an edit.
//! Error codes are applied last, since an added example may bring its `error_code`.

mod text;

use std::collections::BTreeSet;

use serde_json::Value;

use super::diff::{self, Change};
use super::rows::{self, Row, RowKind, Scope, TypeExpr, TypeRows, Types, parse_type};
use text::List;

/// Applies `changes` (from `diff::diff(existing_yaml, draft_yaml, shared_types)`) to the
/// curated `existing_yaml`. Returns the new text and, for each change not applied, a line
/// `<kind> <key>: <why>`. Errors: the spec, the draft or the shared types not readable by
/// `rows`.
pub(crate) fn apply(
    existing_yaml: &str,
    draft_yaml: &str,
    changes: &[Change],
    shared_types: Option<&str>,
) -> Result<(String, Vec<String>), String> {
    let shared = rows::parse_shared(shared_types)?;
    spec_rows(existing_yaml, shared.as_ref()).map_err(|e| format!("existing spec: {e}"))?;
    let value = rows::parse_yaml(draft_yaml, "the draft")?;
    let draft = DraftSpec {
        rows: rows::rows_of(&value, shared.as_ref()).map_err(|e| format!("draft: {e}"))?,
        value,
        lines: draft_yaml.lines().map(str::to_owned).collect(),
        shared,
    };
    let mut lines: Vec<String> = existing_yaml.lines().map(str::to_owned).collect();
    let is_error = |c: &&Change| c.kind == diff::ERROR_CODE_ADDED;
    let ordered = changes
        .iter()
        .filter(|c| !is_error(c))
        .chain(changes.iter().filter(is_error));
    let mut not_applied = Vec::new();
    for change in ordered {
        let mut edited = lines.clone();
        let outcome = apply_one(&mut edited, &draft, change).and_then(|()| {
            let now = spec_rows(&join(&edited), draft.shared.as_ref())
                .map_err(|e| format!("the result would not be a readable spec: {e}"))?;
            holds(&now, &draft.rows, change)
                .then_some(())
                .ok_or_else(|| "the result would not show the change".to_owned())
        });
        match outcome {
            Ok(()) => lines = edited,
            Err(why) => not_applied.push(format!("{} {}: {why}", change.kind, change.key)),
        }
    }
    let mut out = join(&lines);
    if existing_yaml.ends_with('\n') {
        out.push('\n');
    }
    Ok((out, not_applied))
}

fn join(lines: &[String]) -> String {
    lines.join("\n")
}

fn spec_rows(text: &str, shared: Option<&Value>) -> Result<Vec<Row>, String> {
    rows::rows_of(&rows::parse_yaml(text, "the endpoint spec")?, shared)
}

/// The draft and the shared types, parsed once.
struct DraftSpec {
    rows: Vec<Row>,
    value: Value,
    lines: Vec<String>,
    shared: Option<Value>,
}

/// Whether the spec's rows `now` show `change` (as the draft's rows `draft` have it).
fn holds(now: &[Row], draft: &[Row], change: &Change) -> bool {
    let field = |rows: &[Row]| {
        let found = rows
            .iter()
            .find(|r| r.kind == RowKind::Field && r.key == change.key);
        found.map(|r| r.value.clone())
    };
    let has = |kind: RowKind, value: Option<&str>| {
        now.iter()
            .any(|r| r.kind == kind && Some(r.value.as_str()) == value)
    };
    let (now_field, draft_field) = (field(now), field(draft));
    let now_parts = now_field.as_deref().map(diff::class_and_required);
    match change.kind {
        diff::FIELD_ADDED => now_field.is_some() && now_field == draft_field,
        diff::FIELD_REMOVED => now_field.is_none(),
        diff::FIELD_TYPE_CHANGED => now_parts.map(|p| p.0) == change.to.as_deref(),
        diff::FIELD_BECAME_REQUIRED => now_parts.is_some_and(|p| p.1),
        diff::FIELD_BECAME_OPTIONAL => now_parts.is_some_and(|p| !p.1),
        diff::ERROR_CODE_ADDED => has(RowKind::Error, Some(&change.key)),
        diff::ERROR_CODE_REMOVED => !has(RowKind::Error, Some(&change.key)),
        diff::EXAMPLE_ADDED => has(RowKind::Example, change.to.as_deref()),
        diff::PATH_CHANGED => has(RowKind::Path, change.to.as_deref()),
        diff::HTTP_METHOD_CHANGED => has(RowKind::Method, change.to.as_deref()),
        diff::ACTION_CHANGED => match change.to.as_deref() {
            Some(to) => has(RowKind::Action, Some(to)),
            None => !now.iter().any(|r| r.kind == RowKind::Action),
        },
        _ => false,
    }
}

/// Edits `lines` for one change (nothing when the text already shows it).
fn apply_one(lines: &mut Vec<String>, draft: &DraftSpec, change: &Change) -> Result<(), String> {
    let now = spec_rows(&join(lines), draft.shared.as_ref())?;
    if holds(&now, &draft.rows, change) {
        return Ok(());
    }
    match change.kind {
        diff::FIELD_ADDED => add_field(lines, draft, &change.key),
        diff::FIELD_REMOVED => {
            let (list, item) = field_item(lines, draft, &change.key)?;
            text::remove_item(lines, &list, &item);
            Ok(())
        }
        diff::FIELD_TYPE_CHANGED => retype_field(lines, draft, &change.key),
        diff::FIELD_BECAME_REQUIRED => require_field(lines, draft, &change.key, true),
        diff::FIELD_BECAME_OPTIONAL => require_field(lines, draft, &change.key, false),
        diff::ERROR_CODE_ADDED => add_error(lines, draft, &change.key),
        diff::ERROR_CODE_REMOVED => {
            let list = text::top_key(lines, "errors").map(|l| text::list_at(lines, l));
            let item = list
                .as_ref()
                .and_then(|l| text::find_item(lines, l, "code", &change.key));
            let (Some(list), Some(item)) = (list, item) else {
                return Err(
                    "the code is not in `errors` (an example's `error_code` carries it); \
                            edit the example by hand"
                        .to_owned(),
                );
            };
            text::remove_item(lines, &list, &item);
            Ok(())
        }
        diff::EXAMPLE_ADDED => add_example(lines, draft, change),
        diff::PATH_CHANGED => set_top(lines, draft, "path"),
        diff::HTTP_METHOD_CHANGED => set_top(lines, draft, "method"),
        diff::ACTION_CHANGED => set_top(lines, draft, "action"),
        other => Err(format!("`{other}` is not a change apply knows")),
    }
}

/// Where a field's list is: a section of the endpoint or the `fields` of a local type.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Owner {
    Section(String),
    Type(String),
}

/// The owner of the field at `key` in `doc`, and the field's name. Errors: a parent that is
/// missing or whose type is not an endpoint-local object type.
fn owner_of(doc: &Value, shared: Option<&Value>, key: &str) -> Result<(Owner, String), String> {
    let (section, segments) =
        rows::split_key(key).ok_or_else(|| format!("`{key}` is not a field path"))?;
    let types = Types::new(doc, shared);
    let mut owner = Owner::Section(section.to_owned());
    let mut fields = doc.get(section);
    let mut path = section.to_owned();
    let (last, parents) = segments.split_last().ok_or("empty field path")?;
    for (name, _) in parents {
        path = rows::child_key(&path, name);
        let field = rows::list(fields)
            .iter()
            .find(|f| f.get("name").and_then(Value::as_str) == Some(name));
        let field = field.ok_or_else(|| format!("there is no field `{path}`"))?;
        let ty = field
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let expr = parse_type(ty)?;
        let local = match expr.item().0 {
            TypeExpr::Named(n) => match types.get(n) {
                Some((Scope::Local, decl)) if decl.get("enum").is_none() => Some((n.clone(), decl)),
                _ => None,
            },
            _ => None,
        };
        let (type_name, decl) = local.ok_or_else(|| {
            format!("`{path}` has type `{ty}`, not an object type of this endpoint's `types`")
        })?;
        fields = decl.get("fields");
        owner = Owner::Type(type_name);
    }
    Ok((owner, last.0.to_owned()))
}

/// The text list an owner's fields are in; `None` when a section is absent.
fn owner_list(lines: &[String], owner: &Owner) -> Result<Option<List>, String> {
    match owner {
        Owner::Section(section) => {
            Ok(text::top_key(lines, section).map(|l| text::list_at(lines, l)))
        }
        Owner::Type(name) => {
            let types = text::top_key(lines, "types").ok_or("no `types:` in the text")?;
            let types = text::list_at(lines, types);
            let item = text::find_item(lines, &types, "name", name)
                .ok_or_else(|| format!("type `{name}` not found in the text"))?;
            let fields = text::item_key(lines, &item, types.item_col, "fields")
                .ok_or_else(|| format!("type `{name}` has no `fields:` line"))?;
            Ok(Some(text::list_at(lines, fields)))
        }
    }
}

/// The list and item of the field at `key` in the spec text `lines`.
fn field_item(
    lines: &[String],
    draft: &DraftSpec,
    key: &str,
) -> Result<(List, text::Item), String> {
    let doc = rows::parse_yaml(&join(lines), "the spec")?;
    let (owner, name) = owner_of(&doc, draft.shared.as_ref(), key)?;
    let list = owner_list(lines, &owner)?.ok_or_else(|| format!("no field `{key}`"))?;
    let item = text::find_item(lines, &list, "name", &name)
        .ok_or_else(|| format!("no field `{key}` in the text"))?;
    Ok((list, item))
}

/// The draft's item lines for the field at `key` (comments above it included) and its
/// dash column.
fn draft_field(
    draft: &DraftSpec,
    key: &str,
) -> Result<(Vec<String>, usize, List, text::Item), String> {
    let (owner, name) =
        owner_of(&draft.value, draft.shared.as_ref(), key).map_err(|e| format!("draft: {e}"))?;
    let list =
        owner_list(&draft.lines, &owner)?.ok_or_else(|| format!("draft: no field `{key}`"))?;
    let item = text::find_item(&draft.lines, &list, "name", &name)
        .ok_or_else(|| format!("draft: no field `{key}` in its text"))?;
    Ok((
        draft.lines[item.lead..item.end].to_vec(),
        list.item_col,
        list,
        item,
    ))
}

fn add_field(lines: &mut Vec<String>, draft: &DraftSpec, key: &str) -> Result<(), String> {
    let (block, from, _, _) = draft_field(draft, key)?;
    let doc = rows::parse_yaml(&join(lines), "the spec")?;
    let (owner, _) = owner_of(&doc, draft.shared.as_ref(), key)?;
    let list = match (owner_list(lines, &owner)?, &owner) {
        (Some(list), _) => list,
        (None, Owner::Section(section)) => {
            let key_line = text::ensure_top_key(lines, section);
            text::list_at(lines, key_line)
        }
        (None, Owner::Type(name)) => return Err(format!("type `{name}` not found")),
    };
    text::append_item(lines, &list, &block, from);
    let ty = draft_field_type(draft, key)?;
    copy_types(lines, draft, &ty)
}

/// The draft's type expression of the field at `key`, as written.
fn draft_field_type(draft: &DraftSpec, key: &str) -> Result<String, String> {
    let (_, _, list, item) = draft_field(draft, key)?;
    let line = text::item_key(&draft.lines, &item, list.item_col, "type")
        .ok_or_else(|| format!("draft: field `{key}` has no `type:` line"))?;
    let rest = text::key_of(&draft.lines[line]).map_or("", |(_, _, r)| r);
    Ok(text::value_of(rest).to_owned())
}

fn retype_field(lines: &mut Vec<String>, draft: &DraftSpec, key: &str) -> Result<(), String> {
    let ty = draft_field_type(draft, key)?;
    let (list, item) = field_item(lines, draft, key)?;
    let line = text::item_key(lines, &item, list.item_col, "type")
        .ok_or("the field has no `type:` line")?;
    text::set_value(lines, line, &ty);
    copy_types(lines, draft, &ty)
}

fn require_field(
    lines: &mut Vec<String>,
    draft: &DraftSpec,
    key: &str,
    required: bool,
) -> Result<(), String> {
    let (list, item) = field_item(lines, draft, key)?;
    let found = text::item_key(lines, &item, list.item_col, "required");
    match (found, required) {
        (Some(line), true) => text::set_value(lines, line, "true"),
        (Some(line), false) => {
            lines.remove(line);
        }
        (None, true) => {
            let after = text::item_key(lines, &item, list.item_col, "type").unwrap_or(item.start);
            lines.insert(
                after + 1,
                format!("{}required: true", " ".repeat(list.item_col + 2)),
            );
        }
        (None, false) => {}
    }
    Ok(())
}

/// Copies the draft's endpoint-local types that `ty` needs (and those they need) and the
/// spec has neither locally nor shared, to the end of the spec's `types:`.
fn copy_types(lines: &mut Vec<String>, draft: &DraftSpec, ty: &str) -> Result<(), String> {
    let doc = rows::parse_yaml(&join(lines), "the spec")?;
    let have = Types::new(&doc, draft.shared.as_ref());
    let draft_types = Types::new(&draft.value, draft.shared.as_ref());
    let mut todo = parse_type(ty)?.names();
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) || have.get(&name).is_some() || !draft_types.is_local(&name) {
            continue;
        }
        let Some((_, decl)) = draft_types.get(&name) else {
            continue;
        };
        for field in rows::list(decl.get("fields")) {
            let inner = field.get("type").and_then(Value::as_str).map(parse_type);
            if let Some(Ok(expr)) = inner {
                todo.extend(expr.names());
            }
        }
        let draft_list =
            text::top_key(&draft.lines, "types").map(|l| text::list_at(&draft.lines, l));
        let draft_list = draft_list.ok_or("draft: no `types:` in its text")?;
        let item = text::find_item(&draft.lines, &draft_list, "name", &name)
            .ok_or_else(|| format!("draft: type `{name}` not found in its text"))?;
        append_to(
            lines,
            "types",
            &draft.lines[item.lead..item.end],
            draft_list.item_col,
        );
    }
    Ok(())
}

/// Appends a draft's list item (its lines, at the draft's item column `from`) to the spec's
/// top-level list `key`, which is made when the spec has none.
fn append_to(lines: &mut Vec<String>, key: &str, block: &[String], from: usize) {
    let key_line = text::ensure_top_key(lines, key);
    let list = text::list_at(lines, key_line);
    text::append_item(lines, &list, block, from);
}

fn add_error(lines: &mut Vec<String>, draft: &DraftSpec, code: &str) -> Result<(), String> {
    let draft_list = text::top_key(&draft.lines, "errors").map(|l| text::list_at(&draft.lines, l));
    let item = draft_list
        .as_ref()
        .and_then(|l| text::find_item(&draft.lines, l, "code", code));
    let (Some(draft_list), Some(item)) = (draft_list, item) else {
        return Err("the draft gives the code only in an example's `error_code`".to_owned());
    };
    append_to(
        lines,
        "errors",
        &draft.lines[item.lead..item.end],
        draft_list.item_col,
    );
    Ok(())
}

fn add_example(lines: &mut Vec<String>, draft: &DraftSpec, change: &Change) -> Result<(), String> {
    let examples = rows::list(draft.value.get("examples"));
    let index = examples
        .iter()
        .position(|e| rows::example_json(e).as_deref() == change.to.as_deref())
        .ok_or("draft: the example is not in the draft")?;
    let draft_key =
        text::top_key(&draft.lines, "examples").ok_or("draft: no `examples:` in its text")?;
    let draft_list = text::list_at(&draft.lines, draft_key);
    let item = draft_list
        .items
        .get(index)
        .ok_or("draft: the example's lines were not found")?;
    let mut block = draft.lines[item.lead..item.end].to_vec();
    let spec = rows::parse_yaml(&join(lines), "the spec")?;
    let taken: BTreeSet<&str> = rows::list(spec.get("examples"))
        .iter()
        .filter_map(|e| e.get("name").and_then(Value::as_str))
        .collect();
    let name = examples[index]
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("page_example");
    if taken.contains(name) {
        let free = (2..)
            .map(|n| format!("{name}_{n}"))
            .find(|n| !taken.contains(n.as_str()));
        let local = text::Item {
            lead: 0,
            start: item.start - item.lead,
            end: block.len(),
        };
        let line = text::item_key(&block, &local, draft_list.item_col, "name")
            .ok_or("draft: example without `name:`")?;
        text::set_value(&mut block, line, &free.unwrap_or_default());
    }
    append_to(lines, "examples", &block, draft_list.item_col);
    Ok(())
}

/// Sets a top-level scalar (`path`, `method`, `action`) to the draft's text of it.
fn set_top(lines: &mut [String], draft: &DraftSpec, key: &str) -> Result<(), String> {
    let from =
        text::top_key(&draft.lines, key).ok_or_else(|| format!("the draft has no `{key}`"))?;
    let value = text::key_of(&draft.lines[from])
        .map_or("", |(_, _, r)| text::value_of(r))
        .to_owned();
    let line = text::top_key(lines, key).ok_or_else(|| format!("the spec has no `{key}` line"))?;
    text::set_value(lines, line, &value);
    Ok(())
}
