//! The spec's value rules as pure functions: `None` when the value keeps the rule, else
//! which way it breaks it. The one implementation of the rules: [`rules`](super::rules) (called by
//! generated `validate()` bodies) and codegen's example checker both use these.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

/// A regular expression from the spec, compiled on first use and matched
/// against the *whole* value (specs write `[A-Za-z0-9]+` meaning "only these").
///
/// ```
/// use bindery_runtime::Pattern;
/// static OPEN_ID: Pattern = Pattern::new("[A-Za-z0-9]+");
/// assert!(OPEN_ID.is_match("n9527"));
/// assert!(!OPEN_ID.is_match("n 9527"));
/// ```
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// A pattern from its source text; usable in `static` items.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The source text as written in the spec.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// The anchored expression, or `None` if the source does not compile.
    fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| Regex::new(&anchored(self.source)).ok())
            .as_ref()
    }

    /// Whether the source compiles (codegen and tests use this to reject bad specs early).
    pub fn is_valid(&self) -> bool {
        self.regex().is_some()
    }

    /// Whether `value` matches as a whole. An invalid pattern matches nothing.
    pub fn is_match(&self, value: &str) -> bool {
        self.regex().is_some_and(|re| re.is_match(value))
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

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

/// An unsigned integer within `min..=max` (`u64` fields, whose values above `i64::MAX` an
/// `i64` check could not hold).
pub fn range_u64(value: u64, min: Option<u64>, max: Option<u64>) -> Option<Broken> {
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

/// `value` is a multiple of `of`, for `u64` fields; `of == 0` is broken, as for
/// [`multiple_of`].
pub fn multiple_of_u64(value: u64, of: u64) -> Option<Broken> {
    if of == 0 {
        return Some(Broken::MultipleOfZero);
    }
    (!value.is_multiple_of(of)).then_some(Broken::NotMultiple)
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
