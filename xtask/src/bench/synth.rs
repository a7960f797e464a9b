//! Synthetic specs made from the real spec's shapes, for timing codegen and compilation at
//! sizes the real spec does not have.
//!
//! The real `api-spec/` is copied whole; then, to reach `N` endpoints, copies of its endpoint
//! files are added, cycling through the files of all providers in turn (one of each provider,
//! then the next of each, …), so every size has the real mix of vendors and shapes. Below the
//! real count, endpoint files are removed instead, in the reverse of that order, keeping the
//! token endpoints that `provider.yaml` names.
//!
//! Round `k` of copies (the `k`-th time a file is copied) goes into a folder `bench_r{k}`
//! beside the original, as `<stem>_r{k}.yaml`: the stem names the client method and the
//! request and response types, so those stay unique in the provider; the folder is a module
//! of its own, so the file's own types (which share a module with the other files of their
//! folder) cannot meet the original's. Inside the copy, the top-level `name` and `action` get
//! the suffix `R{k}`, and `path` (for endpoints without an `action`; Tencent's path is always
//! `/`) the suffix `_r{k}`, so names, paths and actions stay unique too. The loader is the
//! judge: [`make`] loads the result and fails unless it accepts exactly `N` endpoints.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use bindery_codegen::spec::{self, SpecSet};

use super::prune::prune_shared_types;

/// What [`make`] wrote.
#[derive(Clone, Debug)]
pub struct Synthetic {
    /// Endpoints in the synthetic spec (as the loader counted them).
    pub endpoints: usize,
    /// Endpoint files added as copies.
    pub copies: usize,
    /// Endpoint files of the real spec left out (sizes below the real count).
    pub dropped: usize,
    /// Shared types left out with them: those only the dropped endpoints reached
    /// ([`prune_shared_types`]).
    pub dropped_types: usize,
}

/// Which endpoint files to copy or drop.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    /// Files removed, relative to the spec root.
    drop: Vec<PathBuf>,
    /// Files copied, with the round of the copy (1 for the first copy of a file).
    copies: Vec<(PathBuf, usize)>,
}

