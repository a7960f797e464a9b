//! A page's endpoint as a draft spec: rows become fields and named types, examples are
//! paired, and every guess carries its doubt, which the writer puts at its line as a
//! `TODO(import)` comment.

use std::collections::BTreeSet;

use super::context::{Auth, Provider};
use super::model::{Draft, failure_code, pascal, snake};
use super::sections::PageEndpoint;
use super::tables::Row;

/// Path segments that say nothing of the operation.
const NOISE_SEGMENTS: &[&str] = &["cgi", "v1", "v2", "v3", "V1", "V2", "api", "openapi"];
/// Last segments that name an operation only with the one before (`data/create`).
const GENERIC_VERBS: &[&str] = &[
    "create",
    "update",
    "get",
    "query",
    "invalid",
    "delete",
    "recover",
    "changeOwner",
    "list",
    "describe",
    "add",
    "remove",
    "sync",
    "search",
    "detail",
    "info",
];

/// The operation's name: Tencent's action, else from the path.
fn operation_name(endpoint: &PageEndpoint) -> String {
    if let Some(action) = &endpoint.action {
        return action.clone();
    }
    let path = endpoint.path.as_deref().unwrap_or("/");
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !NOISE_SEGMENTS.contains(s))
        .collect();
    let Some(last) = segments.last() else {
        return "root".to_owned();
    };
    let mut name = (*last).to_owned();
    if GENERIC_VERBS.contains(last) && segments.len() >= 2 {
        name = format!("{}{}", segments[segments.len() - 2], pascal(last));
        if segments.contains(&"custom") {
            name = format!("custom{}", pascal(&name));
        }
    }
    name
}

/// Builds the draft of one endpoint of a page.
pub(crate) fn build(endpoint: &PageEndpoint, provider: &Provider, docs_url: &str) -> Draft {
    let name = operation_name(endpoint);
    let mut draft = Draft {
        file_stem: snake(&name),
        name,
        redirect: endpoint.redirect,
        docs_url: docs_url.to_owned(),
        path: endpoint.path.clone().unwrap_or_else(|| "/".to_owned()),
        action: endpoint
            .action
            .clone()
            .filter(|_| provider.protocol == "tencent_cloud"),
        ..Draft::default()
    };
    read_titles(&mut draft, endpoint);
    read_method(&mut draft, endpoint, provider);
    // With no request table, the keys of the request example stand for its rows.
    let example_request = match &endpoint.request {
        Some(_) => None,
        None => request_example_rows(endpoint),
    };
    let request_rows =
        (endpoint.request.as_ref().map(|t| t.rows.as_slice())).or(example_request.as_deref());
    let request_names: Vec<&str> = (request_rows.into_iter().flatten())
        .map(|r| r.name.as_str())
        .collect();
    let auth = if draft.redirect {
        None
    } else {
        provider.auth_for(&request_names, endpoint.headers)
    };
    draft.auth = auth.map_or_else(|| "none".to_owned(), |a| a.name.clone());
    let mut fields = super::fields::Builder::new(&draft.name, provider, endpoint);
    if let Some(query) = &endpoint.query {
        draft.query = fields.fields(&query.rows, &[], "query", true);
    }
    if let Some(rows) = request_rows {
        let skip = skipped_request_names(auth, provider, rows);
        let target_query = draft.method == "GET";
        let built = fields.fields(rows, &skip, "request", true);
        if example_request.is_some() {
            draft.todos.push((
                if target_query { "query" } else { "request" },
                "the page has no request table: the fields are the keys of its request example"
                    .to_owned(),
            ));
        }
        if target_query {
            draft.query = built;
        } else {
            draft.request = built;
        }
        if !skip.is_empty() {
            draft.notes.push(format!(
                "Rows the {} carries are not fields: {}.",
                if auth.is_some() {
                    "auth scheme or protocol"
                } else {
                    "protocol"
                },
                skip.join(", ")
            ));
        }
    }
    read_envelope(&mut draft, endpoint, provider);
    read_response(&mut draft, &mut fields, endpoint, provider);
    draft.types = fields.finish();
    draft.errors = endpoint.errors.clone();
    draft.examples = super::pairing::examples(endpoint, provider, &draft);
    super::conform::request_examples(&mut draft);
    read_rate_limit(&mut draft, endpoint, provider);
    draft.notes.extend(endpoint.notes.iter().cloned());
    if let Some(host) = &endpoint.host {
        draft.notes.push(format!("The page writes the path after the host `{host}` (dropped: the base URL is the client's)."));
    }
    if let Some(query) = &endpoint.dropped_query {
        draft.notes.push(format!("The page's query string `?{query}` is dropped (the runtime adds what the protocol needs)."));
    }
    draft
}

/// Names of request rows that are the auth scheme's body fields or, for Tencent, the common
/// parameters (`Action`, `Version`, `Region`).
fn skipped_request_names(auth: Option<&Auth>, provider: &Provider, rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| {
            let top = r.name.split('.').next().unwrap_or(&r.name);
            auth.is_some_and(|a| a.body_fields.iter().any(|f| f == top))
                || (provider.protocol == "tencent_cloud" && r.description.contains("公共参数"))
        })
        .map(|r| r.name.clone())
        .collect()
}

