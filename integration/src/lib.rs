//! Wire tests live in `tests/suite/`, one test binary; this library has no code of its own.
//!
//! The root README is included as this crate's documentation so that its Rust examples are
//! compiled as doctests against the real generated API (`cargo test -p bindery-integration`):
//! an example that drifts from the generated code fails the build instead of misleading readers.
#![doc = include_str!("../../README.md")]

#[cfg(test)]
mod tests {
    /// GitHub and crates.io show a README's code as it is written, so a line rustdoc would
    /// hide (`# async fn demo() {`) appears there as text: the README's Rust examples are
    /// complete programs instead.
    #[test]
    fn readme_rust_examples_hide_no_lines() {
        let readme = include_str!("../../README.md");
        let mut block: Option<bool> = None; // inside a fence: whether it is Rust
        let mut hidden = Vec::new();
        for (index, line) in readme.lines().enumerate() {
            if let Some(info) = line.trim_start().strip_prefix("```") {
                block = match block {
                    Some(_) => None,
                    // rustdoc compiles a fence without a language as Rust too.
                    None => Some(info.is_empty() || info.starts_with("rust")),
                };
                continue;
            }
            let trimmed = line.trim_start();
            if block == Some(true) && (trimmed == "#" || trimmed.starts_with("# ")) {
                hidden.push(format!("README.md:{}: {line}", index + 1));
            }
        }
        assert!(hidden.is_empty(), "hidden lines:\n{}", hidden.join("\n"));
    }
}