/// Copies the spec `base` (loaded from `base_dir`) to `out` with exactly `n` endpoints, and
/// checks that the loader accepts it.
pub fn make(base: &SpecSet, base_dir: &Path, out: &Path, n: usize) -> Result<Synthetic, String> {
    copy_tree(base_dir, out)?;
    let (order, keep) = endpoint_order(base, base_dir);
    let plan = plan(&order, &keep, n)?;
    for rel in &plan.drop {
        let path = out.join(rel);
        std::fs::remove_file(&path)
            .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    for (rel, round) in &plan.copies {
        write_copy(out, rel, *round)?;
    }
    let dropped_types = if plan.drop.is_empty() {
        0
    } else {
        prune_shared_types(base, out).map_err(|e| {
            format!(
                "cannot drop the unused shared types in {}: {e}",
                out.display()
            )
        })?
    };
    let loaded = spec::load(out).map_err(|d| {
        format!(
            "the synthetic spec of {n} endpoints in {} does not load (a bug of the generator):\n{}",
            out.display(),
            d.render_fancy()
        )
    })?;
    let endpoints = count(&loaded);
    if endpoints != n {
        return Err(format!(
            "the synthetic spec in {} has {endpoints} endpoints, not the {n} asked for",
            out.display()
        ));
    }
    Ok(Synthetic {
        endpoints,
        copies: plan.copies.len(),
        dropped: plan.drop.len(),
        dropped_types,
    })
}

/// The endpoints of a loaded spec.
pub fn count(set: &SpecSet) -> usize {
    set.providers.iter().map(|p| p.endpoints.len()).sum()
}

/// The endpoint files (relative to the spec root), interleaved across providers, and the
/// token endpoints that must be kept.
fn endpoint_order(base: &SpecSet, base_dir: &Path) -> (Vec<PathBuf>, BTreeSet<PathBuf>) {
    let relative = |file: &Path| file.strip_prefix(base_dir).unwrap_or(file).to_path_buf();
    let mut per_provider: Vec<Vec<PathBuf>> = Vec::new();
    let mut keep = BTreeSet::new();
    for p in &base.providers {
        let mut files: Vec<PathBuf> = p.endpoints.iter().map(|e| relative(&e.file)).collect();
        files.sort();
        let folder = relative(&p.file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for scheme in &p.provider.auth {
            if let Some(token) = &scheme.token {
                keep.insert(folder.join(format!("{}.yaml", token.endpoint.value)));
            }
        }
        per_provider.push(files);
    }
    let longest = per_provider.iter().map(Vec::len).max().unwrap_or(0);
    let mut order = Vec::new();
    for i in 0..longest {
        order.extend(
            per_provider
                .iter()
                .filter_map(|files| files.get(i).cloned()),
        );
    }
    (order, keep)
}

/// What to drop or copy to get `n` endpoints from `order` (never dropping `keep`).
fn plan(order: &[PathBuf], keep: &BTreeSet<PathBuf>, n: usize) -> Result<Plan, String> {
    if order.is_empty() {
        return Err("the spec has no endpoint files to copy".to_owned());
    }
    let mut plan = Plan::default();
    if n >= order.len() {
        plan.copies = (0..n - order.len())
            .filter_map(|i| {
                order
                    .get(i % order.len())
                    .map(|f| (f.clone(), i / order.len() + 1))
            })
            .collect();
        return Ok(plan);
    }
    let kept = order.iter().filter(|f| keep.contains(*f)).count();
    if n < kept.max(1) {
        return Err(format!(
            "size {n} is below the {} endpoint(s) every synthetic spec keeps (the token endpoints \
             its providers name)",
            kept.max(1)
        ));
    }
    let mut to_drop = order.len() - n;
    for file in order.iter().rev() {
        if to_drop == 0 {
            break;
        }
        if !keep.contains(file) {
            plan.drop.push(file.clone());
            to_drop -= 1;
        }
    }
    Ok(plan)
}

/// Writes round `round`'s copy of the endpoint file `rel` below `spec_root`.
fn write_copy(spec_root: &Path, rel: &Path, round: usize) -> Result<(), String> {
    let source = spec_root.join(rel);
    let text = std::fs::read_to_string(&source)
        .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let renamed = rename(&text, round).map_err(|e| format!("{}: {e}", rel.display()))?;
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = source
        .parent()
        .unwrap_or(spec_root)
        .join(format!("bench_r{round}"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let target = dir.join(format!("{stem}_r{round}.yaml"));
    std::fs::write(&target, renamed).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// An endpoint file's text with its top-level `name`, `action` and (without an action)
/// `path` made unique for round `round`.
fn rename(text: &str, round: usize) -> Result<String, String> {
    let has_action = text.lines().any(|l| l.starts_with("action:"));
    let mut renamed_name = false;
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        let new = if let Some(value) = line.strip_prefix("name:")
            && !renamed_name
        {
            renamed_name = true;
            format!("name:{}", suffixed(value, &format!("R{round}")))
        } else if let Some(value) = line.strip_prefix("action:") {
            format!("action:{}", suffixed(value, &format!("R{round}")))
        } else if let Some(value) = line.strip_prefix("path:")
            && !has_action
        {
            format!("path:{}", suffixed_path(value, round))
        } else if line.starts_with("# yaml-language-server: $schema=") {
            // The copy is one folder deeper than the original.
            line.replacen("$schema=", "$schema=../", 1)
        } else {
            line.to_owned()
        };
        out.push_str(&new);
        out.push('\n');
    }
    if renamed_name {
        Ok(out)
    } else {
        Err("no top-level `name:` line to make unique".to_owned())
    }
}

/// ` value` or ` "value"` with `suffix` after the value, inside any quotes.
fn suffixed(value: &str, suffix: &str) -> String {
    let trimmed = value.trim_end();
    match trimmed.chars().last() {
        Some(q @ ('"' | '\'')) if trimmed.trim_start().len() > 1 => {
            let inner = trimmed.get(..trimmed.len() - 1).unwrap_or_default();
            format!("{inner}{suffix}{q}")
        }
        _ => format!("{trimmed}{suffix}"),
    }
}

/// A path value with `_r{round}` on its last segment (`/a/b` → `/a/b_r1`, `/a/b/` →
/// `/a/b_r1/`, `/` → `/r1`).
fn suffixed_path(value: &str, round: usize) -> String {
    let trimmed = value.trim_end();
    let (body, slash) = match trimmed.strip_suffix('/') {
        Some(body) => (body, "/"),
        None => (trimmed, ""),
    };
    if body.trim().is_empty() {
        return format!("{body}/r{round}");
    }
    format!("{body}_r{round}{slash}")
}

/// Copies the folder `from` to `to` (regular files and folders; names starting with `.` are
/// not part of a spec and are skipped).
pub fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let source = entry.path();
        // Follows links, as the loader does for links inside the spec.
        let meta = std::fs::metadata(&source)
            .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        let target = to.join(&name);
        if meta.is_dir() {
            copy_tree(&source, &target)?;
        } else if meta.is_file() {
            std::fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        } else {
            return Err(format!(
                "{} is neither a file nor a folder",
                source.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// The real spec cut down to a few files of each provider (Fxiaoke's token endpoints
    /// among them), so the test loads few files but copies every provider's shapes.
    fn small_base(dir: &Path) -> SpecSet {
        let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec");
        copy_tree(&real, dir).expect("copy the real spec");
        for (folder, keep_dirs, files) in [
            ("tencent_ess", &[][..], 3),
            ("fxiaoke", &["oauth", "crm"][..], 0),
            ("fxiaoke/crm", &[][..], 2),
            ("mingdao", &["user"][..], 0),
            ("mingdao/user", &[][..], 3),
        ] {
            prune(&dir.join(folder), keep_dirs, files);
        }
        spec::load(dir).expect("the cut-down base loads")
    }

    /// Keeps the folders `keep_dirs` of `dir` and its first `files` endpoint files.
    fn prune(dir: &Path, keep_dirs: &[&str], files: usize) {
        let mut endpoints = Vec::new();
        for entry in std::fs::read_dir(dir).expect("folder").flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if !keep_dirs.contains(&name.as_str()) {
                    std::fs::remove_dir_all(&path).expect("remove folder");
                }
            } else if name.ends_with(".yaml") && name != "provider.yaml" && name != "types.yaml" {
                endpoints.push(path);
            }
        }
        endpoints.sort();
        for file in endpoints.iter().skip(files) {
            std::fs::remove_file(file).expect("remove");
        }
    }

    #[test]
    fn copies_load_with_unique_names_methods_and_actions() {
        let temp = tempfile::tempdir().expect("temp dir");
        let base_dir = temp.path().join("base");
        let base = small_base(&base_dir);
        let real = count(&base);
        // Into the second round: the same file copied twice must not collide either.
        let n = 2 * real + 5;
        let out = temp.path().join("out");
        let made = make(&base, &base_dir, &out, n).expect("the synthetic spec loads");
        assert_eq!(
            (made.endpoints, made.copies, made.dropped),
            (n, n - real, 0)
        );

        let loaded = spec::load(&out).expect("loads again");
        for p in &loaded.providers {
            let mut names = BTreeSet::new();
            let mut stems = BTreeSet::new();
            let mut actions = BTreeSet::new();
            for e in &p.endpoints {
                assert!(
                    names.insert(e.spec.name.value.clone()),
                    "{}",
                    e.file.display()
                );
                assert!(stems.insert(e.stem.clone()), "{}", e.file.display());
                if let Some(action) = &e.spec.action {
                    assert!(actions.insert(action.value.clone()), "{}", e.file.display());
                }
            }
        }
        let rounds: BTreeSet<_> = walk(&out)
            .into_iter()
            .filter_map(|p| p.parent().and_then(|d| d.file_name()).map(|d| d.to_owned()))
            .filter(|d| d.to_string_lossy().starts_with("bench_r"))
            .collect();
        assert_eq!(rounds.len(), 2, "copies of two rounds: {rounds:?}");
    }

    #[test]
    fn sizes_below_the_spec_drop_files_but_keep_token_endpoints() {
        let temp = tempfile::tempdir().expect("temp dir");
        let base_dir = temp.path().join("base");
        let base = small_base(&base_dir);
        let out = temp.path().join("out");
        let made = make(&base, &base_dir, &out, 3).expect("loads");
        assert_eq!((made.endpoints, made.copies), (3, 0));
        assert!(out.join("fxiaoke/oauth/access_token.yaml").is_file());
        assert!(out.join("fxiaoke/oauth/corp_access_token.yaml").is_file());
        let error = make(&base, &base_dir, &temp.path().join("one"), 1).expect_err("too small");
        assert!(error.contains("token endpoints"), "{error}");
    }

    #[test]
    fn renames_top_level_keys_only() {
        let text = "# yaml-language-server: $schema=../spec.schema.json\nname: getUser\npath: /api/user/\nrequest:\n  - name: id\n";
        let out = rename(text, 2).expect("renamed");
        assert_eq!(
            out,
            "# yaml-language-server: $schema=../../spec.schema.json\nname: getUserR2\npath: /api/user_r2/\nrequest:\n  - name: id\n"
        );
        let tencent = "name: 'Describe'\npath: /\naction: Describe\n";
        assert_eq!(
            rename(tencent, 1).expect("renamed"),
            "name: 'DescribeR1'\npath: /\naction: DescribeR1\n"
        );
        assert!(rename("path: /x\n", 1).is_err());
    }

    /// Every file below `dir`.
    fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path);
            }
        }
        found
    }
}
