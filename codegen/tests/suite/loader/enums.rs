//! Enum kinds: string enums, integer enums, and the values no enum holds.

use super::*;

/// `demo/types.yaml` with an integer enum `Strategy` after `Operator`.
fn with_strategy(values: &str) -> Tree {
    Tree::valid().edit(
        "demo/types.yaml",
        "        rust_name: GreaterOrEqual\n",
        &format!("        rust_name: GreaterOrEqual\n  - name: Strategy\n    enum:\n{values}"),
    )
}

#[test]
fn values_that_are_neither_strings_nor_integers_are_refused() {
    // `value: 0` used to become the string "0", sent where the vendor expects the number 0;
    // now it makes an integer enum, and mixing it with strings is refused.
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "      - value: EQ\n",
        "      - value: EQ\n      - value: 0\n        rust_name: Zero\n      - value: true\n        rust_name: Yes\n      - value: 1.5\n        rust_name: OneAndAHalf\n      - value: null\n        rust_name: Nothing\n      - value: \"1\"\n        rust_name: One\n      - value: '2'\n        rust_name: Two\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:13:16: error: `value` 0 of enum `Operator` is an integer, but its first value "EQ" (line 12) is a string; an enum's values are all strings or all integers
  = help: write it quoted (`value: "0"`) if the vendor sends the string
demo/types.yaml:15:16: error: `value` true of enum `Operator` is neither a string nor an integer: YAML reads it unquoted as a boolean
  = help: enums hold strings or integers; write it quoted (`value: "true"`) if the vendor sends the string
demo/types.yaml:17:16: error: `value` 1.5 of enum `Operator` is neither a string nor an integer: YAML reads it unquoted as a number
  = help: enums hold strings or integers; write it quoted (`value: "1.5"`) if the vendor sends the string
demo/types.yaml:19:16: error: `value` null of enum `Operator` is neither a string nor an integer: YAML reads it unquoted as null
  = help: enums hold strings or integers; write it quoted (`value: "null"`) if the vendor sends the string
4 errors in the spec
"#,
    );
}

#[test]
fn an_integer_enum_loads() {
    let tree = with_strategy(
        "      - value: 0\n        rust_name: Unlocked\n      - value: -1\n        rust_name: Locked\n",
    );
    load(tree.root()).expect("an enum of integers loads");
}

#[test]
fn strings_in_an_integer_enum_are_refused_at_the_value() {
    let tree = with_strategy(
        "      - value: 0\n        rust_name: Unlocked\n      - value: \"1\"\n        rust_name: Locked\n      - value: all\n        rust_name: All\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:19:16: error: `value` "1" of enum `Strategy` is a string, but its first value 0 (line 17) is an integer; an enum's values are all strings or all integers
  = help: write it unquoted (`value: 1`) if the vendor sends the number
demo/types.yaml:21:16: error: `value` "all" of enum `Strategy` is a string, but its first value 0 (line 17) is an integer; an enum's values are all strings or all integers
  = help: if the vendor sends strings, quote the integer values too (`value: "0"`)
2 errors in the spec
"#,
    );
}

#[test]
fn integer_values_need_a_rust_name_and_fit_in_i64() {
    let tree = with_strategy(
        "      - value: 0\n      - value: 9223372036854775808\n        rust_name: Huge\n      - value: 0\n        rust_name: Again\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/types.yaml:17:16: error: integer enum value 0 has no variant name: a Rust variant cannot be named by a number
  = help: set `rust_name` to what 0 means (e.g. `rust_name: Enabled`)
demo/types.yaml:18:16: error: `value` 9223372036854775808 of enum `Strategy` is outside the range of an integer enum (-9223372036854775808 to 9223372036854775807)
  = help: write it quoted (`value: "9223372036854775808"`) if the vendor sends the string
demo/types.yaml:20:16: error: duplicate value `0` in enum `Strategy` (first at line 17)
3 errors in the spec
"#,
    );
}

#[test]
fn examples_of_an_integer_enum_take_its_numbers_only() {
    let tree = with_strategy(
        "      - value: 0\n        rust_name: Unlocked\n      - value: 1\n        rust_name: Locked\n",
    )
    .edit(
        "demo/crm/query_users.yaml",
        "      - name: op\n        type: Operator\n",
        "      - name: op\n        type: Operator\n      - name: strategy\n        type: Strategy\n      - name: strategies\n        type: list<Strategy>\n",
    )
    .edit(
        "demo/crm/query_users.yaml",
        "search_query_info: {limit: 10, offset: 20, op: GTE, keyword: abc}",
        "search_query_info: {limit: 10, offset: 20, op: GTE, keyword: abc, strategy: 1, strategies: [0, \"1\", 2, 1.0]}",
    )
    .edit(
        "demo/crm/query_users.yaml",
        "search_query_info: {limit: 10}",
        "search_query_info: {limit: 10, strategy: \"0\", op: 0}",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:48:102: error: example `success` request: `search_query_info.strategies[1]`: found string "1", expected an integer, one of `0`, `1` (`Strategy` is an integer enum)
demo/crm/query_users.yaml:48:107: error: example `success` request: `search_query_info.strategies[2]`: found integer 2, expected one of `0`, `1` (enum `Strategy`)
demo/crm/query_users.yaml:48:110: error: example `success` request: `search_query_info.strategies[3]`: found number 1.0, expected an integer, one of `0`, `1` (`Strategy` is an integer enum)
demo/crm/query_users.yaml:64:38: error: example `token_expired` request: `search_query_info.strategy`: found string "0", expected an integer, one of `0`, `1` (`Strategy` is an integer enum)
demo/crm/query_users.yaml:64:53: error: example `token_expired` request: `search_query_info.op`: found integer 0, expected Operator
5 errors in the spec
"#,
    );
}
