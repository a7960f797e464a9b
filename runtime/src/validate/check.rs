//! The spec's value rules as pure functions: `None` when the value keeps the rule, else
//! which way it breaks it. The one implementation of the rules: [`rules`](super::rules) (called by
//! generated `validate()` bodies) and codegen's example checker both use these.

use super::Pattern;

/// The expression a spec pattern is compiled to: the pattern must match the *whole* value,
/// and an alternation inside it must not escape the anchors (`a|b` means `\A(?:a|b)\z`).
///
/// Codegen compiles spec patterns with this too, so a spec example is checked the way a
/// request is.
pub fn anchored(source: &str) -> String {
    format!(r"\A(?:{source})\z")
}

/// A broken rule as data: which rule, with the counts the rule was checked on.
///
/// [`rules`](super::rules) words these into a [`Violation`](super::Violation); codegen
/// checks the spec's examples with the functions of this module and words them in the
/// spec's terms, so both apply the same semantics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Broken {
    /// Fewer characters than the minimum length.
    TooShort {
        /// The value's length in characters.
        len: u64,
        /// The minimum.
        min: u64,
    },
    /// More characters than the maximum length.
    TooLong {
        /// The value's length in characters.
        len: u64,
        /// The maximum.
        max: u64,
    },
    /// The pattern does not compile, so nothing can match it.
    InvalidPattern,
    /// The value does not match the pattern as a whole.
    NoMatch,
    /// A float that is not a number (NaN).
    NotANumber,
    /// The value is below the minimum.
    BelowMinimum,
    /// The value is above the maximum.
    AboveMaximum,
    /// The value should be a multiple of 0, which nothing is (the other field is wrong).
    MultipleOfZero,
    /// The value is not a multiple of the number.
    NotMultiple,
    /// Fewer items than the minimum.
    TooFewItems {
        /// The number of items.
        len: u64,
        /// The minimum.
        min: u64,
    },
    /// More items than the maximum.
    TooManyItems {
        /// The number of items.
        len: u64,
        /// The maximum.
        max: u64,
    },
}

/// Length in characters (not bytes: vendors count characters) within `min..=max`.
pub fn length(value: &str, min: Option<u64>, max: Option<u64>) -> Option<Broken> {
    let len = value.chars().count() as u64;
    if let Some(min) = min.filter(|&min| len < min) {
        return Some(Broken::TooShort { len, min });
    }
    max.filter(|&max| len > max)
        .map(|max| Broken::TooLong { len, max })
}

/// The whole value matches `pattern`.
pub fn pattern(value: &str, pattern: &Pattern) -> Option<Broken> {
    if !pattern.is_valid() {
        return Some(Broken::InvalidPattern);
    }
    (!pattern.is_match(value)).then_some(Broken::NoMatch)
}

/// An integer within `min..=max`.
pub fn range_i64(value: i64, min: Option<i64>, max: Option<i64>) -> Option<Broken> {
    if min.is_some_and(|min| value < min) {
        return Some(Broken::BelowMinimum);
    }
    max.is_some_and(|max| value > max)
        .then_some(Broken::AboveMaximum)
}

/// A number within `min..=max`; NaN is always broken.
pub fn range_f64(value: f64, min: Option<f64>, max: Option<f64>) -> Option<Broken> {
    if value.is_nan() {
        return Some(Broken::NotANumber);
    }
    if min.is_some_and(|min| value < min) {
        return Some(Broken::BelowMinimum);
    }
    max.is_some_and(|max| value > max)
        .then_some(Broken::AboveMaximum)
}

/// `value` is a multiple of `of` (by magnitude, so no sign or overflow case panics);
/// `of == 0` is broken, since it usually means the other field is wrong.
pub fn multiple_of(value: i64, of: i64) -> Option<Broken> {
    if of == 0 {
        return Some(Broken::MultipleOfZero);
    }
    // Unsigned magnitudes: `i64::MIN % -1` overflows, this cannot.
    (!value.unsigned_abs().is_multiple_of(of.unsigned_abs())).then_some(Broken::NotMultiple)
}

/// An array's item count within `min..=max`.
pub fn items(len: usize, min: Option<u64>, max: Option<u64>) -> Option<Broken> {
    let len = len as u64;
    if let Some(min) = min.filter(|&min| len < min) {
        return Some(Broken::TooFewItems { len, min });
    }
    max.filter(|&max| len > max)
        .map(|max| Broken::TooManyItems { len, max })
}
