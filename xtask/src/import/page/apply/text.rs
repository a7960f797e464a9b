//! Block YAML as lines, located by indentation: mapping keys, lists and their items, as spec
//! files write them (`key:` lines, list items `- name: x` with their keys two columns right
//! of the dash, comments above what they describe). Only what `apply` needs: find, insert,
//! remove and rewrite lines, never re-serialise, so every other byte stays as written.

/// The column of a line's first non-space character; `None` for a blank line.
pub(super) fn column(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches(' ');
    (!trimmed.trim().is_empty()).then(|| line.len() - trimmed.len())
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Whether the line is a list item (`- x`, `-`) at `col`.
fn is_dash_at(line: &str, col: usize) -> bool {
    column(line) == Some(col) && {
        let rest = &line[col..];
        rest == "-" || rest.starts_with("- ")
    }
}

/// A mapping key on a line: its column, its name and the text after the colon (comment
/// included). `  - name: x` has the key `name` at column 4.
pub(super) fn key_of(line: &str) -> Option<(usize, &str, &str)> {
    let mut col = column(line)?;
    let mut rest = &line[col..];
    while let Some(after) = rest.strip_prefix("- ") {
        let skipped = after.len() - after.trim_start_matches(' ').len();
        col += 2 + skipped;
        rest = &after[skipped..];
    }
    let end = rest.find(':')?;
    let key = &rest[..end];
    let word = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let after = &rest[end + 1..];
    (word && (after.is_empty() || after.starts_with(' '))).then_some((col, key, after))
}

/// The value text after a key (trailing comment and spaces removed).
pub(super) fn value_of(rest: &str) -> &str {
    let value = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest,
    };
    value.trim()
}

/// The end (exclusive) of the block starting at line `start` whose own column is `col`: the
/// next non-blank line at a column ≤ `col`, trailing blank lines not included.
pub(super) fn block_end(lines: &[String], start: usize, col: usize) -> usize {
    let mut end = start + 1;
    let mut i = start + 1;
    while i < lines.len() {
        match column(&lines[i]) {
            None => {}
            Some(c) if c <= col => break,
            Some(_) => end = i + 1,
        }
        i += 1;
    }
    end
}

/// The line of key `key` at column `col` in `lines[from..to]`.
pub(super) fn find_key(
    lines: &[String],
    from: usize,
    to: usize,
    col: usize,
    key: &str,
) -> Option<usize> {
    (from..to.min(lines.len())).find(|&i| {
        !is_comment(&lines[i]) && key_of(&lines[i]).is_some_and(|(c, k, _)| c == col && k == key)
    })
}

/// A top-level key's line.
pub(super) fn top_key(lines: &[String], key: &str) -> Option<usize> {
    find_key(lines, 0, lines.len(), 0, key)
}

/// One list item: its comment lines above (`lead`), its dash line and its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Item {
    /// The first of the comment lines directly above it (its own line when there are none).
    pub lead: usize,
    /// The dash line.
    pub start: usize,
    /// One past its last line (trailing blank lines not included).
    pub end: usize,
}

/// The list under a `key:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct List {
    /// The `key:` line.
    pub key_line: usize,
    /// The key's column.
    pub key_col: usize,
    /// Written `key: []`.
    pub flow_empty: bool,
    /// The dash column of its items (two right of the key when it has none).
    pub item_col: usize,
    /// Its items.
    pub items: Vec<Item>,
    /// Where an item appended at its end goes.
    pub end: usize,
}

/// The list whose key is on `key_line`.
pub(super) fn list_at(lines: &[String], key_line: usize) -> List {
    let (key_col, rest) = key_of(&lines[key_line]).map_or((0, ""), |(c, _, r)| (c, r));
    let mut list = List {
        key_line,
        key_col,
        flow_empty: value_of(rest) == "[]",
        item_col: key_col + 2,
        items: Vec::new(),
        end: key_line + 1,
    };
    if list.flow_empty {
        return list;
    }
    let first = (key_line + 1..lines.len())
        .find(|&i| column(&lines[i]).is_some() && !is_comment(&lines[i]));
    let dash_col =
        first.and_then(|i| column(&lines[i]).filter(|&c| c >= key_col && is_dash_at(&lines[i], c)));
    let Some(item_col) = dash_col else {
        return list;
    };
    list.item_col = item_col;
    let mut lead = None;
    let mut i = key_line + 1;
    while i < lines.len() {
        let line = &lines[i];
        if column(line).is_none() {
            lead = None;
            i += 1;
        } else if is_comment(line) {
            lead.get_or_insert(i);
            i += 1;
        } else if is_dash_at(line, list.item_col) {
            let end = block_end(lines, i, list.item_col);
            list.items.push(Item {
                lead: lead.take().unwrap_or(i),
                start: i,
                end,
            });
            list.end = end;
            i = end;
        } else {
            break;
        }
    }
    list
}

