//! The walk over two IRs that finds and judges every change (the rules are in the parent
//! module's docs).

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, ChangeKind, Impact, Scope};
use crate::ir::AuthKind;
use crate::ir::{
    BaseUrl, Constraints, Crate, DocText, Endpoint, Enum, Envelope, Field, Kind, Paging, Provider,
    RateLimit, Struct, TokenSource, Type, TypeDef, TypeHome,
};
use crate::spec::model::RateLimitScope;

/// Collects the changes of one provider and one scope.
struct Sink<'a> {
    provider: &'a str,
    scope: Scope,
    out: &'a mut Vec<Change>,
    /// What documentation changed in this scope, reported as one change at the end.
    docs: Vec<String>,
}

impl Sink<'_> {
    fn push(
        &mut self,
        kind: ChangeKind,
        subject: impl Into<String>,
        impact: Impact,
        reason: impl Into<String>,
        wire: Option<String>,
    ) {
        self.out.push(Change {
            provider: self.provider.to_owned(),
            scope: self.scope.clone(),
            kind,
            subject: subject.into(),
            impact,
            reason: reason.into(),
            wire,
        });
    }

    fn docs(&mut self, what: impl Into<String>) {
        self.docs.push(what.into());
    }

    fn docs_text(&mut self, what: &str, old: &DocText, new: &DocText) {
        if old != new {
            self.docs(what);
        }
    }

    fn finish(mut self) {
        if !self.docs.is_empty() {
            let what = std::mem::take(&mut self.docs);
            let subject = what.join(", ");
            self.push(
                ChangeKind::DocsChanged,
                subject,
                Impact::Docs,
                "only rustdoc and generated example tests change",
                None,
            );
        }
    }
}

fn sink<'a>(provider: &'a str, scope: Scope, out: &'a mut Vec<Change>) -> Sink<'a> {
    Sink {
        provider,
        scope,
        out,
        docs: Vec::new(),
    }
}

fn endpoint_scope(e: &Endpoint) -> Scope {
    Scope::Endpoint {
        spec: e.source.clone(),
        operation: e.vendor_name.clone(),
        method: e.method_name.clone(),
    }
}

pub(super) fn crates(base: &Crate, head: &Crate) -> Vec<Change> {
    let mut out = Vec::new();
    let old: BTreeMap<&str, &Provider> = base
        .providers
        .iter()
        .map(|p| (p.name.as_str(), p))
        .collect();
    let new: BTreeMap<&str, &Provider> = head
        .providers
        .iter()
        .map(|p| (p.name.as_str(), p))
        .collect();
    let names: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    for name in names {
        match (old.get(name), new.get(name)) {
            (Some(o), Some(n)) => provider(o, n, &mut out),
            (None, Some(_)) => sink(name, Scope::Provider, &mut out).push(
                ChangeKind::ProviderAdded,
                format!("provider `{name}`"),
                Impact::Addition,
                format!("new module `bindery::{name}` and cargo feature `{name}` (on by default)"),
                None,
            ),
            (Some(_), None) => sink(name, Scope::Provider, &mut out).push(
                ChangeKind::ProviderRemoved,
                format!("provider `{name}`"),
                Impact::Breaking,
                format!("module `bindery::{name}` and cargo feature `{name}` are gone"),
                None,
            ),
            (None, None) => {}
        }
    }
    out
}

fn provider(old: &Provider, new: &Provider, out: &mut Vec<Change>) {
    let name = new.name.as_str();
    let mut s = sink(name, Scope::Provider, out);
    if old.protocol != new.protocol {
        s.push(
            ChangeKind::ProtocolChanged,
            "protocol",
            Impact::Breaking,
            format!(
                "`{name}::Credentials` and request signing follow `{:?}` instead of `{:?}`",
                new.protocol, old.protocol
            ),
            None,
        );
    }
    base_urls(&old.base_urls, &new.base_urls, &mut s);
    envelope(&old.envelope, &new.envelope, &mut s);
    if old.tencent_cloud != new.tencent_cloud {
        let show = |tc: &Option<(String, String)>| match tc {
            Some((service, version)) => format!("service `{service}`, version `{version}`"),
            None => "none".to_owned(),
        };
        s.push(
            ChangeKind::ApiVersionChanged,
            "Tencent Cloud service and version",
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "requests are signed and sent for {} instead of {}",
                show(&new.tencent_cloud),
                show(&old.tencent_cloud)
            )),
        );
    }
    token_sources(&old.token_sources, &new.token_sources, &mut s);
    if old.title != new.title {
        s.docs("title");
    }
    s.docs_text("module docs", &old.docs, &new.docs);
    if old.docs_url != new.docs_url {
        s.docs("documentation link");
    }
    s.finish();

    let usage_old = Usage::of(old);
    let usage_new = Usage::of(new);
    let usage = usage_old.union(&usage_new);

    let shared = |p: &Provider| p.types.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
    let mut s = sink(name, Scope::Types, out);
    type_defs(&shared(old), &shared(new), &usage.shared, &mut s);
    s.finish();

    endpoints(name, old, new, &usage, out);
}

fn base_url_item(b: &BaseUrl) -> String {
    if b.templated {
        format!(
            "function `{}_base_url(host)`",
            crate::naming::module_name(&b.name)
        )
    } else {
        format!("constant `{}_BASE_URL`", crate::naming::const_name(&b.name))
    }
}

fn default_url(urls: &[BaseUrl]) -> Option<&BaseUrl> {
    urls.iter().find(|b| !b.templated)
}

fn base_urls(old: &[BaseUrl], new: &[BaseUrl], s: &mut Sink<'_>) {
    for o in old {
        match new.iter().find(|n| n.name == o.name) {
            None => s.push(
                ChangeKind::BaseUrlRemoved,
                format!("base URL `{}`", o.name),
                Impact::Breaking,
                format!("{} is gone", base_url_item(o)),
                None,
            ),
            Some(n) if n.templated != o.templated => s.push(
                ChangeKind::BaseUrlFormChanged,
                format!("base URL `{}`", o.name),
                Impact::Breaking,
                format!("{} is now {}", base_url_item(o), base_url_item(n)),
                None,
            ),
            Some(n) => {
                if n.url != o.url {
                    s.push(
                        ChangeKind::BaseUrlChanged,
                        format!("base URL `{}`", o.name),
                        Impact::Compatible,
                        format!("{} keeps its name", base_url_item(n)),
                        Some(format!("`{}` instead of `{}`", n.url, o.url)),
                    );
                }
                s.docs_text(&format!("docs of base URL `{}`", o.name), &o.docs, &n.docs);
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.name == n.name)) {
        s.push(
            ChangeKind::BaseUrlAdded,
            format!("base URL `{}`", n.name),
            Impact::Addition,
            format!("new {}", base_url_item(n)),
            None,
        );
    }
    let show = |b: Option<&BaseUrl>| {
        b.map_or(
            "no default (every client sets `base_url`)".to_owned(),
            |b| format!("`{}` ({})", b.url, b.name),
        )
    };
    let (old_default, new_default) = (default_url(old), default_url(new));
    if old_default.map(|b| &b.name) != new_default.map(|b| &b.name) {
        s.push(
            ChangeKind::DefaultBaseUrlChanged,
            "default base URL",
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "clients built without `base_url` talk to {} instead of {}",
                show(new_default),
                show(old_default)
            )),
        );
    }
}

