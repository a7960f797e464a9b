//! Secrets never show: every endpoint of every provider is called against a local server with
//! recognisable secret values (`LEAK-…`), once answered with success and several times with
//! failures (vendor error envelopes, a gateway's HTML page, malformed and wrong-typed bodies,
//! token endpoints that echo their token beside a bad field, timeouts, refused connections,
//! local rejections). The `Debug` (plain and `{:#?}`) of every client, credentials value,
//! request, response and error, the `Display` of every error, and every tracing span and
//! event of this test binary (recorded at TRACE level, with body logging on) are captured;
//! none may contain any part of a secret.
//!
//! Mingdao's `sign` and the TC3 `Authorization` are derived values and may appear; their
//! inputs (the secret keys) may not.

use std::fmt::{self, Debug};
use std::time::Duration;

use bindery::Error;
use bindery::fxiaoke::crm::{
    CreateData, DataCreateRequest, DataGetRequest, DataQueryRequest, DataUpdateRequest, GetData,
    QueryData, UpdateData,
};
use bindery::fxiaoke::er::{AuthorizeRequest, GetMapperObjectIdRequest, GetUserInfoByCodeRequest};
use bindery::fxiaoke::oauth::{AccessTokenRequest, CorpAccessTokenRequest};
use bindery::fxiaoke::types::{
    FilterOperator, MapperObjectApiName, ObjectData, QueryFilter, SearchQueryInfo,
};
use bindery::mingdao::user::GetUserRelationsRequest;
use bindery::runtime::fxiaoke::{AppCredentials, Fxiaoke, Operator, TokenFuture};
use bindery::runtime::stream::StreamExt as _;
use bindery::runtime::{AuthKind, RetryPolicy, Secret, Token};
use bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdRequest;
use bindery::tencent_ess::types::UserInfo;
use bindery::{fxiaoke, mingdao, tencent_ess};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common;
use crate::common::CALL_TIMEOUT;
use crate::common::leaks::{Capture, assert_nothing_leaks, install_recorder};
use crate::common::routes::{
    FX_ACCESS_TOKEN, FX_CORP_ACCESS_TOKEN, FX_CREATE, FX_GET, FX_MAPPER, FX_QUERY, FX_UPDATE,
    FX_USER_INFO, MINGDAO_BASE_PATH, MINGDAO_USER_RELATIONS as MINGDAO_ROUTE,
};

mod config;
mod echo;
mod fxiaoke_endpoints;
mod mingdao_endpoint;
mod tencent_endpoint;

// ---------------------------------------------------------------------------
// The secrets. Every one starts with `LEAK-` (`common::leaks::LEAK_MARK`), and no other
// value in this file does, so any `LEAK-` in captured text is (part of) a secret.

const APP_SECRET: &str = "LEAK-APPSECRET-1";
const PERMANENT_CODE: &str = "LEAK-PERMCODE-2";
const ACCESS_TOKEN: &str = "LEAK-ACCESSTOKEN-3";
const CORP_ACCESS_TOKEN: &str = "LEAK-CORPTOKEN-4";
const STATIC_ACCESS_TOKEN: &str = "LEAK-STATIC-5";
const MINGDAO_SECRET_KEY: &str = "LEAK-MDSECRET-6";
const TENCENT_SECRET_KEY: &str = "LEAK-TCKEY-7";
const TENCENT_SESSION_TOKEN: &str = "LEAK-TCTOKEN-8";
const STATIC_CORP_ACCESS_TOKEN: &str = "LEAK-STATICCORP-9";
const SECRETS: &[&str] = &[
    APP_SECRET,
    PERMANENT_CODE,
    ACCESS_TOKEN,
    CORP_ACCESS_TOKEN,
    STATIC_ACCESS_TOKEN,
    MINGDAO_SECRET_KEY,
    TENCENT_SECRET_KEY,
    TENCENT_SESSION_TOKEN,
    STATIC_CORP_ACCESS_TOKEN,
];

// Non-secret identifiers, which Debug output may (and should) show.
const APP_ID: &str = "FSAID_leaktest";
const EA: &str = "ea-leaktest";
const CORP_ID: &str = "corp-leaktest";
const MINGDAO_APP_KEY: &str = "md-app-key-leaktest";
const MINGDAO_PROJECT_ID: &str = "md-project-leaktest";
const TENCENT_SECRET_ID: &str = "AKIDleaktest0001";

// ---------------------------------------------------------------------------
// Answers of the local server.

#[derive(Clone)]
struct Answer {
    status: u16,
    body: String,
    content_type: &'static str,
}

impl Answer {
    fn json(status: u16, body: Value) -> Self {
        Answer {
            status,
            body: body.to_string(),
            content_type: "application/json",
        }
    }

    fn raw(status: u16, body: &str, content_type: &'static str) -> Self {
        Answer {
            status,
            body: body.to_owned(),
            content_type,
        }
    }

    fn template(&self) -> ResponseTemplate {
        ResponseTemplate::new(self.status).set_body_raw(self.body.clone(), self.content_type)
    }
}

const GATEWAY_PAGE: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
    <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

fn bad_gateway() -> Answer {
    Answer::raw(502, GATEWAY_PAGE, "text/html")
}

async fn mount(server: &MockServer, route: &str, answer: &Answer) {
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(answer.template())
        .mount(server)
        .await;
}

