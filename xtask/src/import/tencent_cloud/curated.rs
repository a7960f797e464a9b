//! The facts of an imported spec that the catalogue does not hold and people write: read back
//! from the files a previous import wrote (and someone since edited), so that re-importing
//! keeps them.
//!
//! What is curated (everything else in an imported file is the catalogue's and is rewritten):
//! - every English text (`en` of `summary`, `description`, `deprecated`, field, type and
//!   example docs);
//! - of an endpoint: `docs_url`, `idempotent`, `rate_limit`, `pagination`, `errors`,
//!   `response_open`, `notes`;
//! - of a field (matched by JSON name within its request, response or type): `rust_name`,
//!   `constraints`, `default`;
//! - of an example: its `name` (matched by its Chinese docs, else by position).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::ImportError;

/// Docs as written in a spec file; only `en` is curated.
#[derive(Debug, Default, Deserialize)]
pub struct RawDocs {
    #[serde(default)]
    pub zh: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
}

/// An endpoint file's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Endpoint {
    pub summary: RawDocs,
    pub description: Option<RawDocs>,
    pub deprecated: Option<RawDocs>,
    pub docs_url: Option<String>,
    pub idempotent: Option<bool>,
    pub rate_limit: Option<Value>,
    pub pagination: Option<Value>,
    pub errors: Option<Value>,
    pub response_open: Option<bool>,
    pub notes: Option<String>,
    pub request: Vec<Field>,
    pub response: Vec<Field>,
    pub examples: Vec<Example>,
}

/// A field's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Field {
    pub name: String,
    pub docs: RawDocs,
    pub rust_name: Option<String>,
    pub constraints: Option<Value>,
    pub default: Option<Value>,
}

/// An example's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Example {
    pub name: String,
    pub docs: RawDocs,
}

/// A shared type's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Type {
    pub name: String,
    pub docs: RawDocs,
    pub fields: Vec<Field>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TypesFile {
    types: Vec<Type>,
}

/// The curated facts of a provider folder: endpoints by file stem, types by name.
#[derive(Debug, Default)]
pub struct Curated {
    pub endpoints: BTreeMap<String, Endpoint>,
    pub types: BTreeMap<String, Type>,
}

impl Curated {
    /// Reads every `*.yaml` of `dir` (not below it: the importer writes a flat folder). A
    /// missing folder has no curated facts; a file that does not read is an error, since
    /// importing over it would lose what it holds.
    pub fn read(dir: &Path) -> Result<Self, ImportError> {
        let mut curated = Curated::default();
        let Ok(entries) = fs::read_dir(dir) else {
            return Ok(curated);
        };
        let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for path in paths {
            let Some(stem) = spec_stem(&path) else {
                continue;
            };
            let text = fs::read_to_string(&path)
                .map_err(|e| ImportError::new(format!("{}: {e}", path.display())))?;
            let unreadable = |e: serde_saphyr::Error| {
                ImportError::new(format!(
                    "{}: cannot read its curated facts, so importing over it would lose them: \
                     {e}",
                    path.display()
                ))
            };
            match stem.as_str() {
                "provider" => {}
                "types" => {
                    let file: TypesFile = serde_saphyr::from_str(&text).map_err(unreadable)?;
                    for ty in file.types {
                        curated.types.insert(ty.name.clone(), ty);
                    }
                }
                _ => {
                    let endpoint: Endpoint = serde_saphyr::from_str(&text).map_err(unreadable)?;
                    curated.endpoints.insert(stem, endpoint);
                }
            }
        }
        Ok(curated)
    }
}

/// The stem of a spec file (`x` of `x.yaml`), skipping what the loader skips.
fn spec_stem(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    if name.starts_with('.') || !path.is_file() {
        return None;
    }
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .map(str::to_owned)
}

/// The curated field named `json_name` among `fields`.
pub fn field<'a>(fields: &'a [Field], json_name: &str) -> Option<&'a Field> {
    fields.iter().find(|f| f.name == json_name)
}