fn envelope(old: &Envelope, new: &Envelope, s: &mut Sink<'_>) {
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map_or("(none)".to_owned(), |p| format!("`{p}`"))
    };
    let parts = [
        (
            "code path",
            format!("`{}`", old.code),
            format!("`{}`", new.code),
        ),
        (
            "success code",
            old.success
                .map_or("(code absent)".to_owned(), |c| c.to_string()),
            new.success
                .map_or("(code absent)".to_owned(), |c| c.to_string()),
        ),
        (
            "message path",
            format!("`{}`", old.message),
            format!("`{}`", new.message),
        ),
        (
            "request id path",
            opt(&old.request_id),
            opt(&new.request_id),
        ),
        ("result path", opt(&old.result), opt(&new.result)),
    ];
    for (what, o, n) in parts {
        if o != n {
            s.push(
                ChangeKind::EnvelopeChanged,
                format!("envelope {what}"),
                Impact::Compatible,
                "the Rust API is unchanged",
                Some(format!(
                    "every response is read with {what} {n} instead of {o}"
                )),
            );
        }
    }
}

fn auth_name(kind: Option<AuthKind>) -> &'static str {
    match kind {
        None => "none",
        Some(AuthKind::FxiaokeHeader) => "fxiaoke_header",
        Some(AuthKind::FxiaokeBody) => "fxiaoke_body",
        Some(AuthKind::MingdaoSign) => "mingdao_sign",
        Some(AuthKind::Tc3HmacSha256) => "tc3_hmac_sha256",
    }
}

fn token_sources(old: &[TokenSource], new: &[TokenSource], s: &mut Sink<'_>) {
    for o in old {
        let scheme = auth_name(Some(o.auth));
        match new.iter().find(|n| n.auth == o.auth) {
            None => s.push(
                ChangeKind::TokenSourceRemoved,
                format!("token source of `{scheme}`"),
                Impact::Breaking,
                if new.is_empty() {
                    format!(
                        "clients given app credentials no longer fetch `{scheme}` tokens, and `ClientBuilder::app_credentials` is gone"
                    )
                } else {
                    format!(
                        "clients given app credentials no longer fetch `{scheme}` tokens; calls need a token set directly"
                    )
                },
                None,
            ),
            Some(n) => {
                let same = n.method == o.method
                    && n.request == o.request
                    && n.modules == o.modules
                    && n.value == o.value
                    && n.lifetime == o.lifetime
                    && n.fields == o.fields
                    && n.args == o.args;
                if !same {
                    s.push(
                        ChangeKind::TokenSourceChanged,
                        format!("token source of `{scheme}`"),
                        Impact::Compatible,
                        "the Rust API is unchanged",
                        Some(format!(
                            "`{scheme}` tokens are fetched through `Client::{}` (token `{}`, lifetime `{}`)",
                            n.method, n.value, n.lifetime
                        )),
                    );
                }
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.auth == n.auth)) {
        let scheme = auth_name(Some(n.auth));
        s.push(
            ChangeKind::TokenSourceAdded,
            format!("token source of `{scheme}`"),
            Impact::Addition,
            format!(
                "clients given app credentials fetch `{scheme}` tokens themselves through `Client::{}`",
                n.method
            ),
            None,
        );
    }
}

// ---------------------------------------------------------------------------------------
// Which types requests use

/// Named types reachable from request types (which are validated and built by users) and
/// from response types.
#[derive(Clone, Debug, Default)]
struct Usage {
    /// Shared type name → (used by a request, used by a response).
    shared: BTreeMap<String, (bool, bool)>,
    /// Folder module (`orders`) → local type name → (request, response). Local types are
    /// unique per folder and re-exported from it, so the folder, not the file, is their home.
    local: BTreeMap<String, BTreeMap<String, (bool, bool)>>,
}

impl Usage {
    fn of(p: &Provider) -> Self {
        let shared_defs: BTreeMap<&str, &TypeDef> = p
            .types
            .iter()
            .flat_map(|(_, t)| t.iter())
            .map(|t| (type_def_name(t), t))
            .collect();
        let mut usage = Usage::default();
        for e in p.root.all_endpoints() {
            let local_defs: BTreeMap<&str, &TypeDef> =
                e.types.iter().map(|t| (type_def_name(t), t)).collect();
            let mut local = BTreeMap::new();
            let sides = [(Some(&e.request), true), (e.response.as_ref(), false)];
            for (root, is_request) in sides {
                let Some(root) = root else { continue };
                let mut stack: Vec<&Type> = root.fields.iter().map(|f| &f.ty).collect();
                let mut seen = BTreeSet::new();
                while let Some(ty) = stack.pop() {
                    let r = match ty {
                        Type::List(inner) | Type::Map(inner) => {
                            stack.push(inner);
                            continue;
                        }
                        Type::Named(r) => r,
                        _ => continue,
                    };
                    if !seen.insert((r.home.clone() == TypeHome::Shared, r.name.clone())) {
                        continue;
                    }
                    let (entry, def) = match r.home {
                        TypeHome::Shared => (
                            usage.shared.entry(r.name.clone()).or_insert((false, false)),
                            shared_defs.get(r.name.as_str()),
                        ),
                        TypeHome::Local => (
                            local.entry(r.name.clone()).or_insert((false, false)),
                            local_defs.get(r.name.as_str()),
                        ),
                    };
                    if is_request {
                        entry.0 = true;
                    } else {
                        entry.1 = true;
                    }
                    if let Some(TypeDef::Struct(st)) = def {
                        stack.extend(st.fields.iter().map(|f| &f.ty));
                    }
                }
            }
            let folder = usage.local.entry(folder_key(e)).or_default();
            for (name, (req, resp)) in local {
                let entry = folder.entry(name).or_insert((false, false));
                entry.0 |= req;
                entry.1 |= resp;
            }
        }
        usage
    }

    fn union(&self, other: &Self) -> Self {
        fn merge(
            a: &BTreeMap<String, (bool, bool)>,
            b: &BTreeMap<String, (bool, bool)>,
        ) -> BTreeMap<String, (bool, bool)> {
            let mut out = a.clone();
            for (k, (req, resp)) in b {
                let e = out.entry(k.clone()).or_insert((false, false));
                e.0 |= req;
                e.1 |= resp;
            }
            out
        }
        let mut local = self.local.clone();
        for (k, v) in &other.local {
            let merged = merge(local.get(k).unwrap_or(&BTreeMap::new()), v);
            local.insert(k.clone(), merged);
        }
        Usage {
            shared: merge(&self.shared, &other.shared),
            local,
        }
    }
}

/// How a struct is used, which decides how a constraint change is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Use {
    /// Users build it and the client validates it before sending.
    request: bool,
    /// The client decodes it.
    response: bool,
}

