//! What each protocol puts on the wire, against a local mock server.

use bindery_runtime::validate::rules;
use bindery_runtime::{
    AuthKind, Client, Error, Method, Operation, Secret, Validate, Violation, fxiaoke, mingdao,
    tencent,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// ---------- shared helpers ----------

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

fn query(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

// ---------- Fxiaoke ----------

static GET_MAPPER_OBJECT_ID: Operation = Operation {
    provider: "fxiaoke",
    name: "getMapperObjectId",
    method: Method::Post,
    path: "/cgi/er/enterpriseRelation/getMapperObjectId",
    action: None,
    auth: Some(AuthKind::FxiaokeHeader),
    idempotent: true,
    envelope: &fxiaoke::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};

static CRM_GET: Operation = Operation {
    provider: "fxiaoke",
    name: "crm.v2.data.get",
    method: Method::Post,
    path: "/cgi/crm/v2/data/get",
    action: None,
    auth: Some(AuthKind::FxiaokeBody),
    idempotent: true,
    envelope: &fxiaoke::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};

static CORP_TOKEN: Operation = Operation {
    provider: "fxiaoke",
    name: "corpAccessToken.get.V2",
    method: Method::Post,
    path: "/cgi/corpAccessToken/get/V2",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &fxiaoke::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};

static AUTHORIZE: Operation = Operation {
    provider: "fxiaoke",
    name: "authorize",
    method: Method::Get,
    path: "/er/oauth/authorize",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &fxiaoke::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MapperRequest {
    object_api_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    downstream_outer_tenant_id: Option<i64>,
}

impl Validate for MapperRequest {
    fn validate(&self) -> Result<(), Violation> {
        static API_NAME: bindery_runtime::Pattern =
            bindery_runtime::Pattern::new("AccountObj|PartnerObj");
        rules::pattern("objectApiName", &self.object_api_name, &API_NAME)
    }
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
struct MapperResponse {
    mapper_id: String,
    trace_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GetData {
    data_object_api_name: String,
    object_data_id: String,
}

#[derive(Serialize)]
struct CrmGetRequest {
    data: GetData,
}

impl Validate for CrmGetRequest {
    fn validate(&self) -> Result<(), Violation> {
        rules::length("objectDataId", &self.data.object_data_id, Some(1), None)
            .map_err(|v| v.within("data"))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CorpTokenRequest {
    app_id: String,
    app_secret: Secret,
    permanent_code: Secret,
}

impl Validate for CorpTokenRequest {
    fn validate(&self) -> Result<(), Violation> {
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CorpTokenResponse {
    corp_access_token: Secret,
    corp_id: String,
    expires_in: i64,
}

fn fxiaoke_client(
    server: &MockServer,
    credentials: fxiaoke::Credentials,
) -> Client<fxiaoke::Fxiaoke> {
    Client::builder(fxiaoke::Fxiaoke, fxiaoke::DEFAULT_BASE_URL)
        .base_url(format!("{}/", server.uri()))
        .credentials(credentials)
        .build()
        .expect("valid settings")
}

fn assert_fresh_trace_id(request: &Request) -> String {
    let pairs = query(request);
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    assert_eq!(pairs[0].0, "thirdTraceId");
    let id = uuid::Uuid::parse_str(&pairs[0].1).expect("a UUID");
    assert_eq!(id.get_version(), Some(uuid::Version::Random), "{id}");
    pairs[0].1.clone()
}

#[tokio::test]
async fn fxiaoke_header_scheme_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/er/enterpriseRelation/getMapperObjectId"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "traceId": "E-O.827", "errorDescription": "success", "errorMessage": "OK",
            "errorCode": 0, "mapperId": "12345"
        })))
        .expect(2)
        .mount(&server)
        .await;
    let client = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_access_token("AT-123", "ea-9", "1000"),
    );
    let request = MapperRequest {
        object_api_name: "PartnerObj".into(),
        downstream_outer_tenant_id: Some(300_013_389),
    };
    let answer: MapperResponse = client.call(&GET_MAPPER_OBJECT_ID, &request).await.unwrap();
    assert_eq!(
        answer,
        MapperResponse {
            mapper_id: "12345".into(),
            trace_id: Some("E-O.827".into())
        }
    );
    let _: MapperResponse = client.call(&GET_MAPPER_OBJECT_ID, &request).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let first = &requests[0];
    assert_eq!(header(first, "authorization"), Some("Bearer AT-123"));
    assert_eq!(header(first, "x-fs-ea"), Some("ea-9"));
    assert_eq!(header(first, "x-fs-userid"), Some("1000"));
    assert_eq!(header(first, "content-type"), Some("application/json"));
    assert_eq!(
        first.body_json::<Value>().unwrap(),
        json!({"objectApiName": "PartnerObj", "downstreamOuterTenantId": 300013389})
    );
    // Fresh on every call.
    assert_ne!(
        assert_fresh_trace_id(first),
        assert_fresh_trace_id(&requests[1])
    );
}

#[tokio::test]
async fn fxiaoke_body_scheme_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK", "data": {"_id": "abc", "name": "n"}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_corp_access_token("CAT-1", "corp-1", "FSUID_1"),
    );
    let request = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: "abc".into(),
        },
    };
    let answer: Value = client.call(&CRM_GET, &request).await.unwrap();
    assert_eq!(answer["data"]["_id"], "abc");

    let sent = only_request(&server).await;
    assert_fresh_trace_id(&sent);
    assert_eq!(header(&sent, "authorization"), None);
    assert_eq!(header(&sent, "x-fs-ea"), None);
    let body: Value = sent.body_json().unwrap();
    assert_eq!(
        body,
        json!({
            "data": {"dataObjectApiName": "AccountObj", "objectDataId": "abc"},
            "corpAccessToken": "CAT-1", "corpId": "corp-1", "currentOpenUserId": "FSUID_1"
        })
    );
}

