//! Paths of generated items as a user of the `bindery` crate writes them, for doc examples.

use crate::ir::{Endpoint, Provider, TypeHome};

/// The path of a type as seen from outside the crate, for doc examples.
pub(super) fn public_path(
    provider: &Provider,
    e: &Endpoint,
    name: &str,
    home: &TypeHome,
) -> String {
    match home {
        TypeHome::Shared => format!("bindery::{}::types::{name}", provider.name),
        TypeHome::Local => {
            let mut parts = vec!["bindery".to_owned(), provider.name.clone()];
            parts.extend(e.modules.iter().cloned());
            parts.push(name.to_owned());
            parts.join("::")
        }
    }
}
