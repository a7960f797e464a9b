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

#[cfg(test)]
mod tests {
    use super::super::tests::Custom;
    use crate::client::Client;
    use crate::error::Error;
    use crate::test_ops::MD_OP;

    fn built_with(url: &str) -> Client<Custom> {
        Client::builder(Custom { classifies: false }, url)
            .build()
            .expect("client builds")
    }

    #[test]
    fn only_a_refused_named_url_is_refused_whatever_its_trailing_slash() {
        let refused = [("default", "https://api.example.com/generalintegrate")];
        for url in [
            "https://api.example.com/generalintegrate",
            "https://api.example.com/generalintegrate/",
        ] {
            match built_with(url).refuse_base_urls(&MD_OP, &refused) {
                Err(Error::Config { message }) => assert!(
                    message.contains("is not available on the base URL `default` (https://api.example.com/generalintegrate)"),
                    "{message}"
                ),
                other => panic!("{url}: expected Error::Config, got {other:?}"),
            }
        }
        for url in [
            "https://md.corp.example/generalintegrateapi",
            "https://api.example.com/generalintegrate/v2",
            "http://127.0.0.1:8080",
        ] {
            assert!(
                built_with(url).refuse_base_urls(&MD_OP, &refused).is_ok(),
                "{url} is the user's own and not judged"
            );
        }
        assert!(
            built_with("https://api.example.com/generalintegrate")
                .refuse_base_urls(&MD_OP, &[])
                .is_ok()
        );
    }
}
