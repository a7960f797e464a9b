//! Wire tests for the generated Fxiaoke client: every endpoint through its generated method
//! against a local server, asserting the exact bytes sent and the typed result decoded.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use bindery::fxiaoke::crm::{
    CreateData, DataCreateRequest, DataGetRequest, DataQueryRequest, DataUpdateRequest, GetData,
    QueryData, UpdateData,
};
use bindery::fxiaoke::er::{AuthorizeRequest, GetMapperObjectIdRequest, GetUserInfoByCodeRequest};
use bindery::fxiaoke::oauth::{AccessTokenRequest, CorpAccessTokenRequest};
use bindery::fxiaoke::types::{
    FilterOperator, MapperObjectApiName, ObjectData, QueryFilter, QueryOrder, SearchQueryInfo,
};
use bindery::fxiaoke::{Client, Credentials};
use bindery::runtime::TimestampMs;
use common::{
    CALL_TIMEOUT, assert_error_hides, assert_hides, assert_no_header, body_json, only_request,
    query_pairs, received, required_header,
};
use serde_json::{Value, json};
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// Recognisable credential values: none may ever show up in Debug/Display output.
const ACCESS_TOKEN: &str = "ACCESS-TOKEN-SECRET-123";
const EA: &str = "fktest188";
const USER_ID: &str = "1000";
const CORP_ACCESS_TOKEN: &str = "CORP-TOKEN-SECRET-456";
const CORP_ID: &str = "CORP_ID_77";
const OPEN_USER_ID: &str = "FSUID_XXXXXX";
const APP_SECRET: &str = "APP-SECRET-789";
const PERMANENT_CODE: &str = "PERMANENT-CODE-SECRET-000";
/// A token the (mock) vendor hands out: decoded responses must not show it either.
const ISSUED_TOKEN: &str = "ISSUED-TOKEN-SECRET-321";

const SECRETS: &[&str] = &[
    ACCESS_TOKEN,
    CORP_ACCESS_TOKEN,
    APP_SECRET,
    PERMANENT_CODE,
    ISSUED_TOKEN,
];

fn credentials() -> Credentials {
    Credentials::new()
        .with_access_token(ACCESS_TOKEN, EA, USER_ID)
        .with_corp_access_token(CORP_ACCESS_TOKEN, CORP_ID, OPEN_USER_ID)
}

fn client_with(server: &MockServer, credentials: Option<Credentials>) -> Client {
    let mut builder = Client::builder()
        .base_url(server.uri())
        .timeout(CALL_TIMEOUT);
    if let Some(credentials) = credentials {
        builder = builder.credentials(credentials);
    }
    builder.build().expect("client builds")
}

fn client(server: &MockServer) -> Client {
    client_with(server, Some(credentials()))
}

async fn mount(server: &MockServer, endpoint: &str, status: u16, body: Value, times: u64) {
    Mock::given(method("POST"))
        .and(path(endpoint))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .expect(times)
        .mount(server)
        .await;
}

/// Method, exact path, the query (`thirdTraceId` only, a canonical UUID v4) and the
/// content type. Returns the trace id.
fn assert_fxiaoke_call(request: &Request, expected_path: &str) -> Uuid {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), expected_path);
    let pairs = query_pairs(request);
    assert_eq!(
        pairs.len(),
        1,
        "query must hold thirdTraceId only: {pairs:?}"
    );
    let (key, value) = &pairs[0];
    assert_eq!(key, "thirdTraceId");
    let id = Uuid::parse_str(value).unwrap_or_else(|e| panic!("thirdTraceId {value:?}: {e}"));
    assert_eq!(id.get_version_num(), 4, "thirdTraceId {value} is not v4");
    assert_eq!(id.get_version(), Some(uuid::Version::Random));
    assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
    // The canonical lowercase hyphenated text, not braces, URN or simple forms.
    assert_eq!(value, &id.hyphenated().to_string());
    assert_eq!(
        request.url.query(),
        Some(format!("thirdTraceId={id}").as_str())
    );
    assert_eq!(required_header(request, "content-type"), "application/json");
    id
}

fn assert_header_scheme(request: &Request) {
    assert_eq!(
        required_header(request, "authorization"),
        format!("Bearer {ACCESS_TOKEN}")
    );
    assert_eq!(required_header(request, "x-fs-ea"), EA);
    assert_eq!(required_header(request, "x-fs-userid"), USER_ID);
}

fn assert_no_header_scheme(request: &Request) {
    for name in ["authorization", "x-fs-ea", "x-fs-userid"] {
        assert_no_header(request, name);
    }
}

/// `expected` plus the body scheme's injected fields.
fn with_body_scheme(mut expected: Value) -> Value {
    let object = expected.as_object_mut().expect("an object");
    object.insert("corpAccessToken".into(), json!(CORP_ACCESS_TOKEN));
    object.insert("corpId".into(), json!(CORP_ID));
    object.insert("currentOpenUserId".into(), json!(OPEN_USER_ID));
    expected
}

