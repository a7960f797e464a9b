//! The rule checks generated `validate()` bodies call.
//!
//! Each returns `Err(Violation)` naming `field` and the rule in words. None of
//! them panic, whatever the input. The rules themselves are [`check`]'s.

use super::check::{self, Broken};
use super::{Pattern, Validate, Violation};

/// The violation of `field` when a rule broke, worded by `words`.
fn verdict(
    field: &str,
    broken: Option<Broken>,
    words: impl FnOnce(Broken) -> String,
) -> Result<(), Violation> {
    match broken {
        None => Ok(()),
        Some(broken) => Err(Violation::new(field, words(broken))),
    }
}

/// Words the rules whose text does not depend on the checked value.
fn counted(broken: Broken) -> String {
    match broken {
        Broken::TooShort { len, min } => format!("length {len} is below minimum {min}"),
        Broken::TooLong { len, max } => format!("length {len} exceeds maximum {max}"),
        Broken::TooFewItems { len, min } => format!("has {len} items, below minimum {min}"),
        Broken::TooManyItems { len, max } => {
            format!("has {len} items, exceeding maximum {max}")
        }
        Broken::NotANumber => "must be a number, not NaN".to_owned(),
        // Not reached: each rule passes only what its own check returns.
        other => format!("{other:?}"),
    }
}

/// Length in characters (not bytes: vendors count characters) within `min..=max`.
pub fn length(
    field: &str,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), Violation> {
    verdict(field, check::length(value, min, max), counted)
}

/// The whole value matches `pattern`.
pub fn pattern(field: &str, value: &str, pattern: &Pattern) -> Result<(), Violation> {
    verdict(field, check::pattern(value, pattern), |broken| {
        if broken == Broken::InvalidPattern {
            format!(
                "cannot be checked: pattern {} is not a valid regular expression",
                pattern.source()
            )
        } else {
            format!("must match {}", pattern.source())
        }
    })
}

/// An integer within `min..=max`.
pub fn range_i64(
    field: &str,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<(), Violation> {
    verdict(field, check::range_i64(value, min, max), |broken| {
        range_words(broken, value, min, max)
    })
}

/// An unsigned integer within `min..=max` (`u64` fields).
pub fn range_u64(
    field: &str,
    value: u64,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), Violation> {
    verdict(field, check::range_u64(value, min, max), |broken| {
        range_words(broken, value, min, max)
    })
}

/// A number within `min..=max`; NaN is always a violation.
pub fn range_f64(
    field: &str,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), Violation> {
    verdict(field, check::range_f64(value, min, max), |broken| {
        range_words(broken, value, min, max)
    })
}

/// "value 5 is below minimum 6" with the value and bound as the rule has them.
fn range_words<T: std::fmt::Display>(
    broken: Broken,
    value: T,
    min: Option<T>,
    max: Option<T>,
) -> String {
    match (broken, min, max) {
        (Broken::BelowMinimum, Some(min), _) => format!("value {value} is below minimum {min}"),
        (Broken::AboveMaximum, _, Some(max)) => format!("value {value} exceeds maximum {max}"),
        (other, _, _) => counted(other),
    }
}

/// `value` is a multiple of `of`. `of_name` names the field `of` comes
/// from, for rules like "offset must be a multiple of `limit`". `of == 0`
/// is reported as a violation (it usually means the other field is wrong).
pub fn multiple_of(
    field: &str,
    value: i64,
    of: i64,
    of_name: Option<&str>,
) -> Result<(), Violation> {
    verdict(field, check::multiple_of(value, of), |broken| {
        multiple_words(broken, of, of_name)
    })
}

/// `value` is a multiple of `of`, for `u64` fields; `of == 0` is a violation, as for
/// [`multiple_of`].
pub fn multiple_of_u64(
    field: &str,
    value: u64,
    of: u64,
    of_name: Option<&str>,
) -> Result<(), Violation> {
    verdict(field, check::multiple_of_u64(value, of), |broken| {
        multiple_words(broken, of, of_name)
    })
}

/// "must be a multiple of `limit` (20)", or of a plain number.
fn multiple_words<T: std::fmt::Display>(broken: Broken, of: T, of_name: Option<&str>) -> String {
    let what = match of_name {
        Some(name) => format!("`{name}` ({of})"),
        None => of.to_string(),
    };
    if broken == Broken::MultipleOfZero {
        format!("must be a multiple of {what}, which must not be 0")
    } else {
        format!("must be a multiple of {what}")
    }
}

/// An array's item count within `min..=max`.
pub fn items(field: &str, len: usize, min: Option<u64>, max: Option<u64>) -> Result<(), Violation> {
    verdict(field, check::items(len, min, max), counted)
}

/// A field the call needs although its type keeps it optional (e-Sign's `Operator.UserId`)
/// is unset: `field` is its full JSON path (`Operator.UserId`, `Items[1].UserId`).
pub fn required_for_call(field: &str) -> Violation {
    Violation::new(field, "must be set for this call")
}

/// A nested value's own rules (a named struct's, an enum's allowed values), its violation
/// placed under `field`. Generated code calls this for every nested field instead of
/// spelling the call out, so one copy serves every field.
pub fn nested(field: &str, value: &dyn Validate) -> Result<(), Violation> {
    value.validate().map_err(|v| v.within(field))
}

/// Every item of a list by its own rules, the first violation placed under `field[index]`.
/// Generic only to index the slice (a built-in operation, no iterator per item type); the
/// check of an item is one copy for every list.
pub fn each<T: Validate>(field: &str, items: &[T]) -> Result<(), Violation> {
    let mut index = 0;
    while index < items.len() {
        item(field, index, &items[index])?;
        index += 1;
    }
    Ok(())
}

/// The item at `index` of the list `field`, by its own rules.
fn item(field: &str, index: usize, value: &dyn Validate) -> Result<(), Violation> {
    value
        .validate()
        .map_err(|v| v.within(&format!("{field}[{index}]")))
}
