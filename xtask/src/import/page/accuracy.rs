//! How close a page importer's drafts come to the hand-checked specs of the same page, row
//! by row (see `rows.rs`): precision (how many drafted rows are right) and recall (how many
//! expected rows were drafted), per page and over a corpus of saved pages.
//!
//! A corpus is a folder of saved pages, each with a YAML sidecar beside it:
//!
//! ```yaml
//! url: https://developer.example/article/513.html
//! provider: fxiaoke
//! captured: search store excerpt, 2026-12-02
//! page: data_query.txt            # optional: the sidecar's stem + `.txt`
//! expected:
//!   - api-spec/fxiaoke/crm/data_query.yaml   # relative to the workspace root
//! off_page:                       # optional: rows of the expected spec the page does not give
//!   - row: field request.includeNull = bool optional    # a row's text, or its start
//!     why: from reference/vendors.md; the page does not list it
//!     page: field request.x = string required           # optional: what the page says instead
//! ```
//!
//! A curated spec holds more than its page: facts from `reference/vendors.md`, corrections of
//! the page, examples completed where the saved page is cut. Such rows stay in the figures
//! against the specs; `off_page` names each with its reason, and the table adds the figures
//! over the rows the pages document: without the expected rows a `row` names and the drafted
//! rows a `page` names. An entry is a row's whole text or its start up to a boundary (a
//! space, `.` or `[`), so `field request.data` names `request.data` and what is under it but
//! not `request.dataId`. The entries are checked, so they cannot outlive what they describe
//! nor hide the importer's work: a `row` must name expected rows and none the draft has
//! right, a `page` must name drafted rows and only wrong ones.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::rows::{self, Row, RowKind};

/// The score of one page: its drafts against its expected specs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PageScore {
    /// The page (its file, relative to the workspace root, in a corpus run).
    pub page: String,
    /// Rows of all drafts.
    pub draft_rows: usize,
    /// Rows of all expected specs.
    pub expected_rows: usize,
    /// Expected rows a matching draft has with the same value.
    pub right: usize,
    /// Expected rows no draft has right, as `<endpoint>: <row>`.
    pub misses: Vec<String>,
    /// Drafted rows no expected spec has, as `<endpoint>: <row>`.
    pub extras: Vec<String>,
    /// Why there is no draft (the importer failed), in a corpus run.
    pub error: Option<String>,
    /// Of the expected rows, those an `off_page` entry's `row` names (none is drafted right).
    pub off_page_expected: usize,
    /// Of the drafted rows, those an `off_page` entry's `page` names (all wrong: what the
    /// page says instead of the spec's row).
    pub off_page_drafted: usize,
}

impl PageScore {
    /// right / drafted rows; 0 when nothing was drafted but something was expected, 1 when
    /// nothing was either.
    pub(crate) fn precision(&self) -> f64 {
        ratio(self.right, self.draft_rows, self.expected_rows == 0)
    }

    /// right / expected rows; 1 when nothing was expected.
    pub(crate) fn recall(&self) -> f64 {
        ratio(self.right, self.expected_rows, true)
    }

    /// The score over the rows the page documents: without those `off_page` names.
    pub(crate) fn documented(&self) -> PageScore {
        PageScore {
            page: self.page.clone(),
            draft_rows: self.draft_rows - self.off_page_drafted,
            expected_rows: self.expected_rows - self.off_page_expected,
            right: self.right,
            ..PageScore::default()
        }
    }
}

/// A row of an expected spec that its page does not give (a sidecar's `off_page` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OffPage {
    /// The row's text as the verbose report prints it (`field request.x = string optional`),
    /// or its start.
    pub row: String,
    /// What the page says instead, when it says something else.
    pub page: Option<String>,
    /// Where the row comes from, or why it differs from the page.
    pub why: String,
}

fn ratio(part: usize, whole: usize, empty: bool) -> f64 {
    if whole == 0 {
        if empty { 1.0 } else { 0.0 }
    } else {
        part as f64 / whole as f64
    }
}

/// Scores the drafts of one page (YAML texts; a page may document several endpoints)
/// against its expected specs. Drafts and specs are matched by `path` and `action`; an
/// unmatched draft's rows are all extras, an unmatched spec's all misses. Errors: a text
/// `rows` refuses (naming the draft or spec by its place in the list).
#[cfg(test)]
pub(crate) fn score_page(
    page: &str,
    drafts: &[String],
    expected: &[String],
    shared_types: Option<&str>,
) -> Result<PageScore, String> {
    let shared = rows::parse_shared(shared_types)?;
    let drafts = all_rows(drafts, shared.as_ref(), "draft")?;
    score_texts(page, &drafts, expected, shared.as_ref(), &[])
}

