//! Placeholder until the doc-text module lands.
pub(crate) fn to_text(document: &str) -> String {
    document.trim().to_owned()
}
