//! Request validation: the spec's rules, checked before anything is sent.
//!
//! Generated request types implement [`Validate`] by calling the functions in
//! [`rules`] for their own fields and `validate()` on nested types, wrapping
//! nested violations with [`Violation::within`] so the reported field is a
//! full dotted path such as `data.search_query_info.limit`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::wire::{Constant, Decimal, Secret, TimestampMs, TimestampS};

/// One broken rule: which field, and what the rule says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// Dotted JSON path of the field, e.g. `data.search_query_info.limit` or `ids[2]`.
    pub field: String,
    /// The rule in words, e.g. `length 65 exceeds maximum 64`.
    pub rule: String,
}

impl Violation {
    /// A violation of `rule` by `field`.
    pub fn new(field: impl Into<String>, rule: impl Into<String>) -> Self {
        Violation {
            field: field.into(),
            rule: rule.into(),
        }
    }

    /// The same violation seen from the enclosing object: prefixes `parent.`
    /// (or just `parent` before an index, giving `parent[0].x`).
    pub fn within(mut self, parent: &str) -> Self {
        if parent.is_empty() {
            return self;
        }
        self.field = if self.field.is_empty() {
            parent.to_owned()
        } else if self.field.starts_with('[') {
            format!("{parent}{}", self.field)
        } else {
            format!("{parent}.{}", self.field)
        };
        self
    }

    /// The same violation seen from the enclosing array, at index `index`:
    /// `name` becomes `[3].name`, which [`Violation::within`] then turns into
    /// `items[3].name`.
    pub fn at_index(mut self, index: usize) -> Self {
        self.field = if self.field.is_empty() {
            format!("[{index}]")
        } else if self.field.starts_with('[') {
            format!("[{index}]{}", self.field)
        } else {
            format!("[{index}].{}", self.field)
        };
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.rule)
    }
}

impl std::error::Error for Violation {}

