//! Mingdao on the wire: signed fields in the body (POST) or the query (GET).

use bindery_runtime::validate::rules;
use bindery_runtime::{AuthKind, Client, Method, Operation, Validate, Violation, mingdao};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{MD_BASE_URL, MD_ENVELOPE, header, only_request, query};

pub(super) static GET_USER_RELATIONS: Operation = Operation {
    provider: "mingdao",
    name: "getUserRelations",
    method: Method::Post,
    path: "/v2/user/getUserRelations",
    action: None,
    auth: Some(AuthKind::MingdaoSign),
    idempotent: true,
    envelope: &MD_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

static GET_USER_RELATION: Operation = Operation {
    provider: "mingdao",
    name: "getUserRelation",
    method: Method::Get,
    path: "/v2/user/getUserRelation",
    action: None,
    auth: Some(AuthKind::MingdaoSign),
    idempotent: true,
    envelope: &MD_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct UserRelationsRequest {
    pub(super) corp_user_ids: Vec<String>,
}

impl Validate for UserRelationsRequest {
    fn validate(&self) -> Result<(), Violation> {
        rules::items("corpUserIds", self.corp_user_ids.len(), Some(1), None)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserRelation {
    corp_user_id: String,
    account_id: String,
}

#[derive(Debug, Deserialize)]
struct UserRelations {
    data: Vec<UserRelation>,
}

pub(super) fn mingdao_client(server: &MockServer) -> Client<mingdao::Mingdao> {
    Client::builder(mingdao::Mingdao, MD_BASE_URL)
        .base_url(format!("{}/generalintegrate", server.uri()))
        .credentials(mingdao::Credentials::new("ak-1", "SK-SECRET", "proj-1"))
        .build()
        .unwrap()
}

#[tokio::test]
async fn mingdao_post_carries_signed_fields_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/generalintegrate/v2/user/getUserRelations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"corpUserId": "u1", "projectId": "proj-1", "accountId": "acc-1"}],
            "code": 1, "message": ""
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = mingdao_client(&server);
    let answer: UserRelations = client
        .call(
            &GET_USER_RELATIONS,
            &UserRelationsRequest {
                corp_user_ids: vec!["u1".into()],
            },
        )
        .await
        .unwrap();
    assert_eq!(answer.data[0].corp_user_id, "u1");
    assert_eq!(answer.data[0].account_id, "acc-1");

    let sent = only_request(&server).await;
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert!(sent.url.query().is_none());
    let body: Value = sent.body_json().unwrap();
    let timestamp = body["timestamp"]
        .as_i64()
        .expect("timestamp is a JSON number");
    let expected_sign = mingdao::sign("ak-1", "SK-SECRET", timestamp);
    assert_eq!(
        body,
        json!({
            "corpUserIds": ["u1"], "appKey": "ak-1", "sign": expected_sign,
            "timestamp": timestamp, "projectId": "proj-1"
        })
    );
    assert!(!String::from_utf8_lossy(&sent.body).contains("SK-SECRET"));
}

#[tokio::test]
async fn mingdao_get_carries_signed_fields_in_the_query() {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct UserRelationRequest {
        corp_user_id: String,
        tags: Vec<&'static str>,
    }
    impl Validate for UserRelationRequest {
        fn validate(&self) -> Result<(), Violation> {
            Ok(())
        }
    }

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/generalintegrate/v2/user/getUserRelation"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"code": 10001, "message": "not found"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = mingdao_client(&server);
    let err = client
        .call::<_, Value>(
            &GET_USER_RELATION,
            &UserRelationRequest {
                corp_user_id: "u 1&x".into(),
                tags: vec!["a", "b"],
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.vendor().map(|v| v.message.as_str()), Some("not found"));
    assert_eq!(err.vendor_code(), Some("10001"));

    let sent = only_request(&server).await;
    assert!(sent.body.is_empty());
    let pairs = query(&sent);
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "corpUserId",
            "tags",
            "tags",
            "appKey",
            "sign",
            "timestamp",
            "projectId"
        ]
    );
    assert_eq!(pairs[0].1, "u 1&x");
    assert_eq!((pairs[1].1.as_str(), pairs[2].1.as_str()), ("a", "b"));
    let timestamp: i64 = pairs[5].1.parse().unwrap();
    assert_eq!(pairs[4].1, mingdao::sign("ak-1", "SK-SECRET", timestamp));
    assert_eq!(
        (pairs[3].1.as_str(), pairs[6].1.as_str()),
        ("ak-1", "proj-1")
    );
}