#[tokio::test]
async fn fxiaoke_unauthenticated_token_call_and_vendor_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/corpAccessToken/get/V2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "success",
            "corpAccessToken": "NEW-TOKEN", "corpId": "corp-1", "expiresIn": 7200
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 20016, "errorMessage": "corpAccessToken is expired", "traceId": "E-O.5"
        })))
        .expect(1)
        .mount(&server)
        .await;
    // No credentials at all: fine for an operation without auth.
    let client = Client::builder(fxiaoke::Fxiaoke, &server.uri())
        .build()
        .unwrap();
    let request = CorpTokenRequest {
        app_id: "FSAID_1".into(),
        app_secret: "APP-SECRET".into(),
        permanent_code: "PERM".into(),
    };
    let token: CorpTokenResponse = client.call(&CORP_TOKEN, &request).await.unwrap();
    assert_eq!(token.corp_access_token.expose(), "NEW-TOKEN");
    assert_eq!((token.corp_id.as_str(), token.expires_in), ("corp-1", 7200));
    let requests = server.received_requests().await.unwrap();
    assert_fresh_trace_id(&requests[0]);
    assert_eq!(header(&requests[0], "authorization"), None);
    assert_eq!(
        requests[0].body_json::<Value>().unwrap(),
        json!({"appId": "FSAID_1", "appSecret": "APP-SECRET", "permanentCode": "PERM"})
    );

    let client = client.with_credentials(fxiaoke::Credentials::new().with_corp_access_token(
        token.corp_access_token,
        "corp-1",
        "FSUID_1",
    ));
    let request = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: "abc".into(),
        },
    };
    let err = client
        .call::<_, Value>(&CRM_GET, &request)
        .await
        .unwrap_err();
    assert_eq!(err.vendor_code(), Some(fxiaoke::CORP_ACCESS_TOKEN_EXPIRED));
    assert_eq!(err.request_id(), Some("E-O.5"));
    assert!(err.to_string().contains("crm.v2.data.get"), "{err}");
}

#[tokio::test]
async fn invalid_request_and_missing_credentials_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;

    let with_token = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_access_token("AT", "ea", "1000"),
    );
    let bad = MapperRequest {
        object_api_name: "LeadsObj".into(),
        downstream_outer_tenant_id: None,
    };
    match with_token
        .call::<_, Value>(&GET_MAPPER_OBJECT_ID, &bad)
        .await
        .unwrap_err()
    {
        Error::InvalidRequest {
            provider,
            operation,
            field,
            rule,
        } => {
            assert_eq!((provider, operation), ("fxiaoke", "getMapperObjectId"));
            assert_eq!(field, "objectApiName");
            assert_eq!(rule, "must match AccountObj|PartnerObj");
        }
        other => panic!("unexpected {other:?}"),
    }
    let empty_id = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: String::new(),
        },
    };
    let err = with_token
        .call::<_, Value>(&CRM_GET, &empty_id)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest { field, .. } if field == "data.objectDataId"),
        "{err:?}"
    );

    // Header-scheme credentials cannot serve a body-scheme operation.
    let request = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: "x".into(),
        },
    };
    let err = with_token
        .call::<_, Value>(&CRM_GET, &request)
        .await
        .unwrap_err();
    match &err {
        Error::Credentials { provider, message } => {
            assert_eq!(*provider, "fxiaoke");
            assert!(message.contains("with_corp_access_token"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }

    let no_credentials = Client::builder(mingdao::Mingdao, &server.uri())
        .build()
        .unwrap();
    let err = no_credentials
        .call::<_, Value>(
            &GET_USER_RELATIONS,
            &UserRelationsRequest {
                corp_user_ids: vec!["u".into()],
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Credentials {
                provider: "mingdao",
                ..
            }
        ),
        "{err:?}"
    );

    let no_credentials = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        &server.uri(),
    )
    .build()
    .unwrap();
    let err = no_credentials
        .call::<_, Value>(&BIND, &bind_request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Credentials {
                provider: "tencent",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_local());

    // A token that cannot be a header value is refused locally, not sent.
    let broken = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_access_token("AT\nInjected: 1", "ea", "1000"),
    );
    let good = MapperRequest {
        object_api_name: "AccountObj".into(),
        downstream_outer_tenant_id: None,
    };
    let err = broken
        .call::<_, Value>(&GET_MAPPER_OBJECT_ID, &good)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Credentials { message, .. } if !message.contains("Injected")),
        "{err:?}"
    );

    server.verify().await;
}

