//! [`Tee`]: a deserializer of an object that keeps the values of some of its keys aside
//! while handing every key to the type being read: the fast decoding path reads the result
//! and the envelope fields among it (Tencent's `Response.Error`, Fxiaoke's `errorCode`) in
//! one pass, and the pager a record and its cursor key.
//!
//! Only an object can be read through it; anything else is an error, after which the
//! callers take their diagnostic path.

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::StrictDe;

/// The result's deserializer when envelope fields sit among the result's own (Tencent's
/// `Response.Error`, Fxiaoke's `errorCode` beside the result fields): each such field is
/// read once as a `Value`, kept in the skeleton and handed to the result from there.
pub(crate) struct Tee<'s, 'p, D> {
    /// The deserializer of the object.
    pub(crate) inner: D,
    /// The keys whose values are kept (the whole value under each).
    pub(crate) keys: &'s [&'p str],
    /// Where the kept values go, by key.
    pub(crate) skeleton: &'s mut Map<String, Value>,
}

macro_rules! only_maps {
    ($($method:ident),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
            Err(D::Error::custom("the fast path reads only an object as the result"))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Tee<'_, '_, D> {
    type Error = D::Error;

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(TeeVisitor {
            inner: visitor,
            keys: self.keys,
            skeleton: self.skeleton,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.deserialize_map(visitor)
    }

    only_maps!(
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
        deserialize_identifier,
        deserialize_ignored_any,
    );

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.deserialize_unit(visitor)
    }
}

struct TeeVisitor<'s, 'p, V> {
    inner: V,
    keys: &'s [&'p str],
    skeleton: &'s mut Map<String, Value>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TeeVisitor<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.expecting(formatter)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(TeeMap {
            inner: map,
            keys: self.keys,
            skeleton: self.skeleton,
            kept: None,
        })
    }
}

struct TeeMap<'s, 'p, A> {
    inner: A,
    keys: &'s [&'p str],
    skeleton: &'s mut Map<String, Value>,
    /// The current key, when its value is an envelope field.
    kept: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TeeMap<'_, '_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        // Keys are borrowed from the body where they can be (no escapes): a record's
        // every key passes here, and only a kept one is copied.
        let Some(key) = self.inner.next_key_seed(KeySeed)? else {
            return Ok(None);
        };
        let text = match &key {
            Key::Borrowed(text) => text,
            Key::Owned(text) => text.as_str(),
        };
        let kept = self.keys.contains(&text);
        self.kept = kept.then(|| text.to_owned());
        let value = match key {
            Key::Borrowed(text) => seed.deserialize(BorrowedStrDeserializer::new(text)),
            Key::Owned(text) => seed.deserialize(StringDeserializer::new(text)),
        }?;
        Ok(Some(value))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        match self.kept.take() {
            None => self.inner.next_value_seed(seed),
            Some(key) => {
                // Envelope fields are small (a code, an id, Tencent's `Error`): the copy is
                // cheaper than a second pass.
                let value: Value = self.inner.next_value()?;
                let result = seed
                    .deserialize(StrictDe(value.clone()))
                    .map_err(A::Error::custom);
                self.skeleton.insert(key, value);
                result
            }
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

/// An object's key as the body holds it.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key<'de>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(text))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(text.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(text))
    }
}
