//! What an enum's values are on the wire: JSON strings or JSON integers. Lowering decides the
//! kind once from the spec's values (which the loader has checked are all of one kind); the
//! emitter, the doc examples and spec-diff read it from here.

use std::fmt;

/// The JSON type of an enum's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumKind {
    /// JSON strings; unknown values arrive as `Unknown(String)`.
    String,
    /// JSON integers (`i64`); unknown values arrive as `Unknown(i64)`.
    Integer,
}

impl EnumKind {
    /// How spec-diff and docs name the kind.
    pub fn noun(self) -> &'static str {
        match self {
            EnumKind::String => "strings",
            EnumKind::Integer => "integers",
        }
    }
}

/// One enum value as it is on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WireValue {
    /// A JSON string.
    Str(String),
    /// A JSON integer.
    Int(i64),
}

impl WireValue {
    /// The value's kind.
    pub fn kind(&self) -> EnumKind {
        match self {
            WireValue::Str(_) => EnumKind::String,
            WireValue::Int(_) => EnumKind::Integer,
        }
    }

    /// Whether the JSON value `json` is this value (of the same JSON type).
    pub fn is(&self, json: &serde_json::Value) -> bool {
        match self {
            WireValue::Str(s) => json.as_str() == Some(s),
            WireValue::Int(i) => json.as_i64() == Some(*i),
        }
    }

    /// The value as JSON text: strings quoted (`"0"`), integers bare (`0`), so the two never
    /// read alike in docs and reports.
    pub fn json_text(&self) -> String {
        match self {
            WireValue::Str(s) => serde_json::Value::from(s.as_str()).to_string(),
            WireValue::Int(i) => i.to_string(),
        }
    }
}

/// The value as written in the spec (a string's text unquoted).
impl fmt::Display for WireValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireValue::Str(s) => f.write_str(s),
            WireValue::Int(i) => write!(f, "{i}"),
        }
    }
}
