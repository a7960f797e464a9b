//! Reading an `api-spec/` tree into a checked [`SpecSet`].
//!
//! Every file is parsed on its own; a structural error (serde stops at the first one) is
//! reported for that file and the others are still read. Then
//! [`validate`](super::validate::validate) runs over everything that parsed, and all problems
//! are returned together.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::de::DeserializeOwned;
use serde_saphyr::{MessageFormatter, budget::BudgetBreach};

use super::model::{CrateFile, EndpointFile, ProviderFile, TypesFile};
use super::span::{Pos, normalise_line_endings};
use super::validate::{ProviderInput, validate_inputs};
use super::walk::{Entry, Walker, read_regular_file};
use crate::diagnostics::{Diagnostic, Diagnostics, backticked, did_you_mean};

/// Every provider of a spec tree, sorted by folder name, each with its endpoints sorted by
/// relative path, so that everything downstream is deterministic.
#[derive(Clone, Debug)]
pub struct SpecSet {
    /// The folder that was loaded (as given to [`load`]).
    pub root: PathBuf,
    /// The generated crate's version, from `crate.yaml` ([`DEFAULT_CRATE_VERSION`] when the
    /// spec has no such file).
    pub version: semver::Version,
    /// The providers.
    pub providers: Vec<ProviderSpec>,
}

/// One provider folder.
#[derive(Clone, Debug)]
pub struct ProviderSpec {
    /// Path of `provider.yaml`, relative to the spec root (`fxiaoke/provider.yaml`).
    pub file: PathBuf,
    /// The parsed provider file.
    pub provider: ProviderFile,
    /// The provider's `types.yaml`, if it has one.
    pub types: Option<TypesSpec>,
    /// The endpoints, sorted by `file`.
    pub endpoints: Vec<EndpointSpec>,
}

/// A provider's `types.yaml`.
#[derive(Clone, Debug)]
pub struct TypesSpec {
    /// Path relative to the spec root (`tencent_ess/types.yaml`).
    pub file: PathBuf,
    /// The parsed file.
    pub types: TypesFile,
}

/// One endpoint file.
#[derive(Clone, Debug)]
pub struct EndpointSpec {
    /// Path relative to the spec root (`fxiaoke/er/get_mapper_object_id.yaml`).
    pub file: PathBuf,
    /// Folders between the provider folder and the file, in order (`["er"]`); they become
    /// Rust modules.
    pub modules: Vec<String>,
    /// File stem (`get_mapper_object_id`); it becomes the method and module name.
    pub stem: String,
    /// The parsed endpoint file.
    pub spec: EndpointFile,
}

/// The file at the spec root that holds the generated crate's version.
pub const CRATE_FILE: &str = "crate.yaml";

/// The generated crate's version when the spec has no `crate.yaml`.
pub const DEFAULT_CRATE_VERSION: semver::Version = semver::Version::new(0, 1, 0);

/// Folders nested deeper than this below a provider are not read (and reported).
const MAX_DEPTH: usize = 16;

/// Reads and checks every spec file below `root`.
///
/// All problems found are returned together, each with its file, line and column.
pub fn load(root: &Path) -> Result<SpecSet, Diagnostics> {
    let mut loader = Loader {
        root,
        walker: None,
        errors: Vec::new(),
        version: None,
    };
    let partials = loader.read_tree();
    let version = loader.version.take().unwrap_or(DEFAULT_CRATE_VERSION);
    let inputs: Vec<ProviderInput<'_>> = partials
        .iter()
        .map(|p| ProviderInput {
            folder: p.folder.clone(),
            file: p.file.clone(),
            provider: p.provider.as_ref(),
            types: p.types.as_ref(),
            types_broken: p.types_broken,
            endpoints: p.endpoints.iter().collect(),
        })
        .collect();
    let mut errors = loader.errors;
    errors.extend(validate_inputs(root, &inputs));
    drop(inputs);
    if !errors.is_empty() {
        return Err(Diagnostics(errors));
    }
    let mut providers = Vec::new();
    for p in partials {
        // Without errors every provider has its file; a missing one was reported.
        if let Some(provider) = p.provider {
            providers.push(ProviderSpec {
                file: p.file,
                provider,
                types: p.types,
                endpoints: p.endpoints,
            });
        }
    }
    Ok(SpecSet {
        root: root.to_path_buf(),
        version,
        providers,
    })
}

