//! Writing the parsed HTML out as text (the rules are in the parent module's docs).

use scraper::node::Element;
use scraper::{Html, Node};

use super::writer::{Style, Writer, code_span};
use super::{holds_markup, web_url};

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// How deep the tree is walked element by element; below that only the text is kept, so no
/// input, however deeply nested, can exhaust the stack.
const MAX_DEPTH: usize = 100;

/// How many times markup escaped once too often is read again as markup.
const MAX_REPARSE: usize = 2;

/// The text of an HTML fragment.
pub(super) fn html_to_text(html: &str) -> String {
    let mut writer = Writer::default();
    Renderer::default().fragment(&mut writer, html);
    writer.finish()
}

#[derive(Default)]
struct Renderer {
    /// The lists the walk is in, innermost last: the next number of an ordered one.
    lists: Vec<Option<u64>>,
    depth: usize,
    reparse: usize,
}

impl Renderer {
    fn fragment(&mut self, w: &mut Writer, html: &str) {
        let html = Html::parse_fragment(html);
        self.children(w, *html.root_element());
    }

    fn children(&mut self, w: &mut Writer, node: NodeRef<'_>) {
        if self.depth >= MAX_DEPTH {
            for text in node.descendants().filter_map(|n| n.value().as_text()) {
                w.text(text);
            }
            return;
        }
        self.depth += 1;
        let mut children = node.children().peekable();
        while let Some(child) = children.next() {
            match child.value() {
                Node::Element(element) if element.name() == "li" && self.lists.is_empty() => {
                    // `<li>`s outside a list, side by side, are shown as one.
                    self.lists.push(None);
                    w.start_list(true);
                    self.item(w, child);
                    while let Some(next) = children.next_if(|n| is_item_or_blank(*n)) {
                        if next.value().is_element() {
                            self.item(w, next);
                        }
                    }
                    w.end_list(true);
                    self.lists.pop();
                }
                Node::Text(text) => self.text(w, text),
                Node::Element(element) => self.element(w, child, element),
                _ => {}
            }
        }
        self.depth -= 1;
    }

    fn element(&mut self, w: &mut Writer, node: NodeRef<'_>, element: &Element) {
        match element.name() {
            "script" | "style" | "svg" | "math" | "template" | "head" | "title" | "noscript" => {}
            "br" => w.line_break(),
            "hr" => w.paragraph_break(),
            "p" | "div" | "blockquote" | "section" | "article" | "header" | "footer" | "aside"
            | "nav" | "main" | "figure" | "figcaption" | "details" | "summary" | "address"
            | "dl" | "dt" | "dd" | "center" | "form" | "fieldset" | "caption" => {
                w.paragraph_break();
                self.children(w, node);
                w.paragraph_break();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                w.paragraph_break();
                self.styled(w, node, Style::Strong);
                w.paragraph_break();
            }
            "ul" | "menu" => self.list(w, node, None),
            "ol" => {
                let start = element.attr("start").and_then(|s| s.trim().parse().ok());
                self.list(w, node, Some(start.unwrap_or(1)));
            }
            "li" => self.item(w, node),
            "table" => self.table(w, node),
            "pre" | "textarea" => pre(w, node),
            "code" | "kbd" | "samp" | "tt" => {
                // Leading spaces stay: they are the code's (and Markdown keeps them too).
                let text = text_of(node).replace('\n', " ");
                if !text.trim().is_empty() {
                    w.token(&code_span(text.trim_end()));
                }
            }
            "b" | "strong" => self.styled(w, node, Style::Strong),
            "em" | "i" => self.styled(w, node, Style::Emphasis),
            "a" => {
                let href = element.attr("href").unwrap_or_default();
                self.link(w, href, |r, sub| r.children(sub, node));
            }
            "img" => {
                if let Some(url) = element.attr("src").and_then(web_url) {
                    w.token(&format!("(图片: {url})"));
                }
            }
            _ => self.children(w, node),
        }
    }

