//! Wire tests for the generated Fxiaoke client: every endpoint through its generated method
//! against a local server, asserting the exact bytes sent and the typed result decoded.

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
use serde_json::{Value, json};
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::common;
use crate::common::{
    CALL_TIMEOUT, assert_error_hides, assert_hides, assert_no_header, body_json, only_request,
    query_pairs, received, required_header,
};

mod addressbook;
mod crm;
mod crm_custom;
mod crm_lifecycle;
mod crm_objects;
mod er;
mod errors;
mod more;
mod oauth;

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
