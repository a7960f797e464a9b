//! `apply`: changes written into a real spec as text, curated lines kept.

use super::super::apply::apply;
use super::super::diff::{self, Change, diff};
use super::super::rows::rows;
use super::diff_tests::{RESULT_LIMIT, data_query_copies, user_relations_copy};
use super::{CANCEL_FLOW, DATA_QUERY, USER_RELATIONS, edit, fxiaoke_types, spec, tencent_types};

/// Diffs `draft` against `existing` and applies every change; asserts each was applied.
fn apply_all(existing: &str, draft: &str, types: Option<&str>) -> String {
    let changes = diff(existing, draft, types).unwrap();
    assert!(!changes.is_empty());
    let (out, not_applied) = apply(existing, draft, &changes, types).unwrap();
    assert_eq!(not_applied, Vec::<String>::new());
    out
}

/// Lines of data_query.yaml a curator wrote: comments, English docs, notes.
const CURATED: [&str; 6] = [
    "# yaml-language-server: $schema=../../spec.schema.json",
    "      # The seed's response table swaps the descriptions of data.offset and data.limit (it",
    "          en: Offset of this page (echoes the request).",
    "# (reference/vendors.md). Records come in `_id` order so the switch skips and repeats nothing.",
    "      en: The page's error response example (a missing or illegal parameter).",
    "  table names 10013 for it; the example is kept verbatim.",
];

#[test]
fn each_edit_of_data_query_applies_back_onto_the_original() {
    let types = fxiaoke_types();
    let original = spec(DATA_QUERY);
    for (what, copy) in data_query_copies() {
        let out = apply_all(&original, &copy, Some(&types));
        assert_eq!(
            rows(&out, Some(&types)).unwrap(),
            rows(&copy, Some(&types)).unwrap(),
            "{what}"
        );
        // Each of these edits is undone line for line: the result is the copy itself.
        assert_eq!(out, copy, "{what}");
        for line in CURATED {
            assert!(out.lines().any(|l| l == line), "{what}: lost {line:?}");
        }
    }
}

#[test]
fn user_relations_changes_apply_with_docs_kept() {
    let original = spec(USER_RELATIONS);
    let copy = user_relations_copy();
    let out = apply_all(&original, &copy, None);
    assert_eq!(rows(&out, None).unwrap(), rows(&copy, None).unwrap());
    let has = |text: &str| out.contains(text);
    assert!(has(
        "      - name: corpUserId\n        type: string\n        required: true\n        docs:\n"
    ));
    assert!(has(
        "          en: Mingdao account id.\n      - name: accountName\n        type: string\n"
    ));
    assert!(has(
        "    error_code: 10001\n  - name: empty\n    response:\n      data: []\n      code: 1\nnotes: >-\n"
    ));
    assert!(has(
        "errors:\n  - code: 10002\n    docs:\n      zh: 参数错误\nexamples:\n"
    ));
    assert!(has(
        "      en: One third-party user id and the Mingdao account it maps to.\n"
    ));
    assert!(has("  idempotent: true because the call only reads.\n"));
}

