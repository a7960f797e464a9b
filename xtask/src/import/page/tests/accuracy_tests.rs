//! `accuracy`: drafts scored against expected specs, one page and a corpus.

use std::path::Path;
use std::slice::from_ref;

use super::super::accuracy::{Corpus, PageScore, run_corpus, score_page, table};
use super::super::rows::rows;
use super::{
    CANCEL_FLOW, DATA_QUERY, USER_RELATIONS, edit, fxiaoke_types, root, spec, tencent_types,
};

#[test]
fn every_spec_scores_full_marks_against_itself() {
    for (path, types) in [
        (DATA_QUERY, Some(fxiaoke_types())),
        (USER_RELATIONS, None),
        (CANCEL_FLOW, Some(tencent_types())),
    ] {
        let text = spec(path);
        let score = score_page(path, from_ref(&text), from_ref(&text), types.as_deref()).unwrap();
        let count = rows(&text, types.as_deref()).unwrap().len();
        assert_eq!(
            (score.draft_rows, score.expected_rows, score.right),
            (count, count, count),
            "{path}"
        );
        assert_eq!((score.precision(), score.recall()), (1.0, 1.0), "{path}");
        assert!(
            score.misses.is_empty() && score.extras.is_empty(),
            "{path}: {score:?}"
        );
    }
}

#[test]
fn a_wrong_row_is_one_miss_and_one_extra() {
    let types = fxiaoke_types();
    let expected = spec(DATA_QUERY);
    let draft = edit(
        &expected,
        "      - name: total\n        type: i64",
        "      - name: total\n        type: string",
    );
    let score = score_page("p", &[draft], from_ref(&expected), Some(&types)).unwrap();
    let n = rows(&expected, Some(&types)).unwrap().len();
    assert_eq!(
        (score.draft_rows, score.expected_rows, score.right),
        (n, n, n - 1)
    );
    assert_eq!(
        score.misses,
        ["/cgi/crm/v2/data/query: field response.data.total = integer required"]
    );
    assert_eq!(
        score.extras,
        ["/cgi/crm/v2/data/query: field response.data.total = string required"]
    );
    assert!((score.precision() - (n - 1) as f64 / n as f64).abs() < 1e-12);
}

#[test]
fn drafts_are_matched_to_specs_by_path_in_any_order() {
    let types = fxiaoke_types();
    let (query, relations) = (spec(DATA_QUERY), spec(USER_RELATIONS));
    let both = [query.clone(), relations.clone()];
    let swapped = [relations.clone(), query.clone()];
    let score = score_page("p", &swapped, &both, Some(&types)).unwrap();
    assert_eq!(score.right, score.expected_rows);
    assert_eq!(score.right, score.draft_rows);

    // A draft of another path matches nothing: all its rows are extras, all the spec's misses.
    let elsewhere = edit(
        &relations,
        "path: /v2/user/getUserRelations",
        "path: /v2/user/other",
    );
    let score = score_page("p", &[elsewhere], from_ref(&relations), None).unwrap();
    assert_eq!(score.right, 0);
    assert_eq!(score.misses.len(), score.expected_rows);
    assert_eq!(score.extras.len(), score.draft_rows);
    assert!(
        score
            .misses
            .contains(&"/v2/user/getUserRelations: path = /v2/user/getUserRelations".to_owned())
    );
    assert!(
        score
            .extras
            .contains(&"/v2/user/other: error = 10001".to_owned())
    );
    assert_eq!((score.precision(), score.recall()), (0.0, 0.0));

    // No draft at all.
    let score = score_page("p", &[], from_ref(&relations), None).unwrap();
    assert_eq!(
        (
            score.draft_rows,
            score.right,
            score.precision(),
            score.recall()
        ),
        (0, 0, 0.0, 0.0)
    );
    let err = score_page("p", &["path: [".to_owned()], &[relations], None).unwrap_err();
    assert!(err.starts_with("draft 1: "), "{err}");
}

fn score(page: &str, expected: usize, drafted: usize, right: usize) -> PageScore {
    PageScore {
        page: page.to_owned(),
        draft_rows: drafted,
        expected_rows: expected,
        right,
        ..PageScore::default()
    }
}

