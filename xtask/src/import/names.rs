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
