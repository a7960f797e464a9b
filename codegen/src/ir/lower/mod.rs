//! The lowering pass: the checked spec model in, the IR out. The only part of the IR that
//! reads the spec model; every decision generated code depends on is made here, once.

mod common;
mod endpoint;
mod token;
mod types;
mod usepoint;

use std::collections::BTreeMap;
use std::path::Path;

use self::common::{docs, lower_rate_limit, source_label};
use self::endpoint::{ProviderCx, lower_endpoint};
use self::types::{Scope, lower_type_def, type_table};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::types::{BaseUrl, Crate, Envelope, Group, Module, Provider};
use crate::protocols::{Construct, ProtocolDef};
use crate::spec::model;
use crate::spec::{ProviderSpec, SpecSet};
use crate::{naming, spec};

/// Lowers a checked spec. The loader has validated it; anything that still cannot be lowered
/// is reported rather than assumed away.
pub fn lower(set: &SpecSet) -> Result<Crate, Diagnostics> {
    let mut errors = Vec::new();
    let mut providers = Vec::new();
    for provider in &set.providers {
        if let Some(p) = lower_provider(&set.root, provider, &mut errors) {
            providers.push(p);
        }
    }
    if errors.is_empty() {
        providers.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Crate {
            version: set.version.clone(),
            providers,
        })
    } else {
        Err(Diagnostics(errors))
    }
}

fn lower_provider(
    root: &Path,
    spec: &ProviderSpec,
    errors: &mut Vec<Diagnostic>,
) -> Option<Provider> {
    let p = &spec.provider;
    let protocol = p.protocol.value.0;
    let shared_defs: &[model::TypeDef] = spec
        .types
        .as_ref()
        .map_or(&[], |t| t.types.types.as_slice());
    let shared = type_table(shared_defs);
    let types = spec.types.as_ref().map(|t| {
        let scope = Scope {
            shared: shared.clone(),
            local: BTreeMap::new(),
            root,
            file: &t.file,
        };
        (
            source_label(&t.file),
            t.types
                .types
                .iter()
                .map(|d| lower_type_def(d, &scope, errors))
                .collect::<Vec<_>>(),
        )
    });
    let schemes: BTreeMap<&str, &model::AuthScheme> =
        p.auth.iter().map(|a| (a.name.value.as_str(), a)).collect();
    let envelope = lower_envelope(&p.envelope);
    let envelopes: Vec<Envelope> = p.envelopes.iter().map(lower_envelope).collect();
    let folder = source_label(spec.file.parent().unwrap_or(Path::new("")));
    let base_urls: Vec<BaseUrl> = p.base_urls.iter().map(lower_base_url).collect();
    let cx = ProviderCx {
        provider: &p.name.value,
        base_urls: &base_urls,
        root,
        shared: &shared,
        shared_defs: types.as_ref().map_or(&[], |(_, defs)| defs.as_slice()),
        schemes: &schemes,
        default_limit: p.rate_limit.as_ref().map(lower_rate_limit),
        envelope: &envelope,
        envelopes: &envelopes,
    };
    let root_module = module_tree(&cx, &folder, &spec.endpoints, errors);
    Some(Provider {
        client_feature: naming::client_feature(&p.name.value),
        groups: groups(&root_module),
        token_sources: token::token_sources(protocol, p, &root_module),
        name: p.name.value.clone(),
        title: p.title.value.clone(),
        docs: docs::from_spec(&p.docs),
        docs_url: p.docs_url.as_ref().map(|u| u.value.clone()),
        source: source_label(&spec.file),
        protocol_args: protocol_args(protocol, p),
        protocol,
        default_base_url: base_urls
            .iter()
            .find(|b| !b.templated)
            .map(|b| b.item.clone()),
        base_urls,
        envelope,
        envelopes,
        types,
        endpoint_count: spec.endpoints.len(),
        root: root_module,
        folder,
    })
}

