//! Token sources: how a client given app credentials fetches each scheme's token through
//! the spec's token endpoint.

use crate::ir::types::{ArgPass, Field, Module, TokenArg, TokenSource, Type};
use crate::naming;
use crate::protocols::{AppValue, ProtocolDef};
use crate::spec::model;

/// Every scheme of `p` that names a token endpoint, sorted by scheme name.
pub(super) fn token_sources(
    protocol: &ProtocolDef,
    p: &model::ProviderFile,
    root: &Module,
) -> Vec<TokenSource> {
    let values = protocol
        .app_credentials
        .as_ref()
        .map_or(&[][..], |a| a.values);
    let endpoints = root.all_endpoints();
    let mut out: Vec<(String, TokenSource)> = Vec::new();
    for scheme in &p.auth {
        let Some(token) = &scheme.token else { continue };
        let auth = scheme.kind.value.def;
        let Some(e) = endpoints.iter().find(|e| {
            let mut key = e.modules.clone();
            key.push(e.module.clone());
            key.join("/") == token.endpoint.value
        }) else {
            continue;
        };
        let Some(response) = &e.response else {
            continue;
        };
        let rust = |json: &str| {
            response
                .fields
                .iter()
                .find(|f| f.json_name == json)
                .map(|f| f.rust_name.clone())
                .unwrap_or_default()
        };
        let args = e
            .request
            .fields
            .iter()
            .filter(|f| f.is_constructor_arg())
            .map(|f| token_arg(f, values))
            .collect();
        out.push((
            scheme.name.value.clone(),
            TokenSource {
                auth,
                method: e.method_name.clone(),
                operation: e.vendor_name.clone(),
                deprecated: e.deprecated.is_some(),
                feature: e.feature.clone(),
                modules: e.modules.clone(),
                request: e.request.name.clone(),
                args,
                value: rust(&token.value),
                value_json: token.value.value.clone(),
                lifetime: rust(&token.lifetime),
                lifetime_json: token.lifetime.value.clone(),
                fields: token
                    .fields
                    .iter()
                    .map(|f| (f.value.clone(), rust(f)))
                    .collect(),
            },
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, source)| source).collect()
}

/// The app credential value filling a token request field, and how it is passed: from the
/// field's type and whether the value is a secret. The validator admits only fields the
/// protocol's app credentials have; any other takes the first value, as a name guess would.
fn token_arg(field: &Field, values: &[AppValue]) -> TokenArg {
    let value = values
        .iter()
        .find(|v| v.json == field.json_name)
        .or(values.first());
    let accessor = value.map_or_else(
        || naming::field_name(&field.json_name),
        |v| v.accessor.to_owned(),
    );
    let pass = if field.ty == Type::Secret {
        ArgPass::CloneSecret
    } else if value.is_some_and(|v| v.secret) {
        ArgPass::Expose
    } else {
        ArgPass::Borrow
    };
    TokenArg { accessor, pass }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(json: &str, ty: Type) -> Field {
        Field::plain(json, ty, true)
    }

    #[test]
    fn arguments_are_passed_by_the_types_of_value_and_field() {
        let values = crate::protocols::protocol("fxiaoke")
            .and_then(|p| p.app_credentials.as_ref())
            .map_or(&[][..], |a| a.values);
        let pass = |json: &str, ty: Type| {
            let arg = token_arg(&field(json, ty), values);
            (arg.accessor, arg.pass)
        };
        assert_eq!(
            pass("appId", Type::String),
            ("app_id".to_owned(), ArgPass::Borrow)
        );
        assert_eq!(
            pass("appSecret", Type::String),
            ("app_secret".to_owned(), ArgPass::Expose)
        );
        assert_eq!(
            pass("permanentCode", Type::Secret),
            ("permanent_code".to_owned(), ArgPass::CloneSecret)
        );
    }
}
