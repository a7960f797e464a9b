//! A valid tree, and structural errors (serde): unknown, missing and mistyped keys, YAML
//! syntax, empty and broken files.

use super::*;

// -------------------------------------------------------------------------------------------
// A valid tree
// -------------------------------------------------------------------------------------------

#[test]
fn valid_tree_loads_sorted() {
    let tree = Tree::valid();
    let set = match load(tree.root()) {
        Ok(set) => set,
        Err(diags) => panic!("valid tree failed:\n{diags}"),
    };
    assert_eq!(set.root, tree.root());
    let names: Vec<&str> = set
        .providers
        .iter()
        .map(|p| p.provider.name.value.as_str())
        .collect();
    assert_eq!(names, ["cloud", "demo"]);
    let cloud = &set.providers[0];
    assert!(cloud.types.is_none());
    assert_eq!(cloud.endpoints.len(), 1);
    assert!(cloud.endpoints[0].modules.is_empty());
    let demo = &set.providers[1];
    assert_eq!(demo.file, Path::new("demo/provider.yaml"));
    assert_eq!(demo.provider.name.value, "demo");
    assert_eq!(demo.provider.name.pos.line, 1);
    assert_eq!(demo.provider.name.pos.column, 7);
    let types = demo.types.as_ref().expect("types.yaml");
    assert_eq!(types.file, Path::new("demo/types.yaml"));
    assert_eq!(types.types.types.len(), 2);
    let files: Vec<_> = demo.endpoints.iter().map(|e| e.file.clone()).collect();
    assert_eq!(
        files,
        [
            PathBuf::from("demo/crm/query_users.yaml"),
            PathBuf::from("demo/oauth/authorize.yaml")
        ]
    );
    assert_eq!(demo.endpoints[0].modules, ["crm"]);
    assert_eq!(demo.endpoints[0].stem, "query_users");
    assert_eq!(demo.endpoints[0].spec.examples.len(), 2);
}

#[test]
fn non_spec_files_are_ignored() {
    // A README and a JSON file at the root, and a non-YAML file in a provider, are ignored.
    let tree = Tree::valid()
        .write("spec.schema.json", "{}")
        .write("demo/NOTES.md", "notes");
    assert!(load(tree.root()).is_ok());
}

// -------------------------------------------------------------------------------------------
// Structural errors (serde): one per file
// -------------------------------------------------------------------------------------------

#[test]
fn unknown_key_suggests_the_closest() {
    let tree = Tree::valid().edit("demo/crm/query_users.yaml", "path: /cgi", "pth: /cgi");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:6:1: error: unknown key `pth` in the endpoint file
  = help: did you mean `path`?
1 error in the spec
"#,
    );
}

#[test]
fn unknown_key_lists_the_expected_keys() {
    let tree = Tree::valid().edit("demo/provider.yaml", "  scope: app", "  colour: red");
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:29:3: error: unknown key `colour` in `rate_limit`
  = help: expected one of `requests`, `per_seconds`, `scope`
1 error in the spec
"#,
    );
}

#[test]
fn app_wide_rate_limits_agree_within_a_provider() {
    // The provider's own app-wide limit is 100 per 60 s: an endpoint may repeat it, or have a
    // per-endpoint one of its own, but a different app-wide budget is a contradiction.
    let same = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "idempotent: true\n",
        "idempotent: true\nrate_limit: {requests: 100, per_seconds: 60, scope: app}\n",
    );
    assert!(load(same.root()).is_ok(), "{}", same.errors());
    let own = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "idempotent: true\n",
        "idempotent: true\nrate_limit: {requests: 5, per_seconds: 1, scope: endpoint}\n",
    );
    assert!(load(own.root()).is_ok(), "{}", own.errors());
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "idempotent: true\n",
        "idempotent: true\nrate_limit: {requests: 5, per_seconds: 1, scope: app}\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:9:24: error: app-wide `rate_limit` of 5 per 1 s differs from the one in `demo/provider.yaml` (100 per 60 s); the provider has one app-wide budget
  = help: give every app-wide limit of the provider the same `requests` and `per_seconds`, or use `scope: endpoint`
