//! Names the generator makes up itself (issue 8, items 1 and 6).

use super::*;

// -------------------------------------------------------------------------------------------
// Names the generator makes up itself (issue 8, items 1 and 6)
// -------------------------------------------------------------------------------------------

#[test]
fn field_names_that_clash_with_generated_struct_methods_are_refused() {
    // `new` is every struct's constructor and `extra_field` an open object's adder: a setter of
    // the same name would not compile (E0592), whether the name is derived or a `rust_name`.
    let tree = Tree::valid()
        .edit(
            "demo/oauth/authorize.yaml",
            "  - name: state\n    type: string\n",
            "  - name: state\n    type: string\n  - name: new\n    type: string\n  - name: extraField\n    type: string\n  - name: other\n    type: string\n    rust_name: new\n",
        )
        .edit(
            "demo/types.yaml",
            "      - name: children\n",
            "      - name: New\n        type: string\n      - name: children\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:18:11: error: field `new` becomes Rust field `new`, whose setter would collide with the method `new` every generated struct has (reserved: `new`, `extra_field`)
  = help: set `rust_name` (e.g. `rust_name: new_value`)
demo/oauth/authorize.yaml:20:11: error: field `extraField` becomes Rust field `extra_field`, whose setter would collide with the method `extra_field` every generated struct has (reserved: `new`, `extra_field`)
  = help: set `rust_name` (e.g. `rust_name: extra_field_value`)
demo/oauth/authorize.yaml:24:16: error: field `other` becomes Rust field `new`, whose setter would collide with the method `new` every generated struct has (reserved: `new`, `extra_field`)
  = help: set `rust_name` (e.g. `rust_name: new_value`)
demo/types.yaml:8:15: error: field `New` becomes Rust field `new`, whose setter would collide with the method `new` every generated struct has (reserved: `new`, `extra_field`)
  = help: set `rust_name` (e.g. `rust_name: new_value`)
4 errors in the spec
"#,
    );
}

#[test]
fn a_field_named_new_loads_with_rust_name() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: state\n    type: string\n",
        "  - name: state\n    type: string\n  - name: new\n    type: string\n    rust_name: new_value\n",
    );
    assert!(load(tree.root()).is_ok());
}

#[test]
fn endpoint_methods_that_clash_with_generated_client_methods_are_refused() {
    // A call endpoint named `name`, with or without `kind: redirect`.
    let endpoint = |name: &str, redirect: bool| {
        format!(
            "name: {name}\n{}summary: {{en: s}}\ndocs_url: https://open.example.com/docs/x\nmethod: GET\npath: /x\nauth: none\nidempotent: true\n{}",
            if redirect { "kind: redirect\n" } else { "" },
            if redirect { "" } else { "response: []\n" },
        )
    };
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "idempotent: true\n",
            "idempotent: true\npagination:\n  offset: search_query_info.offset\n  limit: search_query_info.limit\n  default_limit: 20\n  items: users\n",
        )
        .write("demo/builder.yaml", endpoint("builder", false))
        .write("demo/base_url.yaml", endpoint("baseUrl", false))
        .write("demo/with_retry.yaml", endpoint("withRetry", true))
        .write("demo/sign_in.yaml", endpoint("signIn", true))
        .write("demo/sign_in_url.yaml", endpoint("signInUrl", false))
        .write("demo/query_users_stream.yaml", endpoint("queryUsersStream", false));
    assert_report(
        &tree.errors(),
        r#"
demo/base_url.yaml:1:1: error: endpoint `demo/base_url.yaml` becomes client method `base_url`, which every generated `Client` has (reserved: `builder`, `base_url`, `with_timeout`, `with_retry`, `new`)
  = help: rename the file: its stem names the method
demo/builder.yaml:1:1: error: endpoint `demo/builder.yaml` becomes client method `builder`, which every generated `Client` has (reserved: `builder`, `base_url`, `with_timeout`, `with_retry`, `new`)
  = help: rename the file: its stem names the method
demo/query_users_stream.yaml:1:1: error: endpoint `demo/query_users_stream.yaml` becomes client method `query_users_stream`, like the stream method of `demo/crm/query_users.yaml`
  = help: rename one of the files: all endpoints of a provider are methods of one client
demo/sign_in_url.yaml:1:1: error: endpoint `demo/sign_in_url.yaml` becomes client method `sign_in_url`, like `demo/sign_in.yaml`
  = help: rename one of the files: all endpoints of a provider are methods of one client
4 errors in the spec
"#,
    );
}

#[test]
fn fractional_bounds_on_integer_fields_are_refused() {
    // An integer field's check compares integers: `minimum: 0.5` would be enforced as some
    // integer while the docs say "at least 0.5". Integral floats (`100.0`) are integers.
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "constraints: {minimum: 1, maximum: 100}",
        "constraints: {minimum: 0.5, maximum: 100.0}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:29:32: error: `minimum` 0.5 of field `limit` is not an integer, and the field is `i32`; integer fields take integer bounds
  = help: write the integer the rule means, or make the field `f64`
1 error in the spec
"#,
    );
}

#[test]
fn types_named_like_generated_marker_types_are_refused() {
    // The `const` field `objectType` of the request generates the marker type
    // `QueryUsersRequestObjectType` in the same module (E0428 if a spec type had that name).
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "types:\n  - name: SearchQuery\n",
        "types:\n  - name: QueryUsersRequestObjectType\n    enum: [{value: A}]\n  - name: SearchQuery\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:24:11: error: type `QueryUsersRequestObjectType` collides with the marker type generated for constant field `objectType` of `QueryUsersRequest` in module `demo::crm`
  = help: rename the type
1 error in the spec
"#,
    );
}

#[test]
fn shared_types_named_like_their_markers_are_refused() {
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "      - name: children\n",
        "      - name: kind\n        type: string\n        required: true\n        const: person\n      - name: children\n",
    );
    let types =
        tree.read("demo/types.yaml") + "  - name: UserInfoKind\n    enum: [{value: person}]\n";
    let tree = tree.write("demo/types.yaml", types);
    let report = tree.errors();
    assert!(
        report.contains("error: type `UserInfoKind` collides with the marker type generated for constant field `kind` of `UserInfo` in module `types`"),
        "{report}"
    );
}
