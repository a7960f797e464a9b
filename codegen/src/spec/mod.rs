//! The spec: its format ([`model`]), where things were written ([`span`]), the field type
//! language ([`type_expr`]), and reading a whole `api-spec/` tree ([`load`](mod@load)) with its checks
//! ([`validate`]).

pub mod body_shape;
mod defaults;
pub mod load;
pub mod model;
pub mod protocol;
mod ranges;
pub mod scalar;
pub mod span;
pub mod tree;
pub mod type_expr;
pub mod validate;
pub(crate) mod walk;
mod yaml_error;
pub(crate) mod yaml_tree;

pub use load::{EndpointSpec, ProviderSpec, SpecSet, TypesSpec, load};
