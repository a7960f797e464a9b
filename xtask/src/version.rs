//! Setting the generated crate's version in `api-spec/crate.yaml`, keeping the file's
//! comments and layout.

use std::path::Path;

/// What a new `crate.yaml` holds besides the version.
const HEADER: &str = "# yaml-language-server: $schema=spec.schema.json\n\
# The generated `bindery` crate as a whole. `cargo xtask codegen --bump` raises the version by\n\
# what `cargo xtask spec-diff` finds against a base revision. A generator change that breaks\n\
# the generated API (spec-diff sees only the spec) is raised here by hand; --bump keeps it.\n";

/// Writes `version` into the file's top-level `version:` line (creating the file, or the
/// line, when missing).
pub fn write(file: &Path, version: &semver::Version) -> std::io::Result<()> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => HEADER.to_owned(),
        Err(e) => return Err(e),
    };
    std::fs::write(file, with_version(&text, version))
}

fn with_version(text: &str, version: &semver::Version) -> String {
    let mut found = false;
    let mut out: Vec<String> = text
        .lines()
        .map(|l| match l.strip_prefix("version:") {
            Some(rest) if !found => {
                found = true;
                // Keep a trailing comment (` # ...`).
                let comment = rest.find(" #").map_or("", |at| &rest[at..]);
                format!("version: {version}{comment}")
            }
            _ => l.to_owned(),
        })
        .collect();
    if !found {
        out.push(format!("version: {version}"));
    }
    let mut joined = out.join("\n");
    joined.push('\n');
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_version_line() {
        let v = semver::Version::new(0, 2, 0);
        let text = "# comment\nversion: 0.1.0 # note\nother: 1\n";
        assert_eq!(
            with_version(text, &v),
            "# comment\nversion: 0.2.0 # note\nother: 1\n"
        );
        assert_eq!(with_version("version: 0.1.0\n", &v), "version: 0.2.0\n");
        assert_eq!(
            with_version("# only a comment\n", &v),
            "# only a comment\nversion: 0.2.0\n"
        );
        assert!(with_version(HEADER, &v).ends_with("--bump keeps it.\nversion: 0.2.0\n"));
    }
}