#[test]
fn an_importer_style_draft_applies_into_the_curated_types() {
    // A draft as an importer writes it: its own type names, no English, no comments.
    let original = spec(USER_RELATIONS);
    let draft = "name: getUserRelations
method: POST
path: /v2/user/getUserRelations
request:
  - name: corpUserIds
    type: list<string>
    required: true
response:
  - name: data
    type: list<Relation>
    required: true
  - name: total
    type: i32
types:
  - name: Relation
    fields:
      - name: corpUserId
        type: string
        required: true
      - name: accountId
        type: string
      - name: projectId
        type: string
      - name: status
        type: Status
  - name: Status
    enum:
      - value: 1
        rust_name: Active
";
    let changes = diff(&original, draft, None).unwrap();
    let kinds: Vec<_> = changes.iter().map(|c| (c.kind, c.key.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (diff::FIELD_BECAME_REQUIRED, "response.data[].corpUserId"),
            (diff::FIELD_ADDED, "response.data[].status"),
            (diff::FIELD_ADDED, "response.total"),
            // The draft has no examples, so the code of the spec's failure example is missing.
            (diff::ERROR_CODE_REMOVED, "10001"),
        ]
    );
    let (out, not_applied) = apply(&original, draft, &changes, None).unwrap();
    assert_eq!(
        not_applied,
        [
            "error_code_removed 10001: the code is not in `errors` (an example's `error_code` carries \
          it); edit the example by hand"
        ]
    );
    // The new field went into the curated `UserRelation`, and the enum it needs came along.
    assert!(out.contains(
        "          en: Mingdao account id.\n      - name: status\n        type: Status\n"
    ));
    assert!(
        out.contains(
            "      en: The user relations found.\n  - name: total\n    type: i32\ntypes:\n"
        )
    );
    assert!(out.contains(
        "  - name: Status\n    enum:\n      - value: 1\n        rust_name: Active\nexamples:\n"
    ));
    assert!(
        !out.contains("name: Relation\n"),
        "the draft's own name for UserRelation stays out"
    );
    let left = diff(&out, draft, None).unwrap();
    assert_eq!(left, changes[3..], "only the example's error code is left");
}

#[test]
fn a_new_local_type_is_copied_and_its_fields_come_with_it() {
    let types = fxiaoke_types();
    let original = spec(DATA_QUERY);
    let extra = "      - name: options\n        type: list<QueryOptions>\n        docs:\n          zh: 选项\n";
    let draft = edit(
        &original,
        "          en: Filters, sort order, projection and paging.\n",
        &format!("          en: Filters, sort order, projection and paging.\n{extra}"),
    );
    let draft = edit(
        &draft,
        "examples:\n",
        "  - name: QueryOptions\n    fields:\n      - name: strict\n        type: bool\nexamples:\n",
    );
    let out = apply_all(&original, &draft, Some(&types));
    assert_eq!(out, draft);
    let changes = diff(&original, &draft, Some(&types)).unwrap();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[1].key, "request.data.options[].strict");
}

#[test]
fn a_field_under_a_shared_type_is_reported_not_applied() {
    let types = fxiaoke_types();
    let original = spec(DATA_QUERY);
    // The draft has its own SearchQueryInfo-like type, so its rows go below it.
    let draft = edit(
        &original,
        "        type: SearchQueryInfo\n",
        "        type: Info\n",
    );
    let draft = edit(
        &draft,
        "examples:\n",
        "  - name: Info\n    fields:\n      - name: limit\n        type: i32\nexamples:\n",
    );
    let changes = diff(&original, &draft, Some(&types)).unwrap();
    assert_eq!(changes.len(), 1);
    let (out, not_applied) = apply(&original, &draft, &changes, Some(&types)).unwrap();
    assert_eq!(out, original);
    assert_eq!(
        not_applied,
        [
            "field_added request.data.search_query_info.limit: `request.data.search_query_info` has type \
          `SearchQueryInfo`, not an object type of this endpoint's `types`"
        ]
    );
}

#[test]
fn empty_lists_and_missing_sections_are_written_in_block_style() {
    let types = tencent_types();
    let original = spec(CANCEL_FLOW);
    let status = "response:\n  - name: FlowStatus\n    type: string\n    docs:\n      zh: 状态\n";
    let draft = edit(&original, "response: []\n", status);
    assert_eq!(apply_all(&original, &draft, Some(&types)), draft);

    // The only field removed leaves `request: []`; a query field creates `query:`.
    let original = spec(USER_RELATIONS);
    let request = "request:\n  - name: corpUserIds\n    type: list<string>\n    required: true\n";
    let start = original.find(request).unwrap();
    let end = original[start..].find("response:\n").unwrap() + start;
    let draft = format!("{}request: []\n{}", &original[..start], &original[end..]);
    let out = apply_all(&original, &draft, None);
    assert_eq!(out, draft);
    let query = "idempotent: true\nquery:\n  - name: pageIndex\n    type: i32\nrequest:\n";
    let draft = edit(&original, "idempotent: true\nrequest:\n", query);
    assert_eq!(apply_all(&original, &draft, None), draft);
}

