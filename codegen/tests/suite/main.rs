//! codegen's integration tests, one binary: the loader and validator (`loader`, and the file
//! system's corners in `loader_fs`), the emitter (`emit`, the wire tests it writes in `wire`,
//! the mock tables in `mock`), spec-diff (`diff`) and `cargo xtask codegen`'s sync (`sync`).
//! Helpers they share are in `support`; fixtures stay in `tests/fixtures/`.

mod diff;
mod emit;
mod emit_additions;
mod loader;
mod loader_fs;
mod mock;
mod openapi;
mod support;
mod sync;
mod wire;
