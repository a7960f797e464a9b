//! Typed stubs, closures, sequences for retry tests, named examples, expectations and the
//! journal.

use bindery::tencent_ess::types::UserInfo;
use bindery::tencent_ess::{
    Client, Credentials, DescribeFlowBriefsRequest as Briefs,
    DescribeFlowBriefsResponse as BriefsAnswer,
};
use bindery_mock::{MockServer, Reply, Verdict, tencent};

use crate::{CALL_TIMEOUT, quick_retries};

fn provider() -> &'static bindery::runtime::served::ServedProvider {
    &bindery::tencent_ess::mock::PROVIDER
}

fn client(mock: &MockServer) -> Client {
    Client::builder()
        .base_url(mock.uri())
        .credentials(Credentials::new(tencent::SECRET_ID, tencent::SECRET_KEY))
        .timeout(CALL_TIMEOUT)
        .retry(quick_retries())
        .build()
        .expect("client builds")
}

fn briefs(ids: &[&str]) -> Briefs {
    Briefs::new(
        UserInfo::new().user_id("yDxVwUyKQWho8CUuO4zjEyQOAgwvr4Zy"),
        ids.iter().map(|id| (*id).to_owned()).collect(),
    )
}

#[tokio::test]
async fn the_default_answer_is_the_first_success_example() {
    let mock = MockServer::start(provider()).await;
    let answer = client(&mock)
        .describe_flow_briefs(&briefs(&["a"]))
        .await
        .unwrap();
    assert_eq!(answer.flow_briefs.len(), 2);
    assert_eq!(answer.flow_briefs[0].flow_name, "张三的入职合同");
    crate::assert_fresh_request_id(answer.request_id.as_deref(), "s123456789");
}

#[tokio::test]
async fn a_typed_response_is_wrapped_in_the_envelope() {
    let mock = MockServer::start(provider()).await;
    let _ = mock.on::<Briefs>().respond(BriefsAnswer::new(Vec::new()));
    let answer = client(&mock)
        .describe_flow_briefs(&briefs(&["a"]))
        .await
        .unwrap();
    assert!(answer.flow_briefs.is_empty());
    let id = answer.request_id.expect("the mock adds a request id");
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
}

#[tokio::test]
async fn a_closure_sees_the_typed_request() {
    let mock = MockServer::start(provider()).await;
    let _ = mock.on::<Briefs>().respond_with(|request: &Briefs| {
        BriefsAnswer::new(Vec::new()).request_id(request.flow_ids.join(","))
    });
    let answer = client(&mock)
        .describe_flow_briefs(&briefs(&["f1", "f2"]))
        .await
        .unwrap();
    assert_eq!(answer.request_id.as_deref(), Some("f1,f2"));
}

