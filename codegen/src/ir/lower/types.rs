//! Lowering of types: type expressions resolved to where they are defined, fields with their
//! Rust names, constraints and bounds of the field's own kind.

use std::collections::BTreeMap;
use std::path::Path;

use super::common::docs;
use crate::diagnostics::Diagnostic;
use crate::ir::constraints::{Bound, Constraints};
use crate::ir::types::{Enum, Field, Struct, Type, TypeDef, TypeHome, TypeRef, Variant};
use crate::ir::{EnumKind, WireValue};
use crate::naming;
use crate::spec::model;
use crate::spec::scalar::Number;
use crate::spec::span::{Pos, Spanned};
use crate::spec::type_expr::TypeExpr;

/// The named types a file can refer to, and where diagnostics about the file point.
pub(super) struct Scope<'a> {
    /// Shared type name → whether it is a struct.
    pub(super) shared: BTreeMap<String, bool>,
    /// The file's own type name → whether it is a struct.
    pub(super) local: BTreeMap<String, bool>,
    /// The spec folder.
    pub(super) root: &'a Path,
    /// The file, relative to `root`.
    pub(super) file: &'a Path,
}

impl Scope<'_> {
    /// A diagnostic about this file.
    pub(super) fn error(&self, pos: Pos, message: String) -> Diagnostic {
        Diagnostic {
            file: self.root.join(self.file),
            pos,
            message,
            help: None,
        }
    }

    fn resolve(&self, expr: &TypeExpr, pos: Pos, errors: &mut Vec<Diagnostic>) -> Type {
        match expr {
            TypeExpr::String => Type::String,
            TypeExpr::Secret => Type::Secret,
            TypeExpr::Bool => Type::Bool,
            TypeExpr::I32 => Type::I32,
            TypeExpr::I64 => Type::I64,
            TypeExpr::U64 => Type::U64,
            TypeExpr::F64 => Type::F64,
            TypeExpr::Decimal => Type::Decimal,
            TypeExpr::TimestampMs => Type::TimestampMs,
            TypeExpr::TimestampS => Type::TimestampS,
            TypeExpr::Json => Type::Json,
            TypeExpr::List(inner) => Type::List(Box::new(self.resolve(inner, pos, errors))),
            TypeExpr::Map(inner) => Type::Map(Box::new(self.resolve(inner, pos, errors))),
            TypeExpr::Named(name) => {
                if let Some(is_struct) = self.local.get(name) {
                    Type::Named(TypeRef {
                        name: name.clone(),
                        home: TypeHome::Local,
                        is_struct: *is_struct,
                    })
                } else if let Some(is_struct) = self.shared.get(name) {
                    Type::Named(TypeRef {
                        name: name.clone(),
                        home: TypeHome::Shared,
                        is_struct: *is_struct,
                    })
                } else {
                    errors.push(self.error(pos, format!("unknown type `{name}`")));
                    Type::Json
                }
            }
        }
    }
}

/// Type name → whether it is a struct, for [`Scope`].
pub(super) fn type_table(types: &[model::TypeDef]) -> BTreeMap<String, bool> {
    types
        .iter()
        .map(|t| (t.name.value.clone(), t.fields.is_some()))
        .collect()
}

