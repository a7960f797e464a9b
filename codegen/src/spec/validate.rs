//! The checks that need more than one value at a time: names and what they turn into in
//! Rust, type references, protocol rules, constraints and the examples against their schema.
//!
//! Every problem is reported at the node it concerns, with what was found and what was
//! expected. Nothing here panics on any parsed spec.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use regex::Regex;
use serde_json::{Map, Value};

use super::defaults;
use super::model::{
    Constraints, Docs, EndpointFile, EndpointKind, Envelope, ErrorCode, Example, Field, HttpMethod,
    ProtocolRef, ProviderFile, RateLimit, RateLimitScope, TypeDef,
};
use super::span::{Pos, Spanned};
use super::tree::{EndpointSpec, SpecSet, TypesSpec};
use super::type_expr::{PRIMITIVES, TypeExpr, TypeExprError};
use crate::diagnostics::{Diagnostic, backticked, did_you_mean};
use crate::naming;
use crate::protocols::{self, CodeKind, Construct, Presence, ProtocolDef};

mod bounds;
mod names;

/// Checks a loaded spec set and returns every problem found (empty when it is fine).
///
/// [`load`](super::load::load) runs the same checks; this is public so that a set built in
/// memory can be checked too.
pub fn validate(set: &SpecSet) -> Vec<Diagnostic> {
    let inputs: Vec<ProviderInput<'_>> = set
        .providers
        .iter()
        .map(|p| ProviderInput {
            folder: p
                .file
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            file: p.file.clone(),
            provider: Some(&p.provider),
            types: p.types.as_ref(),
            types_broken: false,
            endpoints: p.endpoints.iter().collect(),
        })
        .collect();
    validate_inputs(&set.root, &inputs)
}

/// One provider folder as far as it parsed: checks that need a part that did not parse are
/// skipped, so one broken file does not cause a cascade of follow-up errors.
pub(crate) struct ProviderInput<'a> {
    /// The folder name.
    pub folder: String,
    /// `provider.yaml`, relative to the root.
    pub file: PathBuf,
    /// The provider file, if it parsed.
    pub provider: Option<&'a ProviderFile>,
    /// `types.yaml`, if present and parsed.
    pub types: Option<&'a TypesSpec>,
    /// Whether `types.yaml` exists but did not parse (unknown type names are then not
    /// reported).
    pub types_broken: bool,
    /// The endpoints that parsed, sorted by file.
    pub endpoints: Vec<&'a EndpointSpec>,
}

/// Checks providers that may be only partly parsed.
pub(crate) fn validate_inputs(root: &Path, inputs: &[ProviderInput<'_>]) -> Vec<Diagnostic> {
    let mut cx = Cx {
        root,
        out: Vec::new(),
        regexes: HashMap::new(),
    };
    for input in inputs {
        cx.provider(input);
    }
    cx.out
}

const START: Pos = Pos { line: 1, column: 1 };

/// Where a named type lives.
#[derive(Clone, Copy)]
struct TypeEntry<'a> {
    def: &'a TypeDef,
    shared: bool,
}

/// The named types visible from one file: its own first, then the provider's `types.yaml`.
struct Scope<'a> {
    local: BTreeMap<&'a str, &'a TypeDef>,
    shared: &'a BTreeMap<&'a str, &'a TypeDef>,
    /// `types.yaml` did not parse: names that do not resolve are not reported.
    lenient: bool,
}

impl<'a> Scope<'a> {
    /// Resolves a name as seen from a local (`shared == false`) or shared definition.
    fn get(&self, name: &str, from_shared: bool) -> Option<TypeEntry<'a>> {
        if !from_shared && let Some(def) = self.local.get(name) {
            return Some(TypeEntry { def, shared: false });
        }
        self.shared
            .get(name)
            .map(|def| TypeEntry { def, shared: true })
    }

    fn names(&self, from_shared: bool) -> Vec<&'a str> {
        let mut names: Vec<&str> = self.shared.keys().copied().collect();
        if !from_shared {
            names.extend(self.local.keys().copied());
        }
        names
    }
}

/// Which field list of which owner is being checked; used in messages.
#[derive(Clone, Copy)]
enum Owner<'a> {
    /// The request body, query or response of an endpoint.
    Endpoint(&'a str),
    /// The fields of a named type.
    Type(&'a str),
}

impl Owner<'_> {
    fn describe(&self) -> String {
        match self {
            Owner::Endpoint(list) => format!("`{list}`"),
            Owner::Type(name) => format!("type `{name}`"),
        }
    }
}

struct Cx<'r> {
    root: &'r Path,
    out: Vec<Diagnostic>,
    regexes: HashMap<String, Result<Regex, String>>,
}

