//! Tencent Cloud e-Sign fixtures: the `BindEmployeeUserIdWithClientOpenId` request of seed
//! 004 and a local server answering it with the vendor's success envelope.

use std::sync::Arc;

use bindery::tencent_ess::types::UserInfo;
use bindery::tencent_ess::{BindEmployeeUserIdWithClientOpenIdRequest, Client, Credentials};
use bytes::Bytes;

use crate::server::Handler;

/// The `SecretId` both sides sign with.
pub const SECRET_ID: &str = "AKIDbenchSecretId0001";
/// The `SecretKey` both sides sign with.
pub const SECRET_KEY: &str = "bench-secret-key-0001";
/// The action called.
pub const ACTION: &str = "BindEmployeeUserIdWithClientOpenId";
/// The API version sent in `X-TC-Version`.
pub const VERSION: &str = "2020-11-11";

/// The vendor's success answer (seed 004).
pub const SUCCESS: &str =
    r#"{"Response":{"RequestId":"fc0b0a6b-01b4-4042-b236-c5356af1d5d8","Status":1}}"#;

/// The request of seed 004's example.
#[must_use]
pub fn request() -> BindEmployeeUserIdWithClientOpenIdRequest {
    BindEmployeeUserIdWithClientOpenIdRequest::new(
        UserInfo::new().user_id("yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"),
        "yDSLmUUckpou8bj8UyvAk4FBqAoWzvy4",
        "n9527",
    )
}

/// A server that answers every request with [`SUCCESS`] (it checks nothing: the wire tests
/// do that; here it only has to cost little).
#[must_use]
pub fn server() -> Handler {
    Arc::new(|_body: &[u8]| (200, Bytes::from_static(SUCCESS.as_bytes())))
}

/// The generated client as both benches of the call use it: rate limiting off (the floor
/// has none), signing with [`SECRET_ID`] and [`SECRET_KEY`], against `base_url`.
///
/// # Panics
///
/// If the client does not build (a benchmark cannot run without it).
#[must_use]
pub fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .rate_limiting(false)
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .build()
        .expect("client builds")
}
