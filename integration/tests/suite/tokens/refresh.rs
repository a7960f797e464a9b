//! Fxiaoke clients given app credentials fetch their tokens through the generated token
//! endpoints, share one fetch among concurrent callers, and refresh once on an expired token.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bindery::fxiaoke::crm::{DataGetRequest, GetData};
use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::types::MapperObjectApiName;
use bindery::fxiaoke::{Client, Credentials};
use bindery::runtime::fxiaoke::{AppCredentials, Operator};
use bindery::runtime::{Operation, Token};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::common;

const APP_SECRET: &str = "APP-SECRET-7f3a";
const PERMANENT_CODE: &str = "PERMANENT-CODE-9c1e";

fn app() -> AppCredentials {
    AppCredentials::new("FSAID_test", APP_SECRET, PERMANENT_CODE)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .timeout(common::CALL_TIMEOUT)
        .rate_limiting(false)
        .app_credentials(
            app(),
            Operator::new().user_id("1000").open_user_id("FSUID_ME"),
        )
        .build()
        .expect("client builds")
}

/// Issues `token-1`, `token-2`, … on each call and counts them.
struct TokenIssuer {
    issued: Arc<AtomicUsize>,
    value_key: &'static str,
    extra: Value,
}

impl Respond for TokenIssuer {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        // The token request carries the app credentials from the client's configuration.
        assert_eq!(body["appId"], "FSAID_test");
        assert_eq!(body["appSecret"], APP_SECRET);
        assert_eq!(body["permanentCode"], PERMANENT_CODE);
        let mut answer = json!({"errorCode": 0, "errorMessage": "success", "expiresIn": 7200});
        answer[self.value_key] = json!(format!("token-{n}"));
        if let (Some(answer), Some(extra)) = (answer.as_object_mut(), self.extra.as_object()) {
            answer.extend(extra.clone());
        }
        // Slow enough that concurrent first calls overlap the fetch.
        ResponseTemplate::new(200)
            .set_body_json(answer)
            .set_delay(std::time::Duration::from_millis(50))
    }
}

/// Mounts a token endpoint at `at` answering `value_key` plus `extra`; counts the tokens
/// it issues.
async fn mount_token(
    server: &MockServer,
    at: &str,
    value_key: &'static str,
    extra: Value,
) -> Arc<AtomicUsize> {
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(TokenIssuer {
            issued: issued.clone(),
            value_key,
            extra,
        })
        .mount(server)
        .await;
    issued
}

async fn mount_header_token(server: &MockServer) -> Arc<AtomicUsize> {
    let extra = json!({"ea": "ea-77", "openUserId": "FSUID_ME", "appId": "FSAID_test"});
    mount_token(server, "/oauth2.0/token", "accessToken", extra).await
}

async fn mount_corp_token(server: &MockServer) -> Arc<AtomicUsize> {
    let extra = json!({"corpId": "corp-9"});
    mount_token(
        server,
        "/cgi/corpAccessToken/get/V2",
        "corpAccessToken",
        extra,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_share_one_token_fetch() {
    let server = MockServer::start().await;
    let issued = mount_header_token(&server).await;
    Mock::given(method("POST"))
        .and(path("/cgi/er/enterpriseRelation/getMapperObjectId"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"errorCode": 0, "errorMessage": "OK", "mapperId": "42"})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let calls = (0..1000).map(|_| {
        let client = client.clone();
        let request = request.clone();
        tokio::spawn(async move { client.get_mapper_object_id(&request).await })
    });
    let results = futures_join(calls).await;
    let errors: Vec<String> = results
        .into_iter()
        .filter_map(|r| r.err())
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{} errors, first: {:?}",
        errors.len(),
        errors.first()
    );
    assert_eq!(issued.load(Ordering::SeqCst), 1, "exactly one token fetch");

    let requests = common::received(&server).await;
    let calls: Vec<&Request> = requests
        .iter()
        .filter(|r| r.url.path() == "/cgi/er/enterpriseRelation/getMapperObjectId")
        .collect();
    assert_eq!(calls.len(), 1000);
    for call in calls {
        assert_eq!(
            common::required_header(call, "authorization"),
            "Bearer token-1"
        );
        assert_eq!(common::required_header(call, "x-fs-ea"), "ea-77");
        assert_eq!(common::required_header(call, "x-fs-userid"), "1000");
    }
}

async fn futures_join<T: Send + 'static>(
    handles: impl Iterator<Item = tokio::task::JoinHandle<Result<T, bindery::Error>>>,
) -> Vec<Result<T, bindery::Error>> {
    let mut out = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        out.push(handle.await.expect("task did not panic"));
    }
    out
}