impl Cx<'_> {
    fn err(&mut self, file: &Path, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.out
            .push(Diagnostic::new(self.root.join(file), pos, message, help));
    }

    /// The anchored pattern of a `pattern` constraint, compiled once.
    fn regex(&mut self, pattern: &str) -> Result<Regex, String> {
        if let Some(cached) = self.regexes.get(pattern) {
            return cached.clone();
        }
        let compiled = regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
            .size_limit(1 << 20)
            .build()
            .map_err(|err| regex_error_text(&err));
        self.regexes.insert(pattern.to_owned(), compiled.clone());
        compiled
    }

    // -----------------------------------------------------------------------------------------
    // Providers
    // -----------------------------------------------------------------------------------------

    fn provider(&mut self, input: &ProviderInput<'_>) {
        let file = input.file.as_path();
        match input.provider {
            Some(p) => self.provider_file(file, &input.folder, p),
            None => {
                if let Some((msg, help)) = module_name_problem("provider folder", &input.folder) {
                    self.err(file, START, msg, help);
                }
            }
        }

        let mut shared: BTreeMap<&str, &TypeDef> = BTreeMap::new();
        if let Some(types) = input.types {
            let mut first: BTreeMap<&str, Pos> = BTreeMap::new();
            for def in &types.types.types {
                if let Some(line) = first.get(def.name.value.as_str()) {
                    let line = line.line;
                    self.err(
                        &types.file,
                        def.name.pos,
                        format!(
                            "duplicate type `{}` (first defined at line {line})",
                            def.name.value
                        ),
                        Some("rename one of them".to_owned()),
                    );
                } else {
                    first.insert(&def.name.value, def.name.pos);
                    shared.insert(&def.name.value, def);
                }
            }
            let scope = Scope {
                local: BTreeMap::new(),
                shared: &shared,
                lenient: false,
            };
            for def in &types.types.types {
                self.type_def(&types.file, def, &scope, true);
            }
            self.shared_markers(&types.file, &types.types.types);
            self.recursion(&types.file, &types.types.types, &scope, true);
        }

        for ep in &input.endpoints {
            self.endpoint(input, &shared, ep);
        }
        self.across_endpoints(input);
        if let Some(p) = input.provider {
            self.token_endpoints(input, p);
        }
    }

    /// Every pagination path leads through the endpoint's fields to a value of the right
    /// kind, and the cursor's templates are objects.
    fn pagination(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        kind: EndpointKind,
        paging: &crate::spec::model::Pagination,
        scope: &Scope<'_>,
    ) {
        if kind != EndpointKind::Call {
            self.err(
                file,
                paging.items.pos,
                "only `call` endpoints can page",
                None,
            );
            return;
        }
        let mut check = |path: &Spanned<String>,
                         fields: &[Field],
                         side: &str,
                         want: &str,
                         ok: &dyn Fn(&TypeExpr) -> bool| {
            match field_at_path(fields, &path.value, scope) {
                Ok(ty) if ok(&ty) => {}
                Ok(ty) => self.err(
                    file,
                    path.pos,
                    format!("{side} path `{}` is `{ty}`; expected {want}", path.value),
                    None,
                ),
                Err(problem) => self.err(
                    file,
                    path.pos,
                    format!("{side} path `{}`: {problem}", path.value),
                    None,
                ),
            }
        };
        check(
            &paging.offset,
            &spec.request,
            "request",
            "an integer",
            &TypeExpr::is_integer,
        );
        check(
            &paging.limit,
            &spec.request,
            "request",
            "an integer",
            &TypeExpr::is_integer,
        );
        if let Some(total) = &paging.total {
            check(
                total,
                &spec.response,
                "response",
                "an integer",
                &TypeExpr::is_integer,
            );
        }
        check(
            &paging.items,
            &spec.response,
            "response",
            "a `list<…>`",
            &|t| matches!(t, TypeExpr::List(_)),
        );
        if let Some(cursor) = &paging.cursor {
            let is_list = |t: &TypeExpr| matches!(t, TypeExpr::List(_));
            check(
                &cursor.filters,
                &spec.request,
                "request",
                "a `list<…>`",
                &is_list,
            );
            check(
                &cursor.orders,
                &spec.request,
                "request",
                "a `list<…>`",
                &is_list,
            );
            for (what, template) in [("filter", &cursor.filter), ("order", &cursor.order)] {
                if !template.value.is_object() {
                    self.err(
                        file,
                        template.pos,
                        format!("cursor `{what}` must be an object"),
                        None,
                    );
                }
            }
            if paging.max_offset.is_none() {
                self.err(
                    file,
                    cursor.key.pos,
                    "a cursor continues past `max_offset`, which is not set",
                    None,
                );
            }
        }
    }

    /// A scheme's `token` names an endpoint of the same provider that needs no auth, takes
    /// only app credentials, and answers the token, its lifetime and the named fields.
    fn token_endpoints(&mut self, input: &ProviderInput<'_>, p: &ProviderFile) {
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
                if !naming::APP_CREDENTIAL_FIELDS
                    .iter()
                    .any(|(json, _)| *json == f.name.value)
                {
                    self.err(
                        &ep.file,
                        f.name.pos,
                        format!(
                            "required field `{}` of token endpoint `{}` is not an app credential",
                            f.name.value, wanted.value
                        ),
                        Some(format!(
                            "a client fills token requests from {}",
                            backticked(naming::APP_CREDENTIAL_FIELDS.iter().map(|(json, _)| *json))
                        )),
                    );
                }
            }
            let response_type = |name: &str| {
                spec.response
                    .iter()
                    .find(|f| f.name.value == name)
                    .map(|f| (parse_type(&f.ty.value).ok(), is_required(f)))
            };
            let mut check = |field: &Spanned<String>, what: &str, ok: fn(&TypeExpr) -> bool| {
                match response_type(&field.value) {
                    Some((Some(ty), true)) if ok(&ty) => {}
                    Some((Some(ty), true)) => self.err(
                        file,
                        field.pos,
                        format!(
                            "token {what} `{}` is `{ty}`; expected {}",
                            field.value,
                            if what == "lifetime" {
                                "an integer"
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
                            "token {what} `{}` must be a required response field of `{}`",
                            field.value, wanted.value
                        ),
                        None,
                    ),
                    None => self.err(
                        file,
                        field.pos,
                        format!(
                            "token {what} `{}` is not a response field of `{}`",
                            field.value, wanted.value
                        ),
                        None,
                    ),
                }
            };
            check(&token.value, "value", TypeExpr::is_string);
            check(&token.lifetime, "lifetime", TypeExpr::is_integer);
            for f in &token.fields {
                check(f, "field", |t| matches!(t, TypeExpr::String));
            }
        }
    }

    fn provider_file(&mut self, file: &Path, folder: &str, p: &ProviderFile) {
        let name = &p.name;
        if name.value != folder {
            self.err(
                file,
                name.pos,
                format!(
                    "provider name `{}` does not match its folder `{folder}`",
                    name.value
                ),
                Some(format!("set `name: {folder}` or rename the folder")),
            );
            if let Some((msg, help)) = module_name_problem("provider folder", folder) {
                self.err(file, START, msg, help);
            }
        }
        if let Some((msg, help)) = module_name_problem("provider name", &name.value) {
            self.err(file, name.pos, msg, help);
        }
        if p.title.value.trim().is_empty() {
            self.err(file, p.title.pos, "`title` is empty", None);
        }
        self.docs(file, &p.docs, name.pos, "provider `docs`");
        if let Some(url) = &p.docs_url {
            self.docs_url(file, url);
        }
        let protocol = p.protocol.value;

        // Base URLs.
        if p.base_urls.is_empty() {
            self.err(
                file,
                START,
                "`base_urls` is empty; expected at least one base URL",
                None,
            );
        }
        let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
        for base in &p.base_urls {
            if let Some(line) = seen.get(base.name.value.as_str()) {
                self.err(
                    file,
                    base.name.pos,
                    format!(
                        "duplicate base URL name `{}` (first at line {line})",
                        base.name.value
                    ),
                    None,
                );
            } else {
                seen.insert(&base.name.value, base.name.pos.line);
            }
            if let Some((msg, help)) = snake_problem("base URL name", &base.name.value) {
                self.err(file, base.name.pos, msg, help);
            }
            if let Some(msg) = base_url_problem(&base.url.value) {
                self.err(file, base.url.pos, msg, None);
            }
            self.docs(
                file,
                &base.docs,
                base.name.pos,
                &format!("docs of base URL `{}`", base.name.value),
            );
        }

        self.envelope(file, &p.envelope);

        // Tencent Cloud settings.
        let needs_section = protocol.construct == Construct::ServiceVersion;
        match (&p.tencent_cloud, needs_section) {
            (None, true) => self.err(
                file,
                p.protocol.pos,
                format!(
                    "protocol `{}` needs a `tencent_cloud` section with `service` and `version`",
                    protocol.name
                ),
                None,
            ),
            (Some(tc), true) => {
                if !is_lower_word(&tc.service.value) {
                    self.err(
                        file,
                        tc.service.pos,
                        format!(
                            "`service` `{}` is not a Tencent Cloud service name; expected lower-case letters and digits like `ess`",
                            tc.service.value
                        ),
                        None,
                    );
                }
                if !is_date(&tc.version.value) {
                    self.err(
                        file,
                        tc.version.pos,
                        format!(
                            "`version` `{}` is not an API version; expected a date like `2020-11-11`",
                            tc.version.value
                        ),
                        None,
                    );
                }
            }
            (Some(tc), false) => self.err(
                file,
                tc.service.pos,
                format!(
                    "a `tencent_cloud` section is only for protocol {}, not `{}`",
                    backticked(protocols_where(|d| d.construct == Construct::ServiceVersion)),
                    protocol.name
                ),
                Some("remove the `tencent_cloud` section".to_owned()),
            ),
            (None, false) => {}
        }

        // Auth schemes.
        let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
        for scheme in &p.auth {
            let sname = &scheme.name;
            if let Some(line) = seen.get(sname.value.as_str()) {
                self.err(
                    file,
                    sname.pos,
                    format!(
                        "duplicate auth scheme `{}` (first at line {line})",
                        sname.value
                    ),
                    None,
                );
            } else {
                seen.insert(&sname.value, sname.pos.line);
            }
            if sname.value == "none" {
                self.err(
                    file,
                    sname.pos,
                    "auth scheme name `none` is reserved: endpoints write `auth: none` for no authentication",
                    Some("choose another name".to_owned()),
                );
            } else if let Some((msg, help)) = snake_problem("auth scheme name", &sname.value) {
                self.err(file, sname.pos, msg, help);
            }
            let wanted = scheme.kind.value.protocol;
            if wanted.name != protocol.name {
                self.err(
                    file,
                    scheme.kind.pos,
                    format!(
                        "auth kind `{}` is for protocol `{}`, but this provider uses `{}`",
                        scheme.kind.value.name(),
                        wanted.name,
                        protocol.name
                    ),
                    Some(format!(
                        "use one of {}",
                        backticked(protocol.auth.iter().map(|a| a.name))
                    )),
                );
            }
            self.docs(
                file,
                &scheme.docs,
                sname.pos,
                &format!("docs of auth scheme `{}`", sname.value),
            );
            let mut headers = BTreeSet::new();
            for h in &scheme.headers {
                if h.value != h.value.to_ascii_lowercase() || h.value.trim().is_empty() {
                    self.err(
                        file,
                        h.pos,
                        format!("header `{}` must be written in lower case", h.value),
                        Some(format!("write `{}`", h.value.to_ascii_lowercase())),
                    );
                }
                if !headers.insert(h.value.as_str()) {
                    self.err(file, h.pos, format!("duplicate header `{}`", h.value), None);
                }
            }
            let mut body = BTreeSet::new();
            for b in &scheme.body_fields {
                if b.value.is_empty() {
                    self.err(file, b.pos, "empty body field name", None);
                }
                if !body.insert(b.value.as_str()) {
                    self.err(
                        file,
                        b.pos,
                        format!("duplicate body field `{}`", b.value),
                        None,
                    );
                }
            }
        }

        if let Some(rl) = &p.rate_limit {
            self.rate_limit(file, rl);
        }

        // Credentials.
        let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
        for c in &p.credentials {
            if let Some(line) = seen.get(c.name.value.as_str()) {
                self.err(
                    file,
                    c.name.pos,
                    format!(
                        "duplicate credential `{}` (first at line {line})",
                        c.name.value
                    ),
                    None,
                );
            } else {
                seen.insert(&c.name.value, c.name.pos.line);
            }
            if let Some((msg, help)) = snake_problem("credential name", &c.name.value) {
                self.err(file, c.name.pos, msg, help);
            }
            if !is_env_var(&c.env.value) {
                let upper = c.env.value.to_ascii_uppercase().replace('-', "_");
                self.err(
                    file,
                    c.env.pos,
                    format!(
                        "environment variable `{}` is not an upper-case name like `DEMO_APP_ID`",
                        c.env.value
                    ),
                    is_env_var(&upper).then(|| format!("use `{upper}`")),
                );
            }
            self.docs(
                file,
                &c.docs,
                c.name.pos,
                &format!("docs of credential `{}`", c.name.value),
            );
        }

        self.error_codes(file, &p.errors, Some(protocol));
    }

    fn envelope(&mut self, file: &Path, env: &Envelope) {
        let paths = [
            ("code", Some(&env.code)),
            ("message", Some(&env.message)),
            ("request_id", env.request_id.as_ref()),
            ("result", env.result.as_ref()),
        ];
        for (key, path) in paths {
            let Some(path) = path else { continue };
            if path.value.is_empty() {
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
    }

    fn rate_limit(&mut self, file: &Path, rl: &RateLimit) {
        if rl.requests.value == 0 {
            self.err(
                file,
                rl.requests.pos,
                "`requests` is 0; expected at least 1",
                None,
            );
        }
        if rl.per_seconds.value == 0 {
            self.err(
                file,
                rl.per_seconds.pos,
                "`per_seconds` is 0; expected at least 1",
                None,
            );
        }
    }

    /// An app-wide limit is one budget for the whole provider, so every endpoint that declares
    /// one must state the same numbers; otherwise which limit the client enforces would depend
    /// on which endpoint happened to be called first.
    fn app_wide_limits(&mut self, input: &ProviderInput<'_>) {
        let is_app = |rl: &RateLimit| {
            rl.scope
                .as_ref()
                .is_some_and(|s| s.value == RateLimitScope::App)
        };
        let mut first: Option<(&Path, &RateLimit)> = input
            .provider
            .and_then(|p| p.rate_limit.as_ref())
            .filter(|rl| is_app(rl))
            .map(|rl| (input.file.as_path(), rl));
        for ep in &input.endpoints {
            let Some(rl) = ep.spec.rate_limit.as_ref().filter(|rl| is_app(rl)) else {
                continue;
            };
            let Some((first_file, first_rl)) = first else {
                first = Some((ep.file.as_path(), rl));
                continue;
            };
            let numbers = |rl: &RateLimit| (rl.requests.value, rl.per_seconds.value);
            if numbers(rl) != numbers(first_rl) {
                self.err(
                    &ep.file,
                    rl.requests.pos,
                    format!(
                        "app-wide `rate_limit` of {} per {} s differs from the one in `{}` ({} per {} s); the provider has one app-wide budget",
                        rl.requests.value,
                        rl.per_seconds.value,
                        slash_path(first_file),
                        first_rl.requests.value,
                        first_rl.per_seconds.value
                    ),
                    Some("give every app-wide limit of the provider the same `requests` and `per_seconds`, or use `scope: endpoint`".to_owned()),
                );
            }
        }
    }

    fn error_codes(&mut self, file: &Path, errors: &[ErrorCode], protocol: Option<ProtocolRef>) {
        let mut seen: BTreeMap<String, u64> = BTreeMap::new();
        for e in errors {
            let code = &e.code;
            let key = code.value.to_string();
            if let Some(line) = seen.get(&key) {
                self.err(
                    file,
                    code.pos,
                    format!("duplicate error code `{key}` (first at line {line})"),
                    None,
                );
            } else {
                seen.insert(key, code.pos.line);
            }
            if let Some(protocol) = protocol
                && let Some(msg) = code_kind_problem(&code.value, &protocol)
            {
                self.err(file, code.pos, format!("error code: {msg}"), None);
            }
            self.docs(
                file,
                &e.docs,
                code.pos,
                &format!("docs of error code `{}`", code.value),
            );
        }
    }

    fn docs(&mut self, file: &Path, docs: &Docs, anchor: Pos, what: &str) {
        let text =
            |s: &Option<Spanned<String>>| s.as_ref().is_some_and(|s| !s.value.trim().is_empty());
        if text(&docs.zh) || text(&docs.en) {
            return;
        }
        let pos = docs
            .en
            .as_ref()
            .or(docs.zh.as_ref())
            .map_or(anchor, |s| s.pos);
        self.err(
            file,
            pos,
            format!("{what} has no text; expected `zh` or `en`"),
            None,
        );
    }

    fn docs_url(&mut self, file: &Path, url: &Spanned<String>) {
        let ok = url::Url::parse(&url.value).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
        });
        if !ok {
            self.err(
                file,
                url.pos,
                format!("`docs_url` `{}` is not an absolute http(s) URL", url.value),
                None,
            );
        }
    }

    // -----------------------------------------------------------------------------------------
    // Types and fields
    // -----------------------------------------------------------------------------------------

    /// Parses a field's type and checks that its named types exist.
    fn type_expr(
        &mut self,
        file: &Path,
        ty: &Spanned<String>,
        scope: &Scope<'_>,
        from_shared: bool,
    ) -> Option<TypeExpr> {
        let expr = match parse_type(&ty.value) {
            Ok(expr) => expr,
            Err(err) => {
                self.err(
                    file,
                    shift(ty.pos, &ty.value, err.offset),
                    format!("invalid type `{}`: {}", ty.value, err.message),
                    None,
                );
                return None;
            }
        };
        if let Some(name) = expr.named()
            && scope.get(name, from_shared).is_none()
            && !scope.lenient
        {
            let offset = ty.value.find(name).unwrap_or(0);
            let names = scope.names(from_shared);
            let help = type_alias(name)
                .or_else(|| {
                    did_you_mean(
                        name,
                        names.iter().copied().chain(PRIMITIVES.iter().copied()),
                    )
                    .map(|s| format!("did you mean `{s}`?"))
                })
                .or_else(|| {
                    Some(if from_shared {
                        "define it in `types.yaml`".to_owned()
                    } else {
                        "define it under `types` in this file or in the provider's `types.yaml`"
                            .to_owned()
                    })
                });
            self.err(
                file,
                shift(ty.pos, &ty.value, offset),
                format!("unknown type `{name}`"),
                help,
            );
        }
        Some(expr)
    }

    fn type_def(&mut self, file: &Path, def: &TypeDef, scope: &Scope<'_>, from_shared: bool) {
        let name = &def.name;
        if let Some((msg, help)) = type_name_problem(&name.value) {
            self.err(file, name.pos, msg, help);
        }
        if let Some(docs) = &def.docs {
            self.docs(
                file,
                docs,
                name.pos,
                &format!("docs of type `{}`", name.value),
            );
        }
        match (&def.fields, &def.enum_values) {
            (Some(_), Some(_)) => self.err(
                file,
                name.pos,
                format!(
                    "type `{}` has both `fields` and `enum`; expected exactly one",
                    name.value
                ),
                None,
            ),
            (None, None) => self.err(
                file,
                name.pos,
                format!(
                    "type `{}` has neither `fields` nor `enum`; expected exactly one",
                    name.value
                ),
                None,
            ),
            _ => {}
        }
        if let (Some(open), None) = (&def.open, &def.fields) {
            self.err(
                file,
                open.pos,
                format!(
                    "`open` applies only to object types (with `fields`), and `{}` has none",
                    name.value
                ),
                None,
            );
        }
        if let Some(fields) = &def.fields {
            self.fields(
                file,
                fields,
                scope,
                from_shared,
                Owner::Type(&name.value),
                None,
            );
        }
        if let Some(values) = &def.enum_values {
            self.enum_values(file, &name.value, name.pos, values);
        }
    }

    fn enum_values(
        &mut self,
        file: &Path,
        type_name: &str,
        anchor: Pos,
        values: &[super::model::EnumValue],
    ) {
        if values.is_empty() {
            self.err(
                file,
                anchor,
                format!("enum `{type_name}` has no values"),
                None,
            );
        }
        let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
        let mut variants: BTreeMap<String, &str> = BTreeMap::new();
        for v in values {
            let value = &v.value;
            if let Some(line) = seen.get(value.value.as_str()) {
                self.err(
                    file,
                    value.pos,
                    format!(
                        "duplicate value `{}` in enum `{type_name}` (first at line {line})",
                        value.value
                    ),
                    None,
                );
                continue;
            }
            seen.insert(&value.value, value.pos.line);
            if let Some((msg, help)) = names::unquoted_enum_value(type_name, &value.value) {
                self.err(file, value.pos, msg, help);
            }
            if let Some(docs) = &v.docs {
                self.docs(
                    file,
                    docs,
                    value.pos,
                    &format!("docs of value `{}`", value.value),
                );
            }
            let (variant, pos) = match &v.rust_name {
                Some(rn) => {
                    if let Some((msg, help)) = variant_name_problem(&rn.value) {
                        self.err(file, rn.pos, msg, help);
                        continue;
                    }
                    (rn.value.clone(), rn.pos)
                }
                None => {
                    let derived = naming::type_name(&value.value);
                    if !naming::is_identifier(&derived) || naming::is_keyword(&derived) {
                        self.err(
                            file,
                            value.pos,
                            format!(
                                "enum value `{}` becomes variant `{derived}`, which is not a usable Rust name",
                                value.value
                            ),
                            Some("set `rust_name`".to_owned()),
                        );
                        continue;
                    }
                    (derived, value.pos)
                }
            };
            if variant == "Unknown" {
                self.err(
                    file,
                    pos,
                    format!(
                        "enum value `{}` becomes variant `Unknown`, which holds values the vendor adds later",
                        value.value
                    ),
                    Some("set `rust_name`".to_owned()),
                );
                continue;
            }
            if let Some(other) = variants.get(&variant) {
                self.err(
                    file,
                    pos,
                    format!(
                        "enum values `{other}` and `{}` both become variant `{variant}`",
                        value.value
                    ),
                    Some("set `rust_name` on one of them".to_owned()),
                );
            } else {
                variants.insert(variant, &value.value);
            }
        }
    }

    /// Checks a list of fields; `auth_body` are the keys the auth scheme adds to requests.
    fn fields(
        &mut self,
        file: &Path,
        fields: &[Field],
        scope: &Scope<'_>,
        from_shared: bool,
        owner: Owner<'_>,
        auth_body: Option<(&str, &[Spanned<String>])>,
    ) {
        let mut json: BTreeMap<&str, u64> = BTreeMap::new();
        let mut rust: BTreeMap<String, &str> = BTreeMap::new();
        let types: Vec<Option<TypeExpr>> = fields
            .iter()
            .map(|f| self.type_expr(file, &f.ty, scope, from_shared))
            .collect();
        for (f, ty) in fields.iter().zip(&types) {
            let name = &f.name;
            if name.value.is_empty() {
                self.err(file, name.pos, "empty field name", None);
                continue;
            }
            if let Some(line) = json.get(name.value.as_str()) {
                self.err(
                    file,
                    name.pos,
                    format!(
                        "duplicate field `{}` in {} (first at line {line})",
                        name.value,
                        owner.describe()
                    ),
                    None,
                );
                continue;
            }
            json.insert(&name.value, name.pos.line);

            if let Some((scheme, body)) = auth_body
                && body.iter().any(|b| b.value == name.value)
            {
                self.err(
                    file,
                    name.pos,
                    format!(
                        "field `{}` is added by auth scheme `{scheme}`; it does not belong in {}",
                        name.value,
                        owner.describe()
                    ),
                    Some("remove the field".to_owned()),
                );
            }

            // The Rust field name.
            let rust_name = match &f.rust_name {
                Some(rn) => {
                    if let Some((msg, help)) = rust_field_problem(&rn.value)
                        .or_else(|| names::struct_method_clash(&rn.value, &name.value))
                    {
                        self.err(file, rn.pos, msg, help);
                        None
                    } else {
                        Some(rn.value.clone())
                    }
                }
                None => {
                    let derived = naming::field_name(&name.value);
                    if !naming::is_identifier(&derived) {
                        self.err(
                            file,
                            name.pos,
                            format!(
                                "field `{}` becomes `{derived}`, which is not a Rust identifier",
                                name.value
                            ),
                            Some("set `rust_name`".to_owned()),
                        );
                        None
                    } else if naming::is_keyword(&derived) {
                        self.err(
                            file,
                            name.pos,
                            format!(
                                "field `{}` becomes the Rust keyword `{derived}`",
                                name.value
                            ),
                            Some("set `rust_name`".to_owned()),
                        );
                        None
                    } else if naming::RESERVED_FIELD_NAMES.contains(&derived.as_str()) {
                        self.err(
                            file,
                            name.pos,
                            format!(
                                "field `{}` becomes `{derived}`, which generated structs use for themselves",
                                name.value
                            ),
                            Some("set `rust_name`".to_owned()),
                        );
                        None
                    } else if let Some((msg, help)) =
                        names::struct_method_clash(&derived, &name.value)
                    {
                        self.err(file, name.pos, msg, help);
                        None
                    } else {
                        Some(derived)
                    }
                }
            };
            if let Some(rn) = rust_name {
                if let Some(other) = rust.get(&rn) {
                    let pos = f.rust_name.as_ref().map_or(name.pos, |r| r.pos);
                    self.err(
                        file,
                        pos,
                        format!(
                            "fields `{other}` and `{}` both become Rust field `{rn}`",
                            name.value
                        ),
                        Some("set `rust_name` on one of them".to_owned()),
                    );
                } else {
                    rust.insert(rn, &name.value);
                }
            }

            if let Some(docs) = &f.docs {
                self.docs(
                    file,
                    docs,
                    name.pos,
                    &format!("docs of field `{}`", name.value),
                );
            }

            // `const`.
            if let Some(c) = &f.constant {
                if let Some(ty) = ty
                    && *ty != TypeExpr::String
                {
                    self.err(
                        file,
                        c.pos,
                        format!(
                            "`const` is only allowed on `string` fields, and `{}` is `{ty}`",
                            name.value
                        ),
                        None,
                    );
                }
                if !c.value.is_string() {
                    self.err(
                        file,
                        c.pos,
                        format!(
                            "`const` must be a string, found {}",
                            describe_json(&c.value)
                        ),
                        None,
                    );
                }
                if !f.required.as_ref().is_some_and(|r| r.value) {
                    self.err(
                        file,
                        c.pos,
                        format!(
                            "field `{}` has a `const` value, so it must be `required: true`",
                            name.value
                        ),
                        None,
                    );
                }
            }

            if let (Some(c), Some(ty)) = (&f.constraints, ty) {
                self.constraints(file, f, ty, c, fields, &types);
            }
            let in_response = matches!(owner, Owner::Endpoint("response"));
            for (pos, msg, help) in defaults::problems(f, ty.as_ref(), in_response) {
                self.err(file, pos, msg, help);
            }
        }
    }

    fn constraints(
        &mut self,
        file: &Path,
        field: &Field,
        ty: &TypeExpr,
        c: &Constraints,
        siblings: &[Field],
        sibling_types: &[Option<TypeExpr>],
    ) {
        let fname = &field.name.value;
        let wrong = |key: &str, applies: &str| {
            format!("`{key}` applies to {applies}, but field `{fname}` is `{ty}`")
        };
        const STRINGS: &str = "`string` and `secret` fields";
        const NUMBERS: &str = "number fields (`i32`, `i64`, `f64`, timestamps)";
        const INTEGERS: &str = "integer fields (`i32`, `i64`, timestamps)";
        const LISTS: &str = "`list<…>` fields";

        let mut misplaced: Vec<(Pos, String)> = Vec::new();
        for (key, pos) in [
            ("min_length", c.min_length.as_ref().map(|s| s.pos)),
            ("max_length", c.max_length.as_ref().map(|s| s.pos)),
            ("pattern", c.pattern.as_ref().map(|s| s.pos)),
        ] {
            if let (Some(pos), false) = (pos, ty.is_string()) {
                misplaced.push((pos, wrong(key, STRINGS)));
            }
        }
        for (key, pos) in [
            ("minimum", c.minimum.as_ref().map(|s| s.pos)),
            ("maximum", c.maximum.as_ref().map(|s| s.pos)),
        ] {
            if let (Some(pos), false) = (pos, ty.is_number()) {
                misplaced.push((pos, wrong(key, NUMBERS)));
            }
        }
        for (key, pos) in [
            ("multiple_of", c.multiple_of.as_ref().map(|s| s.pos)),
            (
                "multiple_of_field",
                c.multiple_of_field.as_ref().map(|s| s.pos),
            ),
        ] {
            if let (Some(pos), false) = (pos, ty.is_integer()) {
                misplaced.push((pos, wrong(key, INTEGERS)));
            }
        }
        let is_list = matches!(ty, TypeExpr::List(_));
        for (key, pos) in [
            ("min_items", c.min_items.as_ref().map(|s| s.pos)),
            ("max_items", c.max_items.as_ref().map(|s| s.pos)),
        ] {
            if let (Some(pos), false) = (pos, is_list) {
                misplaced.push((pos, wrong(key, LISTS)));
            }
        }
        for (pos, msg) in misplaced {
            self.err(file, pos, msg, None);
        }

        if let (Some(min), Some(max)) = (&c.min_length, &c.max_length)
            && min.value > max.value
        {
            self.err(
                file,
                min.pos,
                format!(
                    "`min_length` {} is greater than `max_length` {}",
                    min.value, max.value
                ),
                None,
            );
        }
        if let (Some(min), Some(max)) = (&c.min_items, &c.max_items)
            && min.value > max.value
        {
            self.err(
                file,
                min.pos,
                format!(
                    "`min_items` {} is greater than `max_items` {}",
                    min.value, max.value
                ),
                None,
            );
        }
        for (key, v) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
            if let Some(v) = v
                && !v.value.as_f64().is_finite()
            {
                self.err(
                    file,
                    v.pos,
                    format!("`{key}` must be a finite number, found {}", v.value),
                    None,
                );
            }
        }
        for (key, v) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
            if let Some(v) = v
                && let Some(problem) = super::ranges::bound_out_of_range(key, v.value, ty)
            {
                self.err(file, v.pos, problem, None);
            }
        }
        self.integer_bounds(file, field, ty, c);
        if let (Some(min), Some(max)) = (&c.minimum, &c.maximum)
            && min.value > max.value
        {
            self.err(
                file,
                min.pos,
                format!(
                    "`minimum` {} is greater than `maximum` {}",
                    min.value, max.value
                ),
                None,
            );
        }
        if let Some(p) = &c.pattern
            && let Err(msg) = self.regex(&p.value)
        {
            self.err(
                file,
                p.pos,
                format!(
                    "`pattern` `{}` is not a valid regular expression: {msg}",
                    p.value
                ),
                None,
            );
        }
        if let Some(m) = &c.multiple_of
            && m.value <= 0
        {
            self.err(
                file,
                m.pos,
                format!("`multiple_of` must be greater than 0, found {}", m.value),
                None,
            );
        }
        if let Some(other) = &c.multiple_of_field {
            let found = siblings
                .iter()
                .zip(sibling_types)
                .find(|(s, _)| s.name.value == other.value);
            match found {
                None => {
                    let names = siblings.iter().map(|s| s.name.value.as_str());
                    self.err(
                        file,
                        other.pos,
                        format!(
                            "`multiple_of_field` names `{}`, which is not a field next to `{fname}`",
                            other.value
                        ),
                        did_you_mean(&other.value, names).map(|s| format!("did you mean `{s}`?")),
                    );
                }
                Some((s, _)) if s.name.value == *fname => self.err(
                    file,
                    other.pos,
                    format!("`multiple_of_field` of `{fname}` names the field itself"),
                    None,
                ),
                Some((_, Some(sty))) if !sty.is_integer() => self.err(
                    file,
                    other.pos,
                    format!(
                        "`multiple_of_field` names `{}`, which is `{sty}`; expected an integer field",
                        other.value
                    ),
                    None,
                ),
                Some((s, _)) => {
                    if let Some((pos, msg, help)) = defaults::sibling_problem(fname, s, other.pos) {
                        self.err(file, pos, msg, help);
                    }
                }
            }
        }
    }

    /// Reports named types that contain themselves without a list or map in between.
    fn recursion(&mut self, file: &Path, defs: &[TypeDef], scope: &Scope<'_>, from_shared: bool) {
        for cycle in direct_cycles(defs, scope, from_shared) {
            let Some(first) = cycle.first() else { continue };
            let mut steps: Vec<String> = cycle
                .iter()
                .map(|(def, field)| format!("`{}.{}`", def.name.value, field.name.value))
                .collect();
            if steps.len() > 6 {
                let hidden = steps.len() - 5;
                steps.truncate(5);
                steps.push(format!("… {hidden} more"));
            }
            steps.push(format!("`{}`", first.0.name.value));
            self.err(
                file,
                first.1.ty.pos,
                format!(
                    "type `{}` contains itself ({}); an object can only contain itself through `list<…>` or `map<…>`",
                    first.0.name.value,
                    steps.join(" → ")
                ),
                None,
            );
        }
    }

    // -----------------------------------------------------------------------------------------
    // Endpoints
    // -----------------------------------------------------------------------------------------

    fn endpoint(
        &mut self,
        input: &ProviderInput<'_>,
        shared: &BTreeMap<&str, &TypeDef>,
        ep: &EndpointSpec,
    ) {
        let file = ep.file.as_path();
        let spec: &EndpointFile = &ep.spec;
        let provider = input.provider;
        let name_pos = spec.name.pos;

        if let Some((msg, help)) = module_name_problem("file name", &ep.stem) {
            self.err(file, START, msg, help);
        }
        if spec.name.value.trim().is_empty() {
            self.err(file, name_pos, "`name` is empty", None);
        }
        self.docs(file, &spec.summary, name_pos, "`summary`");
        if let Some(d) = &spec.description {
            self.docs(file, d, name_pos, "`description`");
        }
        self.docs_url(file, &spec.docs_url);
        self.path(file, &spec.path);

        let kind = spec.kind.as_ref().map_or(EndpointKind::Call, |k| k.value);
        let method = spec.method.value;
        match kind {
            EndpointKind::Redirect => {
                if method != HttpMethod::Get {
                    self.err(
                        file,
                        spec.method.pos,
                        "a `redirect` endpoint must use method `GET`",
                        None,
                    );
                }
                if let Some(f) = spec.request.first() {
                    self.err(
                        file,
                        f.name.pos,
                        "a `redirect` endpoint has no `request` body; its parameters go in `query`",
                        None,
                    );
                }
                if let Some(f) = spec.response.first() {
                    self.err(
                        file,
                        f.name.pos,
                        "a `redirect` endpoint has no `response`: the browser is sent away",
                        None,
                    );
                }
                if let Some(open) = &spec.response_open {
                    self.err(
                        file,
                        open.pos,
                        "a `redirect` endpoint has no response to keep keys of",
                        Some("remove `response_open`".to_owned()),
                    );
                }
            }
            EndpointKind::Call => match method {
                HttpMethod::Post => {
                    if let Some(f) = spec.query.first() {
                        self.err(
                            file,
                            f.name.pos,
                            "a `POST` endpoint takes no `query` fields; its parameters go in `request`",
                            None,
                        );
                    }
                }
                HttpMethod::Get => {
                    if let Some(f) = spec.request.first() {
                        self.err(
                            file,
                            f.name.pos,
                            "a `GET` endpoint has no body; its parameters go in `query`",
                            None,
                        );
                    }
                }
            },
        }

        if let Some(rl) = &spec.rate_limit {
            self.rate_limit(file, rl);
        }

        // Protocol and auth.
        let mut auth_body: Option<(&str, &[Spanned<String>])> = None;
        let mut auth_known = true;
        if let Some(p) = provider {
            let protocol = p.protocol.value;
            match (&spec.action, protocol.action) {
                (None, Presence::Required) => self.err(
                    file,
                    name_pos,
                    format!(
                        "an endpoint of a `{}` provider needs `action` ({})",
                        protocol.name, protocol.action_doc
                    ),
                    None,
                ),
                (Some(action), Presence::Required) => {
                    if !naming::is_identifier(&action.value) {
                        self.err(
                            file,
                            action.pos,
                            format!(
                                "`action` `{}` is not an action name like `CreateFlow`",
                                action.value
                            ),
                            None,
                        );
                    }
                }
                (Some(action), Presence::Forbidden) => self.err(
                    file,
                    action.pos,
                    format!(
                        "`action` is only for {} providers, and this one uses `{}`",
                        backticked(protocols_where(|d| d.action == Presence::Required)),
                        protocol.name
                    ),
                    Some("remove `action`".to_owned()),
                ),
                (None, Presence::Forbidden) => {}
            }
            if spec.auth.value != "none" {
                match p.auth.iter().find(|s| s.name.value == spec.auth.value) {
                    Some(scheme) => {
                        auth_body = Some((&scheme.name.value, &scheme.body_fields));
                    }
                    None => {
                        auth_known = false;
                        let names: Vec<&str> = p
                            .auth
                            .iter()
                            .map(|s| s.name.value.as_str())
                            .chain(["none"])
                            .collect();
                        let help = did_you_mean(&spec.auth.value, names.iter().copied())
                            .map(|s| format!("did you mean `{s}`?"))
                            .unwrap_or_else(|| {
                                format!("expected one of {}", backticked(names.iter()))
                            });
                        self.err(
                            file,
                            spec.auth.pos,
                            format!("unknown auth scheme `{}`", spec.auth.value),
                            Some(help),
                        );
                    }
                }
            }
            self.error_codes(file, &spec.errors, Some(protocol));
        } else {
            self.error_codes(file, &spec.errors, None);
        }

        // Types.
        let mut local: BTreeMap<&str, &TypeDef> = BTreeMap::new();
        for def in &spec.types {
            local.entry(&def.name.value).or_insert(def);
        }
        let scope = Scope {
            local,
            shared,
            lenient: input.types_broken,
        };
        for def in &spec.types {
            self.type_def(file, def, &scope, false);
        }
        self.recursion(file, &spec.types, &scope, false);
        self.fields(
            file,
            &spec.query,
            &scope,
            false,
            Owner::Endpoint("query"),
            auth_body,
        );
        self.fields(
            file,
            &spec.request,
            &scope,
            false,
            Owner::Endpoint("request"),
            auth_body,
        );
        self.fields(
            file,
            &spec.response,
            &scope,
            false,
            Owner::Endpoint("response"),
            None,
        );
        if let Some(paging) = &spec.pagination {
            self.pagination(file, spec, kind, paging, &scope);
        }

        // Examples.
        let mut names: BTreeMap<&str, u64> = BTreeMap::new();
        for ex in &spec.examples {
            if let Some(line) = names.get(ex.name.value.as_str()) {
                self.err(
                    file,
                    ex.name.pos,
                    format!(
                        "duplicate example `{}` (first at line {line})",
                        ex.name.value
                    ),
                    None,
                );
            } else {
                names.insert(&ex.name.value, ex.name.pos.line);
            }
            if let Some((msg, help)) = snake_problem("example name", &ex.name.value) {
                self.err(file, ex.name.pos, msg, help);
            }
            if let Some(d) = &ex.docs {
                self.docs(
                    file,
                    d,
                    ex.name.pos,
                    &format!("docs of example `{}`", ex.name.value),
                );
            }
            if let Some(p) = provider {
                let auth = ExampleAuth {
                    known: auth_known,
                    body_fields: auth_body.map(|a| a.1).unwrap_or_default(),
                };
                self.example(file, p, spec, kind, &scope, &auth, ex);
            }
        }
    }

    fn path(&mut self, file: &Path, path: &Spanned<String>) {
        let p = &path.value;
        let problem = if !p.starts_with('/') {
            Some("must start with `/`".to_owned())
        } else if let Some(c) = p.chars().find(|c| matches!(c, '?' | '#' | '{' | '}')) {
            Some(match c {
                '?' => "must not contain `?`; query parameters go in `query`".to_owned(),
                '#' => "must not contain `#`".to_owned(),
                _ => "must not contain `{…}` parameters".to_owned(),
            })
        } else if p.chars().any(char::is_whitespace) {
            Some("must not contain whitespace".to_owned())
        } else if p.contains("//") {
            Some("must not contain `//`".to_owned())
        } else {
            path_segment_problem(p)
        };
        if let Some(problem) = problem {
            self.err(file, path.pos, format!("path `{p}` {problem}"), None);
        }
    }

    /// Checks that do not fit one endpoint: method and vendor names across the provider,
    /// folder names, and type names that share a Rust module.
    fn across_endpoints(&mut self, input: &ProviderInput<'_>) {
        self.app_wide_limits(input);
        self.client_methods(input);
        let mut vendor: BTreeMap<&str, &EndpointSpec> = BTreeMap::new();
        let mut folders: BTreeSet<Vec<String>> = BTreeSet::new();
        let mut modules: BTreeMap<&[String], Vec<&EndpointSpec>> = BTreeMap::new();
        for ep in &input.endpoints {
            let file = ep.file.as_path();
            if let Some(first) = vendor.get(ep.spec.name.value.as_str()) {
                self.err(
                    file,
                    ep.spec.name.pos,
                    format!(
                        "duplicate endpoint name `{}`: `{}` has it too",
                        ep.spec.name.value,
                        slash_path(&first.file)
                    ),
                    None,
                );
            } else {
                vendor.insert(&ep.spec.name.value, ep);
            }
            for depth in 1..=ep.modules.len() {
                let prefix = ep.modules.get(..depth).unwrap_or_default().to_vec();
                if folders.insert(prefix.clone())
                    && let Some(folder) = prefix.last()
                    && let Some((msg, help)) = module_name_problem("folder", folder)
                {
                    self.err(
                        file,
                        START,
                        format!("{msg} (it becomes a Rust module)"),
                        help,
                    );
                }
            }
            modules.entry(&ep.modules).or_default().push(ep);
        }

        for (path, eps) in modules {
            let module = std::iter::once(input.folder.as_str())
                .chain(path.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("::");
            // Names the generator defines itself, then the endpoints' own types.
            let taken = self.generated_types(&eps);
            let mut defined: BTreeMap<&str, (&Path, u64)> = BTreeMap::new();
            for ep in &eps {
                for def in &ep.spec.types {
                    let name = def.name.value.as_str();
                    if let Some(what) = taken.get(name) {
                        self.err(
                            &ep.file,
                            def.name.pos,
                            format!("type `{name}` collides with {what} in module `{module}`"),
                            Some("rename the type".to_owned()),
                        );
                    } else if let Some((other, line)) = defined.get(name) {
                        let (msg, help) = if *other == ep.file.as_path() {
                            (
                                format!("duplicate type `{name}` (first defined at line {line})"),
                                "rename one of them",
                            )
                        } else {
                            (
                                format!(
                                    "type `{name}` is also defined in `{}` (line {line}); endpoint types of one folder share the module `{module}`",
                                    slash_path(other)
                                ),
                                "rename one of them, or move it to `types.yaml`",
                            )
                        };
                        self.err(&ep.file, def.name.pos, msg, Some(help.to_owned()));
                    } else {
                        defined.insert(name, (ep.file.as_path(), def.name.pos.line));
                    }
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Examples
    // -----------------------------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn example(
        &mut self,
        file: &Path,
        provider: &ProviderFile,
        spec: &EndpointFile,
        kind: EndpointKind,
        scope: &Scope<'_>,
        auth: &ExampleAuth<'_>,
        ex: &Example,
    ) {
        let name = &ex.name.value;
        let protocol = provider.protocol.value;
        if ex.request.is_none() && ex.response.is_none() {
            self.err(
                file,
                ex.name.pos,
                format!("example `{name}` has neither `request` nor `response`"),
                None,
            );
        }

        // With an unknown auth scheme the auth keys of the example are unknown too.
        let uses_query = kind == EndpointKind::Redirect || spec.method.value == HttpMethod::Get;
        // Body fields on a query endpoint were reported; matching would only repeat that.
        let misplaced = uses_query && !spec.request.is_empty();
        if let (Some(req), true, false) = (&ex.request, auth.known, misplaced) {
            let fields = if uses_query {
                &spec.query
            } else {
                &spec.request
            };
            let mut m = Matcher::new(self, scope, false);
            m.constraints = ex.error_code.is_none();
            match &req.value {
                Value::Object(obj) => {
                    let mut obj = obj.clone();
                    for b in auth.body_fields {
                        obj.remove(&b.value);
                    }
                    m.object("", &obj, fields, false, false);
                }
                other => m.problems.push(Problem::new(
                    "",
                    format!("found {}, expected an object", describe_json(other)),
                )),
            }
            let problems = m.problems;
            self.report_example(file, req.pos, name, "request", problems);
        }

        match (&ex.error_code, &ex.response) {
            (Some(code), None) => self.err(
                file,
                code.pos,
                format!("example `{name}` has `error_code` but no `response`"),
                None,
            ),
            (Some(code), Some(resp)) => {
                if let Some(msg) = code_kind_problem(&code.value, &protocol) {
                    self.err(
                        file,
                        code.pos,
                        format!("example `{name}`: `error_code`: {msg}"),
                        None,
                    );
                }
                let env = &provider.envelope;
                if valid_path(&env.code.value) {
                    let problem = match get_path(&resp.value, &env.code.value) {
                        Some(found) if *found == code.value => None,
                        Some(found) => Some(format!(
                            "found {}, expected the example's `error_code` {}",
                            describe_json(found),
                            code.value
                        )),
                        None => Some(format!(
                            "missing; expected the example's `error_code` {}",
                            code.value
                        )),
                    };
                    let problems = problem
                        .map(|m| Problem::new(&env.code.value, m))
                        .into_iter()
                        .collect();
                    self.report_example(file, resp.pos, name, "response", problems);
                }
            }
            (None, Some(resp)) => {
                let problems = self.success_response(provider, scope, spec, &resp.value);
                self.report_example(file, resp.pos, name, "response", problems);
            }
            (None, None) => {}
        }
    }

    fn success_response(
        &mut self,
        provider: &ProviderFile,
        scope: &Scope<'_>,
        spec: &EndpointFile,
        resp: &Value,
    ) -> Vec<Problem> {
        let env = &provider.envelope;
        let mut problems = Vec::new();
        if !resp.is_object() {
            problems.push(Problem::new(
                "",
                format!("found {}, expected an object", describe_json(resp)),
            ));
            return problems;
        }
        if !valid_path(&env.code.value) || !env.result.as_ref().is_none_or(|r| valid_path(&r.value))
        {
            // Reported on the provider; nothing here can be located reliably.
            return problems;
        }
        let code = get_path(resp, &env.code.value).filter(|v| !v.is_null());
        match (env.success.as_ref(), code) {
            (Some(success), Some(code)) if code.as_i64() != Some(success.value) => {
                problems.push(
                    Problem::new(
                        &env.code.value,
                        format!(
                            "found {}, expected the success code {}",
                            describe_json(code),
                            success.value
                        ),
                    )
                    .help("set `error_code` on an example of an error response"),
                );
            }
            (Some(success), None) => problems.push(Problem::new(
                &env.code.value,
                format!("missing; expected the success code {}", success.value),
            )),
            (None, Some(code)) => problems.push(
                Problem::new(
                    &env.code.value,
                    format!(
                        "found {}, but this provider's responses carry a code only on errors",
                        describe_json(code)
                    ),
                )
                .help("set `error_code` on an example of an error response"),
            ),
            _ => {}
        }
        let result_path = env
            .result
            .as_ref()
            .map(|r| r.value.as_str())
            .unwrap_or_default();
        match get_path(resp, result_path) {
            Some(Value::Object(obj)) => {
                let mut m = Matcher::new(self, scope, true);
                m.object(result_path, obj, &spec.response, true, false);
                problems.extend(m.problems);
            }
            Some(Value::Null) | None => {
                if spec.response.iter().any(is_required) {
                    problems.push(Problem::new(
                        result_path,
                        "missing; expected the result object".to_owned(),
                    ));
                }
            }
            Some(other) => problems.push(Problem::new(
                result_path,
                format!("found {}, expected the result object", describe_json(other)),
            )),
        }
        problems
    }

    fn report_example(
        &mut self,
        file: &Path,
        pos: Pos,
        name: &str,
        part: &str,
        problems: Vec<Problem>,
    ) {
        for p in problems {
            let message = if p.path.is_empty() {
                format!("example `{name}` {part}: {}", p.message)
            } else {
                format!("example `{name}` {part}: `{}`: {}", p.path, p.message)
            };
            self.err(file, pos, message, p.help);
        }
    }
}

/// What an example's request carries for authentication.
struct ExampleAuth<'a> {
    /// Whether the endpoint's `auth` names a known scheme (or `none`).
    known: bool,
    /// The keys the scheme adds to the body, removed before matching.
    body_fields: &'a [Spanned<String>],
}

/// One mismatch inside an example.
struct Problem {
    path: String,
    message: String,
    help: Option<String>,
}

impl Problem {
    fn new(path: &str, message: String) -> Self {
        Self {
            path: path.to_owned(),
            message,
            help: None,
        }
    }

    fn help(mut self, help: &str) -> Self {
        self.help = Some(help.to_owned());
        self
    }
}

/// Checks example JSON against fields and type expressions.
struct Matcher<'c, 'r, 's> {
    cx: &'c mut Cx<'r>,
    scope: &'s Scope<'s>,
    /// Responses may carry keys the spec does not list.
    response: bool,
    /// Whether constraints are checked (not for the request of an error example, which
    /// may break them on purpose).
    constraints: bool,
    problems: Vec<Problem>,
}

impl<'c, 'r, 's> Matcher<'c, 'r, 's> {
    fn new(cx: &'c mut Cx<'r>, scope: &'s Scope<'s>, response: bool) -> Self {
        Self {
            cx,
            scope,
            response,
            constraints: true,
            problems: Vec::new(),
        }
    }

    fn object(
        &mut self,
        path: &str,
        obj: &Map<String, Value>,
        fields: &[Field],
        open: bool,
        from_shared: bool,
    ) {
        if !open && !self.response {
            for key in obj.keys() {
                if !fields.iter().any(|f| f.name.value == *key) {
                    let help = did_you_mean(key, fields.iter().map(|f| f.name.value.as_str()))
                        .map(|s| format!("did you mean `{s}`?"));
                    self.problems.push(Problem {
                        path: join(path, key),
                        message: "unknown field".to_owned(),
                        help,
                    });
                }
            }
        }
        for f in fields {
            let fpath = join(path, &f.name.value);
            match obj.get(&f.name.value) {
                None => {
                    if is_required(f) {
                        self.problems
                            .push(Problem::new(&fpath, "missing required field".to_owned()));
                    }
                }
                Some(Value::Null) if !is_required(f) => {}
                Some(value) => {
                    let Ok(ty) = parse_type(&f.ty.value) else {
                        continue;
                    };
                    if let Some(c) = &f.constant
                        && *value != c.value
                    {
                        self.problems.push(Problem::new(
                            &fpath,
                            format!(
                                "found {}, expected the constant {}",
                                describe_json(value),
                                c.value
                            ),
                        ));
                        continue;
                    }
                    if self.value(&fpath, value, &ty, from_shared)
                        && self.constraints
                        && let Some(c) = &f.constraints
                    {
                        self.constraints(&fpath, value, c, obj);
                    }
                }
            }
        }
    }

    /// Checks one value; returns whether it had the right shape (so constraints apply).
    fn value(&mut self, path: &str, value: &Value, ty: &TypeExpr, from_shared: bool) -> bool {
        let ok = match ty {
            TypeExpr::String | TypeExpr::Secret => value.is_string(),
            TypeExpr::Bool => value.is_boolean(),
            TypeExpr::I32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            TypeExpr::I64 | TypeExpr::TimestampMs | TypeExpr::TimestampS => value.is_i64(),
            TypeExpr::F64 => value.is_number(),
            TypeExpr::Decimal => value.is_number() || value.is_string(),
            TypeExpr::Json => true,
            TypeExpr::List(inner) => {
                let Value::Array(items) = value else {
                    return self.mismatch(path, value, ty);
                };
                for (i, item) in items.iter().enumerate() {
                    self.value(&format!("{path}[{i}]"), item, inner, from_shared);
                }
                true
            }
            TypeExpr::Map(inner) => {
                let Value::Object(entries) = value else {
                    return self.mismatch(path, value, ty);
                };
                for (k, v) in entries {
                    self.value(&join(path, k), v, inner, from_shared);
                }
                true
            }
            TypeExpr::Named(name) => {
                // Unknown names were reported where they are written.
                let Some(entry) = self.scope.get(name, from_shared) else {
                    return true;
                };
                let def = entry.def;
                if let Some(fields) = &def.fields {
                    let Value::Object(obj) = value else {
                        return self.mismatch(path, value, ty);
                    };
                    let open = def.open.as_ref().is_some_and(|o| o.value);
                    self.object(path, obj, fields, open, entry.shared);
                    return true;
                }
                if let Some(values) = &def.enum_values {
                    let Some(s) = value.as_str() else {
                        return self.mismatch(path, value, ty);
                    };
                    if !values.iter().any(|v| v.value.text == s) {
                        self.problems.push(Problem::new(
                            path,
                            format!(
                                "found {}, expected one of {} (enum `{name}`)",
                                describe_json(value),
                                backticked(values.iter().map(|v| v.value.value.as_str()))
                            ),
                        ));
                        return false;
                    }
                }
                true
            }
        };
        if ok {
            true
        } else {
            self.mismatch(path, value, ty)
        }
    }

    fn mismatch(&mut self, path: &str, value: &Value, ty: &TypeExpr) -> bool {
        let range = match (ty, value.as_i64(), value.as_u64()) {
            (TypeExpr::I32, Some(_), _) => " (out of range)",
            (TypeExpr::I64 | TypeExpr::TimestampMs | TypeExpr::TimestampS, None, Some(_)) => {
                " (out of range)"
            }
            _ => "",
        };
        self.problems.push(Problem::new(
            path,
            format!("found {}, expected {ty}{range}", describe_json(value)),
        ));
        false
    }

    fn constraints(
        &mut self,
        path: &str,
        value: &Value,
        c: &Constraints,
        siblings: &Map<String, Value>,
    ) {
        let mut problems = Vec::new();
        // A contradictory pair is reported on the constraint; checking values against it
        // would only repeat that.
        let sane = |min: Option<f64>, max: Option<f64>| match (min, max) {
            (Some(min), Some(max)) => min <= max,
            _ => true,
        };
        let len_ok = sane(
            c.min_length.as_ref().map(|v| v.value as f64),
            c.max_length.as_ref().map(|v| v.value as f64),
        );
        let num_ok = sane(
            c.minimum.as_ref().map(|v| v.value.as_f64()),
            c.maximum.as_ref().map(|v| v.value.as_f64()),
        );
        let items_ok = sane(
            c.min_items.as_ref().map(|v| v.value as f64),
            c.max_items.as_ref().map(|v| v.value as f64),
        );
        if let (Some(s), true) = (value.as_str(), len_ok) {
            let len = s.chars().count() as u64;
            if let Some(min) = &c.min_length
                && len < min.value
            {
                problems.push(format!(
                    "length {len} is less than `min_length` {}",
                    min.value
                ));
            }
            if let Some(max) = &c.max_length
                && len > max.value
            {
                problems.push(format!(
                    "length {len} is greater than `max_length` {}",
                    max.value
                ));
            }
            if let Some(p) = &c.pattern
                && let Ok(re) = self.cx.regex(&p.value)
                && !re.is_match(s)
            {
                problems.push(format!(
                    "{} does not match `pattern` `{}`",
                    describe_json(value),
                    p.value
                ));
            }
        }
        if let (true, true) = (value.is_number(), num_ok) {
            if let Some(min) = &c.minimum
                && min.value.cmp_json(value) == Some(std::cmp::Ordering::Less)
            {
                problems.push(format!("{value} is less than `minimum` {}", min.value));
            }
            if let Some(max) = &c.maximum
                && max.value.cmp_json(value) == Some(std::cmp::Ordering::Greater)
            {
                problems.push(format!("{value} is greater than `maximum` {}", max.value));
            }
        }
        if let Some(n) = value.as_i64() {
            if let Some(m) = &c.multiple_of
                && m.value > 0
                && n.checked_rem(m.value).is_some_and(|r| r != 0)
            {
                problems.push(format!("{n} is not a multiple of {}", m.value));
            }
            if let Some(other) = &c.multiple_of_field
                && let Some(m) = siblings.get(&other.value).and_then(Value::as_i64)
                && m != 0
                && n.checked_rem(m).is_some_and(|r| r != 0)
            {
                problems.push(format!("{n} is not a multiple of `{}` ({m})", other.value));
            }
        }
        if let (Some(items), true) = (value.as_array(), items_ok) {
            let len = items.len() as u64;
            if let Some(min) = &c.min_items
                && len < min.value
            {
                problems.push(format!("{len} items, fewer than `min_items` {}", min.value));
            }
            if let Some(max) = &c.max_items
                && len > max.value
            {
                problems.push(format!("{len} items, more than `max_items` {}", max.value));
            }
        }
        for message in problems {
            self.problems.push(Problem::new(path, message));
        }
    }
}

/// The cycles of named types among `defs` that contain each other through plain (not list
/// or map) fields. Each cycle is reported once, as `(type, field)` steps starting at the type
/// defined first. Linear in the number of types and fields.
fn direct_cycles<'d>(
    defs: &'d [TypeDef],
    scope: &Scope<'_>,
    from_shared: bool,
) -> Vec<Vec<(&'d TypeDef, &'d Field)>> {
    // Nodes: the first definition of each name in this file; edges: fields holding another
    // of these types directly.
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, def) in defs.iter().enumerate() {
        index.entry(def.name.value.as_str()).or_insert(i);
    }
    let mut edges: Vec<Vec<(usize, &Field)>> = vec![Vec::new(); defs.len()];
    let mut is_node = vec![false; defs.len()];
    for &i in index.values() {
        if let Some(n) = is_node.get_mut(i) {
            *n = true;
        }
        let (Some(def), Some(out)) = (defs.get(i), edges.get_mut(i)) else {
            continue;
        };
        for f in def.fields.iter().flatten() {
            let Ok(TypeExpr::Named(target)) = parse_type(&f.ty.value) else {
                continue;
            };
            // Only names that resolve to this file's definitions can close a cycle here.
            let same_file = scope
                .get(&target, from_shared)
                .is_some_and(|e| e.shared == from_shared);
            if let (true, Some(&j)) = (same_file, index.get(target.as_str())) {
                out.push((j, f));
            }
        }
    }

    // Peel off types that cannot reach a cycle: those whose fields all lead to peeled types.
    let mut alive = is_node.clone();
    let mut pending: Vec<usize> = edges.iter().map(Vec::len).collect();
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); defs.len()];
    for (i, out) in edges.iter().enumerate() {
        for (j, _) in out {
            if let Some(list) = incoming.get_mut(*j) {
                list.push(i);
            }
        }
    }
    let mut queue: Vec<usize> = (0..defs.len())
        .filter(|&i| is_node.get(i) == Some(&true) && pending.get(i) == Some(&0))
        .collect();
    while let Some(i) = queue.pop() {
        if let Some(a) = alive.get_mut(i) {
            *a = false;
        }
        for &p in incoming.get(i).map(Vec::as_slice).unwrap_or_default() {
            if let Some(n) = pending.get_mut(p) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    queue.push(p);
                }
            }
        }
    }

    // Every type still alive reaches a cycle; walk from each to find it, once.
    let mut covered = vec![false; defs.len()];
    let mut cycles = Vec::new();
    for start in 0..defs.len() {
        if !alive.get(start).copied().unwrap_or(false) || covered.get(start) == Some(&true) {
            continue;
        }
        let mut order: Vec<(usize, &Field)> = Vec::new();
        let mut position: BTreeMap<usize, usize> = BTreeMap::new();
        let mut current = start;
        loop {
            if let Some(&at) = position.get(&current) {
                let cycle: Vec<(usize, &Field)> = order.get(at..).unwrap_or_default().to_vec();
                // Start the report at the member defined first.
                let first = cycle
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, (node, _))| *node)
                    .map_or(0, |(k, _)| k);
                let mut rotated = cycle.clone();
                rotated.rotate_left(first);
                cycles.push(
                    rotated
                        .into_iter()
                        .filter_map(|(node, f)| defs.get(node).map(|d| (d, f)))
                        .collect(),
                );
                break;
            }
            if covered.get(current) == Some(&true) {
                break;
            }
            let next = edges.get(current).and_then(|out| {
                out.iter()
                    .find(|(j, _)| alive.get(*j).copied().unwrap_or(false))
                    .copied()
            });
            let Some((j, f)) = next else { break };
            position.insert(current, order.len());
            order.push((current, f));
            current = j;
        }
        for (node, _) in &order {
            if let Some(c) = covered.get_mut(*node) {
                *c = true;
            }
        }
    }
    cycles
}