/// What kind of spec file is being read; named in messages about the file as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Crate,
    Provider,
    Types,
    Endpoint,
}

impl FileKind {
    /// `a provider file`, for "the keys of ...".
    fn describe(self) -> &'static str {
        match self {
            FileKind::Crate => "the crate file",
            FileKind::Provider => "a provider file",
            FileKind::Types => "a types file",
            FileKind::Endpoint => "an endpoint file",
        }
    }

    /// `the provider file`, for "missing key ... in ...".
    fn the(self) -> &'static str {
        match self {
            FileKind::Crate => "the crate file",
            FileKind::Provider => "the provider file",
            FileKind::Types => "the types file",
            FileKind::Endpoint => "the endpoint file",
        }
    }
}

/// A provider folder as read, before it is known whether everything parsed.
struct Partial {
    folder: String,
    file: PathBuf,
    provider: Option<ProviderFile>,
    types: Option<TypesSpec>,
    types_broken: bool,
    endpoints: Vec<EndpointSpec>,
}

struct Loader<'a> {
    root: &'a Path,
    /// Set once the root is known to be a folder.
    walker: Option<Walker<'a>>,
    errors: Vec<Diagnostic>,
    version: Option<semver::Version>,
}

impl Loader<'_> {
    fn error(&mut self, rel: &Path, pos: Pos, message: String, help: Option<String>) {
        self.errors
            .push(Diagnostic::new(self.root.join(rel), pos, message, help));
    }

    /// The entries of a folder that may be read, sorted by name (see [`super::walk`]).
    fn list(&mut self, folder: &Entry) -> Vec<Entry> {
        match &self.walker {
            Some(walker) => walker.list(folder, &mut self.errors),
            None => Vec::new(),
        }
    }

    fn read_tree(&mut self) -> Vec<Partial> {
        let root = match Walker::new(self.root) {
            Ok((walker, root)) => {
                self.walker = Some(walker);
                root
            }
            Err(problem) => {
                self.errors.push(problem);
                return Vec::new();
            }
        };
        let mut partials = Vec::new();
        for entry in self.list(&root) {
            if entry.is_dir {
                partials.push(self.read_provider(&entry));
            } else if entry.name == CRATE_FILE {
                self.read_crate_file(&entry);
            } else if yaml_like_extension(&entry.name).is_some() {
                self.error(
                    &entry.rel,
                    Pos::START,
                    format!(
                        "`{}` is directly in the spec folder; spec files belong in a provider folder",
                        entry.name
                    ),
                    Some("move it to `<provider>/`".to_owned()),
                );
            }
            // README.md, spec.schema.json and other files at the root are not spec files.
        }
        partials
    }

    fn read_crate_file(&mut self, entry: &Entry) {
        let Some(text) = self.read_text(entry) else {
            return;
        };
        let Some(file) = self.parse::<CrateFile>(&entry.rel, &text, FileKind::Crate) else {
            return;
        };
        match semver::Version::parse(file.version.value.trim()) {
            Ok(version) => self.version = Some(version),
            Err(err) => self.error(
                &entry.rel,
                file.version.pos,
                format!(
                    "`{}` is not a semver version ({err})",
                    file.version.value.trim()
                ),
                Some("expected `MAJOR.MINOR.PATCH`, e.g. `0.1.0`".to_owned()),
            ),
        }
    }

    fn read_provider(&mut self, folder: &Entry) -> Partial {
        let mut partial = Partial {
            folder: folder.name.clone(),
            file: folder.rel.join("provider.yaml"),
            provider: None,
            types: None,
            types_broken: false,
            endpoints: Vec::new(),
        };
        let mut found_provider = false;
        let mut endpoint_files = Vec::new();
        for entry in self.list(folder) {
            if entry.is_dir {
                self.collect_endpoints(&entry, vec![entry.name.clone()], &mut endpoint_files);
            } else if entry.name == "provider.yaml" {
                found_provider = true;
                if let Some(text) = self.read_text(&entry) {
                    partial.provider = self.parse(&entry.rel, &text, FileKind::Provider);
                }
            } else if entry.name == "types.yaml" {
                let parsed = self
                    .read_text(&entry)
                    .and_then(|text| self.parse::<TypesFile>(&entry.rel, &text, FileKind::Types));
                match parsed {
                    Some(types) => {
                        partial.types = Some(TypesSpec {
                            file: entry.rel.clone(),
                            types,
                        });
                    }
                    None => partial.types_broken = true,
                }
            } else if self.is_endpoint_file(&entry) {
                endpoint_files.push((entry, Vec::new()));
            }
        }
        if !found_provider {
            self.error(
                &folder.rel,
                Pos::START,
                format!("provider folder `{}` has no `provider.yaml`", folder.name),
                Some(
                    "every folder of the spec root is a provider and needs a `provider.yaml`"
                        .to_owned(),
                ),
            );
        }
        endpoint_files.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
        for (entry, modules) in endpoint_files {
            let Some(text) = self.read_text(&entry) else {
                continue;
            };
            let Some(spec) = self.parse::<EndpointFile>(&entry.rel, &text, FileKind::Endpoint)
            else {
                continue;
            };
            let stem = entry
                .name
                .strip_suffix(".yaml")
                .unwrap_or(&entry.name)
                .to_owned();
            partial.endpoints.push(EndpointSpec {
                file: entry.rel,
                modules,
                stem,
                spec,
            });
        }
        partial
    }

    fn collect_endpoints(
        &mut self,
        folder: &Entry,
        modules: Vec<String>,
        out: &mut Vec<(Entry, Vec<String>)>,
    ) {
        if modules.len() > MAX_DEPTH {
            self.error(
                &folder.rel,
                Pos::START,
                format!("folders are nested more than {MAX_DEPTH} levels deep"),
                None,
            );
            return;
        }
        for entry in self.list(folder) {
            if entry.is_dir {
                let mut inner = modules.clone();
                inner.push(entry.name.clone());
                self.collect_endpoints(&entry, inner, out);
            } else if self.is_endpoint_file(&entry) {
                out.push((entry, modules.clone()));
            }
        }
    }

    /// Whether a file below a provider folder is an endpoint; reports `.yml` and other
    /// spellings of the extension.
    fn is_endpoint_file(&mut self, entry: &Entry) -> bool {
        match yaml_like_extension(&entry.name) {
            Some("yaml") => true,
            Some(ext) => {
                let stem = entry
                    .name
                    .get(..entry.name.len().saturating_sub(ext.len() + 1))
                    .unwrap_or_default();
                self.error(
                    &entry.rel,
                    Pos::START,
                    format!("spec files use the `.yaml` extension, found `.{ext}`"),
                    Some(format!("rename it to `{stem}.yaml`")),
                );
                false
            }
            None => false,
        }
    }

    fn read_text(&mut self, entry: &Entry) -> Option<String> {
        let bytes = match read_regular_file(&entry.abs) {
            Ok(Some(bytes)) => bytes,
            // Listed as a regular file, but something else by the time it was opened.
            Ok(None) => {
                self.error(
                    &entry.rel,
                    Pos::START,
                    "the file changed into something that is not a regular file; it is not read"
                        .to_owned(),
                    None,
                );
                return None;
            }
            Err(err) => {
                self.error(
                    &entry.rel,
                    Pos::START,
                    format!("cannot read the file: {err}"),
                    None,
                );
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => Some(match normalise_line_endings(&text) {
                Cow::Borrowed(_) => text,
                Cow::Owned(normalised) => normalised,
            }),
            Err(err) => {
                let valid = err.as_bytes().get(..err.utf8_error().valid_up_to());
                let prefix = valid
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .unwrap_or_default();
                self.error(
                    &entry.rel,
                    end_pos(&normalise_line_endings(prefix)),
                    "the file is not valid UTF-8 text".to_owned(),
                    None,
                );
                None
            }
        }
    }

    fn parse<T: DeserializeOwned>(&mut self, rel: &Path, text: &str, kind: FileKind) -> Option<T> {
        if is_blank(text) {
            self.error(
                rel,
                Pos { line: 1, column: 1 },
                format!(
                    "the file is empty; expected a mapping with the keys of {}",
                    kind.describe()
                ),
                None,
            );
            return None;
        }
        let options = serde_saphyr::options! {
            with_snippet: false,
            strict_booleans: true,
        };
        match serde_saphyr::from_str_with_options::<T>(text, options) {
            Ok(value) => Some(value),
            Err(err) => {
                let (pos, message, help) = translate(&err, text, kind);
                self.error(rel, pos, message, help);
                None
            }
        }
    }
}

