//! Loader and validator tests: a valid tree loads, and every class of mistake is reported with
//! its exact `file:line:col: error: message` line (and help).
//!
//! Each test copies `tests/fixtures/loader/valid` into a temporary folder, changes one thing
//! and compares the full report (with the temporary root removed from the paths).

mod common;

use common::copy_dir;

use std::fs;
use std::path::{Path, PathBuf};

use bindery_codegen::spec::load;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/loader/valid");

/// A copy of the valid fixture tree that a test can change.
struct Tree {
    dir: tempfile::TempDir,
}

impl Tree {
    fn valid() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(Path::new(FIXTURE), dir.path());
        Self { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).expect("read fixture file")
    }

    /// Replaces `from` (which must occur exactly once) by `to` in `rel`.
    fn edit(self, rel: &str, from: &str, to: &str) -> Self {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {rel}"
        );
        fs::write(self.path(rel), text.replacen(from, to, 1)).expect("write fixture file");
        self
    }

    /// Writes a file (creating folders).
    fn write(self, rel: &str, text: impl AsRef<[u8]>) -> Self {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folder");
        }
        fs::write(path, text).expect("write fixture file");
        self
    }

    /// The full report of a load that must fail, with the temporary root removed.
    fn errors(&self) -> String {
        match load(self.root()) {
            Ok(_) => panic!("the tree loaded without errors"),
            Err(diags) => {
                let prefix = format!("{}{}", self.root().display(), std::path::MAIN_SEPARATOR);
                diags.to_string().replace(&prefix, "")
            }
        }
    }
}

/// Compares a report line by line so that a mismatch shows the whole report.
#[track_caller]
fn assert_report(actual: &str, expected: &str) {
    let expected = expected.trim_start_matches('\n').trim_end();
    assert!(
        actual == expected,
        "report differs\n--- actual ---\n{actual}\n--- expected ---\n{expected}\n"
    );
}

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
demo/crm/query_users.yaml:39:18: error: `default` applies to `i32` and `i64` fields, but field `keyword` is `string`
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

// -------------------------------------------------------------------------------------------
// Endpoints and providers
// -------------------------------------------------------------------------------------------

#[test]
fn duplicate_endpoint_method_name() {
    let text = Tree::valid().read("demo/crm/query_users.yaml");
    let tree = Tree::valid().write("demo/oauth/query_users.yaml", text);
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/query_users.yaml:1:1: error: endpoint `demo/oauth/query_users.yaml` becomes client method `query_users`, like `demo/crm/query_users.yaml`
  = help: rename one of the files: all endpoints of a provider are methods of one client
demo/oauth/query_users.yaml:1:7: error: duplicate endpoint name `queryUsers`: `demo/crm/query_users.yaml` has it too
2 errors in the spec
"#,
    );
}

#[test]
fn invalid_path() {
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "path: /cgi/crm/users/query",
            "path: cgi/crm/users/query",
        )
        .edit(
            "demo/oauth/authorize.yaml",
            "path: /oauth2/authorize",
            "path: /oauth2/authorize?x=1",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:6:7: error: path `cgi/crm/users/query` must start with `/`
demo/oauth/authorize.yaml:6:7: error: path `/oauth2/authorize?x=1` must not contain `?`; query parameters go in `query`
2 errors in the spec
"#,
    );
}

#[test]
fn invalid_base_urls() {
    let tree = Tree::valid()
        .edit(
            "demo/provider.yaml",
            "url: https://open.example.com\n",
            "url: http://open.example.com\n",
        )
        .edit(
            "demo/provider.yaml",
            "url: https://{host}/open",
            "url: https://{host}.{host}/open",
        )
        .edit(
            "demo/provider.yaml",
            "  - name: private_deployment",
            "  - name: default",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:10:10: error: base URL `http://open.example.com` uses `http`; expected an absolute `https` URL
demo/provider.yaml:12:11: error: duplicate base URL name `default` (first at line 9)
demo/provider.yaml:13:10: error: base URL `https://{host}.{host}/open` has 2 `{host}` placeholders; at most one is allowed
3 errors in the spec
"#,
    );
}

