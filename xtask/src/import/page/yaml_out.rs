//! The draft written as a spec file: keys in the order `api-spec/README.md` documents and
//! hand-written files use, block YAML, and each doubt as a `# TODO(import): …` comment on
//! the line above the key it is about, at its indentation.

use serde_json::Value;

use super::model::{Draft, DraftExample, Field, TypeDef};

/// A YAML text being written.
#[derive(Default)]
struct Out {
    lines: Vec<String>,
}

impl Out {
    fn todo(&mut self, indent: usize, text: &str) {
        self.lines.push(format!(
            "{}# TODO(import): {}",
            " ".repeat(indent),
            one_line(text)
        ));
    }

    fn todos(&mut self, indent: usize, todos: &[String]) {
        for t in todos {
            self.todo(indent, t);
        }
    }

    fn key(&mut self, indent: usize, key: &str, value: &str) {
        self.lines
            .push(format!("{}{}: {}", " ".repeat(indent), key, value));
    }

    fn open(&mut self, indent: usize, key: &str) {
        self.lines.push(format!("{}{}:", " ".repeat(indent), key));
    }

    fn docs(&mut self, indent: usize, key: &str, text: &str) {
        if text.is_empty() {
            self.todo(indent, "the page has no text for this: write `docs`");
            return;
        }
        self.open(indent, key);
        self.text(indent + 2, text);
    }

    /// A page's text under the key of its language.
    fn text(&mut self, indent: usize, text: &str) {
        self.key(indent, language(text), &scalar(text));
    }
}

/// `zh` for text with Chinese in it, `en` for the rest: the English pages of a vendor's
/// manual are English, not Chinese.
fn language(text: &str) -> &'static str {
    let chinese = |c: char| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    if text.chars().any(chinese) {
        "zh"
    } else {
        "en"
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The top-level keys `write` puts a draft's doubts at.
const PLACED: [&str; 8] = [
    "summary",
    "method",
    "envelope",
    "idempotent",
    "query",
    "request",
    "response",
    "response_open",
];

/// The draft as YAML text. `schema` is the relative path to `spec.schema.json`.
pub(crate) fn write(draft: &Draft, schema: &str, source: &str) -> String {
    let mut out = Out::default();
    out.lines
        .push(format!("# yaml-language-server: $schema={schema}"));
    out.lines.push(format!(
        "# Drafted by `cargo xtask import page` from {source}: review each TODO(import), then delete it."
    ));
    out.lines.push("# TODO(import): every `docs` holds the page's text under its language (`zh` Chinese, `en` English): write the other beside it.".to_owned());
    let top = |out: &mut Out, key: &'static str| {
        let todos: Vec<String> = draft
            .todos
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, t)| t.clone())
            .collect();
        out.todos(0, &todos);
    };
    // A doubt about a key the file does not write goes at the top, never lost.
    let written = |key: &str| match key {
        "envelope" => draft.envelope.is_some(),
        "response_open" => draft.response_open,
        "response" => !draft.redirect,
        key => PLACED.contains(&key),
    };
    let unplaced: Vec<String> = (draft.todos.iter())
        .filter(|(k, _)| !written(k))
        .map(|(k, t)| format!("`{k}`: {t}"))
        .collect();
    out.todos(0, &unplaced);
    out.key(0, "name", &scalar(&draft.name));
    if draft.redirect {
        out.todo(
            0,
            "the page gives this as a URL a browser opens: check `kind: redirect`",
        );
        out.key(0, "kind", "redirect");
    }
    top(&mut out, "summary");
    out.docs(0, "summary", &draft.summary);
    if let Some(description) = &draft.description {
        out.docs(0, "description", description);
    }
    out.key(0, "docs_url", &scalar(&draft.docs_url));
    top(&mut out, "method");
    out.key(0, "method", &draft.method);
    out.key(0, "path", &scalar(&draft.path));
    if let Some(action) = &draft.action {
        out.key(0, "action", &scalar(action));
    }
    out.key(0, "auth", &scalar(&draft.auth));
    if let Some(envelope) = &draft.envelope {
        top(&mut out, "envelope");
        out.key(0, "envelope", &scalar(envelope));
    }
    top(&mut out, "idempotent");
    out.key(
        0,
        "idempotent",
        if draft.idempotent { "true" } else { "false" },
    );
    if let Some((requests, per)) = draft.rate_limit {
        out.open(0, "rate_limit");
        out.key(2, "requests", &requests.to_string());
        out.key(2, "per_seconds", &per.to_string());
        out.key(2, "scope", "endpoint");
    }
    for (key, fields) in [("query", &draft.query), ("request", &draft.request)] {
        top(&mut out, key);
        if !fields.is_empty() {
            out.open(0, key);
            fields.iter().for_each(|f| field(&mut out, 2, f));
        }
    }
    if draft.redirect {
        // A redirect has no answer.
    } else if draft.response.is_empty() {
        top(&mut out, "response");
        out.key(0, "response", "[]");
    } else {
        top(&mut out, "response");
        out.open(0, "response");
        draft.response.iter().for_each(|f| field(&mut out, 2, f));
    }
    if draft.response_open {
        top(&mut out, "response_open");
        out.key(0, "response_open", "true");
    }
    if !draft.types.is_empty() {
        out.open(0, "types");
        draft.types.iter().for_each(|t| type_def(&mut out, t));
    }
    if !draft.errors.is_empty() {
        out.open(0, "errors");
        for (code, docs) in &draft.errors {
            out.key(2, "- code", &scalar(code));
            out.docs(4, "docs", docs);
        }
    }
    if !draft.examples.is_empty() {
        out.open(0, "examples");
        draft.examples.iter().for_each(|e| example(&mut out, e));
    }
    if !draft.notes.is_empty() {
        out.key(0, "notes", &scalar(&draft.notes.join(" ")));
    }
    let mut text = out.lines.join("\n");
    text.push('\n');
    text
}