#[test]
fn redirect_url_encodes_each_parameter() {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Authorize {
        response_type: &'static str,
        er_app_id: String,
        app_id: String,
        state: String,
        redirect_url: String,
    }
    impl Validate for Authorize {
        fn validate(&self) -> Result<(), Violation> {
            rules::length("state", &self.state, Some(8), Some(128))
        }
    }
    let client = Client::builder(fxiaoke::Fxiaoke, "https://open.fxiaoke.com/")
        .build()
        .unwrap();
    let mut request = Authorize {
        response_type: "code",
        er_app_id: "ER_1".into(),
        app_id: "FSAID_1".into(),
        state: "abcd1234".into(),
        redirect_url: "https://a.example/cb?x=1&y=2".into(),
    };
    let url = client.redirect_url(&AUTHORIZE, &request).unwrap();
    assert_eq!(
        url.as_str(),
        "https://open.fxiaoke.com/er/oauth/authorize?responseType=code&erAppId=ER_1&appId=FSAID_1\
         &state=abcd1234&redirectUrl=https%3A%2F%2Fa.example%2Fcb%3Fx%3D1%26y%3D2"
    );
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs[4],
        ("redirectUrl".into(), "https://a.example/cb?x=1&y=2".into())
    );

    request.state = "short".into();
    let err = client.redirect_url(&AUTHORIZE, &request).unwrap_err();
    assert!(
        matches!(err, Error::InvalidRequest { ref field, .. } if field == "state"),
        "{err:?}"
    );
}

// ---------- Mingdao ----------

static GET_USER_RELATIONS: Operation = Operation {
    provider: "mingdao",
    name: "getUserRelations",
    method: Method::Post,
    path: "/v2/user/getUserRelations",
    action: None,
    auth: Some(AuthKind::MingdaoSign),
    idempotent: true,
    envelope: &mingdao::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};

