//! Every Fxiaoke endpoint, with fetched and given tokens, through every answer of the local
//! server: no secret shows, and the wire carried each where it belongs.

use super::*;

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

/// Calls both token endpoints; their outcomes, the fetched secrets checked intact.
async fn call_token_endpoints(
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
    outcomes
}

/// Reads `data_query_stream` to its end (at most 10 records), capturing every item.
async fn drain_stream(
    client: &fxiaoke::Client,
    request: &DataQueryRequest,
    capture: &mut Capture,
    label: &str,
) -> Result<(), Error> {
    capture.calls += 1;
    capture.debug(&format!("{label} dataQueryStream request"), request);
    let mut stream = client.data_query_stream(request);
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
    stream_outcome
}

/// Calls every Fxiaoke endpoint once; the outcomes by vendor operation name (the stream as
/// `dataQueryStream`).
async fn call_every_fxiaoke_endpoint(
    client: &fxiaoke::Client,
    capture: &mut Capture,
    label: &str,
) -> Vec<(&'static str, Result<(), Error>)> {
    let mut outcomes = call_token_endpoints(client, capture, label).await;

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

    let stream_outcome = drain_stream(client, &request, capture, label).await;
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

/// The scenarios whose endpoints answer as a vendor would: success, vendor errors, and token
/// endpoints that fail while holding the token.
fn vendor_scenarios() -> Vec<FxScenario> {
    vec![
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
    ]
}

/// The scenarios of broken answers: a gateway, malformed JSON, endpoints echoing the
/// request's credentials.
fn broken_scenarios(quick_retry: RetryPolicy) -> Vec<FxScenario> {
    vec![
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
    ]
}

/// Calls every endpoint of `scenario`'s server with app credentials and with static tokens,
/// capturing everything, and the browser URL with a good and a rejected request.
async fn run_scenario(scenario: &FxScenario, capture: &mut Capture) {
    let server = fxiaoke_server(scenario).await;
    let app = fxiaoke_app_client(server.uri(), scenario.retry);
    let fixed = fxiaoke_static_client(server.uri(), scenario.retry);
    for (kind, client, others) in [
        ("app credentials", &app, scenario.app),
        ("static tokens", &fixed, scenario.fixed),
    ] {
        let label = format!("fxiaoke [{}] [{kind}]", scenario.name);
        capture.debug(&format!("{label} client before"), client);
        let outcomes = call_every_fxiaoke_endpoint(client, capture, &label).await;
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

/// Nobody listening, no answer in time, no acting employee: each call fails, captured.
async fn unreachable_and_unauthorised_calls(capture: &mut Capture) {
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
}

#[tokio::test]
async fn fxiaoke_endpoints_never_show_secrets() {
    install_recorder();
    let mut capture = Capture::default();
    let quick_retry = RetryPolicy::new()
        .with_max_attempts(2)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5));

    for scenario in vendor_scenarios()
        .iter()
        .chain(&broken_scenarios(quick_retry))
    {
        run_scenario(scenario, &mut capture).await;
    }
    unreachable_and_unauthorised_calls(&mut capture).await;

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
