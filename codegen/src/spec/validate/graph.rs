//! The named types one file sees, as a [`TypeGraph`], so that the validator's cycle rule and
//! its paths through types follow fields with the same walk as lowering and spec-diff.

use super::super::model::Field;
use super::super::type_expr::TypeExpr;
use super::Scope;
use super::util::parse_type;
use crate::visit::{Edge, TypeGraph};

/// A named type of a [`Scope`]: the file's own (`shared == false`) or one of `types.yaml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct SpecKey<'a> {
    /// Whether the type is defined in `types.yaml`; names in its fields resolve there only.
    pub shared: bool,
    /// The type's name.
    pub name: &'a str,
}

impl<'a> TypeGraph for Scope<'a> {
    type Key = SpecKey<'a>;
    type Field = Field;

    fn fields(&self, key: &SpecKey<'a>) -> Option<&[Field]> {
        let def = if key.shared {
            self.shared.get(key.name)
        } else {
            self.local.get(key.name)
        }?;
        def.fields.as_deref()
    }

    /// A field's type names at most one type; names that do not parse or resolve give no
    /// edge (other rules report them).
    fn edges(&self, owner: Option<&SpecKey<'a>>, field: &Field) -> Vec<Edge<SpecKey<'a>>> {
        let Ok(ty) = parse_type(&field.ty.value) else {
            return Vec::new();
        };
        let Some(name) = ty.named() else {
            return Vec::new();
        };
        let from_shared = owner.is_some_and(|k| k.shared);
        self.get(name, from_shared)
            .map(|entry| Edge {
                to: SpecKey {
                    shared: entry.shared,
                    name: entry.def.name.value.as_str(),
                },
                direct: matches!(ty, TypeExpr::Named(_)),
            })
            .into_iter()
            .collect()
    }

    fn name<'f>(&self, field: &'f Field) -> &'f str {
        &field.name.value
    }
}
