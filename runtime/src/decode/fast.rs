//! The fast path of a successful answer: one pass over the body's bytes, straight into the
//! result type, keeping aside only the envelope's own fields (code, message, request id,
//! flag, the code's holder) as a sparse copy of the body, the *skeleton*, that the status
//! is then read from exactly as from the whole body.
//!
//! It decides nothing on its own: any failure (malformed JSON, a shape the result type
//! refuses, a body that is not the object the envelope expects, a missing result) gives
//! `None`, and the caller takes the diagnostic path over a parsed `Value`, which finds the
//! same verdict and reports it with its JSON path and snippet. So errors stay exactly what
//! they were; only a success is faster. Strictness is [`StrictDe`]'s: structs read only
//! objects, at any depth, as over a `Value`.

use serde::de::{DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::envelope::split_first;
use crate::operation::Envelope;
use crate::strict::{StrictDe, Tee};

/// Reads `body` as the envelope's result, read by `seed`, with the skeleton of envelope
/// fields the status is read from; `None` when anything is not as a success would be.
///
/// The envelope's paths are walked as the dotted text they are (a level strips its key off
/// the front), so that reading one answer allocates nothing for them.
pub(crate) fn decode_seed<'b, S: DeserializeSeed<'b>>(
    envelope: &Envelope,
    body: &'b [u8],
    seed: S,
) -> Option<(S::Value, Value)> {
    let mut captures = Captures::default();
    [
        Some(envelope.code),
        Some(envelope.message),
        envelope.request_id,
        envelope.flag.map(|flag| flag.path),
        envelope.code.rsplit_once('.').map(|(holder, _)| holder),
    ]
    .into_iter()
    .flatten()
    // `""` is the value itself: no key to keep.
    .filter(|path| !path.is_empty())
    .for_each(|path| captures.push(path));
    let mut found = None;
    let mut de = serde_json::Deserializer::from_slice(body);
    let level = Level {
        to_result: envelope.result.filter(|path| !path.is_empty()),
        captures,
        seed: &mut Some(seed),
        found: &mut found,
    };
    // Strict from the top, so that what the envelope's levels skip keeps the nesting limit.
    let skeleton = level.deserialize(StrictDe(&mut de)).ok()?;
    de.end().ok()?;
    Some((found?, skeleton))
}

/// The envelope paths from one level of the body on, each of at least one key: at most
/// the five an envelope names (code, message, request id, flag, the code's holder).
#[derive(Clone, Copy, Default)]
struct Captures<'p> {
    paths: [&'p str; 5],
    len: usize,
}

impl<'p> Captures<'p> {
    fn push(&mut self, path: &'p str) {
        if let Some(slot) = self.paths.get_mut(self.len) {
            *slot = path;
            self.len += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = &'p str> + '_ {
        self.paths[..self.len].iter().copied()
    }

    /// The paths that go on through `key`, without it.
    fn through(&self, key: &str) -> Self {
        let mut next = Captures::default();
        for path in self.iter() {
            if let (first, Some(rest)) = split_first(path)
                && first == key
            {
                next.push(rest);
            }
        }
        next
    }

    /// The first key of each path, each once.
    fn first_keys(&self) -> Self {
        let mut keys = Captures::default();
        for path in self.iter() {
            let key = split_first(path).0;
            if !keys.iter().any(|kept| kept == key) {
                keys.push(key);
            }
        }
        keys
    }

    fn any_first_is(&self, key: &str) -> bool {
        self.iter().any(|path| split_first(path).0 == key)
    }
}

/// One object of the body: the result (`to_result` `None`) or an object on the way to it.
/// Its value is the skeleton of that object.
struct Level<'a, 'p, 'b, S: DeserializeSeed<'b>> {
    /// The keys from here to the result.
    to_result: Option<&'p str>,
    /// The envelope paths from here.
    captures: Captures<'p>,
    /// The result's reader, taken when the result is met: a second result (a duplicate
    /// key) is an error, and so a case for the diagnostic path.
    seed: &'a mut Option<S>,
    found: &'a mut Option<S::Value>,
}

impl<'b, S: DeserializeSeed<'b>> DeserializeSeed<'b> for Level<'_, '_, 'b, S> {
    type Value = Value;

    fn deserialize<D: Deserializer<'b>>(self, deserializer: D) -> Result<Value, D::Error> {
        if self.to_result.is_none() {
            let mut skeleton = Map::new();
            let keys = self.captures.first_keys();
            let tee = Tee {
                inner: deserializer,
                keys: &keys.paths[..keys.len],
                skeleton: &mut skeleton,
            };
            let seed = self
                .seed
                .take()
                .ok_or_else(|| D::Error::custom("the result appears twice"))?;
            *self.found = Some(seed.deserialize(StrictDe(tee))?);
            Ok(Value::Object(skeleton))
        } else {
            deserializer.deserialize_map(self)
        }
    }
}

impl<'b, S: DeserializeSeed<'b>> Visitor<'b> for Level<'_, '_, 'b, S> {
    type Value = Value;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("the envelope's object")
    }

    fn visit_map<A: MapAccess<'b>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut skeleton = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let next = self.to_result.map(split_first);
            if let Some((_, rest)) = next.filter(|(step, _)| *step == key) {
                let level = Level {
                    to_result: rest,
                    captures: self.captures.through(&key),
                    seed: &mut *self.seed,
                    found: &mut *self.found,
                };
                let part = map.next_value_seed(level)?;
                skeleton.insert(key, part);
            } else if self.captures.any_first_is(&key) {
                skeleton.insert(key, map.next_value::<Value>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Value::Object(skeleton))
    }
}

/// The fast path must never say success where the diagnostic path says otherwise, nor give
/// a different result: these bodies are the ways a one-pass reading could go wrong.
#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::Value;

    use crate::decode_response;
    use crate::error::Error;
    use crate::test_ops::{FX_OP, MD_OP, MD_STRUCTURE_OP, TC_OP};

    /// A result whose every field is optional reads from almost any object.
    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Loose {
        status: Option<i64>,
        request_id: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Mapper {
        #[serde(rename = "mapperId")]
        mapper_id: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        id: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Rows {
        rows: Vec<Row>,
    }

    fn path_of(error: &Error) -> &str {
        match error {
            Error::Decode { path, .. } => path,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn an_error_beside_the_result_fields_is_the_vendors_error() {
        // Tencent's `Error` sits inside `Response`, the result: a result type that reads
        // the object anyway must not turn the failure into a success.
        let body =
            br#"{"Response":{"Error":{"Code":"AuthFailure","Message":"m"},"RequestId":"r"}}"#;
        let error = decode_response::<Loose>(&TC_OP, 200, body).unwrap_err();
        assert_eq!(error.vendor_code(), Some("AuthFailure"));
        assert_eq!(error.request_id(), Some("r"));
        let ok = br#"{"Response":{"Status":1,"RequestId":"r"}}"#;
        let loose = decode_response::<Loose>(&TC_OP, 200, ok).unwrap();
        assert_eq!(
            (loose.status, loose.request_id.as_deref()),
            (Some(1), Some("r"))
        );
        // Fxiaoke's code sits beside the result fields, at the top.
        let body = br#"{"mapperId":"1","errorCode":20016,"errorMessage":"expired"}"#;
        let error = decode_response::<Mapper>(&FX_OP, 200, body).unwrap_err();
        assert_eq!(error.vendor_code(), Some("20016"));
        // Mingdao's flag says failure beside a success code.
        let body = br#"{"success":false,"error_code":1,"error_msg":"no","data":{"rows":[]}}"#;
        let error = decode_response::<Rows>(&MD_STRUCTURE_OP, 200, body).unwrap_err();
        assert_eq!(error.vendor_code(), Some("1"));
    }

    #[test]
    fn a_key_holding_a_dot_is_one_key_not_a_path() {
        // The envelope's paths are dotted text; a body's key with a dot in it is still one
        // key, which no envelope path names, as over a parsed `Value`.
        let body = br#"{"Response":{"Status":1,"RequestId":"r"},"Response.Error":{"Code":"X"}}"#;
        let loose = decode_response::<Loose>(&TC_OP, 200, body).unwrap();
        assert_eq!(loose.request_id.as_deref(), Some("r"));
        let body = br#"{"Response":{"Error.Code":"X","RequestId":"r"}}"#;
        assert!(decode_response::<Value>(&TC_OP, 200, body).is_ok());
        let body = br#"{"Response":{"Error":{"Code":"X"},"RequestId":"r"}}"#;
        let error = decode_response::<Loose>(&TC_OP, 200, body).unwrap_err();
        assert_eq!(error.vendor_code(), Some("X"));
    }

    #[test]
    fn arrays_are_no_structs_at_any_depth() {
        let error = decode_response::<Loose>(&TC_OP, 200, br#"{"Response":[1,"r"]}"#).unwrap_err();
        assert_eq!(path_of(&error), "Response");
        let body = br#"{"error_code":1,"data":{"rows":[{"id":"a"},["b"]]}}"#;
        let error = decode_response::<Rows>(&MD_STRUCTURE_OP, 200, body).unwrap_err();
        assert_eq!(path_of(&error), "data.rows[1]");
        let error = decode_response::<Mapper>(&FX_OP, 200, br#"["1"]"#).unwrap_err();
        assert_eq!(path_of(&error), "errorCode");
    }

    #[test]
    fn duplicate_keys_read_as_the_last_one() {
        // As over a parsed `Value`: the last of two equal keys counts, for the result's
        // fields and for the envelope's code alike.
        let body = br#"{"errorCode":0,"mapperId":"1","mapperId":"2"}"#;
        assert_eq!(
            decode_response::<Mapper>(&FX_OP, 200, body)
                .unwrap()
                .mapper_id,
            "2"
        );
        let body = br#"{"errorCode":0,"mapperId":"1","errorCode":5}"#;
        assert_eq!(
            decode_response::<Mapper>(&FX_OP, 200, body)
                .unwrap_err()
                .vendor_code(),
            Some("5")
        );
        let body = br#"{"error_code":1,"data":{"rows":[]},"data":{"rows":[{"id":"b"}]}}"#;
        let rows = decode_response::<Rows>(&MD_STRUCTURE_OP, 200, body).unwrap();
        assert_eq!(rows.rows, [Row { id: "b".into() }]);
    }

    #[test]
    fn a_missing_or_null_result_and_trailing_bytes_are_what_they_were() {
        let op = &MD_STRUCTURE_OP;
        let error = decode_response::<Rows>(op, 200, br#"{"error_code":1}"#).unwrap_err();
        assert_eq!(path_of(&error), "data");
        let body = br#"{"error_code":1,"data":null}"#;
        assert_eq!(
            path_of(&decode_response::<Rows>(op, 200, body).unwrap_err()),
            "data"
        );
        assert_eq!(
            decode_response::<Option<Rows>>(op, 200, body).unwrap(),
            None
        );
        let body = br#"{"errorCode":0,"mapperId":"1"} trailing"#;
        let error = decode_response::<Mapper>(&FX_OP, 200, body).unwrap_err();
        assert!(
            matches!(&error, Error::Decode { path, message, .. } if path.is_empty() && message.contains("not JSON")),
            "{error:?}"
        );
    }

    #[test]
    fn a_value_result_is_the_whole_result() {
        let body = br#"{"error_code":1,"data":{"rows":[{"id":"a"}],"extra":[1,2]}}"#;
        let value = decode_response::<Value>(&MD_STRUCTURE_OP, 200, body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"rows":[{"id":"a"}],"extra":[1,2]})
        );
        let body = br#"{"code":1,"message":"","rows":[]}"#;
        let value = decode_response::<Value>(&MD_OP, 200, body).unwrap();
        assert_eq!(value, serde_json::json!({"code":1,"message":"","rows":[]}));
        let body = br#"{"errorCode":0,"errorMessage":"OK","mapperId":"1"}"#;
        let value = decode_response::<Value>(&FX_OP, 200, body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"errorCode":0,"errorMessage":"OK","mapperId":"1"})
        );
    }
}
