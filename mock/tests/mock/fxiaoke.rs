//! Fxiaoke: tokens of the mock's own through both token endpoints, checked on every call in
//! the endpoint's scheme, expiry and the client's refresh, `thirdTraceId`, the app's
//! credentials.

use bindery::fxiaoke::crm::{DataGetRequest, GetData};
use bindery::fxiaoke::er::GetMapperObjectIdRequest;
use bindery::fxiaoke::oauth::{AccessTokenRequest, CorpAccessTokenRequest};
use bindery::fxiaoke::types::MapperObjectApiName;
use bindery::fxiaoke::{AppCredentials, Client, Credentials, Operator};
use bindery_mock::{MockServer, Verdict, fxiaoke};
use bindery_runtime::AuthKind;

use crate::{CALL_TIMEOUT, json, quick_retries};

fn provider() -> &'static bindery::runtime::served::ServedProvider {
    &bindery::fxiaoke::mock::PROVIDER
}

fn app_client(mock: &MockServer, secret: &str) -> Client {
    Client::builder()
        .base_url(mock.uri())
        .app_credentials(
            AppCredentials::new(fxiaoke::APP_ID, secret.to_owned(), fxiaoke::PERMANENT_CODE),
            Operator::new().user_id("1000").open_user_id("FSUID_6A3E"),
        )
        .timeout(CALL_TIMEOUT)
        .retry(quick_retries())
        .build()
        .expect("client builds")
}

fn get() -> DataGetRequest {
    DataGetRequest::new(GetData::new("AccountObj", "5f1e"))
}

#[tokio::test]
async fn a_body_scheme_call_fetches_a_token_of_the_mock_and_passes() {
    let mock = MockServer::start(provider()).await;
    let client = app_client(&mock, fxiaoke::APP_SECRET);
    client.data_get(&get()).await.expect("the call passes");
    client.data_get(&get()).await.expect("the token is reused");
    assert_eq!(mock.tokens_issued(), 1);
    assert_eq!(mock.calls::<CorpAccessTokenRequest>(), 1);
    assert_eq!(mock.received::<DataGetRequest>(), [get(), get()]);
    // The scheme's own fields are not the request's.
    assert!(mock.journal()[1].fields().get("corpAccessToken").is_none());
}

#[tokio::test]
async fn a_header_scheme_call_passes_with_its_own_token() {
    let mock = MockServer::start(provider()).await;
    let client = app_client(&mock, fxiaoke::APP_SECRET);
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::PartnerObj);
    client
        .get_mapper_object_id(&request)
        .await
        .expect("the call passes");
    assert_eq!(mock.calls::<AccessTokenRequest>(), 1);
    assert_eq!(mock.received::<GetMapperObjectIdRequest>(), [request]);
}

#[tokio::test]
async fn expired_tokens_answer_20016_and_the_client_fetches_a_new_one() {
    let mock = MockServer::start(provider()).await;
    let client = app_client(&mock, fxiaoke::APP_SECRET);
    client.data_get(&get()).await.unwrap();
    mock.expire_tokens();
    client
        .data_get(&get())
        .await
        .expect("refreshed and retried once");
    assert_eq!(mock.tokens_issued(), 2);
    let codes: Vec<_> = mock
        .journal()
        .iter()
        .map(|entry| (entry.operation, entry.verdict.code().map(str::to_owned)))
        .collect();
    assert_eq!(
        codes,
        [
            (Some("corpAccessToken"), None),
            (Some("dataGet"), None),
            (
                Some("dataGet"),
                Some(fxiaoke::codes::TOKEN_EXPIRED.to_owned())
            ),
            (Some("corpAccessToken"), None),
            (Some("dataGet"), None),
        ]
    );
}

#[tokio::test]
async fn a_fixed_token_the_mock_never_issued_is_refused() {
    let mock = MockServer::start(provider()).await;
    let with = |token: String| {
        Client::builder()
            .base_url(mock.uri())
            .credentials(Credentials::new().with_corp_access_token(
                token,
                fxiaoke::CORP_ID,
                "FSUID_1",
            ))
            .timeout(CALL_TIMEOUT)
            .build()
            .unwrap()
    };
    let error = with("made-up".to_owned())
        .data_get(&get())
        .await
        .unwrap_err();
    assert_eq!(
        error.vendor_code(),
        Some(fxiaoke::codes::TOKEN_EXPIRED),
        "{error}"
    );
    with(mock.issue_token(AuthKind::FxiaokeBody))
        .data_get(&get())
        .await
        .expect("an issued token passes");
    let header_token = mock.issue_token(AuthKind::FxiaokeHeader);
    let error = with(header_token).data_get(&get()).await.unwrap_err();
    assert_eq!(
        error.vendor_code(),
        Some(fxiaoke::codes::TOKEN_EXPIRED),
        "a token of the other scheme: {error}"
    );
}

