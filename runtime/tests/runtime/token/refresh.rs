//! The expired-token retry through the one real mechanism: a Fxiaoke client given app
//! credentials fetches its token with the `FetchToken` it was given (as the generated code
//! does, by calling the token endpoint through the client), and an answer saying the token
//! expired makes the protocol forget it (`Protocol::forget`), so the call is tried exactly
//! once more with a freshly fetched token.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bindery_runtime::fxiaoke::{self, AppCredentials, Operator, TokenFuture};
use bindery_runtime::{AuthKind, Client, Error, Method, Operation, Token};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::support::{FX_ACCESS_TOKEN_EXPIRED, FX_CORP_ACCESS_TOKEN_EXPIRED, FX_ENVELOPE, header};

const fn op(name: &'static str, path: &'static str, auth: Option<AuthKind>) -> Operation {
    Operation {
        provider: "fxiaoke",
        name,
        method: Method::Post,
        path,
        action: None,
        auth,
        idempotent: true,
        envelope: &FX_ENVELOPE,
        rate_limit: None,
        secret_fields: &[],
        query: &[],
        request_body: bindery_runtime::BodyShape::Object,
        response_body: bindery_runtime::BodyShape::Object,
    }
}

static CORP_TOKEN: Operation = op("corpAccessToken", "/cgi/corpAccessToken/get/V2", None);
static ACCESS_TOKEN: Operation = op("accessToken", "/oauth2.0/token", None);
static DATA_GET: Operation = op(
    "crm.v2.data.get",
    "/cgi/crm/v2/data/get",
    Some(AuthKind::FxiaokeBody),
);
static DATA_QUERY: Operation = op(
    "crm.v2.data.query",
    "/cgi/crm/v2/data/query",
    Some(AuthKind::FxiaokeBody),
);
static MAPPER: Operation = op(
    "getMapperObjectId",
    "/cgi/er/enterpriseRelation/getMapperObjectId",
    Some(AuthKind::FxiaokeHeader),
);

/// What the generated code's fetch does: calls the scheme's token endpoint through the
/// client and reads the token and the field the scheme sends beside it.
fn fetch_token(
    client: Client<fxiaoke::Fxiaoke>,
    app: AppCredentials,
    kind: AuthKind,
) -> TokenFuture {
    Box::pin(async move {
        let (op, value, field) = match kind {
            AuthKind::FxiaokeHeader => (&ACCESS_TOKEN, "accessToken", "ea"),
            _ => (&CORP_TOKEN, "corpAccessToken", "corpId"),
        };
        let request = json!({
            "appId": app.app_id(),
            "appSecret": app.app_secret().expose(),
            "permanentCode": app.permanent_code().expose(),
        });
        let answer: Value = client.call(op, &request).await?;
        let text = |key: &str| answer[key].as_str().unwrap_or_default().to_owned();
        Ok(Token::new(text(value), Duration::from_secs(7200)).with_field(field, text(field)))
    })
}

fn client(server: &MockServer) -> Client<fxiaoke::Fxiaoke> {
    let app = AppCredentials::new("FSAID_test", "APP-SECRET", "PERMANENT-CODE");
    let operator = Operator::new().user_id("1000").open_user_id("FSUID_ME");
    Client::builder(fxiaoke::Fxiaoke, &server.uri())
        .credentials(fxiaoke::Credentials::from_app(app, operator, fetch_token))
        .rate_limiting(false)
        .build()
        .unwrap()
}

/// A token endpoint issuing `t1`, `t2`, … after `delay`, or the vendor error `fail[n]`
/// for fetch number `n` where one is given; counts the fetches.
#[derive(Clone, Default)]
struct Issuer {
    fetches: Arc<AtomicUsize>,
    delay: Duration,
    fail: Vec<Option<&'static str>>,
    value: &'static str,
    field: &'static str,
}

impl Respond for Issuer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.fetches.fetch_add(1, Ordering::SeqCst);
        let answer = match self.fail.get(n).copied().flatten() {
            Some(code) => json!({"errorCode": code.parse::<i64>().unwrap(), "errorMessage": "no"}),
            None => {
                let mut answer = json!({"errorCode": 0, "errorMessage": "OK", "expiresIn": 7200});
                answer[self.value] = json!(format!("t{}", n + 1));
                answer[self.field] = json!("corp-or-ea-1");
                answer
            }
        };
        ResponseTemplate::new(200)
            .set_body_json(answer)
            .set_delay(self.delay)
    }
}

impl Issuer {
    fn corp() -> Self {
        Issuer {
            value: "corpAccessToken",
            field: "corpId",
            ..Issuer::default()
        }
    }

    fn header() -> Self {
        Issuer {
            value: "accessToken",
            field: "ea",
            ..Issuer::default()
        }
    }

    fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }

    async fn mount(&self, server: &MockServer, at: &str) {
        Mock::given(method("POST"))
            .and(path(at))
            .respond_with(self.clone())
            .mount(server)
            .await;
    }
}

/// A data endpoint answering each of `answers` in turn (vendor error codes, whatever the
/// token), then success naming the token, each after `delay`; records the token (body or
/// header scheme) each call carried.
#[derive(Clone)]
struct Data {
    seen: Arc<Mutex<Vec<String>>>,
    /// Codes still to answer, the next one last.
    answers: Arc<Mutex<Vec<&'static str>>>,
    delay: Duration,
}