/// The extension of a file if it is some spelling of YAML (`yaml`, `yml`, `YAML`, ...).
fn yaml_like_extension(name: &str) -> Option<&str> {
    let (_, ext) = name.rsplit_once('.')?;
    let lower = ext.to_ascii_lowercase();
    (lower == "yaml" || lower == "yml").then_some(ext)
}

/// Whether the text has nothing but blank lines and comments.
fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    })
}

/// The position just after `prefix` (1-based).
fn end_pos(prefix: &str) -> Pos {
    let line = prefix.matches('\n').count() as u64 + 1;
    let last = prefix.rsplit('\n').next().unwrap_or_default();
    Pos {
        line,
        column: last.chars().count() as u64 + 1,
    }
}

// ---------------------------------------------------------------------------------------------
// Turning serde-saphyr errors into one-line messages.
// ---------------------------------------------------------------------------------------------

/// Position, message and help for a parse error.
fn translate(
    err: &serde_saphyr::Error,
    text: &str,
    kind: FileKind,
) -> (Pos, String, Option<String>) {
    use serde_saphyr::Error as E;
    let err = err.without_snippet();
    let pos = err
        .location()
        .map(|l| Pos {
            line: l.line(),
            column: l.column(),
        })
        .map_or(Pos::START, Pos::or_start);
    let src = Source::new(text);
    match err {
        #[allow(deprecated)]
        E::AliasError { error, .. } => translate(error, text, kind),
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let what = what_from_expected(expected);
            let help = match did_you_mean(field, expected.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None if expected.is_empty() => "this mapping takes no keys".to_owned(),
                None => format!("expected one of {}", backticked(expected.iter())),
            };
            (pos, format!("unknown key `{field}` in {what}"), Some(help))
        }
        E::SerdeMissingField { field, .. } => {
            let start = src
                .flow_mapping_start(pos)
                .unwrap_or_else(|| src.mapping_start(pos));
            let what = match src.context(start) {
                Some(ctx) => what_from_parent(&ctx.key),
                None if start.column <= 1 => Some(kind.the()),
                None => None,
            };
            let message = match what {
                Some(what) => format!("missing key `{field}` in {what}"),
                None => format!("missing key `{field}`"),
            };
            (start, message, None)
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let prefix = src.key_prefix(pos);
            let help = did_you_mean(variant, expected.iter().copied())
                .map(|s| format!("did you mean `{s}`?"));
            (
                pos,
                format!(
                    "{prefix}unknown value `{variant}`, expected one of {}",
                    backticked(expected.iter())
                ),
                help,
            )
        }
        E::InvalidBooleanStrict { .. } => src.mismatch(pos, "a boolean (`true` or `false`)"),
        E::InvalidScalar { ty, .. } => src.mismatch(pos, expected_for_scalar(ty)),
        E::NullIntoString { .. } => src.mismatch(pos, "a string"),
        E::Unexpected { expected, .. } => {
            let ctx = src.context(pos);
            let expected_text: Cow<'static, str> = match *expected {
                "mapping start" => Cow::Borrowed("a mapping"),
                "sequence start" => Cow::Borrowed("a list"),
                _ => ctx
                    .as_ref()
                    .filter(|c| !c.item)
                    .and_then(|c| expected_for_key(&c.key))
                    .unwrap_or(Cow::Borrowed("a string")),
            };
            let (pos, mut message, mut help) = src.mismatch(pos, &expected_text);
            if expected_text == "a mapping" {
                if let Some(c) = &ctx {
                    help = match (c.key.as_str(), c.item) {
                        ("docs" | "summary" | "description", false) => Some(format!(
                            "write the text under `zh:` and/or `en:`, e.g. `{}: {{en: ...}}`",
                            c.key
                        )),
                        ("enum", true) => {
                            Some("write each value as a mapping: `- value: ...`".to_owned())
                        }
                        _ => None,
                    };
                } else {
                    message.push_str(&format!(" with the keys of {}", kind.describe()));
                }
            }
            (pos, message, help)
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            pos,
            format!(
                "{}found {}, expected {}",
                src.key_prefix(pos),
                one_line(unexpected),
                one_line(expected)
            ),
            None,
        ),
        E::DuplicateMappingKey { key, .. } => (
            pos,
            match key {
                Some(key) => format!("duplicate key `{}`", one_line(key)),
                None => "duplicate key".to_owned(),
            },
            Some("a key may appear only once in a mapping".to_owned()),
        ),
        E::MultipleDocuments { .. } => (
            pos,
            "the file holds more than one YAML document; a spec file is one mapping".to_owned(),
            Some("remove the `---` separator".to_owned()),
        ),
        E::Eof { .. } => (
            pos,
            format!(
                "the document is empty; expected a mapping with the keys of {}",
                kind.describe()
            ),
            None,
        ),
        E::NonFiniteFloat { value, .. } => (
            pos,
            format!(
                "{}`{}` is not a finite number",
                src.key_prefix(pos),
                one_line(value)
            ),
            None,
        ),
        E::Budget { breach, .. } => {
            let message = match breach {
                BudgetBreach::Depth { .. } => {
                    "the YAML is nested too deeply (more than 64 levels)".to_owned()
                }
                other => format!("the YAML is too large: {}", one_line(&format!("{other:?}"))),
            };
            (pos, message, None)
        }
        E::UnknownAnchor { .. } => (
            pos,
            "alias refers to an anchor that is not defined".to_owned(),
            None,
        ),
        other => {
            let message = serde_saphyr::DefaultMessageFormatter.format_message(other);
            (pos, format!("invalid YAML: {}", one_line(&message)), None)
        }
    }
}

