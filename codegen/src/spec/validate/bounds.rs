//! Numeric bounds keep their kind: an integer field's `minimum` and `maximum` are integers
//! (exact, checked as `i64`), an `f64` field's are numbers (checked as `f64`). Lowering
//! relies on this to give each bound the type of its field's check.

use std::path::Path;

use super::super::model::{Constraints, Field};
use super::super::type_expr::TypeExpr;
use super::Cx;

impl Cx<'_> {
    /// An integer field's bounds are integers: the generated check compares integers, and a
    /// bound like `minimum: 0.5` would be enforced as something else than the docs say.
    pub(super) fn integer_bounds(
        &mut self,
        file: &Path,
        field: &Field,
        ty: &TypeExpr,
        c: &Constraints,
    ) {
        if !ty.is_integer() {
            return;
        }
        for (key, bound) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
            if let Some(b) = bound
                && b.value.as_f64().is_finite()
                && b.value.as_integer().is_none()
            {
                self.err(
                    file,
                    b.pos,
                    format!(
                        "`{key}` {} of field `{}` is not an integer, and the field is `{ty}`; integer fields take integer bounds",
                        b.value, field.name.value
                    ),
                    Some("write the integer the rule means, or make the field `f64`".to_owned()),
                );
            }
        }
    }
}
