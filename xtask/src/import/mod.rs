//! Importers: vendor catalogues and pages as spec files.

pub(crate) mod doc_text;
pub(crate) mod names;
pub(crate) mod page;
pub mod tencent_cloud;
pub mod trial;
