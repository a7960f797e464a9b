//! Endpoint files: method and kind, path, protocol keys, auth, the field lists, paging,
//! and the checks across the endpoints of one provider.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::super::model::{
    EndpointFile, EndpointKind, Field, HttpMethod, ProtocolRef, ProviderFile, ResponseBody, TypeDef,
};
use super::super::span::Spanned;
use super::super::tree::EndpointSpec;
use super::super::type_expr::TypeExpr;
use super::examples::ExampleAuth;
use super::fields::{PathProblem, field_at_path};
use super::names::{module_name_problem, snake_problem};
use super::path_query;
use super::provider::protocols_where;
use super::util::{FirstSeen, slash_path};
use super::{Cx, Owner, ProviderInput, START, Scope};
use crate::diagnostics::{backticked, did_you_mean};
use crate::naming;
use crate::protocols::{Presence, ProtocolDef};

impl Cx<'_> {
    /// Every pagination path leads through the endpoint's fields to a value of the right
    /// kind, and the cursor's templates are objects.
    pub(super) fn pagination(
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
                Err(PathProblem::Reported) => {}
                Err(PathProblem::Own(problem, help)) => self.err(
                    file,
                    path.pos,
                    format!("{side} path `{}`: {problem}", path.value),
                    help,
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

    pub(super) fn endpoint(
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
        if let Some(d) = &spec.deprecated {
            self.docs(file, d, name_pos, "`deprecated`");
        }
        self.docs_url(file, &spec.docs_url);
        self.path(file, &spec.path, provider.map(|p| &*p.protocol.value));

        let kind = spec.kind.as_ref().map_or(EndpointKind::Call, |k| k.value);
        self.method_rules(file, spec, kind);
        if let Some(p) = provider {
            self.runtime_query_fields(file, spec, &p.protocol.value);
        }

        if let Some(rl) = &spec.rate_limit {
            self.rate_limit(file, rl);
        }

        // Protocol and auth.
        let mut auth_body: Option<(&str, &[Spanned<String>])> = None;
        let mut auth_known = true;
        if let Some(p) = provider {
            let protocol = p.protocol.value;
            self.action(file, spec, protocol);
            if spec.auth.value != "none" {
                auth_body = self.auth_of(file, spec, p);
                auth_known = auth_body.is_some();
            }
            self.error_codes(file, &spec.errors, Some(protocol));
            self.endpoint_envelope(file, spec, kind, p);
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
        self.bodies(file, spec, kind, provider);
        let bare = spec.has_array_body();
        if let Some(paging) = spec
            .pagination
            .as_ref()
            .filter(|_| spec.response_shape() != ResponseBody::None && !bare)
        {
            self.pagination(file, spec, kind, paging, &scope);
        }
        if let Some(paging) = spec
            .pagination
            .as_ref()
            .filter(|_| kind == EndpointKind::Call && !bare)
        {
            self.page_size(file, spec, paging, &scope);
        }
        self.requires(file, spec, super::usepoint::request_roots(spec), &scope);
        if let Some(p) = provider {
            self.availability(file, spec, p);
        }

        let auth = ExampleAuth {
            known: auth_known,
            body_fields: auth_body.map(|a| a.1).unwrap_or_default(),
        };
        self.examples(file, provider, spec, kind, &scope, &auth);
    }

    /// The examples' names and docs, and each example against the endpoint's fields.
    fn examples(
        &mut self,
        file: &Path,
        provider: Option<&ProviderFile>,
        spec: &EndpointFile,
        kind: EndpointKind,
        scope: &Scope<'_>,
        auth: &ExampleAuth<'_>,
    ) {
        let mut names = FirstSeen::new();
        for ex in &spec.examples {
            if let Some(line) = names.repeated(ex.name.value.as_str(), ex.name.pos.line) {
                self.err(
                    file,
                    ex.name.pos,
                    format!(
                        "duplicate example `{}` (first at line {line})",
                        ex.name.value
                    ),
                    None,
                );
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
                self.example(file, p, spec, kind, scope, auth, ex);
            }
        }
    }

    /// What the endpoint kind and method allow: a redirect is a `GET` with only `query`,
    /// a `POST` has no `query`, a `GET` no body.
    fn method_rules(&mut self, file: &Path, spec: &EndpointFile, kind: EndpointKind) {
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
                HttpMethod::Post => self.post_query(file, spec),
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
    }

    /// `action` where the protocol requires it, and nowhere else.
    fn action(&mut self, file: &Path, spec: &EndpointFile, protocol: ProtocolRef) {
        let name_pos = spec.name.pos;
        match (&spec.action, protocol.action) {
            (None, Presence::Required) => self.err(
                file,
                name_pos,
                format!(
                    "an endpoint of a `{}` provider needs `action` (the `{}`)",
                    protocol.name, protocol.action_header
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
    }

    /// The provider scheme the endpoint's `auth` names, with the body fields it adds;
    /// `None` (reported) when no scheme has that name.
    fn auth_of<'p>(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        p: &'p ProviderFile,
    ) -> Option<(&'p str, &'p [Spanned<String>])> {
        match p.auth.iter().find(|s| s.name.value == spec.auth.value) {
            Some(scheme) => Some((&scheme.name.value, &scheme.body_fields)),
            None => {
                let names: Vec<&str> = p
                    .auth
                    .iter()
                    .map(|s| s.name.value.as_str())
                    .chain(["none"])
                    .collect();
                let help = did_you_mean(&spec.auth.value, names.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("expected one of {}", backticked(names.iter())));
                self.err(
                    file,
                    spec.auth.pos,
                    format!("unknown auth scheme `{}`", spec.auth.value),
                    Some(help),
                );
                None
            }
        }
    }

    pub(super) fn path(
        &mut self,
        file: &Path,
        path: &Spanned<String>,
        protocol: Option<&ProtocolDef>,
    ) {
        let p = &path.value;
        let mut help = None;
        let problem = if !p.starts_with('/') {
            Some("must start with `/`".to_owned())
        } else if let Some(c) = p.chars().find(|c| matches!(c, '?' | '#' | '{' | '}')) {
            Some(match c {
                '?' => {
                    help = Some(path_query::help(p, protocol));
                    "must not contain a query string".to_owned()
                }
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
            self.err(file, path.pos, format!("path `{p}` {problem}"), help);
        }
    }

    /// Checks that do not fit one endpoint: method and vendor names across the provider,
    /// folder names, and type names that share a Rust module.
    pub(super) fn across_endpoints(&mut self, input: &ProviderInput<'_>) {
        self.app_wide_limits(input);
        self.client_methods(input);
        let mut vendor = FirstSeen::new();
        let mut folders: BTreeSet<Vec<String>> = BTreeSet::new();
        let mut modules: BTreeMap<&[String], Vec<&EndpointSpec>> = BTreeMap::new();
        for ep in &input.endpoints {
            let file = ep.file.as_path();
            if let Some(first) = vendor.repeated(ep.spec.name.value.as_str(), ep.file.as_path()) {
                self.err(
                    file,
                    ep.spec.name.pos,
                    format!(
                        "duplicate endpoint name `{}`: `{}` has it too",
                        ep.spec.name.value,
                        slash_path(first)
                    ),
                    None,
                );
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
            self.module_types(&module, &eps);
        }
    }

    /// The endpoint types of one Rust module: none collides with a name the generator
    /// defines there, and none is defined twice.
    fn module_types(&mut self, module: &str, eps: &[&EndpointSpec]) {
        // Names the generator defines itself, then the endpoints' own types.
        let taken = self.generated_types(eps);
        let mut defined = FirstSeen::new();
        {
            for ep in eps {
                for def in &ep.spec.types {
                    let name = def.name.value.as_str();
                    if let Some(what) = taken.get(name) {
                        self.err(
                            &ep.file,
                            def.name.pos,
                            format!("type `{name}` collides with {what} in module `{module}`"),
                            Some("rename the type".to_owned()),
                        );
                    } else if let Some((other, line)) =
                        defined.repeated(name, (ep.file.as_path(), def.name.pos.line))
                    {
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
                    }
                }
            }
        }
    }
}

/// What is wrong with the segments of an endpoint path that starts with `/` and has no `//`.
///
/// The runtime appends the path to the base URL's and the URL parser then resolves `.` and
/// `..` (also percent-encoded, `%2e`), so `/cgi/../../etc/passwd` would leave the vendor's
/// API prefix; servers also read `\` as `/`. An endpoint path names one resource as
/// written: no dot segments, no backslash, no control character. A trailing `/` is kept (it
/// names another resource on some servers, and Tencent's path is `/`).
pub(super) fn path_segment_problem(path: &str) -> Option<String> {
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