fn type_def_name(t: &TypeDef) -> &str {
    match t {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
    }
}

// ---------------------------------------------------------------------------------------
// Endpoints

fn endpoints(name: &str, old: &Provider, new: &Provider, usage: &Usage, out: &mut Vec<Change>) {
    let old_eps: Vec<&Endpoint> = old.root.all_endpoints();
    let new_eps: Vec<&Endpoint> = new.root.all_endpoints();
    let by_source = |eps: &[&Endpoint], source: &str| eps.iter().position(|e| e.source == source);
    let mut matched_new = BTreeSet::new();
    let mut removed = Vec::new();
    for o in &old_eps {
        match by_source(&new_eps, &o.source) {
            Some(i) => {
                matched_new.insert(i);
                endpoint(name, o, new_eps[i], out);
            }
            None => removed.push(*o),
        }
    }
    let mut added: Vec<(usize, &Endpoint)> = new_eps
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched_new.contains(i))
        .map(|(i, e)| (i, *e))
        .collect();
    for o in removed {
        // The same vendor operation in another file: the module or method moved.
        if let Some(pos) = added
            .iter()
            .position(|(_, n)| n.vendor_name == o.vendor_name && n.action == o.action)
        {
            let (_, n) = added.remove(pos);
            let mut s = sink(name, endpoint_scope(n), out);
            let mut moves = Vec::new();
            if o.method_name != n.method_name {
                moves.push(format!(
                    "`Client::{}` is now `Client::{}`",
                    o.method_name, n.method_name
                ));
            }
            if o.modules != n.modules {
                moves.push(format!(
                    "{} move from `{}` to `{}`",
                    type_names(o),
                    folder_path(name, o),
                    folder_path(name, n)
                ));
            }
            s.push(
                ChangeKind::EndpointMoved,
                format!("endpoint `{}` (was {})", o.vendor_name, o.source),
                Impact::Breaking,
                moves.join("; "),
                None,
            );
            s.finish();
            endpoint(name, o, n, out);
            continue;
        }
        let mut s = sink(name, endpoint_scope(o), out);
        s.push(
            ChangeKind::EndpointRemoved,
            format!("endpoint `{}`", o.vendor_name),
            Impact::Breaking,
            format!(
                "`Client::{}` is gone, and with it {} from `{}`",
                o.method_name,
                type_names(o),
                folder_path(name, o)
            ),
            None,
        );
        s.finish();
    }
    for (_, n) in added {
        let mut s = sink(name, endpoint_scope(n), out);
        s.push(
            ChangeKind::EndpointAdded,
            format!("endpoint `{}`", n.vendor_name),
            Impact::Addition,
            format!(
                "new method `Client::{}`, with {} in `{}`",
                n.method_name,
                type_names(n),
                folder_path(name, n)
            ),
            Some(format!("`{} {}`", n.http_method.as_str(), n.path)),
        );
        s.finish();
    }
    local_types(name, old, new, usage, out);
}

/// The public module an endpoint's types are re-exported from.
fn folder_path(provider: &str, e: &Endpoint) -> String {
    let mut parts = vec!["bindery".to_owned(), provider.to_owned()];
    parts.extend(e.modules.iter().cloned());
    parts.join("::")
}

/// The public types an endpoint's file defines, for messages.
fn type_names(e: &Endpoint) -> String {
    let mut names = vec![format!("`{}`", e.request.name)];
    names.extend(e.response.iter().map(|r| format!("`{}`", r.name)));
    names.extend(e.types.iter().map(|t| format!("`{}`", type_def_name(t))));
    match names.len() {
        1 => names.remove(0),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} and {last}", names.join(", "))
        }
    }
}