#[test]
fn provider_rules() {
    let tree = Tree::valid()
        .edit("demo/provider.yaml", "name: demo", "name: Demo")
        .edit(
            "demo/provider.yaml",
            "kind: fxiaoke_body",
            "kind: mingdao_sign",
        )
        .edit(
            "demo/provider.yaml",
            "  code: errorCode",
            "  code: error..code",
        )
        .edit(
            "demo/provider.yaml",
            "  - code: 20016",
            "  - code: \"20016\"",
        )
        .edit("demo/provider.yaml", "env: DEMO_APP_ID", "env: demo_app_id");
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:1:7: error: provider name `Demo` does not match its folder `demo`
  = help: set `name: demo` or rename the folder
demo/provider.yaml:1:7: error: provider name `Demo` is not a snake_case identifier
  = help: use `demo`
demo/provider.yaml:16:9: error: envelope `code` path `error..code` is not a dot-separated list of JSON keys
  = help: write it like `Response.Error.Code`
demo/provider.yaml:23:11: error: auth kind `mingdao_sign` is for protocol `mingdao`, but this provider uses `fxiaoke`
  = help: use one of `fxiaoke_header`, `fxiaoke_body`
demo/provider.yaml:32:10: error: environment variable `demo_app_id` is not an upper-case name like `DEMO_APP_ID`
  = help: use `DEMO_APP_ID`
demo/provider.yaml:39:11: error: error code: found string "20016", expected an integer (protocol `fxiaoke` uses integer codes)
6 errors in the spec
"#,
    );
}

#[test]
fn endpoint_rules() {
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "auth: corp_token",
            "auth: corp_tokn",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "docs_url: https://open.example.com/docs/query-users",
            "docs_url: see the vendor page",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "path: /cgi/crm/users/query",
            "path: /cgi/crm/users/query\naction: QueryUsers",
        )
        .edit("demo/oauth/authorize.yaml", "method: GET", "method: POST")
        .edit(
            "demo/oauth/authorize.yaml",
            "summary: {zh: 授权, en: Sends the user to the consent page.}",
            "summary: {en: \"  \"}",
        )
        .edit(
            "demo/oauth/authorize.yaml",
            "examples:",
            "response:\n  - name: code\n    type: string\nexamples:",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:4:11: error: `docs_url` `see the vendor page` is not an absolute http(s) URL
demo/crm/query_users.yaml:7:9: error: `action` is only for `tencent_cloud` providers, and this one uses `fxiaoke`
  = help: remove `action`
demo/crm/query_users.yaml:8:7: error: unknown auth scheme `corp_tokn`
  = help: did you mean `corp_token`?
demo/oauth/authorize.yaml:3:15: error: `summary` has no text; expected `zh` or `en`
demo/oauth/authorize.yaml:5:9: error: a `redirect` endpoint must use method `GET`
demo/oauth/authorize.yaml:19:11: error: a `redirect` endpoint has no `response`: the browser is sent away
6 errors in the spec
"#,
    );
}

#[test]
fn tencent_cloud_rules() {
    let tree = Tree::valid()
        .edit(
            "demo/provider.yaml",
            "protocol: fxiaoke",
            "protocol: tencent_cloud",
        )
        .edit(
            "demo/provider.yaml",
            "kind: fxiaoke_body",
            "kind: tc3_hmac_sha256",
        )
        .edit(
            "demo/provider.yaml",
            "  - code: 20016",
            "  - code: AuthFailure",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "error_code: 20016",
            "error_code: \"AuthFailure\"",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "errorCode: 20016",
            "errorCode: AuthFailure",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:1:7: error: an endpoint of a `tencent_cloud` provider needs `action` (the `X-TC-Action`)
demo/oauth/authorize.yaml:1:7: error: an endpoint of a `tencent_cloud` provider needs `action` (the `X-TC-Action`)
demo/provider.yaml:7:11: error: protocol `tencent_cloud` needs a `tencent_cloud` section with `service` and `version`
3 errors in the spec
"#,
    );
}

#[test]
fn folder_and_file_names() {
    let text = Tree::valid().read("demo/oauth/authorize.yaml");
    let tree = Tree::valid()
        .write(
            "demo/Admin/getUser.yaml",
            text.replace("name: authorize", "name: getUser"),
        )
        .write(
            "demo/types/type.yaml",
            text.replace("name: authorize", "name: type"),
        );
    assert_report(
        &tree.errors(),
        r#"
demo/Admin/getUser.yaml:1:1: error: file name `getUser` is not a snake_case identifier
  = help: use `get_user`
demo/Admin/getUser.yaml:1:1: error: folder `Admin` is not a snake_case identifier (it becomes a Rust module)
  = help: use `admin`
demo/types/type.yaml:1:1: error: file name `type` is a Rust keyword
  = help: choose another name
demo/types/type.yaml:1:1: error: folder `types` is reserved for a module of the generated crate (it becomes a Rust module)
  = help: choose another name
4 errors in the spec
"#,
    );
}

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
demo/crm/query_users.yaml:41:7: error: example `success` request: `search_query_info.limit`: found string "5", expected i32
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
demo/crm/query_users.yaml:46:7: error: example `success` response: `data.users[0].userId`: missing required field
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
demo/crm/query_users.yaml:41:7: error: example `success` request: `search_query_info.limit`: missing required field
demo/crm/query_users.yaml:41:7: error: example `success` request: `search_query_info.limt`: unknown field
  = help: did you mean `limit`?
