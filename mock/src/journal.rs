//! What the server received and what it answered, for a test's assertions, and the call
//! counts a test expects.

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

/// The failed expectations, one line each, against the journal.
pub(crate) fn unmet(expectations: &[Expectation], journal: &[Entry]) -> Vec<String> {
    expectations
        .iter()
        .filter_map(|expected| {
            let got = calls(journal, expected.operation);
            (got != expected.count).then(|| {
                format!(
                    "`{}`: expected {} request(s) past authentication, received {got}",
                    expected.operation, expected.count
                )
            })
        })
        .collect()
}

/// The requests to `operation` that passed authentication (each attempt of a retried call
/// counts).
pub(crate) fn calls(journal: &[Entry], operation: &str) -> usize {
    journal
        .iter()
        .filter(|entry| entry.operation == Some(operation))
        .filter(|entry| !matches!(entry.verdict, Verdict::Rejected { .. }))
        .count()
}
