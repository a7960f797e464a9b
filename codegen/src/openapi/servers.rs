//! A provider's base URLs as OpenAPI servers: the document's, and an operation's own when the
//! endpoint exists on some of them only (`availability`).

use serde_json::{Map, Value, json};

use super::text;
use crate::ir::Provider;

/// The provider's base URLs as servers (those named in `only`, when given); a `{host}` in
/// a URL is a server variable.
pub fn servers(p: &Provider, only: Option<&[String]>) -> Option<Value> {
    let servers: Vec<Value> = p
        .base_urls
        .iter()
        .filter(|b| only.is_none_or(|names| names.contains(&b.name)))
        .map(|b| {
            let mut s = Map::new();
            s.insert("url".to_owned(), b.url.as_str().into());
            text::put(&mut s, "description", &b.docs);
            if b.templated {
                s.insert(
                    "variables".to_owned(),
                    json!({"host": {"default": "localhost", "description": "The deployment's host."}}),
                );
            }
            s.insert("x-bindery-name".to_owned(), b.name.as_str().into());
            Value::Object(s)
        })
        .collect();
    (!servers.is_empty()).then_some(Value::Array(servers))
}
