//! The rule set every masked text is masked by: [`Mask`] (credential-looking names, the
//! operation's `secret` fields, the secret values held for a call) and [`SecretValues`],
//! those values in every form they take in text. Leaf of the masking modules.

use serde_json::Value;

use crate::operation::Operation;

/// What every hidden value is replaced by.
pub(super) const REDACTED: &str = "[redacted]";

/// The words whose presence in a key or parameter name marks its value as a credential.
pub(super) const SENSITIVE_WORDS: &str = "token|secret|sign|password|authorization";

/// [`SENSITIVE_WORDS`] one by one (a test keeps the two the same).
pub(super) const SENSITIVE_WORD_LIST: [&str; 5] =
    ["token", "secret", "sign", "password", "authorization"];

/// Whether a JSON key or parameter name looks like it holds a credential.
///
/// Every key of every request is asked on every call (for the values to hide), so this
/// compares in place, ASCII case aside, rather than lowering a copy of the key.
pub(crate) fn is_sensitive_key(key: &str) -> bool {
    let key = key.as_bytes();
    (0..key.len()).any(|start| {
        let first = key[start].to_ascii_lowercase();
        SENSITIVE_WORD_LIST.iter().any(|word| {
            word.as_bytes()[0] == first
                && key
                    .get(start..start + word.len())
                    .is_some_and(|window| window.eq_ignore_ascii_case(word.as_bytes()))
        })
    })
}

/// What text is masked by: the credential-looking names every text is masked by
/// ([`is_sensitive_key`]), the names of an operation's `secret` fields
/// ([`Operation::secret_fields`]), and the secret values the client holds for the call.
#[derive(Clone, Copy, Default)]
pub(crate) struct Mask<'a> {
    pub(super) secret_fields: &'a [&'a str],
    /// Secret values (credentials, fetched tokens, secret request fields) in every form
    /// they take in text ([`SecretValues`]), each hidden wherever it appears.
    pub(super) values: &'a [String],
}

impl std::fmt::Debug for Mask<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mask")
            .field("secret_fields", &self.secret_fields)
            .field("values", &self.values.len())
            .finish()
    }
}

impl Mask<'static> {
    /// The mask for bodies of `op`, in either direction.
    pub(crate) fn of(op: &Operation) -> Self {
        Mask {
            secret_fields: op.secret_fields,
            values: &[],
        }
    }
}

impl<'a> Mask<'a> {
    /// This mask, also hiding `values` (see [`SecretValues`]) wherever they appear.
    pub(crate) fn with_values<'b>(self, values: &'b SecretValues) -> Mask<'b>
    where
        'a: 'b,
    {
        Mask {
            secret_fields: self.secret_fields,
            values: &values.0,
        }
    }

    /// Whether the value under `key` is hidden.
    pub(super) fn hides(&self, key: &str) -> bool {
        is_sensitive_key(key)
            || self
                .secret_fields
                .iter()
                .any(|field| field.eq_ignore_ascii_case(key))
    }

    /// `text` with every secret value (as is, JSON-escaped and URL-encoded) replaced,
    /// or `None` when none occurs.
    pub(super) fn hide_values(&self, text: &str) -> Option<String> {
        self.hide_values_of_length(text, 1)
    }

    /// [`hide_values`](Self::hide_values) for the forms at least `min_len` bytes long.
    fn hide_values_of_length(&self, text: &str, min_len: usize) -> Option<String> {
        let mut changed: Option<String> = None;
        for form in self.values.iter().filter(|form| form.len() >= min_len) {
            let current = changed.as_deref().unwrap_or(text);
            if current.contains(form.as_str()) {
                changed = Some(current.replace(form.as_str(), REDACTED));
            }
        }
        changed
    }
}

/// The forms a secret value takes in text: as is, JSON-escaped, URL-encoded.
fn encodings(value: &str) -> Vec<String> {
    let mut forms = vec![value.to_owned()];
    // Most secrets (keys, ids, tokens) are letters and digits, the same in every form.
    let plain = value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    if plain {
        return forms;
    }
    let json = serde_json::to_string(value).unwrap_or_default();
    let json = json
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_default();
    let form: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    let percent = form.replace('+', "%20");
    for other in [json.to_owned(), form, percent] {
        if !other.is_empty() && !forms.contains(&other) {
            forms.push(other);
        }
    }
    forms
}

/// The secret values a call's text is masked by (see [`Mask::with_values`]).
#[derive(Clone, Default)]
pub(crate) struct SecretValues(Vec<String>);

