//! How spec names become Rust names. Every rule lives here, as data, so the loader's checks
//! and the emitter agree on what a name turns into.

use heck::{ToPascalCase, ToSnakeCase};

/// Rust keywords (strict, reserved and edition-2024 ones). A derived name that equals one of
/// these is an error asking for `rust_name`: raw identifiers read badly in generated code.
pub const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names the generated code itself defines inside every provider module or type, or names
/// by their bare prelude name (`impl Into<String>`, `impl From<&str>`); a spec type that
/// turns into one of these would shadow or collide with them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
    "Credentials",
    "Unknown",
    "Language",
    "Into",
    "From",
];

/// Field names the generated structs use for themselves.
pub const RESERVED_FIELD_NAMES: &[&str] = &["extra"];

/// Inherent methods every generated struct defines besides one setter per optional field
/// (`new`; `extra_field` on open objects). A field with one of these Rust names would give a
/// setter that collides with them (E0592), so the loader refuses it — whether the field is
/// optional or not, so that making a field optional later cannot break the build.
pub const STRUCT_METHOD_NAMES: &[&str] = &["new", "extra_field"];

/// Inherent methods every generated enum defines. Variants are `PascalCase`, so no spec name
/// can meet these; they are listed so that this file names every method the emitter makes up.
pub const ENUM_METHOD_NAMES: &[&str] = &["as_str"];

/// Inherent methods every generated provider `Client` defines besides the endpoint methods,
/// and `new`, which Rust readers (and clippy's `new_ret_no_self`) take for a constructor. An
/// endpoint whose method (or stream method) would be one of these is refused.
pub const CLIENT_METHOD_NAMES: &[&str] =
    &["builder", "base_url", "with_timeout", "with_retry", "new"];

/// Setter names that clippy's `should_implement_trait` reads as an operator trait's method
/// (`fn add(self, value) -> Self` looks like `Add::add`). A field may have such a name (a
/// vendor's `add` is a fine setter); the emitter allows the lint on exactly those setters.
pub const OPERATOR_METHOD_NAMES: &[&str] = &[
    "add", "bitand", "bitor", "bitxor", "div", "mul", "rem", "shl", "shr", "sub",
];

/// Appended to a redirect endpoint's file stem to name its client method (`authorize_url`).
pub const REDIRECT_METHOD_SUFFIX: &str = "_url";

/// Appended to a paged endpoint's method to name the method that streams every record.
pub const STREAM_METHOD_SUFFIX: &str = "_stream";

/// The client method of an endpoint file: its stem, plus [`REDIRECT_METHOD_SUFFIX`] for a
/// redirect endpoint (which builds a URL instead of calling).
pub fn client_method(stem: &str, redirect: bool) -> String {
    let base = module_name(stem);
    if redirect {
        format!("{base}{REDIRECT_METHOD_SUFFIX}")
    } else {
        base
    }
}

/// The stream method of a paged endpoint whose client method is `method`.
pub fn stream_method(method: &str) -> String {
    format!("{method}{STREAM_METHOD_SUFFIX}")
}

/// The name of the marker type of a constant field: owner type, then the field in
/// `PascalCase` (`CorpTokenRequest` + `grant_type` → `CorpTokenRequestGrantType`). Markers
/// share the owner's module with the spec's own types.
pub fn constant_marker(owner: &str, rust_field: &str) -> String {
    format!("{owner}{}", type_name(rust_field))
}

/// The cargo feature of a provider's client, shared types and operations table, without
/// endpoints (`fxiaoke-client`); every endpoint group's feature enables it. `client` is a
/// reserved module name, so no group's feature can be this one.
pub fn client_feature(provider: &str) -> String {
    format!("{provider}-client")
}

/// The cargo feature of one endpoint group of a provider: a top-level folder (`fxiaoke-crm`)
/// or an endpoint file directly in the provider folder (`tencent_ess-create_flow`), named
/// by its module.
pub fn group_feature(provider: &str, module: &str) -> String {
    format!("{provider}-{module}")
}

/// Module names that would clash with the generated crate's own modules.
/// (`mock` is also the generated crate's cargo feature of the mock tables, which a provider's
/// feature would meet.)
pub const RESERVED_MODULE_NAMES: &[&str] =
    &["types", "client", "operations", "mock", "std", "core"];

/// The generated crate's own cargo features, which a provider's feature (its name) would meet.
pub const RESERVED_FEATURE_NAMES: &[&str] =
    &["default", "full", "mock", "serialize", "deserialize"];

/// The `snake_case` Rust name for a JSON key: `objectApiName` → `object_api_name`,
/// `_id` → `id`, `UserId` → `user_id`, `Data` → `data`.
pub fn field_name(json_name: &str) -> String {
    let snake = json_name.to_snake_case();
    if snake.is_empty() {
        "field".to_owned()
    } else {
        snake
    }
}

/// The `PascalCase` Rust name for a type or variant: `search_query_info` → `SearchQueryInfo`,
/// `EQ` → `Eq`, `AccountObj` → `AccountObj`.
pub fn type_name(name: &str) -> String {
    name.to_pascal_case()
}

/// The `snake_case` module or method name for a file stem or folder.
pub fn module_name(name: &str) -> String {
    name.to_snake_case()
}

/// The `SCREAMING_SNAKE_CASE` name for a constant.
pub fn const_name(name: &str) -> String {
    heck::ToShoutySnakeCase::to_shouty_snake_case(name)
}

/// The static of an envelope in a provider's `operations` module: `ENVELOPE` for the
/// default, and for a named one a static of the nested `envelopes` module
/// (`structure` → `STRUCTURE`), which no operation static can meet.
pub fn envelope_static(name: Option<&str>) -> String {
    name.map_or_else(|| "ENVELOPE".to_owned(), const_name)
}

/// The constant holding a base URL named `name` (`open71360` → `OPEN71360_BASE_URL`).
pub fn base_url_const(name: &str) -> String {
    format!("{}_BASE_URL", const_name(name))
}

/// The function filling in a templated base URL named `name`
/// (`private_deployment` → `private_deployment_base_url`).
pub fn base_url_fn(name: &str) -> String {
    format!("{}_base_url", module_name(name))
}

/// Whether `name` is a Rust keyword.
pub fn is_keyword(name: &str) -> bool {
    RUST_KEYWORDS.contains(&name)
}

/// Whether `name` is a plain Rust identifier (ASCII letter or `_` first, then letters,
/// digits and `_`), which is what every derived or overridden name must be.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_readable_names() {
        assert_eq!(field_name("objectApiName"), "object_api_name");
        assert_eq!(field_name("_id"), "id");
        assert_eq!(field_name("UserId"), "user_id");
        assert_eq!(field_name("search_query_info"), "search_query_info");
        assert_eq!(field_name("object_data"), field_name("objectData"));
        assert_eq!(type_name("search_query_info"), "SearchQueryInfo");
        assert_eq!(type_name("NBETWEEN"), "Nbetween");
        assert_eq!(module_name("getMapperObjectId"), "get_mapper_object_id");
        assert_eq!(const_name("getMapperObjectId"), "GET_MAPPER_OBJECT_ID");
        assert!(is_keyword("type"));
        assert!(!is_identifier("9lives"));
        assert!(is_identifier("offset"));
        assert_eq!(base_url_const("open71360"), "OPEN71360_BASE_URL");
        assert_eq!(
            base_url_fn("privateDeployment"),
            "private_deployment_base_url"
        );
    }
}
