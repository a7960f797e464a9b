//! Problems found in the spec, each pinned to a file, line and column.
//!
//! The plain [`Display`](fmt::Display) form is one line per problem,
//! `{file}:{line}:{col}: error: {message}`, optionally followed by `  = help: {help}`; it is
//! what tests assert and what CI logs show. [`Diagnostics::render_fancy`] renders the same
//! problems with the source snippet for a terminal.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use miette::{GraphicalReportHandler, LabeledSpan, NamedSource, SourceSpan};

use crate::source::{normalise_line_endings, read_regular_file};

/// A 1-based line and column inside one spec file.
///
/// `Default` is 0:0, "not known"; a diagnostic never shows it (see
/// [`Diagnostic`]), and problems with a whole file or folder
/// are placed at [`Pos::START`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line number.
    pub line: u64,
    /// 1-based column number.
    pub column: u64,
}

impl Pos {
    /// Line 1, column 1: where problems with a file (or folder) as a whole are reported.
    pub const START: Pos = Pos { line: 1, column: 1 };

    /// The position itself, with an unknown (0) line or column moved to 1, so that a
    /// location always points into the file.
    #[must_use]
    pub fn or_start(self) -> Pos {
        Pos {
            line: self.line.max(1),
            column: self.column.max(1),
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem in one spec file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The file, as the spec root joined with the file's relative path.
    pub file: PathBuf,
    /// Where in the file (1-based line and column). An unknown `0` is shown as `1`, so every
    /// location printed points into the file; problems with a whole file or folder are at
    /// [`Pos::START`].
    pub pos: Pos,
    /// What was found and what was expected, on one line.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// The one way a problem is built: where it is, what it is and, when there is something
    /// useful to say, how to fix it.
    pub fn new(
        file: impl Into<PathBuf>,
        pos: Pos,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            pos,
            message: message.into(),
            help,
        }
    }

    /// The key the diagnostics are sorted by.
    fn sort_key(&self) -> (&Path, u64, u64, &str, Option<&str>) {
        (
            self.file.as_path(),
            self.pos.line,
            self.pos.column,
            self.message.as_str(),
            self.help.as_deref(),
        )
    }

    /// Renders the diagnostic with a snippet of `source` (the text of [`Self::file`]) and a
    /// label at the position, using miette's graphical handler.
    pub fn render_fancy_with_source(&self, source: &str) -> String {
        let offset = byte_offset(source, self.pos);
        let len = token_len(source, offset);
        let fancy = Fancy {
            diag: self,
            source: Some(NamedSource::new(
                self.file.display().to_string(),
                source.to_owned(),
            )),
            span: SourceSpan::new(offset.into(), len),
        };
        render(&fancy)
    }

    /// Renders the diagnostic for a terminal, reading the file for the snippet (see
    /// [`Self::snippet_source`]); without one it is rendered without a snippet.
    pub fn render_fancy(&self) -> String {
        match self.snippet_source() {
            Some(source) => self.render_fancy_with_source(&source),
            None => render(&Fancy {
                diag: self,
                source: None,
                span: SourceSpan::new(0.into(), 0),
            }),
        }
    }

    /// The text of [`Self::file`] for a snippet, with line endings normalised as the loader
    /// reads them: only when the path itself is a regular UTF-8 file. A FIFO, device or
    /// folder is never opened (a FIFO would block), and a symlink is not followed, so a
    /// diagnostic about a link leading outside the spec folder cannot print the target.
    pub fn snippet_source(&self) -> Option<String> {
        let bytes = read_regular_file(&self.file).ok()??;
        let text = String::from_utf8(bytes).ok()?;
        Some(normalise_line_endings(&text).into_owned())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: error: {}",
            printable(&self.file.display().to_string()),
            self.pos.or_start(),
            printable(&self.message)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {}", printable(help))?;
        }
        Ok(())
    }
}

/// `text` with control characters other than line breaks written as escapes (`\u{1b}`):
/// messages quote the spec's own text (paths, names, file names), and an escape sequence in
/// it must not drive the reader's terminal.
fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }
}

/// Every problem found in one run over the spec.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The problems sorted by file, line, column and message, without duplicates.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.0.iter().collect();
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all.dedup();
        all
    }

    /// How many distinct problems there are.
    pub fn len(&self) -> usize {
        self.sorted().len()
    }

    /// Whether there are no problems.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Renders every problem with its source snippet for a terminal (see
    /// [`Diagnostic::render_fancy`]), followed by the count line.
    pub fn render_fancy(&self) -> String {
        let mut out = String::new();
        let sorted = self.sorted();
        for d in &sorted {
            out.push_str(&d.render_fancy());
        }
        out.push_str(&count_line(sorted.len()));
        out.push('\n');
        out
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(all: Vec<Diagnostic>) -> Self {
        Self(all)
    }
}