impl SecretValues {
    /// `values` (empty ones ignored), plus every string or number under a key `mask`
    /// hides in `fields` (the request), at any depth.
    pub(crate) fn new<'v>(
        values: impl IntoIterator<Item = &'v str>,
        fields: Option<&serde_json::Map<String, Value>>,
        mask: Mask<'_>,
    ) -> Self {
        let mut all: Vec<String> = values
            .into_iter()
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        if let Some(fields) = fields {
            for (key, value) in fields {
                collect_hidden(key, value, mask, &mut all);
            }
        }
        // Every form each value takes, longest first, so that a secret containing another
        // is hidden whole.
        let mut forms: Vec<String> = all.iter().flat_map(|value| encodings(value)).collect();
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms.dedup();
        SecretValues(forms)
    }
}

/// The secret values of a client's configured credentials and every form they take,
/// worked out once per client: most calls meet no other secret (the credentials a call is
/// prepared with are the configured ones, nothing is held beside them, and the request has
/// no hidden field), and their mask is then this one as it is.
#[derive(Clone, Default)]
pub(crate) struct KnownSecrets {
    /// The values, empty ones left out.
    values: Vec<String>,
    forms: SecretValues,
}

impl KnownSecrets {
    pub(crate) fn new<'v>(values: impl IntoIterator<Item = &'v str>) -> Self {
        let values: Vec<String> = values
            .into_iter()
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        let forms = SecretValues::new(values.iter().map(String::as_str), None, Mask::default());
        KnownSecrets { values, forms }
    }

    /// Whether `value` adds nothing to these: empty, or one of them.
    pub(crate) fn covers(&self, value: &str) -> bool {
        value.is_empty() || self.values.iter().any(|known| known == value)
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(String::as_str)
    }

    /// Every form of the values, as [`SecretValues::new`] makes them.
    pub(crate) fn forms(&self) -> &SecretValues {
        &self.forms
    }
}

impl std::fmt::Debug for KnownSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KnownSecrets({} values)", self.values.len())
    }
}

/// Every string or number under a key `mask` hides in `fields` (a request), at any depth:
/// the values [`SecretValues::new`] adds for them.
pub(crate) fn hidden_values(
    fields: &serde_json::Map<String, Value>,
    mask: Mask<'_>,
) -> Vec<String> {
    let mut all = Vec::new();
    for (key, value) in fields {
        collect_hidden(key, value, mask, &mut all);
    }
    all
}

#[cfg(test)]
impl SecretValues {
    /// The forms, longest first.
    pub(crate) fn forms(&self) -> &[String] {
        &self.0
    }
}

impl std::fmt::Debug for SecretValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretValues({} forms)", self.0.len())
    }
}

fn collect_hidden(key: &str, value: &Value, mask: Mask<'_>, out: &mut Vec<String>) {
    let hidden = mask.hides(key);
    match value {
        Value::String(s) if hidden && !s.is_empty() => out.push(s.clone()),
        Value::Number(n) if hidden => out.push(n.to_string()),
        Value::Object(map) => map
            .iter()
            .for_each(|(key, value)| collect_hidden(key, value, mask, out)),
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_hidden(key, item, mask, out)),
        _ => {}
    }
}

/// The shortest secret value hidden inside a vendor error code.
const CODE_SECRET_MIN_LEN: usize = 8;

/// A vendor error code with the secret values of `mask` hidden, but only those of at least
/// [`CODE_SECRET_MIN_LEN`] bytes: codes come from the vendor's fixed list and callers (and
/// the retry and token-refresh rules) branch on them, so a short secret (a test's `"1"`)
/// must not turn `20016` into `200[redacted]6`, while a real credential a hostile vendor put
/// there is still hidden.
/// An owned `code` is returned as it is when nothing in it is hidden.
pub(crate) fn hide_values_in_code(code: impl AsRef<str> + Into<String>, mask: Mask<'_>) -> String {
    mask.hide_values_of_length(code.as_ref(), CODE_SECRET_MIN_LEN)
        .unwrap_or_else(|| code.into())
}

/// Hides only the secret values of `mask` in `text` (for vendor codes and request ids,
/// whose shape the key rules would not fit).
/// An owned `text` is returned as it is when nothing in it is hidden.
pub(crate) fn hide_values(text: impl AsRef<str> + Into<String>, mask: Mask<'_>) -> String {
    mask.hide_values(text.as_ref())
        .unwrap_or_else(|| text.into())
}