// ---------------------------------------------------------------------------
// oauth

#[tokio::test]
async fn access_token_sends_exact_body_without_auth_and_decodes_token() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/oauth2.0/token",
        200,
        json!({
            "accessToken": ISSUED_TOKEN,
            "expiresIn": 7200,
            "ea": "fktest188",
            "openUserId": "FSUID_XXXXXX",
            "appId": "FSAID_xxxxx",
            "errorCode": 0,
            "errorMessage": "success",
            "traceId": "E-O.fktest188.1000-xxxxxx"
        }),
        1,
    )
    .await;

    let request = AccessTokenRequest::new("FSAID_xxxxx", APP_SECRET, PERMANENT_CODE);
    assert_hides("request Debug", &format!("{request:?}"), SECRETS);
    let response = client(&server)
        .access_token(&request)
        .await
        .expect("access token");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/oauth2.0/token");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({
            "appId": "FSAID_xxxxx",
            "appSecret": APP_SECRET,
            "permanentCode": PERMANENT_CODE,
            "grantType": "app_secret"
        })
    );

    assert_eq!(response.access_token.expose(), ISSUED_TOKEN);
    assert_eq!(response.expires_in, 7200);
    assert_eq!(response.ea, "fktest188");
    assert_eq!(response.open_user_id.as_deref(), Some("FSUID_XXXXXX"));
    assert_eq!(response.app_id.as_deref(), Some("FSAID_xxxxx"));
    assert_eq!(
        response.request_id.as_deref(),
        Some("E-O.fktest188.1000-xxxxxx")
    );
    assert_hides("response Debug", &format!("{response:?}"), SECRETS);
}

#[tokio::test]
async fn corp_access_token_sends_exact_body_without_auth_and_decodes_token() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/corpAccessToken/get/V2",
        200,
        json!({
            "errorCode": 0,
            "errorMessage": "success",
            "corpAccessToken": ISSUED_TOKEN,
            "corpId": "CORP_ID",
            "expiresIn": 7200,
            "traceId": "E-O.corp.1"
        }),
        1,
    )
    .await;

    let request = CorpAccessTokenRequest::new("APPID", APP_SECRET, PERMANENT_CODE);
    let response = client(&server)
        .corp_access_token(&request)
        .await
        .expect("corp access token");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/corpAccessToken/get/V2");
    assert_no_header_scheme(&sent);
    // No body-scheme fields either: this call has no auth.
    assert_eq!(
        body_json(&sent),
        json!({"appId": "APPID", "appSecret": APP_SECRET, "permanentCode": PERMANENT_CODE})
    );

    assert_eq!(response.corp_access_token.expose(), ISSUED_TOKEN);
    assert_eq!(response.corp_id, "CORP_ID");
    assert_eq!(response.expires_in, 7200);
    assert_eq!(response.request_id.as_deref(), Some("E-O.corp.1"));
    assert_hides("response Debug", &format!("{response:?}"), SECRETS);
}

// ---------------------------------------------------------------------------
// Enterprise Connect (header scheme)

#[tokio::test]
async fn get_mapper_object_id_uses_header_scheme_and_decodes_mapper_id() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({
            "traceId": "E-O.827xxxxxx",
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0,
            "mapperId": "12345"
        }),
        1,
    )
    .await;

    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::PartnerObj)
        .downstream_outer_tenant_id(300013389)
        .include_null(true);
    let response = client(&server)
        .get_mapper_object_id(&request)
        .await
        .expect("mapper id");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/er/enterpriseRelation/getMapperObjectId");
    assert_header_scheme(&sent);
    // Exact: no corpAccessToken/corpId/currentOpenUserId in a header-scheme body.
    assert_eq!(
        body_json(&sent),
        json!({
            "objectApiName": "PartnerObj",
            "downstreamOuterTenantId": 300013389,
            "includeNull": true
        })
    );

    assert_eq!(response.mapper_id.as_deref(), Some("12345"));
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn get_user_info_by_code_uses_header_scheme_and_constant_grant_type() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/er/oauth/getUserInfoByCode",
        200,
        json!({
            "traceId": "E-O.827yyyyyy",
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0,
            // Not on the vendor's page, but what the call is for.
            "openUserId": "FSUID_6A3E",
            "outerTenantId": 300013389,
            "mapper": {"objectApiName": "AccountObj", "id": "6475c0f5"}
        }),
        1,
    )
    .await;

    let request = GetUserInfoByCodeRequest::new(
        "FSAID_xxxxx",
        APP_SECRET,
        "https://crm.example.com/sso?from=fs",
        "CODE-42",
    )
    .mapper_object_api_name(MapperObjectApiName::AccountObj);
    assert_hides("request Debug", &format!("{request:?}"), SECRETS);
    let response = client(&server)
        .get_user_info_by_code(&request)
        .await
        .expect("user info");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/er/oauth/getUserInfoByCode");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({
            "grantType": "authorization_code",
            "appId": "FSAID_xxxxx",
            "appSecret": APP_SECRET,
            "redirectUrl": "https://crm.example.com/sso?from=fs",
            "code": "CODE-42",
            "mapperObjectApiName": "AccountObj"
        })
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827yyyyyy"));
    // The page documents no identity fields: everything else the vendor sent is readable.
    assert_eq!(
        serde_json::Value::Object(response.extra),
        json!({
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0,
            "openUserId": "FSUID_6A3E",
            "outerTenantId": 300013389,
            "mapper": {"objectApiName": "AccountObj", "id": "6475c0f5"}
        })
    );
}

