//! Fields the vendor always sends but may send as `null` (a spec field with `required: true`
//! and `nullable: true`).
//!
//! Serde reads a missing `Option<T>` field as `None` on its own, which would make "always
//! present" mean nothing: a vendor answer that dropped the key would decode as if it had sent
//! `null`. A field read through [`required`] has no such fallback, so a missing key is a
//! decode error naming the field's path, while `null` is `None`.

use serde::{Deserialize, Deserializer};

/// Reads a key that must be present and may be `null` (`#[serde(deserialize_with = …)]`).
pub fn required<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

#[cfg(test)]
mod tests {
    #[derive(Debug, serde::Deserialize)]
    struct Answer {
        #[serde(rename = "Status", deserialize_with = "super::required")]
        status: Option<i64>,
    }

    #[test]
    fn null_is_none_a_missing_key_is_an_error() {
        let null: Answer = serde_json::from_str(r#"{"Status": null}"#).expect("null decodes");
        assert_eq!(null.status, None);
        let set: Answer = serde_json::from_str(r#"{"Status": 3}"#).expect("a value decodes");
        assert_eq!(set.status, Some(3));
        let missing = serde_json::from_str::<Answer>("{}").expect_err("absence is refused");
        assert_eq!(
            missing.to_string(),
            "missing field `Status` at line 1 column 2"
        );
    }
}