    fn styled(&mut self, w: &mut Writer, node: NodeRef<'_>, style: Style) {
        let opened = w.open(style);
        self.children(w, node);
        if opened {
            w.close();
        }
    }

    fn list(&mut self, w: &mut Writer, node: NodeRef<'_>, ordered: Option<u64>) {
        w.start_list(ordered.is_none());
        self.lists.push(ordered);
        self.children(w, node);
        self.lists.pop();
        w.end_list(ordered.is_none());
    }

    fn item(&mut self, w: &mut Writer, node: NodeRef<'_>) {
        let Some(list) = self.lists.last_mut() else {
            return self.children(w, node);
        };
        let marker = match list {
            Some(n) => {
                let marker = format!("{n}. ");
                *n = n.saturating_add(1);
                marker
            }
            None => "- ".to_owned(),
        };
        let outer = w.start_item(marker);
        self.children(w, node);
        w.end_item(outer);
    }

    /// One line per row, the header rows first, the cells joined by ` | `.
    fn table(&mut self, w: &mut Writer, node: NodeRef<'_>) {
        let mut head = Vec::new();
        let mut body = Vec::new();
        for section in node.children() {
            match section.value().as_element().map(Element::name) {
                Some("thead") => head.extend(section.children()),
                Some("tbody" | "tfoot") => body.extend(section.children()),
                Some("tr") => body.push(section),
                Some("caption") => {
                    w.paragraph_break();
                    self.children(w, section);
                    w.paragraph_break();
                }
                _ => {}
            }
        }
        w.paragraph_break();
        for row in head.into_iter().chain(body) {
            if row.value().as_element().map(Element::name) != Some("tr") {
                continue;
            }
            let mut line = String::new();
            let mut any = false;
            for (i, cell) in row.children().filter(|c| is_cell(*c)).enumerate() {
                let mut sub = w.inline();
                self.children(&mut sub, cell);
                let cell = sub.finish_line();
                if i > 0 {
                    line.push_str(" |");
                }
                if !cell.is_empty() {
                    any = true;
                    line.push(' ');
                    line.push_str(&cell);
                }
            }
            if any {
                w.end_line();
                w.token(line.trim_start());
                w.end_line();
            }
        }
        w.paragraph_break();
    }

    /// A link to `href` whose text `text` writes: `text (url)`, the URL alone when the text
    /// is empty or the URL itself, the text alone when the link goes to no web page.
    fn link(&mut self, w: &mut Writer, href: &str, text: impl FnOnce(&mut Self, &mut Writer)) {
        let Some(url) = web_url(href) else {
            text(self, w);
            return;
        };
        let mut sub = w.inline();
        text(self, &mut sub);
        let label = sub.finish_line();
        if label.is_empty() || label == href.trim() || label == url {
            w.token(&url);
        } else {
            w.token(&label);
            w.space();
            w.token(&format!("({url})"));
        }
    }

    /// A text node: markup escaped once too often is read again; Markdown links and images
    /// (left alone in HTML blocks) become text.
    fn text(&mut self, w: &mut Writer, text: &str) {
        if self.reparse < MAX_REPARSE && holds_markup(text) {
            self.reparse += 1;
            let mut html = String::with_capacity(text.len());
            for c in text.chars() {
                // Everything but the tags stays text when read again.
                match c {
                    '&' => html.push_str("&amp;"),
                    c => html.push(c),
                }
            }
            self.fragment(w, &html);
            self.reparse -= 1;
            return;
        }
        let mut rest = text;
        while let Some(link) = markdown_link(rest) {
            w.text(rest.get(..link.start).unwrap_or_default());
            if link.image {
                if let Some(url) = web_url(link.url) {
                    w.token(&format!("(图片: {url})"));
                }
            } else {
                self.link(w, link.url, |_, sub| sub.text(link.label));
            }
            rest = rest.get(link.end..).unwrap_or_default();
        }
        w.text(rest);
    }
}