/// The port of a listener that was just closed on 127.0.0.1: connecting is refused.
fn refused_base_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("local address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// What a call is expected to come to.
#[derive(Clone, Copy, Debug)]
enum Expect {
    Ok,
    Vendor(&'static str),
    AnyVendor,
    Decode,
    Http(u16),
    Timeout,
    Transport,
    Credentials,
    InvalidRequest,
}

impl Expect {
    fn check(self, what: &str, result: &Result<(), Error>) {
        // A call whose token could not be fetched fails with the fetch's error as its source.
        let result = result.as_ref().map_err(|e| match e {
            Error::TokenFetch { source, .. } => &**source,
            other => other,
        });
        let fits = match (self, &result) {
            (Expect::Ok, Ok(())) => true,
            (Expect::Vendor(code), Err(e)) => e.vendor_code() == Some(code),
            (Expect::AnyVendor, Err(e)) => e.vendor().is_some(),
            (Expect::Decode, Err(Error::Decode { .. })) => true,
            (Expect::Http(status), Err(Error::Http { status: got, .. })) => *got == status,
            (Expect::Timeout, Err(e)) => e.is_timeout(),
            (Expect::Transport, Err(Error::Transport { .. })) => true,
            (Expect::Credentials, Err(Error::Credentials { .. })) => true,
            (Expect::InvalidRequest, Err(Error::InvalidRequest { .. })) => true,
            _ => false,
        };
        assert!(fits, "{what}: expected {self:?}, got {result:?}");
    }
}

// ---------------------------------------------------------------------------
// Fxiaoke.

const FX_BUSINESS: [&str; 6] = [
    FX_MAPPER,
    FX_USER_INFO,
    FX_CREATE,
    FX_UPDATE,
    FX_QUERY,
    FX_GET,
];
const FX_TOKEN_OPS: [&str; 2] = ["accessToken", "corpAccessToken"];

fn app_credentials() -> AppCredentials {
    AppCredentials::new(APP_ID, APP_SECRET, PERMANENT_CODE)
}

fn operator() -> Operator {
    Operator::new()
        .user_id("1000")
        .open_user_id("FSUID_leaktest")
}

fn fxiaoke_static_credentials() -> fxiaoke::Credentials {
    fxiaoke::Credentials::new()
        .with_access_token(STATIC_ACCESS_TOKEN, EA, "1000")
        .with_corp_access_token(STATIC_CORP_ACCESS_TOKEN, CORP_ID, "FSUID_leaktest")
}

fn fxiaoke_builder(base_url: String, retry: RetryPolicy) -> fxiaoke::ClientBuilder {
    fxiaoke::Client::builder()
        .base_url(base_url)
        .timeout(CALL_TIMEOUT)
        .retry(retry)
        .rate_limiting(false)
        .log_bodies(true)
}

fn fxiaoke_app_client(base_url: String, retry: RetryPolicy) -> fxiaoke::Client {
    fxiaoke_builder(base_url, retry)
        .app_credentials(app_credentials(), operator())
        .build()
        .expect("client builds")
}

fn fxiaoke_static_client(base_url: String, retry: RetryPolicy) -> fxiaoke::Client {
    fxiaoke_builder(base_url, retry)
        .credentials(fxiaoke_static_credentials())
        .build()
        .expect("client builds")
}

// ---------------------------------------------------------------------------
// Mingdao and Tencent Cloud e-Sign: one endpoint each, through the same answers.

struct SimpleScenario {
    name: &'static str,
    answer: Answer,
    expect: Expect,
}

fn mingdao_credentials() -> mingdao::Credentials {
    mingdao::Credentials::new(MINGDAO_APP_KEY, MINGDAO_SECRET_KEY, MINGDAO_PROJECT_ID)
}

fn mingdao_client(base_url: &str, credentials: Option<mingdao::Credentials>) -> mingdao::Client {
    let mut builder = mingdao::Client::builder()
        .base_url(format!("{base_url}{MINGDAO_BASE_PATH}"))
        .timeout(CALL_TIMEOUT)
        .retry(RetryPolicy::none())
        .rate_limiting(false)
        .log_bodies(true);
    if let Some(credentials) = credentials {
        builder = builder.credentials(credentials);
    }
    builder.build().expect("client builds")
}

fn tencent_credentials() -> tencent_ess::Credentials {
    tencent_ess::Credentials::new(TENCENT_SECRET_ID, TENCENT_SECRET_KEY)
        .with_token(TENCENT_SESSION_TOKEN)
}

fn tencent_client(base_url: &str) -> tencent_ess::Client {
    tencent_ess::Client::builder()
        .base_url(base_url)
        .timeout(CALL_TIMEOUT)
        .retry(RetryPolicy::none())
        .rate_limiting(false)
        .log_bodies(true)
        .region("ap-guangzhou")
        .credentials(tencent_credentials())
        .build()
        .expect("client builds")
}

fn tencent_request(open_id: &str) -> BindEmployeeUserIdWithClientOpenIdRequest {
    BindEmployeeUserIdWithClientOpenIdRequest::new(
        UserInfo::new().user_id("yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"),
        "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
        open_id,
    )
}

fn fxiaoke_success(route: &str) -> Answer {
    let body = match route {
        FX_MAPPER => {
            json!({"errorCode": 0, "errorMessage": "OK", "traceId": "E-OK-1", "mapperId": "300012"})
        }
        FX_CREATE => {
            json!({"errorCode": 0, "errorMessage": "OK", "traceId": "E-OK-3", "dataId": "rec-1"})
        }
        FX_QUERY => json!({
            "errorCode": 0, "errorMessage": "OK", "traceId": "E-OK-5",
            "data": {"total": 1, "offset": 0, "limit": 100, "dataList": [{"_id": "rec-1", "name": "Acme"}]}
        }),
        FX_GET => json!({
            "errorCode": 0, "errorMessage": "OK", "traceId": "E-OK-6",
            "data": {"_id": "rec-1", "name": "Acme"}
        }),
        _ => json!({"errorCode": 0, "errorMessage": "OK", "traceId": "E-OK-2"}),
    };
    Answer::json(200, body)
}
