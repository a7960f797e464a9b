//! A local server that plays the vendor for bindery's clients, driven by the same spec the
//! clients are generated from.
//!
//! [`MockServer::start`] serves one provider on a free port of 127.0.0.1. It speaks the
//! vendor's protocol and checks what the vendor checks:
//!
//! - **Tencent Cloud** (e-Sign): `X-TC-Action` among the service's actions, `X-TC-Version`,
//!   the TC3-HMAC-SHA256 signature recomputed with the server's key over the bytes received,
//!   the credential scope, a timestamp within five minutes and an `application/json` body,
//!   answering the vendor's `AuthFailure.*`, `InvalidAction`, `NoSuchVersion`,
//!   `InvalidParameter` errors ([`tencent::codes`]);
//! - **Mingdao**: `appKey`, `sign`, `timestamp` and `projectId`, in the body or the query;
//! - **Fxiaoke**: both token endpoints, issuing tokens of the server's own; the token of the
//!   endpoint's scheme (headers or body) on every call, a `thirdTraceId` used once only;
//!   [`MockServer::expire_tokens`] makes the next call answer `20016`.
//!
//! Every request is then checked against its endpoint's spec — required fields, JSON types,
//! enums, constraints, fields the call needs — and refused, as the vendor would, with a
//! message naming the field (Tencent `MissingParameter` / `InvalidParameterValue`, Fxiaoke
//! `10001` / `15002`, Mingdao `10001`). The spec's rate limits are kept (switchable), over
//! them the vendor's throttling error.
//!
//! A request that passes gets, by default, its endpoint's first success example from the
//! spec (with a request id of the server's own), so a fresh server answers every endpoint.
//! A test changes that per endpoint with a typed [`Stub`] ([`MockServer::on`]): a response,
//! a closure over the typed request, a vendor error, an HTTP status, a sequence of them. The
//! journal keeps every request (the latest ones under [`MockBuilder::journal_limit`]) and its
//! [`Verdict`]; [`MockServer::received`] returns the typed requests an endpoint got, and
//! expectations ([`Stub::expect`]) are checked when the server is dropped.
//!
//! The tables come from the generated crate's `mock` feature:
//!
//! ```toml
//! [dev-dependencies]
//! bindery = { path = "generated", features = ["mock"] }
//! bindery-mock = { path = "mock" }
//! ```
//!
//! ```
//! use bindery::tencent_ess::{BindEmployeeUserIdWithClientOpenIdRequest as Bind, Client, Credentials};
//! use bindery::tencent_ess::types::UserInfo;
//! use bindery_mock::{MockServer, tencent};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), bindery::Error> {
//! let mock = MockServer::start(&bindery::tencent_ess::mock::PROVIDER).await;
//! let client = Client::builder()
//!     .base_url(mock.uri())
//!     .credentials(Credentials::new(tencent::SECRET_ID, tencent::SECRET_KEY))
//!     .build()?;
//! let request = Bind::new(UserInfo::new().user_id("yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"), "yDRS4UUgygqdcj56UuO4zjExBQcOiB68", "n9527");
//! let answer = client.bind_employee_user_id_with_client_open_id(&request).await?;
//! assert_eq!(answer.status.as_i64(), 1); // the spec's example
//! assert_eq!(mock.received::<Bind>(), [request]);
//! # Ok(()) }
//! ```

#![deny(missing_docs)]

mod answer;
mod checks;
mod credentials;
mod incoming;
mod journal;
mod limit;
mod nonces;
mod server;
mod stub;
mod tokens;
mod vendor;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use bindery_runtime::AuthKind;
use bindery_runtime::served::{Endpoint, ServedProvider};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use credentials::CredentialSpec;
pub use journal::{Entry, Verdict};
pub use stub::{Reply, Stub};
pub use vendor::{fxiaoke, mingdao, tencent};

use credentials::Credentials;
use server::Shared;

/// A running mock of one provider; it stops when dropped, and then checks the expectations.
#[must_use = "the server stops when it is dropped"]
pub struct MockServer {
    shared: Arc<Shared>,
    address: SocketAddr,
    accept: JoinHandle<()>,
}

