//! The value rules of an example (`min_length`, `pattern`, `minimum`, `multiple_of`, ...),
//! applied through the runtime's pure rule functions so that an example passes exactly
//! when a request with the same values would pass generated validation; and a bare-array body
//! (`request_body: array`) against the one list field it is.

use bindery_runtime::validate::{Broken, check};
use serde_json::{Map, Value};

use super::super::model::{Constraints, EndpointFile, Field};
use super::super::scalar::Number;
use super::super::span::Spanned;
use super::super::type_expr::TypeExpr;
use super::array_bodies::array_field;
use super::examples::{Matcher, Problem};
use super::util::describe_json;

impl Matcher<'_, '_, '_> {
    /// Applies a field's value rules to an example value through the runtime's rule
    /// functions, so an example passes exactly when a request with that value would.
    pub(super) fn constraints(
        &mut self,
        path: &str,
        value: &Value,
        field: &Field,
        ty: &TypeExpr,
        c: &Constraints,
        siblings: (&Map<String, Value>, &[Field]),
    ) {
        let mut problems = Vec::new();
        if let Some(s) = value.as_str() {
            self.text_rules(s, value, c, &mut problems);
        }
        if let (true, true) = (value.is_number(), sane(&c.minimum, &c.maximum)) {
            let broken = if matches!(ty, TypeExpr::U64) {
                let bound = |b: &Option<Spanned<Number>>| {
                    b.as_ref()
                        .and_then(|b| b.value.as_integer())
                        .and_then(|b| u64::try_from(b).ok())
                };
                value
                    .as_u64()
                    .and_then(|n| check::range_u64(n, bound(&c.minimum), bound(&c.maximum)))
            } else if ty.is_integer() {
                let bound = |b: &Option<Spanned<Number>>| {
                    b.as_ref()
                        .and_then(|b| b.value.as_integer())
                        .and_then(|b| i64::try_from(b).ok())
                };
                value
                    .as_i64()
                    .and_then(|n| check::range_i64(n, bound(&c.minimum), bound(&c.maximum)))
            } else {
                let bound = |b: &Option<Spanned<Number>>| b.as_ref().map(|b| b.value.as_f64());
                value
                    .as_f64()
                    .and_then(|x| check::range_f64(x, bound(&c.minimum), bound(&c.maximum)))
            };
            match (broken, &c.minimum, &c.maximum) {
                (Some(Broken::BelowMinimum), Some(min), _) => {
                    problems.push(format!("{value} is less than `minimum` {}", min.value));
                }
                (Some(Broken::AboveMaximum), _, Some(max)) => {
                    problems.push(format!("{value} is greater than `maximum` {}", max.value));
                }
                _ => {}
            }
        }
        if matches!(ty, TypeExpr::U64) {
            // `multiple_of_field` is refused on `u64` fields; `multiple_of` is positive
            // once the constraint checks pass.
            if let (Some(n), Some(m)) = (value.as_u64(), c.multiple_of.as_ref())
                && let Ok(of) = u64::try_from(m.value)
                && check::multiple_of_u64(n, of) == Some(Broken::NotMultiple)
            {
                problems.push(format!("{n} is not a multiple of {of}"));
            }
        } else if let Some(n) = value.as_i64() {
            multiple_rules(n, path, field, c, siblings, &mut problems);
        }
        if let (Some(items), true) = (value.as_array(), sane(&c.min_items, &c.max_items)) {
            let min = c.min_items.as_ref().map(|v| v.value);
            let max = c.max_items.as_ref().map(|v| v.value);
            match check::items(items.len(), min, max) {
                Some(Broken::TooFewItems { len, min }) => {
                    problems.push(format!("{len} items, fewer than `min_items` {min}"));
                }
                Some(Broken::TooManyItems { len, max }) => {
                    problems.push(format!("{len} items, more than `max_items` {max}"));
                }
                _ => {}
            }
        }
        for message in problems {
            self.problems.push(Problem::new(path, message));
        }
    }

    /// `min_length`, `max_length` and `pattern` on a string value.
    fn text_rules(&mut self, s: &str, value: &Value, c: &Constraints, out: &mut Vec<String>) {
        if sane(&c.min_length, &c.max_length) {
            let min = c.min_length.as_ref().map(|v| v.value);
            let max = c.max_length.as_ref().map(|v| v.value);
            match check::length(s, min, max) {
                Some(Broken::TooShort { len, min }) => {
                    out.push(format!("length {len} is less than `min_length` {min}"));
                }
                Some(Broken::TooLong { len, max }) => {
                    out.push(format!("length {len} is greater than `max_length` {max}"));
                }
                _ => {}
            }
        }
        // An invalid pattern is reported on the constraint itself.
        if let Some(p) = &c.pattern
            && let Ok(re) = self.cx.regex(&p.value)
            && !re.is_match(s)
        {
            out.push(format!(
                "{} does not match `pattern` `{}`",
                describe_json(value),
                p.value
            ));
        }
    }
}

/// Whether a `min`/`max` pair can hold at all. A contradictory pair is reported on the
/// constraint; checking values against it would only repeat that.
fn sane<T: PartialOrd>(min: &Option<Spanned<T>>, max: &Option<Spanned<T>>) -> bool {
    match (min, max) {
        (Some(min), Some(max)) => min.value <= max.value,
        _ => true,
    }
}

