//! `data_query_stream` against local servers: paging through every record, and the progress
//! checks that stop vendors making no progress.

use bindery::fxiaoke::{Client, Credentials};
use wiremock::MockServer;

mod paging;
mod progress;

/// A client for the CRM stream: a given corp token, no rate limiting (the streams make
/// thousands of calls).
fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .timeout(crate::common::CALL_TIMEOUT)
        .rate_limiting(false)
        .credentials(Credentials::new().with_corp_access_token("T", "C", "FSUID_1"))
        .build()
        .expect("client builds")
}
