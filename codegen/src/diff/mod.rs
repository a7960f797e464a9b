//! Semantic differences between two versions of the spec, judged by what they do to users of
//! the generated crate.
//!
//! The comparison runs on the [IR](crate::ir), not on YAML: the IR is what the emitter turns
//! into Rust, so a change is judged by the Rust it changes. The rules follow the emitter:
//!
//! - every struct is `#[non_exhaustive]` with public fields, `new(required…)` and a setter
//!   per optional field, so an optional field can be added, but a field that becomes a
//!   `new` argument, disappears or changes type breaks callers;
//! - every enum is `#[non_exhaustive]` with `Unknown(String)` (`Unknown(i64)` for integer
//!   enums), so a value can be added, but a removed or renamed variant, or values that change
//!   between strings and integers, break callers;
//! - requests are validated before they are sent and responses are not, so a tightened
//!   constraint breaks callers of a request type and is only documentation on a response type;
//! - paths, HTTP methods, envelopes, idempotency and rate limits are data the runtime reads:
//!   changing them changes no Rust signature, and the report says what changes on the wire.
//!
//! [`diff`] gives the changes in a stable order; [`report`] renders them as text, Markdown or
//! JSON; [`bump`] says which semver bump they imply.

pub mod bump;
mod change;
mod compare;
pub mod report;

use crate::ir::Crate;

pub use bump::Bump;
pub use change::{Change, ChangeKind, Impact, Scope};

/// Every change between two specs, in a stable order: providers by name; in each, the
/// provider's own changes, then shared types, then endpoints by spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecDiff {
    /// The changes.
    pub changes: Vec<Change>,
    /// The crate version of the base spec.
    pub base_version: semver::Version,
    /// The crate version of the new spec.
    pub head_version: semver::Version,
}

impl SpecDiff {
    /// Whether any change breaks users.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.impact == Impact::Breaking)
    }

    /// How many changes have the given impact.
    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// The semver bump the changes imply.
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|c| Bump::for_impact(c.impact))
            .max()
            .unwrap_or(Bump::None)
    }
}

/// Compares the base spec with the new one.
pub fn diff(base: &Crate, head: &Crate) -> SpecDiff {
    let mut changes = compare::crates(base, head);
    // Walk order is already deterministic; sorting by group keeps a provider's changes
    // together however the walk reached them.
    changes.sort_by(|a, b| (&a.provider, &a.scope).cmp(&(&b.provider, &b.scope)));
    SpecDiff {
        changes,
        base_version: base.version.clone(),
        head_version: head.version.clone(),
    }
}