/// The text on one line: control characters (and line breaks) become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Names the mapping an unknown key was found in from the keys it accepts.
fn what_from_expected(expected: &[&str]) -> &'static str {
    let has = |k: &str| expected.contains(&k);
    if has("protocol") {
        "the provider file"
    } else if has("idempotent") {
        "the endpoint file"
    } else if expected == ["types"] {
        "the types file"
    } else if has("enum") && has("open") {
        "a type"
    } else if has("value") && has("rust_name") {
        "an enum value"
    } else if has("const") {
        "a field"
    } else if has("min_length") {
        "`constraints`"
    } else if has("error_code") {
        "an example"
    } else if has("per_seconds") {
        "`rate_limit`"
    } else if has("service") {
        "`tencent_cloud`"
    } else if has("body_fields") {
        "an auth scheme"
    } else if has("env") {
        "a credential"
    } else if has("zh") {
        "docs"
    } else if has("url") {
        "a base URL"
    } else if has("message") && has("code") {
        "`envelope`"
    } else if has("code") {
        "an error code"
    } else {
        "this mapping"
    }
}

/// Names a mapping from the key it is the value (or an item) of.
fn what_from_parent(key: &str) -> Option<&'static str> {
    Some(match key {
        "base_urls" => "a base URL",
        "envelope" => "`envelope`",
        "auth" => "an auth scheme",
        "rate_limit" => "`rate_limit`",
        "credentials" => "a credential",
        "errors" => "an error code",
        "tencent_cloud" => "`tencent_cloud`",
        "types" => "a type",
        "fields" | "query" | "request" | "response" => "a field",
        "enum" => "an enum value",
        "constraints" => "`constraints`",
        "examples" => "an example",
        "docs" | "summary" | "description" => "docs",
        _ => return None,
    })
}

