//! Envelopes: the provider's default `envelope` and its named `envelopes` (paths, names,
//! the success flag), an endpoint's choice among them, and the response fields an envelope
//! part may not be.

use std::path::Path;

use super::super::model::{EndpointFile, EndpointKind, Envelope, ProviderFile};
use super::Cx;
use super::names::snake_problem;
use super::util::{FirstSeen, valid_path};
use crate::diagnostics::{backticked, did_you_mean};

/// The envelope an endpoint answers in: the named one it gives, else the provider's default
/// (also when the name is unknown, which [`Cx::endpoint_envelope`] reports).
pub(super) fn envelope_of<'p>(p: &'p ProviderFile, spec: &EndpointFile) -> &'p Envelope {
    spec.envelope
        .as_ref()
        .and_then(|name| {
            p.envelopes
                .iter()
                .find(|e| e.name.as_ref().is_some_and(|n| n.value == name.value))
        })
        .unwrap_or(&p.envelope)
}

/// The JSON key of the result object an envelope part's path names, when the part sits
/// directly in the result (`success` for a whole-body result, `x` for `data.x` under `data`).
fn key_in_result<'a>(part: &'a str, result: &str) -> Option<&'a str> {
    let rest = if result.is_empty() {
        part
    } else {
        part.strip_prefix(result)?.strip_prefix('.')?
    };
    (!rest.is_empty() && !rest.contains('.')).then_some(rest)
}

impl Cx<'_> {
    /// The default envelope and the named ones.
    pub(super) fn envelopes(&mut self, file: &Path, p: &ProviderFile) {
        if let Some(name) = &p.envelope.name {
            self.err(
                file,
                name.pos,
                format!(
                    "the default `envelope` has no `name` (found `{}`)",
                    name.value
                ),
                Some(
                    "remove `name`: endpoints that give no `envelope` use this one; declare \
                     other envelopes under `envelopes`"
                        .to_owned(),
                ),
            );
        }
        self.envelope(file, &p.envelope);
        let mut names = FirstSeen::new();
        for env in &p.envelopes {
            match &env.name {
                None => self.err(
                    file,
                    env.code.pos,
                    "an envelope in `envelopes` has no `name`",
                    Some("give it a `snake_case` `name` that endpoint files can name".to_owned()),
                ),
                Some(name) => {
                    if let Some(line) = names.repeated(name.value.as_str(), name.pos.line) {
                        self.err(
                            file,
                            name.pos,
                            format!("duplicate envelope `{}` (first at line {line})", name.value),
                            None,
                        );
                    }
                    if let Some((msg, help)) = snake_problem("envelope name", &name.value) {
                        self.err(file, name.pos, msg, help);
                    }
                }
            }
            self.envelope(file, env);
        }
    }

    /// One envelope's paths and flag.
    fn envelope(&mut self, file: &Path, env: &Envelope) {
        let paths = [
            ("code", Some(&env.code)),
            ("message", Some(&env.message)),
            ("request_id", env.request_id.as_ref()),
            ("result", env.result.as_ref()),
            ("flag.path", env.flag.as_ref().map(|f| &f.path)),
        ];
        for (key, path) in paths {
            let Some(path) = path else { continue };
            if path.value.is_empty() {
                if key == "flag.path" {
                    self.err(
                        file,
                        path.pos,
                        "envelope `flag.path` is empty; the flag is a key of the body, not the whole body",
                        Some("write the flag's path, like `success`".to_owned()),
                    );
                }
                continue;
            }
            if !valid_path(&path.value) {
                self.err(
                    file,
                    path.pos,
                    format!(
                        "envelope `{key}` path `{}` is not a dot-separated list of JSON keys",
                        path.value
                    ),
                    Some("write it like `Response.Error.Code`".to_owned()),
                );
            }
        }
        if let Some(flag) = &env.flag {
            let others = [
                ("code", Some(&env.code.value)),
                ("message", Some(&env.message.value)),
                ("request_id", env.request_id.as_ref().map(|r| &r.value)),
                ("result", env.result.as_ref().map(|r| &r.value)),
            ];
            for (key, other) in others {
                if other == Some(&flag.path.value) {
                    self.err(
                        file,
                        flag.path.pos,
                        format!(
                            "envelope `flag.path` `{}` is also the envelope's `{key}`",
                            flag.path.value
                        ),
                        Some("the flag is a boolean of its own, beside the code".to_owned()),
                    );
                }
            }
        }
    }

    /// The endpoint's `envelope` names one of the provider's `envelopes`; and no response
    /// field of a whole-body (or enclosing) result is one of the envelope's status parts.
    pub(super) fn endpoint_envelope(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        kind: EndpointKind,
        p: &ProviderFile,
    ) {
        if let Some(name) = &spec.envelope {
            let names: Vec<&str> = p
                .envelopes
                .iter()
                .filter_map(|e| e.name.as_ref().map(|n| n.value.as_str()))
                .collect();
            if kind != EndpointKind::Call {
                self.err(
                    file,
                    name.pos,
                    "a `redirect` endpoint has no answer, so no `envelope`",
                    Some("remove `envelope`".to_owned()),
                );
            } else if !names.contains(&name.value.as_str()) {
                let help = if names.is_empty() {
                    "the provider declares no `envelopes`; declare it in `provider.yaml` or \
                     remove `envelope` to use the provider's `envelope`"
                        .to_owned()
                } else {
                    did_you_mean(&name.value, names.iter().copied())
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| format!("expected one of {}", backticked(names.iter())))
                };
                self.err(
                    file,
                    name.pos,
                    format!("unknown envelope `{}`", name.value),
                    Some(help),
                );
                return;
            }
        }
        let env = envelope_of(p, spec);
        let result = env.result.as_ref().map_or("", |r| r.value.as_str());
        let parts = [
            ("code", Some(&env.code.value)),
            ("message", Some(&env.message.value)),
            ("flag", env.flag.as_ref().map(|f| &f.path.value)),
        ];
        for (part, path) in parts {
            let Some(key) = path.and_then(|path| key_in_result(path, result)) else {
                continue;
            };
            for field in spec.response.iter().filter(|f| f.name.value == key) {
                let which = spec
                    .envelope
                    .as_ref()
                    .map_or("the provider's `envelope`".to_owned(), |n| {
                        format!("envelope `{}`", n.value)
                    });
                self.err(
                    file,
                    field.name.pos,
                    format!(
                        "response field `{key}` is the {part} of {which}, which the client reads itself"
                    ),
                    Some(format!(
                        "remove the field: the {part} is never a response field (examples keep it)"
                    )),
                );
            }
        }
    }
}
