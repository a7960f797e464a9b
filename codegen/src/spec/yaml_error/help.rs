//! Help for the YAML parser's own messages (`mapping values are not allowed in this
//! context`, `did not find expected '-' indicator`, a tab): what the person should change, and
//! on which line, re-read from the text. The parser's words stay in the message; the help
//! says what they mean for this file.

use crate::diagnostics::Pos;

/// The position (moved where the parser points at the wrong line) and help for a YAML
/// syntax error with the parser's `message`, reported at `pos`.
pub(super) fn syntax(message: &str, pos: Pos, text: &str) -> (Pos, Option<String>) {
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    let idx = usize::try_from(pos.line).unwrap_or(1).saturating_sub(1);
    if message.contains("found a tab")
        || message.contains("tabs disallowed")
        || (message.contains("found character that cannot start") && line_has_tab(&lines, idx))
    {
        return tab(&lines, idx).unwrap_or((pos, None));
    }
    let Some(line) = lines.get(idx) else {
        return (pos, None);
    };
    if message.contains("mapping values are not allowed") {
        if let Some(help) = colon_in_value(line, pos) {
            return (pos, Some(help));
        }
        return (pos, indentation(&lines, idx));
    }
    if message.contains("did not find expected '-' indicator")
        || message.contains("did not find expected key")
    {
        return (pos, indentation(&lines, idx));
    }
    if message.contains("flow mapping") || message.contains("flow sequence") {
        return (
            pos,
            Some(
                "inside `{…}` or `[…]`, quote a value that contains `: `, ` #` or a comma, \
                 e.g. `{en: \"a, b\"}`"
                    .to_owned(),
            ),
        );
    }
    (pos, None)
}

fn line_has_tab(lines: &[&str], idx: usize) -> bool {
    lines.get(idx).is_some_and(|l| l.contains('\t'))
}

/// The parser reports a tab at the end of the scalar before it, often a line early: the
/// first tab from the reported line on is the one to replace.
fn tab(lines: &[&str], idx: usize) -> Option<(Pos, Option<String>)> {
    let (i, line) = lines
        .iter()
        .enumerate()
        .skip(idx)
        .find(|(_, l)| l.contains('\t'))?;
    let column = line.chars().take_while(|c| *c != '\t').count() as u64 + 1;
    let line_no = i as u64 + 1;
    let indent = line.chars().take_while(|c| *c != '\t').all(|c| c == ' ');
    let help = if indent {
        format!("tabs are not allowed in YAML indentation: indent line {line_no} with spaces")
    } else {
        format!("tabs are not allowed here in YAML: replace the tab on line {line_no} with a space")
    };
    Some((
        Pos {
            line: line_no,
            column,
        },
        Some(help),
    ))
}

/// A plain value with `: ` in it (`en: Note: this`): the parser reads a second key.
fn colon_in_value(line: &str, pos: Pos) -> Option<String> {
    let content = line.trim_start().trim_start_matches("- ");
    let (key, value) = content.split_once(": ")?;
    let value = value.trim();
    let col = usize::try_from(pos.column).ok()?;
    let key_end = line.len() - content.len() + key.chars().count();
    // The error must be after the first key's colon, inside the value.
    if col <= key_end + 1 || value.is_empty() || value.starts_with(['"', '\'', '{', '[', '|', '>'])
    {
        return None;
    }
    let quoted = serde_json::to_string(value).ok()?;
    Some(format!(
        "a plain value cannot contain `: `: quote it, e.g. `{key}: {quoted}`"
    ))
}

/// "check the indentation of line N against line M" for a line indented unlike the
/// sibling it follows: the nearest earlier line of the same kind (a list item or a key).
fn indentation(lines: &[&str], idx: usize) -> Option<String> {
    let line = lines.get(idx)?;
    let content = line.trim_start();
    let item = content.starts_with("- ") || content == "-";
    let indent = line.len() - content.len();
    let sibling = lines.get(..idx)?.iter().enumerate().rev().find(|(_, l)| {
        let t = l.trim_start();
        let ind = l.len() - t.len();
        !t.is_empty()
            && !t.starts_with('#')
            && ind != indent
            && (t.starts_with("- ") || t == "-") == item
            && (item || ind < indent || t.ends_with(':') || t.contains(": "))
    });
    let (m, other) = sibling?;
    let other_indent = other.len() - other.trim_start().len();
    let what = if item {
        "the items of one list start in the same column"
    } else {
        "the keys of one mapping start in the same column, and a nested mapping goes under a `key:` line of its own"
    };
    Some(format!(
        "check the indentation of line {} ({}) against line {} ({}): {what}",
        idx + 1,
        spaces(indent),
        m + 1,
        spaces(other_indent)
    ))
}

fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".to_owned()
    } else {
        format!("{n} spaces")
    }
}

/// For a key missing from the block mapping that starts at `start`: the line right below
/// that writes it at another indentation, which the parser gave to another mapping.
pub(super) fn misplaced_key(field: &str, start: Pos, text: &str) -> Option<String> {
    let first = usize::try_from(start.line).ok()?;
    let column = usize::try_from(start.column).ok()?.checked_sub(1)?;
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    for (i, line) in lines.iter().enumerate().skip(first) {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let key = content.split_once(':').map(|(k, _)| k.trim_end());
        if key == Some(field) && indent != column {
            // A tab before the mapping's first key (`- <TAB>name:`) moves that key's column
            // where no line indented with spaces can match it.
            let start_line = lines.get(first - 1).copied().unwrap_or_default();
            if start_line.chars().take(column).any(|c| c == '\t') {
                return Some(format!(
                    "line {} has a tab before its first key, so that mapping's keys start after \
                     the tab and line {}'s `{field}:` is outside it: use spaces only, one after \
                     `-`",
                    start.line,
                    i + 1
                ));
            }
            return Some(format!(
                "line {} writes `{field}:` in column {}; the mapping it belongs to starts on \
                 line {} in column {}: the keys of one mapping start in the same column",
                i + 1,
                indent + 1,
                start.line,
                column + 1
            ));
        }
        if indent < column {
            return None;
        }
    }
    None
}

