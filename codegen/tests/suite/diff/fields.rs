//! Request and response fields, constants and constraints.

use super::*;

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
        reason_of(&changes, K::FieldAdded).contains(
            "`bindery::shop::orders::ListOrdersRequest::new` gains an argument `store_id: String`"
        ),
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
            "`bindery::shop::orders::ListOrdersRequest.mode` is `String` instead of `Option<String>` and `bindery::shop::orders::ListOrdersRequest::new` gains it as an argument"
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