#[tokio::test]
async fn third_trace_id_is_a_fresh_uuid_v4_on_every_call() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({"errorCode": 0, "errorMessage": "OK", "mapperId": "1"}),
        2,
    )
    .await;
    let client = client(&server);
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    client.get_mapper_object_id(&request).await.expect("first");
    client.get_mapper_object_id(&request).await.expect("second");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let first = assert_fxiaoke_call(&requests[0], "/cgi/er/enterpriseRelation/getMapperObjectId");
    let second = assert_fxiaoke_call(&requests[1], "/cgi/er/enterpriseRelation/getMapperObjectId");
    assert_ne!(first, second, "thirdTraceId must be new on each call");
    // The request itself is unchanged between the two calls.
    assert_eq!(body_json(&requests[0]), body_json(&requests[1]));
    assert_eq!(
        body_json(&requests[0]),
        json!({"objectApiName": "AccountObj"})
    );
}

#[tokio::test]
async fn authorize_url_is_built_exactly_and_sends_nothing() {
    // Default base URL; the spec's example.
    let client = Client::builder().build().expect("client");
    let request = AuthorizeRequest::new(
        "xxxx",
        "FSAID_xxx",
        "Xy7Kp2Qa9Lm4",
        "https://www.xxx.com/callback?from=fxiaoke&lang=zh-CN",
    );
    let url = client.authorize_url(&request).expect("url");
    assert_eq!(
        url.as_str(),
        "https://open.fxiaoke.com/er/oauth/authorize?responseType=code&erAppId=xxxx\
         &appId=FSAID_xxx&state=Xy7Kp2Qa9Lm4\
         &redirectUrl=https%3A%2F%2Fwww.xxx.com%2Fcallback%3Ffrom%3Dfxiaoke%26lang%3Dzh-CN"
    );

    // `?`, `&`, `=`, spaces and Chinese in redirectUrl are percent-encoded (form encoding:
    // a space is `+`) so that the whole URL stays one parameter; no credentials needed, and
    // nothing goes to the server.
    let server = common::silent_server().await;
    let client = client_with(&server, None);
    let redirect = "https://crm.example.com/sso/回调?from=fs&user=张三 李四";
    let request = AuthorizeRequest::new("ER_APP_1", "FSAID_1", "state1234ABCD", redirect);
    let url = client.authorize_url(&request).expect("url");
    assert_eq!(
        url.as_str(),
        format!(
            "{}/er/oauth/authorize?responseType=code&erAppId=ER_APP_1&appId=FSAID_1\
             &state=state1234ABCD&redirectUrl=https%3A%2F%2Fcrm.example.com%2Fsso%2F\
             %E5%9B%9E%E8%B0%83%3Ffrom%3Dfs%26user%3D%E5%BC%A0%E4%B8%89+%E6%9D%8E%E5%9B%9B",
            server.uri()
        )
    );
    // And it decodes back to exactly what was given.
    let decoded: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        decoded,
        [
            ("responseType", "code"),
            ("erAppId", "ER_APP_1"),
            ("appId", "FSAID_1"),
            ("state", "state1234ABCD"),
            ("redirectUrl", redirect),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    server.verify().await;
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn authorize_url_rejects_bad_state() {
    let client = Client::builder()
        .credentials(credentials())
        .build()
        .expect("client");
    let redirect = "https://www.xxx.com/callback";
    for (state, rule) in [
        ("Ab12345", "length 7 is below minimum 8"),
        ("abcd-1234", "must match [A-Za-z0-9]+"),
        ("Xy7Kp2Qa 9Lm4", "must match [A-Za-z0-9]+"),
        (&*"a".repeat(129), "length 129 exceeds maximum 128"),
    ] {
        let request = AuthorizeRequest::new("xxxx", "FSAID_xxx", state, redirect);
        let error = client.authorize_url(&request).unwrap_err();
        match &error {
            bindery::Error::InvalidRequest {
                provider,
                operation,
                field,
                rule: actual,
            } => {
                assert_eq!((*provider, *operation), ("fxiaoke", "authorize"));
                assert_eq!(field, "state", "state {state:?}");
                assert_eq!(actual, rule, "state {state:?}");
            }
            other => panic!("state {state:?}: expected InvalidRequest, got {other:?}"),
        }
        assert!(error.is_local());
        assert!(error.to_string().contains("`state`"), "{error}");
        assert_error_hides(&error, SECRETS);
    }
    // The bounds themselves are fine.
    for state in ["Ab123456".to_owned(), "Z9".repeat(64)] {
        let request = AuthorizeRequest::new("xxxx", "FSAID_xxx", state.as_str(), redirect);
        client
            .authorize_url(&request)
            .unwrap_or_else(|e| panic!("state of {} chars: {e}", state.len()));
    }
}

// ---------------------------------------------------------------------------
// CRM V2 (body scheme)

fn payment_record() -> Value {
    json!({
        "payment_time": 1517328000000i64,
        "remark": "测试更新02",
        "account_id__r": "测试",
        "is_deleted": false,
        "attachment": [],
        "order_data_id": "974789b4d13040fcbb9d0ae35cxxxxxx",
        "total_num": 4,
        "owner_department": "董事会",
        "owner": ["FSUID_0253C6D7FC0E3A2CBB19F336CEXXXXXX"],
        "lock_status": "0",
        "last_modified_time": 1519986766107i64,
        "create_time": 1519985373616i64,
        "payment_term": "2",
        "life_status": "normal",
        "payment_amount": "300.00",
        "last_modified_by": ["FSUID_0253C6D7FC0E3A2CBB19F336CEXXXXXX"],
        "created_by": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
        "record_type": "default__c",
        "notification_time": 1517241600000i64,
        "account_id": "2d58af2dbb4d4ecd931e80ef18xxxxxx",
        "name": "20180302-000004",
        "_id": "5a9922dd742c2ff572xxxxxx",
        "order_id": "20180302-000002"
    })
}

fn assert_payment_record(record: &ObjectData) {
    assert_eq!(record.id.as_deref(), Some("5a9922dd742c2ff572xxxxxx"));
    assert_eq!(record.name.as_deref(), Some("20180302-000004"));
    assert_eq!(
        record.owner.as_deref(),
        Some(&["FSUID_0253C6D7FC0E3A2CBB19F336CEXXXXXX".to_owned()][..])
    );
    assert_eq!(record.owner_department.as_deref(), Some("董事会"));
    assert_eq!(record.record_type.as_deref(), Some("default__c"));
    assert_eq!(record.life_status.as_deref(), Some("normal"));
    assert_eq!(record.lock_status.as_deref(), Some("0"));
    assert_eq!(record.is_deleted, Some(false));
    assert_eq!(record.create_time, Some(TimestampMs(1519985373616)));
    assert_eq!(record.last_modified_time, Some(TimestampMs(1519986766107)));
    assert_eq!(
        record.created_by.as_deref(),
        Some(&["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX".to_owned()][..])
    );
    assert_eq!(record.data_object_api_name, None);
    // Open-object extras: everything without a typed field, exactly.
    assert_eq!(record.extra.get("account_id__r"), Some(&json!("测试")));
    assert_eq!(record.extra.get("payment_amount"), Some(&json!("300.00")));
    assert_eq!(record.extra.get("total_num"), Some(&json!(4)));
    let extra_keys: BTreeSet<&str> = record.extra.keys().map(String::as_str).collect();
    assert_eq!(
        extra_keys,
        BTreeSet::from([
            "account_id",
            "account_id__r",
            "attachment",
            "notification_time",
            "order_data_id",
            "order_id",
            "payment_amount",
            "payment_term",
            "payment_time",
            "remark",
            "total_num",
        ])
    );
}

#[tokio::test]
async fn data_create_injects_body_scheme_and_decodes_data_id() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/create",
        200,
        json!({
            "dataId": "5a9ce894f125ae9befxxxxxx",
            "errorCode": 0,
            "errorMessage": "OK",
            "errorDescription": "success",
            "traceId": "E-O.create.1"
        }),
        1,
    )
    .await;

    let payment = ObjectData::new()
        .data_object_api_name("PaymentObj")
        .record_type("default__c")
        .owner(vec!["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX".into()])
        .extra_field("account_id", "2d58af2dbb4d4ecd931e80ef18xxxxxx")
        .extra_field("payment_amount", 1)
        .extra_field("payment_time", 1517328000000i64)
        .extra_field("payment_term", "post")
        .extra_field("notification_time", 1516982400000i64)
        .extra_field("attachment", json!([]))
        .extra_field("remark", "002测试");
    let detail = ObjectData::new()
        .record_type("default__c")
        .extra_field("order_id", "974789b4d13040fcbb9d0ae35cxxxxxx")
        .extra_field("payment_amount", "1")
        .extra_field("attachment", json!([]))
        .extra_field("remark", "1111");
    let details = BTreeMap::from([("OrderPaymentObj".to_owned(), vec![detail])]);
    let request = DataCreateRequest::new(CreateData::new(payment).details(details));
    let response = client(&server).data_create(&request).await.expect("create");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/create");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "object_data": {
                    "dataObjectApiName": "PaymentObj",
                    "record_type": "default__c",
                    "account_id": "2d58af2dbb4d4ecd931e80ef18xxxxxx",
                    "payment_amount": 1,
                    "payment_time": 1517328000000i64,
                    "payment_term": "post",
                    "notification_time": 1516982400000i64,
                    "owner": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
                    "attachment": [],
                    "remark": "002测试"
                },
                "details": {
                    "OrderPaymentObj": [{
                        "order_id": "974789b4d13040fcbb9d0ae35cxxxxxx",
                        "payment_amount": "1",
                        "attachment": [],
                        "remark": "1111",
                        "record_type": "default__c"
                    }]
                }
            }
        }))
    );

    assert_eq!(response.data_id, "5a9ce894f125ae9befxxxxxx");
    assert_eq!(response.request_id.as_deref(), Some("E-O.create.1"));
}

