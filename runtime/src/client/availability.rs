//! Refusing a call, before any I/O, on a base URL the operation does not exist on (Mingdao's
//! private-deployment-only endpoints on the public cloud). Generated methods pass the
//! provider's named base URLs the spec says the endpoint is not available on; a base URL the
//! user supplied (a private host, a proxy, a test server) is never judged.

use super::Protocol;
use super::handle::Client;
use crate::error::Error;
use crate::operation::Operation;

impl<P: Protocol> Client<P> {
    /// `Err(Error::Config)` when the client's base URL is one of `refused` (name, URL), which
    /// `op` is not available on; nothing is sent either way.
    #[doc(hidden)]
    pub fn refuse_base_urls(&self, op: &Operation, refused: &[(&str, &str)]) -> Result<(), Error> {
        let ours = self.base_url().as_str().trim_end_matches('/');
        match refused
            .iter()
            .find(|(_, url)| url.trim_end_matches('/') == ours)
        {
            None => Ok(()),
            Some((name, url)) => Err(Error::Config {
                message: format!(
                    "{} {} is not available on the base URL `{name}` ({url}) this client was \
                     built with; nothing was sent",
                    op.provider, op.name
                ),
            }),
        }
    }
}
