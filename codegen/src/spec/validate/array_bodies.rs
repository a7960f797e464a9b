//! Bodies that are bare JSON arrays (`request_body: array`, `response_body: array`): the
//! one field of the request or response, a `list<…>`, is the body itself, so there is
//! nothing beside it — no second field, no `query`, no auth fields, no open keys, no paging.

use std::path::Path;

use super::super::model::{
    AuthScheme, EndpointFile, EndpointKind, Field, HttpMethod, ProviderFile, RequestBody,
    ResponseBody,
};
use super::super::type_expr::TypeExpr;
use super::Cx;
use super::fields::is_required;
use super::util::parse_type;

/// Whether values of `ty` are secrets with no field name around them (`secret`, or lists
/// and maps of it): masking finds secrets by the name of the field that holds them.
fn holds_bare_secrets(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::Secret => true,
        TypeExpr::List(inner) | TypeExpr::Map(inner) => holds_bare_secrets(inner),
        _ => false,
    }
}

/// The one field of an array body, when the body is one.
pub(super) fn array_field(fields: &[Field]) -> Option<(&Field, TypeExpr)> {
    let [field] = fields else {
        return None;
    };
    match parse_type(&field.ty.value) {
        Ok(TypeExpr::List(item)) => Some((field, TypeExpr::List(item))),
        _ => None,
    }
}

impl Cx<'_> {
    /// What an endpoint says of its bodies: no answer (`none`), or bare arrays.
    pub(super) fn bodies(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        kind: EndpointKind,
        provider: Option<&ProviderFile>,
    ) {
        self.response_body(file, spec, kind);
        self.array_response_body(file, spec, kind);
        let scheme = provider.and_then(|p| p.auth.iter().find(|s| s.name.value == spec.auth.value));
        self.request_body(file, spec, kind, scheme);
    }

    /// `request_body: array`: a `POST` call whose one `request` field is a required list, and
    /// whose auth scheme puts nothing in the body.
    fn request_body(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        kind: EndpointKind,
        scheme: Option<&AuthScheme>,
    ) {
        let Some(body) = spec
            .request_body
            .as_ref()
            .filter(|b| b.value == RequestBody::Array)
        else {
            return;
        };
        if kind != EndpointKind::Call || spec.method.value != HttpMethod::Post {
            self.err(
                file,
                body.pos,
                "only a `POST` call has a JSON body, so only it takes `request_body: array`",
                Some("a `GET` or `redirect` sends its fields in the query: remove this".to_owned()),
            );
            return;
        }
        self.one_list_field(file, body.pos, &spec.request, "request");
        if let Some(f) = spec.query.first() {
            self.err(
                file,
                f.name.pos,
                "an endpoint with `request_body: array` has no `query` fields: its request \
                 type is the array alone",
                Some("remove the `query` fields, or this endpoint's `request_body`".to_owned()),
            );
        }
        // By the scheme's kind, not its `body_fields` list: that list is the spec's own
        // record, and may leave out what the runtime adds.
        if let Some(scheme) = scheme.filter(|s| s.kind.value.fills_body) {
            self.err(
                file,
                body.pos,
                format!(
                    "auth `{}` ({}) puts its parameters in the JSON body, which a bare array \
                     cannot hold",
                    scheme.name.value,
                    scheme.kind.value.name()
                ),
                Some(
                    "an array body needs an auth scheme that uses headers or signs the body"
                        .to_owned(),
                ),
            );
        }
        // Reported once, by the response's rule, when both bodies are arrays.
        if let Some(paging) = spec
            .pagination
            .as_ref()
            .filter(|_| spec.response_shape() != ResponseBody::Array)
        {
            self.err(
                file,
                paging.offset.pos,
                "an endpoint with `request_body: array` cannot page: its offset and limit \
                 would be fields of an object",
                None,
            );
        }
    }

    /// `response_body: array`: one required `response` field, a list; no open keys, no paging.
    fn array_response_body(&mut self, file: &Path, spec: &EndpointFile, kind: EndpointKind) {
        // A redirect's `response_body` was reported as such; it has no answer to shape.
        let Some(body) = spec
            .response_body
            .as_ref()
            .filter(|b| b.value == ResponseBody::Array && kind == EndpointKind::Call)
        else {
            return;
        };
        self.one_list_field(file, body.pos, &spec.response, "response");
        if let Some(open) = &spec.response_open {
            self.err(
                file,
                open.pos,
                "an endpoint with `response_body: array` has no keys to keep: its result is \
                 the array alone",
                Some("remove `response_open`".to_owned()),
            );
        }
        if let Some(paging) = &spec.pagination {
            self.err(
                file,
                paging.items.pos,
                "an endpoint with `response_body: array` cannot page: the pager reads its \
                 records and total from an object",
                None,
            );
        }
    }

    /// The one field of an array body (`part`: `request` or `response`): a required `list<…>`
    /// of items that are not bare secrets.
    fn one_list_field(
        &mut self,
        file: &Path,
        at: super::super::span::Pos,
        fields: &[Field],
        part: &str,
    ) {
        let help = || {
            Some(format!(
                "declare one `{part}` field, e.g. `{{name: items, type: list<Item>, required: \
                 true}}`: its `name` is the Rust field's, the array is the whole {part}"
            ))
        };
        let Some(first) = fields.first() else {
            self.err(
                file,
                at,
                format!("`{part}_body: array` needs its one `{part}` field, the list"),
                help(),
            );
            return;
        };
        if let Some(second) = fields.get(1) {
            self.err(
                file,
                second.name.pos,
                format!(
                    "an endpoint with `{part}_body: array` has one `{part}` field, the array; \
                     `{}` is a second",
                    second.name.value
                ),
                help(),
            );
        }
        match parse_type(&first.ty.value) {
            Ok(TypeExpr::List(item)) if holds_bare_secrets(&item) => self.err(
                file,
                first.ty.pos,
                format!(
                    "the items of an array body cannot be `secret`: a bare array has no key \
                     to mask them by (`{}`)",
                    first.ty.value
                ),
                Some(
                    "wrap each value in an object (`list<Item>` with a `secret` field)".to_owned(),
                ),
            ),
            Ok(TypeExpr::List(_)) => {}
            // An unknown type was reported where it is written.
            Err(_) => {}
            Ok(_) => self.err(
                file,
                first.ty.pos,
                format!(
                    "the `{part}` field of an array body is a `list<…>`, not `{}`",
                    first.ty.value
                ),
                help(),
            ),
        }
        // A nullable request field is refused as such (`nullable` is for answers).
        if !is_required(first) {
            let what = if part == "request" {
                "`required: true`: the body is always the array"
            } else {
                "`required: true`: the result is the array (`nullable` if the vendor sends `null`)"
            };
            self.err(
                file,
                first.name.pos,
                format!("the `{part}` field of an array body must be {what}"),
                None,
            );
        }
    }
}