fn endpoint(name: &str, o: &Endpoint, n: &Endpoint, out: &mut Vec<Change>) {
    let mut s = sink(name, endpoint_scope(n), out);
    let no_rust = "the Rust API is unchanged";
    if o.kind != n.kind {
        let what = |k: Kind| match k {
            Kind::Call => "an async call",
            Kind::Redirect => "a URL builder",
        };
        s.push(
            ChangeKind::EndpointKindChanged,
            "endpoint kind",
            Impact::Breaking,
            format!(
                "`Client::{}` ({}) is now `Client::{}` ({})",
                o.method_name,
                what(o.kind),
                n.method_name,
                what(n.kind)
            ),
            None,
        );
    } else if o.operation_const != n.operation_const {
        s.push(
            ChangeKind::EndpointMoved,
            "operation constant",
            Impact::Breaking,
            format!(
                "`operations::{}` is now `operations::{}`",
                o.operation_const, n.operation_const
            ),
            None,
        );
    }
    if o.path != n.path {
        s.push(
            ChangeKind::PathChanged,
            "path",
            Impact::Compatible,
            no_rust,
            Some(format!(
                "requests go to `{}` instead of `{}`",
                n.path, o.path
            )),
        );
    }
    if o.http_method != n.http_method {
        s.push(
            ChangeKind::HttpMethodChanged,
            "HTTP method",
            Impact::Compatible,
            no_rust,
            Some(format!(
                "sent as `{}` instead of `{}` (fields move between query and body)",
                n.http_method.as_str(),
                o.http_method.as_str()
            )),
        );
    }
    if o.action != n.action {
        s.push(
            ChangeKind::ActionChanged,
            "action",
            Impact::Compatible,
            no_rust,
            Some(format!(
                "`X-TC-Action: {}` instead of `{}`",
                n.action.as_deref().unwrap_or("(none)"),
                o.action.as_deref().unwrap_or("(none)")
            )),
        );
    }
    if o.vendor_name != n.vendor_name {
        s.push(
            ChangeKind::OperationRenamed,
            "operation name",
            Impact::Compatible,
            no_rust,
            Some(format!(
                "errors and traces name the operation `{}` instead of `{}`",
                n.vendor_name, o.vendor_name
            )),
        );
    }
    if o.auth != n.auth {
        let (old_auth, new_auth) = (auth_name(o.auth), auth_name(n.auth));
        let (impact, reason) = match (o.auth, n.auth) {
            (Some(_), None) => (
                Impact::Compatible,
                "calls no longer need credentials".to_owned(),
            ),
            (None, Some(_)) => (
                Impact::Breaking,
                format!(
                    "calls now need `{new_auth}` credentials; a client built without them fails with `Error::Credentials`"
                ),
            ),
            _ => (
                Impact::Breaking,
                format!(
                    "calls need `{new_auth}` credentials instead of `{old_auth}`; a client given only the old ones fails with `Error::Credentials`"
                ),
            ),
        };
        s.push(
            ChangeKind::AuthChanged,
            "auth scheme",
            impact,
            reason,
            Some(format!(
                "authenticated with `{new_auth}` instead of `{old_auth}`"
            )),
        );
    }
    if o.idempotent != n.idempotent {
        let wire = if n.idempotent {
            "now retried after errors where the request may already have been processed"
        } else {
            "no longer retried after errors where the request may already have been processed"
        };
        s.push(
            ChangeKind::IdempotencyChanged,
            format!("idempotent: {} → {}", o.idempotent, n.idempotent),
            Impact::Compatible,
            no_rust,
            Some(wire.to_owned()),
        );
    }
    if o.rate_limit != n.rate_limit {
        let show = |r: Option<RateLimit>| match r {
            Some(r) => format!(
                "{} per {} s{}",
                r.requests,
                r.per_seconds,
                match r.scope {
                    RateLimitScope::Endpoint => "",
                    RateLimitScope::App => " (app-wide)",
                }
            ),
            None => "none".to_owned(),
        };
        s.push(
            ChangeKind::RateLimitChanged,
            format!(
                "rate limit: {} → {}",
                show(o.rate_limit),
                show(n.rate_limit)
            ),
            Impact::Compatible,
            no_rust,
            Some(format!(
                "the client paces calls to {} instead of {}",
                show(n.rate_limit),
                show(o.rate_limit)
            )),
        );
    }
    paging(o, n, &mut s);
    errors(o, n, &mut s);
    s.docs_text("summary", &o.summary, &n.summary);
    s.docs_text("description", &o.description, &n.description);
    if o.docs_url != n.docs_url {
        s.docs("vendor link");
    }
    let examples = |e: &Endpoint| {
        e.examples
            .iter()
            .map(|x| {
                (
                    x.name.clone(),
                    x.request.clone(),
                    x.response.clone(),
                    x.error_code.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    if examples(o) != examples(n) {
        s.docs("examples");
    }

    let request = Use {
        request: true,
        response: false,
    };
    let response = Use {
        request: false,
        response: true,
    };
    strukt(&o.request, &n.request, request, "request", &mut s);
    // Without a response on one side the kind changed, which was said above.
    if let (Some(a), Some(b)) = (&o.response, &n.response) {
        strukt(a, b, response, "response", &mut s);
    }
    s.finish();
}

/// The folder an endpoint's local types are re-exported from, as a key.
fn folder_key(e: &Endpoint) -> String {
    e.modules.join("::")
}

/// Endpoint-local types, compared per folder: moving one between files of a folder keeps its
/// public path. Each change is reported with the endpoint that defines the type.
fn local_types(name: &str, old: &Provider, new: &Provider, usage: &Usage, out: &mut Vec<Change>) {
    type Defs<'a> = BTreeMap<(String, String), (&'a Endpoint, &'a TypeDef)>;
    fn defs(p: &Provider) -> Defs<'_> {
        let mut map = BTreeMap::new();
        for e in p.root.all_endpoints() {
            for t in &e.types {
                map.insert((folder_key(e), type_def_name(t).to_owned()), (e, t));
            }
        }
        map
    }
    let (old_defs, new_defs) = (defs(old), defs(new));
    let keys: BTreeSet<&(String, String)> = old_defs.keys().chain(new_defs.keys()).collect();
    let none = BTreeMap::new();
    for key in keys {
        let folder_use = usage.local.get(&key.0).unwrap_or(&none);
        let (o, n) = (old_defs.get(key), new_defs.get(key));
        let Some((scope_of, _)) = n.or(o) else {
            continue;
        };
        let mut s = sink(name, endpoint_scope(scope_of), out);
        let side = |d: Option<&(&Endpoint, &TypeDef)>| {
            d.map(|(_, t)| (*t).clone()).into_iter().collect::<Vec<_>>()
        };
        type_defs(&side(o), &side(n), folder_use, &mut s);
        s.finish();
    }
}

fn paging(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    let method = format!("Client::{}_stream", n.method_name);
    match (&o.pagination, &n.pagination) {
        (None, Some(_)) => s.push(
            ChangeKind::PaginationAdded,
            "pagination",
            Impact::Addition,
            format!("new method `{method}` streams every record"),
            None,
        ),
        (Some(_), None) => s.push(
            ChangeKind::PaginationRemoved,
            "pagination",
            Impact::Breaking,
            format!("`Client::{}_stream` is gone", o.method_name),
            None,
        ),
        (Some(a), Some(b)) => paging_details(a, b, &method, s),
        (None, None) => {}
    }
}

fn paging_details(a: &Paging, b: &Paging, method: &str, s: &mut Sink<'_>) {
    if type_text(&a.item) != type_text(&b.item) {
        s.push(
            ChangeKind::PaginationChanged,
            "pagination item type",
            Impact::Breaking,
            format!(
                "`{method}` yields `{}` instead of `{}`",
                type_text(&b.item),
                type_text(&a.item)
            ),
            None,
        );
    }
    if a.default_limit != b.default_limit {
        s.push(
            ChangeKind::DefaultChanged,
            format!(
                "default page size: {} → {}",
                a.default_limit, b.default_limit
            ),
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "`{method}` asks for {} records a page when the request sets no limit",
                b.default_limit
            )),
        );
    }
    let cursor = |p: &Paging| {
        p.cursor.as_ref().map(|c| {
            format!(
                "{} {} {} {} {}",
                c.key, c.filters, c.filter, c.orders, c.order
            )
        })
    };
    let rest = |p: &Paging| {
        (
            p.offset.clone(),
            p.limit.clone(),
            p.total.clone(),
            p.items.clone(),
            p.max_offset,
            cursor(p),
        )
    };
    if rest(a) != rest(b) {
        let cap = |p: &Paging| {
            p.max_offset
                .map_or("no offset cap".to_owned(), |m| format!("offset cap {m}"))
        };
        s.push(
            ChangeKind::PaginationChanged,
            "pagination",
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "`{method}` pages by `{}`/`{}` over `{}` ({}{}) instead of `{}`/`{}` over `{}` ({}{})",
                b.offset,
                b.limit,
                b.items,
                cap(b),
                if b.cursor.is_some() { ", then by key" } else { "" },
                a.offset,
                a.limit,
                a.items,
                cap(a),
                if a.cursor.is_some() { ", then by key" } else { "" },
            )),
        );
    }
}

