//! Readings beyond the seeds' forms, on a small page written for them
//! (`xtask/tests/pages/forms/`, not a corpus page: it has no sidecar): `&ensp:` nesting
//! markers, a `Map` whose keys are those of an open shared type, rows listed after nested
//! ones, answer records typed in depth from the example, their keys optional, and value
//! tables of integer and string fields, objects keyed by data, the site's lines around a
//! page's title and its warnings, flat tables nested by the provider's shared types, pages
//! an API tool exports (a bare method line, a curl command, no tables).

use super::root;
use crate::import::page::draft_page;

fn draft(page: &str) -> String {
    let path = root().join("xtask/tests/pages/forms").join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut drafts = draft_page(
        &root().join("api-spec"),
        &text,
        "fxiaoke",
        page,
        Some("https://example.com/page"),
        "spec.schema.json",
    )
    .unwrap();
    assert_eq!(drafts.len(), 1);
    drafts.remove(0).text
}

#[test]
fn nesting_markers_shared_types_and_answer_records() {
    let text = draft("nesting_and_shared_types.md");
    for (what, snippet) in [
        (
            "`&ensp: content` nests under `text`; English text is `en`",
            "  - name: SendText\n    docs:\n      en: Secondary object\n    fields:\n      - name: content\n        type: string\n        required: true\n",
        ),
        (
            "a Map of `_id` and the placeholder `xxx` is the open shared ObjectData",
            "  # TODO(import): the page's keys (_id, xxx) are those of the provider's shared type `ObjectData`: it is used; the page marks _id required: check the shared type agrees, else list them under `requires`\n  # TODO(import): `_id`, as the page lists it: the table lists `_id` at the top, its example inside `object_data`: nested there\n  # TODO(import): `xxx`, as the page lists it: the table lists `xxx` at the top, its example inside `object_data`: nested there\n  - name: object_data\n    type: ObjectData\n    required: true\n",
        ),
        (
            "a row the example lacks, listed after nested ones, stays nested",
            "      # TODO(import): the example has `keywords` nowhere; the table lists it among `department`'s keys: nested there\n",
        ),
        (
            "list items typed from the example, in depth",
            "      - name: counts\n        type: list<SendCounts>\n",
        ),
        (
            "an answer record's keys are optional",
            "optional as one record does not show every record has it\n      - name: key\n        type: string\n        # TODO",
        ),
    ] {
        assert!(
            text.contains(snippet),
            "{what}: {snippet:?} missing from\n{text}"
        );
    }
    // The placeholder key is no field, and ObjectData's own fields are not repeated.
    assert!(!text.contains("name: xxx"), "{text}");
    assert!(!text.contains("name: _id"), "{text}");
}