/// How a [`MockServer`] starts: its credentials, whether it keeps rate limits, who hears of
/// each request.
#[must_use = "a builder does nothing until `start`"]
pub struct MockBuilder {
    provider: &'static ServedProvider,
    credentials: Vec<(String, String)>,
    rate_limits: bool,
    address: SocketAddr,
    observer: Option<server::Observer>,
    journal_limit: Option<usize>,
}

impl MockBuilder {
    /// Checks requests with `value` for the credential `name` instead of its default (the
    /// names are the spec's: `secret_id`, `secret_key`, `session_token` for Tencent Cloud;
    /// `app_key`, `secret_key`, `project_id` for Mingdao; `app_id`, `app_secret`,
    /// `permanent_code` and the issued `ea`, `corp_id` for Fxiaoke).
    pub fn credential(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.credentials.push((name.into(), value.into()));
        self
    }

    /// Whether requests over the spec's rate limits are refused with the vendor's throttling
    /// error (on by default).
    pub fn rate_limits(mut self, enforced: bool) -> Self {
        self.rate_limits = enforced;
        self
    }

    /// Listens on `address` instead of a free port of 127.0.0.1.
    pub fn address(mut self, address: SocketAddr) -> Self {
        self.address = address;
        self
    }

    /// Calls `observer` with every request's journal entry as it is made (the command line
    /// prints them).
    pub fn observe(mut self, observer: impl Fn(&Entry) + Send + Sync + 'static) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    /// Keeps only the latest `entries` requests in the journal (all, by default), for a
    /// server that runs long: [`MockServer::journal`] and [`MockServer::received`] see those,
    /// while [`MockServer::calls`] and the expectations still count every request.
    pub fn journal_limit(mut self, entries: usize) -> Self {
        self.journal_limit = Some(entries);
        self
    }

    /// Starts serving, on the current tokio runtime.
    ///
    /// # Errors
    ///
    /// The address cannot be bound, the provider's protocol has no mock, or a credential
    /// name is not the vendor's.
    pub async fn start(self) -> std::io::Result<MockServer> {
        let invalid =
            |message: String| std::io::Error::new(std::io::ErrorKind::InvalidInput, message);
        let vendor = vendor::by_protocol(self.provider.protocol).ok_or_else(|| {
            invalid(format!(
                "bindery-mock has no server for the protocol `{}` of `{}`",
                self.provider.protocol, self.provider.provider
            ))
        })?;
        let mut credentials = Credentials::defaults(vendor.credentials());
        for (name, value) in self.credentials {
            credentials.set(&name, value).map_err(invalid)?;
        }
        let listener = TcpListener::bind(self.address).await?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Shared::new(
            self.provider,
            vendor,
            credentials,
            self.rate_limits,
            self.observer,
            self.journal_limit,
        ));
        let accept = server::spawn(listener, shared.clone());
        Ok(MockServer {
            shared,
            address,
            accept,
        })
    }
}

impl MockServer {
    /// Starts a server of `provider` (`&bindery::tencent_ess::mock::PROVIDER`) on a free port
    /// of 127.0.0.1, with the vendor's default credentials ([`tencent::SECRET_ID`], …).
    ///
    /// # Panics
    ///
    /// If no local port can be bound or the provider's protocol has no mock: a test cannot
    /// go on. [`MockServer::builder`] returns these as errors.
    pub async fn start(provider: &'static ServedProvider) -> MockServer {
        match MockServer::builder(provider).start().await {
            Ok(server) => server,
            Err(e) => panic!("bindery-mock could not start: {e}"),
        }
    }

    /// A builder for a server of `provider` with other credentials or settings.
    pub fn builder(provider: &'static ServedProvider) -> MockBuilder {
        MockBuilder {
            provider,
            credentials: Vec::new(),
            rate_limits: true,
            address: SocketAddr::from(([127, 0, 0, 1], 0)),
            observer: None,
            journal_limit: None,
        }
    }

