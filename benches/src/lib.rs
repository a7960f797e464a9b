//! What bindery's benchmarks share: a local HTTP server both sides of a comparison talk to,
//! the CRM and e-Sign fixtures, and the floors, written by hand as a user without bindery
//! would write them (plain serde, reqwest plus signing, an offset pager).
//!
//! Every figure in `BENCHMARKS.md` is a ratio between a bindery path and its floor, measured
//! in the same run on the same machine; see `report.rs` for how the ratios are read from
//! criterion's estimates.

#![deny(missing_docs)]

pub mod crm;
pub mod ess;
pub mod floor;
pub mod report;
pub mod server;
