//! The examples of an endpoint against its fields: shapes, enums, constants, the
//! envelope's codes, and the value rules (through the runtime's rule functions).

use std::path::Path;

use bindery_runtime::validate::{Broken, check};
use serde_json::{Map, Value};

use super::super::model::{
    Constraints, EndpointFile, EndpointKind, Example, Field, HttpMethod, ProviderFile,
};
use super::super::scalar::Number;
use super::super::span::{Pos, Spanned};
use super::super::type_expr::TypeExpr;
use super::fields::is_required;
use super::provider::code_kind_problem;
use super::types::parse_type;
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

    pub(super) fn success_response(
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

    pub(super) fn report_example(
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
pub(super) struct Matcher<'c, 'r, 's> {
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
                        self.constraints(&fpath, value, f, &ty, c, (obj, fields));
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

    /// Applies a field's value rules to an example value through the runtime's rule
    /// functions, so an example passes exactly when a request with that value would.
    fn constraints(
        &mut self,
        path: &str,
        value: &Value,
        field: &Field,
        ty: &TypeExpr,
        c: &Constraints,
        siblings: (&Map<String, Value>, &[Field]),
    ) {
        let mut problems = Vec::new();
        if let Some(s) = value.as_str() {
            self.text_rules(s, value, c, &mut problems);
        }
        if let (true, true) = (value.is_number(), sane(&c.minimum, &c.maximum)) {
            let broken = if ty.is_integer() {
                let bound = |b: &Option<Spanned<Number>>| {
                    b.as_ref()
                        .and_then(|b| b.value.as_integer())
                        .and_then(|b| i64::try_from(b).ok())
                };
                value
                    .as_i64()
                    .and_then(|n| check::range_i64(n, bound(&c.minimum), bound(&c.maximum)))
            } else {
                let bound = |b: &Option<Spanned<Number>>| b.as_ref().map(|b| b.value.as_f64());
                value
                    .as_f64()
                    .and_then(|x| check::range_f64(x, bound(&c.minimum), bound(&c.maximum)))
            };
            match (broken, &c.minimum, &c.maximum) {
                (Some(Broken::BelowMinimum), Some(min), _) => {
                    problems.push(format!("{value} is less than `minimum` {}", min.value));
                }
                (Some(Broken::AboveMaximum), _, Some(max)) => {
                    problems.push(format!("{value} is greater than `maximum` {}", max.value));
                }
                _ => {}
            }
        }
        if let Some(n) = value.as_i64() {
            multiple_rules(n, field, c, siblings, &mut problems);
        }
        if let (Some(items), true) = (value.as_array(), sane(&c.min_items, &c.max_items)) {
            let min = c.min_items.as_ref().map(|v| v.value);
            let max = c.max_items.as_ref().map(|v| v.value);
            match check::items(items.len(), min, max) {
                Some(Broken::TooFewItems { len, min }) => {
                    problems.push(format!("{len} items, fewer than `min_items` {min}"));
                }
                Some(Broken::TooManyItems { len, max }) => {
                    problems.push(format!("{len} items, more than `max_items` {max}"));
                }
                _ => {}
            }
        }
        for message in problems {
            self.problems.push(Problem::new(path, message));
        }
    }

    /// `min_length`, `max_length` and `pattern` on a string value.
    fn text_rules(&mut self, s: &str, value: &Value, c: &Constraints, out: &mut Vec<String>) {
        if sane(&c.min_length, &c.max_length) {
            let min = c.min_length.as_ref().map(|v| v.value);
            let max = c.max_length.as_ref().map(|v| v.value);
            match check::length(s, min, max) {
                Some(Broken::TooShort { len, min }) => {
                    out.push(format!("length {len} is less than `min_length` {min}"));
                }
                Some(Broken::TooLong { len, max }) => {
                    out.push(format!("length {len} is greater than `max_length` {max}"));
                }
                _ => {}
            }
        }
        // An invalid pattern is reported on the constraint itself.
        if let Some(p) = &c.pattern
            && let Ok(re) = self.cx.regex(&p.value)
            && !re.is_match(s)
        {
            out.push(format!(
                "{} does not match `pattern` `{}`",
                describe_json(value),
                p.value
            ));
        }
    }
}

/// Whether a `min`/`max` pair can hold at all. A contradictory pair is reported on the
/// constraint; checking values against it would only repeat that.
fn sane<T: PartialOrd>(min: &Option<Spanned<T>>, max: &Option<Spanned<T>>) -> bool {
    match (min, max) {
        (Some(min), Some(max)) => min.value <= max.value,
        _ => true,
    }
}

/// `multiple_of` and `multiple_of_field` on an integer value. The sibling's value is the
/// example's, or the vendor's `default` when the example leaves it out, as in generated
/// request validation.
fn multiple_rules(
    n: i64,
    field: &Field,
    c: &Constraints,
    (values, fields): (&Map<String, Value>, &[Field]),
    out: &mut Vec<String>,
) {
    // A `multiple_of` of 0 or less is reported on the constraint.
    if let Some(m) = &c.multiple_of
        && m.value > 0
        && check::multiple_of(n, m.value) == Some(Broken::NotMultiple)
    {
        out.push(format!("{n} is not a multiple of {}", m.value));
    }
    let Some(other) = &c.multiple_of_field else {
        return;
    };
    if other.value == field.name.value {
        return;
    }
    let of = match values.get(&other.value) {
        Some(Value::Null) | None => fields
            .iter()
            .find(|f| f.name.value == other.value)
            .and_then(|f| f.default.as_ref())
            .map(|d| d.value),
        Some(v) => v.as_i64(),
    };
    let Some(m) = of else { return };
    match check::multiple_of(n, m) {
        Some(Broken::NotMultiple) => {
            out.push(format!("{n} is not a multiple of `{}` ({m})", other.value));
        }
        Some(Broken::MultipleOfZero) => out.push(format!(
            "{n} cannot be a multiple of `{}` ({m}): nothing is a multiple of 0",
            other.value
        )),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int_field(name: &str, default: Option<i64>, multiple_of_field: Option<&str>) -> Field {
        let yaml = format!(
            "name: {name}\ntype: i64\n{}{}",
            default.map_or(String::new(), |d| format!("default: {d}\n")),
            multiple_of_field.map_or(String::new(), |m| format!(
                "constraints: {{multiple_of_field: {m}}}\n"
            )),
        );
        serde_saphyr::from_str(&yaml).expect("a field")
    }

    fn problems(offset: i64, siblings: serde_json::Value, fields: &[Field]) -> Vec<String> {
        let mut out = Vec::new();
        let field = &fields[0];
        let c = field.constraints.clone().unwrap_or_default();
        let values = siblings.as_object().cloned().unwrap_or_default();
        multiple_rules(offset, field, &c, (&values, fields), &mut out);
        out
    }

    // Generated validation checks against the sibling's default when the request leaves
    // the sibling out, and refuses a sibling of 0; examples are held to the same rules.
    #[test]
    fn multiple_of_field_follows_request_validation() {
        let fields = [
            int_field("offset", None, Some("limit")),
            int_field("limit", Some(20), None),
        ];
        assert!(problems(40, serde_json::json!({}), &fields).is_empty());
        assert_eq!(
            problems(30, serde_json::json!({}), &fields),
            ["30 is not a multiple of `limit` (20)"]
        );
        assert_eq!(
            problems(30, serde_json::json!({"limit": 0}), &fields),
            ["30 cannot be a multiple of `limit` (0): nothing is a multiple of 0"]
        );
        assert!(problems(30, serde_json::json!({"limit": 10}), &fields).is_empty());
        let no_default = [
            int_field("offset", None, Some("limit")),
            int_field("limit", None, None),
        ];
        assert!(problems(30, serde_json::json!({}), &no_default).is_empty());
    }
}
