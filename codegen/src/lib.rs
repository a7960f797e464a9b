//! `bindery-codegen`: reads the YAML API spec under `api-spec/`, checks it, lowers it to an
//! intermediate representation and writes the `bindery` crate.
//!
//! Data flows one way: [`spec`] (files → checked model) → [`ir`] (Rust-shaped, names
//! resolved, every decision made) → [`emit`] (token streams → formatted files); [`diff`]
//! compares two IRs. Beside that flow, [`protocols`] is the table of wire protocols and auth
//! kinds every stage reads as data, and [`visit`] is the one walk over a graph of named
//! types (the IR's, or the spec model's) that every pass following fields uses.

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod naming;
pub mod openapi;
pub mod parallel;
pub mod protocols;
pub mod schema;
pub mod source;
pub mod spec;
pub mod standalone;
pub mod sync;
pub mod visit;
