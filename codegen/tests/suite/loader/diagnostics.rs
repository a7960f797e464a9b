//! Messages that point at the exact node, say one thing per cause, help with the YAML
//! parser's own words, and suggest the closest name (issue 11, items 8-11).

use super::*;

const QUERY: &str = "demo/crm/query_users.yaml";
const FLOW_REQUEST: &str =
    "      search_query_info: {limit: 10, offset: 20, op: GTE, keyword: abc}\n";

// -------------------------------------------------------------------------------------------
// Errors inside an example point at the offending key, with the full JSON path
// -------------------------------------------------------------------------------------------

#[test]
fn example_errors_point_at_the_nested_key_with_its_full_path() {
    let tree = Tree::valid()
        .edit(
            QUERY,
            FLOW_REQUEST,
            "      search_query_info:\n        limit: 10\n        ofset: 20\n",
        )
        .edit(QUERY, "          - userId: u1\n", "          - userId: 7\n");
    // Before: both at 41:7 (the example's first key, `corpAccessToken`).
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:46:9: error: example `success` request: `search_query_info.ofset`: unknown field
  = help: did you mean `offset`?
demo/crm/query_users.yaml:53:13: error: example `success` response: `data.users[0].userId`: found integer 7, expected string
2 errors in the spec
"#,
    );
}

#[test]
fn a_missing_field_points_at_the_mapping_that_lacks_it() {
    let tree = Tree::valid().edit(
        QUERY,
        FLOW_REQUEST,
        "      search_query_info:\n        offset: 20\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:44:7: error: example `success` request: `search_query_info.limit`: missing required field
1 error in the spec
"#,
    );
}

#[test]
fn a_sibling_rule_names_the_sibling_by_its_full_path() {
    let tree = Tree::valid().edit(QUERY, "offset: 20, op: GTE", "offset: 15, op: GTE");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:44:38: error: example `success` request: `search_query_info.offset`: 15 is not a multiple of `search_query_info.limit` (10)
1 error in the spec
"#,
    );
}

// -------------------------------------------------------------------------------------------
// One cause, one error; every independent mistake of a file in one run
// -------------------------------------------------------------------------------------------

#[test]
fn three_key_typos_in_one_file_are_three_located_errors() {
    let tree = Tree::valid()
        .edit(QUERY, "idempotent: true", "idempotant: true")
        .edit(
            QUERY,
            "    required: true\n    const:",
            "    requird: true\n    const:",
        )
        .edit(
            QUERY,
            "  - name: token_expired\n",
            "  - name: token_expired\n    respons: {}\n",
        );
    // Before: only the first (`idempotant`), and nothing about the others.
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:8:1: error: unknown key `idempotant` in the endpoint file
  = help: did you mean `idempotent`?
demo/crm/query_users.yaml:15:5: error: unknown key `requird` in a field
  = help: did you mean `required`?
demo/crm/query_users.yaml:56:5: error: unknown key `respons` in an example
  = help: did you mean `response`?
3 errors in the spec
"#,
    );
}

#[test]
fn values_of_the_wrong_kind_and_unknown_names_are_found_beside_a_typo() {
    let tree = Tree::valid()
        .edit(QUERY, "idempotent: true", "idempotent: 1")
        .edit(QUERY, "method: POST", "method: PUT")
        .edit(QUERY, "docs_url: https", "docs_ulr: https");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:4:1: error: unknown key `docs_ulr` in the endpoint file
  = help: did you mean `docs_url`?
demo/crm/query_users.yaml:5:9: error: `method`: unknown value `PUT`, expected one of `GET`, `POST`
demo/crm/query_users.yaml:8:13: error: `idempotent`: found integer `1`, expected a boolean (`true` or `false`)
3 errors in the spec
"#,
    );
}

