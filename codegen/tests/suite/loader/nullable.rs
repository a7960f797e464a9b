//! `nullable`: where it may be written, and what examples may then hold.

use super::*;

const QUERY: &str = "demo/crm/query_users.yaml";

#[test]
fn nullable_is_refused_where_it_means_nothing() {
    let tree = Tree::valid()
        .edit(
            QUERY,
            "    type: SearchQuery\n    required: true\n",
            "    type: SearchQuery\n    required: true\n    nullable: true\n",
        )
        .edit(
            QUERY,
            "    required: true\n    const: AccountObj\n",
            "    required: true\n    const: AccountObj\n    nullable: true\n",
        )
        .edit(
            QUERY,
            "        constraints: {multiple_of_field: limit}\n",
            "        constraints: {multiple_of_field: limit}\n        nullable: true\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:13:15: error: `nullable` describes what the vendor sends, and `search_query_info` is a `request` field, which the client sends
  = help: remove `nullable`: an optional field the caller leaves unset is left out, never sent as `null`
demo/crm/query_users.yaml:18:15: error: `nullable` describes what the vendor sends, and `objectType` is a `request` field, which the client sends
  = help: remove `nullable`: an optional field the caller leaves unset is left out, never sent as `null`
demo/crm/query_users.yaml:35:19: error: field `offset` is `nullable`, so `multiple_of_field` between `offset` and `limit` could meet a `null` it cannot check
  = help: remove `nullable`, or the `multiple_of_field` rule
3 errors in the spec
"#,
    );
}

#[test]
fn a_const_field_of_a_type_is_never_null() {
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "      - name: children\n",
        "      - name: kind\n        type: string\n        required: true\n        const: user\n        nullable: true\n      - name: children\n",
    )
    .edit(QUERY, "          - userId: u1\n", "          - userId: u1\n            kind: user\n");
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:12:19: error: field `kind` has a `const` value, so it is never `null`
  = help: remove `nullable`
1 error in the spec
"#,
    );
}

#[test]
fn null_in_an_example_needs_nullable_where_the_field_is_required() {
    // `userId` is required and not nullable: `null` is refused at its path. `total` is
    // required and nullable: `null` is what the page promises, and passes.
    let tree = Tree::valid()
        .edit(
            QUERY,
            "  - name: total\n    type: i64\n",
            "  - name: total\n    type: i64\n    required: true\n    nullable: true\n",
        )
        .edit(QUERY, "        total: 1\n", "        total: null\n")
        .edit(
            QUERY,
            "          - userId: u1\n",
            "          - userId: null\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:53:13: error: example `success` response: `data.users[0].userId`: found null, expected string
1 error in the spec
"#,
    );
}

#[test]
fn a_required_nullable_field_must_be_in_a_success_example() {
    let tree = Tree::valid()
        .edit(
            QUERY,
            "  - name: total\n    type: i64\n",
            "  - name: total\n    type: i64\n    required: true\n    nullable: true\n",
        )
        .edit(QUERY, "        total: 1\n", "");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:51:7: error: example `success` response: `data.total`: missing required field
1 error in the spec
"#,
    );
}

#[test]
fn a_token_field_is_never_nullable() {
    let tree = Tree::valid()
        .edit(
            "demo/provider.yaml",
            "    body_fields: [corpAccessToken, corpId]\n",
            "    body_fields: [corpAccessToken, corpId]\n    token:\n      endpoint: crm/query_users\n      value: users\n      lifetime: total\n",
        )
        .edit(
            QUERY,
            "  - name: total\n    type: i64\n",
            "  - name: total\n    type: i64\n    required: true\n    nullable: true\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:10:11: error: required field `search_query_info` of token endpoint `crm/query_users` is not an app credential
  = help: a client fills token requests from `appId`, `appSecret`, `permanentCode`
demo/provider.yaml:27:17: error: token endpoint `crm/query_users` uses auth `corp_token`; a token endpoint must use `auth: none`
demo/provider.yaml:28:14: error: token value `users` is `list<UserInfo>`; expected `string` or `secret`
demo/provider.yaml:29:17: error: token lifetime `total` is `nullable`; the token endpoint must always send it
  = help: remove `nullable` from the response field
4 errors in the spec
"#,
    );
}
