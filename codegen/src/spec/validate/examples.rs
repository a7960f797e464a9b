//! The examples of an endpoint against its fields: shapes, enums, constants, the
//! envelope's codes, and the value rules (through the runtime's rule functions).

use std::path::Path;

use serde_json::{Map, Value};

use super::super::model::{
    EndpointFile, EndpointKind, Example, Field, HttpMethod, ProviderFile, RequestBody, ResponseBody,
};
use super::super::span::{Pos, Spanned};
use super::super::type_expr::TypeExpr;
use super::envelopes::envelope_of;
use super::fields::is_required;
use super::nullable::is_nullable;
use super::provider::code_kind_problem;
use super::util::parse_type;
use super::util::{describe_json, get_path, join, valid_path};
use super::{Cx, Scope};
use crate::diagnostics::{backticked, did_you_mean};

impl Cx<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn example(
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
                value if spec.request_shape() == RequestBody::Array && !uses_query => {
                    m.bare_request(value, spec)
                }
                Value::Object(obj) => {
                    let mut obj = obj.clone();
                    for b in auth.body_fields {
                        obj.remove(&b.value);
                    }
                    m.object("", &obj, fields, false, false);
                    m.requirements(&obj, spec, fields, "");
                }
                other => m.problems.push(Problem::new(
                    "",
                    format!("found {}, expected an object", describe_json(other)),
                )),
            }
            let problems = m.problems;
            self.report_example(file, req.pos, name, "request", problems);
        }
        self.example_query(file, spec, uses_query, scope, ex);

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
                let env = envelope_of(provider, spec);
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
            (None, Some(resp)) if spec.response_shape() == ResponseBody::None => self.err(
                file,
                resp.pos,
                format!(
                    "example `{name}` has a success `response`, but the endpoint answers with no body \
                     (`response_body: none`)"
                ),
                Some("give `error_code` for an error answer, or leave `response` out".to_owned()),
            ),
            (None, Some(resp)) => {
                let problems = self.success_response(provider, scope, spec, &resp.value);
                self.report_example(file, resp.pos, name, "response", problems);
            }
            (None, None) => {}
        }
    }

    pub(super) fn success_response(
        &mut self,
        provider: &ProviderFile,
        scope: &Scope<'_>,
        spec: &EndpointFile,
        resp: &Value,
    ) -> Vec<Problem> {
        let env = envelope_of(provider, spec);
        let mut problems = Vec::new();
        let array = spec.response_shape() == ResponseBody::Array;
        if array && env.result.is_none() && resp.is_array() {
            // The array is the whole answer: there is no envelope to check.
            let mut m = Matcher::new(self, scope, true);
            m.bare(resp, &spec.response, "result");
            return m.problems;
        }
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
        if let Some(flag) = env.flag.as_ref().filter(|f| valid_path(&f.path.value)) {
            let want = flag.success.value;
            match get_path(resp, &flag.path.value) {
                None | Some(Value::Null) => {}
                Some(Value::Bool(b)) if *b == want => {}
                Some(found) => problems.push(
                    Problem::new(
                        &flag.path.value,
                        format!(
                            "found {}, expected the success flag {want}",
                            describe_json(found)
                        ),
                    )
                    .help("set `error_code` on an example of an error response"),
                ),
            }
        }
        let result_path = env
            .result
            .as_ref()
            .map(|r| r.value.as_str())
            .unwrap_or_default();
        match get_path(resp, result_path) {
            Some(value @ Value::Array(_)) if array => {
                let mut m = Matcher::new(self, scope, true);
                m.bare(value, &spec.response, "result");
                problems.extend(m.problems.into_iter().map(|p| p.under(result_path)));
            }
            Some(value) if array && !value.is_null() => problems.push(Problem::new(
                result_path,
                format!("found {}, expected the result array", describe_json(value)),
            )),
            Some(Value::Object(obj)) if !array => {
                let mut m = Matcher::new(self, scope, true);
                m.object(result_path, obj, &spec.response, true, false);
                problems.extend(m.problems);
            }
            Some(Value::Null) | None => {
                let (needed, what) = if array {
                    let needed = spec
                        .response
                        .iter()
                        .any(|f| is_required(f) && !is_nullable(f));
                    (needed, "array")
                } else {
                    (spec.response.iter().any(is_required), "object")
                };
                if needed {
                    problems.push(Problem::new(
                        result_path,
                        format!("missing; expected the result {what}"),
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

    /// The `query` of an example of a `POST` with `query` fields: the URL's parameters, which
    /// a request example must give when some are required (they are fields of its request).
    fn example_query(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        uses_query: bool,
        scope: &Scope<'_>,
        ex: &Example,
    ) {
        let name = &ex.name.value;
        if uses_query || spec.query.is_empty() {
            if let Some(query) = &ex.query {
                self.err(
                    file,
                    query.pos,
                    format!(
                        "example `{name}` has a `query`, but only a `POST` with `query` fields \
                         has one"
                    ),
                    Some(if uses_query {
                        "a `GET` or `redirect` example gives its query parameters in `request`"
                            .to_owned()
                    } else {
                        "declare the parameters under the endpoint's `query`".to_owned()
                    }),
                );
            }
            return;
        }
        let (pos, value) = match (&ex.query, &ex.request) {
            (Some(query), _) => (query.pos, query.value.clone()),
            (None, Some(request)) => (request.pos, Value::Object(Map::new())),
            (None, None) => return,
        };
        let mut m = Matcher::new(self, scope, false);
        m.constraints = ex.error_code.is_none();
        match &value {
            Value::Object(obj) => m.object("", obj, &spec.query, false, false),
            other => m.problems.push(Problem::new(
                "",
                format!("found {}, expected an object", describe_json(other)),
            )),
        }
        let problems = m.problems;
        self.report_example(file, pos, name, "query", problems);
    }

    pub(super) fn report_example(
        &mut self,
        file: &Path,
        pos: Pos,
        name: &str,
        part: &str,
        problems: Vec<Problem>,
    ) {
        // The position tree is a second parse of the file: only a problem needs it.
        if problems.is_empty() {
            return;
        }
        let tree = self.tree(file).and_then(|root| {
            let (_, examples) = root.get("examples")?;
            let (_, part) = examples.item_with("name", name)?.get(part)?;
            Some(part)
        });
        let located: Vec<Pos> = problems
            .iter()
            .map(|p| tree.map_or(pos, |t| t.locate(&p.path)))
            .collect();
        for (p, pos) in problems.into_iter().zip(located) {
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
pub(super) struct ExampleAuth<'a> {
    /// Whether the endpoint's `auth` names a known scheme (or `none`).
    pub(super) known: bool,
    /// The keys the scheme adds to the body, removed before matching.
    pub(super) body_fields: &'a [Spanned<String>],
}

/// One mismatch inside an example.
pub(super) struct Problem {
    path: String,
    message: String,
    help: Option<String>,
}

impl Problem {
    pub(super) fn new(path: &str, message: String) -> Self {
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

    /// The problem of a value found at `prefix`, with its path from the example's root.
    fn under(mut self, prefix: &str) -> Self {
        self.path = match (prefix, self.path.starts_with('[')) {
            ("", _) => self.path,
            (_, true) => format!("{prefix}{}", self.path),
            (_, false) => join(prefix, &self.path),
        };
        self
    }
}

/// Checks example JSON against fields and type expressions.
pub(super) struct Matcher<'c, 'r, 's> {
    pub(super) cx: &'c mut Cx<'r>,
    pub(super) scope: &'s Scope<'s>,
    /// Responses may carry keys the spec does not list.
    response: bool,
    /// Whether constraints are checked (not for the request of an error example, which
    /// may break them on purpose).
    pub(super) constraints: bool,
    pub(super) problems: Vec<Problem>,
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
        // A misspelt key is one mistake: the field it was meant to be is not missing too.
        let mut meant: Vec<&str> = Vec::new();
        if !open && !self.response {
            for key in obj.keys() {
                if !fields.iter().any(|f| f.name.value == *key) {
                    let best = did_you_mean(key, fields.iter().map(|f| f.name.value.as_str()));
                    meant.extend(best);
                    let help = best.map(|s| format!("did you mean `{s}`?"));
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
                    if is_required(f) && !meant.contains(&f.name.value.as_str()) {
                        self.problems
                            .push(Problem::new(&fpath, "missing required field".to_owned()));
                    }
                }
                Some(Value::Null) if !is_required(f) || is_nullable(f) => {}
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
                        self.constraints(&fpath, value, f, &ty, c, (obj, fields));
                    }
                }
            }
        }
    }

    /// Checks one value; returns whether it had the right shape (so constraints apply).
    pub(super) fn value(
        &mut self,
        path: &str,
        value: &Value,
        ty: &TypeExpr,
        from_shared: bool,
    ) -> bool {
        let ok = match ty {
            TypeExpr::String | TypeExpr::Secret => value.is_string(),
            TypeExpr::Bool => value.is_boolean(),
            TypeExpr::I32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
            TypeExpr::I64 | TypeExpr::TimestampMs | TypeExpr::TimestampS => value.is_i64(),
            TypeExpr::U64 => value.is_u64(),
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
                if let Some(values) = &def.enum_values
                    && values.first().is_some_and(|v| v.value.integer.is_some())
                {
                    return self.integer_enum(path, value, name, values);
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

    /// A value of an integer enum: a JSON integer among the values (the string `"0"` is not
    /// the number `0`, which is what the client sends and reads).
    fn integer_enum(
        &mut self,
        path: &str,
        value: &Value,
        name: &str,
        values: &[super::super::model::EnumValue],
    ) -> bool {
        if value
            .as_i64()
            .is_some_and(|n| values.iter().any(|v| v.value.integer == Some(n)))
        {
            return true;
        }
        let listed = backticked(values.iter().map(|v| v.value.text.as_str()));
        let message = if value.is_i64() {
            format!(
                "found {}, expected one of {listed} (enum `{name}`)",
                describe_json(value)
            )
        } else {
            format!(
                "found {}, expected an integer, one of {listed} (`{name}` is an integer enum)",
                describe_json(value)
            )
        };
        self.problems.push(Problem::new(path, message));
        false
    }

    fn mismatch(&mut self, path: &str, value: &Value, ty: &TypeExpr) -> bool {
        let range = match (ty, value.as_i64(), value.as_u64()) {
            (TypeExpr::I32, Some(_), _) => " (out of range)",
            (TypeExpr::I64 | TypeExpr::TimestampMs | TypeExpr::TimestampS, None, Some(_)) => {
                " (out of range)"
            }
            (TypeExpr::U64, Some(n), _) if n < 0 => " (out of range)",
            _ => "",
        };
        self.problems.push(Problem::new(
            path,
            format!("found {}, expected {ty}{range}", describe_json(value)),
        ));
        false
    }
}
