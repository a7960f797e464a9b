//! Small readings of the spec model every part of lowering needs: source labels, docs and
//! rate limits.

use std::path::Path;

use crate::ir::types::{RateLimit, RateLimitScope};
use crate::spec::model;

/// The path shown in generated headers: always `api-spec/<rel>` with `/` separators, whatever
/// folder the spec was loaded from, so output does not depend on the machine.
pub(super) fn source_label(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("api-spec/{}", parts.join("/"))
}

/// A rate limit, `endpoint`-scoped when the spec names no scope.
pub(super) fn lower_rate_limit(limit: &model::RateLimit) -> RateLimit {
    RateLimit {
        requests: limit.requests.value,
        per_seconds: limit.per_seconds.value,
        scope: match limit.scope.as_ref().map(|s| s.value) {
            None | Some(model::RateLimitScope::Endpoint) => RateLimitScope::Endpoint,
            Some(model::RateLimitScope::App) => RateLimitScope::App,
        },
    }
}

/// Bilingual docs of the spec, trimmed, empty texts dropped.
pub(super) mod docs {
    use crate::ir::types::DocText;
    use crate::spec::model::Docs;

    /// The docs of a spec item.
    pub(in crate::ir::lower) fn from_spec(docs: &Docs) -> DocText {
        let clean = |s: &Option<crate::spec::span::Spanned<String>>| {
            s.as_ref()
                .map(|s| s.value.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        DocText {
            en: clean(&docs.en),
            zh: clean(&docs.zh),
        }
    }

    /// The docs of a spec item that may have none.
    pub(in crate::ir::lower) fn from_opt(docs: Option<&Docs>) -> DocText {
        docs.map(from_spec).unwrap_or_default()
    }
}