/// A `types:` entry: a struct or a string enum.
pub(super) fn lower_type_def(
    def: &model::TypeDef,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> TypeDef {
    let docs = docs::from_opt(def.docs.as_ref());
    if let Some(values) = &def.enum_values {
        // The loader refused enums of mixed kinds, so the first value's kind is every value's.
        let wire = |v: &model::EnumValue| match v.value.integer {
            Some(i) => WireValue::Int(i),
            None => WireValue::Str(v.value.text.clone()),
        };
        TypeDef::Enum(Enum {
            name: def.name.value.clone(),
            docs,
            kind: values.first().map_or(EnumKind::String, |v| wire(v).kind()),
            variants: values
                .iter()
                .map(|v| Variant {
                    value: wire(v),
                    rust_name: v
                        .rust_name
                        .as_ref()
                        .map_or_else(|| naming::type_name(&v.value), |n| n.value.clone()),
                    docs: docs::from_opt(v.docs.as_ref()),
                })
                .collect(),
        })
    } else {
        TypeDef::Struct(Struct {
            name: def.name.value.clone(),
            docs,
            fields: lower_fields(
                &def.name.value,
                def.fields.as_deref().unwrap_or(&[]),
                scope,
                errors,
            ),
            open: def.open.as_ref().is_some_and(|o| o.value),
            bare: false,
        })
    }
}

/// A bound of the field's kind. The validator has refused fractional bounds on integer fields
/// and bounds outside the field's range; one that still does not fit is reported, never cast.
fn lower_bound(
    bound: &Spanned<Number>,
    ty: &Type,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Bound> {
    let (range, name): (std::ops::RangeInclusive<i128>, &str) = match ty {
        Type::I32 => (i32::MIN.into()..=i32::MAX.into(), "i32"),
        Type::I64 | Type::TimestampMs | Type::TimestampS => {
            (i64::MIN.into()..=i64::MAX.into(), "i64")
        }
        Type::U64 => (0..=u64::MAX.into(), "u64"),
        _ => return Some(Bound::Float(bound.value.as_f64())),
    };
    match bound.value.as_integer().filter(|i| range.contains(i)) {
        Some(i) => Some(Bound::Int(i)),
        None => {
            errors.push(scope.error(
                bound.pos,
                format!(
                    "bound {} of an integer field is not an integer within the range of `{name}`",
                    bound.value
                ),
            ));
            None
        }
    }
}

/// The fields of the struct `owner`, in spec order.
pub(super) fn lower_fields(
    owner: &str,
    fields: &[model::Field],
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Field> {
    let rust_name_of = |f: &model::Field| {
        f.rust_name
            .as_ref()
            .map_or_else(|| naming::field_name(&f.name), |n| n.value.clone())
    };
    fields
        .iter()
        .map(|f| {
            let ty = match TypeExpr::parse(&f.ty.value) {
                Ok(expr) => scope.resolve(&expr, f.ty.pos, errors),
                Err(err) => {
                    errors.push(scope.error(f.ty.pos, err.message));
                    Type::Json
                }
            };
            let c = f.constraints.clone().unwrap_or_default();
            let multiple_of_field = c.multiple_of_field.as_ref().and_then(|sibling| {
                fields
                    .iter()
                    .find(|s| s.name.value == sibling.value)
                    .map(|s| {
                        (
                            s.name.value.clone(),
                            rust_name_of(s),
                            s.required.as_ref().is_some_and(|r| r.value)
                                && !s.nullable.as_ref().is_some_and(|n| n.value),
                        )
                    })
            });
            let rust_name = rust_name_of(f);
            let constant = f
                .constant
                .as_ref()
                .and_then(|c| c.value.as_str().map(str::to_owned));
            Field {
                json_name: f.name.value.clone(),
                constant_marker: constant
                    .is_some()
                    .then(|| naming::constant_marker(owner, &rust_name)),
                rust_name,
                ty: ty.clone(),
                from_envelope: false,
                required: f.required.as_ref().is_some_and(|r| r.value),
                nullable: f.nullable.as_ref().is_some_and(|n| n.value),
                constant,
                docs: docs::from_opt(f.docs.as_ref()),
                constraints: Constraints {
                    min_length: c.min_length.map(|v| v.value),
                    max_length: c.max_length.map(|v| v.value),
                    pattern: c.pattern.map(|v| v.value),
                    minimum: c.minimum.and_then(|v| lower_bound(&v, &ty, scope, errors)),
                    maximum: c.maximum.and_then(|v| lower_bound(&v, &ty, scope, errors)),
                    multiple_of: c.multiple_of.map(|v| v.value),
                    multiple_of_field,
                    min_items: c.min_items.map(|v| v.value),
                    max_items: c.max_items.map(|v| v.value),
                },
                default: f.default.as_ref().map(|d| d.value),
            }
        })
        .collect()
}