/// Whether `node` is an `<li>` or whitespace.
fn is_item_or_blank(node: NodeRef<'_>) -> bool {
    let item_or_blank = match node.value() {
        Node::Element(element) => element.name() == "li",
        Node::Text(text) => text.trim().is_empty(),
        _ => false,
    };
    item_or_blank || is_empty_paragraph(node)
}

/// An empty `<p>`, which a stray `</p>` leaves.
fn is_empty_paragraph(node: NodeRef<'_>) -> bool {
    match node.value() {
        Node::Element(element) => element.name() == "p" && !node.has_children(),
        _ => false,
    }
}

fn is_cell(node: NodeRef<'_>) -> bool {
    matches!(
        node.value().as_element().map(Element::name),
        Some("td" | "th")
    )
}

/// All the text under `node`.
fn text_of(node: NodeRef<'_>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text())
        .map(|t| &**t)
        .collect()
}

/// A preformatted block: one code span per line, its indentation kept inside the span.
fn pre(w: &mut Writer, node: NodeRef<'_>) {
    w.paragraph_break();
    for line in text_of(node).replace('\t', "    ").lines() {
        let line: String = line
            .trim_end()
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        if !line.trim().is_empty() {
            w.token(&code_span(&line));
            w.end_line();
        }
    }
    w.paragraph_break();
}

/// A Markdown link or image found in text: `[label](url)` or `![alt](url)`.
struct MarkdownLink<'a> {
    start: usize,
    end: usize,
    image: bool,
    label: &'a str,
    url: &'a str,
}

/// The first Markdown inline link or image in `text`: a bracketed label (brackets inside
/// balanced) directly followed by `(url)` or `(url "title")`, the URL without spaces or in
/// `<…>`.
fn markdown_link(text: &str) -> Option<MarkdownLink<'_>> {
    let mut from = 0;
    while let Some(open) = text.get(from..)?.find('[').map(|i| i + from) {
        from = open + 1;
        let Some(close) = closing_bracket(text, open) else {
            continue;
        };
        let Some((url, end)) = text.get(close + 1..).and_then(destination) else {
            continue;
        };
        let image = open > 0 && text.get(open - 1..open) == Some("!");
        return Some(MarkdownLink {
            start: if image { open - 1 } else { open },
            end: close + 1 + end,
            image,
            label: text.get(open + 1..close)?,
            url,
        });
    }
    None
}

/// Where the `]` closing the `[` at `open` is.
fn closing_bracket(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.get(open..)?.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(open + i);
                }
            }
            '\n' if text.get(open + i + 1..)?.starts_with('\n') => return None,
            _ => {}
        }
    }
    None
}

/// The URL of `(url)` or `(url "title")` at the start of `text`, and where it ends.
fn destination(text: &str) -> Option<(&str, usize)> {
    let body = text.strip_prefix('(')?.trim_start_matches([' ', '\t']);
    let (url, after) = if let Some(angled) = body.strip_prefix('<') {
        let end = angled.find(['>', '\n'])?;
        (angled.get(..end)?, angled.get(end + 1..)?)
    } else {
        let end = bare_destination_len(body);
        (body.get(..end)?, body.get(end..)?)
    };
    let after = after.trim_start_matches([' ', '\t']);
    let after = match after.chars().next()? {
        quote @ ('"' | '\'') => {
            let title = after.get(1..)?;
            let end = title.find(quote)?;
            title.get(end + 1..)?.trim_start_matches([' ', '\t'])
        }
        _ => after,
    };
    let rest = after.strip_prefix(')')?;
    Some((url, text.len() - rest.len()))
}

/// How long the URL at the start of `text` is: up to whitespace or a `)` that closes no `(`
/// inside it.
fn bare_destination_len(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return i,
            ')' => depth -= 1,
            c if c.is_whitespace() => return i,
            _ => {}
        }
    }
    text.len()
}