static GET_USER_RELATION: Operation = Operation {
    provider: "mingdao",
    name: "getUserRelation",
    method: Method::Get,
    path: "/v2/user/getUserRelation",
    action: None,
    auth: Some(AuthKind::MingdaoSign),
    idempotent: true,
    envelope: &mingdao::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserRelationsRequest {
    corp_user_ids: Vec<String>,
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

fn mingdao_client(server: &MockServer) -> Client<mingdao::Mingdao> {
    Client::builder(mingdao::Mingdao, mingdao::DEFAULT_BASE_URL)
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

// ---------- Tencent Cloud ----------

static BIND: Operation = Operation {
    provider: "tencent",
    name: "BindEmployeeUserIdWithClientOpenId",
    method: Method::Post,
    path: "/",
    action: Some("BindEmployeeUserIdWithClientOpenId"),
    auth: Some(AuthKind::Tc3HmacSha256),
    idempotent: false,
    envelope: &tencent::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct UserInfo {
    user_id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct BindRequest {
    operator: UserInfo,
    user_id: String,
    open_id: String,
}

impl Validate for BindRequest {
    fn validate(&self) -> Result<(), Violation> {
        static OPEN_ID: bindery_runtime::Pattern = bindery_runtime::Pattern::new("[A-Za-z0-9]+");
        rules::length("OpenId", &self.open_id, None, Some(64))?;
        rules::pattern("OpenId", &self.open_id, &OPEN_ID)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BindResponse {
    status: i64,
    request_id: String,
}

fn bind_request() -> BindRequest {
    BindRequest {
        operator: UserInfo {
            user_id: "yDRSRUUgygj6qnwfUuO4zjEwc193c2hH".into(),
        },
        user_id: "yDRS4UUgygqdcj56UuO4zjExBQcOiB68".into(),
        open_id: "n9527".into(),
    }
}

#[tokio::test]
async fn tencent_signs_exactly_what_it_sends() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": {"RequestId": "fc0b0a6b-01b4-4042-b236-c5356af1d5d8", "Status": 1}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        tencent::ESS_BASE_URL,
    )
    .base_url(server.uri())
    .region("ap-guangzhou")
    .language(tencent::Language::EnUs)
    .credentials(tencent::Credentials::new("AKID-1", "KEY-SECRET").with_token("TMP-TOKEN"))
    .build()
    .unwrap();
    let answer: BindResponse = client.call(&BIND, &bind_request()).await.unwrap();
    assert_eq!(answer.status, 1);
    assert_eq!(answer.request_id, "fc0b0a6b-01b4-4042-b236-c5356af1d5d8");

    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/");
    assert!(sent.url.query().is_none());
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    assert_eq!(
        header(&sent, "x-tc-action"),
        Some("BindEmployeeUserIdWithClientOpenId")
    );
    assert_eq!(header(&sent, "x-tc-version"), Some("2020-11-11"));
    assert_eq!(header(&sent, "x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(header(&sent, "x-tc-language"), Some("en-US"));
    assert_eq!(header(&sent, "x-tc-token"), Some("TMP-TOKEN"));
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({
            "Operator": {"UserId": "yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"},
            "UserId": "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
            "OpenId": "n9527"
        })
    );

    // The signature verifies over the received bytes, the Host header
    // (with its port) and the protocol's service.
    let host = header(&sent, "host").expect("a Host header").to_owned();
    assert_eq!(host, server.address().to_string());
    let timestamp: i64 = header(&sent, "x-tc-timestamp").unwrap().parse().unwrap();
    let expected = tencent::tc3_authorization(
        "AKID-1",
        "KEY-SECRET",
        "ess",
        &host,
        "application/json",
        &sent.body,
        timestamp,
    );
    assert_eq!(header(&sent, "authorization"), Some(expected.as_str()));
    assert!(expected.starts_with("TC3-HMAC-SHA256 Credential=AKID-1/"));
    assert!(expected.contains("/ess/tc3_request, SignedHeaders=content-type;host, Signature="));
}

#[tokio::test]
async fn tencent_errors_through_call() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": {
                "Error": {"Code": "InvalidParameter.OpenId", "Message": "OpenId已绑定其他UserId"},
                "RequestId": "req-2"
            }
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(502).set_body_string("<html><h1>502 Bad Gateway</h1></html>"),
        )
        .mount(&server)
        .await;
    let client = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        &server.uri(),
    )
    .credentials(tencent::Credentials::new("AKID-1", "KEY-SECRET"))
    .build()
    .unwrap();
    let err = client
        .call::<_, BindResponse>(&BIND, &bind_request())
        .await
        .unwrap_err();
    let vendor = err.vendor().expect("vendor error");
    assert_eq!(vendor.code, "InvalidParameter.OpenId");
    assert_eq!(vendor.message, "OpenId已绑定其他UserId");
    assert_eq!(vendor.request_id.as_deref(), Some("req-2"));

    let err = client
        .call::<_, BindResponse>(&BIND, &bind_request())
        .await
        .unwrap_err();
    match &err {
        Error::Http {
            status,
            snippet,
            provider,
            operation,
            attempts,
        } => {
            assert_eq!(
                (*status, *provider, *operation, *attempts),
                (502, "tencent", "BindEmployeeUserIdWithClientOpenId", 1)
            );
            assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
        }
        other => panic!("unexpected {other:?}"),
    }
    // Optional headers are left out when unset.
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| header(r, "x-tc-token").is_none() && header(r, "x-tc-region").is_none())
    );
}

// ---------- transport and configuration ----------

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // A port that was just free on loopback: connecting is refused at once.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder(fxiaoke::Fxiaoke, &format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let request = CorpTokenRequest {
        app_id: "FSAID_1".into(),
        app_secret: "APP-SECRET".into(),
        permanent_code: "PERM".into(),
    };
    let err = client
        .call::<_, Value>(&CORP_TOKEN, &request)
        .await
        .unwrap_err();
    match &err {
        Error::Transport {
            provider,
            operation,
            source,
        } => {
            assert_eq!(
                (*provider, *operation),
                ("fxiaoke", "corpAccessToken.get.V2")
            );
            assert!(source.url().is_none(), "URL must be stripped");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!err.is_timeout());
    let text = err.to_string();
    assert!(
        !text.contains("thirdTraceId") && !text.contains("APP-SECRET"),
        "{text}"
    );
}

