//! Bodies that are bare JSON arrays (`request_body: array`, `response_body: array`): one
//! required list field is the body, nothing stands beside it, and examples are arrays.

use super::*;

const DELETE: &str = "demo/crm/delete_users.yaml";

/// `deleteUsers`: the ids go out as a bare array, the results come back as one.
fn delete_users(auth: &str, extra: &str, examples: &str) -> Tree {
    Tree::valid().write(
        DELETE,
        format!(
            "name: deleteUsers\nsummary: {{en: Deletes users.}}\n\
             docs_url: https://open.example.com/docs/delete\nmethod: POST\n\
             path: /cgi/crm/users/delete\nauth: {auth}\nidempotent: true\n\
             request_body: array\nrequest:\n  - name: ids\n    type: list<string>\n    \
             required: true\n    constraints: {{min_items: 1}}\n\
             response_body: array\nresponse:\n  - name: results\n    type: list<Deleted>\n    \
             required: true\n{extra}\
             types:\n  - name: Deleted\n    fields:\n      - name: userId\n        type: string\n        \
             required: true\nexamples:\n{examples}"
        ),
    )
}

/// The demo provider's envelope has its result under `data`: there the array is.
const GOOD_EXAMPLE: &str = "  - name: deleted\n    request: [u1, u2]\n    \
                            response: {errorCode: 0, errorMessage: OK, data: [{userId: u1}]}\n";

#[test]
fn array_bodies_lower_to_types_that_are_their_one_field() {
    let tree = delete_users("none", "", GOOD_EXAMPLE);
    let delete = tree.endpoint("deleteUsers");
    assert!(delete.request.bare);
    let response = delete.response.expect("a response type");
    assert!(response.bare);
    // No request id beside the array: the envelope's would have nowhere to be.
    let names: Vec<&str> = response
        .fields
        .iter()
        .map(|f| f.json_name.as_str())
        .collect();
    assert_eq!(names, ["results"]);
}

#[test]
fn an_array_body_is_one_required_list_with_nothing_beside_it() {
    let tree = Tree::valid().write(
        DELETE,
        "name: deleteUsers\nsummary: {en: Deletes users.}\n\
         docs_url: https://open.example.com/docs/delete\nmethod: POST\n\
         path: /cgi/crm/users/delete\nauth: corp_token\nidempotent: true\n\
         request_body: array\nquery:\n  - name: objectApiName\n    type: string\n\
         request:\n  - name: ids\n    type: string\n  - name: more\n    type: string\n\
         response_body: array\nresponse_open: true\nresponse:\n  - name: results\n    \
         type: list<string>\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/delete_users.yaml:8:15: error: auth `corp_token` (fxiaoke_body) puts its parameters in the JSON body, which a bare array cannot hold
  = help: an array body needs an auth scheme that uses headers or signs the body
demo/crm/delete_users.yaml:10:11: error: an endpoint with `request_body: array` has no `query` fields: its request type is the array alone
  = help: remove the `query` fields, or this endpoint's `request_body`
demo/crm/delete_users.yaml:13:11: error: the `request` field of an array body must be `required: true`: the body is always the array
demo/crm/delete_users.yaml:14:11: error: the `request` field of an array body is a `list<…>`, not `string`
  = help: declare one `request` field, e.g. `{name: items, type: list<Item>, required: true}`: its `name` is the Rust field's, the array is the whole request
demo/crm/delete_users.yaml:15:11: error: an endpoint with `request_body: array` has one `request` field, the array; `more` is a second
  = help: declare one `request` field, e.g. `{name: items, type: list<Item>, required: true}`: its `name` is the Rust field's, the array is the whole request
demo/crm/delete_users.yaml:18:16: error: an endpoint with `response_body: array` has no keys to keep: its result is the array alone
  = help: remove `response_open`
demo/crm/delete_users.yaml:20:11: error: the `response` field of an array body must be `required: true`: the result is the array (`nullable` if the vendor sends `null`)
7 errors in the spec
"#,
    );
}

#[test]
fn only_a_post_call_has_an_array_body() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "idempotent: true\n",
        "idempotent: true\nrequest_body: array\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:9:15: error: only a `POST` call has a JSON body, so only it takes `request_body: array`
  = help: a `GET` or `redirect` sends its fields in the query: remove this
1 error in the spec
"#,
    );
}

