//! What an endpoint says about the point of use: `requires` (fields its call needs although
//! their type keeps them optional) and `availability` (the base URLs it exists on).

use std::path::Path;

use serde_json::{Map, Value};

use super::super::model::{EndpointFile, Field, Pagination, ProviderFile};
use super::super::type_expr::TypeExpr;
use super::fields::is_required;
use super::util::{FirstSeen, parse_type, shift};
use super::{Cx, Scope};
use crate::diagnostics::{backticked, did_you_mean};

impl Cx<'_> {
    /// Every `requires` path leads through `fields` (the request's) to an optional field,
    /// passing only objects and lists of objects; none is given twice.
    pub(super) fn requires(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        fields: &[Field],
        scope: &Scope<'_>,
    ) {
        let mut seen = FirstSeen::new();
        for path in &spec.requires {
            if let Some(line) = seen.repeated(path.value.as_str(), path.pos.line) {
                self.err(
                    file,
                    path.pos,
                    format!(
                        "`requires` names `{}` twice (first at line {line})",
                        path.value
                    ),
                    None,
                );
                continue;
            }
            if let Some((offset, message, help)) = requirement_problem(&path.value, fields, scope) {
                let pos = shift(path.pos, &path.value, offset);
                self.err(
                    file,
                    pos,
                    format!("`requires` path `{}`: {message}", path.value),
                    help,
                );
            }
        }
    }

    /// `availability` names base URLs of the provider, each once, and says something.
    pub(super) fn availability(&mut self, file: &Path, spec: &EndpointFile, p: &ProviderFile) {
        let Some(availability) = &spec.availability else {
            return;
        };
        if let Some(d) = &availability.docs {
            self.docs(file, d, availability.pos, "`availability.docs`");
        }
        let Some(names) = &availability.base_urls else {
            if availability.docs.is_none() {
                self.err(
                    file,
                    availability.pos,
                    "`availability` says nothing; expected `base_urls`, `docs` or both",
                    None,
                );
            }
            return;
        };
        let known: Vec<&str> = p.base_urls.iter().map(|b| b.name.value.as_str()).collect();
        if names.is_empty() {
            self.err(
                file,
                names.pos,
                "`availability.base_urls` is empty: the endpoint would exist nowhere",
                Some(format!(
                    "name some of {}, or remove the key",
                    backticked(known.iter())
                )),
            );
        }
        let mut seen = FirstSeen::new();
        for name in names.iter() {
            if let Some(line) = seen.repeated(name.value.as_str(), name.pos.line) {
                self.err(
                    file,
                    name.pos,
                    format!(
                        "`availability.base_urls` names `{}` twice (first at line {line})",
                        name.value
                    ),
                    None,
                );
            } else if !known.contains(&name.value.as_str()) {
                let help = match did_you_mean(&name.value, known.iter().copied()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("the provider's base URLs are {}", backticked(known.iter())),
                };
                self.err(
                    file,
                    name.pos,
                    format!(
                        "`availability.base_urls`: the provider has no base URL `{}`",
                        name.value
                    ),
                    Some(help),
                );
            }
        }
        let all = known.iter().all(|k| names.iter().any(|n| n.value == *k));
        if all && !names.is_empty() {
            self.err(
                file,
                names.pos,
                "`availability.base_urls` names every base URL of the provider, which is what \
                 leaving it out says",
                Some("remove `base_urls` (keep `docs` for a condition)".to_owned()),
            );
        }
    }
}

impl Cx<'_> {
    /// The stream's page size: `default_limit`, else the limit field's `default`; one of them
    /// is needed, and the size must keep the limit field's own rules (the stream sends it).
    pub(super) fn page_size(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        paging: &Pagination,
        scope: &Scope<'_>,
    ) {
        // A path that leads nowhere is reported by the path check.
        let Ok(field) = crate::visit::field_at_path(scope, &spec.request, &paging.limit.value)
        else {
            return;
        };
        let (size, pos, whose) = match (&paging.default_limit, &field.default) {
            (Some(size), _) => (i64::from(size.value), size.pos, "`default_limit`"),
            (None, Some(default)) => (default.value, default.pos, "the limit field's `default`"),
            (None, None) => {
                self.err(
                    file,
                    paging.limit.pos,
                    format!(
                        "the stream needs a page size: `default_limit` is not set and the limit \
                         field `{}` has no `default`",
                        paging.limit.value
                    ),
                    Some(
                        "set `default: N` on the field when the vendor's page documents its page \
                         size, or `default_limit: N` for the stream's own"
                            .to_owned(),
                    ),
                );
                return;
            }
        };
        let c = field.constraints.as_ref();
        // Page sizes are far below 2^53, where `f64` compares integers exactly.
        let min = c.and_then(|c| c.minimum.as_ref()).map(|m| m.value.as_f64());
        let max = c.and_then(|c| c.maximum.as_ref()).map(|m| m.value.as_f64());
        let step = c.and_then(|c| c.multiple_of.as_ref()).map(|m| m.value);
        let broken = if size < 1 {
            Some("below 1".to_owned())
        } else if let Some(min) = min.filter(|min| (size as f64) < *min) {
            Some(format!("below the limit field's `minimum` {min}"))
        } else if let Some(max) = max.filter(|max| (size as f64) > *max) {
            Some(format!("above the limit field's `maximum` {max}"))
        } else {
            step.filter(|m| *m > 0 && size % m != 0)
                .map(|m| format!("not a multiple of the limit field's `multiple_of` {m}"))
        };
        if let Some(broken) = broken {
            self.err(
                file,
                pos,
                format!(
                    "page size {size} ({whose}) is {broken}: the stream sends it on every page"
                ),
                None,
            );
        }
    }
}