1 error in the spec
"#,
    );
}

#[test]
fn field_default_rules() {
    // `offset` is a multiple of the optional `limit`: `limit` needs the vendor's default.
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "        required: true\n        constraints: {minimum: 1, maximum: 100}",
        "        constraints: {minimum: 1, maximum: 100}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:31:42: error: `multiple_of_field` of `offset` names the optional field `limit`, which has no `default`: with `limit` unset the rule could not be checked
  = help: give `limit` the vendor's documented `default` (e.g. its default page size)
1 error in the spec
"#,
    );
    let with_default = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "        required: true\n        constraints: {minimum: 1, maximum: 100}",
        "        default: 20\n        constraints: {minimum: 1, maximum: 100}",
    );
    assert!(
        load(with_default.root()).is_ok(),
        "{}",
        with_default.errors()
    );
    // A default on a required field, outside the bounds, on a string, beyond `i32`.
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "        required: true\n        constraints: {minimum: 1, maximum: 100}",
            "        required: true\n        default: 200\n        constraints: {minimum: 1, maximum: 100}",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "      - name: keyword\n        type: string\n",
            "      - name: keyword\n        type: string\n        default: 3\n",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "      - name: offset\n        type: i32\n",
            "      - name: offset\n        type: i32\n        default: 4294967296\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:29:18: error: `default` 200 of `limit` is above `maximum` 100
demo/crm/query_users.yaml:29:18: error: field `limit` is required, so a `default` would never apply
  = help: remove `default`, or make the field optional
demo/crm/query_users.yaml:33:18: error: `default` 4294967296 of `offset` is outside the range of `i32`
demo/crm/query_users.yaml:39:18: error: `default` applies to `i32`, `i64` and `u64` fields, but field `keyword` is `string`
4 errors in the spec
"#,
    );
}

/// A response is never validated and an unset response field stays `None`: a `default`
/// there would do nothing but claim something in rustdoc.
#[test]
fn a_default_on_a_response_field_is_refused() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "  - name: total\n    type: i64\n",
        "  - name: total\n    type: i64\n    default: 0\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:23:14: error: `default` on response field `total` would do nothing: an unset response field stays unset
  = help: remove `default`; say the vendor's value in `docs`
1 error in the spec
"#,
    );
}

/// `i64::MIN % -1` overflows: a default of `i64::MIN` beside a (refused) `multiple_of: -1`
/// is reported, not a panic of the loader.
#[test]
fn a_default_beside_a_negative_multiple_of_is_reported_not_a_panic() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "      - name: offset\n        type: i32\n        constraints: {multiple_of_field: limit}",
        "      - name: offset\n        type: i64\n        default: -9223372036854775808\n        constraints: {multiple_of: -1}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:33:36: error: `multiple_of` must be greater than 0, found -1
1 error in the spec
"#,
    );
}

#[test]
fn control_characters_in_messages_are_escaped() {
    // YAML's `\e` is ESC: quoted back raw, it would start a terminal escape sequence.
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "path: /cgi/crm/users/query",
        "path: \"/cgi/\\e[2Jcrm\"",
    );
    let report = tree.errors();
    assert!(!report.contains('\u{1b}'), "{report:?}");
    assert!(report.contains("/cgi/\\u{1b}[2Jcrm"), "{report}");
}

#[test]
fn unknown_key_in_a_field() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: state\n    type: string",
        "  - name: state\n    type: string\n    requird: true",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:18:5: error: unknown key `requird` in a field
  = help: did you mean `required`?
1 error in the spec
"#,
    );
}

#[test]
fn missing_required_key() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "docs_url: https://open.example.com/docs/authorize\n",
        "",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:1:1: error: missing key `docs_url` in the endpoint file
1 error in the spec
"#,
    );
}

#[test]
fn missing_required_key_in_a_nested_mapping() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "  - name: redirect_uri\n    type: string\n",
        "  - name: redirect_uri\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:13:5: error: missing key `type` in a field
1 error in the spec
"#,
    );
}