fn field(out: &mut Out, indent: usize, f: &Field) {
    out.todos(indent, &f.todos);
    out.key(indent, "- name", &scalar(&f.name));
    let inner = indent + 2;
    out.key(inner, "type", &scalar(&f.ty));
    // A name the generated code cannot use as it is (`type`, `new`): the importers' rename,
    // said.
    if let Some(rust_name) = crate::import::names::rust_name(&f.name) {
        out.todo(
            inner,
            &format!("`{}` is a Rust keyword or a name the generated struct reserves: pick a `rust_name` that says what it holds", f.name),
        );
        out.key(inner, "rust_name", &rust_name);
    }
    if f.required {
        out.key(inner, "required", "true");
    }
    if let Some(fixed) = &f.fixed {
        out.key(inner, "const", &scalar(fixed));
    }
    if let Some(default) = f.default {
        out.key(inner, "default", &default.to_string());
    }
    out.docs(inner, "docs", &f.docs);
    if !f.constraints.is_empty() {
        out.open(inner, "constraints");
        for (key, value) in &f.constraints {
            out.key(inner + 2, key, &flow(value));
        }
    }
}

fn type_def(out: &mut Out, t: &TypeDef) {
    out.todos(2, &t.todos);
    out.key(2, "- name", &scalar(&t.name));
    out.docs(4, "docs", &t.docs);
    if t.values.is_empty() {
        out.open(4, "fields");
        t.fields.iter().for_each(|f| field(out, 6, f));
        return;
    }
    out.open(4, "enum");
    for (value, docs) in &t.values {
        out.key(6, "- value", &flow(value));
        if let Some(n) = value.as_i64() {
            out.todo(
                8,
                "an integer value needs a `rust_name` that says what it means",
            );
            let sign = if n < 0 { "Minus" } else { "" };
            out.key(8, "rust_name", &format!("Value{sign}{}", n.unsigned_abs()));
        } else if let Some(rust_name) = value
            .as_str()
            .and_then(crate::import::names::variant_rust_name)
        {
            out.todo(
                8,
                "this value makes no Rust name: give it a `rust_name` that says what it means",
            );
            out.key(8, "rust_name", &rust_name);
        }
        if !docs.is_empty() {
            out.open(8, "docs");
            out.text(10, docs);
        }
    }
}