#[test]
fn an_unknown_type_is_one_error() {
    let tree = Tree::valid()
        .edit(
            QUERY,
            "      - name: limit\n        type: i32\n",
            "      - name: limit\n        type: Integer\n",
        )
        .edit(
            QUERY,
            "response:\n  - name: users\n",
            "pagination:\n  offset: search_query_info.offset\n  limit: search_query_info.limit\n  default_limit: 20\n  items: users\nresponse:\n  - name: users\n",
        );
    // Before: also `minimum` and `maximum` "apply to number fields (…), but field `limit`
    // is `Integer`", "`multiple_of_field` names `limit`, which is `Integer`; …" and
    // "request path `search_query_info.limit` is `Integer`; expected an integer".
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:32:15: error: unknown type `Integer`
  = help: the spec writes this as `i32` or `i64` (or `f64`)
1 error in the spec
"#,
    );
}

// -------------------------------------------------------------------------------------------
// YAML errors a person can act on
// -------------------------------------------------------------------------------------------

#[test]
fn a_colon_in_a_plain_value_is_told_to_be_quoted() {
    let tree = Tree::valid().edit(QUERY, "  en: Queries users.", "  en: Note: queries users.");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:3:11: error: invalid YAML: mapping values are not allowed in this context
  = help: a plain value cannot contain `: `: quote it, e.g. `en: "Note: queries users."`
1 error in the spec
"#,
    );
}

#[test]
fn a_key_indented_unlike_its_siblings_names_both_lines() {
    let tree = Tree::valid().edit(
        QUERY,
        "name: queryUsers\n",
        "name: queryUsers\n  title: x\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:2:8: error: invalid YAML: mapping values are not allowed in this context
  = help: check the indentation of line 2 (2 spaces) against line 1 (0 spaces): the keys of one mapping start in the same column, and a nested mapping goes under a `key:` line of its own
1 error in the spec
"#,
    );
}

#[test]
fn a_list_item_indented_unlike_its_siblings_names_both_lines() {
    let tree = Tree::valid().edit(QUERY, "  - name: objectType\n", "   - name: objectType\n");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:13:4: error: invalid YAML: while parsing a block collection, did not find expected '-' indicator
  = help: check the indentation of line 13 (3 spaces) against line 10 (2 spaces): the items of one list start in the same column
1 error in the spec
"#,
    );
}

#[test]
fn a_key_indented_out_of_its_mapping_names_both_lines() {
    let tree = Tree::valid().edit(
        QUERY,
        "  - name: objectType\n    type: string\n",
        "  - name: objectType\n  type: string\n",
    );
    // Before: the same message, with no help.
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:13:5: error: missing key `type` in a field
  = help: line 14 writes `type:` in column 3; the mapping it belongs to starts on line 13 in column 5: the keys of one mapping start in the same column
1 error in the spec
"#,
    );
}

#[test]
fn a_tab_is_reported_on_its_own_line() {
    let tree = Tree::valid().edit(QUERY, "summary:\n  en: Queries", "summary:\n\ten: Queries");
    // Before: "3:2: error: invalid YAML: tabs disallowed within this context (block
    // indentation)" and no help; with the tab after a list item's `- `, the line above.
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:3:1: error: invalid YAML: tabs disallowed within this context (block indentation)
  = help: tabs are not allowed in YAML indentation: indent line 3 with spaces
1 error in the spec
"#,
    );
    let tree = Tree::valid().edit(QUERY, "  - name: objectType\n", "\t- name: objectType\n");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:13:1: error: invalid YAML: while scanning a plain scalar, found a tab
  = help: tabs are not allowed in YAML indentation: indent line 13 with spaces
1 error in the spec
"#,
    );
}

#[test]
fn a_value_split_at_a_comma_inside_braces_is_told_to_be_quoted() {
    let tree = Tree::valid().edit(
        QUERY,
        "summary:\n  en: Queries users.\n",
        "summary: {zh: 参数错误,不支持的渠道。}\n",
    );
    // Before: help "expected one of `zh`, `en`".
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:2:20: error: unknown key `不支持的渠道。` in docs
  = help: a comma inside `{…}` ends a value, so `不支持的渠道。` was read as a key: quote the value, e.g. `zh: "参数错误,不支持的渠道。"`
1 error in the spec
"#,
    );
}

