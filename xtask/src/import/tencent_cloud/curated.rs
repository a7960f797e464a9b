//! The facts of an imported spec that the catalogue does not hold and people write: read back
//! from the files a previous import wrote (and someone since edited), so that re-importing
//! keeps them.
//!
//! What is curated (everything else in an imported file is the catalogue's and is rewritten):
//! - every English text (`en` of `summary`, `description`, `deprecated`, field, type and
//!   example docs);
//! - of an endpoint: `docs_url`, `idempotent`, `rate_limit`, `pagination`, `requires`,
//!   `availability`, `errors`, `response_open`, `notes`, and its local `types` (the integer
//!   enums the catalogue cannot say: its codes are plain `int`s);
//! - of a field (matched by JSON name within its request, response or type): `rust_name`,
//!   `constraints`, `default`, and of an endpoint's field a `type` naming one of the
//!   endpoint's local enums (kept while the catalogue says `int64`, see [`Field::local_enum`]);
//! - of an example: its `name` (matched by its Chinese docs, else by position).
//!
//! A key the spec format has but the import neither writes nor keeps (`open`, `enum` in
//! `types.yaml`, `const`, `query`, …) is refused when the file is read, naming the file and
//! the key: importing over it would silently drop it.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::ImportError;

/// A key the catalogue owns: read so that the file's other keys can be checked, then dropped.
type Owned = Option<serde::de::IgnoredAny>;

/// Docs as written in a spec file; only `en` is curated.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocs {
    #[serde(default)]
    pub zh: Option<String>,
    #[serde(default)]
    pub en: Option<String>,
}

/// An endpoint file's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Endpoint {
    name: Owned,
    method: Owned,
    path: Owned,
    action: Owned,
    auth: Owned,
    pub summary: RawDocs,
    pub description: Option<RawDocs>,
    pub deprecated: Option<RawDocs>,
    pub docs_url: Option<String>,
    pub idempotent: Option<bool>,
    pub rate_limit: Option<Value>,
    pub pagination: Option<Value>,
    pub requires: Option<Value>,
    pub availability: Option<Value>,
    pub errors: Option<Value>,
    pub response_open: Option<bool>,
    pub notes: Option<String>,
    pub request: Vec<Field>,
    pub response: Vec<Field>,
    pub types: Option<Vec<Value>>,
    pub examples: Vec<Example>,
}

/// A field's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Field {
    #[serde(rename = "type")]
    ty: Option<String>,
    /// The field's `type` when it names an enum of the endpoint's local `types`: an integer
    /// code someone documented, which the import keeps over the catalogue's `int64`.
    #[serde(skip)]
    pub local_enum: Option<String>,
    required: Owned,
    nullable: Owned,
    pub name: String,
    pub docs: RawDocs,
    pub rust_name: Option<String>,
    pub constraints: Option<Value>,
    pub default: Option<Value>,
}

/// An example's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Example {
    request: Owned,
    response: Owned,
    error_code: Owned,
    pub name: String,
    pub docs: RawDocs,
}

/// A shared type's curated facts.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Type {
    pub name: String,
    pub docs: RawDocs,
    pub fields: Vec<Field>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
                    let mut endpoint: Endpoint =
                        serde_saphyr::from_str(&text).map_err(unreadable)?;
                    endpoint.find_local_enums();
                    curated.endpoints.insert(stem, endpoint);
                }
            }
        }
        Ok(curated)
    }
}

impl Endpoint {
    /// Marks the request and response fields whose `type` names an enum of `types`.
    fn find_local_enums(&mut self) {
        let enums: Vec<&str> = self
            .types
            .iter()
            .flatten()
            .filter(|t| t.get("enum").is_some())
            .filter_map(|t| t.get("name")?.as_str())
            .collect();
        for field in self.request.iter_mut().chain(self.response.iter_mut()) {
            field.local_enum = field.ty.clone().filter(|ty| enums.contains(&ty.as_str()));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_the_import_would_drop_is_refused_naming_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(
            dir.path().join("types.yaml"),
            "types:\n  - name: UserInfo\n    open: true\n    docs: {en: x}\n    fields: []\n",
        )
        .expect("write");
        let error = Curated::read(dir.path()).unwrap_err().to_string();
        assert!(
            error.contains("types.yaml: cannot read its curated facts"),
            "{error}"
        );
        assert!(error.contains("open"), "{error}");
        fs::write(
            dir.path().join("types.yaml"),
            "types:\n  - name: UserInfo\n    docs: {zh: 用户, en: The user}\n    fields:\n      - name: UserId\n        type: string\n        required: true\n        rust_name: uid\n        docs: {zh: x}\n",
        )
        .expect("write");
        let curated = Curated::read(dir.path()).expect("reads");
        let user = &curated.types["UserInfo"];
        assert_eq!(user.docs.en.as_deref(), Some("The user"));
        assert_eq!(user.fields[0].rust_name.as_deref(), Some("uid"));
    }
}
