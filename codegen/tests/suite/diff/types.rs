//! Named types and enums.

use super::*;

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

#[test]
fn a_struct_no_call_reached_that_a_request_now_sends_loses_deserialize() {
    // `Spare` is in the base with both serde impls (no call reaches it); a new optional
    // request field sends it, so it keeps `Serialize` only: an addition that breaks code
    // decoding a `Spare`.
    let spare = "types:\n  - name: Spare\n    fields:\n      - name: note\n        type: string\n";
    let base = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(), base.path());
    support::edit(base.path(), TYPES, "types:\n", spare);
    let head = tempfile::tempdir().expect("temp dir");
    copy_dir(base.path(), head.path());
    support::edit(
        head.path(),
        PLACE,
        "\nrequest:\n",
        "\nrequest:\n  - name: spare\n    type: Spare\n",
    );
    let changes = diff::diff(&lowered(base.path()), &lowered(head.path()));
    let kinds: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(
        kinds,
        [
            (K::SerdeImplRemoved, I::Breaking),
            (K::FieldAdded, I::Addition)
        ]
    );
    assert_eq!(
        changes.changes[0].subject,
        "`serde::Deserialize` of `bindery::shop::types::Spare`"
    );
    // Back again: `Spare` gains `Deserialize`, which breaks nothing.
    let back = diff::diff(&lowered(head.path()), &lowered(base.path()));
    assert!(
        back.changes.iter().all(|c| c.kind != K::SerdeImplRemoved),
        "{back:?}"
    );
}