/// Deepest `list<…>`/`map<…>` nesting accepted in a type expression.
const MAX_TYPE_NESTING: usize = 16;

/// [`TypeExpr::parse`], refusing absurdly nested expressions before they reach its recursive
/// parser.
fn parse_type(text: &str) -> Result<TypeExpr, TypeExprError> {
    let mut depth = 0usize;
    for (offset, c) in text.char_indices() {
        if c == '<' {
            depth += 1;
            if depth > MAX_TYPE_NESTING {
                return Err(TypeExprError {
                    offset,
                    message: format!(
                        "the type nests more than {MAX_TYPE_NESTING} `list<…>`/`map<…>` levels"
                    ),
                });
            }
        } else if c == '>' {
            depth = depth.saturating_sub(1);
        }
    }
    TypeExpr::parse(text)
}

/// The type at a dot-separated path of JSON names through `fields` and the named object
/// types they refer to.
fn field_at_path(fields: &[Field], path: &str, scope: &Scope<'_>) -> Result<TypeExpr, String> {
    let mut current = fields;
    let mut from_shared = false;
    let keys: Vec<&str> = path.split('.').collect();
    for (i, key) in keys.iter().enumerate() {
        let field = current
            .iter()
            .find(|f| f.name.value == *key)
            .ok_or_else(|| format!("no field `{key}`"))?;
        let ty = parse_type(&field.ty.value).map_err(|e| e.message)?;
        if i + 1 == keys.len() {
            return Ok(ty);
        }
        let TypeExpr::Named(name) = &ty else {
            return Err(format!("`{key}` is `{ty}`, not an object"));
        };
        let entry = scope
            .get(name, from_shared)
            .ok_or_else(|| format!("unknown type `{name}`"))?;
        from_shared = entry.shared;
        current = entry
            .def
            .fields
            .as_deref()
            .ok_or_else(|| format!("`{key}` is the enum `{name}`, not an object"))?;
    }
    Err("empty path".to_owned())
}

