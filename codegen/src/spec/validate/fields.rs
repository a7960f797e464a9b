//! Field lists: names unique in JSON and in Rust, `const` and `default` rules, and the
//! constraints of each field.

use std::path::Path;

use super::super::defaults;
use super::super::model::Field;
use super::super::span::Spanned;
use super::super::type_expr::TypeExpr;
use super::names::rust_field_problem;
use super::util::parse_type;
use super::util::{FirstSeen, describe_json};
use super::{Cx, Owner, Scope};
use crate::diagnostics::did_you_mean;
use crate::naming;
use crate::visit;

impl Cx<'_> {
    /// Checks a list of fields; `auth_body` are the keys the auth scheme adds to requests.
    pub(super) fn fields(
        &mut self,
        file: &Path,
        fields: &[Field],
        scope: &Scope<'_>,
        from_shared: bool,
        owner: Owner<'_>,
        auth_body: Option<(&str, &[Spanned<String>])>,
    ) {
        let mut json = FirstSeen::new();
        let mut rust = FirstSeen::new();
        let types: Vec<Option<TypeExpr>> = fields
            .iter()
            .map(|f| self.type_expr(file, &f.ty, scope, from_shared))
            .collect();
        for (f, ty) in fields.iter().zip(&types) {
            let name = &f.name;
            if name.value.is_empty() {
                self.err(file, name.pos, "empty field name", None);
                continue;
            }
            if let Some(line) = json.repeated(name.value.as_str(), name.pos.line) {
                self.err(
                    file,
                    name.pos,
                    format!(
                        "duplicate field `{}` in {} (first at line {line})",
                        name.value,
                        owner.describe()
                    ),
                    None,
                );
                continue;
            }

            if let Some((scheme, body)) = auth_body
                && body.iter().any(|b| b.value == name.value)
            {
                self.err(
                    file,
                    name.pos,
                    format!(
                        "field `{}` is added by auth scheme `{scheme}`; it does not belong in {}",
                        name.value,
                        owner.describe()
                    ),
                    Some("remove the field".to_owned()),
                );
            }

            if let Some(rn) = self.rust_field_name(file, f)
                && let Some(other) = rust.repeated(rn.clone(), name.value.as_str())
            {
                let pos = f.rust_name.as_ref().map_or(name.pos, |r| r.pos);
                self.err(
                    file,
                    pos,
                    format!(
                        "fields `{other}` and `{}` both become Rust field `{rn}`",
                        name.value
                    ),
                    Some("set `rust_name` on one of them".to_owned()),
                );
            }

            if let Some(docs) = &f.docs {
                self.docs(
                    file,
                    docs,
                    name.pos,
                    &format!("docs of field `{}`", name.value),
                );
            }
            self.constant(file, f, ty.as_ref());
            self.nullable(file, f, fields, &owner);
            if let (Some(c), Some(ty)) = (&f.constraints, ty) {
                self.constraints(file, f, ty, c, fields, &types);
            }
            let in_response = matches!(owner, Owner::Endpoint("response"));
            for (pos, msg, help) in defaults::problems(f, ty.as_ref(), in_response) {
                self.err(file, pos, msg, help);
            }
        }
    }

    /// The field's Rust name (its `rust_name`, or the one derived from its JSON name), or
    /// `None` when that name is unusable (reported here).
    fn rust_field_name(&mut self, file: &Path, f: &Field) -> Option<String> {
        let name = &f.name;
        if let Some(rn) = &f.rust_name {
            if let Some((msg, help)) = rust_field_problem(&rn.value)
                .or_else(|| super::names::struct_method_clash(&rn.value, &name.value))
            {
                self.err(file, rn.pos, msg, help);
                return None;
            }
            return Some(rn.value.clone());
        }
        let derived = naming::field_name(&name.value);
        let problem = if !naming::is_identifier(&derived) {
            Some((
                format!(
                    "field `{}` becomes `{derived}`, which is not a Rust identifier",
                    name.value
                ),
                Some("set `rust_name`".to_owned()),
            ))
        } else if naming::is_keyword(&derived) {
            Some((
                format!(
                    "field `{}` becomes the Rust keyword `{derived}`",
                    name.value
                ),
                Some("set `rust_name`".to_owned()),
            ))
        } else if naming::RESERVED_FIELD_NAMES.contains(&derived.as_str()) {
            Some((
                format!(
                    "field `{}` becomes `{derived}`, which generated structs use for themselves",
                    name.value
                ),
                Some("set `rust_name`".to_owned()),
            ))
        } else {
            super::names::struct_method_clash(&derived, &name.value)
        };
        match problem {
            Some((msg, help)) => {
                self.err(file, name.pos, msg, help);
                None
            }
            None => Some(derived),
        }
    }

    /// A `const` field is a required `string` with a string value.
    fn constant(&mut self, file: &Path, f: &Field, ty: Option<&TypeExpr>) {
        let Some(c) = &f.constant else { return };
        let name = &f.name;
        if let Some(ty) = ty
            && *ty != TypeExpr::String
        {
            self.err(
                file,
                c.pos,
                format!(
                    "`const` is only allowed on `string` fields, and `{}` is `{ty}`",
                    name.value
                ),
                None,
            );
        }
        if !c.value.is_string() {
            self.err(
                file,
                c.pos,
                format!(
                    "`const` must be a string, found {}",
                    describe_json(&c.value)
                ),
                None,
            );
        }
        if !f.required.as_ref().is_some_and(|r| r.value) {
            self.err(
                file,
                c.pos,
                format!(
                    "field `{}` has a `const` value, so it must be `required: true`",
                    name.value
                ),
                None,
            );
        }
    }
}

