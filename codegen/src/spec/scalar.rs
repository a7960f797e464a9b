//! A YAML scalar that is an enum's wire value, remembering what YAML read it as.
//!
//! YAML reads `value: 0`, `value: true` and `value: 1.5` as a number or a boolean. Read into a
//! `String` such a value silently became the text `"0"`, and a client then sent the string
//! `"0"` where the vendor expects the number `0`. [`WireString`] keeps the text *and* what
//! YAML made of it: an integer makes an integer enum, a quoted `"0"` a string enum, and the
//! validator refuses the kinds no enum holds (booleans, fractions, null) with their position.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// An enum's wire value as written in YAML: a string, or an unquoted scalar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireString {
    /// The text, as the value reads.
    pub text: String,
    /// What YAML read instead of a string (`"an integer"`, `"a boolean"`, …), when it did.
    pub not_a_string: Option<&'static str>,
    /// The integer, when YAML read one within the `i64` range (a value of an integer enum).
    pub integer: Option<i64>,
}

impl WireString {
    /// A value that YAML read as a string.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            not_a_string: None,
            integer: None,
        }
    }
}

impl std::ops::Deref for WireString {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl fmt::Display for WireString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for WireString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = WireString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<WireString, E> {
                Ok(WireString::new(v))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<WireString, E> {
                Ok(read_as(v.to_string(), "a boolean"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<WireString, E> {
                Ok(WireString {
                    integer: Some(v),
                    ..read_as(v.to_string(), "an integer")
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WireString, E> {
                match i64::try_from(v) {
                    Ok(v) => self.visit_i64(v),
                    Err(_) => Ok(read_as(v.to_string(), "an integer")),
                }
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<WireString, E> {
                Ok(read_as(v.to_string(), "an integer"))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<WireString, E> {
                Ok(read_as(v.to_string(), "an integer"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<WireString, E> {
                Ok(read_as(v.to_string(), "a number"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<WireString, E> {
                Ok(read_as("null".to_owned(), "null"))
            }
            fn visit_none<E: de::Error>(self) -> Result<WireString, E> {
                self.visit_unit()
            }
        }
        deserializer.deserialize_any(V)
    }
}

fn read_as(text: String, kind: &'static str) -> WireString {
    WireString {
        text,
        not_a_string: Some(kind),
        integer: None,
    }
}

impl JsonSchema for WireString {
    fn schema_name() -> Cow<'static, str> {
        "WireValue".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({ "type": ["string", "integer"] })
    }
    fn inline_schema() -> bool {
        true
    }
}

/// A numeric bound (`minimum`, `maximum`) as written: an integer stays an integer, exactly
/// (an `i64` bound such as 9007199254740993 is not rounded through `f64`), and a number with
/// a fraction stays one. Which the field can use is the validator's business; lowering turns
/// it into the bound type of the field ([`crate::ir::Bound`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// Written without a fraction or exponent (`5`, `-3`, `9000000000`).
    Int(i128),
    /// Written with one (`0.5`, `1e3`, `.inf`).
    Float(f64),
}

impl Number {
    /// The value as an `f64` (rounded for integers beyond 2^53).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    /// The value as an integer, if it is one (a float only when it has no fraction).
    pub fn as_integer(self) -> Option<i128> {
        match self {
            Number::Int(i) => Some(i),
            Number::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e38 => {
                Some(f as i128)
            }
            Number::Float(_) => None,
        }
    }

    /// How a JSON number compares with this bound: exactly when both are integers.
    pub fn cmp_json(self, value: &serde_json::Value) -> Option<std::cmp::Ordering> {
        let exact = value
            .as_i64()
            .map(i128::from)
            .or_else(|| value.as_u64().map(i128::from));
        match (exact, self) {
            (Some(v), Number::Int(b)) => Some(v.cmp(&b)),
            _ => value.as_f64()?.partial_cmp(&self.as_f64()),
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(b)),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(v) => write!(f, "{v}"),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number::Int(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number::Int(v.into()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Number, E> {
                Ok(Number::Int(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Number, E> {
                Ok(i128::try_from(v).map_or(Number::Float(v as f64), Number::Int))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number::Float(v))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl JsonSchema for Number {
    fn schema_name() -> Cow<'static, str> {
        f64::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        f64::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        f64::json_schema(generator)
    }
    fn inline_schema() -> bool {
        f64::inline_schema()
    }
}
