//! An empty 2xx body read as a result: only a result type that is nothing (`()`, a unit
//! struct) can be read from it — the operations whose vendor answers with no body. Every
//! other type refuses it, and the answer stays the decode error "empty response body".

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Why a type that expects data cannot be read from no body.
#[derive(Debug)]
pub(super) struct NotNothing;

impl std::fmt::Display for NotNothing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the type expects data")
    }
}

impl std::error::Error for NotNothing {}

impl de::Error for NotNothing {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        NotNothing
    }
}

/// The deserializer of no body at all.
struct NoBody;

impl<'de> Deserializer<'de> for NoBody {
    type Error = NotNothing;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, NotNothing> {
        Err(NotNothing)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotNothing> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, NotNothing> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// `Resp` read from an empty body: `Some` only for a type that holds nothing.
pub(super) fn nothing<Resp: for<'de> Deserialize<'de>>() -> Option<Resp> {
    Resp::deserialize(NoBody).ok()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::Value;

    use super::nothing;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Unit;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Fields {
        a: Option<i32>,
    }

    #[test]
    fn only_types_that_hold_nothing_read_an_empty_body() {
        assert_eq!(nothing::<()>(), Some(()));
        assert_eq!(nothing::<Unit>(), Some(Unit));
        assert!(nothing::<Option<i32>>().is_none());
        assert!(nothing::<Value>().is_none());
        assert!(nothing::<Fields>().is_none());
        assert!(nothing::<Vec<i32>>().is_none());
    }
}

#[cfg(test)]
mod decoding {
    use crate::decode_response;
    use crate::error::Error;
    use crate::test_ops::{FX_OP, MD_STRUCTURE_OP};

    #[test]
    fn no_body_is_the_success_of_an_operation_whose_result_holds_nothing() {
        for status in [200, 204] {
            assert!(decode_response::<()>(&FX_OP, status, b"").is_ok());
            assert!(decode_response::<()>(&FX_OP, status, b" \r\n").is_ok());
        }
        // A success envelope is success too; a failing one is still the vendor's error.
        assert!(decode_response::<()>(&FX_OP, 200, br#"{"errorCode":0,"x":1}"#).is_ok());
        let err = decode_response::<()>(&FX_OP, 200, br#"{"errorCode":20016,"errorMessage":"m"}"#)
            .unwrap_err();
        assert_eq!(err.vendor_code(), Some("20016"));
        let err =
            decode_response::<()>(&MD_STRUCTURE_OP, 200, br#"{"success":false}"#).unwrap_err();
        assert_eq!(err.vendor_code(), Some("success=false"));
        // Not JSON at all is still not a success.
        assert!(matches!(
            decode_response::<()>(&FX_OP, 200, b"<html>"),
            Err(Error::Decode { .. })
        ));
        // A non-2xx empty answer is an HTTP error.
        assert!(matches!(
            decode_response::<()>(&FX_OP, 502, b""),
            Err(Error::Http { status: 502, .. })
        ));
    }

    #[test]
    fn a_result_with_data_still_refuses_no_body() {
        let err = decode_response::<serde_json::Value>(&FX_OP, 200, b"").unwrap_err();
        assert!(
            matches!(&err, Error::Decode { message, .. } if message == "empty response body"),
            "{err:?}"
        );
    }
}