/// For an unknown key inside `{…}` that is the tail of a value split at a comma
/// (`docs: {zh: 参数错误,不支持的渠道。}` reads `不支持的渠道。` as a key): the quoted value.
pub(super) fn comma_split(key: &str, pos: Pos, text: &str) -> Option<String> {
    let idx = usize::try_from(pos.line).ok()?.checked_sub(1)?;
    let line = text.trim_start_matches('\u{feff}').lines().nth(idx)?;
    let col = usize::try_from(pos.column).ok()?.checked_sub(1)?;
    let at = line.char_indices().nth(col).map(|(i, _)| i)?;
    let (before, rest) = line.split_at(at);
    let after = rest.strip_prefix(key)?.trim_start();
    // A key the person wrote as a key has a `:` after it; this one ends the mapping or
    // the entry.
    if !(after.starts_with(',') || after.starts_with('}')) {
        return None;
    }
    let before = before.trim_end().strip_suffix(',')?;
    let open = before.rfind('{')?;
    let entry_start = before.rfind(", ").map_or(open + 1, |i| i.max(open) + 1);
    let (prev_key, value) = before.get(entry_start..)?.split_once(": ")?;
    let prev_key = prev_key.trim();
    // The value as written, through the key: the space after the comma is kept.
    let value_start = before.len() - value.len();
    let written = line.get(value_start..at + key.len())?.trim();
    let quoted = serde_json::to_string(written).ok()?;
    Some(format!(
        "a comma inside `{{…}}` ends a value, so `{key}` was read as a key: quote the value, e.g. `{prev_key}: {quoted}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u64, column: u64) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn finds_the_tab_on_the_next_line() {
        let text = "summary:\n  zh: a\n\ten: b\n";
        let (at, help) = syntax(
            "while scanning a plain scalar, found a tab",
            pos(2, 7),
            text,
        );
        assert_eq!(at, pos(3, 1));
        assert_eq!(
            help.as_deref(),
            Some("tabs are not allowed in YAML indentation: indent line 3 with spaces")
        );
    }

    #[test]
    fn tells_a_colon_in_a_value_from_bad_indentation() {
        let text = "summary:\n  en: Note: get it\n";
        let (_, help) = syntax(
            "mapping values are not allowed in this context",
            pos(2, 11),
            text,
        );
        assert_eq!(
            help.as_deref(),
            Some("a plain value cannot contain `: `: quote it, e.g. `en: \"Note: get it\"`")
        );
        let text = "summary:\n  zh: 中文\n   en: x\n";
        let (_, help) = syntax(
            "mapping values are not allowed in this context",
            pos(3, 6),
            text,
        );
        assert_eq!(
            help.as_deref(),
            Some(
                "check the indentation of line 3 (3 spaces) against line 2 (2 spaces): the keys of \
                 one mapping start in the same column, and a nested mapping goes under a `key:` \
                 line of its own"
            )
        );
    }

    #[test]
    fn finds_the_list_item_a_line_should_align_with() {
        let text = "request:\n  - name: a\n    type: string\n   - name: b\n";
        let (_, help) = syntax(
            "while parsing a block collection, did not find expected '-' indicator",
            pos(4, 4),
            text,
        );
        assert_eq!(
            help.as_deref(),
            Some(
                "check the indentation of line 4 (3 spaces) against line 2 (2 spaces): the items \
                 of one list start in the same column"
            )
        );
    }

    #[test]
    fn finds_a_key_written_at_the_wrong_indentation() {
        let text = "request:\n  - name: a\n  type: bool\n";
        assert_eq!(
            misplaced_key("type", pos(2, 5), text).as_deref(),
            Some(
                "line 3 writes `type:` in column 3; the mapping it belongs to starts on line 2 \
                 in column 5: the keys of one mapping start in the same column"
            )
        );
        assert_eq!(
            misplaced_key(
                "type",
                pos(2, 6),
                "request:\n  - \tname: a\n    type: bool\n"
            )
            .as_deref(),
            Some(
                "line 2 has a tab before its first key, so that mapping's keys start after the \
                 tab and line 3's `type:` is outside it: use spaces only, one after `-`"
            )
        );
        assert_eq!(
            misplaced_key("type", pos(2, 5), "a:\n  - name: a\nb: 1\n"),
            None
        );
    }

    #[test]
    fn quotes_a_value_split_at_a_comma() {
        let text = "summary: {zh: 参数错误,不支持的渠道。}\n";
        assert_eq!(
            comma_split("不支持的渠道。", pos(1, 20), text).as_deref(),
            Some(
                "a comma inside `{…}` ends a value, so `不支持的渠道。` was read as a key: quote \
                 the value, e.g. `zh: \"参数错误,不支持的渠道。\"`"
            )
        );
        assert_eq!(comma_split("b", pos(1, 11), "x: {a: 1, b: 2}\n"), None);
        // The space after the comma is part of the value the quotes keep.
        assert_eq!(
            comma_split(
                "in order.",
                pos(1, 24),
                "docs: {en: One per id, in order.}\n"
            )
            .as_deref(),
            Some(
                "a comma inside `{…}` ends a value, so `in order.` was read as a key: quote \
                 the value, e.g. `en: \"One per id, in order.\"`"
            )
        );
    }
}
