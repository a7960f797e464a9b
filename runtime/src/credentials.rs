//! Where credentials come from: environment variables and INI profile files.
//!
//! The public entry points live on each vendor's credential type (`from_env`,
//! `from_lookup`, Tencent's `from_profile`, …, under `vendor/`), which name their
//! variables in one `ENV_VARS` table per vendor; this module holds what they share.
//! Every `from_env` reads through a *lookup* function (`Fn(&str) -> Option<String>`),
//! so the same code can be tested against a map instead of the process environment.
//!
//! Values are trimmed of surrounding whitespace; a variable that is unset or
//! holds only whitespace is an error for a required credential and "absent"
//! for an optional one. Error messages name variables, files, sections and
//! keys, never values.
//!
//! Each credential type remembers where its values came from ([`Source`]):
//! a constructor in code, the environment, or a profile file. The check run
//! before every call ([`check_given`]) names that real source for a bad value
//! ("given in code to `Credentials::new`", "environment variable `…`", "key
//! `…` in section `[…]` of profile file `…`"), and refuses values bound for an
//! HTTP header that are not visible ASCII ([`is_header_safe`]).

use std::path::PathBuf;

use crate::error::Error;

mod profile;
pub(crate) use profile::{ProfileSection, home_dir};

/// Reads a variable of the process environment (a value that is not valid
/// Unicode counts as unset).
pub(crate) fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A required variable: trimmed, neither unset nor empty.
pub(crate) fn required_var(
    provider: &'static str,
    lookup: &impl Fn(&str) -> Option<String>,
    name: &str,
) -> Result<String, Error> {
    match lookup(name) {
        None => Err(Error::Credentials {
            provider,
            message: format!("environment variable `{name}` is not set"),
        }),
        Some(value) if value.trim().is_empty() => Err(Error::Credentials {
            provider,
            message: format!("environment variable `{name}` is empty"),
        }),
        Some(value) => Ok(value.trim().to_owned()),
    }
}

/// The variable a vendor's `ENV_VARS` table (spec credential name → variable) names for
/// credential `name`. Meant for `const` items, so a name missing from the table fails the
/// build instead of a `from_env` call.
pub(crate) const fn env_var(table: &[(&str, &'static str)], name: &str) -> &'static str {
    let mut index = 0;
    while index < table.len() {
        if const_str_eq(table[index].0, name) {
            return table[index].1;
        }
        index += 1;
    }
    panic!("a credential name missing from the vendor's ENV_VARS table")
}

/// `a == b`, which `str` does not offer in `const` code yet.
const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// Where a credential type's values came from, so that an error about one
/// of them names the real source: the code that built it, the environment
/// variable or the profile file key. Kept beside the values; shown by `Debug`
/// (it holds names and paths, never values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Passed to a constructor or builder method, named here (`"Credentials::new"`).
    Code(&'static str),
    /// Read by `from_env` / `from_lookup` from the variables named in [`Given`].
    Env,
    /// Read from section `section` of the profile file at `path`.
    Profile {
        /// The file.
        path: PathBuf,
        /// The section.
        section: String,
    },
}

impl Source {
    /// Where a value of this source was taken from, in words: given in code
    /// (`ctor`), environment variable `env`, or key `key` of the profile.
    fn describe(&self, env: Option<&str>, key: Option<&str>) -> String {
        match (self, env, key) {
            (Source::Code(ctor), _, _) => format!("given in code to `{ctor}`"),
            (Source::Env, Some(env), _) => format!("environment variable `{env}`"),
            (Source::Profile { path, section }, _, Some(key)) => format!(
                "key `{key}` in section `[{section}]` of profile file `{}`",
                path.display()
            ),
            // A source that does not carry this value: say no more than that.
            (Source::Env, None, _) => "read from the environment".to_owned(),
            (Source::Profile { path, .. }, _, None) => {
                format!("read from profile file `{}`", path.display())
            }
        }
    }
}

/// One credential value as the caller gave it, for [`check_given`].
pub(crate) struct Given<'a> {
    /// What it is, as the vendor calls it (`"SecretKey"`, `"app secret"`).
    what: &'static str,
    /// Where it came from ([`Source`]), and the variable and profile key it is read from:
    /// put in words only for a message, as every call checks its credentials.
    source: &'a Source,
    env: Option<&'static str>,
    key: Option<&'static str>,
    /// The value (only its blankness and characters are looked at; it never
    /// reaches a message).
    value: &'a str,
    /// Whether it is sent in an HTTP header (then only visible ASCII will do).
    header: bool,
}

impl<'a> Given<'a> {
    /// A credential `what` with `value` from `source`, which reads it (when it
    /// is an environment or profile source) from variable `env` or key `key`.
    pub(crate) fn new(
        what: &'static str,
        source: &'a Source,
        env: Option<&'static str>,
        key: Option<&'static str>,
        value: &'a str,
    ) -> Self {
        Given {
            what,
            source,
            env,
            key,
            value,
            header: false,
        }
    }

    /// Marks the value as sent in an HTTP header.
    #[must_use]
    pub(crate) fn in_header(mut self) -> Self {
        self.header = true;
        self
    }

    /// What is wrong with the value, if anything, naming it and its origin.
    fn problem(&self) -> Option<String> {
        let Given {
            what,
            value,
            header,
            ..
        } = self;
        let origin = || self.source.describe(self.env, self.key);
        if value.trim().is_empty() {
            Some(format!("empty {what} ({})", origin()))
        } else if *header && !is_header_safe(value) {
            Some(format!(
                "{what} ({}) holds a character that cannot be sent in an HTTP header \
                 (only visible ASCII is allowed: no spaces, control or non-ASCII characters)",
                origin()
            ))
        } else {
            None
        }
    }
}

/// Whether `value` can go into an HTTP header as it is: visible ASCII only.
///
/// `http` accepts bytes from 0x80 up (and tabs) in header values and sends them
/// raw; no vendor token, id or region holds such characters, so one that does
/// is a mistake (a pasted value, a wrong encoding) better refused than sent.
pub(crate) fn is_header_safe(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_graphic())
}

/// Checks the credentials `op_name` is authorised with: none may be empty (or
/// only whitespace), since such a value would go on the wire and earn a
/// vendor error at best, and those sent in HTTP headers must be visible ASCII.
/// `Err` names every bad one and where it came from, never a value.
pub(crate) fn check_given(op_name: &str, given: &[Given<'_>]) -> Result<(), String> {
    let problems: Vec<String> = given.iter().filter_map(Given::problem).collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "operation `{op_name}` cannot be authorised: {}",
            problems.join(", ")
        ))
    }
}

/// An optional variable: trimmed, `None` when unset or empty.
pub(crate) fn optional_var(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name)
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
pub(crate) mod tests;
