//! The `import page` and `import accuracy` commands: what they print and their exit codes.

use std::path::Path;
use std::process::ExitCode;

use crate::output::{err, out};

/// `import page`'s arguments.
pub(crate) struct PageArgs {
    pub(crate) options: super::Options,
    pub(crate) diff: Option<std::path::PathBuf>,
    pub(crate) apply: bool,
}

const SPEC_DIR: &str = "api-spec";

/// Drafts a page (0: every draft loads; 1: the loader found problems, shown), or with
/// `--diff` reports (and with `--apply` applies) what changed.
pub(crate) fn page(args: &PageArgs) -> Result<ExitCode, ExitCode> {
    if let Some(spec) = &args.diff {
        return diff(args, spec);
    }
    let written = super::run(Path::new(SPEC_DIR), &args.options).map_err(|e| {
        err(&format!("error: import page: {e}"));
        ExitCode::from(2)
    })?;
    for (path, d) in &written.files {
        out(&format!(
            "import page: {} → {} ({} {}, {} request / {} response fields, {} types, {} examples, {} TODO(import))",
            d.draft.name,
            path.display(),
            d.draft.method,
            d.draft.path,
            d.draft.request.len() + d.draft.query.len(),
            d.draft.response.len(),
            d.draft.types.len(),
            d.draft.examples.len(),
            d.todo_count()
        ))?;
    }
    if written.problems.is_empty() {
        out("import page: the drafts pass the loader")?;
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &written.problems {
        err(&problem.to_string());
    }
    err(&format!(
        "import page: the loader found {} problem(s) in the drafts: fix them where the TODO(import) comments point",
        written.problems.len()
    ));
    Ok(ExitCode::FAILURE)
}

fn diff(args: &PageArgs, spec: &Path) -> Result<ExitCode, ExitCode> {
    let fail = |e: String| {
        err(&format!("error: import page --diff: {e}"));
        ExitCode::from(2)
    };
    let report = super::compare::compare(Path::new(SPEC_DIR), &args.options, spec, args.apply)
        .map_err(fail)?;
    out(&report.text)?;
    if report.applied {
        // The spec as edited must still load with the rest.
        if let Err(problems) = bindery_codegen::spec::load(Path::new(SPEC_DIR)) {
            err(&problems.to_string());
            return Ok(ExitCode::FAILURE);
        }
        out("import page --apply: the spec loads")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The corpus folder the accuracy harness reads by default.
pub(crate) const CORPUS: &str = "xtask/tests/pages";

/// Drafts every page of the corpus and prints precision and recall per page: the seed pages
/// (`seeds/`) and the gathered ones as two tables, each with its overall line.
pub(crate) fn accuracy(corpus: Option<&Path>, verbose: bool) -> Result<ExitCode, ExitCode> {
    let dir = corpus.unwrap_or(Path::new(CORPUS));
    let scores = score_corpus(dir).map_err(|e| {
        err(&format!("error: import accuracy: {e}"));
        ExitCode::from(2)
    })?;
    let (seeds, gathered): (Vec<_>, Vec<_>) =
        scores.into_iter().partition(|s| s.page.contains("seeds/"));
    for (title, group) in [("Seed pages", &seeds), ("Gathered pages", &gathered)] {
        if group.is_empty() {
            continue;
        }
        out(&format!("### {title} ({} pages)\n", group.len()))?;
        out(&super::accuracy::table(group))?;
        if verbose {
            for score in group.iter() {
                for line in score
                    .misses
                    .iter()
                    .map(|m| format!("  miss  {m}"))
                    .chain(score.extras.iter().map(|e| format!("  extra {e}")))
                {
                    out(&format!("{}: {line}", score.page))?;
                }
                if let Some(error) = &score.error {
                    out(&format!("{}: error: {error}", score.page))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores the corpus with the importer as it runs from the workspace root.
fn score_corpus(dir: &Path) -> Result<Vec<super::accuracy::PageScore>, String> {
    score_corpus_in(Path::new("."), dir)
}

/// Scores the corpus folder `dir` of the workspace at `workspace`.
pub(crate) fn score_corpus_in(
    workspace: &Path,
    dir: &Path,
) -> Result<Vec<super::accuracy::PageScore>, String> {
    let spec_dir = workspace.join(SPEC_DIR);
    let draft = |page: &str, provider: &str, file: &Path| -> Result<Vec<String>, String> {
        let url = super::sidecar_url(file);
        let drafts = super::draft_page(
            &spec_dir,
            page,
            provider,
            "corpus",
            url.as_deref(),
            "spec.schema.json",
        )?;
        Ok(drafts.into_iter().map(|d| d.text).collect())
    };
    super::accuracy::run_corpus(workspace, dir, &draft)
}
