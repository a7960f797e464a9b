//! Whether a draft passes the loader: the draft is put beside its provider's `provider.yaml`
//! and `types.yaml` (and nothing else, so the endpoint it may replace is not a duplicate) in a
//! scratch spec tree, which the loader reads as `cargo xtask codegen` would. Its problems are
//! given back at the draft's own path, line and column.

use std::path::Path;

use bindery_codegen::diagnostics::Diagnostic;

/// A loader problem in a draft.
pub(crate) type Problem = Diagnostic;

/// Loads the drafts (`(file stem, text)`) of one provider. Problems in the drafts are
/// re-pointed at `shown_as(stem)`.
pub(crate) fn check(
    spec_dir: &Path,
    provider: &str,
    drafts: &[(String, String)],
    shown_as: &dyn Fn(&str) -> std::path::PathBuf,
) -> Result<Vec<Problem>, String> {
    let scratch = tempfile::tempdir().map_err(|e| format!("a scratch spec tree: {e}"))?;
    let root = scratch.path();
    let copy = |from: &Path, to: &Path| -> Result<(), String> {
        std::fs::copy(from, to)
            .map(drop)
            .map_err(|e| format!("{}: {e}", from.display()))
    };
    copy(&spec_dir.join("crate.yaml"), &root.join("crate.yaml"))?;
    let folder = root.join(provider);
    let drafts_dir = folder.join("imported");
    std::fs::create_dir_all(&drafts_dir).map_err(|e| format!("{}: {e}", drafts_dir.display()))?;
    for file in ["provider.yaml", "types.yaml"] {
        let from = spec_dir.join(provider).join(file);
        if from.exists() {
            copy(&from, &folder.join(file))?;
        }
    }
    // The token endpoints the provider names must be there for it to load; a draft of one of
    // them takes its place.
    for endpoint in token_endpoints(&spec_dir.join(provider).join("provider.yaml")) {
        let stem = endpoint.rsplit('/').next().unwrap_or(&endpoint);
        if drafts.iter().any(|(s, _)| s == stem) {
            continue;
        }
        let to = folder.join(format!("{endpoint}.yaml"));
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        copy(
            &spec_dir.join(provider).join(format!("{endpoint}.yaml")),
            &to,
        )?;
    }
    for (stem, text) in drafts {
        let path = drafts_dir.join(format!("{stem}.yaml"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let Err(diagnostics) = bindery_codegen::spec::load(root) else {
        return Ok(Vec::new());
    };
    let mut problems = Vec::new();
    for mut d in diagnostics.0 {
        if let Ok(rest) = d.file.strip_prefix(&drafts_dir) {
            let stem = rest
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            d.file = shown_as(&stem);
        } else if let Ok(rest) = d.file.strip_prefix(root) {
            d.file = spec_dir.join(rest);
        }
        problems.push(d);
    }
    problems.sort_by(|a, b| {
        (&a.file, a.pos.line, a.pos.column).cmp(&(&b.file, b.pos.line, b.pos.column))
    });
    Ok(problems)
}

/// The `endpoint:` values of a provider's token sources (`oauth/access_token`).
fn token_endpoints(provider: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(provider) else {
        return Vec::new();
    };
    let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    collect_endpoints(&value, &mut found);
    found.sort();
    found.dedup();
    found
}

fn collect_endpoints(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v.as_str()) {
                    ("endpoint", Some(endpoint)) => found.push(endpoint.to_owned()),
                    _ => collect_endpoints(v, found),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_endpoints(v, found)),
        _ => {}
    }
}
