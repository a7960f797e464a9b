//! The Rust text of a field type, written once for the emitter (full paths) and for
//! spec-diff's messages (short names), which differ only in how paths are spelled.

use super::types::{Type, TypeHome};

/// How [`Type::rust_text`] spells the paths of types outside the prelude.
#[derive(Clone, Copy, Debug)]
pub struct RustPaths<'a> {
    /// Prefix of the runtime's types (`bindery_runtime::`, or empty for short names).
    pub runtime: &'a str,
    /// Prefix of the provider's shared types (`crate::fxiaoke::types::`, or `types::`).
    pub shared: &'a str,
    /// The map type (`std::collections::BTreeMap`, or `BTreeMap`).
    pub map: &'a str,
}

impl Type {
    /// The field type as Rust source (without the `Option` of an optional field).
    pub fn rust_text(&self, paths: &RustPaths<'_>) -> String {
        let runtime = |name: &str| format!("{}{name}", paths.runtime);
        match self {
            Type::String => "String".to_owned(),
            Type::Secret => runtime("Secret"),
            Type::Bool => "bool".to_owned(),
            Type::I32 => "i32".to_owned(),
            Type::I64 => "i64".to_owned(),
            Type::U64 => "u64".to_owned(),
            Type::F64 => "f64".to_owned(),
            Type::Decimal => runtime("Decimal"),
            Type::TimestampMs => runtime("TimestampMs"),
            Type::TimestampS => runtime("TimestampS"),
            Type::Json => "serde_json::Value".to_owned(),
            Type::List(inner) => format!("Vec<{}>", inner.rust_text(paths)),
            Type::Map(inner) => format!("{}<String, {}>", paths.map, inner.rust_text(paths)),
            Type::Named(r) => match r.home {
                TypeHome::Local => r.name.clone(),
                TypeHome::Shared => format!("{}{}", paths.shared, r.name),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::types::TypeRef;

    #[test]
    fn paths_are_spelled_as_asked() {
        let ty = Type::Map(Box::new(Type::List(Box::new(Type::Named(TypeRef {
            name: "Item".to_owned(),
            home: TypeHome::Shared,
            is_struct: true,
        })))));
        let short = RustPaths {
            runtime: "",
            shared: "types::",
            map: "BTreeMap",
        };
        assert_eq!(ty.rust_text(&short), "BTreeMap<String, Vec<types::Item>>");
        let full = RustPaths {
            runtime: "bindery_runtime::",
            shared: "crate::p::types::",
            map: "std::collections::BTreeMap",
        };
        assert_eq!(
            Type::List(Box::new(Type::Secret)).rust_text(&full),
            "Vec<bindery_runtime::Secret>"
        );
        assert_eq!(
            ty.rust_text(&full),
            "std::collections::BTreeMap<String, Vec<crate::p::types::Item>>"
        );
    }
}