/// Answers 20016 to requests carrying `stale`, success otherwise.
struct ExpiresToken {
    stale: &'static str,
}

impl Respond for ExpiresToken {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        if body["corpAccessToken"] == self.stale {
            ResponseTemplate::new(200)
                .set_body_json(json!({"errorCode": 20016, "errorMessage": "corpAccessToken error"}))
        } else {
            ResponseTemplate::new(200).set_body_json(json!({
                "errorCode": 0, "errorMessage": "OK",
                "data": {"_id": "r-1", "name": "n"}
            }))
        }
    }
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_retried_once() {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/cgi/corpAccessToken/get/V2"))
        .respond_with(TokenIssuer {
            issued: issued.clone(),
            value_key: "corpAccessToken",
            extra: json!({"corpId": "corp-9"}),
        })
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(ExpiresToken { stale: "token-1" })
        .mount(&server)
        .await;
    let client = client(&server);
    let request = DataGetRequest::new(GetData::new("PaymentObj", "r-1"));
    let response = client
        .data_get(&request)
        .await
        .expect("second attempt succeeds");
    assert_eq!(response.data.id.as_deref(), Some("r-1"));
    assert_eq!(
        issued.load(Ordering::SeqCst),
        2,
        "the expired token was replaced once"
    );

    let gets: Vec<Value> = common::received(&server)
        .await
        .iter()
        .filter(|r| r.url.path() == "/cgi/crm/v2/data/get")
        .map(common::body_json)
        .collect();
    assert_eq!(gets.len(), 2, "the call was retried exactly once");
    assert_eq!(gets[0]["corpAccessToken"], "token-1");
    assert_eq!(gets[1]["corpAccessToken"], "token-2");
    assert_eq!(gets[1]["corpId"], "corp-9");
    assert_eq!(gets[1]["currentOpenUserId"], "FSUID_ME");
}

#[tokio::test]
async fn a_token_that_stays_expired_is_not_retried_again() {
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/cgi/corpAccessToken/get/V2"))
        .respond_with(TokenIssuer {
            issued: issued.clone(),
            value_key: "corpAccessToken",
            extra: json!({"corpId": "corp-9"}),
        })
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"errorCode": 20016, "errorMessage": "corpAccessToken error"}),
            ),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client
        .data_get(&DataGetRequest::new(GetData::new("PaymentObj", "r-1")))
        .await
        .expect_err("still expired");
    assert_eq!(error.vendor_code(), Some("20016"));
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let gets = common::received(&server)
        .await
        .iter()
        .filter(|r| r.url.path() == "/cgi/crm/v2/data/get")
        .count();
    assert_eq!(gets, 2);
}

#[tokio::test]
async fn a_missing_operator_id_fails_before_any_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .app_credentials(app(), Operator::new().user_id("1000"))
        .build()
        .expect("client builds");
    let error = client
        .data_get(&DataGetRequest::new(GetData::new("PaymentObj", "r-1")))
        .await
        .expect_err("no open user id");
    assert!(
        matches!(error, bindery::Error::Credentials { .. }),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("Operator::open_user_id"),
        "{error}"
    );
    common::assert_error_hides(&error, &[APP_SECRET, PERMANENT_CODE]);
    let debug = format!("{client:?} {:?}", Credentials::new());
    common::assert_hides("client Debug", &debug, &[APP_SECRET, PERMANENT_CODE]);
    server.verify().await;
}

/// Accepts the first `accepted` calls carrying `token-1`, then answers 20016 to it (the vendor
/// revoked it mid-run), after `delay`; accepts every other token. The record echoes the call's
/// `objectDataId`.
struct RevokesFirstToken {
    accepted: usize,
    seen: AtomicUsize,
    delay: std::time::Duration,
}

impl Respond for RevokesFirstToken {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        if body["corpAccessToken"] == "token-1"
            && self.seen.fetch_add(1, Ordering::SeqCst) >= self.accepted
        {
            return ResponseTemplate::new(200)
                .set_body_json(json!({"errorCode": 20016, "errorMessage": "corpAccessToken error"}))
                .set_delay(self.delay);
        }
        ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"_id": body["data"]["objectDataId"], "name": "n"}
        }))
    }
}

