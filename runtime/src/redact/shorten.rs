//! How long the texts an error or a log line repeats may be, cutting them, and the short
//! texts that need their own care: a decoder's complaint and a URL.

/// Most characters of a body that go into an error.
pub(crate) const SNIPPET_CHARS: usize = 200;

/// The longest vendor message an error keeps, in characters; the longest code or request
/// id is [`SNIPPET_CHARS`]. A hostile or broken vendor can send megabytes of "message",
/// and every error ends up in a log line.
pub(crate) const VENDOR_MESSAGE_CHARS: usize = 1000;

/// `text` cut to `max` characters plus an ellipsis (on a char boundary).
pub(crate) fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// Most characters of a decoding error's message.
pub(crate) const MESSAGE_CHARS: usize = 200;

/// A decoder's complaint (serde's text) made fit for an error message: every
/// quoted string value it repeats (`invalid type: string "…"`) is replaced by
/// its length, as it may be a misplaced credential and may be megabytes long,
/// and the text is cut to [`MESSAGE_CHARS`] characters. Field names (which
/// serde quotes with backticks) stay.
pub(crate) fn decode_message(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MESSAGE_CHARS * 4));
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
        } else {
            // A Rust `Debug` string: `\` escapes one character (`\u{…}` one too).
            let mut length: u64 = 0;
            let mut escaped = false;
            let mut in_braces = false;
            for c in chars.by_ref() {
                if in_braces {
                    in_braces = c != '}';
                    continue;
                }
                if escaped {
                    escaped = false;
                    in_braces = c == 'u';
                    length += 1;
                    continue;
                }
                match c {
                    '\\' => escaped = true,
                    '"' => break,
                    _ => length += 1,
                }
            }
            let unit = if length == 1 {
                "character"
            } else {
                "characters"
            };
            out.push_str(&format!("({length} {unit}, not shown)"));
        }
        if out.len() > MESSAGE_CHARS * 4 {
            break;
        }
    }
    truncate_chars(&out, MESSAGE_CHARS)
}

/// A URL as an error may repeat it: without user info (`user:password@` becomes `…@`),
/// query or fragment (`?…`), whether or not it parses — a rejected base URL may still
/// carry a password or a signed query.
pub(crate) fn url_for_display(text: &str) -> String {
    let text = text.trim();
    let cut = text.find(['?', '#']).map_or(text, |at| &text[..at]);
    let (scheme, rest) = match cut.find("://") {
        Some(at) => cut.split_at(at + 3),
        None => ("", cut),
    };
    let (authority, path) = rest.split_at(rest.find(['/', '\\']).unwrap_or(rest.len()));
    let authority = match authority.rfind('@') {
        Some(at) => format!("…@{}", &authority[at + 1..]),
        None => authority.to_owned(),
    };
    let rest_cut = if cut.len() < text.len() { "?…" } else { "" };
    format!("{scheme}{authority}{path}{rest_cut}")
}