fn read_method(draft: &mut Draft, endpoint: &PageEndpoint, provider: &Provider) {
    draft.method = match (&endpoint.method, provider.protocol.as_str()) {
        (Some(m), _) => m.clone(),
        (None, "tencent_cloud") => "POST".to_owned(),
        (None, _) => {
            draft.todos.push((
                "method",
                "the page does not say the method; POST assumed".to_owned(),
            ));
            "POST".to_owned()
        }
    };
    if let Some(content_type) = &endpoint.content_type
        && content_type != "application/json"
    {
        draft.todos.push((
            "method",
            format!("the page sends `{content_type}`, which the spec format cannot describe yet"),
        ));
    }
    let last = draft
        .path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let name = draft.name.to_lowercase();
    let reads = [
        "get", "query", "list", "describe", "search", "find", "check", "verify", "count",
    ]
    .iter()
    .any(|v| last.starts_with(v) || name.starts_with(v) || name.ends_with(v));
    draft.idempotent = draft.method == "GET" || reads;
    let why = if draft.idempotent {
        "the name reads as a query: confirm it changes nothing, and say so in notes"
    } else {
        "the name reads as a change: decide whether sending it twice has the effect of once (a delete of the same id twice, an upsert), and say why in notes"
    };
    draft.todos.push(("idempotent", why.to_owned()));
}

fn read_rate_limit(draft: &mut Draft, endpoint: &PageEndpoint, provider: &Provider) {
    let Some(limit) = endpoint.rate_limit else {
        return;
    };
    if Some(limit) == provider.rate_limit {
        draft.notes.push(format!(
            "The page's rate limit ({} per {} s) is the provider's; not repeated.",
            limit.0, limit.1
        ));
    } else {
        draft.rate_limit = Some(limit);
    }
}

/// Rows for the keys of the first success example, without the envelope's, when the page has
/// no response table.
/// Summary, the page's warnings and description.
fn read_titles(draft: &mut Draft, endpoint: &PageEndpoint) {
    draft.summary = endpoint
        .title
        .as_deref()
        .map(|t| {
            t.trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '.' | '、' | ' ' | '#')
            })
        })
        .unwrap_or_default()
        .to_owned();
    if draft.summary.is_empty() {
        draft.summary = draft.name.clone();
        draft.todos.push((
            "summary",
            "the page has no title for this endpoint; the name is used".to_owned(),
        ));
    }
    for warning in &endpoint.warnings {
        draft.todos.push((
            "summary",
            format!("the page warns: \"{warning}\": if the vendor retired the endpoint, set `deprecated` to why and what to use instead"),
        ));
    }
    let description = endpoint.description.join("\n");
    draft.description =
        (!description.is_empty() && description != draft.summary).then_some(description);
}

/// The response's fields: from its table, else from the success example's keys, else open.
fn read_response(
    draft: &mut Draft,
    fields: &mut super::fields::Builder<'_>,
    endpoint: &PageEndpoint,
    provider: &Provider,
) {
    if let Some(response) = &endpoint.response {
        let skip: Vec<String> = response
            .rows
            .iter()
            .filter(|r| {
                provider
                    .envelope_keys
                    .contains(r.name.split('.').next().unwrap_or(&r.name))
            })
            .map(|r| r.name.clone())
            .collect();
        draft.response = fields.fields(&response.rows, &skip, "response", false);
    } else if let Some(rows) = example_rows(endpoint, provider) {
        draft.response = fields.fields(&rows, &[], "response", false);
        draft.todos.push((
            "response",
            "the page has no response table: the fields are the keys of its success example"
                .to_owned(),
        ));
    } else if !draft.redirect {
        draft.response_open = true;
        draft.todos.push((
            "response_open",
            "the page documents no response fields: every key is kept in `extra`".to_owned(),
        ));
    }
}

/// A named envelope, when the answers the page shows or tabulates are in one.
fn read_envelope(draft: &mut Draft, endpoint: &PageEndpoint, provider: &Provider) {
    let examples = (endpoint.response_examples.iter())
        .chain(&endpoint.error_examples)
        .filter_map(|e| e.value.as_object())
        .map(|o| o.keys().map(String::as_str).collect::<BTreeSet<&str>>());
    let table = endpoint.response.iter().map(|t| {
        (t.rows.iter())
            .map(|r| r.name.split('.').next().unwrap_or(&r.name))
            .collect::<BTreeSet<&str>>()
    });
    if let Some(envelope) = provider.envelope_for(examples.chain(table)) {
        draft.todos.push((
            "envelope",
            format!(
                "the page's answer has `{}`, not the default envelope's code: the provider's envelope `{}`",
                envelope.code_key.as_deref().unwrap_or_default(),
                envelope.name
            ),
        ));
        draft.envelope = Some(envelope.name.clone());
    }
}

/// Rows for the top-level keys of the page's first request example.
fn request_example_rows(endpoint: &PageEndpoint) -> Option<Vec<Row>> {
    let example = endpoint.request_examples.first()?;
    let object = example.value.as_object()?;
    Some(
        (object.keys())
            .map(|k| Row {
                name: k.clone(),
                source_line: example.source_line,
                ..Row::default()
            })
            .collect(),
    )
}

fn example_rows(endpoint: &PageEndpoint, provider: &Provider) -> Option<Vec<Row>> {
    let example = endpoint
        .response_examples
        .iter()
        .find(|e| failure_code(&e.value, provider).is_none())?;
    let object = example.value.as_object()?;
    Some(
        object
            .keys()
            .filter(|k| !provider.envelope_keys.contains(*k))
            .map(|k| Row {
                name: k.clone(),
                source_line: example.source_line,
                ..Row::default()
            })
            .collect(),
    )
}
