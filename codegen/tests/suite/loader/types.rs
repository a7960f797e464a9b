//! Named types and enums.

use super::*;

// -------------------------------------------------------------------------------------------
// Types
// -------------------------------------------------------------------------------------------

#[test]
fn unknown_type_reference() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "type: list<UserInfo>",
        "type: list<UserInfoo>",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:19:16: error: unknown type `UserInfoo`
  = help: did you mean `UserInfo`?
1 error in the spec
"#,
    );
}

#[test]
fn malformed_type_expression() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "type: list<UserInfo>",
        "type: list<UserInfo",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:19:24: error: invalid type `list<UserInfo`: found the end of the expression; expected `>`
1 error in the spec
"#,
    );
}

#[test]
fn duplicate_type() {
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "  - name: Operator\n",
        "  - name: UserInfo\n    fields: []\n  - name: Operator\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:10:11: error: duplicate type `UserInfo` (first defined at line 2)
  = help: rename one of them
1 error in the spec
"#,
    );
}

#[test]
fn type_names_sharing_a_module() {
    let tree = Tree::valid()
        .write(
            "demo/crm/get_user.yaml",
            "name: getUser\nsummary: {en: Gets a user.}\ndocs_url: https://open.example.com/docs/get-user\n\
             method: POST\npath: /cgi/user/get\nauth: corp_token\nidempotent: true\n\
             types:\n  - name: SearchQuery\n    fields: []\n  - name: QueryUsersResponse\n    fields: []\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/get_user.yaml:11:11: error: type `QueryUsersResponse` collides with the response type generated for `demo/crm/query_users.yaml` in module `demo::crm`
  = help: rename the type
demo/crm/query_users.yaml:24:11: error: type `SearchQuery` is also defined in `demo/crm/get_user.yaml` (line 9); endpoint types of one folder share the module `demo::crm`
  = help: rename one of them, or move it to `types.yaml`
2 errors in the spec
"#,
    );
}

#[test]
fn type_definition_rules() {
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "  - name: Operator\n",
        "  - name: user_info2\n    fields: []\n  - name: Client\n    enum: [{value: a}]\n    open: true\n  - name: Empty\n  - name: Node\n    fields:\n      - name: next\n        type: Node\n  - name: Operator\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:10:11: error: type name `user_info2` is not a PascalCase identifier
  = help: use `UserInfo2`
demo/types.yaml:12:11: error: type name `Client` is reserved: the generated code uses it
  = help: choose another name
demo/types.yaml:14:11: error: `open` applies only to object types (with `fields`), and `Client` has none
demo/types.yaml:15:11: error: type `Empty` has neither `fields` nor `enum`; expected exactly one
demo/types.yaml:19:15: error: type `Node` contains itself (`Node.next` → `Node`); an object can only contain itself through `list<…>` or `map<…>`
5 errors in the spec
"#,
    );
}

#[test]
fn enum_value_rules() {
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "      - value: EQ\n",
        "      - value: EQ\n      - value: eq\n      - value: EQ\n      - value: unknown\n      - value: \"1\"\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:13:16: error: enum values `EQ` and `eq` both become variant `Eq`
  = help: set `rust_name` on one of them
demo/types.yaml:14:16: error: duplicate value `EQ` in enum `Operator` (first at line 12)
demo/types.yaml:15:16: error: enum value `unknown` becomes variant `Unknown`, which holds values the vendor adds later
  = help: set `rust_name`
demo/types.yaml:16:16: error: enum value `1` becomes variant `1`, which is not a usable Rust name
  = help: set `rust_name`
4 errors in the spec
"#,
    );
}