/// `(corpAccessToken, objectDataId)` of every `data/get` the server received, in order.
async fn data_gets(server: &MockServer) -> Vec<(String, String)> {
    common::received(server)
        .await
        .iter()
        .filter(|r| r.url.path() == "/cgi/crm/v2/data/get")
        .map(|r| {
            let body = common::body_json(r);
            (
                body["corpAccessToken"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                body["data"]["objectDataId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        })
        .collect()
}

fn get(id: &str) -> DataGetRequest {
    DataGetRequest::new(GetData::new("PaymentObj", id))
}

#[tokio::test]
async fn a_token_revoked_mid_run_is_replaced_once_and_only_that_call_is_retried() {
    const N: usize = 3;
    let server = MockServer::start().await;
    let issued = mount_corp_token(&server).await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(RevokesFirstToken {
            accepted: N,
            seen: AtomicUsize::new(0),
            delay: std::time::Duration::ZERO,
        })
        .mount(&server)
        .await;
    let client = client(&server);

    for i in 1..=N + 3 {
        let id = format!("r-{i}");
        let response = client
            .data_get(&get(&id))
            .await
            .expect("every call succeeds");
        assert_eq!(response.data.id.as_deref(), Some(id.as_str()));
        let expected_fetches = if i <= N { 1 } else { 2 };
        assert_eq!(
            issued.load(Ordering::SeqCst),
            expected_fetches,
            "after call {i}"
        );
    }

    // Server side: N calls with token-1; call N+1 with token-1 (20016) and once more with
    // token-2; the later calls with token-2 only, without another fetch.
    let gets = data_gets(&server).await;
    let mut expected: Vec<(String, String)> = (1..=N)
        .map(|i| ("token-1".to_owned(), format!("r-{i}")))
        .collect();
    expected.push(("token-1".to_owned(), format!("r-{}", N + 1)));
    expected.extend((N + 1..=N + 3).map(|i| ("token-2".to_owned(), format!("r-{i}"))));
    assert_eq!(gets, expected);
    let fetches = common::received(&server)
        .await
        .iter()
        .filter(|r| r.url.path() == "/cgi/corpAccessToken/get/V2")
        .count();
    assert_eq!(
        fetches, 2,
        "one fetch at the start, exactly one after the revocation"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_hitting_an_expired_token_refresh_it_once() {
    const CALLERS: usize = 16;
    let server = MockServer::start().await;
    let issued = mount_corp_token(&server).await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(RevokesFirstToken {
            accepted: 1,
            seen: AtomicUsize::new(0),
            // The 20016 answers come late, so every caller has sent with token-1 before
            // the first of them learns that it expired.
            delay: std::time::Duration::from_millis(300),
        })
        .mount(&server)
        .await;
    let client = client(&server);
    client
        .data_get(&get("warm-up"))
        .await
        .expect("token-1 works once");
    assert_eq!(issued.load(Ordering::SeqCst), 1);

    let calls = (0..CALLERS).map(|i| {
        let client = client.clone();
        tokio::spawn(async move { client.data_get(&get(&format!("c-{i}"))).await })
    });
    for (i, result) in futures_join(calls).await.into_iter().enumerate() {
        let response = result.unwrap_or_else(|e| panic!("caller {i}: {e}"));
        assert_eq!(response.data.id, Some(format!("c-{i}")));
    }
    assert_eq!(
        issued.load(Ordering::SeqCst),
        2,
        "{CALLERS} callers that hit 20016 together share one new token"
    );

    // Server side: each caller sent once with token-1 (20016) and once with token-2.
    let gets = data_gets(&server).await;
    assert_eq!(gets.len(), 1 + 2 * CALLERS);
    for i in 0..CALLERS {
        let id = format!("c-{i}");
        let tokens: Vec<&str> = gets
            .iter()
            .filter(|(_, got)| *got == id)
            .map(|(token, _)| token.as_str())
            .collect();
        assert_eq!(tokens, ["token-1", "token-2"], "caller {i}");
    }
}

/// Fxiaoke's behaviour within 6600 s: every fetch answers the *same* `corpAccessToken`. The
/// `corpId` numbers the fetches (`corp-1`, `corp-2`, …) so the data endpoint can tell which
/// fetch a call's token came from, which the client cannot: it sees one value.
struct ReissuesSameToken {
    issued: Arc<AtomicUsize>,
}

impl Respond for ReissuesSameToken {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_body_json(json!({
                "errorCode": 0, "errorMessage": "success", "expiresIn": 7200,
                "corpAccessToken": "SAME-TOKEN", "corpId": format!("corp-{n}")
            }))
            .set_delay(std::time::Duration::from_millis(20))
    }
}

/// Answers 20016 to every call made with the first fetch's token (the vendor considers it
/// expired), success to the others.
struct FirstFetchExpired;

impl Respond for FirstFetchExpired {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        if body["corpId"] == "corp-1" {
            return ResponseTemplate::new(200).set_body_json(
                json!({"errorCode": 20016, "errorMessage": "corpAccessToken error"}),
            );
        }
        ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"_id": body["data"]["objectDataId"], "name": "n"}
        }))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wave_of_expired_answers_refetches_once_when_the_vendor_reissues_the_same_token() {
    const CALLERS: usize = 1000;
    let server = MockServer::start().await;
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/cgi/corpAccessToken/get/V2"))
        .respond_with(ReissuesSameToken {
            issued: issued.clone(),
        })
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(FirstFetchExpired)
        .mount(&server)
        .await;
    let client = client(&server);

    let calls = (0..CALLERS).map(|i| {
        let client = client.clone();
        tokio::spawn(async move { client.data_get(&get(&format!("c-{i}"))).await })
    });
    for (i, result) in futures_join(calls).await.into_iter().enumerate() {
        let response = result.unwrap_or_else(|e| panic!("caller {i}: {e}"));
        assert_eq!(response.data.id, Some(format!("c-{i}")));
    }

    // Server side: one initial fetch and one refetch, however many callers reported the
    // (same-valued) token expired.
    let fetches = common::received(&server)
        .await
        .iter()
        .filter(|r| r.url.path() == "/cgi/corpAccessToken/get/V2")
        .count();
    assert_eq!(fetches, 2, "one initial fetch + one refetch");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    // Every call went out with the same value; the retries with the second fetch's token.
    let requests = common::received(&server).await;
    let gets: Vec<Value> = requests
        .iter()
        .filter(|r| r.url.path() == "/cgi/crm/v2/data/get")
        .map(common::body_json)
        .collect();
    assert!(gets.iter().all(|b| b["corpAccessToken"] == "SAME-TOKEN"));
    let retried = gets.iter().filter(|b| b["corpId"] == "corp-2").count();
    let expired = gets.iter().filter(|b| b["corpId"] == "corp-1").count();
    assert_eq!(
        retried, CALLERS,
        "every call ended with the refetched token"
    );
    assert_eq!(expired + retried, gets.len());
}

/// Every operation of the generated crate (as in `integration/tests/suite/operations.rs`).
fn every_operation() -> [&'static Operation; 11] {
    use bindery::{fxiaoke, mingdao, tencent_ess};
    [
        &fxiaoke::operations::AUTHORIZE,
        &fxiaoke::operations::DATA_CREATE,
        &fxiaoke::operations::DATA_GET,
        &fxiaoke::operations::DATA_QUERY,
        &fxiaoke::operations::DATA_UPDATE,
        &fxiaoke::operations::GET_MAPPER_OBJECT_ID,
        &fxiaoke::operations::GET_USER_INFO_BY_CODE,
        &fxiaoke::operations::ACCESS_TOKEN,
        &fxiaoke::operations::CORP_ACCESS_TOKEN,
        &tencent_ess::operations::BIND_EMPLOYEE_USER_ID_WITH_CLIENT_OPEN_ID,
        &mingdao::operations::GET_USER_RELATIONS,
    ]
}

#[test]
fn token_debug_masks_every_field_the_spec_types_secret() {
    let mut names: Vec<&str> = every_operation()
        .iter()
        .flat_map(|op| op.secret_fields.iter().copied())
        .collect();
    assert!(names.contains(&"permanentCode"), "{names:?}");
    names.sort_unstable();
    names.dedup();
    for name in names {
        let secret = format!("VALUE-OF-{name}-9f");
        // Kept in `fields` by mistake, under the spec's name, without naming it secret.
        let token = Token::new("TOKEN-VALUE-9f", std::time::Duration::from_secs(60))
            .with_field(name, secret.as_str())
            .with_field("corpId", "corp-1");
        let debug = format!("{token:?}");
        common::assert_hides("Token Debug", &debug, &[&secret, "TOKEN-VALUE-9f"]);
        assert!(debug.contains("corp-1"), "{debug}");
        assert!(token.hides_field(name));
    }
    // An operation's own list masks whatever the names are.
    let token = Token::new("t", std::time::Duration::ZERO)
        .with_field("ticket", "TICKET-VALUE-9f")
        .with_secret_fields(&["ticket"]);
    common::assert_hides("Token Debug", &format!("{token:?}"), &["TICKET-VALUE-9f"]);
}
