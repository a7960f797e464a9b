//! [`StrictDe`]: any deserializer made strict the way [`Strict`](super::Strict) is, so the
//! fast decoding path (straight from the body's bytes, or from an owned `Value`) accepts
//! exactly the shapes the diagnostic path over a borrowed `Value` accepts.
//!
//! serde_json's own deserializers let a derived struct read a JSON array positionally; here
//! every struct is read as a map, at every depth: the wrapper passes itself on through every
//! visitor, sequence, map, enum and seed it hands out.

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// `D`, except that a struct accepts only a JSON object, at any depth.
pub(crate) struct StrictDe<D>(pub(crate) D);

/// A visitor whose nested deserializers are wrapped in [`StrictDe`].
struct Wrap<V>(V);

/// A seed, sequence, map or enum access whose values are read through [`StrictDe`].
struct Access<A>(A);

/// A seed of an object key, read through [`KeyDe`].
struct KeySeed<K>(K);

/// An object key's deserializer that offers the key only as the string it is: serde_json
/// would parse `"1"` for an integer key, which a `Value`'s keys never do.
struct KeyDe<D>(D);

/// A seed that reads a struct variant's content as a map, like any struct.
struct StructVariant<V>(V);

macro_rules! forward_deserialize {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Wrap(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for StrictDe<D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
    );

    /// Read as any value: serde_json parses 128-bit integers beyond 64 bits, which a `Value`
    /// holds only as a float.
    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Wrap(visitor))
    }

    /// As [`Self::deserialize_i128`].
    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Wrap(visitor))
    }

    /// Read as any value, not skipped: serde_json skips without its nesting limit, so an
    /// unknown field nested 10,000 deep would pass here and fail over a `Value`.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Wrap(visitor))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }

    /// The one difference: a struct is read as a map, so an array is refused.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Wrap(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty)),* $(,)?) => {$(
        fn $method<E: serde::de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.expecting(formatter)
    }

    forward_visit!(
        visit_bool(bool),
        visit_i8(i8),
        visit_i16(i16),
        visit_i32(i32),
        visit_i64(i64),
        visit_i128(i128),
        visit_u8(u8),
        visit_u16(u16),
        visit_u32(u32),
        visit_u64(u64),
        visit_u128(u128),
        visit_f32(f32),
        visit_f64(f64),
        visit_char(char),
        visit_str(&str),
        visit_borrowed_str(&'de str),
        visit_string(String),
        visit_bytes(&[u8]),
        visit_borrowed_bytes(&'de [u8]),
        visit_byte_buf(Vec<u8>),
    );

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(StrictDe(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(StrictDe(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(Access(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Access(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(Access(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Access<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(StrictDe(deserializer))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Access<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Access(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Access<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(KeySeed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Access(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Access<A> {
    type Error = A::Error;
    type Variant = Access<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Access(seed))?;
        Ok((value, Access(variant)))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Access<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Access(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        // serde_json reads a struct variant like a struct, an array positionally.
        self.0.newtype_variant_seed(Access(StructVariant(visitor)))
    }
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for StructVariant<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_map(self.0)
    }
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        self.0.deserialize(KeyDe(deserializer))
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDe<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    /// A key names a unit variant, as a `Value`'s string keys do.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::Value;

    use super::StrictDe;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        a: i64,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        inner: Inner,
        list: Vec<Inner>,
        maybe: Option<Inner>,
    }

    fn from_bytes<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = T::deserialize(StrictDe(&mut de))?;
        de.end()?;
        Ok(value)
    }

    #[test]
    fn objects_read_as_usual() {
        let text = r#"{"inner":{"a":1},"list":[{"a":2}],"maybe":{"a":3}}"#;
        let expected = Outer {
            inner: Inner { a: 1 },
            list: vec![Inner { a: 2 }],
            maybe: Some(Inner { a: 3 }),
        };
        assert_eq!(from_bytes::<Outer>(text).unwrap(), expected);
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(Outer::deserialize(StrictDe(value)).unwrap(), expected);
    }

    #[test]
    fn arrays_are_no_structs_at_any_depth() {
        // Plain serde_json reads each of these positionally.
        for text in [
            r#"[{"a":1},[],null]"#,
            r#"{"inner":[1],"list":[],"maybe":null}"#,
            r#"{"inner":{"a":1},"list":[[2]],"maybe":null}"#,
            r#"{"inner":{"a":1},"list":[],"maybe":[3]}"#,
        ] {
            assert!(serde_json::from_str::<Outer>(text).is_ok(), "{text}");
            assert!(from_bytes::<Outer>(text).is_err(), "{text}");
            let value: Value = serde_json::from_str(text).unwrap();
            assert!(Outer::deserialize(StrictDe(value)).is_err(), "{text}");
        }
    }

    #[test]
    fn skipped_values_keep_the_nesting_limit() {
        let deep = format!(
            r#"{{"a":1,"skipped":{}{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        assert!(serde_json::from_str::<Inner>(&deep).is_ok());
        let error = from_bytes::<Inner>(&deep).unwrap_err();
        assert!(error.to_string().contains("recursion limit"), "{error}");
    }

    /// Whether the diagnostic path over a `Value` reads `text` as `T`.
    fn strict_reads<T: for<'de> Deserialize<'de>>(text: &str) -> bool {
        let value: Value = serde_json::from_str(text).unwrap();
        T::deserialize(crate::strict::Strict(&value)).is_ok()
    }

    /// The fast paths (bytes and owned `Value`) accept `text` exactly when the diagnostic
    /// path does.
    fn agree<T: for<'de> Deserialize<'de>>(text: &str, accepted: bool) {
        assert_eq!(strict_reads::<T>(text), accepted, "diagnostic path, {text}");
        assert_eq!(from_bytes::<T>(text).is_ok(), accepted, "bytes, {text}");
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            T::deserialize(StrictDe(value)).is_ok(),
            accepted,
            "owned value, {text}"
        );
    }

    #[test]
    fn map_keys_are_only_strings() {
        use std::collections::BTreeMap;
        // serde_json's key reader parses `"1"` for an integer key; a `Value`'s does not.
        agree::<BTreeMap<u32, i64>>(r#"{"1":2}"#, false);
        agree::<BTreeMap<String, i64>>(r#"{"1":2}"#, true);
        agree::<BTreeMap<String, Inner>>(r#"{"x":{"a":1}}"#, true);
        agree::<BTreeMap<String, Inner>>(r#"{"x":[1]}"#, false);
        // A key may name a unit variant, as a `Value`'s string keys may.
        #[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
        enum Kind {
            Plain,
        }
        agree::<BTreeMap<Kind, i64>>(r#"{"Plain":1}"#, true);
        agree::<BTreeMap<Kind, i64>>(r#"{"Other":1}"#, false);
    }

    #[test]
    fn struct_variants_are_objects() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        enum Shape {
            Point { a: i64 },
            Plain,
        }
        agree::<Shape>(r#"{"Point":{"a":1}}"#, true);
        agree::<Shape>(r#"{"Point":[1]}"#, false);
        agree::<Shape>(r#""Plain""#, true);
        assert!(!strict_reads::<Vec<Shape>>(r#"[{"Point":[1]}]"#));
        assert!(from_bytes::<Vec<Shape>>(r#"[{"Point":[1]}]"#).is_err());
    }

    #[test]
    fn wide_integers_are_read_as_a_value_reads_them() {
        agree::<i128>("-5", true);
        agree::<u128>("18446744073709551615", true);
        // Beyond 64 bits a `Value` holds a float, which no integer accepts.
        agree::<u128>("18446744073709551616", false);
        agree::<i128>("-9223372036854775809", false);
    }

    #[test]
    fn duplicate_fields_are_refused() {
        assert!(from_bytes::<Inner>(r#"{"a":1,"a":2}"#).is_err());
    }
}