2 errors in the spec
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
demo/crm/query_users.yaml:41:7: error: example `success` request: `objectType`: found string "ContactObj", expected the constant "AccountObj"
demo/crm/query_users.yaml:41:7: error: example `success` request: `search_query_info.keyword`: string "ABC" does not match `pattern` `[a-z]+`
demo/crm/query_users.yaml:41:7: error: example `success` request: `search_query_info.limit`: 500 is greater than `maximum` 100
demo/crm/query_users.yaml:41:7: error: example `success` request: `search_query_info.offset`: 15 is not a multiple of `limit` (500)
demo/crm/query_users.yaml:41:7: error: example `success` request: `search_query_info.op`: found string "GT", expected one of `EQ`, `GTE` (enum `Operator`)
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
demo/crm/query_users.yaml:46:7: error: example `success` response: `data.total`: found number 1.5, expected i64
demo/crm/query_users.yaml:46:7: error: example `success` response: `errorCode`: found integer 5, expected the success code 0
  = help: set `error_code` on an example of an error response
demo/crm/query_users.yaml:61:15: error: example `token_expired` response: `errorCode`: found integer 20016, expected the example's `error_code` 20017
3 errors in the spec
"#,
    );
}

// -------------------------------------------------------------------------------------------
// Everything at once, and garbage
// -------------------------------------------------------------------------------------------

#[test]
fn several_mistakes_in_several_files_are_reported_together() {
    let tree = Tree::valid()
        .edit("demo/provider.yaml", "title: Demo", "titel: Demo")
        .edit("demo/types.yaml", "type: list<UserInfo>", "type: list<Usr>")
        .edit("demo/crm/query_users.yaml", "type: i64", "type: int")
        .edit(
            "demo/crm/query_users.yaml",
            "path: /cgi/crm/users/query",
            "path: /cgi//query",
        )
        .edit(
            "demo/oauth/authorize.yaml",
            "idempotent: true",
            "idempotent: 1",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:6:7: error: path `/cgi//query` must not contain `//`
demo/crm/query_users.yaml:22:11: error: unknown type `int`
  = help: the spec writes this as `i32` or `i64` (or `f64`)
demo/oauth/authorize.yaml:8:13: error: `idempotent`: found integer `1`, expected a boolean (`true` or `false`)
demo/provider.yaml:2:1: error: unknown key `titel` in the provider file
  = help: did you mean `title`?
demo/types.yaml:9:20: error: unknown type `Usr`
  = help: did you mean `UserInfo`?
5 errors in the spec
"#,
    );
}

#[test]
fn garbage_never_panics() {
    let deep_flow = format!("name: {}{}", "[".repeat(5000), "]".repeat(5000));
    let deep_block: String = (0..300)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    let inputs: Vec<Vec<u8>> = vec![
        vec![0, 159, 146, 150, 255, 0, 1, 2],
        b"\xef\xbb\xbf".to_vec(),
        b"[".to_vec(),
        b"{a: [}".to_vec(),
        b"".to_vec(),
        b"---\n...\n".to_vec(),
        b"~".to_vec(),
        b"- 1\n- 2\n".to_vec(),
        b"name: 123456789012345678901234567890123456789\n".to_vec(),
        b"types: [{name: A, fields: [{name: a, type: i32, constraints: {minimum: 1e999999}}]}]\n"
            .to_vec(),
        b"name: &a [*a]\n".to_vec(),
        b"a: *nope\n".to_vec(),
        b"a: !!binary zz\n".to_vec(),
        b"\t\tname:\n\t- x".to_vec(),
        b"name: \"unterminated\n".to_vec(),
        b"? [complex, key]\n: value\n".to_vec(),
        b"name: x\n---\nname: y\n".to_vec(),
        deep_flow.into_bytes(),
        deep_block.into_bytes(),
        "名前: ✓\n\u{202e}: x\n".as_bytes().to_vec(),
    ];
    for (i, input) in inputs.iter().enumerate() {
        for file in [
            "demo/provider.yaml",
            "demo/types.yaml",
            "demo/crm/query_users.yaml",
        ] {
            let tree = Tree::valid().write(file, input);
            let result = std::panic::catch_unwind(|| load(tree.root()));
            match result {
                Ok(Ok(_)) => panic!("input {i} in {file} loaded"),
                Ok(Err(diags)) => assert!(!diags.0.is_empty()),
                Err(_) => panic!("input {i} in {file} panicked"),
            }
        }
    }
}

