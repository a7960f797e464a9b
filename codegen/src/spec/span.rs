//! Source positions carried through the spec model so that every later check can point at
//! the exact place in a YAML file.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};

// Positions belong to diagnostics (which must not import the spec); the spec model carries
// them, so they stay reachable under their old path.
pub use crate::diagnostics::Pos;

/// A value read from YAML together with where it was written.
///
/// It deserialises through `serde_saphyr::Spanned`, and describes itself in the JSON Schema
/// exactly as `T` does, so the positions never leak into the spec format.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    /// The value itself.
    pub value: T,
    /// Where the value was written.
    pub pos: Pos,
}

impl<T> Spanned<T> {
    /// Wraps a value with a position (used by tests and by synthesised defaults).
    pub fn new(value: T, pos: Pos) -> Self {
        Self { value, pos }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inner = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Self {
            value: inner.value,
            pos: Pos {
                line: inner.referenced.line(),
                column: inner.referenced.column(),
            },
        })
    }
}

impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}
