//! The vendors' protocols, one folder each: everything the runtime knows about one vendor
//! (auth schemes, signing, credential sources, token fetching, what its error codes mean for
//! retries) lives under its folder and reaches the generic client only through
//! [`Protocol`](crate::Protocol). Generic modules import nothing from here; the crate
//! re-exports each folder at its root (`bindery_runtime::fxiaoke`, …), the paths generated
//! code names.

pub mod fxiaoke;
pub mod mingdao;
pub mod tencent;

#[cfg(test)]
mod tests;