#[test]
fn missing_root_is_an_error() {
    let tree = Tree::valid();
    let missing = tree.path("nope");
    let err = load(&missing)
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert!(err.ends_with("1 error in the spec"), "{err}");
}

#[test]
fn pathological_but_well_formed_specs_do_not_overflow() {
    // A type expression nested far deeper than anyone writes.
    let deep = format!("{}string{}", "list<".repeat(20_000), ">".repeat(20_000));
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "type: list<UserInfo>",
        &format!("type: {deep}"),
    );
    let report = tree.errors();
    assert!(
        report.contains("the type nests more than 16 `list<…>`/`map<…>` levels"),
        "{report}"
    );

    // A cycle through 3000 types is found once, and cheaply.
    let mut types = String::from("types:\n");
    for i in 0..3000 {
        let next = (i + 1) % 3000;
        types.push_str(&format!(
            "  - name: T{i}\n    fields:\n      - name: next\n        type: T{next}\n"
        ));
    }
    let tree = Tree::valid().write("demo/types.yaml", types).edit(
        "demo/crm/query_users.yaml",
        "type: list<UserInfo>",
        "type: list<T0>",
    );
    let report = tree.errors();
    assert!(report.contains("demo/types.yaml:5:15: error: type `T0` contains itself (`T0.next` → `T1.next` → `T2.next` → `T3.next` → `T4.next` → … 2995 more → `T0`)"), "{report}");
}

#[test]
fn more_endpoint_rules() {
    let tree = Tree::valid()
        .edit("demo/crm/query_users.yaml", "method: POST", "method: GET")
        .edit(
            "demo/crm/query_users.yaml",
            "  - name: token_expired",
            "  - name: success",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "    error_code: 20016",
            "    error_code: 20016\n  - name: no_response\n    request: {}\n    error_code: 20016",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "{multiple_of_field: limit}",
            "{multiple_of_field: keyword}",
        )
        .edit(
            "demo/provider.yaml",
            "errors:\n",
            "errors:\n  - code: 20016\n    docs: {en: Again.}\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:10:11: error: a `GET` endpoint has no body; its parameters go in `query`
demo/crm/query_users.yaml:32:42: error: `multiple_of_field` names `keyword`, which is `string`; expected an integer field
demo/crm/query_users.yaml:55:11: error: duplicate example `success` (first at line 39)
demo/crm/query_users.yaml:65:17: error: example `no_response` has `error_code` but no `response`
demo/provider.yaml:41:11: error: duplicate error code `20016` (first at line 39)
5 errors in the spec
"#,
    );
}

