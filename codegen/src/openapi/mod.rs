//! The OpenAPI export: one document per provider describing the wire format the generated
//! client speaks, built from the IR alone (`cargo xtask openapi`).
//!
//! - `document` the document: info, servers, paths, components, and the names of components;
//! - `operation` one endpoint as an operation (parameters, body, answers, extensions);
//! - `envelope` the vendor's envelope around answers (success and error bodies);
//! - `schema` IR types as schemas, in the dialect of the version written;
//! - `security` auth kinds as security schemes and wire parameters;
//! - `servers` base URLs as servers;
//! - `text` bilingual descriptions (`description` in English, `x-description-zh`).
//!
//! Output is deterministic: components and paths are sorted by name, everything else is in
//! the spec's order, and [`render`] writes pretty JSON with a final newline.
//!
//! What OpenAPI cannot say is written as `x-bindery-*` extensions and descriptions: how a
//! signature or token is made (TC3-HMAC-SHA256, Mingdao's `sign`, Fxiaoke's token endpoints:
//! `x-bindery-token`), credentials in a JSON body (`x-bindery-auth` on the body's
//! properties), an action that is a header on one shared path (`/#Action`, see
//! `document`), success and failure both HTTP 200 (`anyOf` of the success body and
//! `VendorError`, `x-bindery-envelope`), enums the client keeps open
//! (`x-bindery-open-enum`), a multiple of a sibling field, retries, rate limits, paging and
//! availability.

mod document;
mod envelope;
mod operation;
mod schema;
mod security;
mod servers;
mod text;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::ir::{Crate, Endpoint};

/// The OpenAPI version a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    /// OpenAPI 3.0.3 (JSON Schema draft-04 dialect: `nullable`, no `const`).
    V3_0,
    /// OpenAPI 3.1.0 (JSON Schema 2020-12).
    V3_1,
}

impl Version {
    /// Both versions, in file order.
    pub const ALL: [Version; 2] = [Version::V3_0, Version::V3_1];

    /// As written on the command line and in file names (`3.0`).
    pub fn short(self) -> &'static str {
        match self {
            Version::V3_0 => "3.0",
            Version::V3_1 => "3.1",
        }
    }

    /// The `openapi` field.
    pub fn full(self) -> &'static str {
        match self {
            Version::V3_0 => "3.0.3",
            Version::V3_1 => "3.1.0",
        }
    }

    /// The version `text` names (`3.0`, `3.1`).
    pub fn parse(text: &str) -> Option<Version> {
        Version::ALL
            .into_iter()
            .find(|v| v.short() == text || v.full() == text)
    }
}

/// One exported document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The provider it describes.
    pub provider: String,
    /// The version it is written in.
    pub version: Version,
    /// The document.
    pub json: Value,
}

impl Document {
    /// Its file name in the export folder (`tencent_ess.openapi-3.1.json`).
    pub fn file_name(&self) -> String {
        format!("{}.openapi-{}.json", self.provider, self.version.short())
    }
}

/// What operations put in `components`, sorted by name.
#[derive(Debug, Default)]
pub struct Components {
    /// Schemas.
    pub schemas: BTreeMap<String, Value>,
}

/// Every provider's document in `version`, in provider order. Fails naming the two types
/// when two would be one component name.
pub fn export(krate: &Crate, version: Version) -> Result<Vec<Document>, String> {
    krate
        .providers
        .iter()
        .map(|p| {
            Ok(Document {
                provider: p.name.clone(),
                version,
                json: document::document(krate, p, version)?,
            })
        })
        .collect()
}

/// Every provider's document in every version.
pub fn export_all(krate: &Crate) -> Result<Vec<Document>, String> {
    let mut out = Vec::new();
    for v in Version::ALL {
        out.extend(export(krate, v)?);
    }
    Ok(out)
}

/// A document as its file's text: pretty JSON and a final newline.
pub fn render(doc: &Document) -> String {
    let mut text = serde_json::to_string_pretty(&doc.json).unwrap_or_default();
    text.push('\n');
    text
}

/// An endpoint's `operationId`: its action where the protocol names one (`CreateFlow`),
/// else its client method's path (`crm_data_get`). Unique within a provider, as client
/// methods and actions are.
pub fn operation_id(e: &Endpoint) -> String {
    match &e.action {
        Some(action) => action.clone(),
        None => {
            let mut parts = e.modules.clone();
            parts.push(e.method_name.clone());
            parts.join("_")
        }
    }
}