/// What a scalar key of the spec format holds, for type-mismatch messages.
fn expected_for_key(key: &str) -> Option<Cow<'static, str>> {
    if key == "protocol" {
        let names = backticked(crate::protocols::protocol_names());
        return Some(Cow::Owned(format!("one of {names}")));
    }
    Some(Cow::Borrowed(match key {
        "idempotent" | "open" | "required" | "secret" | "optional" => {
            "a boolean (`true` or `false`)"
        }
        "requests" | "per_seconds" => "a whole number from 0 to 4294967295",
        "min_length" | "max_length" | "min_items" | "max_items" => "a whole number (0 or more)",
        "success" | "multiple_of" => "an integer",
        "minimum" | "maximum" => "a number",
        "method" => "`GET` or `POST`",
        "scope" => "`endpoint` or `app`",
        _ => return None,
    }))
}

/// What serde-saphyr's scalar type name means in words.
fn expected_for_scalar(ty: &str) -> &'static str {
    match ty {
        "u32" => "a whole number from 0 to 4294967295",
        "u64" => "a whole number (0 or more)",
        "i64" | "i32" => "an integer",
        "boolean" | "bool" => "a boolean (`true` or `false`)",
        "floating point" | "f64" | "f32" => "a finite number",
        _ => "a value of another type",
    }
}

