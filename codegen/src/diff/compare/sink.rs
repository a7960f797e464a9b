//! Where the walk puts what it finds: one [`Sink`] per provider and scope, which also gathers
//! that scope's documentation changes into a single change.

use crate::diff::change::{Change, ChangeKind, Impact, Scope};
use crate::ir::{DocText, Endpoint};

/// Collects the changes of one provider and one scope.
pub(super) struct Sink<'a> {
    provider: &'a str,
    scope: Scope,
    out: &'a mut Vec<Change>,
    /// What documentation changed in this scope, reported as one change at the end.
    docs: Vec<String>,
}

impl Sink<'_> {
    /// The provider whose changes this sink collects (its module is `bindery::<provider>`).
    pub(super) fn provider(&self) -> &str {
        self.provider
    }

    pub(super) fn push(
        &mut self,
        kind: ChangeKind,
        subject: impl Into<String>,
        impact: Impact,
        reason: impl Into<String>,
        wire: Option<String>,
    ) {
        self.out.push(Change {
            provider: self.provider.to_owned(),
            scope: self.scope.clone(),
            kind,
            subject: subject.into(),
            impact,
            reason: reason.into(),
            wire,
        });
    }

    pub(super) fn docs(&mut self, what: impl Into<String>) {
        self.docs.push(what.into());
    }

    pub(super) fn docs_text(&mut self, what: &str, old: &DocText, new: &DocText) {
        if old != new {
            self.docs(what);
        }
    }

    pub(super) fn finish(mut self) {
        if !self.docs.is_empty() {
            let what = std::mem::take(&mut self.docs);
            let subject = what.join(", ");
            self.push(
                ChangeKind::DocsChanged,
                subject,
                Impact::Docs,
                "only rustdoc and generated example tests change",
                None,
            );
        }
    }
}

/// A sink for the changes of `provider` in `scope`.
pub(super) fn sink<'a>(provider: &'a str, scope: Scope, out: &'a mut Vec<Change>) -> Sink<'a> {
    Sink {
        provider,
        scope,
        out,
        docs: Vec::new(),
    }
}

/// The scope of an endpoint's changes.
pub(super) fn endpoint_scope(e: &Endpoint) -> Scope {
    Scope::Endpoint {
        spec: e.source.clone(),
        operation: e.vendor_name.clone(),
        method: e.method_name.clone(),
    }
}
