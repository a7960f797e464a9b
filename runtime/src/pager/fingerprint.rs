//! A page's fingerprint, to notice a vendor sending the page before again: equal pages give
//! equal fingerprints; different ones collide with negligible odds (64-bit SipHash).
//!
//! The records are hashed as they are held, kind by kind, with each string's length and
//! each list's and object's size in the stream, so no two different pages feed the hasher
//! the same bytes (every value starts with its kind, so records need no separator); nothing is copied or printed on the way.

use std::hash::{Hash, Hasher};

use serde_json::Value;

/// The fingerprint of a page's records.
pub(super) fn fingerprint<'a>(items: impl IntoIterator<Item = &'a Value>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for item in items {
        feed(item, &mut hasher);
    }
    hasher.finish()
}

fn feed(value: &Value, hasher: &mut impl Hasher) {
    match value {
        Value::Null => hasher.write_u8(0),
        Value::Bool(b) => {
            hasher.write_u8(1);
            b.hash(hasher);
        }
        Value::Number(n) => {
            // Integers and floats apart, as held: `1` and `1.0` are different answers.
            if let Some(u) = n.as_u64() {
                hasher.write_u8(2);
                u.hash(hasher);
            } else if let Some(i) = n.as_i64() {
                hasher.write_u8(6);
                i.hash(hasher);
            } else {
                hasher.write_u8(7);
                n.as_f64().map(f64::to_bits).hash(hasher);
            }
        }
        Value::String(s) => {
            hasher.write_u8(3);
            s.hash(hasher);
        }
        Value::Array(items) => {
            hasher.write_u8(4);
            items.len().hash(hasher);
            items.iter().for_each(|item| feed(item, hasher));
        }
        Value::Object(map) => {
            hasher.write_u8(5);
            map.len().hash(hasher);
            for (key, item) in map {
                key.hash(hasher);
                feed(item, hasher);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::fingerprint;

    #[test]
    fn equal_pages_only() {
        let page = [json!({"_id": "a", "n": 1, "tags": ["x"]})];
        assert_eq!(fingerprint(&page), fingerprint(&page.clone()));
        for other in [
            json!({"_id": "b", "n": 1, "tags": ["x"]}),
            json!({"_id": "a", "n": 1.0, "tags": ["x"]}),
            json!({"_id": "a", "n": 1, "tags": ["x", "x"]}),
            json!({"_id": "a", "n": 1, "tags": [["x"]]}),
            json!({"_id": "a", "n": 1, "tags": ["x"], "extra": null}),
        ] {
            assert_ne!(
                fingerprint(&page),
                fingerprint(std::slice::from_ref(&other)),
                "{other}"
            );
        }
        // Where one record ends and the next begins is part of the page.
        assert_ne!(
            fingerprint(&[json!(["a"]), json!([])]),
            fingerprint(&[json!([]), json!(["a"])])
        );
    }
}