/// Where a value sits: the key it belongs to, and whether it is an item of that key's list.
struct KeyContext {
    key: String,
    item: bool,
}

/// The YAML text split into lines, for recovering context the parse error does not carry.
struct Source<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            lines: text.trim_start_matches('\u{feff}').lines().collect(),
        }
    }

    fn line(&self, pos: Pos) -> Option<&'a str> {
        let idx = usize::try_from(pos.line).ok()?.checked_sub(1)?;
        self.lines.get(idx).copied()
    }

    /// The text of the position's line before and from the position.
    fn split(&self, pos: Pos) -> Option<(&'a str, &'a str)> {
        let line = self.line(pos)?;
        let col = usize::try_from(pos.column).ok()?.checked_sub(1)?;
        let at = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        Some((line.get(..at)?, line.get(at..)?))
    }

    /// The key whose value (or list item) starts at `pos`.
    fn context(&self, pos: Pos) -> Option<KeyContext> {
        let (prefix, _) = self.split(pos)?;
        if let Some(key) = captures(&KEY_BEFORE, prefix) {
            return Some(KeyContext { key, item: false });
        }
        if let Some(key) = captures(&KEY_BEFORE_FLOW_LIST, prefix) {
            return Some(KeyContext { key, item: true });
        }
        let trimmed = prefix.trim_start();
        let indent = prefix.len() - trimmed.len();
        let idx = usize::try_from(pos.line).ok()?.checked_sub(1)?;
        if trimmed.is_empty() {
            // A block value on its own line: the parent is the first less-indented line.
            return self
                .parent_key(idx, indent, false)
                .map(|key| KeyContext { key, item: false });
        }
        if trimmed.trim_end().chars().all(|c| c == '-' || c == ' ') {
            return self
                .parent_key(idx, indent, true)
                .map(|key| KeyContext { key, item: true });
        }
        None
    }

    /// The `key:` line that owns a value at `indent` on line `idx` (0-based).
    fn parent_key(&self, idx: usize, indent: usize, item: bool) -> Option<String> {
        for line in self.lines.get(..idx)?.iter().rev() {
            let t = line.trim_start();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let ind = line.len() - t.len();
            if ind > indent || (ind == indent && (!item || t.starts_with('-'))) {
                continue;
            }
            return captures(&KEY_LINE, line);
        }
        None
    }

    /// `` `key`: `` or `` `key` item: `` for the value at `pos`, or nothing.
    fn key_prefix(&self, pos: Pos) -> String {
        match self.context(pos) {
            Some(KeyContext { key, item: false }) => format!("`{key}`: "),
            Some(KeyContext { key, item: true }) => format!("`{key}` item: "),
            None => String::new(),
        }
    }

    /// "found X, expected Y" for the value at `pos`.
    fn mismatch(&self, pos: Pos, expected: &str) -> (Pos, String, Option<String>) {
        let found = self.found(pos);
        (
            pos,
            format!("{}found {found}, expected {expected}", self.key_prefix(pos)),
            None,
        )
    }

    /// Describes the YAML value written at `pos`.
    fn found(&self, pos: Pos) -> String {
        let Some((prefix, rest)) = self.split(pos) else {
            return "another kind of value".to_owned();
        };
        let rest = rest.trim_end();
        if rest.is_empty() || rest.starts_with('#') {
            let idx = usize::try_from(pos.line).unwrap_or(0);
            let next = self
                .lines
                .iter()
                .skip(idx)
                .map(|l| l.trim())
                .find(|l| !l.is_empty() && !l.starts_with('#'));
            return match next {
                Some(l) if l.starts_with("...") || l.starts_with("---") => "null".to_owned(),
                Some(l) if l.starts_with("- ") || l == "-" => "a list".to_owned(),
                Some(_) => "a mapping".to_owned(),
                None => "null".to_owned(),
            };
        }
        let first = rest.chars().next().unwrap_or(' ');
        match first {
            '[' => return "a list".to_owned(),
            '{' => return "a mapping".to_owned(),
            '|' | '>' => return "a block string".to_owned(),
            '-' if rest == "-" || rest.starts_with("- ") => return "a list".to_owned(),
            '"' | '\'' => {
                let inner = quoted(rest, first);
                return format!("string `{}`", json_string(&inner));
            }
            _ => {}
        }
        let in_flow = prefix.contains('[') || prefix.contains('{');
        let mut end = rest.len();
        if let Some(i) = rest.find(" #") {
            end = end.min(i);
        }
        if in_flow && let Some(i) = rest.find([',', ']', '}']) {
            end = end.min(i);
        }
        let scalar = rest.get(..end).unwrap_or(rest).trim();
        if scalar.contains(": ") || scalar.ends_with(':') {
            return "a mapping".to_owned();
        }
        describe_plain(scalar)
    }

    /// The `{` of the flow mapping that holds the key at `pos`, if the key is in one.
    fn flow_mapping_start(&self, pos: Pos) -> Option<Pos> {
        let (prefix, _) = self.split(pos)?;
        let chars: Vec<char> = prefix.chars().collect();
        let mut depth = 0usize;
        for (i, c) in chars.iter().enumerate().rev() {
            match c {
                '}' => depth += 1,
                '{' if depth == 0 => {
                    return Some(Pos {
                        line: pos.line,
                        column: i as u64 + 1,
                    });
                }
                '{' => depth -= 1,
                _ => {}
            }
        }
        None
    }

    /// The start of the mapping that holds the key at `pos` (its first key).
    fn mapping_start(&self, pos: Pos) -> Pos {
        let Some(col) = usize::try_from(pos.column)
            .ok()
            .and_then(|c| c.checked_sub(1))
        else {
            return pos;
        };
        let Some(idx) = usize::try_from(pos.line)
            .ok()
            .and_then(|l| l.checked_sub(1))
        else {
            return pos;
        };
        // Only meaningful when the position is the start of a `key:` in block style.
        match self.split(pos) {
            Some((prefix, rest))
                if prefix.trim_start_matches([' ', '-']).is_empty()
                    && captures(&KEY_LINE, rest).is_some() => {}
            _ => return pos,
        }
        let mut start = pos;
        for (i, line) in self.lines.iter().enumerate().take(idx + 1).rev() {
            let t = line.trim_start();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let (content_col, dashed) = content_column(line);
            if content_col > col {
                continue;
            }
            if content_col < col {
                break;
            }
            start = Pos {
                line: i as u64 + 1,
                column: pos.column,
            };
            if dashed {
                break;
            }
        }
        start
    }
}

