//! Whether a field's `constraints` make sense for its type and with each other (the
//! rules themselves are applied to values by the runtime's pure rule functions).

use std::path::Path;

use super::super::defaults;
use super::super::model::{Constraints, Field};
use super::super::span::{Pos, Spanned};
use super::super::type_expr::TypeExpr;
use super::Cx;
use crate::diagnostics::did_you_mean;

impl Cx<'_> {
    pub(super) fn constraints(
        &mut self,
        file: &Path,
        field: &Field,
        ty: &TypeExpr,
        c: &Constraints,
        siblings: &[Field],
        sibling_types: &[Option<TypeExpr>],
    ) {
        self.misplaced(file, field, ty, c);

        if let (Some(min), Some(max)) = (&c.min_length, &c.max_length)
            && min.value > max.value
        {
            self.err(
                file,
                min.pos,
                format!(
                    "`min_length` {} is greater than `max_length` {}",
                    min.value, max.value
                ),
                None,
            );
        }
        if let (Some(min), Some(max)) = (&c.min_items, &c.max_items)
            && min.value > max.value
        {
            self.err(
                file,
                min.pos,
                format!(
                    "`min_items` {} is greater than `max_items` {}",
                    min.value, max.value
                ),
                None,
            );
        }
        for (key, v) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
            if let Some(v) = v
                && !v.value.as_f64().is_finite()
            {
                self.err(
                    file,
                    v.pos,
                    format!("`{key}` must be a finite number, found {}", v.value),
                    None,
                );
            }
        }
        for (key, v) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
            if let Some(v) = v
                && let Some(problem) = super::super::ranges::bound_out_of_range(key, v.value, ty)
            {
                self.err(file, v.pos, problem, None);
            }
        }
        self.integer_bounds(file, field, ty, c);
        if let (Some(min), Some(max)) = (&c.minimum, &c.maximum)
            && min.value > max.value
        {
            self.err(
                file,
                min.pos,
                format!(
                    "`minimum` {} is greater than `maximum` {}",
                    min.value, max.value
                ),
                None,
            );
        }
        if let Some(p) = &c.pattern
            && let Err(msg) = self.regex(&p.value)
        {
            self.err(
                file,
                p.pos,
                format!(
                    "`pattern` `{}` is not a valid regular expression: {msg}",
                    p.value
                ),
                None,
            );
        }
        if let Some(m) = &c.multiple_of
            && m.value <= 0
        {
            self.err(
                file,
                m.pos,
                format!("`multiple_of` must be greater than 0, found {}", m.value),
                None,
            );
        }
        if let Some(other) = &c.multiple_of_field {
            self.multiple_of_field(file, field, other, siblings, sibling_types);
        }
    }

    /// Constraints on a field of a type they do not apply to.
    fn misplaced(&mut self, file: &Path, field: &Field, ty: &TypeExpr, c: &Constraints) {
        let fname = &field.name.value;
        let wrong = |key: &str, applies: &str| {
            format!("`{key}` applies to {applies}, but field `{fname}` is `{ty}`")
        };
        const STRINGS: &str = "`string` and `secret` fields";
        const NUMBERS: &str = "number fields (`i32`, `i64`, `u64`, `f64`, timestamps)";
        const INTEGERS: &str = "integer fields (`i32`, `i64`, `u64`, timestamps)";
        const SIGNED: &str = "`i32`, `i64` and timestamp fields";
        const LISTS: &str = "`list<…>` fields";

        let mut misplaced: Vec<(Pos, String)> = Vec::new();
        for (key, pos) in [
            ("min_length", c.min_length.as_ref().map(|s| s.pos)),
            ("max_length", c.max_length.as_ref().map(|s| s.pos)),
            ("pattern", c.pattern.as_ref().map(|s| s.pos)),
        ] {
            if let (Some(pos), false) = (pos, ty.is_string()) {
                misplaced.push((pos, wrong(key, STRINGS)));
            }
        }
        for (key, pos) in [
            ("minimum", c.minimum.as_ref().map(|s| s.pos)),
            ("maximum", c.maximum.as_ref().map(|s| s.pos)),
        ] {
            if let (Some(pos), false) = (pos, ty.is_number()) {
                misplaced.push((pos, wrong(key, NUMBERS)));
            }
        }
        if let (Some(m), false) = (&c.multiple_of, ty.is_integer()) {
            misplaced.push((m.pos, wrong("multiple_of", INTEGERS)));
        }
        // The rule compares the two fields as `i64`, which a `u64` value may not fit.
        if let (Some(m), false) = (&c.multiple_of_field, ty.fits_i64()) {
            misplaced.push((m.pos, wrong("multiple_of_field", SIGNED)));
        }
        let is_list = matches!(ty, TypeExpr::List(_));
        for (key, pos) in [
            ("min_items", c.min_items.as_ref().map(|s| s.pos)),
            ("max_items", c.max_items.as_ref().map(|s| s.pos)),
        ] {
            if let (Some(pos), false) = (pos, is_list) {
                misplaced.push((pos, wrong(key, LISTS)));
            }
        }
        for (pos, msg) in misplaced {
            self.err(file, pos, msg, None);
        }
    }

    /// `multiple_of_field` names another integer field of the same list.
    fn multiple_of_field(
        &mut self,
        file: &Path,
        field: &Field,
        other: &Spanned<String>,
        siblings: &[Field],
        sibling_types: &[Option<TypeExpr>],
    ) {
        let fname = &field.name.value;
        let found = siblings
            .iter()
            .zip(sibling_types)
            .find(|(s, _)| s.name.value == other.value);
        match found {
            None => {
                let names = siblings.iter().map(|s| s.name.value.as_str());
                self.err(
                    file,
                    other.pos,
                    format!(
                        "`multiple_of_field` names `{}`, which is not a field next to `{fname}`",
                        other.value
                    ),
                    did_you_mean(&other.value, names).map(|s| format!("did you mean `{s}`?")),
                );
            }
            // The sibling's type is unknown or invalid, which is reported on the sibling.
            Some((_, None)) => {}
            Some((s, _)) if s.name.value == *fname => self.err(
                file,
                other.pos,
                format!("`multiple_of_field` of `{fname}` names the field itself"),
                None,
            ),
            Some((_, Some(sty))) if !sty.fits_i64() => self.err(
                file,
                other.pos,
                format!(
                    "`multiple_of_field` names `{}`, which is `{sty}`; expected an `i32`, `i64` or timestamp field",
                    other.value
                ),
                None,
            ),
            Some((s, _)) => {
                if let Some((pos, msg, help)) = defaults::sibling_problem(fname, s, other.pos) {
                    self.err(file, pos, msg, help);
                }
            }
        }
    }
}
