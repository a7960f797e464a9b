//! Mingdao's one endpoint through the shared answers: the secret key never shows, the `sign`
//! may.

use super::*;

/// The answers Mingdao's endpoint gives, one server each.
fn mingdao_scenarios() -> Vec<SimpleScenario> {
    vec![
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
    ]
}

#[tokio::test]
async fn mingdao_endpoint_never_shows_the_secret_key() {
    install_recorder();
    let mut capture = Capture::default();
    capture.debug("mingdao credentials", &mingdao_credentials());
    let request =
        GetUserRelationsRequest::new(vec!["wecom-zhangsan".into(), "dingtalk-李四".into()]);

    let scenarios = mingdao_scenarios();
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