impl Data {
    fn failing_with(codes: &[&'static str]) -> Self {
        Data {
            seen: Arc::default(),
            answers: Arc::new(Mutex::new(codes.iter().rev().copied().collect())),
            delay: Duration::ZERO,
        }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }

    async fn mount(&self, server: &MockServer, at: &str) {
        Mock::given(method("POST"))
            .and(path(at))
            .respond_with(self.clone())
            .mount(server)
            .await;
    }
}

impl Respond for Data {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let token = match body["corpAccessToken"].as_str() {
            Some(token) => token.to_owned(),
            None => header(request, "authorization")
                .unwrap_or_default()
                .trim_start_matches("Bearer ")
                .to_owned(),
        };
        self.seen.lock().unwrap().push(token.clone());
        let answer = match self.answers.lock().unwrap().pop() {
            Some(code) => json!({"errorCode": code.parse::<i64>().unwrap(), "errorMessage": "no"}),
            None => {
                json!({"errorCode": 0, "errorMessage": "OK", "done": format!("done with {token}")})
            }
        };
        ResponseTemplate::new(200)
            .set_body_json(answer)
            .set_delay(self.delay)
    }
}

fn done(answer: &Value) -> &str {
    answer["done"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn expired_token_is_refreshed_and_the_call_retried_once() {
    let server = MockServer::start().await;
    let issuer = Issuer::corp();
    issuer.mount(&server, CORP_TOKEN.path).await;
    let data = Data::failing_with(&[FX_CORP_ACCESS_TOKEN_EXPIRED]);
    data.mount(&server, DATA_GET.path).await;
    let client = client(&server);

    let answer: Value = client.call(&DATA_GET, &json!({})).await.unwrap();
    assert_eq!(done(&answer), "done with t2");
    assert_eq!(data.seen(), ["t1", "t2"]);
    assert_eq!(issuer.fetches(), 2);
    assert_eq!(client.credentials().unwrap().token_fetches(), 2);
}

#[tokio::test]
async fn expired_again_on_the_retry_is_returned() {
    let server = MockServer::start().await;
    let issuer = Issuer::header();
    issuer.mount(&server, ACCESS_TOKEN.path).await;
    let data = Data::failing_with(&[
        FX_ACCESS_TOKEN_EXPIRED,
        FX_ACCESS_TOKEN_EXPIRED,
        FX_ACCESS_TOKEN_EXPIRED,
    ]);
    data.mount(&server, MAPPER.path).await;

    let err = client(&server)
        .call::<_, Value>(&MAPPER, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.vendor_code(), Some("20005"));
    assert_eq!(data.seen(), ["t1", "t2"], "no third call");
    assert_eq!(issuer.fetches(), 2);
}

#[tokio::test]
async fn other_errors_do_not_refresh() {
    let server = MockServer::start().await;
    let issuer = Issuer::corp();
    issuer.mount(&server, CORP_TOKEN.path).await;
    let data = Data::failing_with(&["20014"]);
    data.mount(&server, DATA_GET.path).await;
    let client = client(&server);

    let err = client
        .call::<_, Value>(&DATA_GET, &json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.vendor_code(), Some("20014"));
    assert_eq!(data.seen(), ["t1"]);
    assert_eq!(issuer.fetches(), 1);

    // Success on the first try: one call, the cached token reused.
    let ok: Value = client.call(&DATA_GET, &json!({})).await.unwrap();
    assert_eq!(done(&ok), "done with t1");
    assert_eq!(issuer.fetches(), 1);
}

#[tokio::test]
async fn fetch_error_on_the_refresh_is_returned() {
    let server = MockServer::start().await;
    let issuer = Issuer {
        fail: vec![None, Some("20015")],
        ..Issuer::corp()
    };
    issuer.mount(&server, CORP_TOKEN.path).await;
    let data = Data::failing_with(&[FX_CORP_ACCESS_TOKEN_EXPIRED]);
    data.mount(&server, DATA_GET.path).await;

    let err = client(&server)
        .call::<_, Value>(&DATA_GET, &json!({}))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::TokenFetch { .. }), "{err:?}");
    assert_eq!(err.vendor_code(), Some("20015"));
    assert_eq!(data.seen(), ["t1"], "no call without a token");
    assert_eq!(issuer.fetches(), 2);
}

#[tokio::test]
async fn concurrent_expired_calls_refresh_once() {
    // Two calls fail with the same expired token at the same moment: the
    // first refreshes, the second finds the new token already there.
    let server = MockServer::start().await;
    let issuer = Issuer {
        delay: Duration::from_millis(100),
        ..Issuer::corp()
    };
    issuer.mount(&server, CORP_TOKEN.path).await;
    let data = Data {
        // Both calls are sent with t1 before either answer arrives.
        delay: Duration::from_millis(50),
        ..Data::failing_with(&[FX_CORP_ACCESS_TOKEN_EXPIRED, FX_CORP_ACCESS_TOKEN_EXPIRED])
    };
    data.mount(&server, DATA_GET.path).await;
    Mock::given(method("POST"))
        .and(path(DATA_QUERY.path))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"errorCode": 0})))
        .mount(&server)
        .await;
    let client = client(&server);
    // The first token, fetched by a call of another operation of the same scheme.
    client
        .call::<_, Value>(&DATA_QUERY, &json!({}))
        .await
        .unwrap();
    assert_eq!(issuer.fetches(), 1);
    let run = || {
        let client = client.clone();
        tokio::spawn(async move { client.call::<_, Value>(&DATA_GET, &json!({})).await })
    };
    let (a, b) = (run(), run());
    assert_eq!(done(&a.await.unwrap().unwrap()), "done with t2");
    assert_eq!(done(&b.await.unwrap().unwrap()), "done with t2");
    assert_eq!(issuer.fetches(), 2, "one initial fetch, one refresh");
    assert_eq!(data.seen(), ["t1", "t1", "t2", "t2"]);
}
