//! Small readings of the spec model every part of lowering needs: source labels, docs,
//! rate limits, and the protocol table's entries for the model's protocol and auth kinds.

use std::path::Path;

use crate::ir::types::{RateLimit, RateLimitScope};
use crate::protocols::{self, AuthDef, ProtocolDef};
use crate::spec::model::{self, AuthKind, Protocol};

/// The path shown in generated headers: always `api-spec/<rel>` with `/` separators, whatever
/// folder the spec was loaded from, so output does not depend on the machine.
pub(super) fn source_label(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("api-spec/{}", parts.join("/"))
}

/// The protocol table's entry for the spec model's protocol. The spec names protocols by
/// the table's names, so every protocol the loader accepts has an entry.
pub(super) fn protocol_def(protocol: Protocol) -> Option<&'static ProtocolDef> {
    protocols::protocol(match protocol {
        Protocol::Fxiaoke => "fxiaoke",
        Protocol::Mingdao => "mingdao",
        Protocol::TencentCloud => "tencent_cloud",
    })
}

/// The protocol table's entry for the spec model's auth kind.
pub(super) fn auth_def(kind: AuthKind) -> Option<&'static AuthDef> {
    let name = match kind {
        AuthKind::FxiaokeHeader => "fxiaoke_header",
        AuthKind::FxiaokeBody => "fxiaoke_body",
        AuthKind::MingdaoSign => "mingdao_sign",
        AuthKind::Tc3HmacSha256 => "tc3_hmac_sha256",
    };
    protocols::auth_kind(name).map(|(_, a)| a)
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
