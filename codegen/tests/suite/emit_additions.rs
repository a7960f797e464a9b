//! What the emitter writes for the spec-format additions of issue 10: a `u64` field's type
//! and exact checks, and a deprecated endpoint's `#[deprecated]` method (its request and
//! response types stay undeprecated).

use std::collections::BTreeMap;

use crate::support::{self, edit, lowered};

const PLACE: &str = "shop/orders/place_order.yaml";
const PLACE_RS: &str = "generated/src/shop/orders/place_order.rs";

/// The `emit/mini` fixture with `placeOrder` deprecated and given a `u64` field `serial`.
fn generate_edited() -> BTreeMap<String, String> {
    let dir = support::copy_fixture("emit/mini");
    edit(
        dir.path(),
        PLACE,
        "idempotent: false\n",
        "idempotent: false\ndeprecated:\n  en: Use placeOrderV2 instead.\n  zh: 请改用 placeOrderV2。\n",
    );
    edit(
        dir.path(),
        PLACE,
        "  - name: items\n    type: list<Item>\n    required: true\n",
        "  - name: serial\n    type: u64\n    constraints:\n      minimum: 9223372036854775808\n      maximum: 18446744073709551615\n      multiple_of: 5\n  - name: items\n    type: list<Item>\n    required: true\n",
    );
    let ir = lowered(dir.path());
    bindery_codegen::emit::generate(&ir).unwrap_or_else(|e| panic!("fixture emits: {e}"))
}

/// The text without whitespace, so token spacing does not matter.
fn squeezed(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn a_u64_field_is_a_u64_with_exact_checks() {
    let files = generate_edited();
    let text = &files[PLACE_RS];
    syn::parse_file(text).unwrap_or_else(|e| panic!("{PLACE_RS} does not parse: {e}"));
    let flat = squeezed(text);
    for wanted in [
        "pubserial:Option<u64>,",
        r#"rules::range_u64("serial",*value,Some(9223372036854775808),Some(18446744073709551615),)?;"#,
        r#"rules::multiple_of_u64("serial",*value,5,None)?;"#,
        "pubfnserial(mutself,value:u64)->Self",
    ] {
        assert!(flat.contains(wanted), "`{wanted}` missing from {text}");
    }
    assert!(text.contains("unsigned 64-bit integer"), "{text}");
}

#[test]
fn a_deprecated_endpoint_deprecates_its_method_only() {
    let files = generate_edited();
    let text = &files[PLACE_RS];
    let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{PLACE_RS} does not parse: {e}"));
    let note = "Use placeOrderV2 instead. / 请改用 placeOrderV2。";
    let flat = squeezed(text);
    let attr = squeezed(&format!(
        "#[deprecated(note = {note:?})] pub async fn place_order("
    ));
    assert!(flat.contains(&attr), "`{attr}` missing from {text}");
    assert_eq!(text.matches("#[deprecated").count(), 1, "{text}");
    // The rustdoc says it too, and the doctest that calls the method allows the lint there.
    assert!(
        text.contains(&format!("/// **Deprecated:** {note}\n")),
        "{text}"
    );
    assert!(
        text.contains("/// # #[allow(deprecated)]\n    /// # async fn example("),
        "{text}"
    );
    // Types stay undeprecated: the attribute is on the `impl Client` method alone.
    for item in &file.items {
        let attrs = match item {
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            _ => continue,
        };
        assert!(
            !attrs.iter().any(|a| a.path().is_ident("deprecated")),
            "a type is deprecated in {text}"
        );
    }
    // An endpoint without the key has no attribute and no allow anywhere.
    let plain = support::fixture("emit/mini");
    let ir = lowered(&plain);
    let files = bindery_codegen::emit::generate(&ir).unwrap_or_else(|e| panic!("emits: {e}"));
    assert!(
        files.values().all(|t| !t.contains("deprecated")),
        "the unedited fixture mentions deprecation"
    );
}

#[test]
fn a_deprecated_paged_endpoint_deprecates_its_stream_too() {
    let dir = support::copy_fixture("diff");
    edit(
        dir.path(),
        "shop/orders/list_orders.yaml",
        "idempotent: true\n",
        "idempotent: true\ndeprecated: {en: Use searchOrders.}\n",
    );
    let ir = lowered(dir.path());
    let files = bindery_codegen::emit::generate(&ir).unwrap_or_else(|e| panic!("emits: {e}"));
    let text = &files["generated/src/shop/orders/list_orders.rs"];
    syn::parse_file(text).unwrap_or_else(|e| panic!("does not parse: {e}"));
    let flat = squeezed(text);
    for method in ["pubasyncfnlist_orders(", "pubfnlist_orders_stream("] {
        let wanted = format!(r#"#[deprecated(note="UsesearchOrders.")]{method}"#);
        assert!(flat.contains(&wanted), "`{wanted}` missing from {text}");
    }
    assert_eq!(
        text.matches("/// **Deprecated:** Use searchOrders.\n")
            .count(),
        2,
        "{text}"
    );
    assert_eq!(
        text.matches("/// # #[allow(deprecated)]\n").count(),
        2,
        "{text}"
    );
}
