//! A token fetch that fails — the token endpoint answers an unusable token, HTTP 500 or nothing
//! in time — fails every call that waited for it with `Error::TokenFetch`: the fetch's own
//! error as its `source`, classified like it (a transient failure is not the caller's
//! configuration), nothing sent to the data endpoint, and the next call fetches again.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bindery::Error;
use bindery::fxiaoke::crm::{DataGetRequest, GetData};
use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::types::MapperObjectApiName;
use bindery::fxiaoke::{Client, operations};
use bindery::runtime::fxiaoke::{AppCredentials, Operator};
use bindery::runtime::{Operation, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common;
use crate::common::routes::{FX_GET as DATA_GET, FX_MAPPER as MAPPER};

const APP_SECRET: &str = "APP-SECRET-5d2b";
const PERMANENT_CODE: &str = "PERMANENT-CODE-0a4f";

fn client(server: &MockServer, timeout: Duration) -> Client {
    Client::builder()
        .base_url(server.uri())
        .timeout(timeout)
        .retry(RetryPolicy::none())
        .rate_limiting(false)
        .app_credentials(
            AppCredentials::new("FSAID_test", APP_SECRET, PERMANENT_CODE),
            Operator::new().user_id("1000").open_user_id("FSUID_ME"),
        )
        .build()
        .expect("client builds")
}

/// Answers every token request with `answer`, counting them.
struct TokenEndpoint {
    answer: ResponseTemplate,
    count: Arc<AtomicUsize>,
}

impl Respond for TokenEndpoint {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.answer.clone()
    }
}

/// Mounts `op`'s token endpoint answering `answer`, and both data endpoints (which must not be
/// reached); returns the token request counter.
async fn mount(server: &MockServer, op: &Operation, answer: ResponseTemplate) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(op.path))
        .respond_with(TokenEndpoint {
            answer,
            count: count.clone(),
        })
        .mount(server)
        .await;
    for data in [MAPPER, DATA_GET] {
        Mock::given(method("POST"))
            .and(path(data))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"errorCode": 0})))
            .expect(0)
            .mount(server)
            .await;
    }
    count
}

async fn requests_to(server: &MockServer, at: &str) -> usize {
    common::received(server)
        .await
        .iter()
        .filter(|r| r.url.path() == at)
        .count()
}

/// The fetch's error inside `error`, which must be an `Error::TokenFetch` of Fxiaoke.
fn cause(error: &Error) -> &Error {
    assert!(
        matches!(
            error,
            Error::TokenFetch {
                provider: "fxiaoke",
                ..
            }
        ),
        "expected Error::TokenFetch, got {error:?}"
    );
    std::error::Error::source(error)
        .and_then(|source| source.downcast_ref::<Error>())
        .unwrap_or_else(|| panic!("no bindery::Error source in {error:?}"))
}

fn mapper() -> GetMapperObjectIdRequest {
    GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj)
}

fn data_get() -> DataGetRequest {
    DataGetRequest::new(GetData::new("PaymentObj", "r-1"))
}

// ---------- item 14: an empty token is a failed fetch ----------

/// Checks the error of a call whose token endpoint `op` answered an empty `field`.
fn assert_empty_token_error(error: &Error, op: &Operation, field: &str) {
    let source = cause(error);
    match source {
        Error::Decode {
            provider,
            operation,
            path,
            ..
        } => {
            assert_eq!((*provider, *operation), ("fxiaoke", op.name));
            assert_eq!(path, field);
        }
        other => panic!("expected a decode error of the token endpoint, got {other:?}"),
    }
    let text = error.to_string();
    for named in ["fxiaoke", op.name, op.path, &format!("empty `{field}`")] {
        assert!(text.contains(named), "`{named}` not named in: {text}");
    }
    assert!(
        !error.is_local(),
        "the vendor's answer, not the caller's setup"
    );
    assert_eq!(error.operation(), Some(op.name));
    common::assert_error_hides(error, &[APP_SECRET, PERMANENT_CODE]);
}

#[tokio::test]
async fn an_empty_access_token_is_a_failed_fetch_and_never_sent() {
    let server = MockServer::start().await;
    let op = &operations::ACCESS_TOKEN;
    let answer = ResponseTemplate::new(200).set_body_json(json!({
        "errorCode": 0, "errorMessage": "success",
        "accessToken": "", "expiresIn": 7200, "ea": "ea-77"
    }));
    let fetches = mount(&server, op, answer).await;
    let client = client(&server, common::CALL_TIMEOUT);

    for call in 1..=2 {
        let error = client
            .get_mapper_object_id(&mapper())
            .await
            .expect_err("no usable token");
        assert_empty_token_error(&error, op, "accessToken");
        // Not cached: each call fetches again.
        assert_eq!(fetches.load(Ordering::SeqCst), call);
    }
    assert_eq!(requests_to(&server, op.path).await, 2);
    assert_eq!(requests_to(&server, MAPPER).await, 0, "no call went out");
    server.verify().await;
}