#[test]
fn the_table_has_a_line_per_page_and_an_overall_line() {
    let mut failed = score("pages/b.txt", 4, 0, 0);
    failed.error = Some("no tables\non the page".to_owned());
    let scores = [score("pages/a.txt", 8, 6, 5), failed];
    assert_eq!(
        table(&scores),
        "| page | rows expected | rows drafted | right | precision | recall |\n\
         |---|---:|---:|---:|---:|---:|\n\
         | pages/a.txt | 8 | 6 | 5 | 83.3 % | 62.5 % |\n\
         | pages/b.txt | 4 | 0 | 0 | 0.0 % | 0.0 % |\n\
         | **overall** | 12 | 6 | 5 | 83.3 % | 41.7 % |\n\
         \n\
         No draft:\n\
         - pages/b.txt: no tables on the page\n"
    );
    assert_eq!(
        table(&[]).lines().last(),
        Some("| **overall** | 0 | 0 | 0 | 100.0 % | 100.0 % |")
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_corpus_run_scores_each_page_and_records_failed_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let sidecar = |provider: &str, spec: &str| {
        format!(
            "url: https://example.invalid/{provider}\nprovider: {provider}\ncaptured: test\nexpected:\n  - {spec}\n"
        )
    };
    write(
        dir.path(),
        "mingdao/get_user_relations.yaml",
        &sidecar("mingdao", USER_RELATIONS),
    );
    write(dir.path(), "mingdao/get_user_relations.txt", "mingdao page");
    let fx = format!("{}page: saved.html\n", sidecar("fxiaoke", DATA_QUERY));
    write(dir.path(), "fxiaoke/data_query.yaml", &fx);
    write(dir.path(), "fxiaoke/saved.html", "fxiaoke page");

    let corpus = Corpus::read(dir.path()).unwrap();
    let pages: Vec<_> = corpus
        .pages
        .iter()
        .map(|p| p.page.strip_prefix(dir.path()).unwrap().to_owned())
        .collect();
    assert_eq!(
        pages,
        [
            Path::new("fxiaoke/saved.html"),
            Path::new("mingdao/get_user_relations.txt")
        ]
    );
    assert_eq!(corpus.pages[0].url, "https://example.invalid/fxiaoke");
    assert_eq!(corpus.pages[1].expected, [USER_RELATIONS]);

    // The "importer": the expected spec for the Fxiaoke page (whose types.yaml it needs), a
    // failure for the Mingdao one.
    let draft = |text: &str, provider: &str, file: &Path| -> Result<Vec<String>, String> {
        assert!(file.is_file());
        match (text, provider) {
            ("fxiaoke page", "fxiaoke") => Ok(vec![spec(DATA_QUERY)]),
            _ => Err(format!("cannot read {provider}")),
        }
    };
    let scores = run_corpus(&root(), dir.path(), &draft).unwrap();
    assert_eq!(scores.len(), 2);
    let (fx, md) = (&scores[0], &scores[1]);
    assert_eq!(fx.page, "fxiaoke/saved.html");
    assert_eq!(
        (fx.right, fx.recall(), fx.error.as_deref()),
        (fx.expected_rows, 1.0, None)
    );
    assert_eq!(md.page, "mingdao/get_user_relations.txt");
    assert_eq!(
        (md.right, md.draft_rows, md.error.as_deref()),
        (0, 0, Some("cannot read mingdao"))
    );
    assert_eq!(md.misses.len(), md.expected_rows);
    assert!(table(&scores).contains("- mingdao/get_user_relations.txt: cannot read mingdao\n"));

    // A draft that is not a readable spec fails the same way.
    let broken = |_: &str, _: &str, _: &Path| Ok(vec!["request: [".to_owned()]);
    let scores = run_corpus(&root(), dir.path(), &broken).unwrap();
    assert!(scores.iter().all(|s| {
        s.right == 0
            && s.error
                .as_deref()
                .is_some_and(|e| e.starts_with("draft 1: "))
    }));
}

#[test]
fn bad_sidecars_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.yaml",
        "url: u\nprovider: mingdao\ncaptured: c\nexpected: []\n",
    );
    let err = Corpus::read(dir.path()).unwrap_err();
    assert!(
        err.contains("a.yaml") && err.contains("a.txt") && err.contains("not found"),
        "{err}"
    );
    write(dir.path(), "a.txt", "page");
    assert_eq!(Corpus::read(dir.path()).unwrap().pages.len(), 1);
    write(
        dir.path(),
        "a.yaml",
        "url: u\nprovider: mingdao\ncaptured: c\nexpect: []\n",
    );
    let err = Corpus::read(dir.path()).unwrap_err();
    assert!(err.contains("unknown key `expect`"), "{err}");
    write(
        dir.path(),
        "a.yaml",
        "url: u\nprovider: mingdao\nexpected: []\n",
    );
    let err = Corpus::read(dir.path()).unwrap_err();
    assert!(err.contains("`captured` must be a string"), "{err}");
    write(
        dir.path(),
        "a.yaml",
        "url: u\nprovider: mingdao\ncaptured: c\nexpected: [api-spec/nope.yaml]\n",
    );
    let draft = |_: &str, _: &str, _: &Path| Ok(Vec::new());
    let err = run_corpus(&root(), dir.path(), &draft).unwrap_err();
    assert!(err.contains("nope.yaml"), "{err}");
}

