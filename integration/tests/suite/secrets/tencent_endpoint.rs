//! Tencent Cloud e-Sign's one endpoint through the shared answers: neither the secret key nor
//! the session token shows; the TC3 `Authorization` may.

use super::*;

/// The answers the e-Sign endpoint gives, one server each.
fn tencent_scenarios() -> Vec<SimpleScenario> {
    vec![
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
    ]
}

#[tokio::test]
async fn tencent_ess_endpoint_never_shows_the_secret_key_or_token() {
    install_recorder();
    let mut capture = Capture::default();
    capture.debug("tencent credentials", &tencent_credentials());
    let request = tencent_request("n9527");

    let scenarios = tencent_scenarios();
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