    /// The base URL to give a client: `http://127.0.0.1:PORT`.
    pub fn uri(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The value the server checks for the credential `name` (its default unless the
    /// builder set another); empty for a name the vendor does not check.
    pub fn credential(&self, name: &str) -> &str {
        self.shared.credentials.get(name)
    }

    /// Sets what the endpoint of request type `E` answers.
    #[must_use = "a stub does nothing until a step is added"]
    ///
    /// # Panics
    ///
    /// If `E` is not an endpoint of this server's provider (a request type of another
    /// provider, or of an endpoint whose feature is off): the stub could never answer.
    pub fn on<E: Endpoint>(&self) -> Stub<'_, E> {
        self.served::<E>();
        Stub::new(&*self.shared)
    }

    /// Panics unless `E`'s endpoint is one this server serves (a mistake in the test).
    fn served<E: Endpoint>(&self) {
        let provider = self.shared.provider;
        assert!(
            provider.endpoint(E::OPERATION).is_some() && E::OPERATION.provider == provider.provider,
            "bindery-mock: `{}` is an endpoint of `{}`, not of this `{}` server",
            E::OPERATION.name,
            E::OPERATION.provider,
            provider.provider
        );
    }

    /// The typed requests the endpoint of `E` received and answered (they passed
    /// authentication, the spec check and the rate limit), in order.
    ///
    /// # Panics
    ///
    /// If `E` is not an endpoint of this server's provider.
    pub fn received<E: Endpoint>(&self) -> Vec<E> {
        self.served::<E>();
        self.shared
            .journal()
            .into_iter()
            .filter(|entry| entry.operation == Some(E::OPERATION.name) && entry.verdict.answered())
            .filter_map(|entry| serde_json::from_value(entry.fields).ok())
            .collect()
    }

    /// How many requests reached the endpoint of `E` past authentication, answered or
    /// refused by its spec check or rate limit (each attempt of a retried call counts).
    ///
    /// # Panics
    ///
    /// If `E` is not an endpoint of this server's provider.
    pub fn calls<E: Endpoint>(&self) -> usize {
        self.served::<E>();
        self.shared.calls(E::OPERATION.name)
    }

    /// How many requests reached the endpoint whose vendor operation is `operation`
    /// (`"CreateFlow"`), counted as [`calls`](Self::calls) counts.
    pub fn calls_to(&self, operation: &str) -> usize {
        self.shared.calls(operation)
    }

    /// Every request received so far, in order, with its verdict (the latest ones only,
    /// under a [`MockBuilder::journal_limit`]).
    pub fn journal(&self) -> Vec<Entry> {
        self.shared.journal()
    }

    /// Expires every token the server issued: the next call with one gets the vendor's
    /// "token expired" code (Fxiaoke `20016`), and a client with app credentials fetches a
    /// new one.
    pub fn expire_tokens(&self) {
        self.shared.tokens.expire_all();
    }

    /// Issues a token for `scheme` as the token endpoint would, for a client given fixed
    /// tokens instead of app credentials.
    pub fn issue_token(&self, scheme: AuthKind) -> String {
        self.shared.tokens.issue(scheme)
    }

    /// How many tokens the server issued (token endpoint answers and
    /// [`issue_token`](Self::issue_token)).
    pub fn tokens_issued(&self) -> u64 {
        self.shared.tokens.issued()
    }

    /// Turns the rate limits on or off from now on.
    pub fn set_rate_limits(&self, enforced: bool) {
        self.shared
            .enforce_limits
            .store(enforced, Ordering::Relaxed);
    }

    /// Checks the expectations set with [`Stub::expect`].
    ///
    /// # Errors
    ///
    /// One line per unmet expectation.
    pub fn verify(&self) -> Result<(), String> {
        let unmet = self.shared.unmet();
        if unmet.is_empty() {
            Ok(())
        } else {
            Err(unmet.join("\n"))
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.accept.abort();
        if std::thread::panicking() {
            return;
        }
        if let Err(unmet) = self.verify() {
            panic!(
                "bindery-mock: expectations of `{}` not met:\n{unmet}",
                self.shared.provider.provider
            );
        }
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("provider", &self.shared.provider.provider)
            .field("address", &self.address)
            .field("credentials", &self.shared.credentials)
            .finish_non_exhaustive()
    }
}
