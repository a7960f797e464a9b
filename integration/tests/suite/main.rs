//! The wire tests of the generated `bindery` crate, as one test binary: every module links the
//! same generated crate and runtime, so one binary builds them once instead of once per file.
//!
//! Modules by vendor (`fxiaoke`, `mingdao`, `tencent`) hold each client's exact wire format;
//! modules by concern hold what cuts across vendors. Helpers every module may use live in
//! `common` and nowhere else.
//!
//! One binary means one process: the tracing recorder the leak hunts install
//! (`common::leaks`) sees every test's spans and events, so no value outside the leak hunts may
//! start with `common::leaks::LEAK_MARK`, and no test may set process-wide state (environment
//! variables, a global subscriber of its own).

mod common;

mod bom;
mod credentials;
mod fxiaoke;
mod header_values;
mod imported;
mod malformed;
mod mingdao;
mod mingdao_org;
mod operations;
mod pagination;
mod resilience;
mod secrets;
mod tencent;
mod tokens;
mod unsigned;
mod usepoint;