/// The provider's endpoint groups: each top-level folder, and each endpoint file directly in
/// the provider folder, sorted by feature.
fn groups(root: &Module) -> Vec<Group> {
    let mut groups: Vec<Group> = root
        .endpoints
        .iter()
        .map(|e| Group {
            feature: e.feature.clone(),
            module: e.module.clone(),
            source: e.source.clone(),
            endpoints: 1,
        })
        .collect();
    for child in &root.children {
        let endpoints = child.all_endpoints();
        if let Some(first) = endpoints.first() {
            groups.push(Group {
                feature: first.feature.clone(),
                module: child.name.clone(),
                source: child.source.clone(),
                endpoints: endpoints.len(),
            });
        }
    }
    groups.sort_by(|a, b| a.feature.cmp(&b.feature));
    groups
}

/// The protocol constructor's arguments, from the provider section the protocol requires.
fn protocol_args(protocol: &ProtocolDef, p: &model::ProviderFile) -> Vec<String> {
    match protocol.construct {
        Construct::Unit => Vec::new(),
        Construct::ServiceVersion => p
            .tencent_cloud
            .as_ref()
            .map(|t| vec![t.service.value.clone(), t.version.value.clone()])
            .unwrap_or_else(|| vec![String::new(), String::new()]),
    }
}

fn lower_envelope(e: &model::Envelope) -> Envelope {
    let name = e.name.as_ref().map(|n| n.value.clone());
    Envelope {
        item: naming::envelope_static(name.as_deref()),
        name,
        flag: e
            .flag
            .as_ref()
            .map(|f| (f.path.value.clone(), f.success.value)),
        code: e.code.value.clone(),
        success: e.success.as_ref().map(|s| s.value),
        message: e.message.value.clone(),
        request_id: e.request_id.as_ref().map(|s| s.value.clone()),
        result: e
            .result
            .as_ref()
            .map(|s| s.value.clone())
            .filter(|s| !s.is_empty()),
    }
}

fn lower_base_url(b: &model::BaseUrl) -> BaseUrl {
    let templated = b.url.value.contains("{host}");
    BaseUrl {
        item: if templated {
            naming::base_url_fn(&b.name.value)
        } else {
            naming::base_url_const(&b.name.value)
        },
        name: b.name.value.clone(),
        url: b.url.value.clone(),
        templated,
        docs: docs::from_spec(&b.docs),
    }
}

/// The endpoints grouped into modules by folder, every level sorted.
fn module_tree(
    cx: &ProviderCx<'_>,
    folder: &str,
    endpoints: &[spec::EndpointSpec],
    errors: &mut Vec<Diagnostic>,
) -> Module {
    let mut root_module = Module {
        source: format!("{folder}/"),
        ..Module::default()
    };
    for endpoint in endpoints {
        let lowered = lower_endpoint(cx, endpoint, errors);
        let mut module = &mut root_module;
        for (depth, name) in endpoint.modules.iter().enumerate() {
            let module_name = naming::module_name(name);
            let idx = match module.children.iter().position(|m| m.name == module_name) {
                Some(idx) => idx,
                None => {
                    let path: Vec<String> = endpoint.modules[..=depth]
                        .iter()
                        .map(|m| naming::module_name(m))
                        .collect();
                    module.children.push(Module {
                        name: module_name.clone(),
                        // Headers name the folder by its module path, as they always have.
                        source: format!("{folder}/{}/", path.join("/")),
                        path,
                        ..Module::default()
                    });
                    module.children.len() - 1
                }
            };
            module = &mut module.children[idx];
        }
        module.endpoints.push(lowered);
    }
    sort_module(&mut root_module);
    root_module
}

fn sort_module(module: &mut Module) {
    module.endpoints.sort_by(|a, b| a.module.cmp(&b.module));
    module.children.sort_by(|a, b| a.name.cmp(&b.name));
    for child in &mut module.children {
        sort_module(child);
    }
}
