//! The three renderings of a [`SpecDiff`]: text for a terminal, Markdown for a pull-request
//! comment, JSON for tools (its shape is documented in the README and kept stable: new keys
//! may be added, none are renamed or removed without bumping `format`).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::SpecDiff;
use super::bump::Bump;
use super::change::{Change, ChangeKind, Impact, Scope};

/// What the two sides of the comparison are called in the report.
#[derive(Clone, Debug)]
pub struct Sides {
    /// The base, e.g. `HEAD` or `v0.1.0`.
    pub base: String,
    /// The new side, e.g. `working tree`.
    pub head: String,
}

/// The version of the JSON output's shape.
pub const JSON_FORMAT: u64 = 1;

fn group_title(c: &Change) -> String {
    match &c.scope {
        Scope::Provider => "provider".to_owned(),
        Scope::Types => "shared types".to_owned(),
        Scope::Endpoint {
            spec, operation, ..
        } => format!("{operation} ({spec})"),
    }
}

fn short_place(c: &Change) -> String {
    match &c.scope {
        Scope::Provider => c.provider.clone(),
        Scope::Types => format!("{} types", c.provider),
        Scope::Endpoint { operation, .. } => format!("{} {operation}", c.provider),
    }
}

/// The closing line: counts, the bump, and the version it leads to.
pub fn summary(diff: &SpecDiff) -> String {
    let bump = diff.bump();
    let counts = [
        (diff.count(Impact::Breaking), "breaking"),
        (diff.count(Impact::Addition), "addition"),
        (diff.count(Impact::Compatible), "compatible"),
        (diff.count(Impact::Docs), "docs-only"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| {
            let plural = if *what == "addition" && *n != 1 {
                "s"
            } else {
                ""
            };
            format!("{n} {what}{plural}")
        })
        .collect();
    let counted = if parts.is_empty() {
        "no changes".to_owned()
    } else {
        parts.join(", ")
    };
    let base = &diff.base_version;
    let version = if bump == Bump::None {
        format!("; bindery stays {base}")
    } else {
        format!(
            ": bindery {base} → {} ({})",
            bump.apply(base),
            bump.explain(base)
        )
    };
    if bump == Bump::None {
        return format!("{counted}{version}");
    }
    format!("{counted} → {} bump{version}", bump.name())
}

/// The changes that touch the API or the wire, and those that touch only documentation.
fn split(diff: &SpecDiff) -> (Vec<&Change>, Vec<&Change>) {
    diff.changes.iter().partition(|c| c.impact != Impact::Docs)
}

/// Plain text, grouped by provider and endpoint, docs-only changes short at the end.
pub fn text(diff: &SpecDiff, sides: &Sides) -> String {
    let mut out = format!("spec-diff: {} → {}\n", sides.base, sides.head);
    let (api, docs) = split(diff);
    if diff.changes.is_empty() {
        out.push_str("\nno semantic changes\n");
    }
    let mut provider = None;
    let mut group = None;
    for c in &api {
        if provider != Some(&c.provider) {
            provider = Some(&c.provider);
            group = None;
            let _ = write!(out, "\n{}\n", c.provider);
        }
        let title = group_title(c);
        if group.as_ref() != Some(&title) {
            let _ = writeln!(out, "  {title}");
            group = Some(title);
        }
        let _ = writeln!(
            out,
            "    {:<10}  {}: {}",
            c.impact.verdict(),
            c.subject,
            c.reason
        );
        if let Some(wire) = &c.wire {
            let _ = writeln!(out, "    {:<10}  wire: {wire}", "");
        }
    }
    if !docs.is_empty() {
        out.push_str("\ndocs only:\n");
        for line in docs_lines(&docs) {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = write!(out, "\nsummary: {}\n", summary(diff));
    out
}

/// One short line per place whose docs changed.
fn docs_lines(docs: &[&Change]) -> Vec<String> {
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    for c in docs {
        let place = short_place(c);
        let what = match c.kind {
            ChangeKind::DocsChanged => c.subject.clone(),
            ChangeKind::ErrorCodeAdded => format!("{} added", c.subject),
            ChangeKind::ErrorCodeRemoved => format!("{} removed", c.subject),
            // Only optional fields' `nullable` is docs: `None` either way.
            ChangeKind::FieldBecameNullable | ChangeKind::FieldBecameNonNullable => {
                format!(
                    "{} (optional: absent and `null` both decode as `None`)",
                    c.subject
                )
            }
            ChangeKind::ConstraintTightened
            | ChangeKind::ConstraintLoosened
            | ChangeKind::ConstraintChanged => {
                format!("{} (not validated: no request uses it)", c.subject)
            }
            // Any other kind that only touches docs (a default no rule reads, and kinds
            // added later) says why in its reason.
            _ => format!("{} ({})", c.subject, c.reason),
        };
        match lines.last_mut() {
            Some((p, items)) if *p == place => items.push(what),
            _ => lines.push((place, vec![what])),
        }
    }
    lines
        .into_iter()
        .map(|(place, items)| format!("{place}: {}", items.join("; ")))
        .collect()
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Markdown for a pull-request comment: a summary, a table per provider, docs folded away.
pub fn markdown(diff: &SpecDiff, sides: &Sides) -> String {
    let mut out = format!(
        "### Spec changes: `{}` → {}\n\n**{}**\n",
        sides.base,
        sides.head,
        summary(diff)
    );
    let (api, docs) = split(diff);
    if diff.changes.is_empty() {
        out.push_str("\nNo semantic changes.\n");
    }
    let mut provider = None;
    for c in &api {
        if provider != Some(&c.provider) {
            provider = Some(&c.provider);
            let _ = write!(
                out,
                "\n#### `{}`\n\n| verdict | where | change | why | on the wire |\n|---|---|---|---|---|\n",
                c.provider
            );
        }
        let verdict = match c.impact {
            Impact::Breaking => "**breaking**",
            _ => "compatible",
        };
        let place = match &c.scope {
            Scope::Provider => "provider".to_owned(),
            Scope::Types => "shared types".to_owned(),
            Scope::Endpoint { operation, .. } => format!("`{operation}`"),
        };
        let _ = writeln!(
            out,
            "| {verdict} | {place} | {} | {} | {} |",
            cell(&c.subject),
            cell(&c.reason),
            c.wire.as_deref().map(cell).unwrap_or_default()
        );
    }
    if !docs.is_empty() {
        let _ = write!(
            out,
            "\n<details><summary>Docs only ({})</summary>\n\n",
            docs.len()
        );
        for line in docs_lines(&docs) {
            let _ = writeln!(out, "- {}", cell(&line));
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// The JSON document (see the README for its shape).
pub fn json(diff: &SpecDiff, sides: &Sides) -> Value {
    let bump = diff.bump();
    let changes: Vec<Value> = diff
        .changes
        .iter()
        .map(|c| {
            let endpoint = match &c.scope {
                Scope::Endpoint {
                    spec,
                    operation,
                    method,
                } => json!({ "spec": spec, "operation": operation, "method": method }),
                Scope::Provider | Scope::Types => Value::Null,
            };
            let scope = match c.scope {
                Scope::Provider => "provider",
                Scope::Types => "types",
                Scope::Endpoint { .. } => "endpoint",
            };
            json!({
                "provider": c.provider,
                "scope": scope,
                "endpoint": endpoint,
                "kind": c.kind.name(),
                "subject": c.subject,
                "verdict": c.impact.verdict(),
                "impact": c.impact.name(),
                "reason": c.reason,
                "wire": c.wire,
            })
        })
        .collect();
    let base = &diff.base_version;
    let version = json!({ "base": base.to_string(), "next": bump.apply(base).to_string() });
    json!({
        "format": JSON_FORMAT,
        "base": sides.base,
        "head": sides.head,
        "summary": {
            "breaking": diff.count(Impact::Breaking),
            "addition": diff.count(Impact::Addition),
            "compatible": diff.count(Impact::Compatible),
            "docs": diff.count(Impact::Docs),
            "bump": bump.name(),
            "version": version,
            "text": summary(diff),
        },
        "changes": changes,
    })
}
