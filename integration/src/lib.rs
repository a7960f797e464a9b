//! Wire tests live in `tests/`; this library has no code of its own.
//!
//! The root README is included as this crate's documentation so that its Rust examples are
//! compiled as doctests against the real generated API (`cargo test -p bindery-integration`):
//! an example that drifts from the generated code fails the build instead of misleading readers.
#![doc = include_str!("../../README.md")]
