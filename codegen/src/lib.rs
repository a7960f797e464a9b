//! `bindery-codegen`: reads the YAML API spec under `api-spec/`, checks it, lowers it to an
//! intermediate representation and writes the `bindery` crate.
//!
//! Data flows one way: [`spec`] (files → checked model) → [`ir`] (Rust-shaped, names
//! resolved) → [`emit`] (token streams → formatted files).

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod naming;
pub mod protocols;
pub mod schema;
pub mod spec;
pub mod standalone;
pub mod sync;
pub mod visit;
