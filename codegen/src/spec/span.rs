//! Source positions carried through the spec model so that every later check can point at
//! the exact place in a YAML file.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};

/// A 1-based line and column inside one spec file.
///
/// `Default` is 0:0, "not known"; a diagnostic never shows it (see
/// [`Diagnostic`](crate::diagnostics::Diagnostic)), and problems with a whole file or folder
/// are placed at [`Pos::START`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line number.
    pub line: u64,
    /// 1-based column number.
    pub column: u64,
}

impl Pos {
    /// Line 1, column 1: where problems with a file (or folder) as a whole are reported.
    pub const START: Pos = Pos { line: 1, column: 1 };

    /// The position itself, with an unknown (0) line or column moved to 1, so that a
    /// location always points into the file.
    #[must_use]
    pub fn or_start(self) -> Pos {
        Pos {
            line: self.line.max(1),
            column: self.column.max(1),
        }
    }
}

/// The text with every line break written as `\n`.
///
/// YAML reads `\r\n`, `\n` and a lone `\r` as one line break each, and so do the positions
/// the parser reports; the loader's own line-based helpers and the snippet renderer split on
/// `\n` only, so a file saved with old-Mac (CR-only) line endings would look like one long
/// line (and, starting with the modeline comment, like an empty file). Normalising before
/// anything reads the text keeps every line number the same as YAML's.
pub fn normalise_line_endings(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

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