fn errors(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    let codes = |e: &Endpoint| {
        e.errors
            .iter()
            .map(|c| c.code.clone())
            .collect::<BTreeSet<_>>()
    };
    let (old, new) = (codes(o), codes(n));
    for code in new.difference(&old) {
        s.push(
            ChangeKind::ErrorCodeAdded,
            format!("error code `{code}`"),
            Impact::Docs,
            "documented in rustdoc; vendor errors are matched by code at run time",
            None,
        );
    }
    for code in old.difference(&new) {
        s.push(
            ChangeKind::ErrorCodeRemoved,
            format!("error code `{code}`"),
            Impact::Docs,
            "no longer documented; a vendor that still sends it still gives `Error::Vendor`",
            None,
        );
    }
    for c in &o.errors {
        if let Some(d) = n.errors.iter().find(|d| d.code == c.code)
            && d.docs != c.docs
        {
            s.docs(format!("docs of error code `{}`", c.code));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Types

fn type_defs(
    old: &[TypeDef],
    new: &[TypeDef],
    usage: &BTreeMap<String, (bool, bool)>,
    s: &mut Sink<'_>,
) {
    for o in old {
        let name = type_def_name(o);
        let (request, response) = usage.get(name).copied().unwrap_or((false, false));
        let used = Use { request, response };
        match new.iter().find(|n| type_def_name(n) == name) {
            None => s.push(
                ChangeKind::TypeRemoved,
                format!("type `{name}`"),
                Impact::Breaking,
                format!("`{name}` is gone"),
                None,
            ),
            Some(n) => match (o, n) {
                (TypeDef::Struct(a), TypeDef::Struct(b)) => {
                    strukt(a, b, used, &format!("`{name}`"), s);
                }
                (TypeDef::Enum(a), TypeDef::Enum(b)) => enumeration(a, b, s),
                _ => s.push(
                    ChangeKind::TypeKindChanged,
                    format!("type `{name}`"),
                    Impact::Breaking,
                    format!(
                        "`{name}` is now {} instead of {}",
                        kind_word(n),
                        kind_word(o)
                    ),
                    None,
                ),
            },
        }
    }
    for n in new
        .iter()
        .filter(|n| !old.iter().any(|o| type_def_name(o) == type_def_name(n)))
    {
        let name = type_def_name(n);
        s.push(
            ChangeKind::TypeAdded,
            format!("type `{name}`"),
            Impact::Addition,
            format!("new {} `{name}`", kind_word(n)),
            None,
        );
    }
}

fn kind_word(t: &TypeDef) -> &'static str {
    match t {
        TypeDef::Struct(_) => "a struct",
        TypeDef::Enum(_) => "an enum",
    }
}

/// A field's type as the emitter writes it (without the `Option` of an optional field).
fn type_text(ty: &Type) -> String {
    match ty {
        Type::String => "String".into(),
        Type::Secret => "Secret".into(),
        Type::Bool => "bool".into(),
        Type::I32 => "i32".into(),
        Type::I64 => "i64".into(),
        Type::F64 => "f64".into(),
        Type::Decimal => "Decimal".into(),
        Type::TimestampMs => "TimestampMs".into(),
        Type::TimestampS => "TimestampS".into(),
        Type::Json => "serde_json::Value".into(),
        Type::List(inner) => format!("Vec<{}>", type_text(inner)),
        Type::Map(inner) => format!("BTreeMap<String, {}>", type_text(inner)),
        Type::Named(r) => match r.home {
            TypeHome::Shared => format!("types::{}", r.name),
            TypeHome::Local => r.name.clone(),
        },
    }
}

/// The field's declared Rust type.
fn field_type(f: &Field) -> String {
    match (&f.constant, f.required) {
        (Some(_), _) => "Constant<…>".to_owned(),
        (None, true) => type_text(&f.ty),
        (None, false) => format!("Option<{}>", type_text(&f.ty)),
    }
}

/// Matches fields by JSON name, then by Rust name (a JSON rename), then a lone removed and
/// added field of the same type at the same place (renamed in both).
fn match_fields<'a>(
    old: &'a [Field],
    new: &'a [Field],
) -> Vec<(Option<&'a Field>, Option<&'a Field>)> {
    let mut pairs: Vec<(Option<&Field>, Option<&Field>)> = Vec::new();
    let mut used = vec![false; new.len()];
    let mut unmatched_old = Vec::new();
    for o in old {
        if let Some(i) = new.iter().position(|n| n.json_name == o.json_name) {
            used[i] = true;
            pairs.push((Some(o), Some(&new[i])));
        } else {
            unmatched_old.push(o);
        }
    }
    let mut still_old = Vec::new();
    for o in unmatched_old {
        match new
            .iter()
            .enumerate()
            .position(|(i, n)| !used[i] && n.rust_name == o.rust_name)
        {
            Some(i) => {
                used[i] = true;
                pairs.push((Some(o), Some(&new[i])));
            }
            None => still_old.push(o),
        }
    }
    let rest_new: Vec<usize> = (0..new.len()).filter(|i| !used[*i]).collect();
    if still_old.len() == 1 && rest_new.len() == 1 {
        let (o, n) = (still_old[0], &new[rest_new[0]]);
        let place = |fields: &[Field], f: &Field| fields.iter().position(|x| std::ptr::eq(x, f));
        if type_text(&o.ty) == type_text(&n.ty)
            && o.required == n.required
            && place(old, o) == place(new, n)
        {
            pairs.push((Some(o), Some(n)));
            return pairs;
        }
    }
    pairs.extend(still_old.into_iter().map(|o| (Some(o), None)));
    pairs.extend(rest_new.into_iter().map(|i| (None, Some(&new[i]))));
    pairs
}

fn strukt(a: &Struct, b: &Struct, used: Use, label: &str, s: &mut Sink<'_>) {
    let name = &b.name;
    let what = |f: &Field| match label {
        "request" | "response" => format!("{label} field `{}`", f.json_name),
        _ => format!("field `{}` of {label}", f.json_name),
    };
    for (o, n) in match_fields(&a.fields, &b.fields) {
        match (o, n) {
            (None, Some(n)) => field_added(name, n, &what(n), used, s),
            (Some(o), None) => {
                let reason = if o.constant.is_some() {
                    format!(
                        "`{name}.{}` and its marker type `{name}{}` are gone",
                        o.rust_name,
                        crate::naming::type_name(&o.rust_name)
                    )
                } else if o.is_constructor_arg() {
                    format!(
                        "`{name}.{}` is gone and `{name}::new` loses that argument",
                        o.rust_name
                    )
                } else {
                    format!("`{name}.{}` and its setter are gone", o.rust_name)
                };
                s.push(
                    ChangeKind::FieldRemoved,
                    what(o),
                    Impact::Breaking,
                    reason,
                    None,
                );
            }
            // The envelope's request id: an envelope change has said what moved.
            (Some(o), Some(n)) if o.from_envelope && n.from_envelope => {}
            (Some(o), Some(n)) => {
                field(name, o, n, used, &what(n), s);
                default_changed(o, n, b, used, &what(n), s);
            }
            (None, None) => {}
        }
    }
    // `new` takes its arguments in spec order: the same arguments in another order still
    // compile when their types agree, and then pass values to the wrong fields.
    let args = |st: &Struct| -> Vec<String> {
        st.fields
            .iter()
            .filter(|f| f.is_constructor_arg())
            .map(|f| f.rust_name.clone())
            .collect()
    };
    let (old_args, new_args) = (args(a), args(b));
    let common_old: Vec<&String> = old_args.iter().filter(|x| new_args.contains(x)).collect();
    let common_new: Vec<&String> = new_args.iter().filter(|x| old_args.contains(x)).collect();
    if common_old != common_new {
        s.push(
            ChangeKind::ArgumentsReordered,
            format!("{label}: order of required fields"),
            Impact::Breaking,
            format!(
                "`{name}::new` takes ({}) instead of ({}); calls may still compile and pass values to the wrong fields",
                new_args.join(", "),
                old_args.join(", ")
            ),
            None,
        );
    }
    if a.open != b.open {
        if b.open {
            s.push(
                ChangeKind::OpenObjectChanged,
                format!("{label} keeps unknown keys"),
                Impact::Addition,
                format!("`{name}` gains the `extra` map and the `extra_field` setter"),
                Some("keys the spec does not name are kept instead of dropped".to_owned()),
            );
        } else {
            s.push(
                ChangeKind::OpenObjectChanged,
                format!("{label} drops unknown keys"),
                Impact::Breaking,
                format!("`{name}.extra` and `{name}::extra_field` are gone"),
                Some("keys the spec does not name are dropped".to_owned()),
            );
        }
    }
    s.docs_text(&format!("docs of {label}"), &a.docs, &b.docs);
}

fn field_added(name: &str, n: &Field, what: &str, used: Use, s: &mut Sink<'_>) {
    if let Some(value) = &n.constant {
        let wire = used
            .request
            .then(|| format!("requests always carry `{}: {value}`", n.json_name));
        if used.response {
            s.push(
                ChangeKind::FieldAdded,
                what,
                Impact::Breaking,
                format!(
                    "`{name}` gains the constant field `{}`; a response without `{}: {value}` fails to decode",
                    n.rust_name, n.json_name
                ),
                wire,
            );
        } else {
            s.push(
                ChangeKind::FieldAdded,
                what,
                Impact::Addition,
                format!("`{name}` gains the constant field `{}`", n.rust_name),
                wire,
            );
        }
    } else if n.required {
        let mut reason = format!(
            "`{name}::new` gains an argument `{}: {}`",
            n.rust_name,
            type_text(&n.ty)
        );
        if used.response {
            reason.push_str("; a response without it fails to decode");
        }
        s.push(ChangeKind::FieldAdded, what, Impact::Breaking, reason, None);
    } else {
        s.push(
            ChangeKind::FieldAdded,
            what,
            Impact::Addition,
            format!(
                "`{name}` gains `{}: {}` and its setter; `new` is unchanged",
                n.rust_name,
                field_type(n)
            ),
            None,
        );
    }
}

/// A changed `default`: the client never sends it, so only request validation can notice,
/// and only where a sibling's `multiple_of_field` names the field. Every multiple of the old
/// default is still a multiple of a new one that divides it; any other change can refuse a
/// request that passed.
fn default_changed(o: &Field, n: &Field, owner: &Struct, used: Use, what: &str, s: &mut Sink<'_>) {
    if o.default == n.default {
        return;
    }
    let show = |d: Option<i64>| d.map_or_else(|| "none".to_owned(), |d| d.to_string());
    let subject = format!("{what}: default {} → {}", show(o.default), show(n.default));
    let dependent = owner.fields.iter().find(|f| {
        f.constraints
            .multiple_of_field
            .as_ref()
            .is_some_and(|(json, _, _)| *json == n.json_name)
    });
    let Some(dependent) = dependent.filter(|_| used.request) else {
        s.push(
            ChangeKind::DefaultChanged,
            subject,
            Impact::Docs,
            "no rule depends on it; the client never sends a default",
            None,
        );
        return;
    };
    let wire = Some(format!(
        "requests that leave `{}` unset have `{}` checked against {}",
        n.json_name,
        dependent.json_name,
        show(n.default)
    ));
    let divides =
        matches!((o.default, n.default), (Some(old), Some(new)) if new != 0 && old % new == 0);
    if divides {
        s.push(
            ChangeKind::DefaultChanged,
            subject,
            Impact::Compatible,
            format!(
                "every `{}` that was a multiple of the old default is one of the new",
                dependent.json_name
            ),
            wire,
        );
    } else {
        s.push(
            ChangeKind::DefaultChanged,
            subject,
            Impact::Breaking,
            format!(
                "requests that leave `{}` unset and passed before can now fail with `Error::InvalidRequest` (`{}` must be a multiple of the new default)",
                n.json_name, dependent.json_name
            ),
            wire,
        );
    }
}

fn field(name: &str, o: &Field, n: &Field, used: Use, what: &str, s: &mut Sink<'_>) {
    let (old_ty, new_ty) = (field_type(o), field_type(n));
    if o.json_name != n.json_name && o.rust_name != n.rust_name {
        s.push(
            ChangeKind::FieldRenamed,
            format!("{what} (was `{}`)", o.json_name),
            Impact::Breaking,
            format!("`{name}.{}` is now `{name}.{}`", o.rust_name, n.rust_name),
            Some(format!(
                "`{}` on the wire instead of `{}`",
                n.json_name, o.json_name
            )),
        );
    } else if o.json_name != n.json_name {
        let direction = match (used.request, used.response) {
            (true, true) => "sent and read",
            (true, false) => "sent",
            _ => "read",
        };
        s.push(
            ChangeKind::FieldJsonRenamed,
            format!("{what} (was `{}`)", o.json_name),
            Impact::Compatible,
            format!("`{name}.{}` keeps its Rust name", n.rust_name),
            Some(format!(
                "{direction} as `{}` instead of `{}`",
                n.json_name, o.json_name
            )),
        );
    } else if o.rust_name != n.rust_name {
        let what_moves = if o.constant.is_some() {
            "and its marker type are renamed to match"
        } else {
            "and its setter are now"
        };
        s.push(
            ChangeKind::FieldRustRenamed,
            what,
            Impact::Breaking,
            format!("`{name}.{}` {what_moves} `{}`", o.rust_name, n.rust_name),
            None,
        );
    }

    let constant_change = match (&o.constant, &n.constant) {
        (None, Some(value)) => Some((
            ChangeKind::ConstantAdded,
            Impact::Breaking,
            format!(
                "`{name}.{}` becomes `Constant<…>` (always `{value}`) and leaves `new` and the setters",
                n.rust_name
            ),
            None,
        )),
        (Some(value), None) => {
            let reason = if n.is_constructor_arg() {
                format!(
                    "`{name}.{}` is no longer the constant `{value}`: it becomes `{new_ty}` and `{name}::new` gains it as an argument",
                    n.rust_name
                )
            } else {
                format!(
                    "`{name}.{}` is no longer the constant `{value}`: it becomes `{new_ty}` with a setter",
                    n.rust_name
                )
            };
            Some((ChangeKind::ConstantRemoved, Impact::Breaking, reason, None))
        }
        (Some(a), Some(b)) if a != b => {
            let wire = Some(format!("always `{b}` instead of `{a}`"));
            Some(if used.response {
                (
                    ChangeKind::ConstantChanged,
                    Impact::Breaking,
                    format!(
                        "`{name}.{}` stays `Constant<…>`, but a response carrying `{a}` now fails to decode",
                        n.rust_name
                    ),
                    wire,
                )
            } else {
                (
                    ChangeKind::ConstantChanged,
                    Impact::Compatible,
                    format!("`{name}.{}` stays `Constant<…>`", n.rust_name),
                    wire,
                )
            })
        }
        _ => None,
    };
    if let Some((kind, impact, reason, wire)) = constant_change {
        s.push(kind, what, impact, reason, wire);
    }
    if o.constant.is_some() || n.constant.is_some() {
        s.docs_text(&format!("docs of {what}"), &o.docs, &n.docs);
        return;
    }

    if type_text(&o.ty) != type_text(&n.ty) {
        s.push(
            ChangeKind::FieldTypeChanged,
            format!("{what}: `{}` → `{}`", type_text(&o.ty), type_text(&n.ty)),
            Impact::Breaking,
            format!(
                "`{name}.{}` is `{new_ty}` instead of `{old_ty}`, and so are its `new` argument or setter",
                n.rust_name
            ),
            None,
        );
    } else if o.required != n.required {
        if n.required {
            let mut reason = format!(
                "`{name}.{}` is `{new_ty}` instead of `{old_ty}` and `{name}::new` gains it as an argument",
                n.rust_name
            );
            if used.response {
                reason.push_str("; a response without it fails to decode");
            }
            s.push(
                ChangeKind::FieldBecameRequired,
                format!("{what} became required"),
                Impact::Breaking,
                reason,
                None,
            );
        } else {
            s.push(
                ChangeKind::FieldBecameOptional,
                format!("{what} became optional"),
                Impact::Breaking,
                format!(
                    "`{name}.{}` is `{new_ty}` instead of `{old_ty}` and leaves `{name}::new`'s arguments for a setter",
                    n.rust_name
                ),
                None,
            );
        }
    }
    constraints(&o.constraints, &n.constraints, used, what, s);
    s.docs_text(&format!("docs of {what}"), &o.docs, &n.docs);
}

// ---------------------------------------------------------------------------------------
// Constraints

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Tighter,
    Looser,
    Other,
}