#[test]
fn an_example_with_a_taken_name_is_renamed_and_brings_its_error_code() {
    let original = spec(USER_RELATIONS);
    let failure =
        "    response:\n      code: 10001\n      message: 错误描述\n    error_code: 10001\n";
    let more = "  - name: failure\n    response:\n      code: 10005\n      message: 无权限\n    error_code: 10005\n";
    let draft = edit(&original, failure, &format!("{failure}{more}"));
    let changes = diff(&original, &draft, None).unwrap();
    let kinds: Vec<_> = changes.iter().map(|c| c.kind).collect();
    // The error code is listed first but applied after the example that carries it.
    assert_eq!(kinds, [diff::ERROR_CODE_ADDED, diff::EXAMPLE_ADDED]);
    let (out, not_applied) = apply(&original, &draft, &changes, None).unwrap();
    assert!(not_applied.is_empty(), "{not_applied:?}");
    assert_eq!(
        out,
        edit(
            &draft,
            "  - name: failure\n    response:\n      code: 10005",
            "  - name: failure_2\n    response:\n      code: 10005"
        )
    );
}

#[test]
fn changes_it_cannot_make_are_reported_and_the_rest_applied() {
    let types = fxiaoke_types();
    let original = spec(DATA_QUERY);
    let draft = edit(&original, RESULT_LIMIT, "");
    let mut changes = diff(&original, &draft, Some(&types)).unwrap();
    let bogus = |kind: &'static str, key: &str| Change {
        kind,
        key: key.to_owned(),
        from: None,
        to: None,
    };
    let mut retype = bogus(diff::FIELD_TYPE_CHANGED, "response.nothing.here");
    retype.to = Some("string".to_owned());
    changes.push(retype);
    changes.push(bogus(diff::ERROR_CODE_ADDED, "42"));
    changes.push(bogus(diff::ERROR_CODE_REMOVED, "10006"));
    changes.push(bogus("enum_value_added", "x"));
    let (out, not_applied) = apply(&original, &draft, &changes, Some(&types)).unwrap();
    assert_eq!(out, draft);
    assert_eq!(
        not_applied,
        [
            "field_type_changed response.nothing.here: draft: there is no field `response.nothing`",
            "error_code_removed 10006: the code is not in `errors` (an example's `error_code` \
             carries it); edit the example by hand",
            "enum_value_added x: `enum_value_added` is not a change apply knows",
            "error_code_added 42: the draft gives the code only in an example's `error_code`",
        ]
    );
}

#[test]
fn path_and_method_lines_are_rewritten_in_place() {
    let original = spec(USER_RELATIONS);
    let draft = edit(
        &original,
        "path: /v2/user/getUserRelations",
        "path: \"/v2/user/getRelations\"",
    );
    let draft = edit(&draft, "method: POST", "method: GET # the page says GET");
    let out = apply_all(&original, &draft, None);
    assert!(
        out.contains("\nmethod: GET\npath: \"/v2/user/getRelations\"\nauth: sign\n"),
        "{out}"
    );
}

#[test]
fn unindented_list_items_and_the_comments_above_an_item() {
    let existing = "name: x
method: POST
path: /x
request:
- name: a
  type: string   # the page says String
# b is the page's \"flag\"
- name: b
  type: i32
  required: true

response: []
";
    let draft =
        "method: POST\npath: /x\nrequest:\n  - name: a\n    type: string\n    required: true\n";
    let out = apply_all(existing, draft, None);
    assert_eq!(
        out,
        "name: x\nmethod: POST\npath: /x\nrequest:\n- name: a\n  type: string   # the page says String\n  \
         required: true\n\nresponse: []\n"
    );
}
