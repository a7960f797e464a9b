//! Query parameters the protocol's runtime adds itself ([`protocols::added_query`], the
//! runtime's own table): a query string written into an endpoint's `path`
//! (`/cgi/x?thirdTraceId=…&a=1`) is told which of its parameters those are and where the
//! others go, and a `query` field of that name is refused.

use std::path::Path;

use super::super::model::EndpointFile;
use super::Cx;
use crate::diagnostics::backticked;
use crate::protocols::{self, ProtocolDef};

impl Cx<'_> {
    /// A `query` field the runtime adds itself would be sent twice.
    pub(super) fn runtime_query_fields(
        &mut self,
        file: &Path,
        spec: &EndpointFile,
        protocol: &ProtocolDef,
    ) {
        let added = protocols::added_query(protocol);
        for f in spec
            .query
            .iter()
            .filter(|f| added.contains(&f.name.value.as_str()))
        {
            self.err(
                file,
                f.name.pos,
                format!(
                    "query parameter `{}` is added by the `{}` runtime to every request",
                    f.name.value, protocol.name
                ),
                Some("remove the field".to_owned()),
            );
        }
    }
}

/// The help for a `path` that contains `?`, for an endpoint of `protocol` (when its
/// provider file parsed).
pub(super) fn help(path: &str, protocol: Option<&ProtocolDef>) -> String {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    let added = protocol.map_or(&[][..], protocols::added_query);
    let mut by_runtime = Vec::new();
    let mut others = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let name = pair.split_once('=').map_or(pair, |(n, _)| n);
        if added.contains(&name) {
            by_runtime.push(name);
        } else if !others.contains(&name) {
            others.push(name);
        }
    }
    // Worded so it holds whatever the method: where the parameters go is `query` either way.
    let drop = format!("drop `?{query}` from the path");
    let runtime = protocol.filter(|_| !by_runtime.is_empty()).map(|p| {
        format!(
            "the `{}` runtime adds {} to every request itself",
            p.name,
            backticked(by_runtime.iter())
        )
    });
    match (runtime, others.is_empty()) {
        (Some(runtime), true) => format!("{drop}: {runtime}"),
        (Some(runtime), false) => format!(
            "{drop}: {runtime}; declare {} under `query`",
            backticked(others.iter())
        ),
        (None, _) if others.is_empty() => drop,
        (None, _) => format!(
            "{drop} and declare {} under `query`",
            backticked(others.iter())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_the_runtime_adds_and_where_the_rest_goes() {
        let fxiaoke = protocols::protocol("fxiaoke");
        let mingdao = protocols::protocol("mingdao");
        assert_eq!(
            help("/cgi/x?thirdTraceId=abc", fxiaoke),
            "drop `?thirdTraceId=abc` from the path: the `fxiaoke` runtime adds `thirdTraceId` to every request itself"
        );
        assert_eq!(
            help("/cgi/x?thirdTraceId=abc&a=1&b", fxiaoke),
            "drop `?thirdTraceId=abc&a=1&b` from the path: the `fxiaoke` runtime adds `thirdTraceId` to every request itself; declare `a`, `b` under `query`"
        );
        assert_eq!(
            help("/v2/x?thirdTraceId=1", mingdao),
            "drop `?thirdTraceId=1` from the path and declare `thirdTraceId` under `query`"
        );
        assert_eq!(help("/v2/x?", None), "drop `?` from the path");
    }
}
