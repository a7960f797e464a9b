//! Numeric constraints against the range of their field's Rust type.
//!
//! A bound the field's type cannot hold (`maximum: 9000000000` on an `i32`) is a mistake in
//! the spec: the generated check would compare with a value no field can have (or, cast to
//! the field's type, with a different one). It is reported with the key, the value and the
//! type's range. `f64` holds every finite number, and non-finite bounds are reported
//! elsewhere. `u64` holds 0 to `u64::MAX`, so a negative bound on it is reported here too.

use super::scalar::Number;
use super::type_expr::TypeExpr;

/// The inclusive range of values an integer type of the type language holds.
fn integer_range(ty: &TypeExpr) -> Option<(i128, i128)> {
    match ty {
        TypeExpr::I32 => Some((i32::MIN.into(), i32::MAX.into())),
        // Timestamps are `i64` in Rust.
        TypeExpr::I64 | TypeExpr::TimestampMs | TypeExpr::TimestampS => {
            Some((i64::MIN.into(), i64::MAX.into()))
        }
        TypeExpr::U64 => Some((0, u64::MAX.into())),
        _ => None,
    }
}

/// The problem with a `minimum` / `maximum` bound `value` on a field of type `ty`, if it
/// lies outside the type's range. Bounds are compared exactly, as written: a bound with a
/// fraction on an integer field is reported by the bounds rules, a non-finite one elsewhere.
pub(super) fn bound_out_of_range(key: &str, value: Number, ty: &TypeExpr) -> Option<String> {
    let (min, max) = integer_range(ty)?;
    let whole = value.as_integer()?;
    (!(min..=max).contains(&whole))
        .then(|| format!("`{key}` {value} is outside the range of `{ty}` ({min} to {max})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_integer_ranges() {
        assert_eq!(
            bound_out_of_range("maximum", Number::Int(9_000_000_000), &TypeExpr::I32).as_deref(),
            Some("`maximum` 9000000000 is outside the range of `i32` (-2147483648 to 2147483647)")
        );
        assert_eq!(
            bound_out_of_range("maximum", Number::Int(2147483647), &TypeExpr::I32),
            None
        );
        assert_eq!(
            bound_out_of_range("minimum", Number::Int(-2147483648), &TypeExpr::I32),
            None
        );
        assert!(bound_out_of_range("minimum", Number::Int(-2147483649), &TypeExpr::I32).is_some());
        assert_eq!(
            bound_out_of_range("maximum", Number::Int(i64::MAX.into()), &TypeExpr::I64),
            None
        );
        assert!(
            bound_out_of_range(
                "maximum",
                Number::Int(i128::from(i64::MAX) + 1),
                &TypeExpr::TimestampMs
            )
            .is_some()
        );
        assert!(bound_out_of_range("minimum", Number::Float(-1e19), &TypeExpr::I64).is_some());
        assert_eq!(
            bound_out_of_range("minimum", Number::Int(-1), &TypeExpr::U64).as_deref(),
            Some("`minimum` -1 is outside the range of `u64` (0 to 18446744073709551615)")
        );
        assert_eq!(
            bound_out_of_range("maximum", Number::Int(u64::MAX.into()), &TypeExpr::U64),
            None
        );
        assert!(
            bound_out_of_range(
                "maximum",
                Number::Int(i128::from(u64::MAX) + 1),
                &TypeExpr::U64
            )
            .is_some()
        );
        assert_eq!(
            bound_out_of_range("maximum", Number::Float(1e300), &TypeExpr::F64),
            None
        );
    }
}