fn score_texts(
    page: &str,
    drafts: &[Vec<Row>],
    expected: &[String],
    shared: Option<&Value>,
    off_page: &[OffPage],
) -> Result<PageScore, String> {
    let expected = all_rows(expected, shared, "expected spec")?;
    let (score, used) = score_rows(page, drafts, &expected, off_page);
    let mut problems = Vec::new();
    for (entry, used) in off_page.iter().zip(&used) {
        if used.row_names_expected == 0 {
            problems.push(format!(
                "`row: {}` names no row of the expected specs",
                entry.row
            ));
        }
        if used.row_names_right > 0 {
            problems.push(format!(
                "`row: {}` names {} row(s) the draft has right: they are not off the page",
                entry.row, used.row_names_right
            ));
        }
        let Some(said) = &entry.page else { continue };
        if used.page_names_wrong == 0 {
            problems.push(format!("`page: {said}` names no wrong row of the drafts"));
        }
        if used.page_names_right > 0 {
            problems.push(format!(
                "`page: {said}` names {} row(s) the draft has right: only wrong rows can be what the page says instead",
                used.page_names_right
            ));
        }
    }
    if problems.is_empty() {
        Ok(score)
    } else {
        Err(format!("{page}: `off_page`: {}", problems.join("; ")))
    }
}

fn all_rows(texts: &[String], shared: Option<&Value>, what: &str) -> Result<Vec<Vec<Row>>, String> {
    let one = |i: usize, text: &str| {
        let at = |e: String| format!("{what} {}: {e}", i + 1);
        let value = rows::parse_yaml(text, "the endpoint spec").map_err(at)?;
        rows::rows_of(&value, shared).map_err(at)
    };
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| one(i, text))
        .collect()
}

/// The endpoint a spec's rows describe: its path, and its action when it has one.
fn identity(rows: &[Row]) -> String {
    let of = |kind| {
        rows.iter()
            .find(|r| r.kind == kind)
            .map(|r| r.value.as_str())
    };
    match (of(RowKind::Path), of(RowKind::Action)) {
        (Some(path), Some(action)) => format!("{path} {action}"),
        (Some(path), None) => path.to_owned(),
        (None, Some(action)) => action.to_owned(),
        (None, None) => "(no path)".to_owned(),
    }
}

/// Whether an `off_page` text names the row: it is the row's text or its start up to a
/// boundary, or, on a page of several endpoints, that of `<endpoint>: <text>`.
fn names(entry: &str, id: &str, row: &Row) -> bool {
    let text = row.to_string();
    starts_at_boundary(&text, entry) || starts_at_boundary(&format!("{id}: {text}"), entry)
}

/// A boundary: the row's end, or a separator of keys or JSON (` `, `.`, `[`, `:`, `,`) on
/// either side of the cut.
fn starts_at_boundary(text: &str, entry: &str) -> bool {
    const CUTS: [char; 5] = [' ', '.', '[', ':', ','];
    let Some(rest) = text.strip_prefix(entry) else {
        return false;
    };
    rest.is_empty() || entry.ends_with(CUTS) || entry.ends_with('{') || rest.starts_with(CUTS)
}

/// What one `off_page` entry names in a page's score.
#[derive(Debug, Default, Clone, Copy)]
struct Used {
    row_names_expected: usize,
    row_names_right: usize,
    page_names_wrong: usize,
    page_names_right: usize,
}

fn score_rows(
    page: &str,
    drafts: &[Vec<Row>],
    expected: &[Vec<Row>],
    off_page: &[OffPage],
) -> (PageScore, Vec<Used>) {
    let mut used = vec![Used::default(); off_page.len()];
    let mut score = PageScore {
        page: page.to_owned(),
        draft_rows: drafts.iter().map(Vec::len).sum(),
        expected_rows: expected.iter().map(Vec::len).sum(),
        ..PageScore::default()
    };
    let tag = |named: bool| if named { "  [off_page]" } else { "" };
    let mut unused: Vec<bool> = vec![true; drafts.len()];
    for spec in expected {
        let id = identity(spec);
        let found = (0..drafts.len()).find(|&i| unused[i] && identity(&drafts[i]) == id);
        let draft: BTreeSet<&Row> = match found {
            Some(i) => {
                unused[i] = false;
                drafts[i].iter().collect()
            }
            None => BTreeSet::new(),
        };
        let spec_set: BTreeSet<&Row> = spec.iter().collect();
        for row in &spec_set {
            let right = draft.contains(row);
            let mut named = false;
            for (entry, used) in off_page.iter().zip(&mut used) {
                if names(&entry.row, &id, row) {
                    named = true;
                    used.row_names_expected += 1;
                    used.row_names_right += usize::from(right);
                }
            }
            score.off_page_expected += usize::from(named);
            if right {
                score.right += 1;
            } else {
                score.misses.push(format!("{id}: {row}{}", tag(named)));
            }
        }
        for row in &draft {
            let right = spec_set.contains(row);
            let mut named = false;
            for (entry, used) in off_page.iter().zip(&mut used) {
                if entry.page.as_ref().is_some_and(|p| names(p, &id, row)) {
                    named = true;
                    if right {
                        used.page_names_right += 1;
                    } else {
                        used.page_names_wrong += 1;
                    }
                }
            }
            if !right {
                score.off_page_drafted += usize::from(named);
                score.extras.push(format!("{id}: {row}{}", tag(named)));
            }
        }
    }
    for (draft, _) in drafts.iter().zip(&unused).filter(|(_, unused)| **unused) {
        let id = identity(draft);
        score
            .extras
            .extend(draft.iter().map(|row| format!("{id}: {row}")));
    }
    (score, used)
}

