//! `spec-diff`'s judgement, one change class at a time: a fixture history of a small spec
//! (`tests/fixtures/diff`) and one edit per class, each with the kinds and verdicts it must
//! give and a snapshot of its text and JSON report.

mod common;

use common::copy_dir;

use std::path::{Path, PathBuf};

use bindery_codegen::diff::{self, ChangeKind as K, Impact as I, SpecDiff, report};
use bindery_codegen::ir::{self, Crate};
use bindery_codegen::spec;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

fn load(dir: &Path) -> Crate {
    let set = spec::load(dir).unwrap_or_else(|d| panic!("{dir:?} does not load:\n{d:?}"));
    ir::lower(&set).unwrap_or_else(|d| panic!("{dir:?} does not lower:\n{d:?}"))
}

/// One edit of a spec file, relative to the spec root.
enum Edit {
    /// Replace the only occurrence of a text.
    Replace(&'static str, &'static str, &'static str),
    /// Write a whole file.
    Write(&'static str, &'static str),
    /// Delete a file.
    Remove(&'static str),
    /// Move a file.
    Move(&'static str, &'static str),
}

use Edit::{Move, Remove, Replace, Write};

fn apply(root: &Path, edits: &[Edit]) {
    for edit in edits {
        match edit {
            Replace(file, from, to) => {
                let path = root.join(file);
                let text = std::fs::read_to_string(&path).expect("read");
                assert_eq!(
                    text.matches(from).count(),
                    1,
                    "`{from}` must occur once in {file}"
                );
                std::fs::write(&path, text.replace(from, to)).expect("write");
            }
            Write(file, text) => {
                let path = root.join(file);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(path, text).expect("write");
            }
            Remove(file) => std::fs::remove_file(root.join(file)).expect("remove"),
            Move(from, to) => {
                let target = root.join(to);
                std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
                std::fs::rename(root.join(from), target).expect("move");
            }
        }
    }
}

/// The base fixture and the fixture after the edits.
fn before_and_after(edits: &[Edit]) -> (Crate, Crate) {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(), dir.path());
    apply(dir.path(), edits);
    (load(&fixture()), load(dir.path()))
}

fn sides() -> report::Sides {
    report::Sides {
        base: "base".to_owned(),
        head: "edited".to_owned(),
    }
}

/// Both renderings, as snapshotted.
fn rendered(changes: &SpecDiff) -> String {
    let json = serde_json::to_string_pretty(&report::json(changes, &sides())).expect("json");
    format!(
        "{}\n---- json ----\n{json}\n",
        report::text(changes, &sides())
    )
}

fn assert_changes(name: &str, changes: &SpecDiff, expected: &[(K, I)]) {
    let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(
        got,
        expected,
        "{name}:\n{}",
        report::text(changes, &sides())
    );
    insta::assert_snapshot!(name, rendered(changes));
}

/// Diffs the base fixture with its edited copy and checks the kinds and verdicts, in order.
fn check(name: &str, edits: &[Edit], expected: &[(K, I)]) -> SpecDiff {
    let (base, head) = before_and_after(edits);
    let changes = diff::diff(&base, &head);
    assert_changes(name, &changes, expected);
    changes
}

/// The same with the sides swapped: the edit is what the base had.
fn check_reversed(name: &str, edits: &[Edit], expected: &[(K, I)]) -> SpecDiff {
    let (base, head) = before_and_after(edits);
    let changes = diff::diff(&head, &base);
    assert_changes(name, &changes, expected);
    changes
}

fn reason_of(changes: &SpecDiff, kind: K) -> String {
    changes
        .changes
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| format!("{} | {}", c.reason, c.wire.clone().unwrap_or_default()))
        .unwrap_or_default()
}

const PLACE: &str = "shop/orders/place_order.yaml";
const LIST: &str = "shop/orders/list_orders.yaml";
const TOKEN: &str = "shop/oauth/corp_token.yaml";
const TYPES: &str = "shop/types.yaml";
const PROVIDER: &str = "shop/provider.yaml";

/// The pagination of `listOrders`.
const PAGINATION_BLOCK: &str = "pagination:\n  offset: offset\n  limit: limit\n  default_limit: 50\n  total: total\n  items: orders\n";
/// The token source of the `body` scheme.
const TOKEN_BLOCK: &str = "    token:\n      endpoint: oauth/corp_token\n      value: corpAccessToken\n      lifetime: expiresIn\n      fields: [corpId]\n";
/// The `mirror` base URL.
const MIRROR_BLOCK: &str = "  - name: mirror\n    url: https://mirror.shop.example\n    docs:\n      en: A second public deployment.\n";

