//! The spec-format additions of issue 10: `u64` fields and `deprecated` endpoints, and what
//! spec-diff says when they come or go.

use super::*;

const QUANTITY: &str = "  - name: quantity\n    type: i32\n";

#[test]
fn i64_to_u64_is_a_retype() {
    let i64_quantity = Replace(PLACE, QUANTITY, "  - name: quantity\n    type: i64\n");
    let u64_quantity = Replace(PLACE, QUANTITY, "  - name: quantity\n    type: u64\n");
    let (_, head) = before_and_after(&[i64_quantity]);
    let (_, unsigned) = before_and_after(&[u64_quantity]);
    for (old, new) in [(&head, &unsigned), (&unsigned, &head)] {
        let changes = diff::diff(old, new);
        let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
        assert_eq!(got, [(K::FieldTypeChanged, I::Breaking)], "{changes:?}");
    }
    let changes = check(
        "field_became_u64",
        &[Replace(
            PLACE,
            QUANTITY,
            "  - name: quantity\n    type: u64\n",
        )],
        &[(K::FieldTypeChanged, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::FieldTypeChanged)
            .contains("`bindery::shop::orders::PlaceOrderRequest.quantity` is `Option<u64>` instead of `Option<i32>`, and so is its setter's argument"),
        "{changes:?}"
    );
}

#[test]
fn a_u64_bound_past_i64_max_is_compared_exactly() {
    let unsigned =
        "  - name: quantity\n    type: u64\n    constraints:\n      minimum: 9223372036854775808\n";
    let (_, old) = before_and_after(&[Replace(
        PLACE,
        "  - name: quantity\n    type: i32\n    constraints:\n      minimum: 1\n      maximum: 100\n      multiple_of: 2\n",
        unsigned,
    )]);
    let (_, new) = before_and_after(&[Replace(
        PLACE,
        "  - name: quantity\n    type: i32\n    constraints:\n      minimum: 1\n      maximum: 100\n      multiple_of: 2\n",
        "  - name: quantity\n    type: u64\n    constraints:\n      minimum: 9223372036854775809\n",
    )]);
    let changes = diff::diff(&old, &new);
    let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(got, [(K::ConstraintTightened, I::Breaking)], "{changes:?}");
    assert!(
        changes.changes[0]
            .subject
            .contains("9223372036854775808 → 9223372036854775809"),
        "{changes:?}"
    );
}

const DEPRECATED: &str =
    "idempotent: true\ndeprecated: {en: Use searchOrders instead., zh: 请改用 searchOrders。}\n";

#[test]
fn an_endpoint_becoming_deprecated_is_compatible() {
    let changes = check(
        "endpoint_deprecated",
        &[Replace(LIST, "idempotent: true\n", DEPRECATED)],
        &[(K::Deprecated, I::Compatible)],
    );
    let change = &changes.changes[0];
    assert_eq!(change.kind.name(), "deprecated");
    assert_eq!(change.subject, "endpoint `listOrders`");
    assert!(
        change
            .reason
            .contains("`bindery::shop::Client::list_orders` and `bindery::shop::Client::list_orders_stream` are `#[deprecated]`: calls to them warn"),
        "{change:?}"
    );
    assert!(
        matches!(&change.scope, bindery_codegen::diff::Scope::Endpoint { method, .. } if method == "list_orders")
    );
}

#[test]
fn an_endpoint_no_longer_deprecated_is_compatible() {
    let changes = check_reversed(
        "endpoint_undeprecated",
        &[Replace(LIST, "idempotent: true\n", DEPRECATED)],
        &[(K::Undeprecated, I::Compatible)],
    );
    assert_eq!(changes.changes[0].kind.name(), "undeprecated");
}

#[test]
fn a_changed_deprecation_note_is_docs_only() {
    let dir = support::copy_fixture("diff");
    apply(
        dir.path(),
        &[Replace(LIST, "idempotent: true\n", DEPRECATED)],
    );
    let base = lowered(dir.path());
    support::edit(
        dir.path(),
        LIST,
        "Use searchOrders instead.",
        "Use findOrders instead.",
    );
    let head = lowered(dir.path());
    let changes = diff::diff(&base, &head);
    let got: Vec<(K, I, &str)> = changes
        .changes
        .iter()
        .map(|c| (c.kind, c.impact, c.subject.as_str()))
        .collect();
    assert_eq!(
        got,
        [(K::DocsChanged, I::Docs, "deprecation note")],
        "{changes:?}"
    );
}
