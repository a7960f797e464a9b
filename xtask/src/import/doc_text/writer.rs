//! The text [`to_text`](super::to_text) builds: lines and paragraphs, list markers and
//! indentation, and the `**`/`*` markers of bold and emphasis.
//!
//! Markers are written lazily: an opened style puts its marker before the next word and
//! closes it after the last one, so whitespace stays outside (`** x**` is not bold in
//! Markdown), an empty `<b></b>` writes nothing, and a style that spans a line break is closed
//! at the end of the line and reopened on the next.

/// An inline style written as Markdown markers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Style {
    /// `**x**`.
    Strong,
    /// `*x*`.
    Emphasis,
}

impl Style {
    fn marker(self) -> &'static str {
        match self {
            Style::Strong => "**",
            Style::Emphasis => "*",
        }
    }
}

/// An open style.
#[derive(Clone, Copy, Debug)]
struct Open {
    style: Style,
    /// Its marker is on the current line, so it must be closed there.
    on: bool,
    /// Opened by the writer this one writes into (a link's text, a table cell): it writes
    /// no marker here, and the same style inside is not nested in it.
    inherited: bool,
}

/// Builds the text line by line.
#[derive(Default)]
pub(super) struct Writer {
    /// The finished lines.
    out: String,
    /// The current line, without its indentation.
    line: String,
    /// Whitespace was seen since the last word.
    space: bool,
    /// A paragraph break comes before the next line.
    blank: bool,
    /// How far the lines of the current list item are indented.
    indent: usize,
    /// The list marker the next line starts with, and its indentation.
    marker: Option<(usize, String)>,
    /// How many lists are open.
    lists: usize,
    /// A bullet list just ended and nothing came after it yet.
    bullets_ended: bool,
    /// How long `out` was when the outermost list started.
    list_start: usize,
    /// Whether the previous line, outside any list, reads as a list item to Markdown (what
    /// Markdown would make of the next line depends on it); `None` at a paragraph's start.
    item_before: Option<bool>,
    styles: Vec<Open>,
}

impl Writer {
    /// A writer for a piece of inline text (a link's text, a table cell) inside `self`: the
    /// styles open in `self` are not opened again inside.
    pub(super) fn inline(&self) -> Writer {
        let styles = self
            .styles
            .iter()
            .map(|open| Open {
                inherited: true,
                on: false,
                ..*open
            })
            .collect();
        Writer {
            styles,
            ..Writer::default()
        }
    }

    /// Text from the document: every run of whitespace becomes one space, a line feed ends
    /// the line, control characters go. Code spans already in the text (`` `a  b` ``) are
    /// kept whole.
    pub(super) fn text(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let mut word = String::new();
        let mut i = 0;
        while let Some(&c) = chars.get(i) {
            if c == '`'
                && let Some(end) = code_span_end(&chars, i)
            {
                word.extend(chars.get(i..end).unwrap_or_default());
                i = end;
                continue;
            }
            i += 1;
            if c == '\n' || c == '\u{2028}' || c == '\u{2029}' {
                self.word(&mut word);
                self.end_line();
            } else if c.is_whitespace() {
                self.word(&mut word);
                self.space = true;
            } else if !c.is_control() {
                word.push(c);
            }
        }
        self.word(&mut word);
    }

    fn word(&mut self, word: &mut String) {
        self.token(word);
        word.clear();
    }

    /// Writes `token` as it is (a word, a code span, a rendered link), after the pending
    /// space and the markers of the styles opened since the last word.
    pub(super) fn token(&mut self, token: &str) {
        if token.is_empty() {
            return;
        }
        // Two code spans side by side would read as one span with a longer fence.
        let touching = self.line.ends_with('`') && token.starts_with('`');
        if (self.space || touching) && !self.line.is_empty() {
            self.line.push(' ');
        }
        self.space = false;
        for open in self.styles.iter_mut().filter(|o| !o.inherited && !o.on) {
            self.line.push_str(open.style.marker());
            open.on = true;
        }
        self.line.push_str(token);
    }

    /// A space before the next word (none at the start of a line).
    pub(super) fn space(&mut self) {
        self.space = true;
    }

    /// Opens `style`; false when it is already open, and then it is not opened again (and
    /// must not be closed).
    pub(super) fn open(&mut self, style: Style) -> bool {
        if self.styles.iter().any(|o| o.style == style) {
            return false;
        }
        self.styles.push(Open {
            style,
            on: false,
            inherited: false,
        });
        true
    }

    /// Closes the innermost open style (the one [`Writer::open`] opened last).
    pub(super) fn close(&mut self) {
        if let Some(open) = self.styles.pop()
            && open.on
        {
            self.line.push_str(open.style.marker());
        }
    }

