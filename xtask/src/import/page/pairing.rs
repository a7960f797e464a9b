//! The page's JSON blocks as spec examples: each request example with the response that
//! follows it (the first of several with it), responses and failures on their own, failures with the code they carry.

use serde_json::Value;

use super::context::Provider;
use super::examples::Example;
use super::model::{Draft, DraftExample, failure_code, snake};
use super::sections::PageEndpoint;

enum Part<'a> {
    Request(&'a Example),
    Response(&'a Example),
    Failure(&'a Example),
}

impl Part<'_> {
    fn example(&self) -> &Example {
        match self {
            Part::Request(e) | Part::Response(e) | Part::Failure(e) => e,
        }
    }
}

/// The draft's examples, in the page's order.
pub(crate) fn examples(
    endpoint: &PageEndpoint,
    provider: &Provider,
    draft: &Draft,
) -> Vec<DraftExample> {
    let mut parts: Vec<Part<'_>> = endpoint
        .request_examples
        .iter()
        .map(Part::Request)
        .chain(endpoint.response_examples.iter().map(|e| {
            if failure_code(&e.value, provider).is_some() {
                Part::Failure(e)
            } else {
                Part::Response(e)
            }
        }))
        .chain(endpoint.error_examples.iter().map(Part::Failure))
        .collect();
    parts.retain(|p| !p.example().partial);
    parts.sort_by_key(|p| p.example().order);
    let mut out: Vec<DraftExample> = Vec::new();
    // Request examples since the last answer. An answer after several goes with the first
    // (the page's main example, as curators pair them); the others stand alone.
    let mut pending: Vec<&Example> = Vec::new();
    for part in &parts {
        let (answer, kind) = match part {
            Part::Request(e) => {
                pending.push(e);
                continue;
            }
            Part::Response(e) => (e, "success"),
            Part::Failure(e) => (e, "failure"),
        };
        let mut requests = pending.drain(..);
        let mut paired = one(requests.next(), Some(answer), provider, kind);
        let rest: Vec<DraftExample> = requests
            .map(|r| one(Some(r), None, provider, "request"))
            .collect();
        if !rest.is_empty() {
            paired.todos.push(format!(
                "the page shows {} request examples before this answer: it is paired with the first",
                rest.len() + 1
            ));
        }
        out.push(paired);
        out.extend(rest);
    }
    out.extend(
        pending
            .into_iter()
            .map(|r| one(Some(r), None, provider, "request")),
    );
    name_them(&mut out);
    if draft.method == "GET" {
        for example in &mut out {
            if example.request.is_some() {
                example.todos.push(
                    "a GET example's `request` is its query parameters: check they are the page's"
                        .to_owned(),
                );
            }
        }
    }
    out
}

fn one(
    request: Option<&Example>,
    response: Option<&Example>,
    provider: &Provider,
    kind: &str,
) -> DraftExample {
    let mut example = DraftExample {
        name: kind.to_owned(),
        ..DraftExample::default()
    };
    let title = response
        .and_then(|e| e.title.clone())
        .or_else(|| request.and_then(|e| e.title.clone()));
    example.docs = title.unwrap_or_else(|| match kind {
        "request" => "页面的请求示例".to_owned(),
        "success" if request.is_some() => "页面的请求示例与返回示例".to_owned(),
        "success" => "页面的返回示例".to_owned(),
        _ => "页面的错误返回示例".to_owned(),
    });
    for (what, e) in [("request", request), ("response", response)] {
        if let Some(e) = e
            && !e.repairs.is_empty()
        {
            example.todos.push(format!(
                "the page's {what} JSON was repaired: {}",
                e.repairs.join(", ")
            ));
        }
    }
    example.request = request.map(|e| e.value.clone());
    example.response = response.map(|e| e.value.clone());
    if kind == "failure" {
        example.error_code = response.and_then(|e| failure_code(&e.value, provider));
        if example.error_code.is_none() {
            example
                .todos
                .push("a failure example without the envelope's code".to_owned());
        }
        if example.error_code == Some(Value::from(0)) {
            example.error_code = None;
        }
    }
    example
}

/// Names from titles where they are ASCII, else by kind, numbered when repeated.
fn name_them(examples: &mut [DraftExample]) {
    let bases: Vec<String> = examples
        .iter()
        .map(|e| {
            let from_title = snake(&e.docs);
            if !from_title.is_empty() && e.docs.is_ascii() && from_title.len() <= 40 {
                from_title
            } else {
                e.name.clone()
            }
        })
        .collect();
    for (i, example) in examples.iter_mut().enumerate() {
        let base = &bases[i];
        let repeated = bases.iter().filter(|b| *b == base).count() > 1;
        let nth = bases[..=i].iter().filter(|b| *b == base).count();
        example.name = if repeated {
            format!("{base}_{nth}")
        } else {
            base.clone()
        };
    }
}