/// `off_page` rows leave the figures over what the page documents, not those against the
/// spec; the page's own version of a row is not counted as an extra there; an entry that
/// names no row of the spec is an error.
#[test]
fn off_page_rows_are_counted_apart_and_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let sidecar = |off_page: &str| {
        format!(
            "url: u\nprovider: mingdao\ncaptured: c\nexpected:\n  - {USER_RELATIONS}\noff_page:\n{off_page}"
        )
    };
    write(dir.path(), "p.txt", "page");
    let relations = spec(USER_RELATIONS);
    // The "page" says `data` is a string: its rows (and its items') are misses, and the
    // string an extra, against the spec.
    let retyped = relations.replacen("type: list<UserRelation>", "type: string", 1);
    assert_ne!(retyped, relations);
    let draft = move |_: &str, _: &str, _: &Path| Ok(vec![retyped.clone()]);
    write(
        dir.path(),
        "p.yaml",
        &sidecar(
            "  - row: field response.data\n    page: field response.data = string\n    why: another page\n",
        ),
    );
    let scores = run_corpus(&root(), dir.path(), &draft).unwrap();
    let s = &scores[0];
    assert_eq!(s.right + 4, s.expected_rows, "{s:?}");
    assert_eq!((s.misses.len(), s.extras.len()), (4, 1));
    assert!(
        s.misses
            .iter()
            .chain(&s.extras)
            .all(|m| m.ends_with("  [off_page]")),
        "{s:?}"
    );
    let documented = s.documented();
    assert_eq!(
        (documented.precision(), documented.recall()),
        (1.0, 1.0),
        "{documented:?}"
    );
    let text = table(&scores);
    assert!(
        text.contains("| **overall, rows the pages document** (4 expected rows are `off_page`) |"),
        "{text}"
    );

    // Entries that name nothing, or name rows the draft has right, are refused: they would
    // outlive what they describe, or hide the importer's work from the figures.
    let refused = [
        (
            "  - row: field response.nothing\n    why: stale\n",
            "`row: field response.nothing` names no row of the expected specs",
        ),
        // A prefix ends at a boundary: `response.dat` is not the start of `response.data`.
        (
            "  - row: field response.dat\n    why: cut\n",
            "`row: field response.dat` names no row of the expected specs",
        ),
        (
            "  - row: method\n    why: right\n",
            "`row: method` names 1 row(s) the draft has right: they are not off the page",
        ),
        (
            "  - row: field response.data\n    page: field response.other\n    why: w\n",
            "`page: field response.other` names no wrong row of the drafts",
        ),
        (
            "  - row: field response.data\n    page: method\n    why: w\n",
            "`page: method` names 1 row(s) the draft has right: only wrong rows",
        ),
    ];
    for (entry, expected) in refused {
        write(dir.path(), "p.yaml", &sidecar(entry));
        let err = run_corpus(&root(), dir.path(), &draft).unwrap_err();
        assert!(err.contains("p.txt: `off_page`: "), "{err}");
        assert!(err.contains(expected), "{entry}: {err}");
    }
    write(
        dir.path(),
        "p.yaml",
        &sidecar("  - row: field response.data\n"),
    );
    let err = Corpus::read(dir.path()).unwrap_err();
    assert!(
        err.contains("`off_page` entry 1: needs `row` and `why`"),
        "{err}"
    );
}
