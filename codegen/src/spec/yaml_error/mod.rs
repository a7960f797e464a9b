//! Turning serde-saphyr's parse errors into one-line messages in the spec's words: which
//! key, what was found, what was expected, and where. The parser's error carries a position
//! and its own wording; the context it lacks (the key a value belongs to, what a bad scalar
//! looks like) is re-read from the YAML text by [`source`].

use std::borrow::Cow;

use serde_saphyr::{MessageFormatter, budget::BudgetBreach};

use crate::diagnostics::{Pos, backticked, did_you_mean};

mod help;
mod second_pass;
mod source;

use schemars::JsonSchema;
use second_pass::Found;
use source::Source;

/// What kind of spec file is being read; named in messages about the file as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    Crate,
    Provider,
    Types,
    Endpoint,
}

impl FileKind {
    /// `a provider file`, for "the keys of ...".
    pub(super) fn describe(self) -> &'static str {
        match self {
            FileKind::Crate => "the crate file",
            FileKind::Provider => "a provider file",
            FileKind::Types => "a types file",
            FileKind::Endpoint => "an endpoint file",
        }
    }

    /// `the provider file`, for "missing key ... in ...".
    pub(super) fn the(self) -> &'static str {
        match self {
            FileKind::Crate => "the crate file",
            FileKind::Provider => "the provider file",
            FileKind::Types => "the types file",
            FileKind::Endpoint => "the endpoint file",
        }
    }
}

/// Every located problem of a file that did not parse: the parse error first, then what a
/// second pass over the file finds besides it (see [`second_pass`]), in file order.
pub(super) fn report<T: JsonSchema>(
    err: &serde_saphyr::Error,
    text: &str,
    kind: FileKind,
) -> Vec<Found> {
    let first = translate(err, text, kind);
    let mut found: Vec<Found> = second_pass::problems::<T>(text, kind)
        .into_iter()
        .filter(|(pos, message, _)| *pos != first.0 && *message != first.1)
        .collect();
    found.push(first);
    found.sort_by_key(|(pos, _, _)| (pos.line, pos.column));
    found
}

/// Position, message and help for a parse error.
pub(super) fn translate(
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
            let help = unknown_key_help(field, expected, pos, text);
            (pos, format!("unknown key `{field}` in {what}"), Some(help))
        }
        E::SerdeMissingField { field, .. } => missing_field(&src, pos, field, kind),
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
        E::Unexpected { expected, .. } => unexpected(&src, pos, expected, kind),
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
            let (pos, help) = help::syntax(&message, pos, text);
            (pos, format!("invalid YAML: {}", one_line(&message)), help)
        }
    }
}

/// The help for an unknown key: the tail of a value split at a comma, the key it was
/// meant to be, or the keys there are.
fn unknown_key_help(field: &str, expected: &[&str], pos: Pos, text: &str) -> String {
    if let Some(help) = help::comma_split(field, pos, text) {
        return help;
    }
    match did_you_mean(field, expected.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None if expected.is_empty() => "this mapping takes no keys".to_owned(),
        None => format!("expected one of {}", backticked(expected.iter())),
    }
}

/// "missing key" placed at the start of the mapping that lacks it, naming that mapping.
fn missing_field(
    src: &Source<'_>,
    pos: Pos,
    field: &str,
    kind: FileKind,
) -> (Pos, String, Option<String>) {
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
    (
        start,
        message,
        help::misplaced_key(field, start, src.text()),
    )
}

/// "found X, expected Y" for a value of the wrong kind, with help for the common mistakes.
fn unexpected(
    src: &Source<'_>,
    pos: Pos,
    expected: &str,
    kind: FileKind,
) -> (Pos, String, Option<String>) {
    let ctx = src.context(pos);
    let expected_text: Cow<'static, str> = match expected {
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
                ("docs" | "summary" | "description" | "deprecated", false) => Some(format!(
                    "write the text under `zh:` and/or `en:`, e.g. `{}: {{en: ...}}`",
                    c.key
                )),
                ("enum", true) => Some("write each value as a mapping: `- value: ...`".to_owned()),
                _ => None,
            };
        } else {
            message.push_str(&format!(" with the keys of {}", kind.describe()));
        }
    }
    (pos, message, help)
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
        "docs" | "summary" | "description" | "deprecated" => "docs",
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