/// The line of an item's own key `key` (on its dash line or below at the same column).
pub(super) fn item_key(lines: &[String], item: &Item, item_col: usize, key: &str) -> Option<usize> {
    find_key(lines, item.start, item.end, item_col + 2, key)
}

/// The scalar value of an item's key `key`, read as YAML (so `"x"` and `x` are the same).
pub(super) fn item_scalar(
    lines: &[String],
    item: &Item,
    item_col: usize,
    key: &str,
) -> Option<String> {
    let line = item_key(lines, item, item_col, key)?;
    let (_, _, rest) = key_of(&lines[line])?;
    let value = serde_saphyr::from_str::<serde_json::Value>(rest).ok()?;
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The item whose key `key` has the value `value`.
pub(super) fn find_item(lines: &[String], list: &List, key: &str, value: &str) -> Option<Item> {
    let matches =
        |item: &&Item| item_scalar(lines, item, list.item_col, key).as_deref() == Some(value);
    list.items.iter().find(matches).copied()
}

/// Rewrites the value after the key on `line` to `value`, keeping a trailing comment.
pub(super) fn set_value(lines: &mut [String], line: usize, value: &str) {
    let Some((col, key, rest)) = key_of(&lines[line]) else {
        return;
    };
    let comment = rest
        .find(" #")
        .map(|i| rest[i..].to_owned())
        .unwrap_or_default();
    let prefix = &lines[line][..col + key.len() + 1];
    let sep = if value.is_empty() { "" } else { " " };
    lines[line] = format!("{prefix}{sep}{value}{comment}");
}

/// `block` moved from column `from` to column `to` (blank lines stay empty).
pub(super) fn reindent(block: &[String], from: usize, to: usize) -> Vec<String> {
    block
        .iter()
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else if to >= from {
                format!("{}{line}", " ".repeat(to - from))
            } else {
                let spaces = line.len() - line.trim_start_matches(' ').len();
                line[spaces.min(from - to)..].to_owned()
            }
        })
        .collect()
}

/// Appends `block` (an item written at dash column `from`) at the end of `list`, turning a
/// `key: []` into a block list.
pub(super) fn append_item(lines: &mut Vec<String>, list: &List, block: &[String], from: usize) {
    let at = list.end;
    let moved = reindent(block, from, list.item_col);
    lines.splice(at..at, moved);
    if list.flow_empty {
        set_value(lines, list.key_line, "");
    }
}

/// Removes `item` (its comment lines above it too) from `list`; a list left without items is
/// written `key: []`.
pub(super) fn remove_item(lines: &mut Vec<String>, list: &List, item: &Item) {
    let mut end = item.end;
    let blank_before = item.lead > 0 && column(&lines[item.lead - 1]).is_none();
    while blank_before && end < lines.len() && column(&lines[end]).is_none() {
        end += 1;
    }
    lines.drain(item.lead..end);
    if list.items.len() == 1 {
        set_value(lines, list.key_line, "[]");
    }
}

/// The top-level order of an endpoint file's lists, for placing a key the file lacks.
const ORDER: [&str; 11] = [
    "query",
    "request",
    "response",
    "response_open",
    "pagination",
    "requires",
    "availability",
    "types",
    "errors",
    "examples",
    "notes",
];

/// The line of top-level `key:`, written (empty) before the first key that follows it in
/// an endpoint file (above that key's comments), or at the end, when the file lacks it.
pub(super) fn ensure_top_key(lines: &mut Vec<String>, key: &str) -> usize {
    if let Some(line) = top_key(lines, key) {
        return line;
    }
    let later = ORDER.iter().skip_while(|k| **k != key).skip(1);
    let next = later.filter_map(|k| top_key(lines, k)).min();
    let at = match next {
        Some(mut at) => {
            while at > 0 && column(&lines[at - 1]) == Some(0) && is_comment(&lines[at - 1]) {
                at -= 1;
            }
            at
        }
        None => {
            let mut at = lines.len();
            while at > 0 && column(&lines[at - 1]).is_none() {
                at -= 1;
            }
            at
        }
    };
    lines.insert(at, format!("{key}:"));
    at
}