/// Why `path` is not a usable requirement: the byte offset of the segment at fault, the
/// message and a hint. `None` when it leads to an optional field.
fn requirement_problem(
    path: &str,
    roots: &[Field],
    scope: &Scope<'_>,
) -> Option<(usize, String, Option<String>)> {
    let mut fields = roots;
    let mut from_shared = false;
    let mut offset = 0;
    let mut segments = path.split('.').peekable();
    while let Some(key) = segments.next() {
        let Some(field) = fields.iter().find(|f| f.name.value == key) else {
            let names = fields.iter().map(|f| f.name.value.as_str());
            let help = match did_you_mean(key, names) {
                Some(close) => Some(format!("did you mean `{close}`?")),
                None if fields.is_empty() => None,
                None => Some(format!(
                    "the fields here are {}",
                    backticked(fields.iter().map(|f| f.name.value.as_str()))
                )),
            };
            let what = if key.is_empty() {
                "an empty segment".to_owned()
            } else {
                format!("no field `{key}`")
            };
            return Some((offset, what, help));
        };
        if segments.peek().is_none() {
            if is_required(field) {
                return Some((
                    offset,
                    format!("`{key}` is required by its type already"),
                    Some("remove the path from `requires`".to_owned()),
                ));
            }
            if field.constant.is_some() {
                return Some((offset, format!("`{key}` is a constant, always sent"), None));
            }
            return None;
        }
        // Types that do not parse or resolve are reported where they are written.
        let ty = parse_type(&field.ty.value).ok()?;
        let object = match &ty {
            TypeExpr::Named(name) => Some(name),
            TypeExpr::List(inner) => match &**inner {
                TypeExpr::Named(name) => Some(name),
                _ => None,
            },
            _ => None,
        };
        let entry = object.and_then(|name| scope.get(name, from_shared));
        let Some(inner) = entry.and_then(|e| e.def.fields.as_deref()) else {
            if object.is_some() && entry.is_none() {
                return None;
            }
            return Some((
                offset,
                format!("`{key}` is `{ty}`, not an object or a list of objects"),
                None,
            ));
        };
        from_shared = entry.is_some_and(|e| e.shared);
        fields = inner;
        offset += key.len() + 1;
    }
    None
}

/// The list of request fields `requires` paths start from: the query for `GET` calls and
/// redirects, the body otherwise (as lowering decides).
pub(super) fn request_roots(spec: &EndpointFile) -> &[Field] {
    use super::super::model::{EndpointKind, HttpMethod};
    let redirect = spec
        .kind
        .as_ref()
        .is_some_and(|k| k.value == EndpointKind::Redirect);
    if redirect || spec.method.value == HttpMethod::Get {
        &spec.query
    } else {
        &spec.request
    }
}

/// Where a request example (auth keys removed) leaves a `requires` path unset: the concrete
/// path of each unset field (`Items[1].UserId`). An error example may show
/// exactly that refusal, so only success examples are held to it; a path that is itself
/// wrong (`fields` are the request's) was reported already and is not followed.
pub(super) fn unmet(
    request: &Map<String, Value>,
    spec: &EndpointFile,
    fields: &[Field],
    scope: &Scope<'_>,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut once = std::collections::BTreeSet::new();
    let usable = spec.requires.iter().filter(|p| {
        once.insert(p.value.as_str()) && requirement_problem(&p.value, fields, scope).is_none()
    });
    for path in usable {
        let segments: Vec<&str> = path.value.split('.').collect();
        missing_at(request, "", &segments, &mut out);
    }
    out
}

/// Walks `segments` from `object` (at JSON path `at`), collecting where one is unset.
fn missing_at(object: &Map<String, Value>, at: &str, segments: &[&str], out: &mut Vec<String>) {
    let Some((key, rest)) = segments.split_first() else {
        return;
    };
    let here = if at.is_empty() {
        (*key).to_owned()
    } else {
        format!("{at}.{key}")
    };
    match object.get(*key) {
        None | Some(Value::Null) => out.push(if rest.is_empty() {
            here
        } else {
            format!("{here}.{}", rest.join("."))
        }),
        Some(Value::Object(inner)) => missing_at(inner, &here, rest, out),
        Some(Value::Array(items)) if !rest.is_empty() => {
            for (index, item) in items.iter().enumerate() {
                if let Value::Object(inner) = item {
                    missing_at(inner, &format!("{here}[{index}]"), rest, out);
                }
            }
        }
        // A value of the wrong shape is reported by the field checks.
        Some(_) => {}
    }
}
