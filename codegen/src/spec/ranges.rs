//! Numeric constraints against the range of their field's Rust type.
//!
//! A bound the field's type cannot hold (`maximum: 9000000000` on an `i32`) is a mistake in
//! the spec: the generated check would compare with a value no field can have (or, cast to
//! the field's type, with a different one). It is reported with the key, the value and the
//! type's range. `f64` holds every finite number, and non-finite bounds are reported
//! elsewhere; the type language has no unsigned integers.

use super::type_expr::TypeExpr;

/// The inclusive range of values an integer type of the type language holds.
fn integer_range(ty: &TypeExpr) -> Option<(i128, i128)> {
    match ty {
        TypeExpr::I32 => Some((i32::MIN.into(), i32::MAX.into())),
        // Timestamps are `i64` in Rust.
        TypeExpr::I64 | TypeExpr::TimestampMs | TypeExpr::TimestampS => {
            Some((i64::MIN.into(), i64::MAX.into()))
        }
        _ => None,
    }
}

/// The problem with a `minimum` / `maximum` bound `value` on a field of type `ty`, if it
/// lies outside the type's range.
///
/// The bound arrives as the `f64` the spec model reads, which is exact up to 2⁵³ and so for
/// every `i32` bound; of the `i64` range's own edges, `9223372036854775808` is the same
/// `f64` as `i64::MAX` and passes, while anything further out is caught.
pub(super) fn bound_out_of_range(key: &str, value: f64, ty: &TypeExpr) -> Option<String> {
    let (min, max) = integer_range(ty)?;
    if !value.is_finite() {
        return None;
    }
    // `as` saturates, and every `i64` edge is representable as `f64`, so comparing in
    // `f64` is exact for the edges and for every value that is a whole number.
    let inside = value >= min as f64 && value <= max as f64;
    (!inside).then(|| {
        format!(
            "`{key}` {} is outside the range of `{ty}` ({min} to {max})",
            crate::ir::number_text(value)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_integer_ranges() {
        assert_eq!(
            bound_out_of_range("maximum", 9e9, &TypeExpr::I32).as_deref(),
            Some("`maximum` 9000000000 is outside the range of `i32` (-2147483648 to 2147483647)")
        );
        assert_eq!(
            bound_out_of_range("maximum", 2147483647.0, &TypeExpr::I32),
            None
        );
        assert_eq!(
            bound_out_of_range("minimum", -2147483648.0, &TypeExpr::I32),
            None
        );
        assert!(bound_out_of_range("minimum", -2147483649.0, &TypeExpr::I32).is_some());
        assert_eq!(bound_out_of_range("maximum", 9e18, &TypeExpr::I64), None);
        assert!(bound_out_of_range("maximum", 1e19, &TypeExpr::TimestampMs).is_some());
        assert!(bound_out_of_range("minimum", -1e19, &TypeExpr::I64).is_some());
        assert_eq!(bound_out_of_range("maximum", 1e300, &TypeExpr::F64), None);
    }
}
