//! The xtask command line end to end, as one test binary: each module runs the built `xtask`
//! on copies of the workspace in temporary folders. Helpers live in `common` only.

mod common;

mod budget;
mod codegen;
mod import;
mod import_errors;
mod spec_diff;
