//! Reading typed results out of a parsed JSON body, strictly.
//!
//! `serde_json`'s own `Value` deserializer lets a derived struct read a JSON
//! array positionally (`[1, "r"]` as `{"Status": 1, "RequestId": "r"}`), so a
//! shape no vendor sends would decode as success with made-up field values.
//! [`Strict`] is the same deserializer except that a struct accepts only a
//! JSON object; everything else (and every error text) is as `serde_json`'s.

use serde::Deserializer;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    DeserializeOwned, DeserializeSeed, EnumAccess, Error as _, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::operation::Operation;
use crate::redact::{Mask, Step, decode_message, hide_values, value_snippet};

mod tee;
mod wrap;
pub(crate) use tee::Tee;
pub(crate) use wrap::StrictDe;

type JsonError = serde_json::Error;

/// Reads `value` as `T`, reporting a mismatch as [`Error::Decode`].
///
/// The error's path is `path` (where `value` sits in the body, `""` for the
/// body itself) joined with the failing field's path; its snippet shows
/// `shown`, in which `value` sits at `value_in_shown`, with the failing value
/// hidden if it is a string (see [`value_snippet`]), masked by `mask`.
pub(crate) fn decode_value<T: DeserializeOwned>(
    op: &Operation,
    mask: Mask<'_>,
    value: &Value,
    path: &str,
    shown: &Value,
    value_in_shown: &[Step],
) -> Result<T, Error> {
    serde_path_to_error::deserialize::<_, T>(Strict(value)).map_err(|e| {
        let inner = e.path().to_string();
        let full_path = match (path, inner.as_str()) {
            (_, ".") => path.to_owned(),
            ("", _) => inner,
            (_, _) if inner.starts_with('[') => format!("{path}{inner}"),
            (_, _) => format!("{path}.{inner}"),
        };
        let mut offending = value_in_shown.to_vec();
        for segment in e.path() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => offending.push(Step::Index(*index)),
                serde_path_to_error::Segment::Map { key } => offending.push(Step::Key(key.clone())),
                // Generated types have no data-carrying enums; a path through one (or an
                // unknown step) cannot be followed, so the snippet hides nothing extra.
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {
                    offending.clear();
                    break;
                }
            }
        }
        // Serde repeats map keys in the path and numbers in the message (`integer `5``):
        // either may be a secret value the vendor echoed.
        Error::Decode {
            provider: op.provider,
            operation: op.name,
            path: hide_values(full_path, mask),
            message: hide_values(decode_message(&e.inner().to_string()), mask),
            snippet: value_snippet(shown, mask, &offending),
        }
    })
}

/// A deserializer over a borrowed [`Value`] whose structs accept only objects.
pub(crate) struct Strict<'a>(pub(crate) &'a Value);

/// What a value is, in `serde_json`'s words for errors.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Unexpected::Unsigned(u)
            } else if let Some(i) = n.as_i64() {
                Unexpected::Signed(i)
            } else {
                Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn visit_array<'de, V: Visitor<'de>>(
    items: &'de [Value],
    visitor: V,
) -> Result<V::Value, JsonError> {
    let mut seq = Items(items.iter());
    let value = visitor.visit_seq(&mut seq)?;
    match seq.0.len() {
        0 => Ok(value),
        _ => Err(JsonError::invalid_length(
            items.len(),
            &"fewer elements in array",
        )),
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    map: &'de Map<String, Value>,
    visitor: V,
) -> Result<V::Value, JsonError> {
    let mut entries = Entries {
        iter: map.iter(),
        value: None,
    };
    let value = visitor.visit_map(&mut entries)?;
    match entries.iter.len() {
        0 => Ok(value),
        _ => Err(JsonError::invalid_length(
            map.len(),
            &"fewer elements in map",
        )),
    }
}

impl<'de> Deserializer<'de> for Strict<'de> {
    type Error = JsonError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(map) => visit_object(map, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            other => Err(JsonError::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        visitor.visit_newtype_struct(self)
    }

    /// The one difference from `serde_json`: only an object is a struct.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::Object(map) => visit_object(map, visitor),
            other => Err(JsonError::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(Variant {
                name: s,
                value: None,
            }),
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((name, value)), None) => visitor.visit_enum(Variant {
                        name,
                        value: Some(value),
                    }),
                    _ => Err(JsonError::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    )),
                }
            }
            other => Err(JsonError::invalid_type(unexpected(other), &"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, JsonError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf seq tuple tuple_struct map identifier
    }
}

