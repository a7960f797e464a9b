//! Docs text that runs into a YAML comment: in a plain value, ` #` starts a comment, so
//! `en: Query object data #1 of 2` keeps only `Query object data` and drops the rest
//! without a word from the parser. Vendor text is data here, so such a line is an error
//! that asks for quotes (or for the comment on a line of its own).

use std::path::Path;

use crate::diagnostics::{Diagnostic, Pos};

/// The keys whose values are doc text.
const DOC_KEYS: [&str; 2] = ["zh", "en"];

/// Where a plain doc value on one line runs into ` #`: the position of the `#`, the key,
/// the text kept and the text dropped.
fn cut_docs(text: &str) -> Vec<(Pos, &str, &str, &str)> {
    let mut found = Vec::new();
    // The indentation of a block scalar's key (`en: |`) while inside its lines: there `#`
    // is text.
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let content = line.trim_start();
        let indent = line.len() - content.len();
        if let Some(at) = block {
            if content.is_empty() || indent > at {
                continue;
            }
            block = None;
        }
        let entry = content.strip_prefix("- ").unwrap_or(content);
        let Some((key, value)) = entry.split_once(": ") else {
            continue;
        };
        let value = value.trim_start();
        if value.starts_with(['|', '>']) {
            // The block's lines are indented past its key, which `- ` moves right.
            block = Some(indent + (content.len() - entry.len()));
            continue;
        }
        if !DOC_KEYS.contains(&key.trim()) || value.starts_with(['"', '\'', '{', '[', '#']) {
            continue;
        }
        let Some(hash) = value.find(" #").or_else(|| value.find("\t#")) else {
            continue;
        };
        let (kept, dropped) = (value[..hash].trim_end(), value[hash..].trim());
        let column = line.len() - value.len() + hash + 1;
        let column = line[..column].chars().count() as u64 + 1;
        found.push((
            Pos {
                line: i as u64 + 1,
                column,
            },
            key.trim(),
            kept,
            dropped,
        ));
    }
    found
}

/// The doc values of `file` (relative to `root`) that YAML cuts at a ` #`, as diagnostics.
/// A pure function of the file's text, so files are checked on the machine's cores.
pub(super) fn comments_in_docs(root: &Path, file: &Path) -> Vec<Diagnostic> {
    let Some(text) = super::source_text(root, file) else {
        return Vec::new();
    };
    cut_docs(&text)
        .into_iter()
        .map(|(pos, key, kept, dropped)| {
            let whole = format!("{kept} {dropped}");
            let quoted = serde_json::to_string(&whole).unwrap_or_default();
            Diagnostic::new(
                root.join(file),
                pos,
                format!(
                    "`{key}` ends at ` #`: YAML reads `{dropped}` as a comment and drops it from \
                     the text"
                ),
                Some(format!(
                    "quote the value if it is part of the text, e.g. `{key}: {quoted}`, or put \
                     the comment on a line of its own"
                )),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_doc_text_cut_by_a_comment() {
        let text = "summary:\n  zh: 查询 #1\n  en: Query #1 of 2\ntype: string # a comment\n\
                    docs:\n  en: \"quoted #1\"\n  zh: |\n    en: block #1\n\
                    list:\n  - en: |\n      a #1\n    zh: cut #2\n";
        let found: Vec<(u64, u64, &str, &str, &str)> = cut_docs(text)
            .into_iter()
            .map(|(pos, key, kept, dropped)| (pos.line, pos.column, key, kept, dropped))
            .collect();
        assert_eq!(
            found,
            [
                (2, 10, "zh", "查询", "#1"),
                (3, 13, "en", "Query", "#1 of 2"),
                (12, 13, "zh", "cut", "#2"),
            ]
        );
    }
}