#[tokio::test]
async fn data_update_injects_body_scheme() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/update",
        200,
        json!({"errorCode": 0, "errorMessage": "success", "traceId": "E-O.update.1"}),
        1,
    )
    .await;

    let record = ObjectData::new()
        .data_object_api_name("GoodsReceivedNoteObj")
        .id("5ac1e101830bdb5f9feb192f")
        .owner(vec!["FSUID_XXXXXX".into()])
        .version("2")
        .extra_field("remark", "openapi测试update2");
    let detail = ObjectData::new().id("5ac1e102830bdb5f9feb1934");
    let details = BTreeMap::from([("GoodsReceivedNoteProductObj".to_owned(), vec![detail])]);
    let request = DataUpdateRequest::new(UpdateData::new(record).details(details));
    let response = client(&server).data_update(&request).await.expect("update");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/update");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "object_data": {
                    "dataObjectApiName": "GoodsReceivedNoteObj",
                    "_id": "5ac1e101830bdb5f9feb192f",
                    "remark": "openapi测试update2",
                    "owner": ["FSUID_XXXXXX"],
                    "version": "2"
                },
                "details": {
                    "GoodsReceivedNoteProductObj": [{"_id": "5ac1e102830bdb5f9feb1934"}]
                }
            }
        }))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.update.1"));
}

