//! What the server received and what it answered, for a test's assertions, and the call
//! counts a test expects.

use std::collections::{HashMap, VecDeque};

use serde_json::Value;

/// One request the server received and its verdict.
#[derive(Clone)]
pub struct Entry {
    /// The endpoint's operation name (`CreateFlow`); `None` when the request named none the
    /// provider has (an unknown action or path).
    pub operation: Option<&'static str>,
    /// The HTTP method (`POST`).
    pub method: String,
    /// The path as received (`/generalintegrate/v2/user/getUser`), without the query.
    pub path: String,
    /// What the server did with it.
    pub verdict: Verdict,
    /// The request's fields as JSON (the body, or a `GET`'s query with its values typed as
    /// the request type reads them), without the protocol's own fields. Kept out of `Debug`:
    /// a token endpoint's request holds the app secret.
    pub(crate) fields: Value,
}

impl Entry {
    /// The request's fields as JSON (see [`Entry`]): for a test's own checks. Token
    /// endpoints' requests hold secrets; print with care.
    pub fn fields(&self) -> &Value {
        &self.fields
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("verdict", &self.verdict)
            .finish_non_exhaustive()
    }
}

/// What the server did with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// Refused before it reached the endpoint: a bad signature, token or timestamp, an
    /// unknown action or path. The vendor's code and message.
    Rejected {
        /// The vendor code answered (`AuthFailure.SignatureFailure`).
        code: String,
        /// Its message, naming what was wrong.
        message: String,
    },
    /// Refused by the endpoint's spec (a missing field, a wrong type, a broken constraint)
    /// or its rate limit: the vendor's code and message.
    Refused {
        /// The vendor code answered (`MissingParameter`).
        code: String,
        /// Its message, naming the field.
        message: String,
    },
    /// Passed every check and was answered by a stub or the spec's example, with this HTTP
    /// status.
    Answered {
        /// The HTTP status sent.
        status: u16,
    },
}

impl Verdict {
    /// The vendor code of a refusal; `None` for an answered request.
    pub fn code(&self) -> Option<&str> {
        match self {
            Verdict::Rejected { code, .. } | Verdict::Refused { code, .. } => Some(code),
            Verdict::Answered { .. } => None,
        }
    }

    /// Whether the request reached its endpoint's answer (it passed authentication, its
    /// spec check and the rate limit).
    pub fn answered(&self) -> bool {
        matches!(self, Verdict::Answered { .. })
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Verdict::Rejected { code, message } => write!(f, "rejected {code}: {message}"),
            Verdict::Refused { code, message } => write!(f, "refused {code}: {message}"),
            Verdict::Answered { status } => write!(f, "answered HTTP {status}"),
        }
    }
}

/// A count of requests a test expects one endpoint to receive.
#[derive(Clone, Debug)]
pub(crate) struct Expectation {
    pub(crate) operation: &'static str,
    pub(crate) count: usize,
}

/// The entries kept (the most recent ones, up to a limit if one is set) and the count per
/// endpoint of every request past authentication, kept in full whatever the limit.
#[derive(Default)]
pub(crate) struct Journal {
    entries: VecDeque<Entry>,
    limit: Option<usize>,
    calls: HashMap<&'static str, usize>,
}

impl Journal {
    /// A journal that keeps at most `limit` entries (all, for `None`).
    pub(crate) fn new(limit: Option<usize>) -> Self {
        Journal {
            limit,
            ..Journal::default()
        }
    }

    pub(crate) fn push(&mut self, entry: Entry) {
        if let Some(operation) = entry.operation
            && !matches!(entry.verdict, Verdict::Rejected { .. })
        {
            *self.calls.entry(operation).or_default() += 1;
        }
        if self.limit == Some(0) {
            return;
        }
        if self.limit == Some(self.entries.len()) {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// The entries kept, oldest first.
    pub(crate) fn entries(&self) -> Vec<Entry> {
        self.entries.iter().cloned().collect()
    }

    /// The requests to `operation` that passed authentication (each attempt of a retried
    /// call counts), entries dropped for the limit included.
    pub(crate) fn calls(&self, operation: &str) -> usize {
        self.calls.get(operation).copied().unwrap_or(0)
    }

    /// The failed expectations, one line each.
    pub(crate) fn unmet(&self, expectations: &[Expectation]) -> Vec<String> {
        expectations
            .iter()
            .filter_map(|expected| {
                let got = self.calls(expected.operation);
                (got != expected.count).then(|| {
                    format!(
                        "`{}`: expected {} request(s) past authentication, received {got}",
                        expected.operation, expected.count
                    )
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(operation: &'static str, verdict: Verdict) -> Entry {
        Entry {
            operation: Some(operation),
            method: "POST".into(),
            path: "/".into(),
            verdict,
            fields: Value::Null,
        }
    }

    #[test]
    fn a_limit_keeps_the_latest_entries_and_every_count() {
        let mut journal = Journal::new(Some(2));
        let rejected = Verdict::Rejected {
            code: "c".into(),
            message: "m".into(),
        };
        journal.push(entry("a", rejected));
        for status in [200, 201, 202] {
            journal.push(entry("a", Verdict::Answered { status }));
        }
        let kept: Vec<Verdict> = journal.entries().into_iter().map(|e| e.verdict).collect();
        assert_eq!(
            kept,
            [
                Verdict::Answered { status: 201 },
                Verdict::Answered { status: 202 }
            ]
        );
        assert_eq!((journal.calls("a"), journal.calls("b")), (3, 0));
        let expected = [Expectation {
            operation: "a",
            count: 2,
        }];
        assert_eq!(
            journal.unmet(&expected),
            ["`a`: expected 2 request(s) past authentication, received 3"]
        );
        let mut none = Journal::new(Some(0));
        none.push(entry("a", Verdict::Answered { status: 200 }));
        assert!(none.entries().is_empty());
        assert_eq!(none.calls("a"), 1);
    }
}
