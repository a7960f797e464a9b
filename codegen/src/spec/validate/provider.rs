//! Provider files: name and folder, base URLs, the protocol's own section, auth schemes,
//! credentials, rate limits and error codes, with the protocol rules read from the
//! protocol table.

use std::path::Path;

use serde_json::Value;

use super::super::model::{
    AuthScheme, Credential, ErrorCode, ProtocolRef, ProviderFile, RateLimit, RateLimitScope,
};
use super::names::{module_name_problem, snake_problem};
use super::util::{FirstSeen, describe_json, slash_path};
use super::{Cx, ProviderInput, START};
use crate::diagnostics::{backticked, did_you_mean};
use crate::protocols::{self, CodeKind, Construct, ProtocolDef};

impl Cx<'_> {
    pub(super) fn provider_file(&mut self, file: &Path, folder: &str, p: &ProviderFile) {
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
        } else if crate::naming::RESERVED_FEATURE_NAMES.contains(&name.value.as_str()) {
            self.err(
                file,
                name.pos,
                format!(
                    "provider name `{}` is reserved for a cargo feature of the generated crate",
                    name.value
                ),
                Some("choose another name".to_owned()),
            );
        }
        if p.title.value.trim().is_empty() {
            self.err(file, p.title.pos, "`title` is empty", None);
        }
        self.docs(file, &p.docs, name.pos, "provider `docs`");
        if let Some(url) = &p.docs_url {
            self.docs_url(file, url);
        }
        let protocol = p.protocol.value;
        self.base_urls(file, p);
        self.envelopes(file, p);
        self.protocol_section(file, p);
        let mut schemes = FirstSeen::new();
        for scheme in &p.auth {
            let sname = &scheme.name;
            if let Some(line) = schemes.repeated(sname.value.as_str(), sname.pos.line) {
                self.err(
                    file,
                    sname.pos,
                    format!(
                        "duplicate auth scheme `{}` (first at line {line})",
                        sname.value
                    ),
                    None,
                );
            }
            self.auth_scheme(file, protocol, scheme);
        }
        if let Some(rl) = &p.rate_limit {
            self.rate_limit(file, rl);
        }
        self.credentials(file, protocol, &p.credentials);
        self.error_codes(file, &p.errors, Some(protocol));
    }

    fn base_urls(&mut self, file: &Path, p: &ProviderFile) {
        if p.base_urls.is_empty() {
            self.err(
                file,
                START,
                "`base_urls` is empty; expected at least one base URL",
                None,
            );
        }
        let mut seen = FirstSeen::new();
        for base in &p.base_urls {
            if let Some(line) = seen.repeated(base.name.value.as_str(), base.name.pos.line) {
                self.err(
                    file,
                    base.name.pos,
                    format!(
                        "duplicate base URL name `{}` (first at line {line})",
                        base.name.value
                    ),
                    None,
                );
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
    }

    /// The section that a protocol built from a service and a version needs, and that no
    /// other protocol may have.
    fn protocol_section(&mut self, file: &Path, p: &ProviderFile) {
        let protocol = p.protocol.value;
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
    }

    /// One auth scheme: its name, that its kind is one of the provider's protocol, and its
    /// headers and body fields.
    fn auth_scheme(&mut self, file: &Path, protocol: ProtocolRef, scheme: &AuthScheme) {
        let sname = &scheme.name;
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
        let mut headers = FirstSeen::new();
        for h in &scheme.headers {
            if h.value != h.value.to_ascii_lowercase() || h.value.trim().is_empty() {
                self.err(
                    file,
                    h.pos,
                    format!("header `{}` must be written in lower case", h.value),
                    Some(format!("write `{}`", h.value.to_ascii_lowercase())),
                );
            }
            if headers.repeated(h.value.as_str(), ()).is_some() {
                self.err(file, h.pos, format!("duplicate header `{}`", h.value), None);
            }
        }
        let mut body = FirstSeen::new();
        for b in &scheme.body_fields {
            if b.value.is_empty() {
                self.err(file, b.pos, "empty body field name", None);
            }
            if body.repeated(b.value.as_str(), ()).is_some() {
                self.err(
                    file,
                    b.pos,
                    format!("duplicate body field `{}`", b.value),
                    None,
                );
            }
        }
    }

    /// Credential names and variables, and that they are the ones the protocol's runtime
    /// `from_env` reads. A spec may list fewer credentials than the runtime reads (the key
    /// documents; an empty list documents nothing), but not other ones.
    fn credentials(&mut self, file: &Path, protocol: ProtocolRef, credentials: &[Credential]) {
        let mut seen = FirstSeen::new();
        for c in credentials {
            if let Some(line) = seen.repeated(c.name.value.as_str(), c.name.pos.line) {
                self.err(
                    file,
                    c.name.pos,
                    format!(
                        "duplicate credential `{}` (first at line {line})",
                        c.name.value
                    ),
                    None,
                );
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
            } else {
                self.runtime_env_var(file, protocol, c);
            }
            self.docs(
                file,
                &c.docs,
                c.name.pos,
                &format!("docs of credential `{}`", c.name.value),
            );
        }
    }

    /// A credential the runtime reads under another variable, or not at all.
    fn runtime_env_var(&mut self, file: &Path, protocol: ProtocolRef, c: &Credential) {
        let from_env = format!(
            "`bindery_runtime::{}::{}`",
            protocol.runtime_module, protocol.env_reader
        );
        let known = protocol
            .env_vars
            .iter()
            .find(|(name, _)| *name == c.name.value);
        match known {
            Some((_, var)) if *var == c.env.value => {}
            Some((_, var)) => self.err(
                file,
                c.env.pos,
                format!(
                    "credential `{}` names environment variable `{}`, but the runtime reads `{var}`",
                    c.name.value, c.env.value
                ),
                Some(format!(
                    "{from_env} reads `{var}`; set `env: {var}`"
                )),
            ),
            None => self.err(
                file,
                c.name.pos,
                format!(
                    "credential `{}` is not one the `{}` runtime reads from the environment",
                    c.name.value, protocol.name
                ),
                Some(if protocol.env_vars.is_empty() {
                    "the protocol's runtime reads no credentials from the environment".to_owned()
                } else if let Some(best) = did_you_mean(
                    &c.name.value,
                    protocol.env_vars.iter().map(|(name, _)| *name),
                ) {
                    format!("did you mean `{best}`?")
                } else {
                    format!(
                        "{from_env} reads the credentials {}",
                        backticked(protocol.env_vars.iter().map(|(name, _)| *name))
                    )
                }),
            ),
        }
    }

    pub(super) fn rate_limit(&mut self, file: &Path, rl: &RateLimit) {
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
    pub(super) fn app_wide_limits(&mut self, input: &ProviderInput<'_>) {
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

    pub(super) fn error_codes(
        &mut self,
        file: &Path,
        errors: &[ErrorCode],
        protocol: Option<ProtocolRef>,
    ) {
        let mut seen = FirstSeen::new();
        for e in errors {
            let code = &e.code;
            let key = code.value.to_string();
            if let Some(line) = seen.repeated(key.clone(), code.pos.line) {
                self.err(
                    file,
                    code.pos,
                    format!("duplicate error code `{key}` (first at line {line})"),
                    None,
                );
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
}

/// The names of the protocols of the table that `pick` selects.
pub(super) fn protocols_where(
    pick: fn(&ProtocolDef) -> bool,
) -> impl Iterator<Item = &'static str> {
    protocols::PROTOCOLS
        .iter()
        .filter(move |d| pick(d))
        .map(|d| d.name)
}

/// `` `a` `` , `` `a` and `b` ``, `` `a`, `b` and `c` ``.
pub(super) fn and_list(items: impl Iterator<Item = &'static str>) -> String {
    let items: Vec<String> = items.map(|s| format!("`{s}`")).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Why a vendor code does not fit the protocol's kind of codes.
pub(super) fn code_kind_problem(code: &Value, protocol: &ProtocolDef) -> Option<String> {
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
pub(super) fn base_url_problem(url: &str) -> Option<String> {
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

pub(super) fn is_lower_word(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

pub(super) fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && m.len() == 2 && d.len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
}

pub(super) fn is_env_var(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
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
    fn checks_dates() {
        assert!(is_date("2020-11-11"));
        assert!(!is_date("2020-1-11"));
    }

    #[test]
    fn lists_with_and() {
        assert_eq!(and_list(["a"].into_iter()), "`a`");
        assert_eq!(and_list(["a", "b", "c"].into_iter()), "`a`, `b` and `c`");
    }
}