#[tokio::test]
async fn a_sequence_of_failures_then_success_is_retried_through() {
    let mock = MockServer::start(provider()).await;
    let _ = mock
        .on::<Briefs>()
        .fail(2, 503)
        .then(Reply::ok(&BriefsAnswer::new(Vec::new())))
        .expect(3);
    let answer = client(&mock)
        .describe_flow_briefs(&briefs(&["a"]))
        .await
        .expect("the third attempt succeeds");
    assert!(answer.flow_briefs.is_empty());
    assert_eq!(mock.calls::<Briefs>(), 3);
    let statuses: Vec<_> = mock
        .journal()
        .iter()
        .map(|entry| entry.verdict.clone())
        .collect();
    assert_eq!(
        statuses,
        [
            Verdict::Answered { status: 503 },
            Verdict::Answered { status: 503 },
            Verdict::Answered { status: 200 }
        ]
    );
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn counted_vendor_errors_then_the_example() {
    let mock = MockServer::start(provider()).await;
    let _ = mock
        .on::<Briefs>()
        .times(1, Reply::error("RequestLimitExceeded", "slow down"));
    // Throttling is retried by the client: the second attempt gets the example.
    let answer = client(&mock)
        .describe_flow_briefs(&briefs(&["a"]))
        .await
        .unwrap();
    assert_eq!(answer.flow_briefs.len(), 2);
    assert_eq!(mock.calls::<Briefs>(), 2);
    assert_eq!(mock.journal()[0].verdict, Verdict::Answered { status: 200 });
}

#[tokio::test]
async fn an_error_example_is_answered_by_name() {
    use bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdRequest as Bind;
    let mock = MockServer::start(provider()).await;
    let _ = mock.on::<Bind>().then(Reply::example("already_bound"));
    let request = Bind::new(UserInfo::new().user_id("u"), "u2", "n9527");
    let error = client(&mock)
        .bind_employee_user_id_with_client_open_id(&request)
        .await
        .unwrap_err();
    assert_eq!(error.vendor_code(), Some("InvalidParameter"));
    crate::assert_fresh_request_id(error.request_id(), "535482ad-caa5-4302-909c-de054bf4df99");
}

#[tokio::test]
async fn the_journal_keeps_typed_requests_in_order() {
    let mock = MockServer::start(provider()).await;
    let client = client(&mock);
    for ids in [&["a"][..], &["b", "c"]] {
        client.describe_flow_briefs(&briefs(ids)).await.unwrap();
    }
    assert_eq!(
        mock.received::<Briefs>(),
        [briefs(&["a"]), briefs(&["b", "c"])]
    );
    assert_eq!(mock.calls_to("DescribeFlowBriefs"), 2);
    assert_eq!(
        mock.journal()[1].fields()["FlowIds"],
        serde_json::json!(["b", "c"])
    );
}

#[tokio::test]
async fn a_journal_limit_keeps_the_latest_requests_and_every_count() {
    let mock = MockServer::builder(provider())
        .journal_limit(1)
        .start()
        .await
        .unwrap();
    let _ = mock.on::<Briefs>().expect(3);
    let client = client(&mock);
    for id in ["a", "b", "c"] {
        client.describe_flow_briefs(&briefs(&[id])).await.unwrap();
    }
    assert_eq!(mock.journal().len(), 1);
    assert_eq!(mock.received::<Briefs>(), [briefs(&["c"])]);
    assert_eq!(mock.calls::<Briefs>(), 3);
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
#[should_panic(
    expected = "`DescribeFlowBriefs`: expected 1 request(s) past authentication, received 0"
)]
async fn an_unmet_expectation_fails_the_test_when_the_server_drops() {
    let mock = MockServer::start(provider()).await;
    let _ = mock.on::<Briefs>().expect(1);
}

#[tokio::test]
async fn a_met_expectation_passes_on_drop() {
    let mock = MockServer::start(provider()).await;
    let _ = mock.on::<Briefs>().expect(1);
    let unmet = mock.verify().unwrap_err();
    assert!(
        unmet.contains("expected 1 request(s) past authentication, received 0"),
        "{unmet}"
    );
    client(&mock)
        .describe_flow_briefs(&briefs(&["a"]))
        .await
        .unwrap();
    assert_eq!(mock.verify(), Ok(()));
}

#[tokio::test]
async fn a_panicking_closure_answers_500_and_fails_verify() {
    let mock = MockServer::start(provider()).await;
    mock.on::<Briefs>()
        .reply_with(|_| panic!("the test's own bug"));
    let error = client(&mock)
        .describe_flow_briefs(&briefs(&["a"]))
        .await
        .unwrap_err();
    assert_eq!(error.http_status(), Some(500), "{error}");
    let unmet = mock.verify().unwrap_err();
    assert!(
        unmet.contains("the stub of `DescribeFlowBriefs` panicked: the test's own bug"),
        "{unmet}"
    );
    std::mem::forget(mock); // dropping it would fail this test, as it should fail the user's
}

#[tokio::test]
#[should_panic(
    expected = "`getUser` is an endpoint of `mingdao`, not of this `tencent_ess` server"
)]
async fn a_request_type_of_another_provider_is_a_mistake_named_at_once() {
    let mock = MockServer::start(provider()).await;
    let _ = mock.received::<bindery::mingdao::user::GetUserRequest>();
}
