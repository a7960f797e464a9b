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

mod common;

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
use common::CALL_TIMEOUT;
use common::leaks::{Capture, assert_nothing_leaks, install_recorder};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

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

const FX_ACCESS_TOKEN: &str = "/oauth2.0/token";
const FX_CORP_ACCESS_TOKEN: &str = "/cgi/corpAccessToken/get/V2";
const FX_MAPPER: &str = "/cgi/er/enterpriseRelation/getMapperObjectId";
const FX_USER_INFO: &str = "/er/oauth/getUserInfoByCode";
const FX_CREATE: &str = "/cgi/crm/v2/data/create";
const FX_UPDATE: &str = "/cgi/crm/v2/data/update";
const FX_QUERY: &str = "/cgi/crm/v2/data/query";
const FX_GET: &str = "/cgi/crm/v2/data/get";
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

fn access_token_ok() -> Answer {
    Answer::json(
        200,
        json!({
            "errorCode": 0, "errorMessage": "success", "traceId": "E-OK-AT",
            "accessToken": ACCESS_TOKEN, "expiresIn": 7200, "ea": EA,
            "openUserId": "FSUID_leaktest", "appId": APP_ID
        }),
    )
}

fn corp_access_token_ok() -> Answer {
    Answer::json(
        200,
        json!({
            "errorCode": 0, "errorMessage": "success", "traceId": "E-OK-CAT",
            "corpAccessToken": CORP_ACCESS_TOKEN, "corpId": CORP_ID, "expiresIn": 7200
        }),
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

/// The vendor's "token expired" answers: `20005` for the header scheme, `20016` for the body
/// scheme (app-credential clients fetch a new token and try once more).
fn fxiaoke_vendor_error(route: &str) -> Answer {
    let body = match route {
        FX_MAPPER | FX_USER_INFO => json!({
            "errorCode": 20005, "errorMessage": "accessToken expired", "traceId": "E-ERR-H"
        }),
        _ => {
            json!({"errorCode": 20016, "errorMessage": "corpAccessToken expired", "traceId": "E-ERR-B"})
        }
    };
    Answer::json(200, body)
}

fn fxiaoke_malformed(_: &str) -> Answer {
    Answer::raw(
        200,
        r#"{"errorCode":0,"errorMessage":"OK","traceId":"E-CUT","data":{"total":"#,
        "application/json",
    )
}

/// A vendor that echoes the request — credentials included, the header token under its
/// own name — beside a wrong-typed `traceId` (and, for paging, a record with a wrong-typed
/// `_id`), so every answer is a decode error whose snippet would show them.
struct EchoWithWrongType;

impl Respond for EchoWithWrongType {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut body = match serde_json::from_slice::<Value>(&request.body) {
            Ok(Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        };
        if let Some(bearer) = request
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        {
            body.insert("accessToken".to_owned(), Value::from(bearer));
        }
        // For the pager, a record holding the echoed body-scheme token beside a wrong-typed id.
        let token = body.get("corpAccessToken").cloned().unwrap_or(Value::Null);
        if let Some(Value::Object(data)) = body.get_mut("data") {
            data.insert(
                "dataList".to_owned(),
                json!([{"_id": 5, "corpAccessToken": token}]),
            );
        }
        body.insert("errorCode".to_owned(), json!(0));
        body.insert("traceId".to_owned(), json!(5));
        ResponseTemplate::new(200).set_body_json(Value::Object(body))
    }
}

/// What the two token endpoints answer.
enum Tokens {
    Fixed {
        access_token: Answer,
        corp_access_token: Answer,
    },
    /// [`EchoWithWrongType`]: the app secret and permanent code come back.
    Echo,
}

/// What the other endpoints answer.
enum Business {
    Fixed(fn(&str) -> Answer),
    Echo,
}

struct FxScenario {
    name: &'static str,
    token_endpoints: Tokens,
    business: Business,
    retry: RetryPolicy,
    /// The direct calls of the two token endpoints (either client).
    token_calls: Expect,
    /// The other endpoints through the app-credentials client.
    app: Expect,
    /// The other endpoints through the static-token client.
    fixed: Expect,
}

async fn fxiaoke_server(scenario: &FxScenario) -> MockServer {
    let server = MockServer::start().await;
    match &scenario.token_endpoints {
        Tokens::Fixed {
            access_token,
            corp_access_token,
        } => {
            mount(&server, FX_ACCESS_TOKEN, access_token).await;
            mount(&server, FX_CORP_ACCESS_TOKEN, corp_access_token).await;
        }
        Tokens::Echo => {
            for route in [FX_ACCESS_TOKEN, FX_CORP_ACCESS_TOKEN] {
                Mock::given(method("POST"))
                    .and(path(route))
                    .respond_with(EchoWithWrongType)
                    .mount(&server)
                    .await;
            }
        }
    }
    for route in FX_BUSINESS {
        match &scenario.business {
            Business::Fixed(answer) => mount(&server, route, &answer(route)).await,
            Business::Echo => {
                Mock::given(method("POST"))
                    .and(path(route))
                    .respond_with(EchoWithWrongType)
                    .mount(&server)
                    .await;
            }
        }
    }
    server
}

/// Calls every Fxiaoke endpoint once; the outcomes by vendor operation name (the stream as
/// `dataQueryStream`).
async fn call_every_fxiaoke_endpoint(
    client: &fxiaoke::Client,
    capture: &mut Capture,
    label: &str,
) -> Vec<(&'static str, Result<(), Error>)> {
    let mut outcomes = Vec::new();

    let request = AccessTokenRequest::new(APP_ID, APP_SECRET, PERMANENT_CODE);
    let result = capture
        .call(
            &format!("{label} accessToken"),
            &request,
            client.access_token(&request),
        )
        .await;
    if let Ok(response) = &result {
        // The secret arrived intact; only its rendering is hidden.
        assert_eq!(response.access_token.expose(), ACCESS_TOKEN);
    }
    outcomes.push(("accessToken", result.map(drop)));

    let request = CorpAccessTokenRequest::new(APP_ID, APP_SECRET, PERMANENT_CODE);
    let result = capture
        .call(
            &format!("{label} corpAccessToken"),
            &request,
            client.corp_access_token(&request),
        )
        .await;
    if let Ok(response) = &result {
        assert_eq!(response.corp_access_token.expose(), CORP_ACCESS_TOKEN);
    }
    outcomes.push(("corpAccessToken", result.map(drop)));

    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj)
        .downstream_outer_tenant_id(7);
    let result = capture
        .call(
            &format!("{label} getMapperObjectId"),
            &request,
            client.get_mapper_object_id(&request),
        )
        .await;
    outcomes.push(("getMapperObjectId", result.map(drop)));

    let request = GetUserInfoByCodeRequest::new(
        APP_ID,
        APP_SECRET,
        "https://third-party.example/callback",
        "code-0001",
    )
    .mapper_object_api_name(MapperObjectApiName::PartnerObj);
    let result = capture
        .call(
            &format!("{label} getUserInfoByCode"),
            &request,
            client.get_user_info_by_code(&request),
        )
        .await;
    outcomes.push(("getUserInfoByCode", result.map(drop)));

    let request = DataCreateRequest::new(CreateData::new(
        ObjectData::new()
            .data_object_api_name("AccountObj")
            .name("Acme")
            .extra_field("remark__c", "created by the secrets test"),
    ));
    let result = capture
        .call(
            &format!("{label} dataCreate"),
            &request,
            client.data_create(&request),
        )
        .await;
    outcomes.push(("dataCreate", result.map(drop)));

    let request = DataUpdateRequest::new(UpdateData::new(
        ObjectData::new()
            .id("rec-1")
            .data_object_api_name("AccountObj")
            .name("Acme 2"),
    ));
    let result = capture
        .call(
            &format!("{label} dataUpdate"),
            &request,
            client.data_update(&request),
        )
        .await;
    outcomes.push(("dataUpdate", result.map(drop)));

    let request = DataQueryRequest::new(QueryData::new(
        "AccountObj",
        SearchQueryInfo::new()
            .limit(100)
            .offset(0)
            .filters(vec![QueryFilter::new(
                "name",
                vec![json!("Acme")],
                FilterOperator::Equal,
            )]),
    ));
    let result = capture
        .call(
            &format!("{label} dataQuery"),
            &request,
            client.data_query(&request),
        )
        .await;
    outcomes.push(("dataQuery", result.map(drop)));

    capture.calls += 1;
    capture.debug(&format!("{label} dataQueryStream request"), &request);
    let mut stream = client.data_query_stream(&request);
    let mut items = 0;
    let mut stream_outcome = Ok(());
    // Bounded: the success answer holds one record and its total is 1.
    while let Some(item) = stream.next().await {
        capture.result(&format!("{label} dataQueryStream item"), &item);
        items += 1;
        match item {
            Ok(_) if items < 10 => {}
            Ok(_) => break,
            Err(error) => {
                stream_outcome = Err(error);
                break;
            }
        }
    }
    if stream_outcome.is_ok() {
        assert!(items > 0, "{label}: the stream yielded nothing");
    }
    outcomes.push(("dataQueryStream", stream_outcome));

    let request = DataGetRequest::new(GetData::new("AccountObj", "rec-1")).include_null(true);
    let result = capture
        .call(
            &format!("{label} dataGet"),
            &request,
            client.data_get(&request),
        )
        .await;
    outcomes.push(("dataGet", result.map(drop)));

    outcomes
}

fn check_outcomes(
    label: &str,
    outcomes: &[(&'static str, Result<(), Error>)],
    token_calls: Expect,
    others: Expect,
) {
    assert_eq!(outcomes.len(), 9, "{label}: every network endpoint called");
    for (op, result) in outcomes {
        let expect = if FX_TOKEN_OPS.contains(op) {
            token_calls
        } else {
            others
        };
        expect.check(&format!("{label} {op}"), result);
    }
}

/// The credentials really went on the wire (so hiding them is not vacuous).
async fn assert_fxiaoke_wire_carried_the_secrets(server: &MockServer) {
    let requests = common::received(server).await;
    let bodies_at = |route: &str| -> Vec<Value> {
        requests
            .iter()
            .filter(|r| r.url.path() == route)
            .map(common::body_json)
            .collect()
    };
    let token_requests = bodies_at(FX_ACCESS_TOKEN);
    assert!(
        token_requests
            .iter()
            .any(|b| b["appSecret"] == APP_SECRET && b["permanentCode"] == PERMANENT_CODE),
        "the token endpoint got the app secret and permanent code"
    );
    let bearers: Vec<&str> = requests
        .iter()
        .filter(|r| r.url.path() == FX_MAPPER)
        .filter_map(|r| common::header(r, "authorization"))
        .collect();
    for token in [ACCESS_TOKEN, STATIC_ACCESS_TOKEN] {
        assert!(
            bearers.contains(&format!("Bearer {token}").as_str()),
            "{token} sent as the bearer token: {bearers:?}"
        );
    }
    let gets = bodies_at(FX_GET);
    for token in [CORP_ACCESS_TOKEN, STATIC_CORP_ACCESS_TOKEN] {
        assert!(
            gets.iter().any(|b| b["corpAccessToken"] == token),
            "{token} sent as corpAccessToken"
        );
    }
}

#[tokio::test]
async fn fxiaoke_endpoints_never_show_secrets() {
    install_recorder();
    let mut capture = Capture::default();
    let quick_retry = RetryPolicy::new()
        .with_max_attempts(2)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5));

    let scenarios = [
        FxScenario {
            name: "success",
            token_endpoints: Tokens::Fixed {
                access_token: access_token_ok(),
                corp_access_token: corp_access_token_ok(),
            },
            business: Business::Fixed(fxiaoke_success),
            retry: RetryPolicy::none(),
            token_calls: Expect::Ok,
            app: Expect::Ok,
            fixed: Expect::Ok,
        },
        FxScenario {
            name: "vendor errors (token expired)",
            token_endpoints: Tokens::Fixed {
                access_token: access_token_ok(),
                corp_access_token: corp_access_token_ok(),
            },
            business: Business::Fixed(fxiaoke_vendor_error),
            retry: RetryPolicy::none(),
            token_calls: Expect::Ok,
            app: Expect::AnyVendor,
            fixed: Expect::AnyVendor,
        },
        FxScenario {
            name: "token endpoints answer a vendor error",
            token_endpoints: Tokens::Fixed {
                access_token: Answer::json(
                    200,
                    json!({"errorCode": 20001, "errorMessage": "invalid appSecret or permanentCode", "traceId": "E-TOK"}),
                ),
                corp_access_token: Answer::json(
                    200,
                    json!({"errorCode": 20001, "errorMessage": "invalid appSecret or permanentCode", "traceId": "E-TOK"}),
                ),
            },
            business: Business::Fixed(fxiaoke_success),
            retry: RetryPolicy::none(),
            token_calls: Expect::Vendor("20001"),
            app: Expect::Vendor("20001"),
            fixed: Expect::Ok,
        },
        FxScenario {
            name: "token endpoints answer the token beside a wrong-typed field",
            token_endpoints: Tokens::Fixed {
                access_token: Answer::json(
                    200,
                    json!({
                        "errorCode": 0, "errorMessage": "success",
                        "accessToken": ACCESS_TOKEN, "expiresIn": "7200 seconds", "ea": EA
                    }),
                ),
                corp_access_token: Answer::json(
                    200,
                    json!({
                        "errorCode": 0, "errorMessage": "success",
                        "corpAccessToken": CORP_ACCESS_TOKEN, "corpId": {"id": 42}, "expiresIn": 7200
                    }),
                ),
            },
            business: Business::Fixed(fxiaoke_success),
            retry: RetryPolicy::none(),
            token_calls: Expect::Decode,
            app: Expect::Decode,
            fixed: Expect::Ok,
        },
        FxScenario {
            name: "token endpoints answer truncated JSON holding the token",
            token_endpoints: Tokens::Fixed {
                access_token: Answer::raw(
                    200,
                    &format!(r#"{{"errorCode":0,"accessToken":"{ACCESS_TOKEN}","expiresIn":72"#),
                    "application/json",
                ),
                corp_access_token: Answer::raw(
                    200,
                    &format!(
                        r#"{{"errorCode":0,"corpId":"{CORP_ID}","corpAccessToken":"{CORP_ACCESS_TOKEN}"#
                    ),
                    "application/json",
                ),
            },
            business: Business::Fixed(fxiaoke_success),
            retry: RetryPolicy::none(),
            token_calls: Expect::Decode,
            app: Expect::Decode,
            fixed: Expect::Ok,
        },
        FxScenario {
            name: "token endpoints answer HTTP 500 with the token",
            token_endpoints: Tokens::Fixed {
                access_token: Answer::json(
                    500,
                    json!({"errorCode": 0, "accessToken": ACCESS_TOKEN, "expiresIn": 7200, "ea": EA}),
                ),
                corp_access_token: Answer::json(
                    500,
                    json!({"errorCode": 0, "corpAccessToken": CORP_ACCESS_TOKEN, "corpId": CORP_ID, "expiresIn": 7200}),
                ),
            },
            business: Business::Fixed(fxiaoke_success),
            retry: RetryPolicy::none(),
            token_calls: Expect::Http(500),
            app: Expect::Http(500),
            fixed: Expect::Ok,
        },
        FxScenario {
            name: "a gateway answers 502 everywhere (retried once)",
            token_endpoints: Tokens::Fixed {
                access_token: bad_gateway(),
                corp_access_token: bad_gateway(),
            },
            business: Business::Fixed(|_| bad_gateway()),
            retry: quick_retry,
            token_calls: Expect::Http(502),
            app: Expect::Http(502),
            fixed: Expect::Http(502),
        },
        FxScenario {
            name: "the endpoints answer malformed JSON",
            token_endpoints: Tokens::Fixed {
                access_token: access_token_ok(),
                corp_access_token: corp_access_token_ok(),
            },
            business: Business::Fixed(fxiaoke_malformed),
            retry: RetryPolicy::none(),
            token_calls: Expect::Ok,
            app: Expect::Decode,
            fixed: Expect::Decode,
        },
        FxScenario {
            name: "the token endpoints echo the request's credentials beside a wrong-typed field",
            token_endpoints: Tokens::Echo,
            business: Business::Fixed(fxiaoke_success),
            retry: RetryPolicy::none(),
            token_calls: Expect::Decode,
            app: Expect::Decode,
            fixed: Expect::Ok,
        },
        FxScenario {
            name: "the endpoints echo the request's credentials beside a wrong-typed field",
            token_endpoints: Tokens::Fixed {
                access_token: access_token_ok(),
                corp_access_token: corp_access_token_ok(),
            },
            business: Business::Echo,
            retry: RetryPolicy::none(),
            token_calls: Expect::Ok,
            app: Expect::Decode,
            fixed: Expect::Decode,
        },
    ];

    for scenario in &scenarios {
        let server = fxiaoke_server(scenario).await;
        let app = fxiaoke_app_client(server.uri(), scenario.retry);
        let fixed = fxiaoke_static_client(server.uri(), scenario.retry);
        for (kind, client, others) in [
            ("app credentials", &app, scenario.app),
            ("static tokens", &fixed, scenario.fixed),
        ] {
            let label = format!("fxiaoke [{}] [{kind}]", scenario.name);
            capture.debug(&format!("{label} client before"), client);
            let outcomes = call_every_fxiaoke_endpoint(client, &mut capture, &label).await;
            capture.debug(&format!("{label} client after"), client);
            check_outcomes(&label, &outcomes, scenario.token_calls, others);
            for (op, result) in &outcomes {
                if let Err(error) = result {
                    capture.error(&format!("{label} {op} (again)"), error);
                }
            }

            // The browser URL: no call, no credentials; and a request it rejects.
            let request = AuthorizeRequest::new(
                "ER_APP_1",
                APP_ID,
                "state1234ABCD",
                "https://third-party.example/callback",
            );
            capture.debug(&format!("{label} authorize request"), &request);
            let url = client.authorize_url(&request);
            capture.result(&format!("{label} authorize"), &url);
            assert!(url.is_ok(), "{label}: authorize URL: {url:?}");
            let rejected = AuthorizeRequest::new("ER_APP_1", APP_ID, "short", "https://x.example/");
            capture.debug(&format!("{label} authorize (bad state) request"), &rejected);
            let result = client.authorize_url(&rejected);
            capture.result(&format!("{label} authorize (bad state)"), &result);
            Expect::InvalidRequest.check(&label, &result.map(drop));
        }
        if scenario.name == "success" {
            assert_fxiaoke_wire_carried_the_secrets(&server).await;
        }
    }

    // Nobody listening, and no answer in time: the token fetch and a static call fail.
    let refused = refused_base_url();
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    for (kind, client) in [
        (
            "app credentials",
            fxiaoke_app_client(refused.clone(), RetryPolicy::none()),
        ),
        (
            "static tokens",
            fxiaoke_static_client(refused.clone(), RetryPolicy::none()),
        ),
    ] {
        let label = format!("fxiaoke [connection refused] [{kind}] getMapperObjectId");
        let result = capture
            .call(&label, &request, client.get_mapper_object_id(&request))
            .await;
        Expect::Transport.check(&label, &result.map(drop));
    }
    let slow = MockServer::start().await;
    for route in [FX_ACCESS_TOKEN, FX_MAPPER] {
        Mock::given(method("POST"))
            .and(path(route))
            .respond_with(
                access_token_ok()
                    .template()
                    .set_delay(Duration::from_secs(2)),
            )
            .mount(&slow)
            .await;
    }
    for (kind, client) in [
        (
            "app credentials",
            fxiaoke_app_client(slow.uri(), RetryPolicy::none()),
        ),
        (
            "static tokens",
            fxiaoke_static_client(slow.uri(), RetryPolicy::none()),
        ),
    ] {
        let client = client.with_timeout(Duration::from_millis(100));
        let label = format!("fxiaoke [timeout] [{kind}] getMapperObjectId");
        let result = capture
            .call(&label, &request, client.get_mapper_object_id(&request))
            .await;
        Expect::Timeout.check(&label, &result.map(drop));
    }

    // App credentials without the acting employee: rejected before anything is sent.
    let client = fxiaoke_builder(refused, RetryPolicy::none())
        .app_credentials(app_credentials(), Operator::new().open_user_id("FSUID_x"))
        .build()
        .expect("client builds");
    capture.debug("fxiaoke [no operator] client", &client);
    let label = "fxiaoke [no operator] getMapperObjectId";
    let result = capture
        .call(label, &request, client.get_mapper_object_id(&request))
        .await;
    Expect::Credentials.check(label, &result.map(drop));

    assert_nothing_leaks(
        "fxiaoke",
        &capture,
        SECRETS,
        &[
            APP_ID,
            EA,
            CORP_ID,
            "[redacted]",
            "20016",
            "20005",
            "20001",
            "getMapperObjectId",
            "502 Bad Gateway",
            "expiresIn",
        ],
        &[
            "span bindery.call",
            "provider=fxiaoke",
            "operation=accessToken",
            "operation=corpAccessToken",
            "operation=dataQuery",
            "operation=getUserInfoByCode",
            "vendor.code=20016",
            "vendor.code=20005",
            "vendor.code=20001",
            "http.status=502",
            "request body",
            "response body",
            r#""corpAccessToken":"[redacted]""#,
            r#""appSecret":"[redacted]""#,
            r#""accessToken":"[redacted]""#,
            "token expired; fetching a new one",
            "attempt failed, retrying",
        ],
    );
}

// ---------------------------------------------------------------------------
// Mingdao and Tencent Cloud e-Sign: one endpoint each, through the same answers.

struct SimpleScenario {
    name: &'static str,
    answer: Answer,
    expect: Expect,
}

const MINGDAO_BASE_PATH: &str = "/generalintegrate";
const MINGDAO_ROUTE: &str = "/generalintegrate/v2/user/getUserRelations";

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

#[tokio::test]
async fn mingdao_endpoint_never_shows_the_secret_key() {
    install_recorder();
    let mut capture = Capture::default();
    capture.debug("mingdao credentials", &mingdao_credentials());
    let request =
        GetUserRelationsRequest::new(vec!["wecom-zhangsan".into(), "dingtalk-李四".into()]);

    let scenarios = [
        SimpleScenario {
            name: "success",
            answer: Answer::json(
                200,
                json!({"code": 1, "message": "", "data": [
                    {"corpUserId": "wecom-zhangsan", "projectId": MINGDAO_PROJECT_ID, "accountId": "acc-1"}
                ]}),
            ),
            expect: Expect::Ok,
        },
        SimpleScenario {
            name: "vendor error",
            answer: Answer::json(
                200,
                json!({"code": 10101, "message": "签名不合法", "data": null}),
            ),
            expect: Expect::Vendor("10101"),
        },
        SimpleScenario {
            name: "gateway 502",
            answer: bad_gateway(),
            expect: Expect::Http(502),
        },
        SimpleScenario {
            name: "malformed",
            answer: Answer::raw(
                200,
                r#"{"code":1,"message":"","data":[{"corpUserId":"wecom-zhangsan","#,
                "application/json",
            ),
            expect: Expect::Decode,
        },
        SimpleScenario {
            name: "wrong-typed",
            answer: Answer::json(200, json!({"code": 1, "message": "", "data": "none"})),
            expect: Expect::Decode,
        },
    ];
    for scenario in &scenarios {
        let server = MockServer::start().await;
        mount(&server, MINGDAO_ROUTE, &scenario.answer).await;
        let client = mingdao_client(&server.uri(), Some(mingdao_credentials()));
        let label = format!("mingdao [{}]", scenario.name);
        capture.debug(&format!("{label} client"), &client);
        let result = capture
            .call(&label, &request, client.get_user_relations(&request))
            .await;
        scenario.expect.check(&label, &result.map(drop));

        // `sign` is derived and may be sent; the secret key itself never goes on the wire.
        let sent = common::only_request(&server).await;
        let body = common::body_json(&sent);
        assert!(body["sign"].is_string(), "{label}: signed");
        common::assert_hides(
            "the request Mingdao received",
            &String::from_utf8_lossy(&sent.body),
            &[MINGDAO_SECRET_KEY],
        );
    }

    let label = "mingdao [connection refused]";
    let client = mingdao_client(&refused_base_url(), Some(mingdao_credentials()));
    let result = capture
        .call(label, &request, client.get_user_relations(&request))
        .await;
    Expect::Transport.check(label, &result.map(drop));

    let slow = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(MINGDAO_ROUTE))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&slow)
        .await;
    let label = "mingdao [timeout]";
    let client = mingdao_client(&slow.uri(), Some(mingdao_credentials()))
        .with_timeout(Duration::from_millis(100));
    let result = capture
        .call(label, &request, client.get_user_relations(&request))
        .await;
    Expect::Timeout.check(label, &result.map(drop));

    let label = "mingdao [empty request]";
    let empty = GetUserRelationsRequest::new(Vec::new());
    let result = capture
        .call(label, &empty, client.get_user_relations(&empty))
        .await;
    Expect::InvalidRequest.check(label, &result.map(drop));

    let label = "mingdao [no credentials]";
    let client = mingdao_client(&slow.uri(), None);
    let result = capture
        .call(label, &request, client.get_user_relations(&request))
        .await;
    Expect::Credentials.check(label, &result.map(drop));

    assert_nothing_leaks(
        "mingdao",
        &capture,
        SECRETS,
        &[
            MINGDAO_APP_KEY,
            MINGDAO_PROJECT_ID,
            "[redacted]",
            "10101",
            "getUserRelations",
        ],
        &[
            "span bindery.call",
            "provider=mingdao",
            "operation=getUserRelations",
            "vendor.code=10101",
            r#""sign":"[redacted]""#,
        ],
    );
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

#[tokio::test]
async fn tencent_ess_endpoint_never_shows_the_secret_key_or_token() {
    install_recorder();
    let mut capture = Capture::default();
    capture.debug("tencent credentials", &tencent_credentials());
    let request = tencent_request("n9527");

    let scenarios = [
        SimpleScenario {
            name: "success",
            answer: Answer::json(
                200,
                json!({"Response": {"RequestId": "tc-req-ok", "Status": 1}}),
            ),
            expect: Expect::Ok,
        },
        SimpleScenario {
            name: "vendor error",
            answer: Answer::json(
                200,
                json!({"Response": {
                    "Error": {"Code": "InvalidParameter", "Message": "OpenId already bound"},
                    "RequestId": "tc-req-err"
                }}),
            ),
            expect: Expect::Vendor("InvalidParameter"),
        },
        SimpleScenario {
            name: "vendor error on HTTP 500",
            answer: Answer::json(
                500,
                json!({"Response": {
                    "Error": {"Code": "InternalError", "Message": "try again later"},
                    "RequestId": "tc-req-500"
                }}),
            ),
            expect: Expect::Vendor("InternalError"),
        },
        SimpleScenario {
            name: "gateway 502",
            answer: bad_gateway(),
            expect: Expect::Http(502),
        },
        SimpleScenario {
            name: "malformed",
            answer: Answer::raw(
                200,
                r#"{"Response":{"RequestId":"tc-req-cut","Status":"#,
                "application/json",
            ),
            expect: Expect::Decode,
        },
        SimpleScenario {
            name: "wrong-typed",
            answer: Answer::json(
                200,
                json!({"Response": {"RequestId": "tc-req-typed", "Status": "1"}}),
            ),
            expect: Expect::Decode,
        },
    ];
    for scenario in &scenarios {
        let server = MockServer::start().await;
        mount(&server, "/", &scenario.answer).await;
        let client = tencent_client(&server.uri());
        let label = format!("tencent_ess [{}]", scenario.name);
        capture.debug(&format!("{label} client"), &client);
        let result = capture
            .call(
                &label,
                &request,
                client.bind_employee_user_id_with_client_open_id(&request),
            )
            .await;
        scenario.expect.check(&label, &result.map(drop));

        // The session token is sent (as a header); the secret key never is.
        let sent = common::only_request(&server).await;
        assert_eq!(
            common::required_header(&sent, "x-tc-token"),
            TENCENT_SESSION_TOKEN
        );
        let authorization = common::required_header(&sent, "authorization");
        assert!(authorization.contains(TENCENT_SECRET_ID), "{authorization}");
        common::assert_hides(
            "the request Tencent received",
            &format!("{authorization}\n{}", String::from_utf8_lossy(&sent.body)),
            &[TENCENT_SECRET_KEY],
        );
    }

    let label = "tencent_ess [connection refused]";
    let client = tencent_client(&refused_base_url());
    let result = capture
        .call(
            label,
            &request,
            client.bind_employee_user_id_with_client_open_id(&request),
        )
        .await;
    Expect::Transport.check(label, &result.map(drop));

    let slow = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .mount(&slow)
        .await;
    let label = "tencent_ess [timeout]";
    let client = tencent_client(&slow.uri()).with_timeout(Duration::from_millis(100));
    let result = capture
        .call(
            label,
            &request,
            client.bind_employee_user_id_with_client_open_id(&request),
        )
        .await;
    Expect::Timeout.check(label, &result.map(drop));

    let label = "tencent_ess [invalid OpenId]";
    let invalid = tencent_request("not valid!");
    let result = capture
        .call(
            label,
            &invalid,
            client.bind_employee_user_id_with_client_open_id(&invalid),
        )
        .await;
    Expect::InvalidRequest.check(label, &result.map(drop));

    assert_nothing_leaks(
        "tencent_ess",
        &capture,
        SECRETS,
        &[
            TENCENT_SECRET_ID,
            "[redacted]",
            "InvalidParameter",
            "InternalError",
            "tc-req-err",
            "BindEmployeeUserIdWithClientOpenId",
        ],
        &[
            "span bindery.call",
            "provider=tencent_ess",
            "operation=BindEmployeeUserIdWithClientOpenId",
            "vendor.code=InvalidParameter",
            "request_id=tc-req-err",
            "request body",
            "response body",
        ],
    );
}

// ---------------------------------------------------------------------------
// Credential values on their own, runtime-level clients and builders, configuration errors.

/// A token source that needs no server: the fetch hands out the LEAK tokens.
fn fixed_token(
    _: bindery::runtime::Client<Fxiaoke>,
    _: AppCredentials,
    scheme: AuthKind,
) -> TokenFuture {
    Box::pin(async move {
        Ok(match scheme {
            AuthKind::FxiaokeBody => Token::new(CORP_ACCESS_TOKEN, Duration::from_secs(7200))
                .with_field("corpId", CORP_ID),
            _ => Token::new(ACCESS_TOKEN, Duration::from_secs(7200))
                .with_field("ea", EA)
                // A credential-looking field is masked by Token's Debug all the same.
                .with_field("refreshToken", STATIC_ACCESS_TOKEN),
        })
    })
}

struct Shown<'a>(&'a dyn fmt::Display);