// ---------------------------------------------------------------------------------------
// No change

#[test]
fn the_same_spec_has_no_changes() {
    let changes = check("unchanged", &[], &[]);
    assert_eq!(changes.bump(), diff::Bump::None);
    assert!(report::text(&changes, &sides()).contains("no semantic changes"));
}

#[test]
fn formatting_and_comments_are_no_change() {
    // The same endpoint with other indentation, key order, quoting, flow style and comments.
    let reformatted = r#"# yaml-language-server: $schema=../../../../../../api-spec/spec.schema.json
# A comment that was not there before.
name: "placeOrder"
method: POST
path: '/api/order/place'
summary: {en: Places an order}
docs_url: "https://shop.example/docs/place"
idempotent: false
auth: body
request:
    - name: kind
      required: true
      const: "retail"
      type: string
    - {name: code, type: string, required: true, docs: {en: The order code.}, constraints: {pattern: "[A-Za-z0-9]+", max_length: 16, min_length: 8}}
    - name: quantity   # trailing comment
      type: i32
      constraints: {minimum: 1.0, maximum: 100, multiple_of: 2}
    - name: items
      type: "list<Item>"
      required: true
      constraints:
          min_items: 1
    - name: color
      type: Color
response:
    - {name: orderId, type: string, required: true}
    - name: receipt
      type: Receipt
errors:
    - {code: 30001, docs: {en: "Out of stock."}}
examples:
    - name: placed
      request: {corpAccessToken: T, corpId: C, currentOpenUserId: U, kind: retail, code: abcdefgh, items: [{_id: "1", price: "2.50"}]}
      response:
          errorCode: 0
          errorMessage: OK
          orderId: o-1
          traceId: t-1
"#;
    check("formatting_only", &[Write(PLACE, reformatted)], &[]);
}

// ---------------------------------------------------------------------------------------
// Endpoints

#[test]
fn endpoint_added() {
    let changes = check(
        "endpoint_added",
        &[Write(
            "shop/orders/cancel_order.yaml",
            "name: cancelOrder\nsummary: {en: Cancels an order}\ndocs_url: https://shop.example/docs/cancel\n\
             method: POST\npath: /api/order/cancel\nauth: header\nidempotent: true\n\
             request:\n  - {name: orderId, type: string, required: true}\n",
        )],
        &[(K::EndpointAdded, I::Addition)],
    );
    assert_eq!(changes.bump(), diff::Bump::Minor);
    assert!(report::summary(&changes).contains("bindery 0.1.0 → 0.1.1"));
}

