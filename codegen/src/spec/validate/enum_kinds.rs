//! The kind of an enum: every value a string (a string enum) or every value an integer (an
//! integer enum, sent and read as JSON numbers). What YAML reads decides, so `value: 0` is the
//! number and `value: "0"` the string; the kinds no enum holds are refused where they are
//! written, and so is a value of another kind than the enum's first.

use std::path::Path;

use super::super::scalar::WireString;
use super::super::span::Spanned;
use super::Cx;

impl Cx<'_> {
    /// The kind of one value of enum `type_name`, checked against the enum's first value
    /// (`first`, set by the first value of a usable kind).
    pub(super) fn enum_value_kind<'v>(
        &mut self,
        file: &Path,
        type_name: &str,
        value: &'v Spanned<WireString>,
        first: &mut Option<(Kind, &'v Spanned<WireString>)>,
    ) {
        let kind = match kind_of(type_name, &value.value) {
            Ok(kind) => kind,
            Err((msg, help)) => return self.err(file, value.pos, msg, help),
        };
        let Some((first_kind, first_value)) = *first else {
            *first = Some((kind, value));
            return;
        };
        let line = first_value.pos.line;
        if let Some((msg, help)) = mixed(
            type_name,
            &value.value,
            kind,
            &first_value.value,
            first_kind,
            line,
        ) {
            self.err(file, value.pos, msg, help);
        }
    }
}

/// What one value makes of its enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A YAML string.
    String,
    /// An integer within the `i64` range.
    Integer,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Integer => "an integer",
        }
    }
}

/// The kind of `value`, or why it cannot be an enum value (message, help).
fn kind_of(type_name: &str, value: &WireString) -> Result<Kind, (String, Option<String>)> {
    match (value.not_a_string, value.integer) {
        (None, _) => Ok(Kind::String),
        (Some(_), Some(_)) => Ok(Kind::Integer),
        (Some("an integer"), None) => Err((
            format!(
                "`value` {} of enum `{type_name}` is outside the range of an integer enum (-9223372036854775808 to 9223372036854775807)",
                value.text
            ),
            Some(format!(
                "write it quoted (`value: \"{}\"`) if the vendor sends the string",
                value.text
            )),
        )),
        (Some(kind), None) => Err((
            format!(
                "`value` {} of enum `{type_name}` is neither a string nor an integer: YAML reads it unquoted as {kind}",
                value.text
            ),
            Some(format!(
                "enums hold strings or integers; write it quoted (`value: \"{}\"`) if the vendor sends the string",
                value.text
            )),
        )),
    }
}

/// Why `value` (of `kind`) cannot stand in an enum whose first value `first` (at `line`) is
/// of `first_kind`; `None` when the kinds agree.
fn mixed(
    type_name: &str,
    value: &WireString,
    kind: Kind,
    first: &WireString,
    first_kind: Kind,
    line: u64,
) -> Option<(String, Option<String>)> {
    if kind == first_kind {
        return None;
    }
    let help = match kind {
        Kind::Integer => format!(
            "write it quoted (`value: \"{}\"`) if the vendor sends the string",
            value.text
        ),
        Kind::String if value.text.parse::<i64>().is_ok() => format!(
            "write it unquoted (`value: {}`) if the vendor sends the number",
            value.text
        ),
        Kind::String => format!(
            "if the vendor sends strings, quote the integer values too (`value: \"{}\"`)",
            first.text
        ),
    };
    Some((
        format!(
            "`value` {} of enum `{type_name}` is {}, but its first value {} (line {line}) is {}; an enum's values are all strings or all integers",
            shown(value, kind),
            kind.noun(),
            shown(first, first_kind),
            first_kind.noun()
        ),
        Some(help),
    ))
}

/// A value as it reads in a message: strings quoted, so `"0"` and `0` are told apart.
fn shown(value: &WireString, kind: Kind) -> String {
    match kind {
        Kind::String => format!("\"{}\"", value.text),
        Kind::Integer => value.text.clone(),
    }
}