/// A value table (`| 值 | 含义 |` under `status取值说明`) gives an integer field numbers and a
/// string field strings, and values that make no Rust name get one, so the draft loads.
#[test]
fn value_tables_keep_the_field_kind() {
    let text = draft("integer_value_table.md");
    for snippet in [
        "  - name: ThingListStatus\n    docs:\n      zh: 状态\n    enum:\n      - value: 1\n",
        "        rust_name: Value1\n        docs:\n          zh: 正常\n      - value: 2\n",
        "  - name: ThingListKind\n    docs:\n      zh: 种类\n    enum:\n      - value: \"1\"\n        # TODO(import): this value makes no Rust name: give it a `rust_name` that says what it means\n        rust_name: Value1\n",
        "      - value: B\n        docs:\n          zh: 乙\n",
    ] {
        assert!(text.contains(snippet), "{snippet:?} missing from\n{text}");
    }
    let problems = crate::import::page::check::check(
        &root().join("api-spec"),
        "fxiaoke",
        &[("thing_list".to_owned(), text.clone())],
        &|stem| std::path::Path::new(stem).to_owned(),
    )
    .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

/// Example objects keyed by data (department names, numeric ids, records of one shape) are
/// `map<json>`, so no field or type is named `销售部` or `1001`; objects of different shapes
/// are fields. The draft loads.
#[test]
fn objects_keyed_by_data_are_maps() {
    let text = draft("keys_that_name_data.md");
    for snippet in [
        "  # TODO(import): the page gives no type, and in the example its keys are no field names (numbers, words with spaces or not in ASCII): keys that name data, so `map<json>`\n  - name: byDepartment\n    type: map<json>\n",
        "its keys are no field names (numbers, words with spaces or not in ASCII): keys that name data, so `map<json>`\n  - name: byId\n    type: map<json>\n",
        "  # TODO(import): the page gives no type, and in the example every value of this object is an object of one shape: records keyed by data, so `map<json>`\n  - name: leads\n    type: map<json>\n",
        "  - name: owner\n    type: SummaryOwner\n",
        "      - name: dept\n        type: SummaryDept\n",
    ] {
        assert!(text.contains(snippet), "{snippet:?} missing from\n{text}");
    }
    for name in ["销售部", "1001", "sales"] {
        assert!(
            !text.contains(&format!("- name: {name}\n")),
            "{name}: {text}"
        );
    }
    let problems = crate::import::page::check::check(
        &root().join("api-spec"),
        "fxiaoke",
        &[("team_summary".to_owned(), text.clone())],
        &|stem| std::path::Path::new(stem).to_owned(),
    )
    .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

/// The title is the page's, not the date, reading time or language switch around it; the
/// warning banner is no title but a TODO about `deprecated`; English text is `en`.
#[test]
fn site_lines_are_skipped_and_warnings_noted() {
    let text = draft("site_lines_and_warnings.md");
    let expected = "# TODO(import): the page warns: \"Not recommended to continue using offline APIs!!!\": if the vendor retired the endpoint, set `deprecated` to why and what to use instead\nsummary:\n  en: Retire Old Widget\ndescription:\n  en: Retire a widget by its id.\n";
    assert!(text.contains(expected), "{expected:?} missing from\n{text}");
}

/// A table that lists a whole tree flat, with no example to place its rows: runs of rows
/// that are a closed shared type's keys nest under the row above them (innermost first), so
/// `field_name` and `fieldName` no longer clash at one level, and the rest go under the only
/// Map left. A table with no such run stays flat.
#[test]
fn flat_tables_nest_by_shared_types() {
    let text = draft("flat_table_of_shared_types.md");
    for snippet in [
        "request:\n  - name: data\n    type: ThingQueryData\n    required: true\n",
        "      # TODO(import): the table is flattened; `search_query_info` is listed after `data`, its only Map: nested there\n",
        "      - name: search_query_info\n        type: SearchQueryInfo\n",
        // The rows the shared type stands for keep their doubts, in depth.
        "      # TODO(import): `limit`, as the page lists it: the table lists `limit` flat after `search_query_info`; it is a key of the provider's shared type `SearchQueryInfo`: nested there\n",
        "      # TODO(import): `filters.operator`, as the page lists it: the table lists `operator` flat after `filters`; it is a key of the provider's shared type `QueryFilter`: nested there\n",
        // The response's `extra` Map is followed by no shared type's keys: it holds nothing.
        "response:\n",
        "  - name: extra\n",
        "  - name: name\n",
        "  - name: total\n",
    ] {
        assert!(text.contains(snippet), "{snippet:?} missing from\n{text}");
    }
    for flat in ["name: field_name", "name: fieldName", "name: limit"] {
        assert!(!text.contains(flat), "{flat}: {text}");
    }
    let problems = crate::import::page::check::check(
        &root().join("api-spec"),
        "fxiaoke",
        &[("thing_query".to_owned(), text.clone())],
        &|stem| std::path::Path::new(stem).to_owned(),
    )
    .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

/// A page as API tools export it: the title, `POST` and the URL on lines of their own, the
/// request only as a curl command's body, no tables. The endpoint is found, the request is
/// the body's keys (the auth scheme's left out), the response the answer's, and every
/// doubt is written, also those about keys the tables would have given.
#[test]
fn api_tool_exports_are_read() {
    let text = draft("api_tool_export.md");
    for snippet in [
        "summary:\n  zh: 查询单个物品详细信息\n",
        "method: POST\npath: /cgi/thing/get\nauth: body\n",
        "# TODO(import): the page has no request table: the fields are the keys of its request example\nrequest:\n",
        "# TODO(import): the page has no response table: the fields are the keys of its success example\nresponse:\n",
        "# TODO(import): the page's request JSON was repaired: read from the curl command's body\n",
        "      dataObjectApiName: ThingObj\n",
    ] {
        assert!(text.contains(snippet), "{snippet:?} missing from\n{text}");
    }
    assert!(!text.contains("- name: corpAccessToken"), "{text}");
    let problems = crate::import::page::check::check(
        &root().join("api-spec"),
        "fxiaoke",
        &[("thing_get".to_owned(), text.clone())],
        &|stem| std::path::Path::new(stem).to_owned(),
    )
    .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}