/// The column (0-based, in bytes of ASCII indentation) where a line's content starts after
/// its indentation and any `- ` item markers, and whether there was such a marker.
fn content_column(line: &str) -> (usize, bool) {
    let mut col = 0;
    let mut dashed = false;
    let bytes = line.as_bytes();
    loop {
        match bytes.get(col) {
            Some(b' ') => col += 1,
            Some(b'-') if matches!(bytes.get(col + 1), Some(b' ')) => {
                dashed = true;
                col += 2;
            }
            _ => break,
        }
    }
    (col, dashed)
}

/// The content of a quoted scalar starting at the beginning of `text`.
fn quoted(text: &str, quote: char) -> String {
    let mut out = String::new();
    let mut chars = text.chars().skip(1);
    while let Some(c) = chars.next() {
        if c == quote {
            break;
        }
        if c == '\\' && quote == '"' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// A JSON-style quoted string, shortened when long.
fn json_string(text: &str) -> String {
    let short: String = if text.chars().count() > 40 {
        text.chars().take(40).chain("…".chars()).collect()
    } else {
        text.to_owned()
    };
    serde_json::to_string(&short).unwrap_or(short)
}

/// Describes a plain (unquoted) scalar the way YAML's core schema reads it.
fn describe_plain(scalar: &str) -> String {
    if matches!(scalar, "" | "~" | "null" | "Null" | "NULL") {
        return "null".to_owned();
    }
    if matches!(
        scalar,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) {
        return format!("boolean `{scalar}`");
    }
    if INTEGER.is_match(scalar) {
        return format!("integer `{scalar}`");
    }
    if FLOAT.is_match(scalar) {
        return format!("number `{scalar}`");
    }
    format!("string `{}`", json_string(scalar))
}

fn captures(re: &LazyRegex, text: &str) -> Option<String> {
    let caps = re.captures(text)?;
    caps.iter()
        .skip(1)
        .flatten()
        .next()
        .map(|m| m.as_str().to_owned())
}

/// A lazily compiled regex that is part of this file (never input-derived).
struct LazyRegex {
    pattern: &'static str,
    cell: std::sync::OnceLock<Option<Regex>>,
}

impl LazyRegex {
    const fn new(pattern: &'static str) -> Self {
        Self {
            pattern,
            cell: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| Regex::new(self.pattern).ok())
            .as_ref()
    }

    fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|re| re.is_match(text))
    }

    fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.get()?.captures(text)
    }
}

