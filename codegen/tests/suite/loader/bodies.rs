//! Where request fields travel: `query` on a `POST` (parameters of the URL beside the body)
//! and an example's `query`.

use super::*;

const USERS: &str = "demo/crm/query_users.yaml";

/// `queryUsers` (a `POST`) with a required query parameter `objectApiName`.
fn with_post_query() -> Tree {
    Tree::valid().edit(
        USERS,
        "idempotent: true\nrequest:\n",
        "idempotent: true\nquery:\n  - name: objectApiName\n    type: string\n    required: true\nrequest:\n",
    )
}

#[test]
fn a_post_takes_query_fields_into_its_request_type() {
    let tree = with_post_query()
        .edit(
            USERS,
            "    request:\n      corpAccessToken: TOKEN\n",
            "    query: {objectApiName: AccountObj}\n    request:\n      corpAccessToken: TOKEN\n",
        )
        .edit(
            USERS,
            "    request:\n      corpAccessToken: OLD\n",
            "    query: {objectApiName: AccountObj}\n    request:\n      corpAccessToken: OLD\n",
        );
    let users = tree.endpoint("queryUsers");
    assert_eq!(users.query_fields, ["objectApiName"]);
    let names: Vec<&str> = users
        .request
        .fields
        .iter()
        .map(|f| f.json_name.as_str())
        .collect();
    assert_eq!(names, ["objectApiName", "search_query_info", "objectType"]);
    let example = users.examples[0].request.as_ref().expect("request");
    assert_eq!(example["objectApiName"], "AccountObj");
}

#[test]
fn a_name_is_either_a_query_parameter_or_a_body_field() {
    let tree = Tree::valid().edit(
        USERS,
        "idempotent: true\nrequest:\n",
        "idempotent: true\nquery:\n  - name: objectType\n    type: string\n  - name: searchQueryInfo\n    type: string\nrequest:\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:10:11: error: `objectType` is both a `query` parameter and a `request` field (line 18)
  = help: a `POST` sends each field once: keep it where the vendor reads it
demo/crm/query_users.yaml:12:11: error: `query` parameter `searchQueryInfo` and `request` field `search_query_info` (line 15) are one Rust field `search_query_info` of the request type
  = help: set `rust_name` on one of them
2 errors in the spec
"#,
    );
}

#[test]
fn an_example_gives_the_required_query_parameters_of_a_post() {
    let tree = with_post_query().edit(
        USERS,
        "    request:\n      corpAccessToken: OLD\n",
        "    query: {objectApiName: 7, extra: x}\n    request:\n      corpAccessToken: OLD\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:45:7: error: example `success` query: `objectApiName`: missing required field
demo/crm/query_users.yaml:60:13: error: example `token_expired` query: `objectApiName`: found integer 7, expected string
demo/crm/query_users.yaml:60:31: error: example `token_expired` query: `extra`: unknown field
3 errors in the spec
"#,
    );
}

#[test]
fn only_a_post_with_query_fields_has_example_queries() {
    let tree = Tree::valid()
        .edit(
            USERS,
            "    request:\n      corpAccessToken: OLD\n",
            "    query: {objectApiName: AccountObj}\n    request:\n      corpAccessToken: OLD\n",
        )
        .edit(
            "demo/oauth/authorize.yaml",
            "examples:\n  - name:",
            "examples:\n  - query: {appId: x}\n    name:",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:56:12: error: example `token_expired` has a `query`, but only a `POST` with `query` fields has one
  = help: declare the parameters under the endpoint's `query`
demo/oauth/authorize.yaml:19:12: error: example `consent` has a `query`, but only a `POST` with `query` fields has one
  = help: a `GET` or `redirect` example gives its query parameters in `request`
2 errors in the spec
"#,
    );
}

#[test]
fn a_call_answered_with_no_body_has_no_response_fields() {
    let tree = Tree::valid().edit(
        USERS,
        "idempotent: true\n",
        "idempotent: true\nresponse_body: none\nresponse_open: true\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:10:16: error: an endpoint with `response_body: none` has no response to keep keys of
  = help: the vendor answers with no body: remove this, or `response_body`
demo/crm/query_users.yaml:20:11: error: an endpoint with `response_body: none` has no `response` fields
  = help: the vendor answers with no body: remove this, or `response_body`
demo/crm/query_users.yaml:48:7: error: example `success` has a success `response`, but the endpoint answers with no body (`response_body: none`)
  = help: give `error_code` for an error answer, or leave `response` out
3 errors in the spec
"#,
    );
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "idempotent: true\n",
        "idempotent: true\nresponse_body: none\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:9:16: error: a `redirect` endpoint has no answer, so no `response_body`
  = help: remove `response_body`
1 error in the spec
"#,
    );
}

#[test]
fn no_body_lowers_to_a_call_without_a_response_type() {
    let tree = Tree::valid().write(
        "demo/crm/remove_user.yaml",
        "name: removeUser\nsummary: {en: Removes a user.}\ndocs_url: https://open.example.com/docs/remove\n\
         method: POST\npath: /cgi/crm/users/remove\nauth: corp_token\nidempotent: true\n\
         response_body: none\nrequest:\n  - name: userId\n    type: string\n    required: true\n\
         examples:\n  - name: failure\n    response: {errorCode: 20016, errorMessage: expired}\n    \
         error_code: 20016\n",
    );
    let remove = tree.endpoint("removeUser");
    assert_eq!(remove.kind, bindery_codegen::ir::Kind::Call);
    assert!(remove.response.is_none());
}
