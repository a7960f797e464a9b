//! Token endpoints: a scheme that names one gets its token from an endpoint of the same
//! provider, which must need no auth, take only app credentials and answer the token.

use std::path::Path;

use super::super::model::{Field, ProviderFile};
use super::super::span::Spanned;
use super::super::tree::EndpointSpec;
use super::super::type_expr::TypeExpr;
use super::fields::is_required;
use super::nullable::is_nullable;
use super::provider::and_list;
use super::util::parse_type;
use super::{Cx, ProviderInput};
use crate::diagnostics::{backticked, did_you_mean};
use crate::protocols;

impl Cx<'_> {
    /// A scheme's `token` names an endpoint of the same provider that needs no auth, takes
    /// only app credentials, and answers the token, its lifetime and the named fields.
    pub(super) fn token_endpoints(&mut self, input: &ProviderInput<'_>, p: &ProviderFile) {
        let file = input.file.as_path();
        let key = |ep: &EndpointSpec| {
            let mut parts = ep.modules.clone();
            parts.push(ep.stem.clone());
            parts.join("/")
        };
        for scheme in &p.auth {
            let Some(token) = &scheme.token else { continue };
            let wanted = &token.endpoint;
            if !scheme.kind.value.token_endpoint {
                let fetching = protocols::PROTOCOLS
                    .iter()
                    .flat_map(|p| p.auth.iter())
                    .filter(|a| a.token_endpoint)
                    .map(|a| a.name);
                self.err(
                    file,
                    wanted.pos,
                    format!(
                        "auth kind `{}` gets no tokens from an endpoint; `token` is for {}",
                        scheme.kind.value.name(),
                        and_list(fetching)
                    ),
                    Some("remove `token`".to_owned()),
                );
                continue;
            }
            let Some(ep) = input.endpoints.iter().find(|ep| key(ep) == wanted.value) else {
                let known: Vec<String> = input.endpoints.iter().map(|ep| key(ep)).collect();
                let help = did_you_mean(&wanted.value, known.iter().map(String::as_str))
                    .map(|m| format!("did you mean `{m}`?"));
                self.err(
                    file,
                    wanted.pos,
                    format!(
                        "token endpoint `{}` is not an endpoint of this provider",
                        wanted.value
                    ),
                    help,
                );
                continue;
            };
            // What a client fills token requests from: the protocol table's app credentials,
            // the same values lowering passes to the request.
            let app_values = scheme
                .kind
                .value
                .protocol
                .app_credentials
                .as_ref()
                .map_or(&[][..], |a| a.values);
            let spec = &ep.spec;
            if spec.auth.value != "none" {
                self.err(
                    file,
                    wanted.pos,
                    format!(
                        "token endpoint `{}` uses auth `{}`; a token endpoint must use `auth: none`",
                        wanted.value, spec.auth.value
                    ),
                    None,
                );
            }
            for f in spec
                .request
                .iter()
                .filter(|f| is_required(f) && f.constant.is_none())
            {
                if !app_values.iter().any(|v| v.json == f.name.value) {
                    self.err(
                        &ep.file,
                        f.name.pos,
                        format!(
                            "required field `{}` of token endpoint `{}` is not an app credential",
                            f.name.value, wanted.value
                        ),
                        Some(format!(
                            "a client fills token requests from {}",
                            backticked(app_values.iter().map(|v| v.json))
                        )),
                    );
                }
            }
            let check = TokenCheck {
                file,
                endpoint: &wanted.value,
                response: &spec.response,
            };
            self.token_field(&check, &token.value, "value", TypeExpr::is_string);
            self.token_field(&check, &token.lifetime, "lifetime", TypeExpr::fits_i64);
            for f in &token.fields {
                self.token_field(&check, f, "field", |t| matches!(t, TypeExpr::String));
            }
        }
    }

    /// A field a token scheme reads is a required response field of the token endpoint, of
    /// the kind `ok` accepts.
    fn token_field(
        &mut self,
        check: &TokenCheck<'_>,
        field: &Spanned<String>,
        what: &str,
        ok: fn(&TypeExpr) -> bool,
    ) {
        let file = check.file;
        let endpoint = check.endpoint;
        let found = check
            .response
            .iter()
            .find(|f| f.name.value == field.value)
            .map(|f| (parse_type(&f.ty.value).ok(), is_required(f), is_nullable(f)));
        // A nullable field is an `Option` even when required: the token could be missing.
        if let Some((_, true, true)) = found {
            self.err(
                file,
                field.pos,
                format!(
                    "token {what} `{}` is `nullable`; the token endpoint must always send it",
                    field.value
                ),
                Some("remove `nullable` from the response field".to_owned()),
            );
            return;
        }
        let found = found.map(|(ty, required, _)| (ty, required));
        match found {
            Some((Some(ty), true)) if ok(&ty) => {}
            Some((Some(ty), true)) => self.err(
                file,
                field.pos,
                format!(
                    "token {what} `{}` is `{ty}`; expected {}",
                    field.value,
                    if what == "lifetime" {
                        "an `i32`, `i64` or timestamp integer"
                    } else {
                        "`string` or `secret`"
                    }
                ),
                None,
            ),
            Some(_) => self.err(
                file,
                field.pos,
                format!(
                    "token {what} `{}` must be a required response field of `{endpoint}`",
                    field.value
                ),
                None,
            ),
            None => {
                let names = check.response.iter().map(|f| f.name.value.as_str());
                let help = match did_you_mean(&field.value, names) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "its response fields are {}",
                        backticked(check.response.iter().map(|f| f.name.value.as_str()))
                    ),
                };
                self.err(
                    file,
                    field.pos,
                    format!(
                        "token {what} `{}` is not a response field of `{endpoint}`",
                        field.value
                    ),
                    Some(help),
                );
            }
        }
    }
}

/// Where a token scheme's fields are looked up: the provider file that names them and the
/// token endpoint's response.
struct TokenCheck<'a> {
    file: &'a Path,
    endpoint: &'a str,
    response: &'a [Field],
}
