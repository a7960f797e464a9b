//! A received request, as the vendors' checks read it.

use bytes::Bytes;
use hyper::header::HeaderMap;

/// A received request, as the vendor checks read it.
pub(crate) struct Incoming {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl Incoming {
    /// The one value of header `name`, as text; `None` when absent, repeated or not text.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.headers.get_all(name).iter();
        let first = values.next()?;
        if values.next().is_some() {
            return None;
        }
        first.to_str().ok()
    }

    /// The query's pairs, decoded.
    pub(crate) fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or("");
        url_pairs(query)
    }
}

fn url_pairs(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_text_is_percent_decoded() {
        assert_eq!(
            url_pairs("a=1&b=x%20y+z&c=%E6%98%8E&d&e=%zz"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "x y z".into()),
                ("c".into(), "明".into()),
                ("d".into(), String::new()),
                ("e".into(), "%zz".into()),
            ]
        );
    }
}
