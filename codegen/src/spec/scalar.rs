//! A YAML scalar that must be a string on the wire, remembering whether YAML read it as one.
//!
//! YAML reads `value: 0`, `value: true` and `value: 1.5` as a number or a boolean. Read into a
//! `String` such a value silently became the text `"0"`, and a client then sent the string
//! `"0"` where the vendor expects the number `0`. [`WireString`] keeps the text *and* what
//! YAML made of it, so the validator can refuse an unquoted non-string with its position.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A string value (an enum's wire value) as written in YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireString {
    /// The text, as the value reads.
    pub text: String,
    /// What YAML read instead of a string (`"an integer"`, `"a boolean"`, …), when it did.
    pub not_a_string: Option<&'static str>,
}

impl WireString {
    /// A value that YAML read as a string.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            not_a_string: None,
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
                Ok(read_as(v.to_string(), "an integer"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<WireString, E> {
                Ok(read_as(v.to_string(), "an integer"))
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
    }
}

impl JsonSchema for WireString {
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        String::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
    fn inline_schema() -> bool {
        String::inline_schema()
    }
}