fn is_required(f: &Field) -> bool {
    f.required.as_ref().is_some_and(|r| r.value)
}

/// `a.b` (or `b` when `a` is empty).
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The spec's word for a type name other languages use (`int` → `i32` or `i64`).
fn type_alias(name: &str) -> Option<String> {
    let hint = match name.to_ascii_lowercase().as_str() {
        "int" | "integer" | "int32" | "int64" | "long" | "number" => "`i32` or `i64` (or `f64`)",
        "float" | "double" | "f32" => "`f64` (or `decimal` for exact amounts)",
        "str" | "text" | "varchar" => "`string`",
        "boolean" => "`bool`",
        "object" | "dict" | "any" => "a named type, `map<T>` or `json`",
        "array" | "vec" => "`list<T>`",
        "date" | "datetime" | "timestamp" | "long_timestamp" => "`timestamp_ms` or `timestamp_s`",
        _ => return None,
    };
    Some(format!("the spec writes this as {hint}"))
}

/// What is wrong with the segments of an endpoint path that starts with `/` and has no `//`.
///
/// The runtime appends the path to the base URL's and the URL parser then resolves `.` and
/// `..` (also percent-encoded, `%2e`), so `/cgi/../../etc/passwd` would leave the vendor's
/// API prefix; servers also read `\` as `/`. An endpoint path names one resource as
/// written: no dot segments, no backslash, no control character. A trailing `/` is kept (it
/// names another resource on some servers, and Tencent's path is `/`).
fn path_segment_problem(path: &str) -> Option<String> {
    if path.contains('\\') {
        return Some("must not contain `\\`".to_owned());
    }
    if path.chars().any(char::is_control) {
        return Some("must not contain control characters".to_owned());
    }
    for segment in path.split('/').skip(1) {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        if decoded == "." || decoded == ".." {
            return Some(format!(
                "must not contain the segment `{segment}`: the URL would be resolved to another path"
            ));
        }
    }
    None
}

