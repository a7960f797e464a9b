//! Lowering of one endpoint file: its request and response types, paging, examples, and
//! the names and facts generated code and spec-diff use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::common::{docs, lower_rate_limit, source_label};
use super::types::{Scope, lower_fields, lower_type_def, type_table};
use crate::diagnostics::Diagnostic;
use crate::ir::constraints::Constraints;
use crate::ir::graph::{TypeKey, Types};
use crate::ir::types::{
    DocText, Endpoint, Envelope, ErrorCode, Example, Field, FieldPlace, HttpMethod, Kind, Paging,
    PagingCursor, RateLimit, Struct, Type, TypeDef,
};
use crate::naming;
use crate::spec::EndpointSpec;
use crate::spec::model::{self, EndpointKind};
use crate::visit::{self, Visitor};

/// What every endpoint of one provider is lowered with.
pub(super) struct ProviderCx<'a> {
    /// The provider's name.
    pub(super) provider: &'a str,
    /// The spec folder.
    pub(super) root: &'a Path,
    /// Shared type name → whether it is a struct.
    pub(super) shared: &'a BTreeMap<String, bool>,
    /// The lowered shared types.
    pub(super) shared_defs: &'a [TypeDef],
    /// Auth schemes by name.
    pub(super) schemes: &'a BTreeMap<&'a str, &'a model::AuthScheme>,
    /// The provider's rate limit, for endpoints without their own.
    pub(super) default_limit: Option<RateLimit>,
    /// The default response envelope.
    pub(super) envelope: &'a Envelope,
    /// The provider's base URLs.
    pub(super) base_urls: &'a [crate::ir::types::BaseUrl],
    /// The named envelopes.
    pub(super) envelopes: &'a [Envelope],
}

impl ProviderCx<'_> {
    /// The envelope an endpoint names, else the default (the loader refused unknown names).
    fn envelope_of(&self, e: &model::EndpointFile) -> &Envelope {
        e.envelope
            .as_ref()
            .and_then(|name| {
                self.envelopes
                    .iter()
                    .find(|env| env.name.as_deref() == Some(name.value.as_str()))
            })
            .unwrap_or(self.envelope)
    }
}

/// Lowers one endpoint file.
pub(super) fn lower_endpoint(
    cx: &ProviderCx<'_>,
    endpoint: &EndpointSpec,
    errors: &mut Vec<Diagnostic>,
) -> Endpoint {
    let e = &endpoint.spec;
    let scope = Scope {
        shared: cx.shared.clone(),
        local: type_table(&e.types),
        root: cx.root,
        file: &endpoint.file,
    };
    let stem = naming::module_name(&endpoint.stem);
    let pascal = naming::type_name(&endpoint.stem);
    let kind = match e.kind.as_ref().map(|k| k.value) {
        Some(EndpointKind::Redirect) => Kind::Redirect,
        _ => Kind::Call,
    };
    let http_method = match e.method.value {
        model::HttpMethod::Get => HttpMethod::Get,
        model::HttpMethod::Post => HttpMethod::Post,
    };
    let scheme = cx.schemes.get(e.auth.value.as_str());
    let auth_body_fields: Vec<String> = scheme
        .map(|s| s.body_fields.iter().map(|f| f.value.clone()).collect())
        .unwrap_or_default();
    let request_in = if kind == Kind::Redirect || http_method == HttpMethod::Get {
        FieldPlace::Query
    } else {
        FieldPlace::Body
    };
    let (request, query_fields) =
        request_struct(e, &format!("{pascal}Request"), request_in, &scope, errors);
    let has_body = e.response_shape() != model::ResponseBody::None;
    let response = (kind == Kind::Call && has_body)
        .then(|| response_struct(e, &format!("{pascal}Response"), cx, &scope, errors));
    let local_types: Vec<TypeDef> = e
        .types
        .iter()
        .map(|d| lower_type_def(d, &scope, errors))
        .collect();
    let types = Types {
        local: &local_types,
        shared: cx.shared_defs,
    };
    let method_name = naming::client_method(&stem, kind == Kind::Redirect);
    let pagination = e.pagination.as_ref().and_then(|p| {
        paging(
            p,
            &method_name,
            &request,
            response.as_ref()?,
            types,
            &scope,
            errors,
        )
    });
    let secret_fields = secret_fields(types, &request, response.as_ref());
    let requires = super::usepoint::requirements(&e.requires, &request, types, &scope, errors);
    Endpoint {
        requires,
        availability: e
            .availability
            .as_ref()
            .map(|a| super::usepoint::availability(a, cx.base_urls)),
        pagination,
        secret_fields,
        source: source_label(&endpoint.file),
        module: stem.clone(),
        feature: naming::group_feature(
            cx.provider,
            &endpoint
                .modules
                .first()
                .map_or_else(|| stem.clone(), |m| naming::module_name(m)),
        ),
        modules: endpoint
            .modules
            .iter()
            .map(|m| naming::module_name(m))
            .collect(),
        method_name,
        operation_const: naming::const_name(&stem),
        vendor_name: e.name.value.clone(),
        summary: docs::from_spec(&e.summary),
        description: docs::from_opt(e.description.as_ref()),
        deprecated: e.deprecated.as_ref().map(docs::from_spec),
        docs_url: e.docs_url.value.clone(),
        http_method,
        path: e.path.value.clone(),
        action: e.action.as_ref().map(|a| a.value.clone()),
        auth: scheme.map(|s| s.kind.value.def),
        idempotent: e.idempotent.value,
        envelope: cx.envelope_of(e).clone(),
        rate_limit: e
            .rate_limit
            .as_ref()
            .map(lower_rate_limit)
            .or(cx.default_limit),
        kind,
        request_in,
        request,
        query_fields,
        response,
        types: local_types,
        errors: e
            .errors
            .iter()
            .map(|c| ErrorCode {
                code: code_text(&c.code.value),
                docs: docs::from_spec(&c.docs),
            })
            .collect(),
        examples: examples(&e.examples, &auth_body_fields),
        auth_body_fields,
    }
}