#[tokio::test]
async fn data_get_injects_body_scheme_and_decodes_record_with_extras() {
    let server = MockServer::start().await;
    let record = payment_record();
    mount(
        &server,
        "/cgi/crm/v2/data/get",
        200,
        json!({
            "data": record,
            "errorCode": 0,
            "errorMessage": "OK",
            "errorDescription": "success",
            "traceId": "E-O.get.1"
        }),
        1,
    )
    .await;

    let request = DataGetRequest::new(GetData::new("PaymentObj", "5a9922dd742c2ff572xxxxxx"))
        .include_null(false);
    let response = client(&server).data_get(&request).await.expect("get");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/get");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {"dataObjectApiName": "PaymentObj", "objectDataId": "5a9922dd742c2ff572xxxxxx"},
            "includeNull": false
        }))
    );

    assert_payment_record(&response.data);
    assert_eq!(response.request_id.as_deref(), Some("E-O.get.1"));
    // Nothing is lost: the record serialises back to what the server sent.
    assert_eq!(
        serde_json::to_value(&response.data).expect("serialise"),
        record
    );
}

#[tokio::test]
async fn data_query_injects_body_scheme_and_decodes_page() {
    let server = MockServer::start().await;
    let second = json!({
        "payment_time": 1521561600000i64,
        "account_id__r": "测试",
        "is_deleted": true,
        "attachment": [],
        "order_data_id": "974789b4d13040fcbb9d0ae35cxxxxxx,cff4ca67f38c49639df64f50d3xxxxxx",
        "total_num": 4,
        "owner_department": "董事会",
        "owner": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
        "lock_status": "0",
        "last_modified_time": 1519984004508i64,
        "create_time": 1519978401106i64,
        "life_status": "invalid",
        "payment_amount": "20.00",
        "record_type": "default__c",
        "account_id": "2d58af2dbb4d4ecd931e80ef18xxxxxx",
        "name": "20180302-000002",
        "_id": "5a9907a1f125ae0a1axxxxxx",
        "order_id": "20180302-000002,20180302-000001"
    });
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({
            "data": {"total": 4, "offset": 0, "dataList": [payment_record(), second], "limit": 5},
            "errorCode": 0,
            "errorMessage": "OK",
            "errorDescription": "success",
            "traceId": "E-O.query.1"
        }),
        1,
    )
    .await;

    let info = SearchQueryInfo::new()
        .limit(5)
        .offset(0)
        .filters(vec![QueryFilter::new(
            "owner",
            vec![json!("FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX")],
            FilterOperator::In,
        )])
        .orders(vec![QueryOrder::new("payment_amount", false)])
        .field_projection(vec!["_id".into(), "name".into()]);
    let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
    let response = client(&server).data_query(&request).await.expect("query");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/query");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "dataObjectApiName": "PaymentObj",
                "search_query_info": {
                    "limit": 5,
                    "offset": 0,
                    "filters": [{
                        "field_name": "owner",
                        "field_values": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
                        "operator": "IN"
                    }],
                    "orders": [{"fieldName": "payment_amount", "isAsc": false}],
                    "fieldProjection": ["_id", "name"]
                }
            }
        }))
    );

    let page = &response.data;
    assert_eq!(page.total, 4);
    assert_eq!(page.offset, Some(0));
    assert_eq!(page.limit, Some(5));
    assert_eq!(page.data_list.len(), 2);
    assert_payment_record(&page.data_list[0]);
    assert_eq!(
        page.data_list[1].id.as_deref(),
        Some("5a9907a1f125ae0a1axxxxxx")
    );
    assert_eq!(page.data_list[1].is_deleted, Some(true));
    assert_eq!(page.data_list[1].life_status.as_deref(), Some("invalid"));
    assert_eq!(
        page.data_list[1].extra.get("account_id__r"),
        Some(&json!("测试"))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.query.1"));
}

