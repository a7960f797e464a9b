//! The seam between the generic client and a vendor, under the path it has always had: the
//! [`Protocol`] trait, [`CredentialsFuture`] and the [`Outgoing`] request a protocol adds its
//! credentials and signatures to. They are declared with the client they belong to (module
//! [`client`](crate::client): the client is generic over the trait, and the trait's methods
//! take the client) and re-exported here.

pub use crate::client::{CredentialsFuture, Outgoing, Protocol};
