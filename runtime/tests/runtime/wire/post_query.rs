//! Query parameters on a `POST` (`Operation::query`): the named fields leave the body for
//! the URL, before what the protocol adds itself (Fxiaoke's `thirdTraceId`); Mingdao's signed
//! fields stay in the body of a `POST`, as the vendor says.

use bindery_runtime::{AuthKind, Method, Operation, Validate, Violation, fxiaoke};
use serde::Serialize;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::fxiaoke::fxiaoke_client;
use super::mingdao::mingdao_client;
use crate::support::{FX_ENVELOPE, MD_ENVELOPE, only_request};

static FX_POST_QUERY: Operation = Operation {
    provider: "fxiaoke",
    name: "crm.v2.data.query",
    method: Method::Post,
    path: "/cgi/crm/v2/data/query",
    action: None,
    auth: Some(AuthKind::FxiaokeHeader),
    idempotent: true,
    envelope: &FX_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &["objectApiName", "ids"],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

static MD_POST_QUERY: Operation = Operation {
    provider: "mingdao",
    name: "getSubordinates",
    method: Method::Post,
    path: "/v2/open/structure/getSubordinates",
    action: None,
    auth: Some(AuthKind::MingdaoSign),
    idempotent: true,
    envelope: &MD_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &["pageIndex"],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Search {
    // Declared in another order than `query` lists them: the URL follows `query`.
    ids: Vec<String>,
    object_api_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_index: Option<i32>,
    keyword: String,
}

impl Validate for Search {
    fn validate(&self) -> Result<(), Violation> {
        Ok(())
    }
}

async fn server(at: &str, answer: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_post_query_goes_in_the_url_before_the_trace_id() {
    let server = server(
        "/cgi/crm/v2/data/query",
        json!({"errorCode": 0, "errorMessage": "OK"}),
    )
    .await;
    let client = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_access_token("AT-1", "ea-9", "1000"),
    );
    let request = Search {
        ids: vec!["a".into(), "b c".into()],
        object_api_name: "AccountObj".into(),
        page_index: None,
        keyword: "张".into(),
    };
    let _: Value = client
        .call(&FX_POST_QUERY, &request)
        .await
        .expect("success");
    let received = only_request(&server).await;
    let query = received.url.query().expect("a query").to_owned();
    let (ours, trace) = query.split_once("&thirdTraceId=").expect("trace id last");
    assert_eq!(ours, "objectApiName=AccountObj&ids=a&ids=b+c");
    uuid::Uuid::parse_str(trace).expect("the trace id is a UUID");
    let body: Value = serde_json::from_slice(&received.body).expect("JSON body");
    assert_eq!(body, json!({"keyword": "张"}));
}

#[tokio::test]
async fn mingdao_signs_a_post_in_the_body_and_sends_its_query_in_the_url() {
    let server = server(
        "/generalintegrate/v2/open/structure/getSubordinates",
        json!({"code": 1, "message": ""}),
    )
    .await;
    let request = Search {
        ids: vec![],
        object_api_name: "x".into(),
        page_index: Some(2),
        keyword: "k".into(),
    };
    let _: Value = mingdao_client(&server)
        .call(&MD_POST_QUERY, &request)
        .await
        .expect("success");
    let received = only_request(&server).await;
    assert_eq!(received.url.query(), Some("pageIndex=2"));
    let body: Value = serde_json::from_slice(&received.body).expect("JSON body");
    let keys: Vec<&str> = body
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "appKey",
        "sign",
        "timestamp",
        "projectId",
        "ids",
        "objectApiName",
        "keyword",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    assert!(!keys.contains(&"pageIndex"), "{keys:?}");
}
