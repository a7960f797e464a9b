//! Turns the IR into the files of the `bindery` crate.
//!
//! Every file is built as tokens, parsed by `syn` and printed by `prettyplease`, then given
//! the "generated, do not edit" header naming its spec source. Iteration follows the IR's
//! sorted order only, so the same spec always gives the same bytes.

mod client;
mod docs;
mod endpoint;
mod enums;
mod manifest;
mod mock;
mod operations;
mod paths;
mod placeholder;
mod provider;
mod test_support;
mod tests;
mod types;
mod usepoint;
mod validate;
mod wire_tests;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::ir::{Crate, Provider};

/// Where the generated crate lives, relative to the workspace root.
pub const GENERATED_DIR: &str = "generated";

/// The command that regenerates everything; named in every header and in `--check` failures.
pub const COMMAND: &str = "cargo xtask codegen";

/// A file that could not be formatted: a bug in the emitter, reported instead of a panic.
#[derive(Debug, thiserror::Error)]
#[error("emitted invalid Rust for {path}: {message}")]
pub struct EmitError {
    /// Output path.
    pub path: String,
    /// The parser's complaint.
    pub message: String,
}

/// One file of the generated crate; each is made on its own (tokens, parsed, formatted),
/// so [`generate`] makes them on the machine's cores.
enum Job<'a> {
    /// `src/lib.rs`.
    Lib(&'a Crate),
    /// A provider's example and wire tests, `tests/examples/<provider>.rs` (none without any).
    Examples(&'a Provider),
    /// A file under `src/<provider>/`.
    Provider(provider::Job<'a>),
}

impl Job<'_> {
    fn run(&self) -> Result<Option<(String, String)>, EmitError> {
        match self {
            Job::Lib(ir) => {
                let lib = rust_file("generated/src/lib.rs", "api-spec/", manifest::lib_rs(ir))?;
                Ok(Some((format!("{GENERATED_DIR}/src/lib.rs"), lib)))
            }
            Job::Examples(p) => Ok(tests::provider_file(p)?
                .map(|(name, text)| (format!("{GENERATED_DIR}/tests/examples/{name}"), text))),
            Job::Provider(job) => job.run().map(Some),
        }
    }
}

/// The files of the generated crate, keyed by path relative to the workspace root
/// (`generated/src/lib.rs`), in sorted order.
///
/// The Rust files are made in parallel ([`crate::parallel::map`]), the largest first (each
/// provider's tests, client and operations table), and collected by path, so the result is
/// the same whatever the number of threads; the error reported is the first in job order.
pub fn generate(ir: &Crate) -> Result<BTreeMap<String, String>, EmitError> {
    let mut files = BTreeMap::new();
    files.insert(
        format!("{GENERATED_DIR}/Cargo.toml"),
        manifest::cargo_toml(ir),
    );
    files.insert(format!("{GENERATED_DIR}/README.md"), manifest::readme(ir));
    let mut jobs = vec![Job::Lib(ir)];
    jobs.extend(ir.providers.iter().map(Job::Examples));
    for p in &ir.providers {
        jobs.extend(provider::head_jobs(p).into_iter().map(Job::Provider));
    }
    let mut module_jobs = Vec::new();
    for p in &ir.providers {
        provider::module_jobs(p, &mut module_jobs);
    }
    jobs.extend(module_jobs.into_iter().map(Job::Provider));

    let mut with_examples = Vec::new();
    for (job, made) in jobs.iter().zip(crate::parallel::map(&jobs, Job::run)) {
        if let Some((path, text)) = made? {
            if let Job::Examples(p) = job {
                with_examples.push(*p);
            }
            files.insert(path, text);
        }
    }
    if !with_examples.is_empty() {
        files.insert(
            format!("{GENERATED_DIR}/tests/examples/support.rs"),
            test_support::support_file(&with_examples)?,
        );
        files.insert(
            format!("{GENERATED_DIR}/tests/examples/main.rs"),
            tests::main_file(&with_examples),
        );
    }
    Ok(files)
}

/// The endpoints that get no generated wire test although their protocol has wire tests
/// (they have no request example), as `` `<spec file>` (`<method>`) ``; the examples file
/// of their provider names them too.
pub fn without_wire_test(ir: &Crate) -> Vec<String> {
    ir.providers.iter().flat_map(wire_tests::untested).collect()
}

/// The calls whose spec has no success example, so that their mock table answers with one
/// made from the response type (`mock::SYNTHESIZED`), as `` `<spec file>` (`<method>`) ``.
pub fn synthesized_answers(ir: &Crate) -> Vec<String> {
    ir.providers.iter().flat_map(mock::synthesized).collect()
}

/// `#[cfg(feature = "…")]`: an item built only with the cargo feature.
pub(crate) fn cfg_feature(feature: &str) -> TokenStream {
    quote::quote!(#[cfg(feature = #feature)])
}

/// The doc sentence naming the cargo feature that builds an endpoint's items.
pub(crate) fn feature_note(provider: &Provider, feature: &str) -> String {
    format!(
        "Cargo feature: `{feature}` (enabled by `{}`, on by default).",
        provider.name
    )
}

/// The first line of every generated Rust file.
pub fn header(source: &str) -> String {
    format!("// Generated by {COMMAND} from {source}; do not edit.\n")
}

/// An example as the text of a raw string literal: compact JSON, which the generated test
/// reads as written (no escapes for the compiler to undo, nor for a reader to skip).
pub(crate) fn json_literal(value: &serde_json::Value) -> TokenStream {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    raw_string(&text)
}

/// `text` as a raw string literal, with enough `#` that nothing in it ends the literal.
pub(crate) fn raw_string(text: &str) -> TokenStream {
    // A raw string cannot hold a bare CR, and the compiler reads a CR LF in one as LF: text
    // with a CR is written as an ordinary string.
    if text.contains('\r') {
        return quote::ToTokens::into_token_stream(proc_macro2::Literal::string(text));
    }
    let mut hashes = 0;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    let literal = format!("r{fence}\"{text}\"{fence}");
    // Without a CR it lexes (up to 255 `#`); the fallback keeps the emitter total.
    literal
        .parse()
        .unwrap_or_else(|_| quote::ToTokens::into_token_stream(proc_macro2::Literal::string(text)))
}

/// Formats tokens as a Rust file with the generated header.
pub(crate) fn rust_file(
    path: &str,
    source: &str,
    tokens: TokenStream,
) -> Result<String, EmitError> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| EmitError {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    Ok(format!(
        "{}{}",
        header(source),
        prettyplease::unparse(&file)
    ))
}

#[cfg(test)]
mod literal_tests {
    #[test]
    fn a_raw_string_holds_any_text_as_written() {
        for text in [
            "",
            "plain",
            "{\"a\":\"b\"}",
            "a \"# b",
            "a \"## b \"# c",
            "ends with a quote\"",
            "\\n is two characters",
            "合同 ✓",
        ] {
            let tokens = super::raw_string(text);
            let literal: syn::LitStr = syn::parse2(tokens.clone()).expect("a string literal");
            assert_eq!(literal.value(), text, "{tokens}");
            assert!(tokens.to_string().starts_with('r'), "{tokens}");
        }
    }

    #[test]
    fn text_with_a_carriage_return_is_an_escaped_string() {
        for text in ["a\rb", "a\r\nb", "\r"] {
            let tokens = super::raw_string(text);
            let literal: syn::LitStr = syn::parse2(tokens.clone()).expect("a string literal");
            assert_eq!(literal.value(), text, "{tokens}");
            assert!(tokens.to_string().starts_with('"'), "{tokens}");
        }
    }
}
