//! Naming rules every importer shares.

use bindery_codegen::naming;

/// The `rust_name` a member needs: when its derived Rust name is a keyword (`Type` → `type`)
/// or a name the generated struct reserves (`new`, `extra`, …), that name with a trailing `_`
/// (`type_`).
pub fn rust_name(json_name: &str) -> Option<String> {
    let derived = naming::field_name(json_name);
    let reserved = naming::is_keyword(&derived)
        || naming::RESERVED_FIELD_NAMES.contains(&derived.as_str())
        || naming::STRUCT_METHOD_NAMES.contains(&derived.as_str());
    reserved.then(|| format!("{derived}_"))
}

/// The `rust_name` a string enum value needs: when its derived variant is no usable Rust name
/// (`"1"`, `"self"`, `"Unknown"`), `Value` and the value's letters and digits (`Value1`).
pub fn variant_rust_name(value: &str) -> Option<String> {
    let derived = naming::type_name(value);
    let usable =
        naming::is_identifier(&derived) && !naming::is_keyword(&derived) && derived != "Unknown";
    let kept: String = value.chars().filter(char::is_ascii_alphanumeric).collect();
    (!usable).then(|| format!("Value{}", naming::type_name(&kept)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusable_variants_get_a_value_name() {
        assert_eq!(variant_rust_name("1").as_deref(), Some("Value1"));
        assert_eq!(
            variant_rust_name("Unknown").as_deref(),
            Some("ValueUnknown")
        );
        assert_eq!(variant_rust_name("AccountObj"), None);
        assert_eq!(variant_rust_name("GTE"), None);
        assert_eq!(rust_name("type").as_deref(), Some("type_"));
    }
}
