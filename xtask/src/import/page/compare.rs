//! `import page --diff`: placeholder until the row comparison lands.

use std::path::Path;

pub(crate) struct Report {
    pub(crate) text: String,
}

pub(crate) fn compare(_spec_dir: &Path, _options: &super::Options, _spec: &Path, _apply: bool) -> Result<Report, String> {
    Err("not yet".to_owned())
}
