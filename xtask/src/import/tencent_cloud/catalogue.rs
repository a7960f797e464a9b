//! Tencent's machine-readable API catalogue, as the `tccli` package ships it: for each service
//! and version, `tccli/services/<service>/v<YYYYMMDD>/api.json` and `examples.json`.
//!
//! The catalogue can be read from a packed wheel (`tccli-<version>-py2.py3-none-any.whl`, a zip
//! file), from an unpacked one (a folder holding `tccli/`), or from a folder holding just the
//! two files. Only the keys the importer uses are modelled; the rest is ignored, so a newer
//! catalogue with more keys still reads.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::ImportError;

/// `api.json`.
#[derive(Debug, Deserialize)]
pub struct Api {
    /// Actions by name (`CreateFlow`).
    pub actions: BTreeMap<String, Action>,
    /// Request, response and shared structures by name.
    pub objects: BTreeMap<String, Object>,
    /// Service facts.
    pub metadata: Metadata,
}

/// `api.json`'s `metadata`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// `2020-11-11`.
    pub api_version: String,
    /// `ess`.
    pub service_short_name: String,
    /// The service's Chinese name.
    #[serde(rename = "serviceNameCN", default)]
    pub service_name_cn: String,
}

/// One action.
#[derive(Debug, Deserialize)]
pub struct Action {
    /// Chinese title.
    pub name: String,
    /// Chinese description: Markdown mixed with HTML.
    pub document: String,
    /// The request object's name.
    pub input: String,
    /// The response object's name.
    pub output: String,
    /// `online` or `deprecated`.
    #[serde(default)]
    pub status: String,
}

/// One structure: a request or response (`type: object`) or a shared one (`usage`).
#[derive(Debug, Deserialize)]
pub struct Object {
    /// Chinese description.
    #[serde(default)]
    pub document: String,
    /// Its members, in the catalogue's order.
    pub members: Vec<Member>,
    /// `in`, `out` or `both` for shared structures; absent for requests and responses.
    #[serde(default)]
    pub usage: Option<String>,
}

/// One member of a structure.
#[derive(Debug, Deserialize)]
pub struct Member {
    /// JSON name.
    pub name: String,
    /// `string`, `int`, `float`, `bool`, `object` or `list`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The element or object type: `string`, `int64`, `uint64`, `float`, `bool` or an object
    /// name.
    pub member: String,
    /// Chinese description.
    #[serde(default)]
    pub document: String,
    /// An example value as text; `无` means none.
    #[serde(default)]
    pub example: Option<String>,
    /// Internal, not open yet: left out of the spec.
    #[serde(default)]
    pub disabled: bool,
    /// Inputs: must be sent.
    #[serde(default)]
    pub required: Option<bool>,
    /// Outputs: always sent.
    #[serde(default)]
    pub output_required: Option<bool>,
    /// Outputs: may be `null`.
    #[serde(default)]
    pub value_allowed_null: Option<bool>,
}

/// `examples.json`.
#[derive(Debug, Default, Deserialize)]
pub struct Examples {
    /// Examples per action, in the catalogue's order.
    pub actions: BTreeMap<String, Vec<Example>>,
}

/// One example of an action.
#[derive(Debug, Deserialize)]
pub struct Example {
    /// Chinese title.
    #[serde(default)]
    pub title: String,
    /// Chinese description.
    #[serde(default)]
    pub document: String,
    /// The request: a raw HTTP request (request line, headers, a blank line, the JSON body)
    /// or a URL with the parameters in its query (see `request_text.rs`).
    pub input: String,
    /// The JSON response, `{"Response": …}`.
    pub output: String,
}

/// A service's catalogue and where it came from.
#[derive(Debug)]
pub struct Catalogue {
    /// `api.json`.
    pub api: Api,
    /// `examples.json`.
    pub examples: Examples,
    /// The `tccli` package version, when the input was a wheel (from its `.dist-info`).
    pub package_version: Option<String>,
}