#[tokio::test]
async fn data_query_paging_rules_are_checked_before_anything_is_sent() {
    let server = common::silent_server().await;
    let client = client(&server);
    let cases = [
        (
            Some(5),
            Some(7),
            "data.search_query_info.offset",
            "must be a multiple of `limit` (5)",
        ),
        // No limit: the vendor's documented default page size (20) applies.
        (
            None,
            Some(150),
            "data.search_query_info.offset",
            "must be a multiple of `limit` (20)",
        ),
        (
            Some(0),
            None,
            "data.search_query_info.limit",
            "value 0 is below minimum 1",
        ),
        (
            Some(1001),
            Some(0),
            "data.search_query_info.limit",
            "value 1001 exceeds maximum 1000",
        ),
        (
            None,
            Some(-20),
            "data.search_query_info.offset",
            "value -20 is below minimum 0",
        ),
        (
            Some(5),
            Some(10005),
            "data.search_query_info.offset",
            "value 10005 exceeds maximum 10000",
        ),
    ];
    for (limit, offset, field, rule) in cases {
        let mut info = SearchQueryInfo::new();
        if let Some(limit) = limit {
            info = info.limit(limit);
        }
        if let Some(offset) = offset {
            info = info.offset(offset);
        }
        let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
        let error = client.data_query(&request).await.unwrap_err();
        match &error {
            bindery::Error::InvalidRequest {
                provider,
                operation,
                field: actual_field,
                rule: actual_rule,
            } => {
                assert_eq!((*provider, *operation), ("fxiaoke", "dataQuery"));
                assert_eq!(actual_field, field, "limit {limit:?} offset {offset:?}");
                assert_eq!(actual_rule, rule, "limit {limit:?} offset {offset:?}");
            }
            other => panic!("limit {limit:?} offset {offset:?}: got {other:?}"),
        }
        assert!(error.is_local());
        assert!(error.to_string().contains(field), "{error}");
        assert_error_hides(&error, SECRETS);
    }
    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn unknown_enum_values_are_refused_before_anything_is_sent() {
    let server = common::silent_server().await;
    let client = client(&server);
    let expect_invalid = |error: &bindery::Error, operation: &str, field: &str, rule: &str| {
        match error {
            bindery::Error::InvalidRequest {
                provider,
                operation: actual_operation,
                field: actual_field,
                rule: actual_rule,
            } => {
                assert_eq!((*provider, *actual_operation), ("fxiaoke", operation));
                assert_eq!(actual_field, field);
                assert_eq!(actual_rule, rule);
            }
            other => panic!("expected InvalidRequest at {field}, got {other:?}"),
        }
        assert!(error.is_local());
        assert!(error.to_string().contains(field), "{error}");
        assert_error_hides(error, SECRETS);
    };

    // A top-level enum field, given as `Unknown` or through `From<&str>`.
    for name in [
        MapperObjectApiName::Unknown("ContactObj".to_owned()),
        MapperObjectApiName::from("accountobj"),
    ] {
        let request = GetMapperObjectIdRequest::new(name);
        let error = client.get_mapper_object_id(&request).await.unwrap_err();
        expect_invalid(
            &error,
            "getMapperObjectId",
            "objectApiName",
            "must be one of AccountObj, PartnerObj",
        );
    }
    // An optional enum field.
    let request = GetUserInfoByCodeRequest::new("FSAID_1", APP_SECRET, "https://x.example/cb", "c")
        .mapper_object_api_name(MapperObjectApiName::Unknown("X".to_owned()));
    let error = client.get_user_info_by_code(&request).await.unwrap_err();
    expect_invalid(
        &error,
        "getUserInfoByCode",
        "mapperObjectApiName",
        "must be one of AccountObj, PartnerObj",
    );
    // An enum inside a list of nested structs, through the call and the stream.
    let info = SearchQueryInfo::new().filters(vec![
        QueryFilter::new("name", vec![json!("a")], FilterOperator::Equal),
        QueryFilter::new("name", vec![json!("b")], FilterOperator::from("APPROX")),
    ]);
    let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
    let field = "data.search_query_info.filters[1].operator";
    let rule = "must be one of EQ, N, GT, GTE, LT, LTE, LIKE, NLIKE, IS, ISN, IN, NIN, BETWEEN, \
                NBETWEEN, STARTWITH, ENDWITH, EXISTS, NEXISTS, CONTAINS";
    let error = client.data_query(&request).await.unwrap_err();
    expect_invalid(&error, "dataQuery", field, rule);
    let mut stream = client.data_query_stream(&request);
    let first = bindery::runtime::stream::StreamExt::next(&mut stream).await;
    match first {
        Some(Err(error)) => expect_invalid(&error, "dataQuery", field, rule),
        other => panic!("expected the stream to fail first, got {other:?}"),
    }

    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn data_query_paging_bounds_are_accepted() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({"errorCode": 0, "errorMessage": "OK", "data": {"total": 0, "dataList": []}}),
        3,
    )
    .await;
    let client = client(&server);
    for (limit, offset) in [(Some(1000), 0), (Some(1), 10000), (None, 40)] {
        let mut info = SearchQueryInfo::new().offset(offset);
        if let Some(limit) = limit {
            info = info.limit(limit);
        }
        let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
        let response = client
            .data_query(&request)
            .await
            .unwrap_or_else(|e| panic!("limit {limit:?} offset {offset}: {e}"));
        assert_eq!(response.data.total, 0);
        assert!(response.data.data_list.is_empty());
        assert_eq!(response.data.offset, None);
    }
    let requests = received(&server).await;
    assert_eq!(
        body_json(&requests[1])["data"]["search_query_info"],
        json!({"limit": 1, "offset": 10000})
    );
    // A multiple of the default page size passes, and the default is not sent.
    assert_eq!(
        body_json(&requests[2])["data"]["search_query_info"],
        json!({"offset": 40})
    );
}