    /// Ends the current line, if anything is on it.
    pub(super) fn end_line(&mut self) {
        self.space = false;
        if self.line.is_empty() {
            return;
        }
        for open in self.styles.iter_mut().rev().filter(|o| o.on) {
            self.line.push_str(open.style.marker());
            open.on = false;
        }
        if self.lists == 0 && self.marker.is_none() {
            self.separate_item_lines();
        } else {
            self.item_before = None;
        }
        if !self.out.is_empty() {
            self.out.push('\n');
            if self.blank {
                self.out.push('\n');
            }
        }
        self.blank = false;
        let (indent, marker) = match self.marker.take() {
            Some((at, marker)) => (at, marker),
            None => (self.indent, String::new()),
        };
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(&marker);
        self.out.push_str(&self.line);
        self.line.clear();
    }

    /// Text lines outside a list that read as list items to Markdown (`- x`, `1. x`, from
    /// text like `注：<br>1. x`) get a blank line where Markdown would start or end a list
    /// there, so that reading this text again as Markdown gives the same text.
    fn separate_item_lines(&mut self) {
        if self.out.is_empty() || self.blank {
            self.item_before = None;
        }
        let item = item_marker(&self.line);
        let item = match (self.item_before, item) {
            (Some(false), Some(interrupts)) if !interrupts => false,
            (Some(false), Some(_)) | (Some(true), None) => {
                self.blank = true;
                item.is_some()
            }
            (_, item) => item.is_some(),
        };
        self.item_before = Some(item);
        self.bullets_ended = false;
    }

    /// Ends the paragraph; inside a list only the line, as a blank line would end the list.
    pub(super) fn paragraph_break(&mut self) {
        self.end_line();
        if self.lists == 0 {
            self.blank = true;
        }
    }

    /// A `<br>`: ends the line, and a second one in a row ends the paragraph.
    pub(super) fn line_break(&mut self) {
        if self.line.is_empty() {
            self.space = false;
            if self.lists == 0 && !self.out.is_empty() {
                self.blank = true;
            }
        } else {
            self.end_line();
        }
    }

    /// Starts a list of bullets or numbers: its own paragraph, or lines of the item it is
    /// nested in. A bullet list right after another is one list to Markdown, so it is
    /// written as one.
    pub(super) fn start_list(&mut self, bullets: bool) {
        if self.lists > 0 {
            self.end_line();
        } else if bullets && self.bullets_ended && self.line.is_empty() {
            self.blank = false;
        } else {
            self.paragraph_break();
        }
        if self.lists == 0 {
            self.list_start = self.out.len();
        }
        self.lists += 1;
    }

    /// Ends the list [`Writer::start_list`] started.
    pub(super) fn end_list(&mut self, bullets: bool) {
        self.end_line();
        self.lists = self.lists.saturating_sub(1);
        if self.lists == 0 {
            self.blank = true;
            self.bullets_ended = bullets && self.out.len() > self.list_start;
        }
    }

    /// Starts an item with `marker` (`- `, `1. `); its other lines are indented under the
    /// marker's text, which nests lists inside it. Returns what [`Writer::end_item`] needs.
    pub(super) fn start_item(&mut self, marker: String) -> usize {
        self.end_line();
        let outer = self.indent;
        self.indent = outer + marker.chars().count();
        // An item that starts with a nested list (`- 1. x`) keeps both markers on its line.
        self.marker = Some(match self.marker.take() {
            Some((at, pending)) => (at, pending + &marker),
            None => (outer, marker),
        });
        outer
    }

    /// Ends the item [`Writer::start_item`] started (an item with no text leaves nothing).
    pub(super) fn end_item(&mut self, outer: usize) {
        self.end_line();
        self.marker = None;
        self.indent = outer;
    }

    /// The text written.
    pub(super) fn finish(mut self) -> String {
        self.end_line();
        self.out
    }

    /// The text written, on one line.
    pub(super) fn finish_line(self) -> String {
        let text = self.finish();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        lines.join(" ")
    }
}

/// Whether `line` starts like a Markdown list item (`- x`, `* x`, `+ x`, `1. x`, `1) x`), and
/// if so whether that item could interrupt a paragraph (bullets and lists starting at 1).
fn item_marker(line: &str) -> Option<bool> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if "-*+".contains(first) {
        return (chars.next() == Some(' ')).then_some(true);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = line.get(digits..)?;
    if digits == 0 || digits > 9 || !(rest.starts_with(". ") || rest.starts_with(") ")) {
        return None;
    }
    Some(line.get(..digits)?.parse::<u32>().ok()? == 1)
}

/// Where the code span starting with the backticks at `i` ends (after its closing run), if it
/// is one: a run of one or two backticks closed by a run of the same length on the same line
/// (a line of the text is a line of the output, and may be a list item of its own). Longer
/// runs are fences, not spans.
fn code_span_end(chars: &[char], i: usize) -> Option<usize> {
    let run = |at: usize| {
        chars
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&c| c == '`')
            .count()
    };
    if i > 0 && chars.get(i - 1) == Some(&'`') {
        return None;
    }
    let n = run(i);
    if n > 2 {
        return None;
    }
    let mut j = i + n;
    while let Some(&c) = chars.get(j) {
        if c == '\n' {
            return None;
        }
        if c == '`' {
            let m = run(j);
            if m == n {
                return Some(j + m);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// A code span showing `text` literally: the fence is one backtick longer than the longest
/// run inside, padded with a space when the text starts or ends with a backtick.
pub(super) fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}