/// Why a path through fields cannot be followed.
pub(super) enum PathProblem {
    /// Something reported where it is written (a type that does not parse or resolve):
    /// saying it again at the path would be a second error for one cause.
    Reported,
    /// The path's own mistake, with a suggestion when one is close.
    Own(String, Option<String>),
}

/// The type at a dot-separated path of JSON names through `fields` and the named object
/// types they refer to (followed by [`visit::field_at_path`]); where it cannot go on, why.
pub(super) fn field_at_path(
    fields: &[Field],
    path: &str,
    scope: &Scope<'_>,
) -> Result<TypeExpr, PathProblem> {
    let stop = match visit::field_at_path(scope, fields, path) {
        Ok(field) => {
            let ty = parse_type(&field.ty.value).map_err(|_| PathProblem::Reported)?;
            return match ty.named() {
                // Reported where the type is written (or `types.yaml` did not parse).
                Some(name) if scope.get(name, false).is_none() => Err(PathProblem::Reported),
                _ => Ok(ty),
            };
        }
        Err(stop) => stop,
    };
    let key = stop.key;
    let Some(field) = stop.field else {
        let siblings = match &stop.owner {
            Some(owner) => visit::TypeGraph::fields(scope, owner).unwrap_or_default(),
            None => fields,
        };
        // The whole path with the one segment corrected, so the help can be pasted.
        let help = did_you_mean(key, siblings.iter().map(|f| f.name.value.as_str())).map(|best| {
            let start = (key.as_ptr() as usize).saturating_sub(path.as_ptr() as usize);
            let before = path.get(..start).unwrap_or_default();
            let after = path.get(start + key.len()..).unwrap_or_default();
            format!("did you mean `{before}{best}{after}`?")
        });
        return Err(PathProblem::Own(format!("no field `{key}`"), help));
    };
    let ty = parse_type(&field.ty.value).map_err(|_| PathProblem::Reported)?;
    let TypeExpr::Named(name) = &ty else {
        return Err(PathProblem::Own(
            format!("`{key}` is `{ty}`, not an object"),
            None,
        ));
    };
    let from_shared = stop.owner.is_some_and(|k| k.shared);
    match scope.get(name, from_shared) {
        None => Err(PathProblem::Reported),
        Some(_) => Err(PathProblem::Own(
            format!("`{key}` is the enum `{name}`, not an object"),
            None,
        )),
    }
}

pub(super) fn is_required(f: &Field) -> bool {
    f.required.as_ref().is_some_and(|r| r.value)
}
