//! When a record's key counts as after the cursor it was asked after.

use serde_json::Value;

/// The orders in which the vendor may sort ASCII string keys, as far as its pages have
/// told: by bytes (how the vendors order ids) and ignoring ASCII case (a case-insensitive
/// database collation). Each comparison rules out the orders it contradicts, so that a
/// vendor cannot cycle through keys each "after" the last under a different order
/// (`a…` → `B…` ignoring case → `a…` by bytes → …, never ending).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Collations {
    bytes: bool,
    folded: bool,
}

impl Collations {
    /// Nothing seen yet: either order may be the vendor's.
    pub(super) const BOTH: Collations = Collations {
        bytes: true,
        folded: true,
    };

    /// Whether record key `key` may sort after the cursor `after` in the vendor's ascending
    /// order by key, narrowing the possible orders. Numbers compare as numbers (integers
    /// exactly); ASCII strings must be greater under an order still possible; other values
    /// (whose collation is the vendor's secret) only have to differ from the cursor.
    pub(super) fn is_after(&mut self, key: &Value, after: &Value) -> bool {
        match (key, after) {
            // Integers exactly (ids beyond 2^53, snowflake ids, are not exact as `f64`).
            (Value::Number(key), Value::Number(after)) => {
                match (key.as_i64(), after.as_i64(), key.as_u64(), after.as_u64()) {
                    (Some(key), Some(after), ..) => key > after,
                    (.., Some(key), Some(after)) => key > after,
                    _ => match (key.as_f64(), after.as_f64()) {
                        (Some(key), Some(after)) => key > after,
                        _ => key != after,
                    },
                }
            }
            (Value::String(key), Value::String(after)) if key.is_ascii() && after.is_ascii() => {
                let bytes = self.bytes && key.as_str() > after.as_str();
                let folded = self.folded && key.to_ascii_lowercase() > after.to_ascii_lowercase();
                if bytes || folded {
                    *self = Collations { bytes, folded };
                }
                bytes || folded
            }
            _ => key != after,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_after_the_cursor() {
        let is_after = |key: Value, after: Value| {
            let mut fresh = Collations::BOTH;
            fresh.is_after(&key, &after)
        };
        assert!(is_after(json!("id-00002"), json!("id-00001")));
        assert!(!is_after(json!("id-00001"), json!("id-00001")));
        assert!(!is_after(json!("id-00000"), json!("id-00001")));
        // A case-insensitive collation may put `B2` after `a1`.
        assert!(is_after(json!("B2"), json!("a1")));
        assert!(!is_after(json!("A1"), json!("a1")));
        assert!(is_after(json!(10), json!(9.5)));
        // Integers beyond 2^53 compare exactly, whatever their sign or size.
        assert!(is_after(
            json!(1_152_921_504_606_846_977_u64),
            json!(1_152_921_504_606_846_976_u64)
        ));
        assert!(!is_after(
            json!(1_152_921_504_606_846_976_u64),
            json!(1_152_921_504_606_846_977_u64)
        ));
        assert!(is_after(json!(u64::MAX), json!(i64::MAX)));
        assert!(is_after(json!(-1), json!(i64::MIN)));
        assert!(!is_after(json!(9), json!(9)));
        // Non-ASCII strings only have to differ.
        assert!(is_after(json!("甲"), json!("乙")));
        assert!(!is_after(json!("甲"), json!("甲")));
    }

    #[test]
    fn an_order_once_contradicted_is_ruled_out() {
        // `B…` after `a…` holds only ignoring case; from then on `a…` after `B…` (bytes only)
        // is refused.
        let mut orders = Collations::BOTH;
        assert!(orders.is_after(&json!("B-1"), &json!("a-0")));
        assert!(!orders.is_after(&json!("a-2"), &json!("B-1")));
        assert!(orders.is_after(&json!("c-3"), &json!("B-1")));
        // The other way round: bytes only, then ignoring case only.
        let mut orders = Collations::BOTH;
        assert!(orders.is_after(&json!("a-1"), &json!("B-0")));
        assert!(!orders.is_after(&json!("B-2"), &json!("a-1")));
        // A comparison both orders agree on rules out neither.
        let mut orders = Collations::BOTH;
        assert!(orders.is_after(&json!("id-2"), &json!("id-1")));
        assert_eq!(orders, Collations::BOTH);
    }
}