/// A Markdown table of the scores, one line per page in the given order, then an `overall`
/// line over the rows of all pages, then one line per page whose draft failed.
pub(crate) fn table(scores: &[PageScore]) -> String {
    let mut out = String::from(
        "| page | rows expected | rows drafted | right | precision | recall |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    let line = |out: &mut String, s: &PageScore| {
        let (p, r) = (s.precision() * 100.0, s.recall() * 100.0);
        let (e, d, right) = (s.expected_rows, s.draft_rows, s.right);
        let _ = writeln!(
            out,
            "| {} | {e} | {d} | {right} | {p:.1} % | {r:.1} % |",
            s.page
        );
    };
    for score in scores {
        line(&mut out, score);
    }
    let overall = PageScore {
        page: "**overall**".to_owned(),
        draft_rows: scores.iter().map(|s| s.draft_rows).sum(),
        expected_rows: scores.iter().map(|s| s.expected_rows).sum(),
        right: scores.iter().map(|s| s.right).sum(),
        off_page_expected: scores.iter().map(|s| s.off_page_expected).sum(),
        off_page_drafted: scores.iter().map(|s| s.off_page_drafted).sum(),
        ..PageScore::default()
    };
    line(&mut out, &overall);
    if overall.off_page_expected > 0 {
        let mut documented = overall.documented();
        documented.page = format!(
            "**overall, rows the pages document** ({} expected rows are `off_page`)",
            overall.off_page_expected
        );
        line(&mut out, &documented);
    }
    let failed: Vec<_> = scores
        .iter()
        .filter_map(|s| Some((&s.page, s.error.as_ref()?)))
        .collect();
    if !failed.is_empty() {
        out.push_str("\nNo draft:\n");
        for (page, error) in failed {
            let _ = writeln!(out, "- {page}: {}", error.replace('\n', " "));
        }
    }
    out
}

/// One saved page of a corpus, from its sidecar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CorpusPage {
    /// The sidecar file.
    pub sidecar: PathBuf,
    /// The saved page (`page:`, else the sidecar's stem + `.txt`, beside it).
    pub page: PathBuf,
    /// Where the page was saved from.
    pub url: String,
    /// The provider folder of `api-spec/`.
    pub provider: String,
    /// How and when it was captured.
    pub captured: String,
    /// The hand-checked specs of the page, relative to the workspace root.
    pub expected: Vec<String>,
    /// Rows of the expected specs the page does not give.
    pub off_page: Vec<OffPage>,
}

/// The saved pages of a corpus folder: every `*.yaml` sidecar below it, sorted by page path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Corpus {
    /// The pages.
    pub pages: Vec<CorpusPage>,
}

impl Corpus {
    /// Reads every sidecar below `dir` (recursively). Errors: an unreadable folder or
    /// sidecar, a missing or unknown key, a page file that does not exist.
    pub(crate) fn read(dir: &Path) -> Result<Corpus, String> {
        let mut sidecars = Vec::new();
        find_yaml(dir, &mut sidecars)?;
        let mut pages = sidecars
            .iter()
            .map(|s| read_sidecar(s))
            .collect::<Result<Vec<_>, _>>()?;
        pages.sort_by(|a, b| a.page.cmp(&b.page));
        Ok(Corpus { pages })
    }
}

fn find_yaml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            find_yaml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    Ok(())
}

const SIDECAR_KEYS: [&str; 6] = [
    "url", "provider", "captured", "page", "expected", "off_page",
];