/// The catalogue of `service` at `version` (`2020-11-11`), read from `path`.
pub fn load(path: &Path, service: &str, version: &str) -> Result<Catalogue, ImportError> {
    let folder = format!("v{}", version.replace('-', ""));
    let inner = format!("tccli/services/{service}/{folder}");
    let files = if path.is_dir() {
        read_folder(path, &inner)?
    } else {
        read_wheel(path, &inner)?
    };
    let api: Api = parse(&files.api, &files.api_name)?;
    let examples: Examples = parse(&files.examples, &files.examples_name)?;
    if api.metadata.service_short_name != service || api.metadata.api_version != version {
        return Err(ImportError::new(format!(
            "{}: the catalogue is service `{}` version `{}`, not `{service}` `{version}`",
            files.api_name, api.metadata.service_short_name, api.metadata.api_version
        )));
    }
    Ok(Catalogue {
        api,
        examples,
        package_version: files.package_version,
    })
}

/// The two files' text, their names for messages, and the package version.
struct Files {
    api: String,
    api_name: String,
    examples: String,
    examples_name: String,
    package_version: Option<String>,
}

impl Files {
    /// Both files through `read` (which gives a file's text and its name for messages).
    fn read(
        mut read: impl FnMut(&str) -> Result<(String, String), ImportError>,
        package_version: Option<String>,
    ) -> Result<Self, ImportError> {
        let (api, api_name) = read("api.json")?;
        let (examples, examples_name) = read("examples.json")?;
        Ok(Files {
            api,
            api_name,
            examples,
            examples_name,
            package_version,
        })
    }
}

fn read_folder(path: &Path, inner: &str) -> Result<Files, ImportError> {
    let (dir, package_version) = if path.join("api.json").is_file() {
        (path.to_path_buf(), None)
    } else if path.join(inner).is_dir() {
        let version = fs::read_dir(path)
            .ok()
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .find_map(|name| dist_info_version(&name));
        (path.join(inner), version)
    } else {
        return Err(ImportError::new(format!(
            "{}: neither `api.json` nor `{inner}/` is in this folder; give a tccli wheel, an \
             unpacked one, or a folder holding `api.json` and `examples.json`",
            path.display()
        )));
    };
    let read = |name: &str| -> Result<(String, String), ImportError> {
        let file: PathBuf = dir.join(name);
        let text = fs::read_to_string(&file)
            .map_err(|e| ImportError::new(format!("{}: {e}", file.display())))?;
        Ok((text, file.display().to_string()))
    };
    Files::read(read, package_version)
}

fn read_wheel(path: &Path, inner: &str) -> Result<Files, ImportError> {
    let shown = path.display();
    let file = fs::File::open(path).map_err(|e| ImportError::new(format!("{shown}: {e}")))?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| ImportError::new(format!("{shown}: not a wheel (zip) file: {e}")))?;
    let package_version = archive
        .file_names()
        .filter_map(|name| name.ok()?.split('/').next().map(str::to_owned))
        .find_map(|name| dist_info_version(&name));
    let read = |name: &str| -> Result<(String, String), ImportError> {
        let entry_name = format!("{inner}/{name}");
        let shown_entry = format!("{shown}!{entry_name}");
        let mut entry = archive.by_name(&entry_name).map_err(|e| {
            ImportError::new(format!(
                "{shown_entry}: {e}; is the service and version right?"
            ))
        })?;
        let mut text = String::new();
        entry
            .read_to_string(&mut text)
            .map_err(|e| ImportError::new(format!("{shown_entry}: {e}")))?;
        Ok((text, shown_entry))
    };
    Files::read(read, package_version)
}

/// `3.1.189.1` from `tccli-3.1.189.1.dist-info`.
fn dist_info_version(name: &str) -> Option<String> {
    name.strip_prefix("tccli-")?
        .strip_suffix(".dist-info")
        .map(str::to_owned)
}

fn parse<T: serde::de::DeserializeOwned>(text: &str, name: &str) -> Result<T, ImportError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        ImportError::new(format!(
            "{name}: not a tccli catalogue file: at `{}`: {}",
            e.path(),
            e.inner()
        ))
    })
}
