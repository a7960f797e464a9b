//! The YAML text of a file that did not parse, read line by line for the context a parse
//! error does not carry: the key a value belongs to, where a mapping starts, and what the
//! value written at a position looks like.

use regex::Regex;

use crate::diagnostics::Pos;

/// Where a value sits: the key it belongs to, and whether it is an item of that key's list.
pub(super) struct KeyContext {
    pub(super) key: String,
    pub(super) item: bool,
}

/// The YAML text split into lines, for recovering context the parse error does not carry.
pub(super) struct Source<'a> {
    text: &'a str,
    lines: Vec<&'a str>,
}

impl<'a> Source<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            lines: text.trim_start_matches('\u{feff}').lines().collect(),
        }
    }

    /// The whole text.
    pub(super) fn text(&self) -> &'a str {
        self.text
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
    pub(super) fn context(&self, pos: Pos) -> Option<KeyContext> {
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
    pub(super) fn key_prefix(&self, pos: Pos) -> String {
        match self.context(pos) {
            Some(KeyContext { key, item: false }) => format!("`{key}`: "),
            Some(KeyContext { key, item: true }) => format!("`{key}` item: "),
            None => String::new(),
        }
    }

    /// "found X, expected Y" for the value at `pos`.
    pub(super) fn mismatch(&self, pos: Pos, expected: &str) -> (Pos, String, Option<String>) {
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
    pub(super) fn flow_mapping_start(&self, pos: Pos) -> Option<Pos> {
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
    pub(super) fn mapping_start(&self, pos: Pos) -> Pos {
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