/// A lower bound (`min_length`, `minimum`, `min_items`): absent is the loosest.
fn lower<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<Direction> {
    match (a, b) {
        (None, None) => None,
        (None, Some(_)) => Some(Direction::Tighter),
        (Some(_), None) => Some(Direction::Looser),
        (Some(a), Some(b)) if b > a => Some(Direction::Tighter),
        (Some(a), Some(b)) if b < a => Some(Direction::Looser),
        _ => None,
    }
}

/// An upper bound: the mirror of [`lower`].
fn upper<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Option<Direction> {
    match (a, b) {
        (None, None) => None,
        (None, Some(_)) => Some(Direction::Tighter),
        (Some(_), None) => Some(Direction::Looser),
        (Some(a), Some(b)) if b < a => Some(Direction::Tighter),
        (Some(a), Some(b)) if b > a => Some(Direction::Looser),
        _ => None,
    }
}

/// A rule that cannot be ordered (a pattern, a sibling field): added, removed or replaced.
fn rule<T: PartialEq>(a: Option<T>, b: Option<T>) -> Option<Direction> {
    match (a, b) {
        (None, None) => None,
        (None, Some(_)) => Some(Direction::Tighter),
        (Some(_), None) => Some(Direction::Looser),
        (Some(a), Some(b)) if a != b => Some(Direction::Other),
        _ => None,
    }
}