/// `multiple_of` and `multiple_of_field` on an integer value. The sibling's value is the
/// example's, or the vendor's `default` when the example leaves it out, as in generated
/// request validation.
fn multiple_rules(
    n: i64,
    path: &str,
    field: &Field,
    c: &Constraints,
    (values, fields): (&Map<String, Value>, &[Field]),
    out: &mut Vec<String>,
) {
    // A `multiple_of` of 0 or less is reported on the constraint.
    if let Some(m) = &c.multiple_of
        && m.value > 0
        && check::multiple_of(n, m.value) == Some(Broken::NotMultiple)
    {
        out.push(format!("{n} is not a multiple of {}", m.value));
    }
    let Some(other) = &c.multiple_of_field else {
        return;
    };
    if other.value == field.name.value {
        return;
    }
    let of = match values.get(&other.value) {
        Some(Value::Null) | None => fields
            .iter()
            .find(|f| f.name.value == other.value)
            .and_then(|f| f.default.as_ref())
            .map(|d| d.value),
        Some(v) => v.as_i64(),
    };
    let Some(m) = of else { return };
    // The sibling by its full path: `limit` alone would not say which object's `limit`.
    let sibling = match path.rsplit_once('.') {
        Some((parent, _)) => format!("{parent}.{}", other.value),
        None => other.value.clone(),
    };
    match check::multiple_of(n, m) {
        Some(Broken::NotMultiple) => {
            out.push(format!("{n} is not a multiple of `{sibling}` ({m})"));
        }
        Some(Broken::MultipleOfZero) => out.push(format!(
            "{n} cannot be a multiple of `{sibling}` ({m}): nothing is a multiple of 0"
        )),
        _ => {}
    }
}

impl Matcher<'_, '_, '_> {
    /// The fields of `obj`, a request example, that `requires` says the call needs; `prefix`
    /// is left off the paths reported (the list field of a bare-array body).
    pub(super) fn requirements(
        &mut self,
        obj: &Map<String, Value>,
        spec: &EndpointFile,
        fields: &[Field],
        prefix: &str,
    ) {
        if !self.constraints {
            return;
        }
        let unmet = super::usepoint::unmet(obj, spec, fields, self.scope);
        self.problems.extend(unmet.iter().map(|at| {
            Problem::new(
                at.strip_prefix(prefix).unwrap_or(at),
                "missing; `requires` says it must be set for this call".to_owned(),
            )
        }));
    }

    /// A bare-array request example: its items, and what `requires` asks of them (its
    /// paths start at the list field's name).
    pub(super) fn bare_request(&mut self, value: &Value, spec: &EndpointFile) {
        self.bare(value, &spec.request, "request");
        if let [field] = spec.request.as_slice() {
            let obj = Map::from_iter([(field.name.value.clone(), value.clone())]);
            self.requirements(&obj, spec, &spec.request, &field.name.value);
        }
    }

    /// A bare-array body against the one field it is (`part` names it in a message).
    pub(super) fn bare(&mut self, value: &Value, fields: &[Field], part: &str) {
        // A body that is not one list field was reported on the endpoint.
        let Some((field, ty)) = array_field(fields) else {
            return;
        };
        if !value.is_array() {
            let message = format!("found {}, expected the {part} array", describe_json(value));
            self.problems.push(Problem::new("", message));
        } else if self.value("", value, &ty, false)
            && self.constraints
            && let Some(c) = &field.constraints
        {
            self.constraints("", value, field, &ty, c, (&Map::new(), fields));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int_field(name: &str, default: Option<i64>, multiple_of_field: Option<&str>) -> Field {
        let yaml = format!(
            "name: {name}\ntype: i64\n{}{}",
            default.map_or(String::new(), |d| format!("default: {d}\n")),
            multiple_of_field.map_or(String::new(), |m| format!(
                "constraints: {{multiple_of_field: {m}}}\n"
            )),
        );
        serde_saphyr::from_str(&yaml).expect("a field")
    }

    fn problems(offset: i64, siblings: serde_json::Value, fields: &[Field]) -> Vec<String> {
        let mut out = Vec::new();
        let field = &fields[0];
        let c = field.constraints.clone().unwrap_or_default();
        let values = siblings.as_object().cloned().unwrap_or_default();
        multiple_rules(
            offset,
            "page.offset",
            field,
            &c,
            (&values, fields),
            &mut out,
        );
        out
    }

    // Generated validation checks against the sibling's default when the request leaves
    // the sibling out, and refuses a sibling of 0; examples are held to the same rules.
    #[test]
    fn multiple_of_field_follows_request_validation() {
        let fields = [
            int_field("offset", None, Some("limit")),
            int_field("limit", Some(20), None),
        ];
        assert!(problems(40, serde_json::json!({}), &fields).is_empty());
        assert_eq!(
            problems(30, serde_json::json!({}), &fields),
            ["30 is not a multiple of `page.limit` (20)"]
        );
        assert_eq!(
            problems(30, serde_json::json!({"limit": 0}), &fields),
            ["30 cannot be a multiple of `page.limit` (0): nothing is a multiple of 0"]
        );
        assert!(problems(30, serde_json::json!({"limit": 10}), &fields).is_empty());
        let no_default = [
            int_field("offset", None, Some("limit")),
            int_field("limit", None, None),
        ];
        assert!(problems(30, serde_json::json!({}), &no_default).is_empty());
    }
}
