//! The spec files the importer writes, as data: the same keys, in the same order, as
//! `api-spec/README.md` documents and hand-written files use, so an imported file reads like
//! one written by hand and its diff like a hand edit.

use serde::Serialize;
use serde_json::Value;

/// `{zh, en}` text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Docs {
    /// The catalogue's Chinese text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// Ours (curated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// An endpoint file.
#[derive(Debug, Serialize)]
pub struct Endpoint {
    pub name: String,
    pub summary: Docs,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Docs>,
    pub docs_url: String,
    pub method: &'static str,
    pub path: &'static str,
    pub action: String,
    pub auth: String,
    pub idempotent: bool,
    /// `idempotent` differs from the verb rule and `notes` says nothing of it, for the report.
    #[serde(skip)]
    pub unexplained: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Docs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<Value>,
    pub request: Vec<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires: Option<Value>,
    pub response: Vec<Field>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_open: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Value>,
    /// Curated endpoint-local types (integer enums), kept verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A field of a request, response or type.
#[derive(Debug, Serialize)]
pub struct Field {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// With a comment when the import corrected the field.
    pub docs: serde_saphyr::Commented<Docs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
}

/// A spec example.
#[derive(Debug, Serialize)]
pub struct Example {
    pub name: String,
    pub docs: Docs,
    /// The body, with a comment when the import corrected it.
    pub request: serde_saphyr::Commented<Value>,
    /// With a comment when the import corrected the vendor's response.
    pub response: serde_saphyr::Commented<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    /// The keys the import removed from the vendor's request, for its report.
    #[serde(skip)]
    pub removed: Vec<String>,
    /// How the import read or corrected the vendor's request and response, for its report.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// How many integers the import wrote as floats, for its report.
    #[serde(skip)]
    pub floats: usize,
}

/// `types.yaml`.
#[derive(Debug, Serialize)]
pub struct TypesFile {
    pub types: Vec<Type>,
}

/// A shared object type.
#[derive(Debug, Serialize)]
pub struct Type {
    pub name: String,
    pub docs: Docs,
    pub fields: Vec<Field>,
}

/// The YAML text of `value`, after the modeline and `header` comment lines.
pub fn yaml<T: Serialize>(value: &T, schema: &str, header: &[String]) -> Result<String, String> {
    let options = serde_saphyr::ser_options! {
        prefer_block_scalars: true,
        compact_list_indent: false,
        comment_position: serde_saphyr::CommentPosition::Above,
        // Long URLs and one-sentence docs stay on their line; longer prose is folded.
        folded_wrap_chars: 120,
    };
    let body = serde_saphyr::to_string_with_options(value, options).map_err(|e| e.to_string())?;
    let mut out = format!("# yaml-language-server: $schema={schema}\n");
    for line in header {
        if line.is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}
