//! A field's constraints as the IR carries them: checked at run time by the runtime's rule
//! functions (the emitter writes the calls) and shown in rustdoc and spec-diff reports.

/// Constraints of a field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// Minimum length.
    pub min_length: Option<u64>,
    /// Maximum length.
    pub max_length: Option<u64>,
    /// Pattern.
    pub pattern: Option<String>,
    /// Minimum, of the field's own kind.
    pub minimum: Option<Bound>,
    /// Maximum, of the field's own kind.
    pub maximum: Option<Bound>,
    /// Multiple of a number.
    pub multiple_of: Option<i64>,
    /// Multiple of a sibling: (JSON name, Rust name, whether the sibling is required).
    pub multiple_of_field: Option<(String, String, bool)>,
    /// Minimum items.
    pub min_items: Option<u64>,
    /// Maximum items.
    pub max_items: Option<u64>,
}

/// A numeric bound of the field's kind: integer fields (`i32`, `i64`, timestamps) have exact
/// integer bounds, checked with `rules::range_i64`, and `u64` fields with `rules::range_u64`;
/// `f64` fields have `f64` bounds, checked with `rules::range_f64`. Nothing is ever cast
/// between the two, so `minimum: 0.5` is enforced as 0.5 and an integer bound is not rounded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// A bound of an integer field, within the range of the field's type (lowering refuses
    /// any other): `i128` holds both the `i64` and the `u64` range exactly.
    Int(i128),
    /// A bound of an `f64` field.
    Float(f64),
}

impl Bound {
    fn as_f64(self) -> f64 {
        match self {
            Bound::Int(i) => i as f64,
            Bound::Float(f) => f,
        }
    }
}

impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Bound::Int(a), Bound::Int(b)) => Some(a.cmp(b)),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Int(i) => write!(f, "{i}"),
            Bound::Float(v) => f.write_str(&number_text(*v)),
        }
    }
}

/// A numeric bound as people write it: `100`, not `100.0`; `0.5` stays `0.5`. Used by the
/// rustdoc of fields and by spec-diff's reports, so both show a bound alike.
pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Constraints {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
