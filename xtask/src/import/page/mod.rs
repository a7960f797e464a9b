//! `cargo xtask import page FILE --provider P [--out PATH] [--url URL] [--diff SPEC
//! [--apply]]`: a saved vendor doc page as draft endpoint specs.
//!
//! Data flows one way: the page's text → [`lines`] (HTML, Markdown and plain text read to
//! one shape) → [`sections`] (endpoints, their sections, [`tables`] in four forms and JSON
//! [`examples`]) → [`draft`] (fields by [`fields`], types the tables leave out from the
//! examples by [`example_types`], enums and rules by [`hints`], example
//! pairs by [`pairing`], request examples fitted to the fields by [`conform`]) → [`yaml_out`] (the spec file, each doubt a `# TODO(import)` at its
//! line) → [`check`] (the loader's verdict). The importer reads the provider's
//! `provider.yaml` and `types.yaml` ([`context`]) to know which rows its auth and envelope
//! already carry. [`rows`] reads a spec as comparable rows (a field's JSON path, type class
//! and requiredness; method, path, examples, error codes), which [`accuracy`] scores drafts
//! by, [`diff`] compares a re-saved page with a curated spec by, and [`apply`] writes those
//! changes into the curated spec as text, keeping its comments and English. Nothing depends on time or order of iteration: the same page gives the
//! same bytes.

pub(crate) mod accuracy;
pub(crate) mod apply;
pub(crate) mod check;
pub(crate) mod cli;
pub(crate) mod compare;
pub(crate) mod conform;
pub(crate) mod context;
pub(crate) mod diff;
pub(crate) mod draft;
pub(crate) mod example_types;
pub(crate) mod example_values;
pub(crate) mod examples;
pub(crate) mod fields;
pub(crate) mod hints;
pub(crate) mod lines;
pub(crate) mod model;
pub(crate) mod nesting;
pub(crate) mod pairing;
pub(crate) mod rows;
pub(crate) mod running_text;
pub(crate) mod sections;
pub(crate) mod tables;
#[cfg(test)]
mod tests;
pub(crate) mod vendor_types;
pub(crate) mod yaml_out;

use std::path::{Path, PathBuf};

/// One drafted endpoint.
#[derive(Clone, Debug)]
pub(crate) struct Drafted {
    pub(crate) draft: model::Draft,
    /// The spec file's text.
    pub(crate) text: String,
}

impl Drafted {
    /// How many `TODO(import)` comments the text carries.
    pub(crate) fn todo_count(&self) -> usize {
        self.text.matches("# TODO(import)").count()
    }
}

/// Drafts every endpoint of a page. `source` names the page in the file's header comment;
/// `url` is its `docs_url`; `schema` is the path the header's `$schema` points to.
pub(crate) fn draft_page(
    spec_dir: &Path,
    page: &str,
    provider: &str,
    source: &str,
    url: Option<&str>,
    schema: &str,
) -> Result<Vec<Drafted>, String> {
    let provider = context::Provider::read(spec_dir, provider)?;
    let lines = lines::read(page);
    let endpoints = sections::read(&lines);
    if endpoints.is_empty() {
        return Err(format!(
            "{source}: no endpoint found: the page names no request path (`请求路径`, `请求URL`, `Request Path`, …) and no action"
        ));
    }
    let docs_url = url.unwrap_or("https://example.invalid/");
    Ok(endpoints
        .iter()
        .map(|endpoint| {
            let mut draft = draft::build(endpoint, &provider, docs_url);
            if url.is_none() {
                draft
                    .notes
                    .push("No page URL was given (`--url`): docs_url is a placeholder.".to_owned());
            }
            let text = yaml_out::write(&draft, schema, source);
            Drafted { draft, text }
        })
        .collect())
}

/// The page's URL from its sidecar (`page.txt` → `page.yaml`, key `url`), if it has one.
pub(crate) fn sidecar_url(page: &Path) -> Option<String> {
    let text = std::fs::read_to_string(page.with_extension("yaml")).ok()?;
    let value: serde_json::Value = serde_saphyr::from_str(&text).ok()?;
    value.get("url")?.as_str().map(str::to_owned)
}

/// What `import page` was asked.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    pub(crate) page: PathBuf,
    pub(crate) provider: String,
    /// A file (one endpoint) or a folder; default the current folder.
    pub(crate) out: Option<PathBuf>,
    pub(crate) url: Option<String>,
}

/// What `import page` wrote.
pub(crate) struct Written {
    pub(crate) files: Vec<(PathBuf, Drafted)>,
    pub(crate) problems: Vec<check::Problem>,
}

/// Drafts the page and writes the files, then loads them.
pub(crate) fn run(spec_dir: &Path, options: &Options) -> Result<Written, String> {
    let page = read_page(&options.page)?;
    let url = options.url.clone().or_else(|| sidecar_url(&options.page));
    let out = options.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let source = options.page.file_name().map_or_else(
        || options.page.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let schema = std::fs::canonicalize(spec_dir.join("spec.schema.json")).map_or_else(
        |_| "spec.schema.json".to_owned(),
        |p| p.display().to_string(),
    );
    let drafted = draft_page(
        spec_dir,
        &page,
        &options.provider,
        &source,
        url.as_deref(),
        &schema,
    )?;
    let single_file =
        drafted.len() == 1 && out.extension().is_some_and(|e| e == "yaml" || e == "yml");
    let path_of = |stem: &str| {
        if single_file {
            out.clone()
        } else {
            out.join(format!("{stem}.yaml"))
        }
    };
    if !single_file {
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let mut files = Vec::new();
    for d in drafted {
        let path = path_of(&d.draft.file_stem);
        std::fs::write(&path, &d.text).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((path, d));
    }
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(_, d)| (d.draft.file_stem.clone(), d.text.clone()))
        .collect();
    let problems = check::check(spec_dir, &options.provider, &texts, &path_of)?;
    Ok(Written { files, problems })
}

/// Reads a saved page: UTF-8, a byte-order mark dropped, CRLF read as LF.
pub(crate) fn read_page(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(text.trim_start_matches('\u{feff}').replace("\r\n", "\n"))
}
