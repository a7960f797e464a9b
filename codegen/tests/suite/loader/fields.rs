//! Fields: duplicates, names, constants, auth fields, constraints.

use super::*;

// -------------------------------------------------------------------------------------------
// Fields
// -------------------------------------------------------------------------------------------

#[test]
fn duplicate_field() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: state\n",
        "  - name: appId\n    type: string\n  - name: state\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:16:11: error: duplicate field `appId` in `query` (first at line 10)
1 error in the spec
"#,
    );
}

#[test]
fn fields_colliding_after_case_conversion() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: state\n",
        "  - name: object_data\n    type: json\n  - name: objectData\n    type: json\n  - name: state\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:18:11: error: fields `object_data` and `objectData` both become Rust field `object_data`
  = help: set `rust_name` on one of them
1 error in the spec
"#,
    );
}

#[test]
fn keyword_and_reserved_field_names() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: state\n",
        "  - name: type\n    type: string\n  - name: extra\n    type: string\n  - name: kind\n    type: string\n    rust_name: Kind\n  - name: state\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:16:11: error: field `type` becomes the Rust keyword `type`
  = help: set `rust_name`
demo/oauth/authorize.yaml:18:11: error: field `extra` becomes `extra`, which generated structs use for themselves
  = help: set `rust_name`
demo/oauth/authorize.yaml:22:16: error: `rust_name` `Kind` is not a snake_case identifier
  = help: use `kind`
3 errors in the spec
"#,
    );
}

#[test]
fn const_rules() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: state\n",
        "  - name: version\n    type: i32\n    const: 2\n  - name: state\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:18:12: error: `const` is only allowed on `string` fields, and `version` is `i32`
demo/oauth/authorize.yaml:18:12: error: `const` must be a string, found integer 2
demo/oauth/authorize.yaml:18:12: error: field `version` has a `const` value, so it must be `required: true`
3 errors in the spec
"#,
    );
}

#[test]
fn request_field_added_by_auth() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "  - name: objectType\n",
        "  - name: corpId\n    type: string\n  - name: objectType\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:13:11: error: field `corpId` is added by auth scheme `corp_token`; it does not belong in `request`
  = help: remove the field
1 error in the spec
"#,
    );
}

#[test]
fn constraints_contradicting_their_type() {
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "  - name: total\n    type: i64\n",
            "  - name: total\n    type: i64\n    constraints: {max_length: 10, min_items: 1}\n",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "{minimum: 1, maximum: 100}",
            "{minimum: 100, maximum: 1}",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "pattern: \"[a-z]+\"",
            "pattern: \"[a-z\"",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "{multiple_of_field: limit}",
            "{multiple_of_field: limt, multiple_of: 0}",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:23:31: error: `max_length` applies to `string` and `secret` fields, but field `total` is `i64`
demo/crm/query_users.yaml:23:46: error: `min_items` applies to `list<…>` fields, but field `total` is `i64`
demo/crm/query_users.yaml:30:32: error: `minimum` 100 is greater than `maximum` 1
demo/crm/query_users.yaml:33:42: error: `multiple_of_field` names `limt`, which is not a field next to `offset`
  = help: did you mean `limit`?
demo/crm/query_users.yaml:33:61: error: `multiple_of` must be greater than 0, found 0
demo/crm/query_users.yaml:38:48: error: `pattern` `[a-z` is not a valid regular expression: unclosed character class
6 errors in the spec
"#,
    );
}
