//! Named types and type expressions: every name resolves, a type is an object or an enum,
//! enum values become distinct usable variants, and no object contains itself directly.

use std::path::Path;

use super::super::model::TypeDef;
use super::super::span::{Pos, Spanned};
use super::super::type_expr::{PRIMITIVES, TypeExpr};
use super::cycles::direct_cycles;
use super::names::{type_name_problem, variant_name_problem};
use super::util::{FirstSeen, parse_type, shift};
use super::{Cx, Owner, Scope};
use crate::diagnostics::did_you_mean;
use crate::naming;

impl Cx<'_> {
    /// Parses a field's type and checks that its named types exist.
    pub(super) fn type_expr(
        &mut self,
        file: &Path,
        ty: &Spanned<String>,
        scope: &Scope<'_>,
        from_shared: bool,
    ) -> Option<TypeExpr> {
        let expr = match parse_type(&ty.value) {
            Ok(expr) => expr,
            Err(err) => {
                self.err(
                    file,
                    shift(ty.pos, &ty.value, err.offset),
                    format!("invalid type `{}`: {}", ty.value, err.message),
                    None,
                );
                return None;
            }
        };
        if let Some(name) = expr.named()
            && scope.get(name, from_shared).is_none()
            && !scope.lenient
        {
            let offset = ty.value.find(name).unwrap_or(0);
            let names = scope.names(from_shared);
            let help = type_alias(name)
                .or_else(|| {
                    did_you_mean(
                        name,
                        names.iter().copied().chain(PRIMITIVES.iter().copied()),
                    )
                    .map(|s| format!("did you mean `{s}`?"))
                })
                .or_else(|| {
                    Some(if from_shared {
                        "define it in `types.yaml`".to_owned()
                    } else {
                        "define it under `types` in this file or in the provider's `types.yaml`"
                            .to_owned()
                    })
                });
            self.err(
                file,
                shift(ty.pos, &ty.value, offset),
                format!("unknown type `{name}`"),
                help,
            );
            // The rules that depend on the type (constraints, defaults, paging) would only
            // repeat this error in other words.
            return None;
        }
        Some(expr)
    }

    pub(super) fn type_def(
        &mut self,
        file: &Path,
        def: &TypeDef,
        scope: &Scope<'_>,
        from_shared: bool,
    ) {
        let name = &def.name;
        if let Some((msg, help)) = type_name_problem(&name.value) {
            self.err(file, name.pos, msg, help);
        }
        if let Some(docs) = &def.docs {
            self.docs(
                file,
                docs,
                name.pos,
                &format!("docs of type `{}`", name.value),
            );
        }
        match (&def.fields, &def.enum_values) {
            (Some(_), Some(_)) => self.err(
                file,
                name.pos,
                format!(
                    "type `{}` has both `fields` and `enum`; expected exactly one",
                    name.value
                ),
                None,
            ),
            (None, None) => self.err(
                file,
                name.pos,
                format!(
                    "type `{}` has neither `fields` nor `enum`; expected exactly one",
                    name.value
                ),
                None,
            ),
            _ => {}
        }
        if let (Some(open), None) = (&def.open, &def.fields) {
            self.err(
                file,
                open.pos,
                format!(
                    "`open` applies only to object types (with `fields`), and `{}` has none",
                    name.value
                ),
                None,
            );
        }
        if let Some(fields) = &def.fields {
            self.fields(
                file,
                fields,
                scope,
                from_shared,
                Owner::Type(&name.value),
                None,
            );
        }
        if let Some(values) = &def.enum_values {
            self.enum_values(file, &name.value, name.pos, values);
        }
    }

    pub(super) fn enum_values(
        &mut self,
        file: &Path,
        type_name: &str,
        anchor: Pos,
        values: &[super::super::model::EnumValue],
    ) {
        if values.is_empty() {
            self.err(
                file,
                anchor,
                format!("enum `{type_name}` has no values"),
                None,
            );
        }
        let mut seen = FirstSeen::new();
        let mut variants = FirstSeen::new();
        let mut first_kind = None;
        for v in values {
            let value = &v.value;
            if let Some(line) = seen.repeated(value.value.as_str(), value.pos.line) {
                self.err(
                    file,
                    value.pos,
                    format!(
                        "duplicate value `{}` in enum `{type_name}` (first at line {line})",
                        value.value
                    ),
                    None,
                );
                continue;
            }
            self.enum_value_kind(file, type_name, value, &mut first_kind);
            if let Some(docs) = &v.docs {
                self.docs(
                    file,
                    docs,
                    value.pos,
                    &format!("docs of value `{}`", value.value),
                );
            }
            let (variant, pos) = match &v.rust_name {
                Some(rn) => {
                    if let Some((msg, help)) = variant_name_problem(&rn.value) {
                        self.err(file, rn.pos, msg, help);
                        continue;
                    }
                    (rn.value.clone(), rn.pos)
                }
                None if value.value.integer.is_some() => {
                    self.err(
                        file,
                        value.pos,
                        format!(
                            "integer enum value {} has no variant name: a Rust variant cannot be named by a number",
                            value.value
                        ),
                        Some(format!(
                            "set `rust_name` to what {} means (e.g. `rust_name: Enabled`)",
                            value.value
                        )),
                    );
                    continue;
                }
                None => {
                    let derived = naming::type_name(&value.value);
                    if !naming::is_identifier(&derived) || naming::is_keyword(&derived) {
                        self.err(
                            file,
                            value.pos,
                            format!(
                                "enum value `{}` becomes variant `{derived}`, which is not a usable Rust name",
                                value.value
                            ),
                            Some("set `rust_name`".to_owned()),
                        );
                        continue;
                    }
                    (derived, value.pos)
                }
            };
            if variant == "Unknown" {
                self.err(
                    file,
                    pos,
                    format!(
                        "enum value `{}` becomes variant `Unknown`, which holds values the vendor adds later",
                        value.value
                    ),
                    Some("set `rust_name`".to_owned()),
                );
                continue;
            }
            if let Some(other) = variants.repeated(variant.clone(), value.value.as_str()) {
                self.err(
                    file,
                    pos,
                    format!(
                        "enum values `{other}` and `{}` both become variant `{variant}`",
                        value.value
                    ),
                    Some("set `rust_name` on one of them".to_owned()),
                );
            }
        }
    }

    /// Reports named types that contain themselves without a list or map in between.
    pub(super) fn recursion(
        &mut self,
        file: &Path,
        defs: &[TypeDef],
        scope: &Scope<'_>,
        from_shared: bool,
    ) {
        for cycle in direct_cycles(defs, scope, from_shared) {
            let Some(first) = cycle.first() else { continue };
            let mut steps: Vec<String> = cycle
                .iter()
                .map(|(def, field)| format!("`{}.{}`", def.name.value, field.name.value))
                .collect();
            if steps.len() > 6 {
                let hidden = steps.len() - 5;
                steps.truncate(5);
                steps.push(format!("… {hidden} more"));
            }
            steps.push(format!("`{}`", first.0.name.value));
            self.err(
                file,
                first.1.ty.pos,
                format!(
                    "type `{}` contains itself ({}); an object can only contain itself through `list<…>` or `map<…>`",
                    first.0.name.value,
                    steps.join(" → ")
                ),
                None,
            );
        }
    }
}

/// The spec's word for a type name other languages use (`int` → `i32` or `i64`).
pub(super) fn type_alias(name: &str) -> Option<String> {
    let hint = match name.to_ascii_lowercase().as_str() {
        "int" | "integer" | "int32" | "int64" | "long" | "number" => "`i32` or `i64` (or `f64`)",
        "uint" | "uint32" | "uint64" | "unsigned" | "ulong" => "`u64` (or `i64`)",
        "float" | "double" | "f32" => "`f64` (or `decimal` for exact amounts)",
        "str" | "text" | "varchar" => "`string`",
        "boolean" => "`bool`",
        "object" | "dict" | "any" => "a named type, `map<T>` or `json`",
        "array" | "vec" => "`list<T>`",
        "date" | "datetime" | "timestamp" | "long_timestamp" => "`timestamp_ms` or `timestamp_s`",
        _ => return None,
    };
    Some(format!("the spec writes this as {hint}"))
}
