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

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Error;

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
    /// Where it came from, in words ([`Source`]).
    origin: String,
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
        source: &Source,
        env: Option<&'static str>,
        key: Option<&'static str>,
        value: &'a str,
    ) -> Self {
        Given {
            what,
            origin: source.describe(env, key),
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
            origin,
            value,
            header,
        } = self;
        if value.trim().is_empty() {
            Some(format!("empty {what} ({origin})"))
        } else if *header && !is_header_safe(value) {
            Some(format!(
                "{what} ({origin}) holds a character that cannot be sent in an HTTP header \
                 (only visible ASCII is allowed: no spaces, control or non-ASCII characters)"
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

/// The user's home directory: `HOME`, or on Windows `USERPROFILE` when `HOME`
/// is not set.
pub(crate) fn home_dir(
    provider: &'static str,
    lookup: &impl Fn(&str) -> Option<String>,
) -> Result<PathBuf, Error> {
    if let Some(home) = optional_var(lookup, "HOME") {
        return Ok(PathBuf::from(home));
    }
    if cfg!(windows)
        && let Some(home) = optional_var(lookup, "USERPROFILE")
    {
        return Ok(PathBuf::from(home));
    }
    let tried = if cfg!(windows) {
        "neither `HOME` nor `USERPROFILE` is set"
    } else {
        "environment variable `HOME` is not set"
    };
    Err(Error::Credentials {
        provider,
        message: format!("cannot locate the home directory: {tried}"),
    })
}

/// A parsed INI file: named sections of `key = value` pairs.
///
/// The dialect is the common one: `[section]` headers; `key = value` or
/// `key: value` (split at the first `=` or `:`); whole-line comments starting
/// with `#` or `;`; blank lines ignored; names and values trimmed. Keys are
/// compared case-insensitively, section names exactly. Comments after a value
/// are *not* stripped (a `;` or `#` may be part of a secret). A later
/// duplicate key or section adds to / overrides an earlier one. Pairs before
/// the first section header are ignored.
#[derive(Default)]
pub(crate) struct Ini {
    sections: BTreeMap<String, BTreeMap<String, String>>,
}

impl Ini {
    /// Parses `text`; `Err` carries the 1-based number of the first line that
    /// is neither blank, a comment, a section header nor a pair (the line
    /// itself is not reported: it may hold a secret).
    pub(crate) fn parse(text: &str) -> Result<Ini, usize> {
        let mut ini = Ini::default();
        let mut current: Option<String> = None;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[') {
                let name = header.strip_suffix(']').ok_or(index + 1)?.trim();
                ini.sections.entry(name.to_owned()).or_default();
                current = Some(name.to_owned());
                continue;
            }
            let split = line.find(['=', ':']).ok_or(index + 1)?;
            let key = line[..split].trim();
            if key.is_empty() {
                return Err(index + 1);
            }
            let value = line[split + 1..].trim();
            if let Some(section) = &current {
                ini.sections
                    .entry(section.clone())
                    .or_default()
                    .insert(key.to_ascii_lowercase(), value.to_owned());
            }
        }
        Ok(ini)
    }

    /// The pairs of section `name`, keys lower-cased.
    pub(crate) fn section(&self, name: &str) -> Option<&BTreeMap<String, String>> {
        self.sections.get(name)
    }
}

/// One section of a profile file, with errors that name the file, the section
/// and the key.
pub(crate) struct ProfileSection<'a> {
    provider: &'static str,
    path: &'a Path,
    section: &'a str,
    pairs: BTreeMap<String, String>,
}

impl<'a> ProfileSection<'a> {
    /// Reads and parses `path` and picks `section`.
    pub(crate) fn load(
        provider: &'static str,
        path: &'a Path,
        section: &'a str,
    ) -> Result<Self, Error> {
        let fail = |message: String| Error::Credentials { provider, message };
        let text = std::fs::read_to_string(path).map_err(|e| {
            fail(format!(
                "cannot read profile file `{}`: {e}",
                path.display()
            ))
        })?;
        let ini = Ini::parse(&text).map_err(|line| {
            fail(format!(
                "profile file `{}`: line {line} is not `[section]`, `key = value` or a comment",
                path.display()
            ))
        })?;
        let pairs = ini.section(section).cloned().ok_or_else(|| {
            fail(format!(
                "profile file `{}` has no section `[{section}]`",
                path.display()
            ))
        })?;
        Ok(ProfileSection {
            provider,
            path,
            section,
            pairs,
        })
    }

    /// A required key: present and not empty.
    pub(crate) fn required(&self, key: &str) -> Result<String, Error> {
        let problem = match self.pairs.get(key) {
            Some(value) if !value.is_empty() => return Ok(value.clone()),
            Some(_) => "is empty",
            None => "is missing",
        };
        Err(Error::Credentials {
            provider: self.provider,
            message: format!(
                "profile file `{}`: key `{key}` in section `[{}]` {problem}",
                self.path.display(),
                self.section
            ),
        })
    }

    /// An optional key: `None` when missing or empty.
    pub(crate) fn optional(&self, key: &str) -> Option<String> {
        self.pairs.get(key).filter(|v| !v.is_empty()).cloned()
    }

    /// The source values read from this section have.
    pub(crate) fn source(&self) -> Source {
        Source::Profile {
            path: self.path.to_path_buf(),
            section: self.section.to_owned(),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    /// A lookup over fixed pairs, for `from_lookup` tests.
    pub(crate) fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| map.get(name).cloned()
    }

    /// A file under the temp directory with a name unique to this process and
    /// call; removed on drop.
    pub(crate) struct TempFile(pub(crate) PathBuf);

    impl TempFile {
        pub(crate) fn with(contents: &str) -> Self {
            static NEXT: AtomicU64 = AtomicU64::new(0);
            let name = format!(
                "bindery-runtime-test-{}-{}.ini",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            );
            let path = std::env::temp_dir().join(name);
            std::fs::write(&path, contents).expect("temp dir is writable");
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn message(error: Error) -> String {
        match error {
            Error::Credentials { message, .. } => message,
            other => panic!("expected a credentials error, got {other}"),
        }
    }

    #[test]
    fn empty_given_credentials_are_named_with_their_source_never_shown() {
        let env = Source::Env;
        let code = Source::Code("Credentials::new");
        let profile = Source::Profile {
            path: PathBuf::from("/home/me/.tencentcloud/credentials"),
            section: "default".to_owned(),
        };
        let given = [
            Given::new(
                "SecretId",
                &env,
                Some("TENCENTCLOUD_SECRET_ID"),
                None,
                "AKID",
            ),
            Given::new(
                "SecretKey",
                &env,
                Some("TENCENTCLOUD_SECRET_KEY"),
                None,
                " \n",
            ),
            Given::new("user id", &code, None, None, ""),
            Given::new("token", &profile, None, Some("token"), "\t"),
        ];
        assert_eq!(
            check_given("Bind", &given),
            Err(
                "operation `Bind` cannot be authorised: empty SecretKey (environment variable \
                 `TENCENTCLOUD_SECRET_KEY`), empty user id (given in code to `Credentials::new`), \
                 empty token (key `token` in section `[default]` of profile file \
                 `/home/me/.tencentcloud/credentials`)"
                    .to_owned()
            )
        );
        assert_eq!(check_given("Bind", &given[..1]), Ok(()));
        assert_eq!(check_given("Bind", &[]), Ok(()));
    }

    #[test]
    fn header_values_must_be_visible_ascii() {
        assert!(is_header_safe("AKID-x_1.2~/+="));
        for bad in ["", "a b", "a\tb", "a\r\nb", "caf\u{e9}", "\u{7f}", "令牌"] {
            assert!(!is_header_safe(bad), "{bad:?}");
        }
        let code = Source::Code("Credentials::with_token");
        let given =
            [Given::new("session token", &code, None, None, "TOK\u{e9}N-VALUE").in_header()];
        let message = check_given("Bind", &given).unwrap_err();
        assert!(
            message.contains("session token (given in code to `Credentials::with_token`)")
                && message.contains("HTTP header")
                && !message.contains("TOK"),
            "{message}"
        );
        // The same value outside a header is fine.
        let body = [Given::new("secret", &code, None, None, "caf\u{e9}")];
        assert_eq!(check_given("Bind", &body), Ok(()));
    }

    #[test]
    fn required_and_optional_vars() {
        let env = lookup(&[("SET", "  value \n"), ("EMPTY", ""), ("BLANK", "  ")]);
        assert_eq!(required_var("p", &env, "SET").unwrap(), "value");
        let unset = message(required_var("p", &env, "UNSET").unwrap_err());
        assert_eq!(unset, "environment variable `UNSET` is not set");
        let empty = message(required_var("p", &env, "EMPTY").unwrap_err());
        assert_eq!(empty, "environment variable `EMPTY` is empty");
        let blank = message(required_var("p", &env, "BLANK").unwrap_err());
        assert_eq!(blank, "environment variable `BLANK` is empty");
        assert_eq!(optional_var(&env, "SET").as_deref(), Some("value"));
        assert_eq!(optional_var(&env, "EMPTY"), None);
        assert_eq!(optional_var(&env, "UNSET"), None);
    }

    #[test]
    fn real_process_env_is_read() {
        // PATH is set in any environment the tests run in; nothing is mutated.
        let from_process = process_env("PATH");
        assert_eq!(from_process, std::env::var("PATH").ok());
        assert_eq!(
            process_env("BINDERY_RUNTIME_TEST_SURELY_UNSET_7f3a9c"),
            None
        );
    }

    #[test]
    fn home_directory() {
        let home = home_dir("p", &lookup(&[("HOME", "/home/me")])).unwrap();
        assert_eq!(home, PathBuf::from("/home/me"));
        let none = message(home_dir("p", &lookup(&[("HOME", "")])).unwrap_err());
        assert!(none.contains("HOME"), "{none}");
        if cfg!(windows) {
            let home = home_dir("p", &lookup(&[("USERPROFILE", r"C:\Users\me")])).unwrap();
            assert_eq!(home, PathBuf::from(r"C:\Users\me"));
        } else {
            // USERPROFILE is a Windows convention only.
            assert!(home_dir("p", &lookup(&[("USERPROFILE", "/x")])).is_err());
        }
    }

    #[test]
    fn ini_dialect() {
        let text = "\u{feff}orphan = ignored\n\
                    # comment\n\
                    ; another comment\n\
                    \n\
                    [default]\n\
                    Secret_Id = AKID-1 \n\
                    secret_key=  k;ey#1  \n\
                    \t[ other ]\n\
                    secret_id: AKID-2\n\
                    url = http://host:80/x\n\
                    [default]\n\
                    token =\n";
        let ini = Ini::parse(text).unwrap();
        let default = ini.section("default").unwrap();
        assert_eq!(default.get("secret_id").map(String::as_str), Some("AKID-1"));
        assert_eq!(
            default.get("secret_key").map(String::as_str),
            Some("k;ey#1")
        );
        assert_eq!(default.get("token").map(String::as_str), Some(""));
        let other = ini.section("other").unwrap();
        assert_eq!(other.get("secret_id").map(String::as_str), Some("AKID-2"));
        assert_eq!(
            other.get("url").map(String::as_str),
            Some("http://host:80/x")
        );
        assert!(ini.section("orphan").is_none());
        assert!(ini.section("").is_none());
        assert!(ini.section("Default").is_none());
    }

    #[test]
    fn ini_errors_give_the_line_only() {
        assert_eq!(Ini::parse("[a]\nkey = v\njust words\n").err(), Some(3));
        assert_eq!(Ini::parse("[unclosed\n").err(), Some(1));
        assert_eq!(Ini::parse("[a]\n = value\n").err(), Some(2));
        assert!(Ini::parse("").is_ok());
        // Windows line endings.
        let ini = Ini::parse("[a]\r\nk = v\r\n").unwrap();
        assert_eq!(
            ini.section("a").unwrap().get("k").map(String::as_str),
            Some("v")
        );
    }

    #[test]
    fn profile_section_errors_name_file_section_and_key() {
        let file = TempFile::with("[default]\nsecret_id = AKID\nsecret_key =\n");
        let shown = file.0.display().to_string();
        let section = ProfileSection::load("p", &file.0, "default").unwrap();
        assert_eq!(section.required("secret_id").unwrap(), "AKID");
        let missing = message(section.required("token").unwrap_err());
        assert!(
            missing.contains(&shown) && missing.contains("`token`") && missing.contains("missing"),
            "{missing}"
        );
        let empty = message(section.required("secret_key").unwrap_err());
        assert!(
            empty.contains("`secret_key`") && empty.contains("empty"),
            "{empty}"
        );
        assert_eq!(section.optional("secret_key"), None);

        let no_section = message(ProfileSection::load("p", &file.0, "prod").err().unwrap());
        assert!(
            no_section.contains(&shown) && no_section.contains("[prod]"),
            "{no_section}"
        );

        let absent = file.0.with_extension("absent");
        let unreadable = message(ProfileSection::load("p", &absent, "default").err().unwrap());
        assert!(
            unreadable.contains(&absent.display().to_string()),
            "{unreadable}"
        );
    }

    #[test]
    fn malformed_profile_line_is_reported_without_its_text() {
        let file = TempFile::with("[default]\nsecret_key TOPSECRET\n");
        let text = message(ProfileSection::load("p", &file.0, "default").err().unwrap());
        assert!(
            text.contains("line 2") && !text.contains("TOPSECRET"),
            "{text}"
        );
    }
}