#[test]
fn a_broken_flow_mapping_gets_the_quoting_rule() {
    let tree = Tree::valid().edit(
        QUERY,
        "summary:\n  en: Queries users.\n",
        "summary: {en: see #3: users}\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:3:1: error: invalid YAML: while parsing a flow mapping, did not find expected ',' or '}'
  = help: inside `{…}` or `[…]`, quote a value that contains `: `, ` #` or a comma, e.g. `{en: "a, b"}`
1 error in the spec
"#,
    );
}

// -------------------------------------------------------------------------------------------
// Advice that does not contradict itself; did-you-mean on name lookups
// -------------------------------------------------------------------------------------------

#[test]
fn a_query_string_in_the_path_says_what_the_runtime_adds() {
    let tree = Tree::valid().edit(
        QUERY,
        "path: /cgi/crm/users/query",
        "path: /cgi/crm/users/query?thirdTraceId=abc&lang=en",
    );
    // Before: "must not contain `?`; query parameters go in `query`" (and a `query` on this
    // `POST` was then refused).
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:6:7: error: path `/cgi/crm/users/query?thirdTraceId=abc&lang=en` must not contain a query string
  = help: drop `?thirdTraceId=abc&lang=en` from the path: the `fxiaoke` runtime adds `thirdTraceId` to every request itself; declare `lang` under `query`
1 error in the spec
"#,
    );
    let tree = Tree::valid().edit(
        QUERY,
        "path: /cgi/crm/users/query",
        "path: /cgi/crm/users/query?thirdTraceId=abc",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:6:7: error: path `/cgi/crm/users/query?thirdTraceId=abc` must not contain a query string
  = help: drop `?thirdTraceId=abc` from the path: the `fxiaoke` runtime adds `thirdTraceId` to every request itself
1 error in the spec
"#,
    );
}

#[test]
fn a_query_field_the_runtime_adds_is_refused() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: state\n",
        "  - name: thirdTraceId\n    type: string\n  - name: state\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:16:11: error: query parameter `thirdTraceId` is added by the `fxiaoke` runtime to every request
  = help: remove the field
1 error in the spec
"#,
    );
}

#[test]
fn token_fields_and_paging_paths_suggest_the_closest_name() {
    let tree = Tree::valid()
        .edit(
            "demo/provider.yaml",
            "    body_fields: [corpAccessToken, corpId]\n",
            "    body_fields: [corpAccessToken, corpId]\n    token:\n      endpoint: crm/query_users\n      value: usrs\n      lifetime: expiresIn\n",
        )
        .edit(
            QUERY,
            "response:\n  - name: users\n",
            "pagination:\n  offset: search_query_info.offset\n  limit: search_query_info.limit\n  default_limit: 20\n  items: user\nresponse:\n  - name: users\n",
        );
    let report = tree.errors();
    assert!(
        report.contains(
            "demo/crm/query_users.yaml:21:10: error: response path `user`: no field `user`\n  = help: did you mean `users`?"
        ),
        "{report}"
    );
    assert!(
        report.contains("error: token value `usrs` is not a response field of `crm/query_users`\n  = help: did you mean `users`?"),
        "{report}"
    );
}

#[test]
fn doc_text_cut_by_a_comment_is_reported() {
    let tree = Tree::valid().edit(
        QUERY,
        "  en: Queries users.\n",
        "  en: Queries users #1 of 2\n",
    );
    // Before: no error; the summary was `Queries users`, the rest silently dropped.
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:3:21: error: `en` ends at ` #`: YAML reads `#1 of 2` as a comment and drops it from the text
  = help: quote the value if it is part of the text, e.g. `en: "Queries users #1 of 2"`, or put the comment on a line of its own
1 error in the spec
"#,
    );
}