#[tokio::test]
async fn a_wrong_app_secret_is_refused_by_the_token_endpoint() {
    let mock = MockServer::start(provider()).await;
    let error = app_client(&mock, "wrong")
        .data_get(&get())
        .await
        .unwrap_err();
    assert_eq!(
        error.vendor_code(),
        Some(fxiaoke::codes::BAD_APP_SECRET),
        "{error}"
    );
    assert!(
        !error.to_string().contains("wrong"),
        "the secret is masked: {error}"
    );
    assert_eq!(mock.tokens_issued(), 0);
}

#[tokio::test]
async fn a_call_without_third_trace_id_or_with_a_bad_one_is_refused() {
    let mock = MockServer::start(provider()).await;
    let http = reqwest::Client::new();
    for (query, code) in [
        ("", fxiaoke::codes::MISSING_PARAMETER),
        ("?thirdTraceId=abc", fxiaoke::codes::BAD_PARAMETER),
    ] {
        let answer = http
            .post(format!("{}/cgi/corpAccessToken/get/V2{query}", mock.uri()))
            .body(r#"{"appId":"a","appSecret":"b","permanentCode":"c"}"#)
            .send()
            .await
            .unwrap();
        let answer = json(&answer.bytes().await.unwrap());
        assert_eq!(
            answer["errorCode"]
                .as_i64()
                .map(|c| c.to_string())
                .as_deref(),
            Some(code),
            "{answer}"
        );
        assert!(
            answer["errorMessage"]
                .as_str()
                .unwrap()
                .contains("thirdTraceId"),
            "{answer}"
        );
    }
    assert!(matches!(
        mock.journal()[0].verdict,
        Verdict::Rejected { .. }
    ));
}

#[tokio::test]
async fn a_request_missing_a_required_field_gets_10001_naming_it() {
    let mock = MockServer::start(provider()).await;
    let token = mock.issue_token(AuthKind::FxiaokeBody);
    let body = serde_json::json!({"corpAccessToken": token, "corpId": fxiaoke::CORP_ID, "currentOpenUserId": "u", "data": {"dataObjectApiName": "AccountObj"}});
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/cgi/crm/v2/data/get?thirdTraceId={}",
            mock.uri(),
            uuid::Uuid::new_v4()
        ))
        .json(&body)
        .send()
        .await
        .unwrap();
    let answer = json(&answer.bytes().await.unwrap());
    assert_eq!(answer["errorCode"], 10001, "{answer}");
    assert!(
        answer["errorMessage"]
            .as_str()
            .unwrap()
            .contains("`data.objectDataId` is missing"),
        "{answer}"
    );
}

#[tokio::test]
async fn a_secret_of_the_wrong_type_is_not_repeated_in_the_refusal() {
    let mock = MockServer::start(provider()).await;
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/cgi/corpAccessToken/get/V2?thirdTraceId={}",
            mock.uri(),
            uuid::Uuid::new_v4()
        ))
        .body(r#"{"appId":"a","appSecret":987654321,"permanentCode":"c"}"#)
        .send()
        .await
        .unwrap();
    let answer = json(&answer.bytes().await.unwrap());
    assert_eq!(answer["errorCode"], 15002, "{answer}");
    let message = answer["errorMessage"].as_str().unwrap();
    assert!(
        message.contains("`appSecret`") && !message.contains("987654321"),
        "{message}"
    );
    let logged = format!("{:?}", mock.journal());
    assert!(!logged.contains("987654321"), "{logged}");
}

