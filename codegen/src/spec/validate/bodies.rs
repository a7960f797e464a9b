//! Where a request's fields travel: on a `POST`, `query` fields are parameters of the URL
//! beside the JSON body, fields of the same request type.

use std::collections::BTreeMap;
use std::path::Path;

use super::super::model::{EndpointFile, EndpointKind, ResponseBody};
use super::Cx;
use super::names::rust_field_name;

impl Cx<'_> {
    /// A `POST`'s `query` and `request` fields become one request type: no name may be in
    /// both, as a JSON key or as a Rust field.
    pub(super) fn post_query(&mut self, file: &Path, spec: &EndpointFile) {
        let body: BTreeMap<&str, u64> = spec
            .request
            .iter()
            .map(|f| (f.name.value.as_str(), f.name.pos.line))
            .collect();
        let body_rust: BTreeMap<String, (&str, u64)> = spec
            .request
            .iter()
            .map(|f| (rust_field_name(f), (f.name.value.as_str(), f.name.pos.line)))
            .collect();
        for f in &spec.query {
            let name = f.name.value.as_str();
            if let Some(line) = body.get(name) {
                self.err(
                    file,
                    f.name.pos,
                    format!(
                        "`{name}` is both a `query` parameter and a `request` field (line {line})"
                    ),
                    Some(
                        "a `POST` sends each field once: keep it where the vendor reads it"
                            .to_owned(),
                    ),
                );
            } else if let Some((other, line)) = body_rust.get(&rust_field_name(f)) {
                self.err(
                    file,
                    f.name.pos,
                    format!(
                        "`query` parameter `{name}` and `request` field `{other}` (line {line}) \
                         are one Rust field `{}` of the request type",
                        rust_field_name(f)
                    ),
                    Some("set `rust_name` on one of them".to_owned()),
                );
            }
        }
    }
}

impl Cx<'_> {
    /// `response_body: none`: a call without response fields, open keys or paging.
    pub(super) fn response_body(&mut self, file: &Path, spec: &EndpointFile, kind: EndpointKind) {
        let Some(body) = &spec.response_body else {
            return;
        };
        if kind != EndpointKind::Call {
            self.err(
                file,
                body.pos,
                "a `redirect` endpoint has no answer, so no `response_body`",
                Some("remove `response_body`".to_owned()),
            );
            return;
        }
        if body.value != ResponseBody::None {
            return;
        }
        let help =
            || Some("the vendor answers with no body: remove this, or `response_body`".to_owned());
        if let Some(f) = spec.response.first() {
            self.err(
                file,
                f.name.pos,
                "an endpoint with `response_body: none` has no `response` fields",
                help(),
            );
        }
        if let Some(open) = &spec.response_open {
            self.err(
                file,
                open.pos,
                "an endpoint with `response_body: none` has no response to keep keys of",
                help(),
            );
        }
        if let Some(paging) = &spec.pagination {
            self.err(
                file,
                paging.items.pos,
                "an endpoint with `response_body: none` cannot page: its answer holds no records",
                help(),
            );
        }
    }
}
