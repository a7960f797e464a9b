//! The peer of `bench compile`: progenitor's clients for the same endpoints, to build beside
//! the generated crate. `cargo-progenitor` writes one crate per provider from the OpenAPI 3.0
//! export of the synthetic spec; a workspace manifest over them makes one `cargo build` build
//! them all, as the generated crate is one build.

use std::path::Path;

use super::{clear, peer};

/// Writes progenitor's crates for the spec of `fixture` into `dir` (a workspace of them,
/// replacing what a previous run left) and returns their package names.
pub fn write(program: &Path, fixture: &Path, dir: &Path) -> Result<Vec<String>, String> {
    let documents = peer::write_documents(fixture)?;
    clear(dir)?;
    peer::generate(program, &documents, dir)?;
    let members: Vec<&str> = documents.iter().map(|(p, _)| p.as_str()).collect();
    std::fs::write(dir.join("Cargo.toml"), manifest(&members))
        .map_err(|e| format!("cannot write {}: {e}", dir.join("Cargo.toml").display()))?;
    Ok(members.iter().map(|p| peer::package(p)).collect())
}

/// The workspace manifest over the provider crates (each in a folder named by its provider).
fn manifest(providers: &[&str]) -> String {
    let members: Vec<String> = providers.iter().map(|p| format!("\"{p}\"")).collect();
    format!(
        "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_workspace_over_a_crate_per_provider() {
        assert_eq!(
            manifest(&["fxiaoke", "tencent_ess"]),
            "[workspace]\nresolver = \"2\"\nmembers = [\"fxiaoke\", \"tencent_ess\"]\n"
        );
        assert_eq!(peer::package("tencent_ess"), "tencent-ess-openapi");
    }
}
