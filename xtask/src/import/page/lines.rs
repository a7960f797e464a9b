//! A saved page as lines: the one shape every later step reads, whatever the page was saved
//! as.
//!
//! - HTML (ShowDoc pages, seed 002) is parsed as a browser would (`scraper`): a table row is
//!   one line of cells, a `<pre>` block is code lines, block elements and `<br>` end a line,
//!   other text runs together as it renders.
//! - Text (Markdown and plain) keeps its lines; a line with two or more `|` is a row of cells
//!   (`| a | b |` and `a | b |` alike), a Markdown separator row (`---|---`) is dropped, a
//!   cell that goes on over several lines (Tencent's `描述` cells) is joined back, and fenced
//!   code (```` ``` ````) is code.
//!
//! Whitespace tables and cells run together without a separator stay plain text here: only
//! the table reader knows their header, and with it where the cells are.

use scraper::{ElementRef, Html, Node};

/// One line of the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// The text, whitespace runs collapsed to one space, trimmed.
    pub(crate) text: String,
    /// The cells when the line is a table row.
    pub(crate) cells: Option<Vec<String>>,
    /// Whether the line is inside a code block.
    pub(crate) code: bool,
    /// The 1-based line of the saved file it starts on (for HTML: the line of the file the
    /// markup is on, which for a one-line page is 1).
    pub(crate) source_line: usize,
}

/// The page's lines, without blank ones.
pub(crate) fn read(page: &str) -> Vec<Line> {
    if looks_like_html(page) {
        html_lines(page)
    } else {
        text_lines(page)
    }
}

/// Whether the page carries HTML markup worth parsing (a table, a `<pre>`, paragraphs).
fn looks_like_html(page: &str) -> bool {
    // At the start of a line: a Markdown page whose JSON example holds `"<p>hi</p>"` stays
    // Markdown.
    page.lines().any(|line| {
        let line = line.trim_start();
        [
            "<table",
            "<pre",
            "<p>",
            "<p ",
            "<td",
            "<li>",
            "<ul>",
            "<!doctype",
            "<html",
            "<div",
        ]
        .iter()
        .any(|tag| line.starts_with(tag))
    })
}

/// Collapses whitespace runs (including non-breaking spaces) to one space and trims.
pub(crate) fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{3000}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_lines(page: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut fenced = false;
    // Whether the current table's header ends with `|`: then a row that does not is a cell
    // going on over the next lines, up to the one that ends with `|`.
    let mut piped_table: Option<bool> = None;
    let mut open_row = false;
    for (source_line, raw) in unglued(page) {
        let trimmed = raw.trim();
        if trimmed.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            if !trimmed.is_empty() {
                out.push(Line {
                    text: trimmed.to_owned(),
                    cells: None,
                    code: true,
                    source_line,
                });
            }
            continue;
        }
        // A cell going on ends at the line that ends it with `|`; a blank line, a new row
        // or a heading ends it too (the page lost the `|`).
        if open_row && (trimmed.is_empty() || trimmed.starts_with(['|', '#'])) {
            open_row = false;
        }
        if open_row {
            if let Some(row) = out.last_mut() {
                continue_row(row, trimmed);
            }
            open_row = !trimmed.ends_with('|');
            continue;
        }
        if trimmed.is_empty() || is_separator_row(trimmed) {
            continue;
        }
        if trimmed.matches('|').count() >= 2 {
            let ends = trimmed.ends_with('|');
            let piped = *piped_table.get_or_insert(ends);
            let cells = split_cells(trimmed);
            out.push(Line {
                text: cells.join(" | "),
                cells: Some(cells),
                code: false,
                source_line,
            });
            open_row = piped && !ends;
            continue;
        }
        piped_table = None;
        out.push(Line {
            text: squash(trimmed),
            cells: None,
            code: false,
            source_line,
        });
    }
    out
}