/// `  - key: ` (a key right before the position).
static KEY_BEFORE: LazyRegex = LazyRegex::new(
    r#"(?:^|[\s{,])(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_$.\-]+))\s*:\s*(?:[&!]\S*\s+)*$"#,
);
/// `key: [a, ` (inside a flow list that is the value of `key`).
static KEY_BEFORE_FLOW_LIST: LazyRegex =
    LazyRegex::new(r#"(?:^|[\s{,])"?([A-Za-z0-9_$.\-]+)"?\s*:\s*\[[^\[\]]*$"#);
/// A line that is `key:` with its value on the following lines.
static KEY_LINE: LazyRegex =
    LazyRegex::new(r#"^[\s-]*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_$.\-]+))\s*:(?:\s.*)?$"#);
static INTEGER: LazyRegex = LazyRegex::new(r"^[-+]?(?:[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$");
static FLOAT: LazyRegex = LazyRegex::new(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
);

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u64, column: u64) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn finds_the_key_of_a_value() {
        let src = Source::new("a: 1\nlist:\n  - x\n  - y\nflow: [1, 2]\nmap:\n  k: v\n");
        let ctx = src.context(pos(1, 4)).map(|c| (c.key, c.item));
        assert_eq!(ctx, Some(("a".to_owned(), false)));
        let ctx = src.context(pos(4, 5)).map(|c| (c.key, c.item));
        assert_eq!(ctx, Some(("list".to_owned(), true)));
        let ctx = src.context(pos(5, 11)).map(|c| (c.key, c.item));
        assert_eq!(ctx, Some(("flow".to_owned(), true)));
        let ctx = src.context(pos(7, 3)).map(|c| (c.key, c.item));
        assert_eq!(ctx, Some(("map".to_owned(), false)));
    }

    #[test]
    fn finds_where_a_mapping_starts() {
        let src = Source::new("top: 1\nitems:\n  - name: a\n    docs: b\n    more: c\n");
        assert_eq!(src.mapping_start(pos(5, 5)), pos(3, 5));
        assert_eq!(src.mapping_start(pos(2, 1)), pos(1, 1));
    }

    #[test]
    fn describes_found_values() {
        let src = Source::new("a: yes\nb: \"q\"\nc: 12\nd: 1.5\ne: [1]\nf: ~\n");
        assert_eq!(src.found(pos(1, 4)), "string `\"yes\"`");
        assert_eq!(src.found(pos(2, 4)), "string `\"q\"`");
        assert_eq!(src.found(pos(3, 4)), "integer `12`");
        assert_eq!(src.found(pos(4, 4)), "number `1.5`");
        assert_eq!(src.found(pos(5, 4)), "a list");
        assert_eq!(src.found(pos(6, 4)), "null");
        assert_eq!(src.found(pos(99, 1)), "another kind of value");
    }
}