/// Whether an envelope path is empty (the whole body) or dot-separated non-empty keys.
fn valid_path(path: &str) -> bool {
    path.is_empty()
        || path
            .split('.')
            .all(|k| !k.is_empty() && !k.chars().any(char::is_whitespace))
}

/// The value at a dot-separated path (`""` is the value itself).
fn get_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// "string \"5\"", "integer 5", "a list", ...
fn describe_json(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) if n.is_f64() => format!("number {n}"),
        Value::Number(n) => format!("integer {n}"),
        Value::String(s) => {
            let short: String = if s.chars().count() > 60 {
                s.chars().take(60).chain("…".chars()).collect()
            } else {
                s.clone()
            };
            format!("string {}", Value::String(short))
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The position `offset` bytes into a value written at `pos` on one line.
fn shift(pos: Pos, text: &str, offset: usize) -> Pos {
    let chars = text.get(..offset).map_or(0, |s| s.chars().count()) as u64;
    Pos {
        line: pos.line,
        column: pos.column.saturating_add(chars),
    }
}

/// `fxiaoke/er/x.yaml` with `/` on every platform.
fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The one-line reason of a regex error.
fn regex_error_text(err: &regex::Error) -> String {
    let text = err.to_string();
    text.lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::to_owned)
        .or_else(|| {
            text.lines()
                .rev()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(str::to_owned)
        })
        .unwrap_or(text)
}

