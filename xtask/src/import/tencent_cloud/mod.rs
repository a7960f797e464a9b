//! `cargo xtask import tencent-cloud`: a Tencent Cloud API 3.0 service's catalogue (from the
//! `tccli` package) as a provider folder of the spec: one endpoint file per action, the shared
//! structures in `types.yaml`, and `provider.yaml` when the folder has none yet.
//!
//! Data flows one way: the catalogue ([`catalogue`]) and the curated facts already in the
//! folder ([`curated`]) are mapped ([`map`], [`endpoint`], [`examples`]) to the spec files'
//! data ([`output`]), which is written as YAML. Re-importing the same catalogue writes the same
//! bytes.

mod catalogue;
mod curated;
mod endpoint;
mod examples;
mod map;
mod naming;
mod output;
mod provider;
mod request_text;

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use endpoint::Provider;
use output::{TypesFile, yaml};

/// The command's inputs.
pub struct Options {
    /// A tccli wheel (packed or unpacked) or a folder with `api.json` and `examples.json`.
    pub catalogue: PathBuf,
    /// The service (`ess`).
    pub service: String,
    /// The API version (`2020-11-11`).
    pub version: String,
    /// The provider folder below `api-spec/` (default `tencent_<service>`).
    pub provider: Option<String>,
    /// Change nothing; list in [`Summary::differ`] the files an import would write or remove.
    pub check: bool,
}

/// What an import did, for the command's output.
#[derive(Debug, Default)]
pub struct Summary {
    /// The provider folder written.
    pub dir: PathBuf,
    /// Actions imported (endpoint files).
    pub actions: usize,
    /// Deprecated among them.
    pub deprecated: usize,
    /// Shared structures (`types.yaml`).
    pub types: usize,
    /// Examples imported.
    pub examples: usize,
    /// Files written because their bytes changed.
    pub written: usize,
    /// Files already as the import makes them.
    pub unchanged: usize,
    /// Files of actions the catalogue no longer has, removed.
    pub removed: Vec<String>,
    /// With [`Options::check`]: the files an import would write (or remove), unwritten.
    pub differ: Vec<String>,
    /// What the import corrected in the vendor's examples, one line each.
    pub corrections: Vec<String>,
    /// Actions whose `idempotent` differs from the verb rule without a reason in `notes`.
    pub unexplained: Vec<String>,
    /// Integers in examples written as the floats the catalogue types say.
    pub floats: usize,
    /// Whether `provider.yaml` was created.
    pub created_provider: bool,
}

/// An import failure: what and where (action, object, member, file).
#[derive(Debug, PartialEq)]
pub struct ImportError(String);