impl Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

#[tokio::test]
async fn credential_values_and_configuration_errors_never_show_secrets() {
    install_recorder();
    let mut capture = Capture::default();

    for secret in SECRETS {
        let secret = Secret::new(*secret);
        capture.debug("Secret", &secret);
        capture.debug("Secret Display", &Shown(&secret));
    }
    capture.debug("AppCredentials", &app_credentials());
    capture.debug("Operator", &operator());
    capture.debug("fxiaoke static Credentials", &fxiaoke_static_credentials());
    capture.debug("mingdao Credentials", &mingdao_credentials());
    capture.debug("tencent Credentials", &tencent_credentials());
    let token = Token::new(ACCESS_TOKEN, Duration::from_secs(7200))
        .with_field("ea", EA)
        .with_field("corpAccessToken", CORP_ACCESS_TOKEN);
    capture.debug("Token", &token);

    // A runtime-level client whose app credentials fetch through `fixed_token`.
    let server = MockServer::start().await;
    mount(&server, FX_MAPPER, &fxiaoke_success(FX_MAPPER)).await;
    mount(&server, FX_GET, &fxiaoke_success(FX_GET)).await;
    let credentials = fxiaoke::Credentials::from_app(app_credentials(), operator(), fixed_token);
    capture.debug("fxiaoke app Credentials before", &credentials);
    let builder = bindery::runtime::Client::builder(Fxiaoke, &server.uri())
        .credentials(credentials.clone())
        .retry(RetryPolicy::none())
        .rate_limiting(false)
        .log_bodies(true);
    capture.debug("runtime fxiaoke ClientBuilder", &builder);
    let client = builder.build().expect("client builds");
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let result = capture
        .call(
            "runtime fxiaoke getMapperObjectId",
            &request,
            client.call::<_, fxiaoke::er::GetMapperObjectIdResponse>(
                &fxiaoke::operations::GET_MAPPER_OBJECT_ID,
                &request,
            ),
        )
        .await;
    Expect::Ok.check("runtime fxiaoke getMapperObjectId", &result.map(drop));
    let request = DataGetRequest::new(GetData::new("AccountObj", "rec-1"));
    let result = capture
        .call(
            "runtime fxiaoke dataGet",
            &request,
            client
                .call::<_, fxiaoke::crm::DataGetResponse>(&fxiaoke::operations::DATA_GET, &request),
        )
        .await;
    Expect::Ok.check("runtime fxiaoke dataGet", &result.map(drop));
    assert_eq!(credentials.token_fetches(), 2, "one fetch per scheme");
    capture.debug("fxiaoke app Credentials after", &credentials);
    capture.debug("runtime fxiaoke Client", &client);
    let sent = common::received(&server).await;
    assert!(
        sent.iter()
            .any(|r| common::header(r, "authorization") == Some(&*format!("Bearer {ACCESS_TOKEN}"))),
        "the fetched token was used"
    );

    let mingdao_builder = bindery::runtime::Client::builder(
        bindery::runtime::mingdao::Mingdao,
        bindery::runtime::mingdao::DEFAULT_BASE_URL,
    )
    .credentials(mingdao_credentials());
    capture.debug("runtime mingdao ClientBuilder", &mingdao_builder);
    capture.debug(
        "runtime mingdao Client",
        &mingdao_builder.build().expect("client builds"),
    );
    let tencent_builder = bindery::runtime::Client::builder(
        bindery::runtime::tencent::TencentCloud::new("ess", "2020-11-11"),
        bindery::runtime::tencent::ESS_BASE_URL,
    )
    .credentials(tencent_credentials());
    capture.debug("runtime tencent ClientBuilder", &tencent_builder);
    capture.debug(
        "runtime tencent Client",
        &tencent_builder.build().expect("client builds"),
    );

    // Clients that cannot be built: the error names the problem, not the credentials.
    let errors = [
        fxiaoke::Client::builder()
            .base_url("not a url")
            .credentials(fxiaoke_static_credentials())
            .build()
            .map(drop),
        fxiaoke::Client::builder()
            .base_url("ftp://127.0.0.1/")
            .app_credentials(app_credentials(), operator())
            .build()
            .map(drop),
        mingdao::Client::builder()
            .base_url("http://user:pw@127.0.0.1/")
            .credentials(mingdao_credentials())
            .build()
            .map(drop),
        tencent_ess::Client::builder()
            .base_url("http://127.0.0.1/")
            .timeout(Duration::ZERO)
            .credentials(tencent_credentials())
            .build()
            .map(drop),
    ];
    for (index, result) in errors.iter().enumerate() {
        let label = format!("configuration error #{index}");
        capture.calls += 1;
        capture.result(&label, result);
        assert!(
            matches!(result, Err(Error::Config { .. })),
            "{label}: {result:?}"
        );
    }

    assert_nothing_leaks(
        "credentials",
        &capture,
        SECRETS,
        &[
            APP_ID,
            EA,
            CORP_ID,
            MINGDAO_APP_KEY,
            TENCENT_SECRET_ID,
            "[redacted]",
            "corpAccessToken",
            "base URL",
        ],
        &["span bindery.call", "operation=getMapperObjectId"],
    );
}