/// The request type of an endpoint and the JSON names of its fields that travel in the URL.
///
/// A `POST`'s query parameters are fields of its request type that go in the URL; a `GET`
/// (or a redirect) sends every field there, so none is singled out.
fn request_struct(
    e: &model::EndpointFile,
    name: &str,
    request_in: FieldPlace,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> (Struct, Vec<String>) {
    let (post_query, input_fields) = match request_in {
        FieldPlace::Body => (lower_fields(name, &e.query, scope, errors), &e.request),
        FieldPlace::Query => (Vec::new(), &e.query),
    };
    let query_fields: Vec<String> = post_query.iter().map(|f| f.json_name.clone()).collect();
    let request = Struct {
        docs: DocText {
            en: Some(format!("Arguments of `{}`.", e.name.value)),
            zh: None,
        },
        fields: post_query
            .into_iter()
            .map(in_the_url)
            .chain(lower_fields(name, input_fields, scope, errors))
            .collect(),
        name: name.to_owned(),
        open: false,
        bare: e.request_shape() == model::RequestBody::Array,
    };
    (request, query_fields)
}

/// A `POST`'s query field, its docs saying where it goes.
fn in_the_url(mut field: Field) -> Field {
    let note = "Sent in the URL query, not the JSON body.";
    field.docs.en = Some(match field.docs.en.take() {
        Some(en) => format!("{en}\n\n{note}"),
        None => note.to_owned(),
    });
    field
}

/// The response type of a call, with the envelope's request id when it is not declared.
fn response_struct(
    e: &model::EndpointFile,
    name: &str,
    cx: &ProviderCx<'_>,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Struct {
    let bare = e.response_shape() == model::ResponseBody::Array;
    let mut fields = lower_fields(name, &e.response, scope, errors);
    // A bare array has no place for the request id beside it.
    if !bare {
        fields.extend(request_id_field(cx.envelope_of(e), &fields));
    }
    let open = e.response_open.as_ref().is_some_and(|o| o.value);
    let mut en = format!("Result of `{}`.", e.name.value);
    if open && e.response.is_empty() {
        en.push_str(
            "\n\nThe vendor's page documents no fields of this answer, so none are typed: \
             everything the vendor sends beside the request id is kept in `extra`.",
        );
    } else if open {
        en.push_str(
            "\n\nThe vendor's page documents this answer only in part: keys without a \
             field are kept in `extra`.",
        );
    }
    Struct {
        name: name.to_owned(),
        docs: DocText {
            en: Some(en),
            zh: None,
        },
        fields,
        open,
        bare,
    }
}

/// Paging of a pageable call; its `items` path must lead to a list of the response.
fn paging(
    p: &model::Pagination,
    method_name: &str,
    request: &Struct,
    response: &Struct,
    types: Types<'_>,
    scope: &Scope<'_>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Paging> {
    let item = match visit::field_at_path(&types, &response.fields, &p.items.value) {
        Ok(Field {
            ty: Type::List(item),
            ..
        }) => (**item).clone(),
        _ => {
            errors.push(scope.error(
                p.items.pos,
                format!(
                    "`items` path `{}` is not a list of the response",
                    p.items.value
                ),
            ));
            return None;
        }
    };
    let Some(default_limit) = page_size(p, request, types) else {
        errors.push(scope.error(
            p.limit.pos,
            format!(
                "the stream of `{method_name}` has no page size: neither `default_limit` nor a \
                 `default` of `{}`",
                p.limit.value
            ),
        ));
        return None;
    };
    Some(Paging {
        stream_method: naming::stream_method(method_name),
        offset: p.offset.value.clone(),
        limit: p.limit.value.clone(),
        default_limit,
        total: p.total.as_ref().map(|t| t.value.clone()),
        items: p.items.value.clone(),
        item,
        max_offset: p.max_offset.as_ref().map(|m| m.value),
        cursor: p.cursor.as_ref().map(|c| PagingCursor {
            key: c.key.value.clone(),
            filters: c.filters.value.clone(),
            filter: c.filter.value.to_string(),
            orders: c.orders.value.clone(),
            order: c.order.value.to_string(),
        }),
    })
}

/// The stream's page size: the spec's `default_limit`, else the vendor's (the limit field's
/// `default`), which the loader keeps within `u32` through the field's constraints.
fn page_size(p: &model::Pagination, request: &Struct, types: Types<'_>) -> Option<u32> {
    if let Some(size) = &p.default_limit {
        return Some(size.value);
    }
    let field = visit::field_at_path(&types, &request.fields, &p.limit.value).ok()?;
    field.default.and_then(|d| u32::try_from(d).ok())
}

/// Examples ready for tests: request examples lose the keys the auth scheme adds.
fn examples(examples: &[model::Example], auth_body_fields: &[String]) -> Vec<Example> {
    examples
        .iter()
        .map(|x| Example {
            name: naming::module_name(&x.name),
            request: x.request.as_ref().map(|r| {
                let mut value = r.value.clone();
                if let Some(map) = value.as_object_mut() {
                    for key in auth_body_fields {
                        map.remove(key);
                    }
                    // A `POST`'s query parameters are fields of the same request type.
                    if let Some(query) = x.query.as_ref().and_then(|q| q.value.as_object()) {
                        map.extend(query.clone());
                    }
                }
                value
            }),
            response: x.response.as_ref().map(|r| r.value.clone()),
            error_code: x.error_code.as_ref().map(|c| code_text(&c.value)),
        })
        .collect()
}

/// JSON names of the `secret`-typed fields reachable from the request and the response.
fn secret_fields(types: Types<'_>, request: &Struct, response: Option<&Struct>) -> Vec<String> {
    #[derive(Default)]
    struct Secrets(BTreeSet<String>);
    impl Visitor<Types<'_>> for Secrets {
        fn field(&mut self, _owner: Option<&TypeKey>, field: &Field) {
            if field.ty.holds_secret() {
                self.0.insert(field.json_name.clone());
            }
        }
    }
    // One walk per side, as each is its own root: a type both use is visited from each.
    let mut secrets = Secrets::default();
    for side in std::iter::once(request).chain(response) {
        visit::walk(&types, &side.fields, &mut secrets);
    }
    secrets.0.into_iter().collect()
}

