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
    let report = super::compare::compare(Path::new(SPEC_DIR), &args.options, spec, args.apply).map_err(fail)?;
    out(&report.text)?;
    Ok(ExitCode::SUCCESS)
}