#[test]
fn endpoint_removed() {
    let changes = check(
        "endpoint_removed",
        &[Remove("shop/authorize.yaml")],
        &[(K::EndpointRemoved, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::EndpointRemoved).contains(
            "`Client::authorize_url` is gone, and with it `AuthorizeRequest` from `bindery::shop`"
        ),
        "{changes:?}"
    );
    assert!(report::summary(&changes).contains("bindery 0.1.0 → 0.2.0"));
}

#[test]
fn endpoint_moved_to_another_module() {
    check(
        "endpoint_moved",
        &[Move(PLACE, "shop/place_order.yaml")],
        &[(K::EndpointMoved, I::Breaking)],
    );
}

#[test]
fn path_changed() {
    let changes = check(
        "path_changed",
        &[Replace(
            PLACE,
            "path: /api/order/place",
            "path: /api/v2/order/place",
        )],
        &[(K::PathChanged, I::Compatible)],
    );
    assert!(reason_of(&changes, K::PathChanged).contains("requests go to `/api/v2/order/place`"));
}

#[test]
fn http_method_changed() {
    check(
        "http_method_changed",
        &[
            Replace(TOKEN, "method: POST", "method: GET"),
            Replace(TOKEN, "request:\n", "query:\n"),
        ],
        &[(K::HttpMethodChanged, I::Compatible)],
    );
}

#[test]
fn operation_renamed() {
    check(
        "operation_renamed",
        &[Replace(PLACE, "name: placeOrder", "name: placeOrderV2")],
        // The request and response types' rustdoc names the operation.
        &[
            (K::OperationRenamed, I::Compatible),
            (K::DocsChanged, I::Docs),
        ],
    );
}

#[test]
fn redirect_became_a_call() {
    check(
        "endpoint_kind_changed",
        &[Replace("shop/authorize.yaml", "kind: redirect\n", "")],
        &[(K::EndpointKindChanged, I::Breaking)],
    );
}

#[test]
fn auth_scheme_changed() {
    let changes = check(
        "auth_changed",
        &[Replace(LIST, "auth: header", "auth: body")],
        &[(K::AuthChanged, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::AuthChanged)
            .contains("`fxiaoke_body` credentials instead of `fxiaoke_header`")
    );
}

#[test]
fn idempotency_changed() {
    let changes = check(
        "idempotency_changed",
        &[Replace(LIST, "idempotent: true", "idempotent: false")],
        &[(K::IdempotencyChanged, I::Compatible)],
    );
    assert!(reason_of(&changes, K::IdempotencyChanged).contains("no longer retried"));
}

#[test]
fn rate_limit_changed() {
    check(
        "rate_limit_changed",
        &[Replace(
            LIST,
            "idempotent: true\n",
            "idempotent: true\nrate_limit: {requests: 5, per_seconds: 1}\n",
        )],
        &[(K::RateLimitChanged, I::Compatible)],
    );
}

#[test]
fn pagination_removed() {
    check(
        "pagination_removed",
        &[Replace(LIST, PAGINATION_BLOCK, "")],
        &[(K::PaginationRemoved, I::Breaking)],
    );
}

#[test]
fn pagination_added() {
    check_reversed(
        "pagination_added",
        &[Replace(LIST, PAGINATION_BLOCK, "")],
        &[(K::PaginationAdded, I::Addition)],
    );
}

#[test]
fn default_page_size_and_offset_cap_changed() {
    check(
        "pagination_default_changed",
        &[Replace(
            LIST,
            "default_limit: 50\n",
            "default_limit: 20\n  max_offset: 1000\n",
        )],
        &[
            (K::DefaultChanged, I::Compatible),
            (K::PaginationChanged, I::Compatible),
        ],
    );
}

#[test]
fn field_default_changed() {
    // `offset` must be a multiple of `limit`, whose default 50 becomes 25: every multiple of 50
    // is one of 25.
    check(
        "field_default_changed",
        &[Replace(LIST, "    default: 50\n", "    default: 25\n")],
        &[(K::DefaultChanged, I::Compatible)],
    );
    // 50 → 20: `offset: 50` with no `limit` passed and is now refused.
    check(
        "field_default_changed_breaking",
        &[Replace(LIST, "    default: 50\n", "    default: 20\n")],
        &[(K::DefaultChanged, I::Breaking)],
    );
}

#[test]
fn response_becoming_open_is_an_addition() {
    check(
        "response_open",
        &[Replace(
            LIST,
            "response:\n",
            "response_open: true\nresponse:\n",
        )],
        &[
            (K::OpenObjectChanged, I::Addition),
            (K::DocsChanged, I::Docs),
        ],
    );
}

#[test]
fn error_code_added_is_docs_only() {
    let changes = check(
        "error_code_added",
        &[Replace(
            PLACE,
            "errors:\n",
            "errors:\n  - code: 30002\n    docs:\n      en: Store closed.\n",
        )],
        &[(K::ErrorCodeAdded, I::Docs)],
    );
    assert_eq!(changes.bump(), diff::Bump::Patch);
}

#[test]
fn docs_only_changes_are_kept_apart_and_short() {
    let changes = check(
        "docs_only",
        &[
            Replace(PLACE, "  en: Places an order", "  en: Places one order"),
            Replace(PLACE, "en: The order code.", "en: The order's code."),
            Replace(PLACE, "orderId: o-1", "orderId: o-2"),
        ],
        &[(K::DocsChanged, I::Docs)],
    );
    let text = report::text(&changes, &sides());
    assert!(
        text.contains(
            "docs only:\n  shop placeOrder: summary, examples, docs of request field `code`\n"
        ),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------
// Fields

#[test]
fn optional_request_field_added() {
    check(
        "field_added_optional",
        &[Replace(
            PLACE,
            "  - name: color\n",
            "  - name: note\n    type: string\n  - name: color\n",
        )],
        &[(K::FieldAdded, I::Addition)],
    );
}

#[test]
fn required_request_field_added() {
    let changes = check(
        "field_added_required",
        &[Replace(
            LIST,
            "  - name: mode\n",
            "  - name: storeId\n    type: string\n    required: true\n  - name: mode\n",
        )],
        &[(K::FieldAdded, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::FieldAdded)
            .contains("`ListOrdersRequest::new` gains an argument `store_id: String`"),
        "{changes:?}"
    );
}

#[test]
fn constant_field_added() {
    check(
        "constant_field_added",
        &[Replace(
            LIST,
            "  - name: mode\n",
            "  - name: channel\n    type: string\n    const: web\n    required: true\n  - name: mode\n",
        )],
        &[(K::FieldAdded, I::Addition)],
    );
}

#[test]
fn request_field_removed() {
    check(
        "field_removed",
        &[Replace(PLACE, "  - name: color\n    type: Color\n", "")],
        &[(K::FieldRemoved, I::Breaking)],
    );
}

#[test]
fn field_renamed_in_json_only() {
    let changes = check(
        "field_json_renamed",
        &[Replace(
            PLACE,
            "  - name: quantity\n",
            "  - name: qty\n    rust_name: quantity\n",
        )],
        &[(K::FieldJsonRenamed, I::Compatible)],
    );
    assert!(
        reason_of(&changes, K::FieldJsonRenamed).contains("sent as `qty` instead of `quantity`")
    );
}

#[test]
fn field_renamed_in_json_and_rust() {
    check(
        "field_renamed",
        &[Replace(PLACE, "  - name: quantity\n", "  - name: amount\n")],
        &[(K::FieldRenamed, I::Breaking)],
    );
}

#[test]
fn field_renamed_in_rust_only() {
    check(
        "field_rust_renamed",
        &[Replace(
            PLACE,
            "  - name: quantity\n",
            "  - name: quantity\n    rust_name: qty\n",
        )],
        &[(K::FieldRustRenamed, I::Breaking)],
    );
}

#[test]
fn field_type_changed() {
    check(
        "field_type_changed",
        &[Replace(
            PLACE,
            "  - name: quantity\n    type: i32\n",
            "  - name: quantity\n    type: i64\n",
        )],
        &[(K::FieldTypeChanged, I::Breaking)],
    );
}

#[test]
fn optional_field_became_required() {
    let changes = check(
        "field_became_required",
        &[Replace(
            LIST,
            "  - name: mode\n    type: string\n",
            "  - name: mode\n    type: string\n    required: true\n",
        )],
        &[(K::FieldBecameRequired, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::FieldBecameRequired).contains(
            "`ListOrdersRequest.mode` is `String` instead of `Option<String>` and `ListOrdersRequest::new` gains it as an argument"
        ),
        "{changes:?}"
    );
}

#[test]
fn required_field_became_optional() {
    check(
        "field_became_optional",
        &[Replace(
            PLACE,
            "  - name: code\n    type: string\n    required: true\n",
            "  - name: code\n    type: string\n",
        )],
        &[(K::FieldBecameOptional, I::Breaking)],
    );
}

#[test]
fn response_field_became_required() {
    let changes = check(
        "response_field_became_required",
        &[Replace(
            TYPES,
            "      - name: note\n        type: string\n",
            "      - name: note\n        type: string\n        required: true\n",
        )],
        &[(K::FieldBecameRequired, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::FieldBecameRequired)
            .contains("a response without it fails to decode")
    );
}

#[test]
fn constant_changed() {
    check(
        "constant_changed",
        &[
            Replace(PLACE, "const: retail", "const: wholesale"),
            Replace(PLACE, "      kind: retail", "      kind: wholesale"),
        ],
        &[
            (K::ConstantChanged, I::Compatible),
            (K::DocsChanged, I::Docs),
        ],
    );
}

#[test]
fn field_became_a_constant() {
    check(
        "constant_added",
        &[Replace(
            LIST,
            "  - name: mode\n    type: string\n",
            "  - name: mode\n    type: string\n    const: fast\n    required: true\n",
        )],
        &[(K::ConstantAdded, I::Breaking)],
    );
}

#[test]
fn constant_removed() {
    check(
        "constant_removed",
        &[Replace(PLACE, "    const: retail\n", "")],
        &[(K::ConstantRemoved, I::Breaking)],
    );
}

// ---------------------------------------------------------------------------------------
// Constraints

#[test]
fn request_constraint_tightened() {
    check(
        "constraint_tightened",
        &[Replace(PLACE, "max_length: 16", "max_length: 12")],
        &[(K::ConstraintTightened, I::Breaking)],
    );
}

#[test]
fn request_constraint_loosened() {
    check(
        "constraint_loosened",
        &[
            Replace(PLACE, "max_length: 16", "max_length: 32"),
            Replace(PLACE, "      min_items: 1\n", ""),
        ],
        &[
            (K::ConstraintLoosened, I::Compatible),
            (K::ConstraintLoosened, I::Compatible),
        ],
    );
}

#[test]
fn request_pattern_changed() {
    check(
        "constraint_changed",
        &[Replace(
            PLACE,
            "pattern: \"[A-Za-z0-9]+\"",
            "pattern: \"[a-z0-9]+\"",
        )],
        &[(K::ConstraintChanged, I::Breaking)],
    );
}

#[test]
fn multiple_of_a_multiple_is_tighter() {
    check(
        "multiple_of_tightened",
        &[Replace(PLACE, "multiple_of: 2", "multiple_of: 4")],
        &[(K::ConstraintTightened, I::Breaking)],
    );
}

#[test]
fn response_constraints_are_docs_only() {
    check(
        "response_constraint_tightened",
        &[Replace(TYPES, "max_length: 200", "max_length: 100")],
        &[(K::ConstraintTightened, I::Docs)],
    );
}

// ---------------------------------------------------------------------------------------
// Types and enums

#[test]
fn enum_value_added() {
    let changes = check(
        "enum_value_added",
        &[Replace(
            TYPES,
            "      - value: dark_blue\n",
            "      - value: dark_blue\n      - value: green\n",
        )],
        &[(K::EnumValueAdded, I::Addition)],
    );
    assert!(
        reason_of(&changes, K::EnumValueAdded)
            .contains("`green` used to arrive as `Color::Unknown(\"green\")`")
    );
}

#[test]
fn enum_value_removed() {
    check(
        "enum_value_removed",
        &[Replace(TYPES, "      - value: dark_blue\n", "")],
        &[(K::EnumValueRemoved, I::Breaking)],
    );
}

#[test]
fn enum_variant_renamed() {
    check(
        "enum_variant_renamed",
        &[Replace(TYPES, "rust_name: Red", "rust_name: Crimson")],
        &[(K::EnumVariantRenamed, I::Breaking)],
    );
}

#[test]
fn enum_wire_value_renamed() {
    check(
        "enum_value_renamed",
        &[Replace(
            TYPES,
            "      - value: dark_blue\n",
            "      - value: DARK_BLUE\n        rust_name: DarkBlue\n",
        )],
        &[(K::EnumValueRenamed, I::Compatible)],
    );
}

#[test]
fn type_added() {
    check(
        "type_added",
        &[Replace(
            TYPES,
            "types:\n",
            "types:\n  - name: Coupon\n    fields:\n      - {name: code, type: string, required: true}\n",
        )],
        &[(K::TypeAdded, I::Addition)],
    );
}

#[test]
fn type_removed() {
    check(
        "type_removed",
        &[
            Replace(PLACE, "  - name: receipt\n    type: Receipt\n", ""),
            Replace(
                TYPES,
                "  - name: Receipt\n    docs:\n      en: What a placed order returns.\n    fields:\n      - name: total\n        type: decimal\n        required: true\n      - name: note\n        type: string\n        constraints:\n          max_length: 200\n",
                "",
            ),
        ],
        &[
            (K::TypeRemoved, I::Breaking),
            (K::FieldRemoved, I::Breaking),
        ],
    );
}

#[test]
fn enum_became_a_struct() {
    check(
        "type_kind_changed",
        &[Replace(
            TYPES,
            "    enum:\n      - value: RED\n        rust_name: Red\n      - value: dark_blue\n",
            "    fields:\n      - {name: rgb, type: string}\n",
        )],
        &[(K::TypeKindChanged, I::Breaking)],
    );
}

#[test]
fn open_object_closed() {
    check(
        "open_object_closed",
        &[Replace(TYPES, "    open: true\n", "")],
        &[(K::OpenObjectChanged, I::Breaking)],
    );
}

#[test]
fn object_opened() {
    check_reversed(
        "object_opened",
        &[Replace(TYPES, "    open: true\n", "")],
        &[(K::OpenObjectChanged, I::Addition)],
    );
}

// ---------------------------------------------------------------------------------------
// Provider

#[test]
fn base_url_changed() {
    check(
        "base_url_changed",
        &[Replace(
            PROVIDER,
            "url: https://mirror.shop.example",
            "url: https://mirror2.shop.example",
        )],
        &[(K::BaseUrlChanged, I::Compatible)],
    );
}

#[test]
fn default_base_url_changed() {
    let changes = check(
        "default_base_url_changed",
        &[Replace(
            PROVIDER,
            "  - name: default\n    url: https://shop.example\n    docs:\n      en: The public deployment.\n  - name: mirror\n    url: https://mirror.shop.example\n    docs:\n      en: A second public deployment.\n",
            "  - name: mirror\n    url: https://mirror.shop.example\n    docs:\n      en: A second public deployment.\n  - name: default\n    url: https://shop.example\n    docs:\n      en: The public deployment.\n",
        )],
        &[(K::DefaultBaseUrlChanged, I::Compatible)],
    );
    assert!(
        reason_of(&changes, K::DefaultBaseUrlChanged)
            .contains("talk to `https://mirror.shop.example`")
    );
}

#[test]
fn base_url_added_and_removed() {
    check(
        "base_url_removed",
        &[Replace(PROVIDER, MIRROR_BLOCK, "")],
        &[(K::BaseUrlRemoved, I::Breaking)],
    );
    check_reversed(
        "base_url_added",
        &[Replace(PROVIDER, MIRROR_BLOCK, "")],
        &[(K::BaseUrlAdded, I::Addition)],
    );
}

#[test]
fn base_url_gained_a_host_placeholder() {
    check(
        "base_url_form_changed",
        &[Replace(
            PROVIDER,
            "url: https://mirror.shop.example",
            "url: https://{host}/mirror",
        )],
        &[(K::BaseUrlFormChanged, I::Breaking)],
    );
}

#[test]
fn envelope_changed() {
    check(
        "envelope_changed",
        &[Replace(
            PROVIDER,
            "request_id: traceId",
            "request_id: requestId",
        )],
        &[(K::EnvelopeChanged, I::Compatible)],
    );
}

#[test]
fn token_source_removed() {
    check(
        "token_source_removed",
        &[Replace(PROVIDER, TOKEN_BLOCK, "")],
        &[(K::TokenSourceRemoved, I::Breaking)],
    );
}

#[test]
fn token_endpoint_path_is_a_wire_change() {
    check(
        "token_path_changed",
        &[Replace(
            TOKEN,
            "path: /oauth/corp_token",
            "path: /oauth/v2/corp_token",
        )],
        &[(K::PathChanged, I::Compatible)],
    );
}

fn second_provider() -> Vec<Edit> {
    vec![
        Write(
            "other/provider.yaml",
            "name: other\ntitle: Another API\ndocs: {en: Another provider.}\nprotocol: mingdao\n\
             base_urls:\n  - {name: default, url: 'https://other.example', docs: {en: Public.}}\n\
             envelope: {code: code, success: 1, message: msg}\n\
             auth:\n  - {name: sign, kind: mingdao_sign, docs: {en: Signed.}, body_fields: [appKey, sign, timestamp, projectId]}\n",
        ),
        Write(
            "other/ping.yaml",
            "name: ping\nsummary: {en: Ping}\ndocs_url: https://other.example/ping\nmethod: POST\n\
             path: /ping\nauth: sign\nidempotent: true\n",
        ),
    ]
}

#[test]
fn provider_added_and_removed() {
    check(
        "provider_added",
        &second_provider(),
        &[(K::ProviderAdded, I::Addition)],
    );
    check_reversed(
        "provider_removed",
        &second_provider(),
        &[(K::ProviderRemoved, I::Breaking)],
    );
}

#[test]
fn protocol_changed() {
    check(
        "protocol_changed",
        &[
            Replace(PROVIDER, "protocol: fxiaoke", "protocol: mingdao"),
            Replace(
                PROVIDER,
                "    kind: fxiaoke_header\n",
                "    kind: mingdao_sign\n",
            ),
            Replace(
                PROVIDER,
                "    kind: fxiaoke_body\n",
                "    kind: mingdao_sign\n",
            ),
            Replace(PROVIDER, TOKEN_BLOCK, ""),
        ],
        &[
            (K::ProtocolChanged, I::Breaking),
            (K::TokenSourceRemoved, I::Breaking),
            (K::AuthChanged, I::Breaking),
            (K::AuthChanged, I::Breaking),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Several at once, and the version

#[test]
fn several_changes_give_the_strongest_bump_and_every_group() {
    let changes = check(
        "several",
        &[
            Replace(PLACE, "path: /api/order/place", "path: /api/v2/order/place"),
            Replace(
                TYPES,
                "      - value: dark_blue\n",
                "      - value: dark_blue\n      - value: green\n",
            ),
            Replace(
                LIST,
                "  - name: mode\n    type: string\n",
                "  - name: mode\n    type: string\n    required: true\n",
            ),
            Replace(PROVIDER, "request_id: traceId", "request_id: requestId"),
        ],
        &[
            (K::EnvelopeChanged, I::Compatible),
            (K::EnumValueAdded, I::Addition),
            (K::FieldBecameRequired, I::Breaking),
            (K::PathChanged, I::Compatible),
        ],
    );
    assert_eq!(changes.bump(), diff::Bump::Major);
    let markdown = report::markdown(&changes, &sides());
    insta::assert_snapshot!("several_markdown", markdown);
}

// ---------------------------------------------------------------------------------------
// The real spec

fn real_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec")
}

#[test]
fn the_real_spec_against_a_temp_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&real_spec(), dir.path());
    let base = load(&real_spec());
    // Loaded twice, the same files give no change.
    assert!(diff::diff(&base, &load(dir.path())).changes.is_empty());

    let bind = "tencent_ess/bind_employee_user_id_with_client_open_id.yaml";
    apply(
        dir.path(),
        &[
            Replace(
                bind,
                "  - name: Agent\n    type: Agent\n",
                "  - name: Agent\n    type: Agent\n    required: true\n",
            ),
            Replace(
                "tencent_ess/bind_employee_user_id_with_client_open_id.yaml",
                "      max_length: 64\n",
                "      max_length: 32\n",
            ),
            Replace(
                "fxiaoke/crm/data_query.yaml",
                "path: /cgi/crm/v2/data/query",
                "path: /cgi/crm/v3/data/query",
            ),
        ],
    );
    // The page's examples have no `Agent`; a required one needs it there too.
    let examples = std::fs::read_to_string(dir.path().join(bind)).expect("read");
    let examples = examples.replace("      Operator:\n", "      Agent: {}\n      Operator:\n");
    std::fs::write(dir.path().join(bind), examples).expect("write");

    let changes = diff::diff(&base, &load(dir.path()));
    let got: Vec<(String, K, I, String)> = changes
        .changes
        .iter()
        .filter(|c| c.impact != I::Docs)
        .map(|c| {
            (
                c.provider.clone(),
                c.kind,
                c.impact,
                format!("{}: {}", c.subject, c.reason),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "fxiaoke".to_owned(),
                K::PathChanged,
                I::Compatible,
                "path: the Rust API is unchanged".to_owned()
            ),
            (
                "tencent_ess".to_owned(),
                K::ConstraintTightened,
                I::Breaking,
                "request field `OpenId`: max_length 64 → 32: requests that passed before can now fail with `Error::InvalidRequest` before anything is sent".to_owned()
            ),
            (
                "tencent_ess".to_owned(),
                K::FieldBecameRequired,
                I::Breaking,
                "request field `Agent` became required: `BindEmployeeUserIdWithClientOpenIdRequest.agent` is `types::Agent` instead of `Option<types::Agent>` and `BindEmployeeUserIdWithClientOpenIdRequest::new` gains it as an argument".to_owned()
            ),
        ],
        "{}",
        report::text(&changes, &sides())
    );
    assert_eq!(changes.bump(), diff::Bump::Major);
    assert!(
        report::summary(&changes)
            .ends_with("bindery 0.1.0 → 0.2.0 (breaking; before 1.0 that moves the minor number)")
    );
}

// ---------------------------------------------------------------------------------------
// Edge cases found in review

#[test]
fn reordered_required_fields_break_new() {
    let changes = check(
        "arguments_reordered",
        &[
            Replace(
                LIST,
                "  - name: mode\n    type: string\n",
                "  - name: mode\n    type: string\n    required: true\n",
            ),
            Replace(
                LIST,
                "  - name: offset\n",
                "  - name: storeId\n    type: string\n    required: true\n  - name: offset\n",
            ),
        ],
        &[
            (K::FieldBecameRequired, I::Breaking),
            (K::FieldAdded, I::Breaking),
        ],
    );
    assert_eq!(changes.changes.len(), 2);
    // Now the same two required fields, swapped.
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(), dir.path());
    apply(
        dir.path(),
        &[
            Replace(
                LIST,
                "  - name: mode\n    type: string\n",
                "  - name: mode\n    type: string\n    required: true\n",
            ),
            Replace(
                LIST,
                "  - name: offset\n",
                "  - name: storeId\n    type: string\n    required: true\n  - name: offset\n",
            ),
        ],
    );
    let base = load(dir.path());
    let text = std::fs::read_to_string(dir.path().join(LIST)).expect("read");
    let swapped = text
        .replace(
            "  - name: storeId\n    type: string\n    required: true\n",
            "",
        )
        .replace(
            "  - name: filter\n",
            "  - name: storeId\n    type: string\n    required: true\n  - name: filter\n",
        );
    std::fs::write(dir.path().join(LIST), swapped).expect("write");
    let changes = diff::diff(&base, &load(dir.path()));
    let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(got, [(K::ArgumentsReordered, I::Breaking)], "{changes:?}");
    assert!(
        reason_of(&changes, K::ArgumentsReordered).contains(
            "`ListOrdersRequest::new` takes (mode, store_id) instead of (store_id, mode)"
        ),
        "{changes:?}"
    );
}

#[test]
fn constants_on_responses_break_decoding() {
    let changes = check(
        "response_constant_changed",
        &[Replace(LIST, "const: page", "const: list")],
        &[(K::ConstantChanged, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::ConstantChanged)
            .contains("a response carrying `page` now fails to decode")
    );
    check(
        "response_constant_added",
        &[Replace(
            LIST,
            "response:\n",
            "response:\n  - name: version\n    type: string\n    const: v1\n    required: true\n",
        )],
        &[(K::FieldAdded, I::Breaking)],
    );
}

#[test]
fn local_types_are_judged_per_folder() {
    // The type moves to another file of the same folder: same public path, no change.
    let moved_type = "types:\n  - name: OrderFilter\n    docs:\n      en: Which orders to list.\n    fields:\n      - name: status\n        type: string\n        constraints:\n          max_length: 20\n";
    check(
        "local_type_moved_in_folder",
        &[
            Replace(LIST, moved_type, ""),
            Replace(LIST, "  - name: filter\n    type: OrderFilter\n", ""),
            Replace(
                PLACE,
                "errors:\n",
                "types:\n  - name: OrderFilter\n    docs:\n      en: Which orders to list.\n    fields:\n      - name: status\n        type: string\n        constraints:\n          max_length: 20\nerrors:\n",
            ),
            Replace(
                PLACE,
                "  - name: color\n",
                "  - name: filter\n    type: OrderFilter\n  - name: color\n",
            ),
        ],
        &[(K::FieldRemoved, I::Breaking), (K::FieldAdded, I::Addition)],
    );
    // A local type that requests use: a tightened constraint breaks them.
    check(
        "local_type_constraint_tightened",
        &[Replace(LIST, "max_length: 20", "max_length: 10")],
        &[(K::ConstraintTightened, I::Breaking)],
    );
}

#[test]
fn reversed_edits_give_the_opposite_verdicts() {
    check_reversed(
        "token_source_added",
        &[Replace(PROVIDER, TOKEN_BLOCK, "")],
        &[(K::TokenSourceAdded, I::Addition)],
    );
    check_reversed(
        "error_code_removed",
        &[Replace(
            PLACE,
            "errors:\n",
            "errors:\n  - code: 30002\n    docs:\n      en: Store closed.\n",
        )],
        &[(K::ErrorCodeRemoved, I::Docs)],
    );
    check(
        "auth_dropped",
        &[Replace(LIST, "auth: header", "auth: none")],
        &[(K::AuthChanged, I::Compatible)],
    );
    check_reversed(
        "auth_required",
        &[Replace(LIST, "auth: header", "auth: none")],
        &[(K::AuthChanged, I::Breaking)],
    );
}

#[test]
fn a_new_item_type_breaks_the_stream() {
    check(
        "pagination_item_type_changed",
        &[Replace(
            LIST,
            "    type: list<Item>\n",
            "    type: list<Receipt>\n",
        )],
        &[
            (K::PaginationChanged, I::Breaking),
            (K::FieldTypeChanged, I::Breaking),
        ],
    );
}

#[test]
fn bounds_that_refuse_nothing_are_no_change() {
    check(
        "zero_minimum_is_no_change",
        &[Replace(
            LIST,
            "          max_length: 20\n",
            "          max_length: 20\n          min_length: 0\n",
        )],
        &[],
    );
}

#[test]
fn a_variant_matched_by_value_is_not_matched_again_by_name() {
    check(
        "enum_removed_and_renamed",
        &[Replace(
            TYPES,
            "      - value: RED\n        rust_name: Red\n      - value: dark_blue\n",
            "      - value: dark_blue\n        rust_name: Red\n",
        )],
        &[
            (K::EnumValueRemoved, I::Breaking),
            (K::EnumVariantRenamed, I::Breaking),
        ],
    );
}
