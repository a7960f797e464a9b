//! Lowering of `requires` and `availability`: the paths resolved to the Rust fields the
//! generated check walks, the base URL names to the URLs a client refuses calls on.

use super::common::docs;
use super::types::Scope;
use crate::diagnostics::Diagnostic;
use crate::ir::types::{Availability, BaseUrl, Field, Struct, Type};
use crate::ir::{RequireStep, Requirement, TypeKey, Types};
use crate::spec::model;
use crate::spec::span::Spanned;

/// Each `requires` path as the fields it walks from the request struct.
pub(super) fn requirements(
    paths: &[Spanned<String>],
    request: &Struct,
    types: Types<'_>,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Requirement> {
    let mut out = Vec::new();
    for path in paths {
        match steps(&path.value, &request.fields, types) {
            Some(steps) => out.push(Requirement {
                path: path.value.clone(),
                steps,
            }),
            // The loader refuses such a path; a spec built in memory may still hold one.
            None => errors.push(scope.error(
                path.pos,
                format!(
                    "`requires` path `{}` does not lead to an optional request field",
                    path.value
                ),
            )),
        }
    }
    out
}

fn steps(path: &str, roots: &[Field], types: Types<'_>) -> Option<Vec<RequireStep>> {
    let mut fields = roots;
    let mut out = Vec::new();
    let mut segments = path.split('.').peekable();
    while let Some(key) = segments.next() {
        let field = fields.iter().find(|f| f.json_name == key)?;
        let last = segments.peek().is_none();
        let (list, target) = match &field.ty {
            Type::Named(r) => (false, Some(r)),
            Type::List(inner) => match &**inner {
                Type::Named(r) => (true, Some(r)),
                _ => (true, None),
            },
            _ => (false, None),
        };
        out.push(RequireStep {
            json_name: field.json_name.clone(),
            rust_name: field.rust_name.clone(),
            optional: !field.required,
            list: list && !last,
        });
        if last {
            return (!field.required && field.constant.is_none()).then_some(out);
        }
        let target = target?;
        let key = TypeKey {
            home: target.home.clone(),
            name: target.name.clone(),
        };
        fields = &types.strukt(&key)?.fields;
    }
    None
}

/// The availability of an endpoint, with the URLs its calls are refused on.
pub(super) fn availability(a: &model::Availability, base_urls: &[BaseUrl]) -> Availability {
    let names: Option<Vec<String>> = a
        .base_urls
        .as_ref()
        .map(|names| names.value.iter().map(|n| n.value.clone()).collect());
    let refused = match &names {
        None => Vec::new(),
        Some(names) => base_urls
            .iter()
            .filter(|b| !b.templated && !names.contains(&b.name))
            .map(|b| (b.name.clone(), b.url.clone()))
            .collect(),
    };
    Availability {
        base_urls: names,
        refused,
        docs: docs::from_opt(a.docs.as_ref()),
    }
}