// ---------------------------------------------------------------------------
// Error paths

fn assert_vendor_error(
    error: &bindery::Error,
    operation: &str,
    code: &str,
    message: &str,
    request_id: Option<&str>,
) {
    let vendor = error
        .vendor()
        .unwrap_or_else(|| panic!("expected Error::Vendor, got {error:?}"));
    assert!(matches!(error, bindery::Error::Vendor(_)));
    assert_eq!(vendor.provider, "fxiaoke");
    assert_eq!(vendor.operation, operation);
    assert_eq!(error.vendor_code(), Some(code));
    assert_eq!(vendor.message, message);
    assert_eq!(error.request_id(), request_id);
    assert_eq!(error.http_status(), Some(200));
    assert_eq!(error.provider(), Some("fxiaoke"));
    assert_eq!(error.operation(), Some(operation));
    assert!(!error.is_local());
    let text = error.to_string();
    for fact in ["fxiaoke", operation, code, message] {
        assert!(text.contains(fact), "`{fact}` missing from {text}");
    }
    if let Some(id) = request_id {
        assert!(text.contains(id), "`{id}` missing from {text}");
    }
    assert_error_hides(error, SECRETS);
}

#[tokio::test]
async fn vendor_error_envelope_is_error_vendor() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({
            "errorCode": 10006,
            "errorMessage": "the parameter corpAccessToken is missing or illegal",
            "errorDescription": "缺少参数 或参数 不合法",
            "traceId": "E-O.err.10006"
        }),
        1,
    )
    .await;
    mount(
        &server,
        "/cgi/crm/v2/data/update",
        200,
        json!({"errorCode": 20016, "errorMessage": "corpAccessToken error"}),
        1,
    )
    .await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({"errorCode": 20005, "errorMessage": "accessToken expired", "traceId": "E-O.err.20005"}),
        1,
    )
    .await;
    let client = client(&server);

    let query = DataQueryRequest::new(QueryData::new("PaymentObj", SearchQueryInfo::new()));
    let error = client.data_query(&query).await.unwrap_err();
    assert_vendor_error(
        &error,
        "dataQuery",
        "10006",
        "the parameter corpAccessToken is missing or illegal",
        Some("E-O.err.10006"),
    );

    let update = DataUpdateRequest::new(UpdateData::new(ObjectData::new().id("5a9ce894")));
    let error = client.data_update(&update).await.unwrap_err();
    assert_vendor_error(&error, "dataUpdate", "20016", "corpAccessToken error", None);
    assert_eq!(
        error.vendor_code(),
        Some(bindery::runtime::fxiaoke::CORP_ACCESS_TOKEN_EXPIRED)
    );

    let mapper = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let error = client.get_mapper_object_id(&mapper).await.unwrap_err();
    assert_vendor_error(
        &error,
        "getMapperObjectId",
        "20005",
        "accessToken expired",
        Some("E-O.err.20005"),
    );
    assert_eq!(received(&server).await.len(), 3, "no retries");
}