#[tokio::test]
async fn an_empty_corp_access_token_or_corp_id_is_a_failed_fetch_and_never_sent() {
    let op = &operations::CORP_ACCESS_TOKEN;
    for (answer, field) in [
        (
            json!({"errorCode": 0, "corpAccessToken": "", "corpId": "corp-9", "expiresIn": 7200}),
            "corpAccessToken",
        ),
        (
            json!({"errorCode": 0, "corpAccessToken": "  ", "corpId": "corp-9", "expiresIn": 7200}),
            "corpAccessToken",
        ),
        (
            json!({"errorCode": 0, "corpAccessToken": "TOKEN-OK", "corpId": "", "expiresIn": 7200}),
            "corpId",
        ),
    ] {
        let server = MockServer::start().await;
        let fetches = mount(
            &server,
            op,
            ResponseTemplate::new(200).set_body_json(answer),
        )
        .await;
        let error = client(&server, common::CALL_TIMEOUT)
            .data_get(&data_get())
            .await
            .expect_err("no usable token");
        assert_empty_token_error(&error, op, field);
        common::assert_error_hides(&error, &["TOKEN-OK"]);
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        assert_eq!(requests_to(&server, DATA_GET).await, 0, "no call went out");
        server.verify().await;
    }
}

// ---------- item 15: a transient fetch failure is shared, honestly classified ----------

/// Runs `callers` concurrent `data_get`s against `client`.
async fn concurrent_data_gets(client: &Client, callers: usize) -> Vec<Error> {
    let tasks: Vec<_> = (0..callers)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.data_get(&data_get()).await })
        })
        .collect();
    let mut errors = Vec::new();
    for task in tasks {
        errors.push(task.await.expect("no panic").expect_err("no token"));
    }
    errors
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiters_of_a_token_fetch_answered_500_get_the_http_error_not_a_local_one() {
    const CALLERS: usize = 20;
    let server = MockServer::start().await;
    let op = &operations::CORP_ACCESS_TOKEN;
    // Slow, so that every caller arrives while the one fetch is in flight.
    let answer = ResponseTemplate::new(500)
        .set_body_string("internal error")
        .set_delay(Duration::from_millis(500));
    let fetches = mount(&server, op, answer).await;
    let client = client(&server, common::CALL_TIMEOUT);

    let errors = concurrent_data_gets(&client, CALLERS).await;
    assert_eq!(errors.len(), CALLERS);
    for error in &errors {
        let source = cause(error);
        assert!(
            matches!(
                source,
                Error::Http {
                    provider: "fxiaoke",
                    operation: "corpAccessToken",
                    status: 500,
                    ..
                }
            ),
            "{source:?}"
        );
        assert!(
            !error.is_local(),
            "a 500 is not the caller's configuration: {error}"
        );
        assert!(!matches!(error, Error::Credentials { .. }));
        assert_eq!(error.http_status(), Some(500));
        assert_eq!(error.operation(), Some("corpAccessToken"));
        assert!(error.to_string().contains("HTTP 500"), "{error}");
        common::assert_error_hides(error, &[APP_SECRET, PERMANENT_CODE]);
    }
    // Server side: one fetch for the whole wave; the waiters did not fetch again.
    assert_eq!(requests_to(&server, op.path).await, 1);
    assert_eq!(fetches.load(Ordering::SeqCst), 1);

    // The failure is not cached: the next call fetches again.
    let error = client.data_get(&data_get()).await.expect_err("still 500");
    assert_eq!(cause(&error).http_status(), Some(500));
    assert_eq!(requests_to(&server, op.path).await, 2);
    assert_eq!(requests_to(&server, DATA_GET).await, 0);
    server.verify().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiters_of_a_token_fetch_that_timed_out_get_a_timeout() {
    const CALLERS: usize = 10;
    let server = MockServer::start().await;
    let op = &operations::ACCESS_TOKEN;
    // Answers long after the client's per-call timeout.
    let answer = ResponseTemplate::new(200)
        .set_body_json(json!({"errorCode": 0, "accessToken": "LATE", "ea": "ea-1"}))
        .set_delay(Duration::from_secs(30));
    mount(&server, op, answer).await;
    let client = client(&server, Duration::from_millis(500));

    let tasks: Vec<_> = (0..CALLERS)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.get_mapper_object_id(&mapper()).await })
        })
        .collect();
    for task in tasks {
        let error = task.await.expect("no panic").expect_err("timed out");
        let source = cause(&error);
        assert!(
            matches!(
                source,
                Error::Timeout {
                    operation: "accessToken",
                    ..
                }
            ),
            "{source:?}"
        );
        assert!(error.is_timeout() && !error.is_local(), "{error}");
    }
    assert_eq!(
        requests_to(&server, op.path).await,
        1,
        "one fetch for the wave"
    );
    assert_eq!(requests_to(&server, MAPPER).await, 0);
}
