//! No change, and an endpoint's own changes: added, removed, moved, wire, auth, paging,
//! errors and docs.

use super::*;

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
            "`bindery::shop::Client::authorize_url` is gone, and with it `AuthorizeRequest` from `bindery::shop` and `bindery::shop::operations::AUTHORIZE`"
        ),
        "{changes:?}"
    );
    assert!(report::summary(&changes).contains("bindery 0.1.0 → 0.2.0"));
}

/// A redirect endpoint's method is its `<stem>_url`, which builds a URL and sends nothing.
#[test]
fn redirect_endpoint_added() {
    let changes = check_reversed(
        "redirect_endpoint_added",
        &[Remove("shop/authorize.yaml")],
        &[(K::EndpointAdded, I::Addition)],
    );
    assert_eq!(
        reason_of(&changes, K::EndpointAdded),
        "new method `bindery::shop::Client::authorize_url` (builds the URL a browser opens; \
         nothing is sent), with `AuthorizeRequest` in `bindery::shop` and \
         `bindery::shop::operations::AUTHORIZE` | `GET /oauth/authorize`"
    );
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
    // A default no rule reads is documentation, and the docs-only line says why (it used to
    // say "not validated: no request uses it", which is about constraints).
    let changes = check(
        "field_default_documented",
        &[Replace(
            PLACE,
            "  - name: quantity\n    type: i32\n",
            "  - name: quantity\n    type: i32\n    default: 2\n",
        )],
        &[(K::DefaultChanged, I::Docs)],
    );
    assert!(
        report::text(&changes, &sides()).contains(
            "\ndocs only:\n  shop placeOrder: request field `quantity`: default none → 2 (no rule \
             depends on it; the client never sends a default)\n"
        ),
        "{}",
        report::text(&changes, &sides())
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

#[test]
fn a_post_field_moved_to_the_query() {
    let changes = check(
        "post_field_moved_to_query",
        &[
            Replace(
                PLACE,
                "  - name: color\n    type: Color\nresponse:",
                "response:",
            ),
            Replace(
                PLACE,
                "idempotent: false\nrequest:",
                "idempotent: false\nquery:\n  - name: color\n    type: Color\nrequest:",
            ),
        ],
        &[
            (K::FieldPlaceChanged, I::Compatible),
            (K::DocsChanged, I::Docs),
        ],
    );
    assert_eq!(
        reason_of(&changes, K::FieldPlaceChanged),
        "the Rust API is unchanged | `color` is sent in the URL query instead of the JSON body"
    );
}

#[test]
fn a_call_answered_with_no_body() {
    let changes = check(
        "response_body_none",
        &[
            Replace(
                PLACE,
                "response:\n  - name: orderId\n    type: string\n    required: true\n  - name: receipt\n    type: Receipt\n",
                "response_body: none\n",
            ),
            Replace(
                PLACE,
                "    response: {errorCode: 0, errorMessage: OK, orderId: o-1, traceId: t-1}\n",
                "",
            ),
        ],
        &[
            (K::ResponseBodyChanged, I::Breaking),
            (K::DocsChanged, I::Docs),
        ],
    );
    assert_eq!(
        reason_of(&changes, K::ResponseBodyChanged),
        "the method returns no body (`()`) instead of `PlaceOrderResponse` | a success answer with no body decodes; its body is no longer read"
    );
}

#[test]
fn a_body_that_became_a_bare_array() {
    let changes = check(
        "response_body_array",
        &[
            Replace(
                PLACE,
                "response:\n  - name: orderId\n    type: string\n    required: true\n  - name: receipt\n    type: Receipt\n",
                "response_body: array\nresponse:\n  - name: orderId\n    type: list<string>\n    required: true\n",
            ),
            Replace(
                PLACE,
                "    response: {errorCode: 0, errorMessage: OK, orderId: o-1, traceId: t-1}\n",
                "    response: [o-1]\n",
            ),
        ],
        &[
            (K::BodyShapeChanged, I::Breaking),
            (K::FieldTypeChanged, I::Breaking),
            (K::FieldRemoved, I::Breaking),
            (K::FieldRemoved, I::Breaking),
            (K::DocsChanged, I::Docs),
        ],
    );
    assert_eq!(
        reason_of(&changes, K::BodyShapeChanged),
        "`PlaceOrderResponse` stands for a bare array instead of an object on the wire | the JSON the vendor sends is a bare array now"
    );
}