#[test]
fn tencent_cloud_codes_and_envelopes() {
    let tree = Tree::valid()
        .edit(
            "cloud/provider.yaml",
            "  - code: InvalidParameter",
            "  - code: 4001",
        )
        .edit(
            "cloud/create_flow.yaml",
            "        FlowId: f-1\n",
            "        FlowId: f-1\n        Error: {Code: Oops}\n",
        )
        .edit(
            "cloud/create_flow.yaml",
            "error_code: InvalidParameter",
            "error_code: 4001",
        )
        .edit("cloud/create_flow.yaml", "action: CreateFlow\n", "")
        .edit(
            "demo/provider.yaml",
            "envelope:",
            "tencent_cloud: {service: ess, version: \"2020-11-11\"}\nenvelope:",
        );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:1:7: error: an endpoint of a `tencent_cloud` provider needs `action` (the `X-TC-Action`)
cloud/create_flow.yaml:43:7: error: example `created` response: `Response.Error.Code`: found string "Oops", but this provider's responses carry a code only on errors
  = help: set `error_code` on an example of an error response
cloud/create_flow.yaml:50:7: error: example `bad_name` response: `Response.Error.Code`: found string "InvalidParameter", expected the example's `error_code` 4001
cloud/create_flow.yaml:53:17: error: example `bad_name`: `error_code`: found integer 4001, expected a string like `InvalidParameter` (protocol `tencent_cloud` uses string codes)
cloud/provider.yaml:24:11: error: error code: found integer 4001, expected a string like `InvalidParameter` (protocol `tencent_cloud` uses string codes)
demo/provider.yaml:15:26: error: a `tencent_cloud` section is only for protocol `tencent_cloud`, not `fxiaoke`
  = help: remove the `tencent_cloud` section
6 errors in the spec
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

#[test]
fn token_endpoint_rules() {
    let tree = Tree::valid().edit(
        "demo/provider.yaml",
        "    body_fields: [corpAccessToken, corpId]\n",
        "    body_fields: [corpAccessToken, corpId]\n    token:\n      endpoint: oauth/authorise\n      value: corpAccessToken\n      lifetime: expiresIn\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:27:17: error: token endpoint `oauth/authorise` is not an endpoint of this provider
  = help: did you mean `oauth/authorize`?
1 error in the spec
"#,
    );
    let tree = Tree::valid().edit(
        "demo/provider.yaml",
        "    body_fields: [corpAccessToken, corpId]\n",
        "    body_fields: [corpAccessToken, corpId]\n    token:\n      endpoint: crm/query_users\n      value: users\n      lifetime: total\n      fields: [nope]\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:10:11: error: required field `search_query_info` of token endpoint `crm/query_users` is not an app credential
  = help: a client fills token requests from `appId`, `appSecret`, `permanentCode`
demo/provider.yaml:27:17: error: token endpoint `crm/query_users` uses auth `corp_token`; a token endpoint must use `auth: none`
demo/provider.yaml:28:14: error: token value `users` is `list<UserInfo>`; expected `string` or `secret`
demo/provider.yaml:29:17: error: token lifetime `total` must be a required response field of `crm/query_users`
demo/provider.yaml:30:16: error: token field `nope` is not a response field of `crm/query_users`
5 errors in the spec
"#,
    );
}

#[test]
fn pagination_rules() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "response:\n  - name: users\n",
        "pagination:\n  offset: search_query_info.ofset\n  limit: search_query_info.keyword\n  default_limit: 20\n  items: total\n  cursor:\n    key: _id\n    filters: objectType\n    filter: GT\n    orders: search_query_info.op.x\n    order: {fieldName: _id}\nresponse:\n  - name: users\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:18:11: error: request path `search_query_info.ofset`: no field `ofset`
demo/crm/query_users.yaml:19:10: error: request path `search_query_info.keyword` is `string`; expected an integer
demo/crm/query_users.yaml:21:10: error: response path `total` is `i64`; expected a `list<…>`
demo/crm/query_users.yaml:23:10: error: a cursor continues past `max_offset`, which is not set
demo/crm/query_users.yaml:24:14: error: request path `objectType` is `string`; expected a `list<…>`
demo/crm/query_users.yaml:25:13: error: cursor `filter` must be an object
demo/crm/query_users.yaml:26:13: error: request path `search_query_info.op.x`: `op` is the enum `Operator`, not an object
7 errors in the spec
"#,
    );
}

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
fn unquoted_enum_values_that_are_not_strings_are_refused() {
    // `value: 0` used to become the string "0", sent where the vendor expects the number 0.
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "      - value: EQ\n",
        "      - value: EQ\n      - value: 0\n        rust_name: Zero\n      - value: true\n        rust_name: Yes\n      - value: 1.5\n        rust_name: OneAndAHalf\n      - value: \"1\"\n        rust_name: One\n      - value: '2'\n        rust_name: Two\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:13:16: error: `value` 0 of enum `Operator` is not a string: YAML reads it unquoted as an integer
  = help: write it quoted (`value: "0"`) if the vendor sends the string; integer enums are not supported yet
demo/types.yaml:15:16: error: `value` true of enum `Operator` is not a string: YAML reads it unquoted as a boolean
  = help: write it quoted (`value: "true"`) if the vendor sends the string; integer enums are not supported yet
demo/types.yaml:17:16: error: `value` 1.5 of enum `Operator` is not a string: YAML reads it unquoted as a number
  = help: write it quoted (`value: "1.5"`) if the vendor sends the string; integer enums are not supported yet
3 errors in the spec
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
