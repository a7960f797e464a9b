//! Tokens the client fetched with app credentials are secrets the client holds: they are
//! masked wherever a vendor repeats them, in every error of every call the client makes —
//! not only in the calls that sent them (a record of a paged stream, a call of the other
//! auth scheme, a token fetch of the other scheme).

use std::time::Duration;

use bindery::Error;
use bindery::fxiaoke::Client;
use bindery::fxiaoke::crm::{DataGetRequest, DataQueryRequest, GetData, QueryData};
use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::types::{MapperObjectApiName, SearchQueryInfo};
use bindery::runtime::RetryPolicy;
use bindery::runtime::fxiaoke::{AppCredentials, Operator};
use bindery::runtime::stream::StreamExt as _;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common;
use crate::common::routes::{FX_GET as DATA_GET, FX_MAPPER as MAPPER, FX_QUERY as DATA_QUERY};

const APP_SECRET: &str = "APP-SECRET-77c1";
const PERMANENT_CODE: &str = "PERMANENT-CODE-9e02";
const FETCHED_ACCESS_TOKEN: &str = "FETCHED-AT-4f1d";
const FETCHED_CORP_TOKEN: &str = "FETCHED-CAT-b3a8";
const SECRETS: &[&str] = &[
    APP_SECRET,
    PERMANENT_CODE,
    FETCHED_ACCESS_TOKEN,
    FETCHED_CORP_TOKEN,
];

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_secs(10))
        .retry(RetryPolicy::none())
        .rate_limiting(false)
        .app_credentials(
            AppCredentials::new("FSAID_mask", APP_SECRET, PERMANENT_CODE),
            Operator::new().user_id("1000").open_user_id("FSUID_mask"),
        )
        .build()
        .expect("client builds")
}

async fn mount(server: &MockServer, at: &str, answer: ResponseTemplate) {
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(answer)
        .mount(server)
        .await;
}

fn ok(body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// The header scheme's token endpoint answers `FETCHED_ACCESS_TOKEN`.
async fn mount_access_token(server: &MockServer) {
    mount(
        server,
        "/oauth2.0/token",
        ok(
            json!({"errorCode": 0, "errorMessage": "success", "accessToken": FETCHED_ACCESS_TOKEN,
                  "expiresIn": 7200, "ea": "ea-mask", "appId": "FSAID_mask"}),
        ),
    )
    .await;
}

/// Both token endpoints answer tokens.
async fn token_server() -> MockServer {
    let server = MockServer::start().await;
    mount_access_token(&server).await;
    mount(
        &server,
        "/cgi/corpAccessToken/get/V2",
        ok(
            json!({"errorCode": 0, "errorMessage": "success", "corpAccessToken": FETCHED_CORP_TOKEN,
                  "corpId": "corp-mask", "expiresIn": 7200}),
        ),
    )
    .await;
    server
}

#[tokio::test]
async fn a_record_of_a_stream_that_does_not_decode_hides_the_fetched_token() {
    let server = token_server().await;
    // The record's `_id` has the wrong type; its `name` repeats the token the page was asked
    // with, under a name that says nothing about it.
    mount(
        &server,
        DATA_QUERY,
        ok(
            json!({"errorCode": 0, "errorMessage": "OK", "data": {"total": 1, "dataList": [
                {"_id": 5, "name": format!("echo {FETCHED_CORP_TOKEN}")}
            ]}}),
        ),
    )
    .await;
    let client = client(&server);
    let query = DataQueryRequest::new(QueryData::new(
        "AccountObj",
        SearchQueryInfo::new().limit(10),
    ));
    let mut stream = client.data_query_stream(&query);
    let error = stream
        .next()
        .await
        .expect("one item")
        .expect_err("the record does not decode");
    assert!(
        matches!(&error, Error::Decode { path, .. } if path == "data.dataList[0]._id"),
        "{error:?}"
    );
    // The page really was asked for with the fetched token.
    let sent = common::received(&server).await;
    let page = sent
        .iter()
        .find(|r| r.url.path() == DATA_QUERY)
        .expect("the page was asked for");
    assert_eq!(
        common::body_json(page)["corpAccessToken"],
        FETCHED_CORP_TOKEN
    );
    common::assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn an_error_of_one_scheme_hides_the_token_fetched_for_the_other() {
    let server = token_server().await;
    mount(
        &server,
        MAPPER,
        ok(json!({"errorCode": 0, "errorMessage": "OK", "mapperId": "m-1"})),
    )
    .await;
    // A body-scheme call whose vendor repeats the header scheme's token in free text.
    mount(
        &server,
        DATA_GET,
        ok(json!({"errorCode": 10001, "traceId": "E-1",
                  "errorMessage": format!("token {FETCHED_ACCESS_TOKEN} belongs to another app")})),
    )
    .await;
    let client = client(&server);
    client
        .get_mapper_object_id(&GetMapperObjectIdRequest::new(
            MapperObjectApiName::AccountObj,
        ))
        .await
        .expect("the header-scheme call succeeds with its fetched token");
    let error = client
        .data_get(&DataGetRequest::new(GetData::new("AccountObj", "rec-1")))
        .await
        .expect_err("the vendor refuses");
    assert_eq!(error.vendor_code(), Some("10001"));
    assert_eq!(
        error.vendor().map(|v| v.message.as_str()),
        Some("token [redacted] belongs to another app")
    );
    common::assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn a_failed_token_fetch_hides_the_token_fetched_for_the_other_scheme() {
    let server = MockServer::start().await;
    mount_access_token(&server).await;
    // The body scheme's token endpoint refuses, repeating the header scheme's token.
    mount(
        &server,
        "/cgi/corpAccessToken/get/V2",
        ok(json!({"errorCode": 20001, "traceId": "E-2",
                  "errorMessage": format!("already issued {FETCHED_ACCESS_TOKEN} to this app")})),
    )
    .await;
    mount(
        &server,
        MAPPER,
        ok(json!({"errorCode": 0, "errorMessage": "OK", "mapperId": "m-1"})),
    )
    .await;
    let client = client(&server);
    client
        .get_mapper_object_id(&GetMapperObjectIdRequest::new(
            MapperObjectApiName::AccountObj,
        ))
        .await
        .expect("the header-scheme call succeeds with its fetched token");
    let error = client
        .data_get(&DataGetRequest::new(GetData::new("AccountObj", "rec-1")))
        .await
        .expect_err("no corp access token");
    assert!(matches!(error, Error::TokenFetch { .. }), "{error:?}");
    assert_eq!(error.vendor_code(), Some("20001"));
    assert_eq!(
        error.vendor().map(|v| v.message.as_str()),
        Some("already issued [redacted] to this app")
    );
    common::assert_error_hides(&error, SECRETS);
}