/// The page's lines with their numbers, a JSON block's closing bracket split from what the
/// page ran into it (`}Notes`, `}| 参数 | 必须 |`).
fn unglued(page: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (index, raw) in page.lines().enumerate() {
        let trimmed = raw.trim();
        let glued = trimmed
            .find(|c: char| !matches!(c, '}' | ']' | ',' | ' '))
            .filter(|&at| {
                at > 0
                    && !trimmed[at..].starts_with(['"', '{', '[', '/'])
                    && !trimmed[at..].starts_with(|c: char| c.is_ascii_digit())
            });
        match glued {
            Some(at) => {
                out.push((index + 1, &trimmed[..at]));
                out.push((index + 1, &trimmed[at..]));
            }
            None => out.push((index + 1, raw)),
        }
    }
    out
}

/// Adds a line of a cell that goes on to the row's last cell.
fn continue_row(row: &mut Line, more: &str) {
    let part = squash(more.trim_end_matches('|'));
    if let Some(last) = row.cells.as_mut().and_then(|cells| cells.last_mut())
        && !part.is_empty()
    {
        if !last.is_empty() {
            last.push(' ');
        }
        last.push_str(&part);
    }
    if let Some(cells) = &row.cells {
        row.text = cells.join(" | ");
    }
}

/// `|---|:--|` or `---|---|`.
fn is_separator_row(line: &str) -> bool {
    line.contains('-')
        && line.contains('|')
        && line
            .chars()
            .all(|c| matches!(c, '-' | '|' | ':' | ' ' | '\t'))
}

/// The cells of a `|` row, without the empty ones its outer pipes make.
fn split_cells(line: &str) -> Vec<String> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(squash).collect()
}

/// Elements that end the line before and after them.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "dl",
    "dt",
    "dd",
    "hr",
    "body",
    "html",
    "nav",
    "table",
];

struct HtmlReader {
    out: Vec<Line>,
    current: String,
    line: usize,
    /// How deep the walk is: past [`MAX_DEPTH`] an element's text is taken whole.
    depth: usize,
}

/// Deeper than any page's real markup; keeps a hostile page's nesting off the stack.
const MAX_DEPTH: usize = 128;

impl HtmlReader {
    fn flush(&mut self) {
        let text = squash(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.out.push(Line {
                text,
                cells: None,
                code: false,
                source_line: self.line,
            });
        }
    }

    fn walk(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => {
                    // Text outside markup keeps its own lines (a page saved with a plain
                    // header above the HTML).
                    let mut parts = text.split('\n').peekable();
                    while let Some(part) = parts.next() {
                        self.current.push_str(part);
                        if parts.peek().is_some() {
                            self.current.push(' ');
                            if element.value().name() == "body" || element.value().name() == "html"
                            {
                                self.flush();
                            }
                        }
                    }
                }
                Node::Element(_) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    self.element(child);
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef<'_>) {
        if self.depth >= MAX_DEPTH {
            self.current.push_str(&element.text().collect::<String>());
            return;
        }
        self.depth += 1;
        self.element_inside(element);
        self.depth -= 1;
    }

    fn element_inside(&mut self, element: ElementRef<'_>) {
        let name = element.value().name();
        match name {
            "script" | "style" | "svg" | "head" => {}
            "br" => self.flush(),
            "pre" => {
                self.flush();
                let text: String = element.text().collect();
                for part in text.lines() {
                    let part = part.trim();
                    if !part.is_empty() {
                        self.out.push(Line {
                            text: part.to_owned(),
                            cells: None,
                            code: true,
                            source_line: self.line,
                        });
                    }
                }
            }
            "tr" => {
                self.flush();
                let cells: Vec<String> = element
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|c| squash(&c.text().collect::<String>()))
                    .collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    self.out.push(Line {
                        text: cells.join(" | "),
                        cells: Some(cells),
                        code: false,
                        source_line: self.line,
                    });
                }
            }
            _ if BLOCKS.contains(&name) => {
                self.flush();
                self.walk(element);
                self.flush();
            }
            _ => self.walk(element),
        }
    }
}

fn html_lines(page: &str) -> Vec<Line> {
    let document = Html::parse_document(page);
    let mut reader = HtmlReader {
        out: Vec::new(),
        current: String::new(),
        line: 1,
        depth: 0,
    };
    reader.walk(document.root_element());
    reader.flush();
    reader.out
}