fn read_sidecar(path: &Path) -> Result<CorpusPage, String> {
    let at = |e: String| format!("{}: {e}", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| at(e.to_string()))?;
    let value = rows::parse_yaml(&text, "the sidecar").map_err(at)?;
    let map = value
        .as_object()
        .ok_or_else(|| at("not a mapping".into()))?;
    if let Some(unknown) = map.keys().find(|k| !SIDECAR_KEYS.contains(&k.as_str())) {
        return Err(at(format!(
            "unknown key `{unknown}` (known: {})",
            SIDECAR_KEYS.join(", ")
        )));
    }
    let text_of = |key: &str| match map.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(at(format!("`{key}` must be a string"))),
    };
    let expected = match map.get("expected") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| at("`expected` must list paths".into()))?,
        _ => return Err(at("`expected` must be a list of spec paths".into())),
    };
    let off_page = rows::list(map.get("off_page"))
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let key = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_owned);
            match (key("row"), key("why")) {
                (Some(row), Some(why)) if !row.is_empty() && !why.is_empty() => Ok(OffPage {
                    row,
                    page: key("page"),
                    why,
                }),
                _ => Err(at(format!(
                    "`off_page` entry {}: needs `row` and `why`, non-empty strings",
                    i + 1
                ))),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    if map.get("off_page").is_some_and(|v| !v.is_array()) {
        return Err(at("`off_page` must be a list".into()));
    }
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let page_name = match map.get("page") {
        Some(_) => text_of("page")?,
        None => format!("{stem}.txt"),
    };
    let page = path.with_file_name(page_name);
    if !page.is_file() {
        return Err(at(format!("page file {} not found", page.display())));
    }
    Ok(CorpusPage {
        sidecar: path.to_owned(),
        page,
        url: text_of("url")?,
        provider: text_of("provider")?,
        captured: text_of("captured")?,
        expected,
        off_page,
    })
}

/// The importer under test: page text, provider, page file → draft endpoint YAML texts.
pub(crate) type Draft<'a> = &'a dyn Fn(&str, &str, &Path) -> Result<Vec<String>, String>;

/// Scores every page of the corpus folder `dir`, sorted by page path: each page is drafted by
/// `draft` and compared with its expected specs (named by its file relative to `workspace`,
/// else to `dir`), using `api-spec/<provider>/types.yaml` of
/// `workspace` as the shared types when it exists. A page whose draft fails (or whose drafts
/// are not readable specs) scores 0 right, every expected row a miss, with the error
/// recorded. Errors: an unreadable corpus, page or expected spec, or an expected spec that
/// `rows` refuses.
pub(crate) fn run_corpus(
    workspace: &Path,
    dir: &Path,
    draft: Draft<'_>,
) -> Result<Vec<PageScore>, String> {
    let corpus = Corpus::read(dir)?;
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut scores = Vec::new();
    for page in &corpus.pages {
        let types_path = workspace
            .join("api-spec")
            .join(&page.provider)
            .join("types.yaml");
        let shared = if types_path.is_file() {
            Some(read(&types_path)?)
        } else {
            None
        };
        let shared = rows::parse_shared(shared.as_deref())
            .map_err(|e| format!("{}: {e}", types_path.display()))?;
        let shared = shared.as_ref();
        let mut expected = Vec::new();
        for spec in &page.expected {
            let path = workspace.join(spec);
            let text = read(&path)?;
            let value = rows::parse_yaml(&text, "the endpoint spec");
            value
                .and_then(|v| rows::rows_of(&v, shared))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            expected.push(text);
        }
        let name = (page.page.strip_prefix(workspace).ok())
            .or_else(|| page.page.strip_prefix(dir).ok())
            .unwrap_or(&page.page);
        let name = name.to_string_lossy().replace('\\', "/");
        let text = read(&page.page)?;
        // A draft the rows cannot read is the importer's failure, scored as no draft; a wrong
        // `off_page` entry is the corpus's, and stops the run.
        let scored = draft(&text, &page.provider, &page.page).and_then(|drafts| {
            let drafts = all_rows(&drafts, shared, "draft")?;
            Ok(score_texts(
                &name,
                &drafts,
                &expected,
                shared,
                &page.off_page,
            ))
        });
        scores.push(match scored {
            Ok(score) => score?,
            Err(error) => {
                // With no draft, what the page says instead names nothing.
                let rows_only: Vec<OffPage> = (page.off_page.iter())
                    .map(|o| OffPage {
                        page: None,
                        ..o.clone()
                    })
                    .collect();
                let mut failed = score_texts(&name, &[], &expected, shared, &rows_only)?;
                failed.error = Some(error);
                failed
            }
        });
    }
    Ok(scores)
}