impl ImportError {
    fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The first line after the modeline of every file the importer writes; a file with it whose
/// action is gone from the catalogue is removed on re-import.
const MARK: &str = "Imported by `cargo xtask import tencent-cloud`";

/// Imports into `spec_dir/<provider>/`.
pub fn run(spec_dir: &Path, options: &Options) -> Result<Summary, ImportError> {
    let catalogue = catalogue::load(&options.catalogue, &options.service, &options.version)?;
    let provider_name = options
        .provider
        .clone()
        .unwrap_or_else(|| format!("tencent_{}", options.service));
    let dir = spec_dir.join(&provider_name);
    let mut summary = Summary {
        dir: dir.clone(),
        ..Summary::default()
    };
    if !options.check {
        fs::create_dir_all(&dir)
            .map_err(|e| ImportError::new(format!("{}: {e}", dir.display())))?;
        summary.created_provider = provider::ensure(&dir, &provider_name, &catalogue)?;
    }
    let auth = provider::tc3_scheme(&dir, &options.service, &options.version)?;
    let curated = curated::Curated::read(&dir)?;
    let names = map::Names::new(&catalogue.api, &options.service)?
        .with_absent(examples::absent(&catalogue));
    let source = source_line(&catalogue, options);

    for member in names.made_optional() {
        summary.corrections.push(format!(
            "`{member}` is optional: the catalogue says it is always sent, the vendor's \
             examples leave it out or give it as `null`"
        ));
    }
    let types = names.types(&curated.types)?;
    summary.types = types.len();
    let mut files = vec![(
        "types".to_owned(),
        render(
            &TypesFile { types },
            &[
                format!("{MARK} from {source}: the shared structures."),
                "Re-import to follow the catalogue; curated facts (English docs, rust_name, \
                 constraints) are kept: see api-spec/README.md."
                    .to_owned(),
            ],
        )?,
    )];
    let provider = Provider {
        service: &options.service,
        version: &options.version,
        auth: &auth,
    };
    check_actions(&catalogue)?;
    for (name, action) in &catalogue.api.actions {
        let stem = naming::file_stem(name);
        let endpoint = endpoint::endpoint(
            &provider,
            &catalogue,
            &names,
            name,
            action,
            curated.endpoints.get(&stem),
        )?;
        summary.actions += 1;
        summary.deprecated += usize::from(endpoint.deprecated.is_some());
        summary.examples += endpoint.examples.len();
        if endpoint.unexplained {
            summary.unexplained.push(name.clone());
        }
        for example in &endpoint.examples {
            summary.floats += example.floats;
            for note in &example.notes {
                summary
                    .corrections
                    .push(format!("{name} example `{}`: {note}", example.name));
            }
            for path in &example.removed {
                summary.corrections.push(format!(
                    "{name} example `{}`: removed `{path}` from the request (not open in the \
                     catalogue)",
                    example.name
                ));
            }
        }
        // The catalogue's version is in `types.yaml` only, so a newer catalogue changes the
        // files of the actions it changed and no others.
        files.push((
            stem,
            render(&endpoint, &[format!("{MARK}; see types.yaml.")])?,
        ));
    }
    write_all(&dir, &files, options.check, &mut summary)?;
    Ok(summary)
}

/// Refuses what would lose an action or an example: two actions whose file stems (and so
/// client methods) are the same, a stem the client reserves, examples of an action that
/// `api.json` does not have.
fn check_actions(catalogue: &catalogue::Catalogue) -> Result<(), ImportError> {
    let mut stems: std::collections::BTreeMap<String, &str> = std::collections::BTreeMap::new();
    for name in catalogue.api.actions.keys() {
        let stem = naming::file_stem(name);
        if bindery_codegen::naming::CLIENT_METHOD_NAMES.contains(&stem.as_str()) {
            return Err(ImportError::new(format!(
                "action `{name}`: its method `{stem}` is one the generated client reserves"
            )));
        }
        if let Some(other) = stems.insert(stem.clone(), name) {
            return Err(ImportError::new(format!(
                "actions `{other}` and `{name}` would both be the file `{stem}.yaml` and the \
                 method `{stem}`"
            )));
        }
    }
    if let Some(orphan) = catalogue
        .examples
        .actions
        .keys()
        .find(|name| !catalogue.api.actions.contains_key(*name))
    {
        return Err(ImportError::new(format!(
            "examples.json has examples of the action `{orphan}`, which api.json does not have"
        )));
    }
    Ok(())
}

/// `tccli 3.1.189.1 (tccli/services/ess/v20201111)`, or the folder's name when the catalogue
/// came from a folder with no package version.
fn source_line(catalogue: &catalogue::Catalogue, options: &Options) -> String {
    let inner = format!(
        "tccli/services/{}/v{}",
        options.service,
        options.version.replace('-', "")
    );
    match &catalogue.package_version {
        Some(version) => format!("tccli {version} ({inner})"),
        None => format!("a catalogue folder ({inner} of an unknown tccli version)"),
    }
}

fn render<T: serde::Serialize>(value: &T, header: &[String]) -> Result<String, ImportError> {
    // Provider folders sit right below `api-spec/`, next to the schema's parent.
    yaml(value, "../spec.schema.json", header)
        .map_err(|e| ImportError::new(format!("cannot write YAML: {e}")))
}

/// Writes each `(stem, text)` whose bytes differ, and removes imported files no longer made;
/// with `check`, only lists them in `summary.differ`.
fn write_all(
    dir: &Path,
    files: &[(String, String)],
    check: bool,
    summary: &mut Summary,
) -> Result<(), ImportError> {
    let io = |path: &Path, e: std::io::Error| ImportError::new(format!("{}: {e}", path.display()));
    let made: BTreeSet<String> = files
        .iter()
        .map(|(stem, _)| format!("{stem}.yaml"))
        .collect();
    let mut existing: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    existing.sort();
    for path in existing {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if made.contains(name) || !path.is_file() {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_default();
        if text.lines().take(3).any(|line| line.contains(MARK)) {
            if check {
                summary.differ.push(name.to_owned());
                continue;
            }
            fs::remove_file(&path).map_err(|e| io(&path, e))?;
            summary.removed.push(name.to_owned());
        }
    }
    for (stem, text) in files {
        let path = dir.join(format!("{stem}.yaml"));
        if fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            summary.unchanged += 1;
            continue;
        }
        if check {
            summary.differ.push(format!("{stem}.yaml"));
            continue;
        }
        fs::write(&path, text).map_err(|e| io(&path, e))?;
        summary.written += 1;
    }
    summary.differ.sort();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue(api: serde_json::Value, examples: serde_json::Value) -> catalogue::Catalogue {
        catalogue::Catalogue {
            api: serde_json::from_value(api).expect("api"),
            examples: serde_json::from_value(examples).expect("examples"),
            package_version: None,
        }
    }

    fn api(actions: &[&str]) -> serde_json::Value {
        let mut all = serde_json::Map::new();
        for name in actions {
            all.insert(
                (*name).to_owned(),
                serde_json::json!({"name": "x", "document": "", "input": "I", "output": "O"}),
            );
        }
        serde_json::json!({
            "actions": all,
            "objects": {},
            "metadata": {"apiVersion": "2020-11-11", "serviceShortName": "ess"},
        })
    }

    #[test]
    fn actions_that_would_share_a_file_or_a_reserved_method_are_refused() {
        let none = serde_json::json!({"actions": {}});
        let same = catalogue(api(&["CreateURL", "CreateUrl"]), none.clone());
        assert_eq!(
            check_actions(&same).unwrap_err().to_string(),
            "actions `CreateURL` and `CreateUrl` would both be the file `create_url.yaml` and the \
             method `create_url`"
        );
        let reserved = catalogue(api(&["New"]), none);
        assert_eq!(
            check_actions(&reserved).unwrap_err().to_string(),
            "action `New`: its method `new` is one the generated client reserves"
        );
    }

    #[test]
    fn examples_of_an_action_api_json_lacks_are_refused() {
        let orphan = catalogue(
            api(&["DescribeThing"]),
            serde_json::json!({"actions": {"Ghost": []}}),
        );
        assert_eq!(
            check_actions(&orphan).unwrap_err().to_string(),
            "examples.json has examples of the action `Ghost`, which api.json does not have"
        );
    }
}