#[test]
fn wrong_value_type() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "idempotent: true",
        "idempotent: yes",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:8:13: error: `idempotent`: found string `"yes"`, expected a boolean (`true` or `false`)
1 error in the spec
"#,
    );
}

#[test]
fn wrong_value_types_of_other_kinds() {
    let tree = Tree::valid()
        .edit("demo/provider.yaml", "requests: 100", "requests: many")
        .edit(
            "demo/crm/query_users.yaml",
            "summary:\n  en: Queries users.",
            "summary: Queries users.",
        )
        .edit("demo/types.yaml", "      - value: EQ\n", "      - EQ\n")
        .edit("demo/oauth/authorize.yaml", "method: GET", "method: get");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:2:10: error: `summary`: found string `"Queries users."`, expected a mapping
  = help: write the text under `zh:` and/or `en:`, e.g. `summary: {en: ...}`
demo/oauth/authorize.yaml:5:9: error: `method`: unknown value `get`, expected one of `GET`, `POST`
  = help: did you mean `GET`?
demo/provider.yaml:27:13: error: `requests`: found string `"many"`, expected a whole number from 0 to 4294967295
demo/types.yaml:12:9: error: `enum` item: found string `"EQ"`, expected a mapping
  = help: write each value as a mapping: `- value: ...`
4 errors in the spec
"#,
    );
}

#[test]
fn yaml_syntax_error() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "redirect_uri: \"https://app.example.com/cb\"}",
        "redirect_uri: [}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:20:40: error: invalid YAML: mismatched bracket '[' closed by '}'
1 error in the spec
"#,
    );
}

#[test]
fn duplicate_yaml_key() {
    let tree = Tree::valid().edit(
        "demo/oauth/authorize.yaml",
        "auth: none\n",
        "auth: none\nauth: none\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:8:1: error: duplicate key `auth`
  = help: a key may appear only once in a mapping
1 error in the spec
"#,
    );
}

#[test]
fn empty_and_misnamed_files() {
    let tree = Tree::valid()
        .write("demo/crm/empty.yaml", "# nothing yet\n\n")
        .write("demo/crm/legacy.yml", "name: x\n")
        .write("stray.yaml", "name: x\n")
        .write("other/README.md", "no provider.yaml here");
    assert_report(
        &tree.errors(),
        r#"
demo/crm/empty.yaml:1:1: error: the file is empty; expected a mapping with the keys of an endpoint file
demo/crm/legacy.yml:1:1: error: spec files use the `.yaml` extension, found `.yml`
  = help: rename it to `legacy.yaml`
other:1:1: error: provider folder `other` has no `provider.yaml`
  = help: every folder of the spec root is a provider and needs a `provider.yaml`
stray.yaml:1:1: error: `stray.yaml` is directly in the spec folder; spec files belong in a provider folder
  = help: move it to `<provider>/`
4 errors in the spec
"#,
    );
}

#[test]
fn broken_provider_file_does_not_cascade() {
    // The endpoints still parse and their own checks run; checks that need the provider
    // (auth, examples) are skipped instead of reporting follow-up errors.
    let tree = Tree::valid()
        .edit("demo/provider.yaml", "protocol: fxiaoke", "protocol: soap")
        .edit(
            "demo/crm/query_users.yaml",
            "type: list<UserInfo>",
            "type: list<UserInf>",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:19:16: error: unknown type `UserInf`
  = help: did you mean `UserInfo`?
demo/provider.yaml:7:11: error: `protocol`: unknown value `soap`, expected one of `fxiaoke`, `mingdao`, `tencent_cloud`
2 errors in the spec
"#,
    );
}

#[test]
fn missing_key_in_a_flow_mapping() {
    let tree = Tree::valid()
        .edit("demo/provider.yaml", "    docs: {en: Public cloud.}\n", "")
        .edit(
            "demo/provider.yaml",
            "  - name: default\n    url: https://open.example.com\n",
            "  - {name: default, url: \"https://open.example.com\"}\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:9:5: error: missing key `docs` in a base URL
1 error in the spec
"#,
    );
}
