//! Rustdoc text: merging English and Chinese docs and escaping vendor prose so rustdoc does
//! not read it as links or HTML.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::DocText;

/// Escapes characters that rustdoc would treat as links or HTML in vendor-supplied text
/// (`UserRelation[]` is not a link, list<string> is not an HTML tag). Code spans between
/// backticks are left alone: there the characters are already literal.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code && matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Paragraphs of a bilingual text: English first, then Chinese, each escaped.
pub fn paragraphs(docs: &DocText) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(en) = &docs.en {
        out.push(escape(en));
    }
    if let Some(zh) = &docs.zh {
        out.push(escape(zh));
    }
    out
}

/// Builds `#[doc = "..."]` attributes from already-formatted markdown paragraphs.
pub fn attrs(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for (i, paragraph) in paragraphs
        .iter()
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if i > 0 {
            lines.push(String::new());
        }
        for line in paragraph.lines() {
            lines.push(format!(" {}", line.trim_end()));
        }
    }
    let lines = lines
        .iter()
        .map(|l| if l.trim().is_empty() { "" } else { l.as_str() });
    quote! { #( #[doc = #lines] )* }
}

/// Inner (`//!`) doc attributes for a module file.
pub fn inner_attrs(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for (i, paragraph) in paragraphs
        .iter()
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if i > 0 {
            lines.push(String::new());
        }
        for line in paragraph.lines() {
            lines.push(format!(" {}", line.trim_end()));
        }
    }
    let lines = lines
        .iter()
        .map(|l| if l.trim().is_empty() { "" } else { l.as_str() });
    quote! { #( #![doc = #lines] )* }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("UserRelation[]"), "UserRelation\\[\\]");
        assert_eq!(escape("list<string>"), "list\\<string\\>");
        assert_eq!(escape("用户关系集合"), "用户关系集合");
        assert_eq!(
            escape("`list<string>` or a[0]"),
            "`list<string>` or a\\[0\\]"
        );
    }
}