#[tokio::test]
async fn endpoints_sharing_a_path_are_told_apart_by_their_body() {
    use bindery::fxiaoke::message::{
        SendArticlesMessageRequest, SendTextMessageRequest, TextContent,
    };
    let mock = MockServer::start(provider()).await;
    let client = app_client(&mock, fxiaoke::APP_SECRET);
    let text = SendTextMessageRequest::new(vec!["FSUID_1".into()]).text(TextContent::new("hi"));
    client
        .send_text_message(&text)
        .await
        .expect("the text endpoint answers");
    assert_eq!(mock.received::<SendTextMessageRequest>(), [text]);
    assert_eq!(mock.calls::<SendArticlesMessageRequest>(), 0);
    // A text message missing its content is refused naming the text endpoint's field.
    let token = mock.issue_token(AuthKind::FxiaokeHeader);
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/cgi/message/send?thirdTraceId={}",
            mock.uri(),
            uuid::Uuid::new_v4()
        ))
        .header("authorization", format!("Bearer {token}"))
        .header("x-fs-ea", fxiaoke::EA)
        .header("x-fs-userid", "1000")
        .body(r#"{"toUser":["a"],"msgType":"text","text":{}}"#)
        .send()
        .await
        .unwrap();
    let answer = json(&answer.bytes().await.unwrap());
    let message = answer["errorMessage"].as_str().unwrap();
    assert!(message.contains("`text.content` is missing"), "{answer}");
    assert_eq!(mock.calls::<SendTextMessageRequest>(), 2);
}

#[tokio::test]
async fn the_token_endpoint_answers_the_same_token_until_it_expires() {
    let mock = MockServer::start(provider()).await;
    let first = mock.issue_token(AuthKind::FxiaokeBody);
    assert_eq!(mock.issue_token(AuthKind::FxiaokeBody), first);
    assert_ne!(mock.issue_token(AuthKind::FxiaokeHeader), first);
    mock.expire_tokens();
    assert_ne!(mock.issue_token(AuthKind::FxiaokeBody), first);
    assert_eq!(mock.tokens_issued(), 3);
}

/// A raw `POST` to the body scheme's token endpoint with `trace` as `thirdTraceId`; the
/// answer's `errorCode` and `errorMessage`.
async fn ask_token(mock: &MockServer, trace: uuid::Uuid) -> (i64, String) {
    let answer = reqwest::Client::new()
        .post(format!(
            "{}/cgi/corpAccessToken/get/V2?thirdTraceId={trace}",
            mock.uri()
        ))
        .json(&serde_json::json!({
            "appId": fxiaoke::APP_ID,
            "appSecret": fxiaoke::APP_SECRET,
            "permanentCode": fxiaoke::PERMANENT_CODE,
        }))
        .send()
        .await
        .unwrap();
    let answer = json(&answer.bytes().await.unwrap());
    let code = answer["errorCode"].as_i64().expect("a numeric code");
    let message = answer["errorMessage"].as_str().unwrap_or_default();
    (code, message.to_owned())
}

#[tokio::test]
async fn a_third_trace_id_sent_twice_is_refused_the_second_time() {
    let mock = MockServer::start(provider()).await;
    let trace = uuid::Uuid::new_v4();
    assert_eq!(ask_token(&mock, trace).await.0, 0);
    let (code, message) = ask_token(&mock, trace).await;
    assert_eq!(code.to_string(), fxiaoke::codes::BAD_PARAMETER, "{message}");
    assert!(
        message.contains(&format!("`thirdTraceId` {trace} was sent before")),
        "{message}"
    );
    // A client's retries each carry a new one: a refreshed token's retry passes.
    let client = app_client(&mock, fxiaoke::APP_SECRET);
    client.data_get(&get()).await.expect("passes");
    mock.expire_tokens();
    client
        .data_get(&get())
        .await
        .expect("refreshed and retried");
}

#[tokio::test]
async fn the_token_endpoint_allows_ten_calls_a_minute_then_answers_14001() {
    let mock = MockServer::start(provider()).await;
    for _ in 0..10 {
        assert_eq!(ask_token(&mock, uuid::Uuid::new_v4()).await.0, 0);
    }
    let (code, message) = ask_token(&mock, uuid::Uuid::new_v4()).await;
    assert_eq!(code.to_string(), fxiaoke::codes::CALL_LIMIT, "{message}");
    assert_eq!(mock.tokens_issued(), 1);
    assert_eq!(mock.calls::<CorpAccessTokenRequest>(), 11);
    mock.set_rate_limits(false);
    assert_eq!(ask_token(&mock, uuid::Uuid::new_v4()).await.0, 0);
}
