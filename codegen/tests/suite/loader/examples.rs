//! Examples checked against the types they claim to be.

use super::*;

// -------------------------------------------------------------------------------------------
// Examples
// -------------------------------------------------------------------------------------------

#[test]
fn example_value_of_the_wrong_type() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "{limit: 10, offset: 20, op: GTE, keyword: abc}",
        "{limit: \"5\", offset: 20, op: GTE, keyword: abc}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:44:27: error: example `success` request: `search_query_info.limit`: found string "5", expected i32
1 error in the spec
"#,
    );
}

#[test]
fn example_missing_a_required_field() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "          - userId: u1\n",
        "          - name: u1\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:51:13: error: example `success` response: `data.users[0].userId`: missing required field
1 error in the spec
"#,
    );
}

#[test]
fn example_with_an_unknown_key() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "{limit: 10, offset: 20, op: GTE, keyword: abc}",
        "{limt: 10, offset: 20, op: GTE, keyword: abc}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:44:27: error: example `success` request: `search_query_info.limt`: unknown field
  = help: did you mean `limit`?
1 error in the spec
"#,
    );
}

#[test]
fn example_values_breaking_constraints_enums_and_consts() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "      objectType: AccountObj\n      search_query_info: {limit: 10, offset: 20, op: GTE, keyword: abc}",
        "      objectType: ContactObj\n      search_query_info: {limit: 500, offset: 15, op: GT, keyword: ABC}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:43:7: error: example `success` request: `objectType`: found string "ContactObj", expected the constant "AccountObj"
demo/crm/query_users.yaml:44:27: error: example `success` request: `search_query_info.limit`: 500 is greater than `maximum` 100
demo/crm/query_users.yaml:44:39: error: example `success` request: `search_query_info.offset`: 15 is not a multiple of `search_query_info.limit` (500)
demo/crm/query_users.yaml:44:51: error: example `success` request: `search_query_info.op`: found string "GT", expected one of `EQ`, `GTE` (enum `Operator`)
demo/crm/query_users.yaml:44:59: error: example `success` request: `search_query_info.keyword`: string "ABC" does not match `pattern` `[a-z]+`
5 errors in the spec
"#,
    );
}

#[test]
fn example_responses_and_codes() {
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "      errorCode: 0\n",
            "      errorCode: 5\n",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "        total: 1\n",
            "        total: 1.5\n",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "error_code: 20016",
            "error_code: 20017",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:46:7: error: example `success` response: `errorCode`: found integer 5, expected the success code 0
  = help: set `error_code` on an example of an error response
demo/crm/query_users.yaml:53:9: error: example `success` response: `data.total`: found number 1.5, expected i64
demo/crm/query_users.yaml:61:16: error: example `token_expired` response: `errorCode`: found integer 20016, expected the example's `error_code` 20017
3 errors in the spec
"#,
    );
}
