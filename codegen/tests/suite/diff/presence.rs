//! Integer enums and `nullable`: what spec-diff makes of them.

use super::*;

const COLOR_STRINGS: &str =
    "      - value: RED\n        rust_name: Red\n      - value: dark_blue\n";
const COLOR_INTEGERS: &str =
    "      - value: 1\n        rust_name: Red\n      - value: 2\n        rust_name: DarkBlue\n";
const TOTAL: &str = "      - name: total\n        type: decimal\n        required: true\n";
const NOTE: &str = "      - name: note\n        type: string\n";

/// Diffs two edited copies of the fixture (for changes whose base is not the fixture).
fn between(name: &str, base: &[Edit], head: &[Edit], expected: &[(K, I)]) -> SpecDiff {
    let (a, b) = (support::copy_fixture("diff"), support::copy_fixture("diff"));
    apply(a.path(), base);
    apply(b.path(), head);
    let changes = diff::diff(&lowered(a.path()), &lowered(b.path()));
    assert_changes(name, &changes, expected);
    changes
}

#[test]
fn enum_changed_from_strings_to_integers() {
    let changes = check(
        "enum_kind_changed",
        &[Replace(TYPES, COLOR_STRINGS, COLOR_INTEGERS)],
        &[(K::EnumKindChanged, I::Breaking)],
    );
    assert_eq!(
        reason_of(&changes, K::EnumKindChanged),
        "`Color`'s values are integers instead of strings (`Color::Unknown` holds `i64`, `as_i64` replaces `as_str`) | every value is sent and read as JSON integers instead of strings"
    );
}

#[test]
fn integer_enum_value_added_and_removed() {
    let added = between(
        "integer_enum_value_added",
        &[Replace(TYPES, COLOR_STRINGS, COLOR_INTEGERS)],
        &[Replace(
            TYPES,
            COLOR_STRINGS,
            "      - value: 1\n        rust_name: Red\n      - value: 2\n        rust_name: DarkBlue\n      - value: 3\n        rust_name: Green\n",
        )],
        &[(K::EnumValueAdded, I::Addition)],
    );
    assert!(
        reason_of(&added, K::EnumValueAdded).contains("`3` used to arrive as `Color::Unknown(3)`")
    );
    let removed = between(
        "integer_enum_value_removed",
        &[Replace(TYPES, COLOR_STRINGS, COLOR_INTEGERS)],
        &[Replace(
            TYPES,
            COLOR_STRINGS,
            "      - value: 1\n        rust_name: Red\n",
        )],
        &[(K::EnumValueRemoved, I::Breaking)],
    );
    assert!(
        reason_of(&removed, K::EnumValueRemoved).contains("`2` now arrives as `Color::Unknown(2)`")
    );
}

#[test]
fn required_field_became_nullable() {
    let changes = check(
        "field_became_nullable",
        &[Replace(
            TYPES,
            TOTAL,
            "      - name: total\n        type: decimal\n        required: true\n        nullable: true\n",
        )],
        &[(K::FieldBecameNullable, I::Breaking)],
    );
    assert!(reason_of(&changes, K::FieldBecameNullable).starts_with(
        "`bindery::shop::types::Receipt.total` is `Option<Decimal>` instead of `Decimal`"
    ));
}

#[test]
fn required_nullable_field_became_non_nullable() {
    let changes = check_reversed(
        "field_became_non_nullable",
        &[Replace(
            TYPES,
            TOTAL,
            "      - name: total\n        type: decimal\n        required: true\n        nullable: true\n",
        )],
        &[(K::FieldBecameNonNullable, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::FieldBecameNonNullable)
            .contains("; an answer with `null` in it fails to decode")
    );
}

#[test]
fn nullable_on_an_optional_field_is_docs() {
    check(
        "optional_field_became_nullable",
        &[Replace(
            TYPES,
            NOTE,
            "      - name: note\n        type: string\n        nullable: true\n",
        )],
        &[(K::FieldBecameNullable, I::Docs)],
    );
}

#[test]
fn optional_response_field_became_required_nullable() {
    let changes = check(
        "optional_field_became_required_nullable",
        &[Replace(
            TYPES,
            NOTE,
            "      - name: note\n        type: string\n        required: true\n        nullable: true\n",
        )],
        &[(K::FieldBecameRequired, I::Breaking)],
    );
    assert_eq!(
        reason_of(&changes, K::FieldBecameRequired),
        "`bindery::shop::types::Receipt.note` stays `Option<String>`, set by its setter | an answer without the key now fails to decode"
    );
    check_reversed(
        "required_nullable_field_became_optional",
        &[Replace(
            TYPES,
            NOTE,
            "      - name: note\n        type: string\n        required: true\n        nullable: true\n",
        )],
        &[(K::FieldBecameOptional, I::Compatible)],
    );
}
