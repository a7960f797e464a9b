//! Fxiaoke on the wire: the header and body schemes, the token call, request validation
//! and authorisation redirects.

use bindery_runtime::validate::rules;
use bindery_runtime::{
    AuthKind, Client, Error, Method, Operation, Secret, Validate, Violation, fxiaoke,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::support::{
    FX_BASE_URL, FX_CORP_ACCESS_TOKEN_EXPIRED, FX_ENVELOPE, header, only_request, query,
};

pub(super) static GET_MAPPER_OBJECT_ID: Operation = Operation {
    provider: "fxiaoke",
    name: "getMapperObjectId",
    method: Method::Post,
    path: "/cgi/er/enterpriseRelation/getMapperObjectId",
    action: None,
    auth: Some(AuthKind::FxiaokeHeader),
    idempotent: true,
    envelope: &FX_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

pub(super) static CRM_GET: Operation = Operation {
    provider: "fxiaoke",
    name: "crm.v2.data.get",
    method: Method::Post,
    path: "/cgi/crm/v2/data/get",
    action: None,
    auth: Some(AuthKind::FxiaokeBody),
    idempotent: true,
    envelope: &FX_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

pub(super) static CORP_TOKEN: Operation = Operation {
    provider: "fxiaoke",
    name: "corpAccessToken.get.V2",
    method: Method::Post,
    path: "/cgi/corpAccessToken/get/V2",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &FX_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

static AUTHORIZE: Operation = Operation {
    provider: "fxiaoke",
    name: "authorize",
    method: Method::Get,
    path: "/er/oauth/authorize",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &FX_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: bindery_runtime::BodyShape::Object,
    response_body: bindery_runtime::BodyShape::Object,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct MapperRequest {
    pub(super) object_api_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) downstream_outer_tenant_id: Option<i64>,
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
pub(super) struct GetData {
    pub(super) data_object_api_name: String,
    pub(super) object_data_id: String,
}

#[derive(Serialize)]
pub(super) struct CrmGetRequest {
    pub(super) data: GetData,
}

impl Validate for CrmGetRequest {
    fn validate(&self) -> Result<(), Violation> {
        rules::length("objectDataId", &self.data.object_data_id, Some(1), None)
            .map_err(|v| v.within("data"))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CorpTokenRequest {
    pub(super) app_id: String,
    pub(super) app_secret: Secret,
    pub(super) permanent_code: Secret,
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

pub(super) fn fxiaoke_client(
    server: &MockServer,
    credentials: fxiaoke::Credentials,
) -> Client<fxiaoke::Fxiaoke> {
    Client::builder(fxiaoke::Fxiaoke, FX_BASE_URL)
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
    assert_eq!(err.vendor_code(), Some(FX_CORP_ACCESS_TOKEN_EXPIRED));
    assert_eq!(err.request_id(), Some("E-O.5"));
    assert!(err.to_string().contains("crm.v2.data.get"), "{err}");
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