fn multiple(a: Option<i64>, b: Option<i64>) -> Option<Direction> {
    match (a, b) {
        (Some(a), Some(b)) if a != b && a != 0 && b != 0 => Some(if b % a == 0 {
            // Multiples of `b` are multiples of `a`.
            Direction::Tighter
        } else if a % b == 0 {
            Direction::Looser
        } else {
            Direction::Other
        }),
        _ => rule(a, b),
    }
}

fn show<T: ToString>(v: Option<T>) -> String {
    v.map_or("none".to_owned(), |v| v.to_string())
}

fn constraints(a: &Constraints, b: &Constraints, used: Use, what: &str, s: &mut Sink<'_>) {
    let quote = |p: Option<&String>| p.map(|p| format!("`{p}`"));
    let sibling =
        |m: &Option<(String, String, bool)>| m.as_ref().map(|(json, _, _)| format!("`{json}`"));
    // The sibling by its Rust name: a JSON rename of the sibling is not a new rule.
    let sibling_rust =
        |m: &Option<(String, String, bool)>| m.as_ref().map(|(_, rust, _)| rust.clone());
    // A minimum of zero characters or items refuses nothing.
    let at_least = |v: Option<u64>| v.filter(|v| *v > 0);
    let rules = [
        (
            "min_length",
            lower(at_least(a.min_length), at_least(b.min_length)),
            show(a.min_length),
            show(b.min_length),
        ),
        (
            "max_length",
            upper(a.max_length, b.max_length),
            show(a.max_length),
            show(b.max_length),
        ),
        (
            "pattern",
            rule(a.pattern.as_ref(), b.pattern.as_ref()),
            show(quote(a.pattern.as_ref())),
            show(quote(b.pattern.as_ref())),
        ),
        (
            "minimum",
            lower(a.minimum, b.minimum),
            show(a.minimum),
            show(b.minimum),
        ),
        (
            "maximum",
            upper(a.maximum, b.maximum),
            show(a.maximum),
            show(b.maximum),
        ),
        (
            "multiple_of",
            multiple(a.multiple_of, b.multiple_of),
            show(a.multiple_of),
            show(b.multiple_of),
        ),
        (
            "multiple_of_field",
            rule(
                sibling_rust(&a.multiple_of_field),
                sibling_rust(&b.multiple_of_field),
            ),
            show(sibling(&a.multiple_of_field)),
            show(sibling(&b.multiple_of_field)),
        ),
        (
            "min_items",
            lower(at_least(a.min_items), at_least(b.min_items)),
            show(a.min_items),
            show(b.min_items),
        ),
        (
            "max_items",
            upper(a.max_items, b.max_items),
            show(a.max_items),
            show(b.max_items),
        ),
    ];
    for (name, direction, old, new) in rules {
        let Some(direction) = direction else { continue };
        let subject = format!("{what}: {name} {old} → {new}");
        if !used.request {
            s.push(
                match direction {
                    Direction::Tighter => ChangeKind::ConstraintTightened,
                    Direction::Looser => ChangeKind::ConstraintLoosened,
                    Direction::Other => ChangeKind::ConstraintChanged,
                },
                subject,
                Impact::Docs,
                "responses are not validated; only the field docs change",
                None,
            );
            continue;
        }
        match direction {
            Direction::Tighter => s.push(
                ChangeKind::ConstraintTightened,
                subject,
                Impact::Breaking,
                "requests that passed before can now fail with `Error::InvalidRequest` before anything is sent",
                None,
            ),
            Direction::Other => s.push(
                ChangeKind::ConstraintChanged,
                subject,
                Impact::Breaking,
                "the new rule may refuse values the old one accepted: such requests fail with `Error::InvalidRequest`",
                None,
            ),
            Direction::Looser => s.push(
                ChangeKind::ConstraintLoosened,
                subject,
                Impact::Compatible,
                "every request valid before is still valid",
                Some("values the client refused before are now sent to the vendor".to_owned()),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Enums

fn enumeration(a: &Enum, b: &Enum, s: &mut Sink<'_>) {
    let name = &b.name;
    let mut matched = BTreeSet::new();
    // By wire value first, then (for what is left) by Rust name: a renamed value.
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    for (oi, o) in a.variants.iter().enumerate() {
        let found = b.variants.iter().position(|n| n.value == o.value);
        if let Some(i) = found {
            matched.insert(i);
        }
        pairs.push((oi, found));
    }
    for pair in pairs.iter_mut().filter(|p| p.1.is_none()) {
        let o = &a.variants[pair.0];
        let found = b
            .variants
            .iter()
            .enumerate()
            .position(|(i, n)| !matched.contains(&i) && n.rust_name == o.rust_name);
        if let Some(i) = found {
            matched.insert(i);
        }
        pair.1 = found;
    }
    for (oi, found) in pairs {
        let o = &a.variants[oi];
        match found {
            None => s.push(
                ChangeKind::EnumValueRemoved,
                format!("`{name}` value `{}`", o.value),
                Impact::Breaking,
                format!("variant `{name}::{}` is gone", o.rust_name),
                Some(format!(
                    "`{}` now arrives as `{name}::Unknown(\"{}\")`",
                    o.value, o.value
                )),
            ),
            Some(i) => {
                let n = &b.variants[i];
                if n.rust_name != o.rust_name {
                    s.push(
                        ChangeKind::EnumVariantRenamed,
                        format!("`{name}` value `{}`", n.value),
                        Impact::Breaking,
                        format!("`{name}::{}` is now `{name}::{}`", o.rust_name, n.rust_name),
                        None,
                    );
                }
                if n.value != o.value {
                    s.push(
                        ChangeKind::EnumValueRenamed,
                        format!("`{name}` value `{}` (was `{}`)", n.value, o.value),
                        Impact::Compatible,
                        format!("`{name}::{}` keeps its name", n.rust_name),
                        Some(format!(
                            "`{name}::{}` is sent and read as `{}` instead of `{}`",
                            n.rust_name, n.value, o.value
                        )),
                    );
                }
                s.docs_text(
                    &format!("docs of `{name}::{}`", n.rust_name),
                    &o.docs,
                    &n.docs,
                );
            }
        }
    }
    for (i, n) in b.variants.iter().enumerate() {
        if !matched.contains(&i) {
            s.push(
                ChangeKind::EnumValueAdded,
                format!("`{name}` value `{}`", n.value),
                Impact::Addition,
                format!(
                    "`{name}` is `#[non_exhaustive]`: the new variant `{}` breaks no match",
                    n.rust_name
                ),
                Some(format!(
                    "`{}` used to arrive as `{name}::Unknown(\"{}\")`",
                    n.value, n.value
                )),
            );
        }
    }
    s.docs_text(&format!("docs of `{name}`"), &a.docs, &b.docs);
}
