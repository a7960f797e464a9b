//! The loaded spec tree: every provider with its parsed files and where they were read
//! from. Loading ([`load`](mod@super::load)) builds it and validation
//! ([`super::validate`]) reads it; neither imports the other for it.

use std::path::PathBuf;

use super::model::{EndpointFile, ProviderFile, TypesFile};

/// Every provider of a spec tree, sorted by folder name, each with its endpoints sorted by
/// relative path, so that everything downstream is deterministic.
#[derive(Clone, Debug)]
pub struct SpecSet {
    /// The folder that was loaded (as given to [`load`](super::load::load)).
    pub root: PathBuf,
    /// The generated crate's version, from `crate.yaml` ([`DEFAULT_CRATE_VERSION`] when the
    /// spec has no such file).
    pub version: semver::Version,
    /// The providers.
    pub providers: Vec<ProviderSpec>,
}

/// One provider folder.
#[derive(Clone, Debug)]
pub struct ProviderSpec {
    /// Path of `provider.yaml`, relative to the spec root (`fxiaoke/provider.yaml`).
    pub file: PathBuf,
    /// The parsed provider file.
    pub provider: ProviderFile,
    /// The provider's `types.yaml`, if it has one.
    pub types: Option<TypesSpec>,
    /// The endpoints, sorted by `file`.
    pub endpoints: Vec<EndpointSpec>,
}

/// A provider's `types.yaml`.
#[derive(Clone, Debug)]
pub struct TypesSpec {
    /// Path relative to the spec root (`tencent_ess/types.yaml`).
    pub file: PathBuf,
    /// The parsed file.
    pub types: TypesFile,
}

/// One endpoint file.
#[derive(Clone, Debug)]
pub struct EndpointSpec {
    /// Path relative to the spec root (`fxiaoke/er/get_mapper_object_id.yaml`).
    pub file: PathBuf,
    /// Folders between the provider folder and the file, in order (`["er"]`); they become
    /// Rust modules.
    pub modules: Vec<String>,
    /// File stem (`get_mapper_object_id`); it becomes the method and module name.
    pub stem: String,
    /// The parsed endpoint file.
    pub spec: EndpointFile,
}

/// The file at the spec root that holds the generated crate's version.
pub const CRATE_FILE: &str = "crate.yaml";

/// The generated crate's version when the spec has no `crate.yaml`.
pub const DEFAULT_CRATE_VERSION: semver::Version = semver::Version::new(0, 1, 0);
