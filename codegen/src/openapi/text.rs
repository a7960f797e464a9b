//! Bilingual text: OpenAPI has one `description` (and one `summary`), so the English text is
//! the description and the Chinese one an extension beside it (`x-description-zh`,
//! `x-summary-zh`); a text the spec has only in Chinese is the description itself.

use serde_json::{Map, Value};

use crate::ir::DocText;

/// Adds `key` (`description`, `summary`) and `x-<key>-zh` for `docs` to `object`.
pub fn put(object: &mut Map<String, Value>, key: &str, docs: &DocText) {
    match (&docs.en, &docs.zh) {
        (Some(en), zh) => {
            object.insert(key.to_owned(), en.trim().into());
            if let Some(zh) = zh {
                object.insert(format!("x-{key}-zh"), zh.trim().into());
            }
        }
        (None, Some(zh)) => {
            object.insert(key.to_owned(), zh.trim().into());
        }
        (None, None) => {}
    }
}

/// The text of `en` and `zh` as [`DocText`].
pub fn both(en: &str, zh: &str) -> DocText {
    DocText {
        en: Some(en.to_owned()),
        zh: Some(zh.to_owned()),
    }
}

/// `first`, then a blank line and `more` when there is any.
pub fn append(first: &DocText, more: &str) -> DocText {
    let join = |text: &Option<String>| match text {
        Some(t) => format!("{}\n\n{more}", t.trim()),
        None => more.to_owned(),
    };
    DocText {
        en: Some(join(&first.en)),
        zh: first.zh.clone(),
    }
}
