//! Rustdoc text: merging English and Chinese docs and making vendor prose safe to write into
//! doc comments.
//!
//! Every doc comment the emitter writes goes through [`attrs`] or [`inner_attrs`], which
//! [`clean`] each line: rustc rejects a bare carriage return in a doc comment, and refuses
//! text-direction control characters anywhere (`text_direction_codepoint_in_comment`).
//! Vendor prose is also [`escape`]d, so that whatever a vendor page says, rustdoc and clippy
//! see plain text: no links, HTML tags, code blocks or doctests appear by accident. Vendor
//! values quoted in generated text (JSON names, enum values, paths, patterns) go through
//! [`code`], which picks a code span that holds any text.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::DocText;

/// Characters that change the visible direction of text (rustc denies them in comments).
const TEXT_FLOW: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// Normalises line endings (CR LF and a lone CR become LF, as do the Unicode line and
/// paragraph separators), turns tabs into spaces and drops every other control character and
/// every text-direction control.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || TEXT_FLOW.contains(&c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One line: [`clean`], with every run of whitespace (line breaks included) made one space.
pub fn one_line(text: &str) -> String {
    clean(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Makes vendor-supplied prose plain text for rustdoc:
///
/// - `[`, `]`, `<`, `>` and `\` are escaped (`UserRelation[]` is not a link, `list<string>`
///   is not an HTML tag), except inside code spans, where they are already literal. A
///   backtick without a partner in its paragraph, and every run of three or more (a code
///   fence), is escaped too.
/// - Leading whitespace is dropped (four spaces would open a code block, i.e. a doctest), as
///   is a leading `~` (a fence); lines that continue a list item are indented under it
///   (clippy's `doc_lazy_continuation`).
/// - A bare `http(s)://` URL becomes an autolink (rustdoc's `bare_urls`).
pub fn escape(text: &str) -> String {
    let text = indent_list_continuations(&clean(text));
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut line_start = true;
    while let Some(&c) = chars.get(i) {
        if c == '`' {
            let n = run_len(&chars, i, '`');
            if n < 3
                && let Some(end) = closing_run(&chars, i + n, n)
            {
                out.extend(chars.get(i..end + n).unwrap_or_default());
                i = end + n;
                line_start = false;
                continue;
            }
            out.push_str(&"\\`".repeat(n));
            i += n;
            line_start = false;
            continue;
        }
        if let Some(len) = url_len(&chars, i) {
            out.push('<');
            out.extend(chars.get(i..i + len).unwrap_or_default());
            out.push('>');
            i += len;
            line_start = false;
            continue;
        }
        match c {
            '[' | ']' | '<' | '>' | '\\' => out.push('\\'),
            '~' if line_start => out.push('\\'),
            _ => {}
        }
        out.push(c);
        line_start = c == '\n' || (line_start && c == ' ');
        i += 1;
    }
    out
}

/// [`escape`]d and on one line, for a list item or a table cell.
pub fn inline(text: &str) -> String {
    one_line(&escape(text))
}

/// A code span showing `text` literally, whatever backticks it holds (the fence is one
/// backtick longer than the longest run inside, and padded when the text starts or ends with
/// one). `x` gives `` `x` ``.
pub fn code(text: &str) -> String {
    let text = one_line(text);
    if text.is_empty() {
        return "` `".to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let longest = (0..chars.len())
        .map(|i| run_len(&chars, i, '`'))
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// An autolink `<url>`; characters that would end it early are percent-encoded.
pub fn url(text: &str) -> String {
    let mut out = String::from("<");
    for c in one_line(text).chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '`' => out.push_str("%60"),
            '"' => out.push_str("%22"),
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// How many `c` start at `i`.
fn run_len(chars: &[char], i: usize, c: char) -> usize {
    chars
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&x| x == c)
        .count()
}

/// Where a run of exactly `n` backticks starts at or after `from`, before the paragraph ends.
fn closing_run(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while let Some(&c) = chars.get(j) {
        if c == '\n' && chars.get(j + 1) == Some(&'\n') {
            return None;
        }
        if c == '`' {
            let m = run_len(chars, j, '`');
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// The length of the bare URL starting at `i`, if one does: the characters rustdoc's
/// `bare_urls` lint counts as a URL, without trailing sentence punctuation.
fn url_len(chars: &[char], i: usize) -> Option<usize> {
    let rest = chars.get(i..)?;
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| rest.iter().take(s.len()).copied().eq(s.chars()))?
        .len();
    let body = rest
        .get(scheme..)?
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || "-@:%._+~#?&/=".contains(**c))
        .count();
    let mut len = scheme + body;
    while len > scheme && rest.get(len - 1).is_some_and(|c| ".,:;?".contains(*c)) {
        len -= 1;
    }
    (len > scheme).then_some(len)
}

/// Drops leading whitespace from every line, then indents the lines that continue a list
/// item (`- x`, `* x`, `+ x`, `1. x`, `1) x`) by the width of its marker.
fn indent_list_continuations(text: &str) -> String {
    let mut out = Vec::new();
    let mut indent: Option<usize> = None;
    for line in text.split('\n') {
        let line = line.trim_start();
        if line.is_empty() {
            indent = None;
            out.push(String::new());
        } else if let Some(width) = list_marker(line) {
            indent = Some(width);
            out.push(line.to_owned());
        } else if let Some(width) = indent {
            out.push(format!("{}{line}", " ".repeat(width)));
        } else {
            out.push(line.to_owned());
        }
    }
    out.join("\n")
}

/// The width of the list marker (with its space) a line starts with.
fn list_marker(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line.get(digits..)?;
    (digits > 0 && digits < 10 && (rest.starts_with(". ") || rest.starts_with(") ")))
        .then_some(digits + 2)
}

/// Paragraphs of a bilingual text: English first, then Chinese, each escaped.
pub fn paragraphs(docs: &DocText) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(en) = &docs.en {
        out.push(escape(en));
    }
    if let Some(zh) = &docs.zh {
        out.push(escape(zh));
    }
    out
}

/// The doc lines of already-formatted markdown paragraphs, blank lines between paragraphs,
/// every line [`clean`]ed.
fn lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (i, paragraph) in paragraphs
        .iter()
        .map(|p| clean(p))
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if i > 0 {
            lines.push(String::new());
        }
        for line in paragraph.lines() {
            let line = line.trim_end();
            lines.push(if line.trim().is_empty() {
                String::new()
            } else {
                format!(" {line}")
            });
        }
    }
    lines
}

/// Doc attributes of already-formatted markdown paragraphs: outer (`///`) or, for a module
/// file, inner (`//!`).
fn doc_attrs(paragraphs: &[String], inner: bool) -> TokenStream {
    lines(paragraphs)
        .into_iter()
        .map(|line| {
            // A raw string: the text as written, nothing for the compiler or `syn` to undo.
            let line = super::raw_string(&line);
            if inner {
                quote! { #![doc = #line] }
            } else {
                quote! { #[doc = #line] }
            }
        })
        .collect()
}

/// Inner doc attributes: `head`'s paragraphs, then `list` (one attribute per list line, e.g.
/// each `cfg_attr`'d on a feature) as a paragraph of its own, then `tail`'s paragraphs.
pub fn inner_with_list(
    head: &[String],
    list: impl IntoIterator<Item = TokenStream>,
    tail: &[String],
) -> TokenStream {
    let head = inner_attrs(head);
    let list = list.into_iter();
    let tail = inner_attrs(tail);
    quote! {
        #head
        #![doc = ""]
        #(#list)*
        #![doc = ""]
        #tail
    }
}

/// Builds `#[doc = "..."]` attributes from already-formatted markdown paragraphs.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    doc_attrs(paragraphs, false)
}

/// One `#[doc = "..."]` line of generated (not vendor) text.
pub fn line(text: &str) -> TokenStream {
    attrs(&[text.to_owned()])
}

/// Inner (`//!`) doc attributes for a module file.
pub fn inner_attrs(paragraphs: &[String]) -> TokenStream {
    doc_attrs(paragraphs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("UserRelation[]"), "UserRelation\\[\\]");
        assert_eq!(escape("list<string>"), "list\\<string\\>");
        assert_eq!(escape("用户关系集合"), "用户关系集合");
        assert_eq!(
            escape("`list<string>` or a[0]"),
            "`list<string>` or a\\[0\\]"
        );
        assert_eq!(escape("a ` b <c>"), "a \\` b \\<c\\>");
        assert_eq!(escape("```\nfn x\n```"), "\\`\\`\\`\nfn x\n\\`\\`\\`");
        assert_eq!(escape("a\\[b]"), "a\\\\\\[b\\]");
        assert_eq!(escape("~~~\n    code"), "\\~~~\ncode");
    }

    #[test]
    fn cleans_control_characters() {
        assert_eq!(clean("Get\rx"), "Get\nx");
        assert_eq!(clean("a\r\nb\u{2028}c"), "a\nb\nc");
        assert_eq!(clean("a\tb\u{0}\u{7}\u{1b}[0m\u{85}c"), "a b[0mc");
        assert_eq!(clean("x\u{202E}y\u{2066}z"), "xyz");
        assert_eq!(one_line(" a\r\n\n b\t c "), "a b c");
    }

    #[test]
    fn links_bare_urls() {
        assert_eq!(
            escape("see https://a.example.com/x?y=1."),
            "see <https://a.example.com/x?y=1>."
        );
        assert_eq!(
            escape("地址：https://a.cn，然后"),
            "地址：<https://a.cn>，然后"
        );
        assert_eq!(escape("`https://a.cn`"), "`https://a.cn`");
        assert_eq!(escape("https://{host}/x"), "https://{host}/x");
    }

    #[test]
    fn indents_list_continuations() {
        assert_eq!(escape("- a\nb\n\nc"), "- a\n  b\n\nc");
        assert_eq!(escape("10. a\n    b"), "10. a\n    b");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("x"), "`x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a``"), "``` `a`` ```");
        assert_eq!(code("a\r\nb"), "`a b`");
        assert_eq!(code(""), "` `");
        assert_eq!(url("https://a.cn/x>y z"), "<https://a.cn/x%3Ey%20z>");
    }

    #[test]
    fn every_doc_line_is_clean() {
        let tokens = attrs(&["Get\rx\u{202E}".to_owned()]).to_string();
        assert!(
            !tokens.contains('\r') && !tokens.contains("\\r"),
            "{tokens}"
        );
        assert!(
            tokens.contains("\" Get\"") && tokens.contains("\" x\""),
            "{tokens}"
        );
    }
}