fn count_line(n: usize) -> String {
    if n == 1 {
        "1 error in the spec".to_owned()
    } else {
        format!("{n} errors in the spec")
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sorted = self.sorted();
        for d in &sorted {
            writeln!(f, "{d}")?;
        }
        f.write_str(&count_line(sorted.len()))
    }
}

impl std::error::Error for Diagnostics {}

impl miette::Diagnostic for Diagnostics {
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.0.iter().map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

/// `` `a`, `b`, `c` ``, for "expected one of" messages.
pub fn backticked<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    items
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The candidate closest to `word`, if one is close enough to be a likely typo: equal
/// ignoring case, or Jaro-Winkler similarity of at least 0.8, or at most 2 edits for words
/// longer than 3 characters.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let mut best: Option<(f64, &'c str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let score = if candidate.eq_ignore_ascii_case(word) {
            2.0
        } else {
            let jw = strsim::jaro_winkler(word, candidate);
            let edits = strsim::levenshtein(word, candidate);
            if jw >= 0.8 || (edits <= 2 && word.chars().count() > 3) {
                jw
            } else {
                continue;
            }
        };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The byte offset of a 1-based line and (character-based) column in `text`, clamped to the
/// text (an unknown `0:0` position is offset 0).
pub fn byte_offset(text: &str, pos: Pos) -> usize {
    let mut line_start = 0usize;
    let mut line = 1u64;
    while line < pos.line {
        match text.get(line_start..).and_then(|rest| rest.find('\n')) {
            Some(nl) => {
                line_start += nl + 1;
                line += 1;
            }
            None => return text.len(),
        }
    }
    let rest = text.get(line_start..).unwrap_or_default();
    let mut offset = line_start;
    for (i, c) in rest.chars().enumerate() {
        if (i as u64) + 1 >= pos.column || c == '\n' {
            break;
        }
        offset += c.len_utf8();
    }
    offset
}

/// Length in bytes of the token starting at `offset` (up to whitespace or a flow delimiter),
/// so that the label underlines the offending word.
fn token_len(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .unwrap_or_default()
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}'))
        .map(char::len_utf8)
        .sum()
}

/// A diagnostic paired with its source text, for miette's graphical renderer.
struct Fancy<'a> {
    diag: &'a Diagnostic,
    source: Option<NamedSource<String>>,
    span: SourceSpan,
}

impl fmt::Debug for Fancy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diag, f)
    }
}

impl fmt::Display for Fancy<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.source.is_some() {
            f.write_str(&self.diag.message)
        } else {
            write!(
                f,
                "{}:{}: {}",
                self.diag.file.display(),
                self.diag.pos.or_start(),
                self.diag.message
            )
        }
    }
}

impl std::error::Error for Fancy<'_> {}

impl miette::Diagnostic for Fancy<'_> {
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some("here".to_owned()), self.span),
        )))
    }
}

fn render(fancy: &Fancy<'_>) -> String {
    let mut out = String::new();
    if GraphicalReportHandler::new()
        .render_report(&mut out, fancy)
        .is_err()
    {
        return format!("{}\n", fancy.diag);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u64, column: u64) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn displays_sorted_unique_with_count() {
        let a = Diagnostic::new("b.yaml", pos(2, 1), "second", None);
        let b = Diagnostic::new("a.yaml", pos(9, 3), "first", Some("fix it".to_owned()));
        let all = Diagnostics(vec![a.clone(), b, a]);
        assert_eq!(
            all.to_string(),
            "a.yaml:9:3: error: first\n  = help: fix it\nb.yaml:2:1: error: second\n2 errors in the spec"
        );
        assert_eq!(
            Diagnostics(vec![Diagnostic::new("x", pos(1, 1), "m", None)]).to_string(),
            "x:1:1: error: m\n1 error in the spec"
        );
    }

    #[test]
    fn converts_positions_to_byte_offsets() {
        let text = "a: 1\nb: ü x\n";
        assert_eq!(byte_offset(text, pos(1, 1)), 0);
        assert_eq!(byte_offset(text, pos(2, 1)), 5);
        assert_eq!(byte_offset(text, pos(2, 5)), 10);
        assert_eq!(byte_offset(text, pos(2, 99)), 12);
        assert_eq!(byte_offset(text, pos(99, 1)), text.len());
        assert_eq!(byte_offset(text, pos(0, 0)), 0);
    }

    #[test]
    fn suggests_close_names() {
        let keys = ["path", "name", "method"];
        assert_eq!(did_you_mean("pth", keys), Some("path"));
        assert_eq!(did_you_mean("Method", keys), Some("method"));
        assert_eq!(did_you_mean("zzzzzz", keys), None);
    }

    #[test]
    fn renders_a_snippet() {
        let d = Diagnostic::new(
            "p/provider.yaml",
            pos(2, 4),
            "bad value",
            Some("try another".to_owned()),
        );
        let out = d.render_fancy_with_source("a: 1\nb: nope\n");
        assert!(out.contains("bad value"), "{out}");
        assert!(out.contains("nope"), "{out}");
        assert!(out.contains("try another"), "{out}");
    }
}
