//! The runtime's integration tests, in one binary: a module per concern, and one `support`
//! module for what several of them share.

mod faults;
mod support;
mod token;
mod wire;