#[test]
fn bad_base_urls_are_config_errors() {
    for bad in [
        "not a url",
        "ftp://x.example",
        "https://x.example/?q=1",
        "/relative",
    ] {
        let err = Client::builder(fxiaoke::Fxiaoke, fxiaoke::DEFAULT_BASE_URL)
            .base_url(bad)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{bad}: {err:?}");
    }
    let err = Client::builder(mingdao::Mingdao, mingdao::DEFAULT_BASE_URL)
        .timeout(std::time::Duration::ZERO)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    let client = Client::builder(mingdao::Mingdao, mingdao::DEFAULT_BASE_URL)
        .credentials(mingdao::Credentials::new("ak", "SK-SECRET", "p"))
        .http_client(bindery_runtime::reqwest::Client::new())
        .build()
        .unwrap();
    assert_eq!(
        client.base_url().as_str(),
        "https://api.mingdao.com/generalintegrate"
    );
    let debug = format!("{client:?}");
    assert!(!debug.contains("SK-SECRET"), "{debug}");
}

#[test]
fn clients_futures_and_errors_cross_threads() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Error>();
    assert_send_sync::<Client<fxiaoke::Fxiaoke>>();
    assert_send_sync::<Client<mingdao::Mingdao>>();
    assert_send_sync::<Client<tencent::TencentCloud>>();
    let client = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        tencent::ESS_BASE_URL,
    )
    .build()
    .unwrap();
    let request = bind_request();
    // Never polled: only its type matters (tokio::spawn needs it to be Send).
    let future = client.call::<_, BindResponse>(&BIND, &request);
    assert_send(&future);
}

/// Collects every span and event field as `name=value` text.
struct Capture {
    lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    next_id: std::sync::atomic::AtomicU64,
}

struct Fields<'a>(&'a mut Vec<String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut lines = self.lines.lock().unwrap();
        lines.push(format!("span {}", span.metadata().name()));
        span.record(&mut Fields(&mut lines));
        let id = self
            .next_id
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::span::Id::from_u64(id)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&mut self.lines.lock().unwrap()));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Fields(&mut self.lines.lock().unwrap()));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

/// One capture for the whole test binary. A thread-scoped subscriber would miss spans whose
/// callsites other tests (running in parallel, with no subscriber) registered first.
fn captured_traces() -> std::sync::Arc<std::sync::Mutex<Vec<String>>> {
    static LINES: std::sync::OnceLock<std::sync::Arc<std::sync::Mutex<Vec<String>>>> =
        std::sync::OnceLock::new();
    LINES
        .get_or_init(|| {
            let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            tracing::subscriber::set_global_default(Capture {
                lines: lines.clone(),
                next_id: std::sync::atomic::AtomicU64::new(1),
            })
            .expect("no other global subscriber in this test binary");
            lines
        })
        .clone()
}

#[tokio::test]
async fn traces_carry_facts_but_no_secrets_or_bodies() {
    let lines = captured_traces();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 20016, "errorMessage": "PERSONAL-DATA", "traceId": "E-O.77"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": {"Status": "BODY-VALUE", "RequestId": "req-77"}
        })))
        .mount(&server)
        .await;

    let fx = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_corp_access_token("CAT-SECRET", "corp-1", "FSUID_1"),
    );
    let request = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: "REQUEST-VALUE".into(),
        },
    };
    assert!(fx.call::<_, Value>(&CRM_GET, &request).await.is_err());

    let tc = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        &server.uri(),
    )
    .credentials(tencent::Credentials::new("AKID-1", "KEY-SECRET").with_token("TMP-TOKEN"))
    .build()
    .unwrap();
    let err = tc
        .call::<_, BindResponse>(&BIND, &bind_request())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { ref path, .. } if path == "Response.Status"));

    let text = lines.lock().unwrap().join("\n");
    for expected in [
        "span bindery.call",
        "provider=\"fxiaoke\"",
        "operation=\"crm.v2.data.get\"",
        "vendor.code=\"20016\"",
        "request_id=\"E-O.77\"",
        "request_id=\"req-77\"",
        "http.status=200",
        "error.path=Response.Status",
        "latency_ms=",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    for leaked in [
        "CAT-SECRET",
        "KEY-SECRET",
        "TMP-TOKEN",
        "PERSONAL-DATA",
        "BODY-VALUE",
        "REQUEST-VALUE",
        "n9527",
    ] {
        assert!(
            !text.contains(leaked),
            "{leaked} leaked into traces:\n{text}"
        );
    }
}