/// A value that can check the spec's rules on itself.
///
/// Every request type passed to [`Client::call`](crate::Client::call)
/// implements it; types without rules return `Ok(())`.
pub trait Validate {
    /// The first broken rule, if any.
    fn validate(&self) -> Result<(), Violation>;
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate(&self) -> Result<(), Violation> {
        (**self).validate()
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self) -> Result<(), Violation> {
        (**self).validate()
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self) -> Result<(), Violation> {
        match self {
            Some(value) => value.validate(),
            None => Ok(()),
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate(&self) -> Result<(), Violation> {
        for (index, item) in self.iter().enumerate() {
            item.validate().map_err(|v| v.at_index(index))?;
        }
        Ok(())
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self) -> Result<(), Violation> {
        self.as_slice().validate()
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self) -> Result<(), Violation> {
        for (key, value) in self {
            value.validate().map_err(|v| v.within(key))?;
        }
        Ok(())
    }
}

impl<T: Validate, S> Validate for HashMap<String, T, S> {
    fn validate(&self) -> Result<(), Violation> {
        for (key, value) in self {
            value.validate().map_err(|v| v.within(key))?;
        }
        Ok(())
    }
}

/// Implements [`Validate`] as "no rules" for leaf types, so generated code can
/// call `validate()` on any field uniformly.
macro_rules! no_rules {
    ($($ty:ty),* $(,)?) => {
        $(impl Validate for $ty {
            fn validate(&self) -> Result<(), Violation> {
                Ok(())
            }
        })*
    };
}

no_rules!(
    (),
    bool,
    char,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    f32,
    f64,
    str,
    String,
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
    Secret,
    Decimal,
    TimestampMs,
    TimestampS,
);

impl<C> Validate for Constant<C> {
    fn validate(&self) -> Result<(), Violation> {
        Ok(())
    }
}

pub mod check;
pub mod rules;

pub use check::{Broken, Pattern, anchored};

#[cfg(test)]
mod tests {
    use super::rules::*;
    use super::*;

    #[test]
    fn checks_say_which_way_a_rule_broke() {
        use super::check;
        assert_eq!(
            check::length("abc", Some(4), None),
            Some(Broken::TooShort { len: 3, min: 4 })
        );
        assert_eq!(check::length("明道云", Some(3), Some(3)), None);
        assert_eq!(
            check::range_i64(5, Some(6), None),
            Some(Broken::BelowMinimum)
        );
        assert_eq!(
            check::range_f64(1.5, None, Some(1.0)),
            Some(Broken::AboveMaximum)
        );
        assert_eq!(check::multiple_of(40, 0), Some(Broken::MultipleOfZero));
        assert_eq!(check::multiple_of(30, -20), Some(Broken::NotMultiple));
        assert_eq!(check::multiple_of(i64::MIN, -1), None);
        assert_eq!(
            check::items(3, None, Some(2)),
            Some(Broken::TooManyItems { len: 3, max: 2 })
        );
        assert_eq!(anchored("a|b"), r"\A(?:a|b)\z");
    }

    #[test]
    fn length_counts_characters() {
        assert!(length("f", "明道云", Some(3), Some(3)).is_ok());
        let v = length("OpenId", &"a".repeat(65), None, Some(64)).unwrap_err();
        assert_eq!(v, Violation::new("OpenId", "length 65 exceeds maximum 64"));
        let v = length("state", "short", Some(8), Some(128)).unwrap_err();
        assert_eq!(v.rule, "length 5 is below minimum 8");
        assert!(length("f", "", None, None).is_ok());
    }

    #[test]
    fn pattern_matches_whole_value_only() {
        static P: Pattern = Pattern::new("[A-Za-z0-9]+");
        assert!(pattern("OpenId", "n9527", &P).is_ok());
        assert_eq!(
            pattern("OpenId", "n9527!", &P).unwrap_err().rule,
            "must match [A-Za-z0-9]+"
        );
        assert!(pattern("OpenId", "", &P).is_err());
        // Alternation must not escape the anchors.
        static ALT: Pattern = Pattern::new("AccountObj|PartnerObj");
        assert!(ALT.is_match("PartnerObj"));
        assert!(!ALT.is_match("AccountObjX"));
        assert!(!ALT.is_match("XPartnerObj"));
        static BAD: Pattern = Pattern::new("([a-z");
        assert!(!BAD.is_valid());
        assert!(
            pattern("x", "a", &BAD)
                .unwrap_err()
                .rule
                .contains("not a valid")
        );
        assert_eq!(format!("{P:?}"), r#"Pattern("[A-Za-z0-9]+")"#);
    }

    #[test]
    fn ranges() {
        assert!(range_i64("limit", 100, Some(1), Some(100)).is_ok());
        assert_eq!(
            range_i64("limit", 101, Some(1), Some(100))
                .unwrap_err()
                .rule,
            "value 101 exceeds maximum 100"
        );
        assert_eq!(
            range_i64("limit", 0, Some(1), None).unwrap_err().rule,
            "value 0 is below minimum 1"
        );
        assert!(range_f64("x", 0.5, Some(0.0), Some(1.0)).is_ok());
        assert!(range_f64("x", 1.5, Some(0.0), Some(1.0)).is_err());
        assert!(range_f64("x", f64::NAN, None, None).is_err());
    }

    #[test]
    fn multiple_of_never_panics() {
        assert!(multiple_of("offset", 40, 20, Some("limit")).is_ok());
        assert!(multiple_of("offset", 0, 20, Some("limit")).is_ok());
        assert_eq!(
            multiple_of("offset", 30, 20, Some("limit"))
                .unwrap_err()
                .rule,
            "must be a multiple of `limit` (20)"
        );
        assert_eq!(
            multiple_of("x", 3, 2, None).unwrap_err().rule,
            "must be a multiple of 2"
        );
        assert!(multiple_of("offset", 0, 0, Some("limit")).is_err());
        assert!(multiple_of("x", i64::MIN, -1, None).is_ok());
        assert!(multiple_of("x", i64::MIN, i64::MIN, None).is_ok());
        assert!(multiple_of("x", 7, i64::MIN, None).is_err());
    }

    #[test]
    fn u64_rules_are_exact_above_i64_max() {
        let big = u64::MAX - 1;
        assert_eq!(
            super::check::range_u64(big, Some(u64::MAX), None),
            Some(Broken::BelowMinimum)
        );
        assert!(range_u64("Id", u64::MAX, Some(big), Some(u64::MAX)).is_ok());
        assert_eq!(
            range_u64("Id", u64::MAX, None, Some(big)).unwrap_err().rule,
            "value 18446744073709551615 exceeds maximum 18446744073709551614"
        );
        // 2^63 + 1 is odd; through `f64` it would round to the even 2^63.
        assert!(multiple_of_u64("Id", (1 << 63) + 1, 2, None).is_err());
        assert!(multiple_of_u64("Id", 1 << 63, 2, None).is_ok());
        assert_eq!(
            multiple_of_u64("Id", 7, 0, Some("Step")).unwrap_err().rule,
            "must be a multiple of `Step` (0), which must not be 0"
        );
    }

    #[test]
    fn items_counts() {
        assert!(items("ids", 1, Some(1), Some(100)).is_ok());
        assert_eq!(
            items("ids", 0, Some(1), None).unwrap_err().rule,
            "has 0 items, below minimum 1"
        );
        assert_eq!(
            items("ids", 101, None, Some(100)).unwrap_err().rule,
            "has 101 items, exceeding maximum 100"
        );
    }

    struct Filter {
        field_name: String,
    }
    impl Validate for Filter {
        fn validate(&self) -> Result<(), Violation> {
            length("field_name", &self.field_name, Some(1), None)
        }
    }
    struct Query {
        filters: Vec<Filter>,
        limit: Option<i64>,
    }
    impl Validate for Query {
        fn validate(&self) -> Result<(), Violation> {
            if let Some(limit) = self.limit {
                range_i64("limit", limit, Some(1), Some(100))?;
            }
            self.filters.validate().map_err(|v| v.within("filters"))
        }
    }

    #[test]
    fn paths_compose() {
        let q = Query {
            filters: vec![
                Filter {
                    field_name: "a".into(),
                },
                Filter {
                    field_name: String::new(),
                },
            ],
            limit: Some(10),
        };
        let v = Some(q)
            .validate()
            .unwrap_err()
            .within("search_query_info")
            .within("data");
        assert_eq!(v.field, "data.search_query_info.filters[1].field_name");
        assert_eq!(
            v.to_string(),
            "`data.search_query_info.filters[1].field_name` length 0 is below minimum 1"
        );

        let nested = vec![vec![Filter {
            field_name: String::new(),
        }]];
        assert_eq!(
            nested.validate().unwrap_err().within("x").field,
            "x[0][0].field_name"
        );
        assert_eq!(
            Violation::new("", "r").at_index(2).within("ids").field,
            "ids[2]"
        );
        assert_eq!(Violation::new("a", "r").within("").field, "a");

        let mut map = BTreeMap::new();
        map.insert(
            "k".to_owned(),
            Filter {
                field_name: String::new(),
            },
        );
        assert_eq!(map.validate().unwrap_err().field, "k.field_name");
        assert!(serde_json::json!({"a": 1}).validate().is_ok());
        assert!(().validate().is_ok());
    }
}