/// The names of the protocols of the table that `pick` selects.
fn protocols_where(pick: fn(&ProtocolDef) -> bool) -> impl Iterator<Item = &'static str> {
    protocols::PROTOCOLS
        .iter()
        .filter(move |d| pick(d))
        .map(|d| d.name)
}

/// `` `a` `` , `` `a` and `b` ``, `` `a`, `b` and `c` ``.
fn and_list(items: impl Iterator<Item = &'static str>) -> String {
    let items: Vec<String> = items.map(|s| format!("`{s}`")).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why a vendor code does not fit the protocol's kind of codes.
fn code_kind_problem(code: &Value, protocol: &ProtocolDef) -> Option<String> {
    match protocol.codes {
        CodeKind::Integer if !code.is_i64() => Some(format!(
            "found {}, expected an integer (protocol `{}` uses integer codes)",
            describe_json(code),
            protocol.name
        )),
        CodeKind::String if !code.is_string() => Some(format!(
            "found {}, expected a string like `InvalidParameter` (protocol `{}` uses string codes)",
            describe_json(code),
            protocol.name
        )),
        _ => None,
    }
}

/// Why a base URL is not an absolute `https` URL with at most one `{host}`.
fn base_url_problem(url: &str) -> Option<String> {
    let placeholders = url.matches("{host}").count();
    if placeholders > 1 {
        return Some(format!(
            "base URL `{url}` has {placeholders} `{{host}}` placeholders; at most one is allowed"
        ));
    }
    let concrete = url.replace("{host}", "example.com");
    if concrete.contains(['{', '}']) {
        return Some(format!(
            "base URL `{url}` has a placeholder other than `{{host}}`"
        ));
    }
    match url::Url::parse(&concrete) {
        Err(err) => Some(format!("base URL `{url}` is not a valid URL: {err}")),
        Ok(u) if u.scheme() != "https" => Some(format!(
            "base URL `{url}` uses `{}`; expected an absolute `https` URL",
            u.scheme()
        )),
        Ok(u) if u.host_str().is_none_or(str::is_empty) => {
            Some(format!("base URL `{url}` has no host"))
        }
        Ok(u) if u.query().is_some() || u.fragment().is_some() => Some(format!(
            "base URL `{url}` must not have a query or fragment"
        )),
        Ok(_) => None,
    }
}

/// Lower-case ASCII letters, digits and `_`, starting with a letter.
fn is_snake(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_lower_word(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
}

fn is_env_var(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A `snake_case` name suggestion, if heck's conversion gives a usable one.
fn snake_suggestion(name: &str) -> Option<String> {
    let s = naming::module_name(name);
    is_snake(&s).then(|| format!("use `{s}`"))
}

/// Problems of a `snake_case` name that is not a module (base URL, credential, example...).
fn snake_problem(what: &str, name: &str) -> Option<(String, Option<String>)> {
    if !is_snake(name) {
        return Some((
            format!("{what} `{name}` is not snake_case"),
            snake_suggestion(name),
        ));
    }
    None
}

/// Problems of a name that becomes a Rust module or method.
fn module_name_problem(what: &str, name: &str) -> Option<(String, Option<String>)> {
    if !is_snake(name) || naming::module_name(name) != name {
        return Some((
            format!("{what} `{name}` is not a snake_case identifier"),
            snake_suggestion(name),
        ));
    }
    if naming::is_keyword(name) {
        return Some((
            format!("{what} `{name}` is a Rust keyword"),
            Some("choose another name".to_owned()),
        ));
    }
    if naming::RESERVED_MODULE_NAMES.contains(&name) {
        return Some((
            format!("{what} `{name}` is reserved for a module of the generated crate"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

/// Problems of a `rust_name` for a field.
fn rust_field_problem(name: &str) -> Option<(String, Option<String>)> {
    if !is_snake(name) {
        return Some((
            format!("`rust_name` `{name}` is not a snake_case identifier"),
            snake_suggestion(name),
        ));
    }
    if naming::is_keyword(name) {
        return Some((
            format!("`rust_name` `{name}` is a Rust keyword"),
            Some("choose another name".to_owned()),
        ));
    }
    if naming::RESERVED_FIELD_NAMES.contains(&name) {
        return Some((
            format!("`rust_name` `{name}` is used by generated structs for themselves"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

fn is_pascal(name: &str) -> bool {
    naming::is_identifier(name)
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && naming::type_name(name) == name
}

/// Problems of a type name.
fn type_name_problem(name: &str) -> Option<(String, Option<String>)> {
    if PRIMITIVES.contains(&name) || name == "list" || name == "map" {
        return Some((
            format!("type name `{name}` is a word of the type language"),
            Some("choose another name".to_owned()),
        ));
    }
    if !is_pascal(name) {
        let suggestion = naming::type_name(name);
        return Some((
            format!("type name `{name}` is not a PascalCase identifier"),
            is_pascal(&suggestion).then(|| format!("use `{suggestion}`")),
        ));
    }
    if naming::RESERVED_TYPE_NAMES.contains(&name) || naming::is_keyword(name) {
        return Some((
            format!("type name `{name}` is reserved: the generated code uses it"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

/// Problems of an enum variant's `rust_name`.
fn variant_name_problem(name: &str) -> Option<(String, Option<String>)> {
    if !is_pascal(name) {
        let suggestion = naming::type_name(name);
        return Some((
            format!("`rust_name` `{name}` is not a PascalCase identifier"),
            is_pascal(&suggestion).then(|| format!("use `{suggestion}`")),
        ));
    }
    if naming::is_keyword(name) {
        return Some((
            format!("`rust_name` `{name}` is a Rust keyword"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_base_urls() {
        assert_eq!(base_url_problem("https://open.fxiaoke.com"), None);
        assert_eq!(base_url_problem("https://{host}/api"), None);
        assert!(base_url_problem("http://open.fxiaoke.com").is_some());
        assert!(base_url_problem("https://{host}{host}").is_some());
        assert!(base_url_problem("https://{tenant}.x.com").is_some());
        assert!(base_url_problem("open.fxiaoke.com").is_some());
    }

    #[test]
    fn checks_names() {
        assert!(module_name_problem("x", "crm").is_none());
        assert!(module_name_problem("x", "Crm").is_some());
        assert!(module_name_problem("x", "types").is_some());
        assert!(module_name_problem("x", "mod").is_some());
        assert!(type_name_problem("UserInfo").is_none());
        assert!(type_name_problem("userInfo").is_some());
        assert!(type_name_problem("Client").is_some());
        assert!(type_name_problem("string").is_some());
        assert!(rust_field_problem("type_").is_none());
        assert!(is_date("2020-11-11"));
        assert!(!is_date("2020-1-11"));
    }

    #[test]
    fn describes_json() {
        assert_eq!(describe_json(&Value::from("5")), "string \"5\"");
        assert_eq!(describe_json(&Value::from(5)), "integer 5");
        assert_eq!(describe_json(&Value::from(1.5)), "number 1.5");
        assert_eq!(
            get_path(&serde_json::json!({"a": {"b": 1}}), "a.b"),
            Some(&Value::from(1))
        );
    }
}
