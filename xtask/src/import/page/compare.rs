//! `import page --diff SPEC [--apply]`: what a (re-saved) page says against a curated spec,
//! in spec-diff's vocabulary, and with `--apply` those changes written into the spec.

use std::path::Path;

use super::{apply, diff, draft_page, read_page, sidecar_url};

/// What the comparison found and did.
pub(crate) struct Report {
    pub(crate) text: String,
    /// Whether the spec was rewritten.
    pub(crate) applied: bool,
}

/// Drafts the page, picks the draft of the spec's endpoint (same path and action), and
/// reports the changes; with `apply`, writes them into `spec`.
pub(crate) fn compare(
    spec_dir: &Path,
    options: &super::Options,
    spec: &Path,
    apply: bool,
) -> Result<Report, String> {
    let page = read_page(&options.page)?;
    let existing = std::fs::read_to_string(spec).map_err(|e| format!("{}: {e}", spec.display()))?;
    let existing_value = super::rows::parse_yaml(&existing, "the spec")?;
    let key = |v: &serde_json::Value, k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    };
    let (path, action) = (key(&existing_value, "path"), key(&existing_value, "action"));
    let url = options.url.clone().or_else(|| sidecar_url(&options.page));
    let source = options.page.display().to_string();
    let drafts = draft_page(
        spec_dir,
        &page,
        &options.provider,
        &source,
        url.as_deref(),
        "spec.schema.json",
    )?;
    let found: Vec<String> = drafts.iter().map(|d| d.draft.path.clone()).collect();
    let drafted = drafts
        .into_iter()
        .find(|d| Some(&d.draft.path) == path.as_ref() && d.draft.action == action)
        .ok_or_else(|| {
            format!(
                "the page documents no endpoint at `{}` (it has: {})",
                path.as_deref().unwrap_or("?"),
                found.join(", ")
            )
        })?;
    let types_path = spec_dir.join(&options.provider).join("types.yaml");
    let shared = std::fs::read_to_string(&types_path).ok();
    let all = diff::diff(&existing, &drafted.text, shared.as_deref())?;
    // What the page does not say and the importer guessed is no change the page made.
    let guesses = guessed(&drafted.draft);
    let (changes, unjudged): (Vec<diff::Change>, Vec<diff::Change>) =
        all.into_iter().partition(|c| {
            let kind = match c.kind {
                diff::FIELD_BECAME_REQUIRED | diff::FIELD_BECAME_OPTIONAL => Guess::Required,
                diff::FIELD_TYPE_CHANGED => Guess::Type,
                _ => return true,
            };
            !guesses.contains(&(c.key.clone(), kind))
        });
    let mut text = format!(
        "import page --diff: {} against {}: {} change(s)\n",
        options.page.display(),
        spec.display(),
        changes.len()
    );
    text.push_str(&diff::render(&changes));
    for c in &unjudged {
        text.push_str(&format!(
            "\n  not judged: {} {}: the page does not say; the draft's value is the importer's guess",
            c.kind, c.key
        ));
    }
    if !apply || changes.is_empty() {
        return Ok(Report {
            text,
            applied: false,
        });
    }
    // A field or code the page no longer shows may be curated from elsewhere (vendors.md):
    // removals are reported, and left to a person.
    let removal =
        |c: &diff::Change| c.kind == diff::FIELD_REMOVED || c.kind == diff::ERROR_CODE_REMOVED;
    let applicable: Vec<diff::Change> = changes.iter().filter(|c| !removal(c)).cloned().collect();
    let (new_text, mut skipped) =
        apply::apply(&existing, &drafted.text, &applicable, shared.as_deref())?;
    skipped.extend(changes.iter().filter(|c| removal(c)).map(|c| {
        format!(
            "{} {}: a removal is left to you (the spec may have it from elsewhere than the page)",
            c.kind, c.key
        )
    }));
    std::fs::write(spec, &new_text).map_err(|e| format!("{}: {e}", spec.display()))?;
    text.push_str(&format!(
        "\nimport page --apply: {} of {} change(s) written into {}",
        changes.len() - skipped.len(),
        changes.len(),
        spec.display()
    ));
    for line in &skipped {
        text.push_str(&format!("\n  not applied: {line}"));
    }
    Ok(Report {
        text,
        applied: true,
    })
}

/// What of a field the importer guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Guess {
    Required,
    Type,
}

/// The fields (by row key: `request.data.limit`, `response.list[].id`) whose requiredness or
/// type the page did not give, read off their `TODO(import)` doubts.
fn guessed(draft: &super::model::Draft) -> std::collections::BTreeSet<(String, Guess)> {
    let mut out = std::collections::BTreeSet::new();
    for (part, fields) in [
        ("query", &draft.query),
        ("request", &draft.request),
        ("response", &draft.response),
    ] {
        walk(draft, part, fields, &mut out, 0);
    }
    out
}

fn walk(
    draft: &super::model::Draft,
    prefix: &str,
    fields: &[super::model::Field],
    out: &mut std::collections::BTreeSet<(String, Guess)>,
    depth: usize,
) {
    for field in fields {
        let key = format!("{prefix}.{}", field.name);
        for todo in &field.todos {
            if todo.contains("whether it is required") || todo.contains("requiredness read from") {
                out.insert((key.clone(), Guess::Required));
            }
            if todo.contains("type")
                && (todo.contains("read from")
                    || todo.contains(" from ")
                    || todo.contains("no type"))
            {
                out.insert((key.clone(), Guess::Type));
            }
        }
        // Into the named type it holds, as rows do (`[]` for each list level).
        let mut ty = field.ty.as_str();
        let mut key = key;
        while let Some(inner) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
            ty = inner;
            key.push_str("[]");
        }
        if let Some(named) = draft.types.iter().find(|t| t.name == ty)
            && depth < 16
        {
            walk(draft, &key, &named.fields, out, depth + 1);
        }
    }
}
