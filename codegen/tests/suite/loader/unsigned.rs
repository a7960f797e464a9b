//! The type word `u64` (Tencent's `uint64`): its bounds are exact up to `u64::MAX`, and a
//! negative bound or default, or a rule written over `i64`, is an error where it is written.

use super::*;

const FLOW: &str = "cloud/create_flow.yaml";
const DEADLINE: &str = "  - name: Deadline\n    type: timestamp_s\n";

/// The valid tree with a `u64` request field `Serial` of `create_flow` written as `field`.
fn with_serial(field: &str) -> Tree {
    Tree::valid().edit(
        FLOW,
        DEADLINE,
        &format!("{DEADLINE}  - name: Serial\n    type: u64\n{field}"),
    )
}

#[test]
fn u64_bounds_up_to_u64_max_load() {
    let tree = with_serial(
        "    constraints: {minimum: 9223372036854775808, maximum: 18446744073709551615, multiple_of: 5}\n    default: 10\n",
    );
    // A default below the minimum is still refused; with a sane one the tree loads.
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:22:14: error: `default` 10 of `Serial` is below `minimum` 9223372036854775808
1 error in the spec
"#,
    );
    let tree = with_serial(
        "    constraints: {minimum: 9223372036854775808, maximum: 18446744073709551615, multiple_of: 5}\n",
    );
    load(tree.root()).unwrap_or_else(|e| panic!("loads: {e}"));
}

#[test]
fn negative_and_too_large_u64_bounds_are_errors() {
    // YAML reads an integer past `u64::MAX` as a float, and the message shows it as read.
    let tree = with_serial(
        "    constraints: {minimum: -1, maximum: 18446744073709551616}\n    default: -5\n",
    );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:21:28: error: `minimum` -1 is outside the range of `u64` (0 to 18446744073709551615)
cloud/create_flow.yaml:21:41: error: `maximum` 18446744073709552000 is outside the range of `u64` (0 to 18446744073709551615)
cloud/create_flow.yaml:22:14: error: `default` -5 of `Serial` is below `minimum` -1
cloud/create_flow.yaml:22:14: error: `default` -5 of `Serial` is outside the range of `u64`
4 errors in the spec
"#,
    );
}

#[test]
fn rules_over_i64_do_not_take_u64_fields() {
    let tree = with_serial("    constraints: {multiple_of_field: Step}\n  - name: Step\n    type: u64\n    default: 1\n").edit(
        FLOW,
        "    type: list<Approver>\n    constraints: {min_items: 1}\n",
        "    type: list<Approver>\n    constraints: {min_items: 1, minimum: 1}\n",
    );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:16:42: error: `minimum` applies to number fields (`i32`, `i64`, `u64`, `f64`, timestamps), but field `Approvers` is `list<Approver>`
cloud/create_flow.yaml:21:38: error: `multiple_of_field` applies to `i32`, `i64` and timestamp fields, but field `Serial` is `u64`
cloud/create_flow.yaml:21:38: error: `multiple_of_field` names `Step`, which is `u64`; expected an `i32`, `i64` or timestamp field
3 errors in the spec
"#,
    );
}

#[test]
fn u64_examples_are_checked_exactly() {
    let tree = with_serial("    constraints: {maximum: 18446744073709551614}\n").edit(
        FLOW,
        "      Deadline: 1700000000\n",
        "      Deadline: 1700000000\n      Serial: 18446744073709551615\n",
    );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:46:7: error: example `created` request: `Serial`: 18446744073709551615 is greater than `maximum` 18446744073709551614
1 error in the spec
"#,
    );
    let tree = with_serial("").edit(
        FLOW,
        "      Deadline: 1700000000\n",
        "      Deadline: 1700000000\n      Serial: -1\n",
    );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:45:7: error: example `created` request: `Serial`: found integer -1, expected u64 (out of range)
1 error in the spec
"#,
    );
}

#[test]
fn a_type_name_of_other_languages_points_at_u64() {
    let tree = with_serial("").edit(FLOW, "    type: u64\n", "    type: uint64\n");
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:20:11: error: unknown type `uint64`
  = help: the spec writes this as `u64` (or `i64`)
1 error in the spec
"#,
    );
}