#[tokio::test]
async fn http_502_html_is_error_http_with_snippet() {
    let server = MockServer::start().await;
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                </body>\r\n</html>\r\n";
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/create"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .expect(1)
        .mount(&server)
        .await;

    let request = DataCreateRequest::new(CreateData::new(
        ObjectData::new().data_object_api_name("PaymentObj"),
    ));
    let error = client(&server).data_create(&request).await.unwrap_err();
    match &error {
        bindery::Error::Http {
            provider,
            operation,
            status,
            attempts,
            snippet,
        } => {
            assert_eq!(
                (*provider, *operation, *status, *attempts),
                ("fxiaoke", "dataCreate", 502, 1)
            );
            assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
            assert!(!snippet.contains('\n'), "snippet is one line: {snippet:?}");
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert_eq!(error.http_status(), Some(502));
    assert_eq!(error.vendor_code(), None);
    // Not idempotent, so a 502 is not retried: one attempt.
    assert_eq!(
        error.to_string(),
        "fxiaoke dataCreate: HTTP 502 after 1 attempt: <html> <head><title>502 Bad Gateway</title></head> \
         <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>"
    );
    assert_error_hides(&error, SECRETS);
    // The client retries a 502 only for idempotent operations; dataCreate is not one, so
    // one request only.
    assert!(!bindery::fxiaoke::operations::DATA_CREATE.idempotent);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn wrong_field_type_is_error_decode_with_json_path() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({"errorCode": 0, "errorMessage": "OK", "traceId": "E-O.1", "mapperId": 12345}),
        1,
    )
    .await;
    let mut record = payment_record();
    record["create_time"] = json!("yesterday");
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({
            "errorCode": 0,
            "errorMessage": "OK",
            "corpAccessToken": CORP_ACCESS_TOKEN,
            "data": {"total": 1, "dataList": [record]}
        }),
        1,
    )
    .await;
    let client = client(&server);

    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let error = client.get_mapper_object_id(&request).await.unwrap_err();
    match &error {
        bindery::Error::Decode {
            provider,
            operation,
            path,
            message,
            snippet,
        } => {
            assert_eq!((*provider, *operation), ("fxiaoke", "getMapperObjectId"));
            assert_eq!(path, "mapperId");
            assert!(message.contains("invalid type"), "{message}");
            assert!(snippet.contains(r#""mapperId":12345"#), "{snippet}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert!(error.to_string().contains("`mapperId`"), "{error}");
    assert_error_hides(&error, SECRETS);

    let request = DataQueryRequest::new(QueryData::new("PaymentObj", SearchQueryInfo::new()));
    let error = client.data_query(&request).await.unwrap_err();
    match &error {
        bindery::Error::Decode { path, .. } => {
            assert_eq!(path, "data.dataList[0].create_time");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    // The snippet shows the body, but a token-looking value in it is masked.
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn missing_credentials_are_reported_before_anything_is_sent() {
    let server = common::silent_server().await;
    let anonymous = client_with(&server, None);
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let error = anonymous.get_mapper_object_id(&request).await.unwrap_err();
    assert!(
        matches!(
            &error,
            bindery::Error::Credentials {
                provider: "fxiaoke",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_local());

    // Header-scheme credentials do not authorise a body-scheme call.
    let header_only = client_with(
        &server,
        Some(Credentials::new().with_access_token(ACCESS_TOKEN, EA, USER_ID)),
    );
    let request = DataGetRequest::new(GetData::new("PaymentObj", "1"));
    let error = header_only.data_get(&request).await.unwrap_err();
    assert!(
        matches!(
            &error,
            bindery::Error::Credentials {
                provider: "fxiaoke",
                ..
            }
        ),
        "{error:?}"
    );
    assert_error_hides(&error, SECRETS);

    server.verify().await;
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn debug_output_of_client_and_credentials_hides_secrets() {
    let credentials = credentials();
    let text = format!("{credentials:?}");
    assert_hides("credentials Debug", &text, SECRETS);
    assert!(text.contains(EA) && text.contains(CORP_ID), "{text}");

    let server = MockServer::start().await;
    let client = client_with(&server, Some(credentials));
    assert_hides("client Debug", &format!("{client:?}"), SECRETS);
    assert_hides("client Debug (pretty)", &format!("{client:#?}"), SECRETS);
}