/// The envelope's request id, when it sits inside the result object, becomes a response field
/// of every endpoint: callers need it for support tickets even when the call succeeded.
fn request_id_field(envelope: &Envelope, fields: &[Field]) -> Option<Field> {
    let path = envelope.request_id.as_deref()?;
    let key = match envelope.result.as_deref() {
        None => path,
        Some(result) => path.strip_prefix(result)?.strip_prefix('.')?,
    };
    if key.contains('.')
        || fields
            .iter()
            .any(|f| f.json_name == key || f.rust_name == "request_id")
    {
        return None;
    }
    Some(Field {
        json_name: key.to_owned(),
        rust_name: "request_id".to_owned(),
        ty: Type::String,
        from_envelope: true,
        required: false,
        nullable: false,
        constant: None,
        constant_marker: None,
        docs: DocText {
            en: Some(format!(
                "The vendor's id for this request (`{path}`); quote it when asking the vendor about a call."
            )),
            zh: None,
        },
        constraints: Constraints::default(),
        default: None,
    })
}

/// An error code as text: strings as they are, numbers in JSON.
fn code_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::types::{TypeHome, TypeRef};

    fn field(json: &str, ty: Type) -> Field {
        Field::plain(json, ty, false)
    }

    fn named(name: &str, home: TypeHome) -> Type {
        Type::Named(TypeRef {
            name: name.to_owned(),
            home,
            is_struct: true,
        })
    }

    #[test]
    fn secret_fields_are_found_at_any_depth_once() {
        // `Node` refers to itself and holds a secret; `Shared` is reached from both sides.
        let local = vec![TypeDef::Struct(Struct::plain(
            "Node",
            vec![
                field("token", Type::Secret),
                field(
                    "children",
                    Type::List(Box::new(named("Node", TypeHome::Local))),
                ),
                field("shared", named("Shared", TypeHome::Shared)),
            ],
        ))];
        let shared = vec![TypeDef::Struct(Struct::plain(
            "Shared",
            vec![field("keys", Type::Map(Box::new(Type::Secret)))],
        ))];
        let types = Types {
            local: &local,
            shared: &shared,
        };
        let request = Struct::plain(
            "R",
            vec![
                field("root", named("Node", TypeHome::Local)),
                field("name", Type::String),
            ],
        );
        let response = Struct::plain(
            "S",
            vec![field("shared", named("Shared", TypeHome::Shared))],
        );
        assert_eq!(
            secret_fields(types, &request, Some(&response)),
            ["keys", "token"]
        );
        assert!(secret_fields(types, &Struct::plain("E", Vec::new()), None).is_empty());
    }
}
