//! Masking of everything that leaves the client as text: body snippets in errors, vendor
//! messages, trace-logged bodies.
//!
//! One rule set, [`Mask`], used everywhere: values under credential-looking keys
//! ([`is_sensitive_key`]) or the operation's `secret` fields are hidden in JSON, in
//! `"key": value`, `key=value` and `key: value` text, and every secret value the client
//! holds (credentials it was given, tokens it fetched, secret fields of the request) is
//! hidden wherever it appears, however it is labelled.
//!
//! By concern, imports running one way: `mask` (the rules and the values, a leaf),
//! `shorten` (length limits, decoder messages, URLs; a leaf), `text` (free text, uses
//! `mask`), `body` (whole bodies and snippets, uses the three others).

mod body;
mod mask;
mod shorten;
mod text;

pub(crate) use body::{Step, masked_body, snippet_masked, value_snippet};
pub(crate) use mask::{
    KnownSecrets, Mask, SecretValues, hidden_values, hide_values, hide_values_in_code,
    is_sensitive_key,
};
pub(crate) use shorten::{
    SNIPPET_CHARS, VENDOR_MESSAGE_CHARS, decode_message, truncate_chars, url_for_display,
};
pub(crate) use text::mask_text;

#[cfg(test)]
use shorten::MESSAGE_CHARS;

#[cfg(test)]
mod tests;