/// The elements of an array.
struct Items<'a>(std::slice::Iter<'a, Value>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = JsonError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, JsonError> {
        self.0
            .next()
            .map(|item| seed.deserialize(Strict(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// The entries of an object.
struct Entries<'a> {
    iter: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = JsonError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, JsonError> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, JsonError> {
        match self.value.take() {
            Some(value) => seed.deserialize(Strict(value)),
            None => Err(JsonError::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// An enum as a string (unit variant) or a single-key object.
struct Variant<'a> {
    name: &'a str,
    value: Option<&'a Value>,
}

impl<'de> EnumAccess<'de> for Variant<'de> {
    type Error = JsonError;
    type Variant = VariantValue<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, VariantValue<'de>), JsonError> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.name))?;
        Ok((variant, VariantValue(self.value)))
    }
}

/// The content of an enum variant, if it has one.
struct VariantValue<'a>(Option<&'a Value>);

impl<'de> VariantAccess<'de> for VariantValue<'de> {
    type Error = JsonError;

    fn unit_variant(self) -> Result<(), JsonError> {
        match self.0 {
            None | Some(Value::Null) => Ok(()),
            Some(other) => Err(JsonError::invalid_type(unexpected(other), &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, JsonError> {
        match self.0 {
            Some(value) => seed.deserialize(Strict(value)),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Some(Value::Array(items)) => visit_array(items, visitor),
            Some(other) => Err(JsonError::invalid_type(unexpected(other), &"tuple variant")),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, JsonError> {
        match self.0 {
            Some(Value::Object(map)) => visit_object(map, visitor),
            Some(other) => Err(JsonError::invalid_type(
                unexpected(other),
                &"struct variant",
            )),
            None => Err(JsonError::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    /// A Tencent-shaped operation for the decoding tests.
    static OP: Operation = Operation {
        provider: "p",
        name: "op",
        method: crate::Method::Post,
        path: "/",
        action: None,
        auth: None,
        idempotent: true,
        envelope: &crate::test_ops::TC_ENVELOPE,
        rate_limit: None,
        secret_fields: &[],
        query: &[],
        request_body: crate::operation::BodyShape::Object,
        response_body: crate::operation::BodyShape::Object,
    };

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Inner {
        status: i64,
        request_id: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        inner: Inner,
        list: Vec<Inner>,
        map: BTreeMap<String, u8>,
        any: Value,
        #[serde(default)]
        missing: Option<bool>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Open {
        a: i64,
        #[serde(flatten)]
        extra: Map<String, Value>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Kind {
        Plain,
        Wrapped(i64),
    }

    fn strict<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
        T::deserialize(Strict(value)).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let value = json!({
            "inner": {"Status": 1, "RequestId": "r"},
            "list": [{"Status": -2, "RequestId": null}],
            "map": {"x": 7},
            "any": [1, "two", {"three": 3.5}, null, true],
        });
        let ours: Outer = strict(&value).unwrap();
        let loose: Outer = serde_json::from_value(value).unwrap();
        assert_eq!(ours, loose);
        let open: Open = strict(&json!({"a": 1, "b": [2]})).unwrap();
        assert_eq!(open.extra.get("b"), Some(&json!([2])));
        assert_eq!(strict::<Kind>(&json!("Plain")), Ok(Kind::Plain));
        assert_eq!(strict::<Kind>(&json!({"Wrapped": 3})), Ok(Kind::Wrapped(3)));
        assert_eq!(
            strict::<(u8, String)>(&json!([1, "a"])),
            Ok((1, "a".to_owned()))
        );
    }

    #[test]
    fn structs_reject_arrays_and_errors_read_as_serde_json_s() {
        let err = strict::<Inner>(&json!([1, "r"])).unwrap_err();
        assert_eq!(err, "invalid type: sequence, expected struct Inner");
        assert!(serde_json::from_value::<Inner>(json!([1, "r"])).is_ok());
        for value in [
            json!({"Status": "1"}),
            json!({"Status": 1.5}),
            json!({"Status": null}),
            json!({"Status": 9_223_372_036_854_775_808_u64}),
            json!({"RequestId": "r"}),
            json!("text"),
            json!(null),
            json!({"Status": 1, "RequestId": {"a": 1}}),
        ] {
            let ours = strict::<Inner>(&value).unwrap_err();
            let theirs = serde_json::from_value::<Inner>(value.clone())
                .unwrap_err()
                .to_string();
            assert_eq!(ours, theirs, "{value}");
        }
        assert_eq!(
            strict::<(u8,)>(&json!([1, 2])).unwrap_err(),
            serde_json::from_value::<(u8,)>(json!([1, 2]))
                .unwrap_err()
                .to_string()
        );
    }

    #[test]
    fn decode_value_reports_the_path_and_hides_the_string() {
        let body = json!({"Response": {"List": [{"Status": "SECRET-ISH"}]}});
        let result = &body["Response"];
        #[derive(Debug, Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct R {
            list: Vec<Inner>,
        }
        let steps = [Step::Key("Response".to_owned())];
        match decode_value::<R>(&OP, Mask::of(&OP), result, "Response", &body, &steps) {
            Err(Error::Decode {
                path,
                message,
                snippet,
                ..
            }) => {
                assert_eq!(path, "Response.List[0].Status");
                assert_eq!(
                    message,
                    "invalid type: string (10 characters, not shown), expected i64"
                );
                assert!(!snippet.contains("SECRET-ISH"), "{snippet}");
                assert!(snippet.contains(r#""Status":"[redacted]""#), "{snippet}");
            }
            Ok(decoded) => panic!("decoded {:?}", decoded.list),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn decode_value_hides_secret_values_in_the_path_and_message() {
        let values = crate::redact::SecretValues::new(["987654", "K-SECRET"], None, Mask::of(&OP));
        let mask = Mask::of(&OP).with_values(&values);
        // A number where a string belongs: serde repeats it in backticks.
        let body = json!({"RequestId": 987654});
        let error = decode_value::<Inner>(&OP, mask, &body, "", &body, &[]).unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(!text.contains("987654"), "{text}");
        // A map key: serde puts it in the path.
        let body = json!({"map": {"K-SECRET": "x"}});
        let error = decode_value::<BTreeMap<String, BTreeMap<String, u8>>>(
            &OP,
            mask,
            &body,
            "",
            &body,
            &[],
        )
        .unwrap_err();
        let text = format!("{error} {error:?}");
        assert!(!text.contains("K-SECRET"), "{text}");
        assert!(text.contains("map.[redacted]"), "{text}");
    }
}
