//! The intermediate representation between the checked spec and the emitted Rust.
//!
//! Everything here is already Rust-shaped: names are final identifiers, type references are
//! resolved to the module that defines them, docs are merged, and auth fields are stripped
//! from examples. The emitter only turns this into tokens; it makes no decisions about the
//! spec, and the spec model is not visible past [`lower`]: this module names no spec type.
//! Every decision the emitter and spec-diff share (generated names, secret fields, which
//! fields go in the query, the source folder of a module) is made once, in [`lower`], and
//! carried here. Protocols and auth kinds are entries of the [`protocols`](crate::protocols)
//! table, so the IR holds data about them, never a vendor name to match on.
//!
//! Files: `types` the IR itself, `constraints` a field's constraints, `graph` the named
//! types as a [`TypeGraph`](crate::visit::TypeGraph), `rust` the Rust text of a type, `wire_value` what enum values are on the wire, `lower`
//! the pass from the spec model. This file only re-exports them, so that no part of the IR imports another through
//! it.

mod constraints;
mod crossing;
mod graph;
mod lower;
mod rust;
mod types;
mod usepoint;
mod wire_value;

pub use constraints::{Bound, Constraints, number_text};
pub use crossing::{Crossing, Crossings};
pub use graph::{TypeKey, Types};
pub use lower::lower;
pub use rust::RustPaths;
pub use types::*;
pub use usepoint::{RequireStep, Requirement};
pub use wire_value::{EnumKind, WireValue};
