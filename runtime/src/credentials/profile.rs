//! Profile files: the user's home directory, the INI dialect and one section of a file,
//! with errors that name the file, the section and the key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Source, optional_var};
use crate::error::Error;

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