#[test]
fn examples_of_an_array_body_are_arrays_checked_item_by_item() {
    let tree = delete_users(
        "none",
        "",
        "  - name: deleted\n    request: [u1, 7]\n    \
         response: {errorCode: 0, data: [{userId: u1}, {userId: 2}]}\n  \
         - name: empty\n    request: []\n    response: {errorCode: 0, data: {userId: u1}}\n  \
         - name: object\n    request: {ids: [u1]}\n    response: [{userId: u1}]\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/delete_users.yaml:27:19: error: example `deleted` request: `[1]`: found integer 7, expected string
demo/crm/delete_users.yaml:28:52: error: example `deleted` response: `data[1].userId`: found integer 2, expected string
demo/crm/delete_users.yaml:30:14: error: example `empty` request: 0 items, fewer than `min_items` 1
demo/crm/delete_users.yaml:31:30: error: example `empty` response: `data`: found an object, expected the result array
demo/crm/delete_users.yaml:33:14: error: example `object` request: found an object, expected the request array
demo/crm/delete_users.yaml:34:15: error: example `object` response: found a list, expected an object
6 errors in the spec
"#,
    );
}

#[test]
fn the_auth_kind_decides_not_the_listed_body_fields() {
    // The scheme's `body_fields` is the spec's own record; without it the runtime still puts
    // the token in the body.
    let tree = delete_users("bare_token", "", GOOD_EXAMPLE).edit(
        "demo/provider.yaml",
        "auth:\n",
        "auth:\n  - name: bare_token\n    kind: fxiaoke_body\n    docs: {en: No body_fields listed.}\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/delete_users.yaml:8:15: error: auth `bare_token` (fxiaoke_body) puts its parameters in the JSON body, which a bare array cannot hold
  = help: an array body needs an auth scheme that uses headers or signs the body
1 error in the spec
"#,
    );
}

#[test]
fn bare_secrets_have_no_name_to_be_masked_by() {
    let tree = delete_users("none", "", GOOD_EXAMPLE).edit(
        DELETE,
        "  - name: ids\n    type: list<string>\n",
        "  - name: ids\n    type: list<secret>\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/delete_users.yaml:11:11: error: the items of an array body cannot be `secret`: a bare array has no key to mask them by (`list<secret>`)
  = help: wrap each value in an object (`list<Item>` with a `secret` field)
1 error in the spec
"#,
    );
}

#[test]
fn an_array_example_meets_the_calls_requirements() {
    let tree = Tree::valid().write(
        DELETE,
        "name: deleteUsers\nsummary: {en: Deletes users.}\n\
         docs_url: https://open.example.com/docs/delete\nmethod: POST\n\
         path: /cgi/crm/users/delete\nauth: none\nidempotent: true\n\
         request_body: array\nrequest:\n  - name: users\n    type: list<Target>\n    \
         required: true\nrequires: [users.reason]\n\
         types:\n  - name: Target\n    fields:\n      - name: userId\n        type: string\n        \
         required: true\n      - name: reason\n        type: string\n\
         examples:\n  - name: deleted\n    request: [{userId: u1, reason: left}, {userId: u2}]\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/delete_users.yaml:24:43: error: example `deleted` request: `[1].reason`: missing; `requires` says it must be set for this call
1 error in the spec
"#,
    );
}

#[test]
fn a_redirect_has_no_array_answer_either() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "idempotent: true\n",
        "idempotent: true\nresponse_body: array\n",
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
fn an_array_body_cannot_page() {
    let paging = "pagination:\n  offset: offset\n  limit: limit\n  items: results\n";
    // Both bodies arrays: one error, the response's; the request's would say the same.
    let tree = delete_users("none", paging, GOOD_EXAMPLE);
    assert_report(
        &tree.errors(),
        r#"
demo/crm/delete_users.yaml:22:10: error: an endpoint with `response_body: array` cannot page: the pager reads its records and total from an object
1 error in the spec
"#,
    );
    // Only the request an array: the request's rule.
    let tree = delete_users("none", paging, GOOD_EXAMPLE)
        .edit(
            DELETE,
            "response_body: array\nresponse:\n  - name: results\n    type: list<Deleted>\n",
            "response:\n  - name: results\n    type: list<Deleted>\n",
        )
        .edit(
            DELETE,
            "data: [{userId: u1}]",
            "data: {results: [{userId: u1}]}",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/delete_users.yaml:19:11: error: an endpoint with `request_body: array` cannot page: its offset and limit would be fields of an object
1 error in the spec
"#,
    );
}
