//! The catalogue's doc text (Markdown mixed with HTML) as the plain, lightly marked-up text
//! the spec's `docs.zh` holds.
//!
//! The text is read the way the vendor's site shows it: as Markdown (CommonMark with tables,
//! by `pulldown-cmark`), whose raw HTML passes through, and the HTML that renders to is then
//! parsed as a browser would (`html5ever`, through `scraper`), so unclosed tags, stray `<` and
//! `&` and misnested markup mean what they mean on the page. The tree is then written out as
//! text (`render`), in the shape codegen's `emit::docs::escape` turns into rustdoc:
//!
//! - paragraphs are separated by one blank line; `<br>` and a line break of the source end a
//!   line (two `<br>` in a row end the paragraph); other whitespace runs are one space;
//! - `<ul>`/`<ol>` items are `- item` / `1. item` lines, a nested list indented under its
//!   item's text (two spaces under `- `, three under `1. `, which is what makes it nest);
//! - `<b>`/`<strong>` and headings are `**x**`, `<em>`/`<i>` are `*x*`, `<code>` is a code
//!   span; a `<pre>` block is one code span per line;
//! - a link is `text (url)`, or the URL alone when it is its own text or has none; a link
//!   that does not go to an `http(s)` page (relative, `javascript:`, `mailto:`) keeps only
//!   its text; an image is `(图片: url)`. URLs are percent-encoded where a character would end
//!   codegen's autolink early;
//! - a table is one line per row, the header rows first, cells joined by ` | `;
//! - `<svg>`, `<script>`, `<style>` and comments are dropped; any other tag leaves its text;
//! - Markdown already in HTML blocks (which CommonMark leaves alone) is kept as it is:
//!   `**x**` and code spans stay, links and images become text as above;
//! - markup escaped twice (`&lt;font color=&quot;red&quot;&gt;`, which shows as a tag on the
//!   page) is read as markup; `List<string>` in Markdown text, whose tag names no HTML
//!   element (nor a custom one like Tencent's `<dx-alert>`), stays text.
//!
//! Running it on its own output changes nothing, for all but a handful of the catalogue's
//! strings (ESS: 2 of 2,877; a test checks it on real ones): text after a nested list inside
//! a list item, which Markdown reads as part of the nested item.

mod render;
#[cfg(test)]
mod tests;
mod writer;

use pulldown_cmark::{Event, Options, Parser};

/// Turns a catalogue `document` (Markdown mixed with HTML) into the plain, lightly marked-up
/// text the spec's `docs.zh` holds.
pub(crate) fn to_text(document: &str) -> String {
    render::html_to_text(&markdown_to_html(document))
}

/// The HTML the Markdown renders to, its raw HTML passed through, except tags whose name is
/// no HTML element: those are text (`List<string>`).
fn markdown_to_html(document: &str) -> String {
    let events = Parser::new_ext(document, Options::ENABLE_TABLES).map(|event| match event {
        Event::InlineHtml(html) if !is_markup(&html) => Event::Text(html),
        event => event,
    });
    let mut html = String::with_capacity(document.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Whether raw HTML starting at its `<` is markup a browser acts on: a comment, a declaration
/// or a processing instruction, or a tag of an HTML element or a custom one.
fn is_markup(html: &str) -> bool {
    let rest = html.strip_prefix('<').unwrap_or(html);
    rest.starts_with('!') || rest.starts_with('?') || starts_with_tag(rest)
}

/// Whether `text` (after a `<`) begins a start or end tag of an HTML element or of a custom
/// element (`dx-alert`: a letter, then a name with a hyphen): the name, then `>`, `/` or
/// whitespace.
fn starts_with_tag(text: &str) -> bool {
    let text = text.strip_prefix('/').unwrap_or(text);
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(text.len());
    let (Some(name), Some(next)) = (
        text.get(..len),
        text.get(len..).and_then(|t| t.chars().next()),
    ) else {
        return false;
    };
    if !(next == '>' || next == '/' || next.is_ascii_whitespace()) {
        return false;
    }
    let custom = name.contains('-') && name.starts_with(|c: char| c.is_ascii_alphabetic());
    custom
        || ELEMENTS
            .binary_search(&name.to_ascii_lowercase().as_str())
            .is_ok()
}

/// Whether `text` holds a tag: markup that was escaped once too often.
fn holds_markup(text: &str) -> bool {
    text.match_indices('<')
        .any(|(i, _)| text.get(i + 1..).is_some_and(starts_with_tag))
}

/// HTML element names (sorted, for the binary search), with the obsolete ones vendor pages
/// still use (`font`, `center`, `tt`) and the two foreign roots (`svg`, `math`).
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// The URL of a link or image that goes to a web page (`http(s)://`, or `//host` taken as
/// `https:`), with every character codegen's autolink does not take percent-encoded, so the
/// whole URL is linked; `None` for anything else (relative, `javascript:`, `mailto:`, empty).
fn web_url(href: &str) -> Option<String> {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    let (scheme, rest) = if lower.starts_with("https://") {
        ("https://", href.get(8..)?)
    } else if lower.starts_with("http://") {
        ("http://", href.get(7..)?)
    } else if let Some(rest) = href.strip_prefix("//") {
        ("https://", rest)
    } else {
        return None;
    };
    let rest = rest.trim_end_matches('?');
    if rest.is_empty() {
        return None;
    }
    let mut url = String::from(scheme);
    let last = rest.chars().count() - 1;
    for (i, c) in rest.chars().enumerate() {
        // Autolinks end before trailing sentence punctuation; a URL that really ends in one
        // keeps it as an escape.
        let trailing = i == last && ".,:;".contains(c);
        if !trailing && (c.is_ascii_alphanumeric() || "-@:%._+~#?&/=".contains(c)) {
            url.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Some(url)
}