fn example(out: &mut Out, e: &DraftExample) {
    out.todos(2, &e.todos);
    out.key(2, "- name", &scalar(&e.name));
    out.open(4, "docs");
    out.text(6, &e.docs);
    for (key, value) in [("request", &e.request), ("response", &e.response)] {
        if let Some(value) = value {
            block(out, 4, key, value);
        }
    }
    if let Some(code) = &e.error_code {
        out.key(4, "error_code", &flow(code));
    }
}

/// `key: value` with a JSON value in block style.
fn block(out: &mut Out, indent: usize, key: &str, value: &Value) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.lines.push(format!("{pad}{key}:"));
            for (k, v) in map {
                block(out, indent + 2, &scalar(k), v);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            out.lines.push(format!("{pad}{key}:"));
            for item in items {
                list_item(out, indent + 2, item);
            }
        }
        _ => out.lines.push(format!("{pad}{key}: {}", flow(value))),
    }
}

fn list_item(out: &mut Out, indent: usize, value: &Value) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            let start = out.lines.len();
            for (k, v) in map {
                block(out, indent + 2, &scalar(k), v);
            }
            // The first key goes on the `- ` line.
            let first = out.lines[start].clone();
            out.lines[start] = format!("{pad}- {}", &first[indent + 2..]);
        }
        Value::Array(items) if !items.is_empty() => {
            out.lines.push(format!("{pad}-"));
            for item in items {
                list_item(out, indent + 2, item);
            }
        }
        _ => out.lines.push(format!("{pad}- {}", flow(value))),
    }
}

/// A scalar or empty container in flow style.
fn flow(value: &Value) -> String {
    match value {
        Value::String(s) => scalar(s),
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
        other => other.to_string(),
    }
}

/// A string as a plain scalar where YAML reads it back as the same string, else JSON-quoted
/// (JSON strings are YAML double-quoted scalars).
pub(crate) fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`~=+.0123456789".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.contains(['\n', '\t', '\\'])
        && !text.chars().any(|c| c.is_control())
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        );
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::language;

    #[test]
    fn text_is_filed_under_its_language() {
        assert_eq!(language("获取部门详情"), "zh");
        assert_eq!(language("corpId (通过获取 token 接口返回)"), "zh");
        assert_eq!(language("Change the owner of a custom object."), "en");
        assert_eq!(language("ID, 0-9"), "en");
    }

    #[test]
    fn every_doubt_is_written() {
        let mut draft = crate::import::page::model::Draft {
            name: "thing".into(),
            method: "POST".into(),
            envelope: Some("structure".into()),
            response_open: true,
            ..Default::default()
        };
        for key in super::PLACED.iter().chain(&["rate_limit"]) {
            draft.todos.push((key, format!("doubt about {key}")));
        }
        let text = super::write(&draft, "s.json", "p.md");
        for key in super::PLACED {
            assert!(
                text.contains(&format!("# TODO(import): doubt about {key}\n")),
                "{key}: {text}"
            );
        }
        assert!(
            text.contains("# TODO(import): `rate_limit`: doubt about rate_limit\n"),
            "{text}"
        );
        // A key left out takes its doubt to the top.
        draft.envelope = None;
        let text = super::write(&draft, "s.json", "p.md");
        assert!(
            text.contains("# TODO(import): `envelope`: doubt about envelope\n"),
            "{text}"
        );
    }
}
