//! The nested request fields an endpoint's call needs although their types keep them
//! optional ([`Requirement`]), as the fields the generated check walks.

/// A field the call needs although its type keeps it optional (`Operator.UserId`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// The dot-separated JSON path as the spec writes it.
    pub path: String,
    /// The fields from the request down to the required one; the last is optional.
    pub steps: Vec<RequireStep>,
}

/// One field on a requirement's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequireStep {
    /// JSON name.
    pub json_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Whether the field is an `Option`: unset on the way down, the requirement is unmet.
    pub optional: bool,
    /// Whether the field is a list of objects (not the last step): each item must meet the
    /// rest of the path.
    pub list: bool,
}
