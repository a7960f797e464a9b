//! Tencent Cloud: signatures, scope, timestamps, action and version, the spec check, rate
//! limits. Raw requests are signed with `bindery-testkit`'s TC3 signer, written apart from
//! both the runtime's and the mock's.

use bindery::tencent_ess::types::UserInfo;
use bindery::tencent_ess::{
    BindEmployeeUserIdWithClientOpenIdRequest as Bind, Client, Credentials,
};
use bindery_mock::{MockServer, Verdict, tencent};
use bindery_testkit::tc3::Tc3;
use serde_json::{Value, json};

use crate::{CALL_TIMEOUT, json};

const ACTION: &str = "BindEmployeeUserIdWithClientOpenId";

fn provider() -> &'static bindery::runtime::served::ServedProvider {
    &bindery::tencent_ess::mock::PROVIDER
}

pub fn client(mock: &MockServer, secret_key: &str) -> Client {
    Client::builder()
        .base_url(mock.uri())
        .credentials(Credentials::new(tencent::SECRET_ID, secret_key.to_owned()))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

fn bind() -> Bind {
    Bind::new(
        UserInfo::new().user_id("yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"),
        "yDRS4UUgygqdcj56UuO4zjExBQcOiB68",
        "n9527",
    )
}

/// A raw request to the mock, signed by the test.
pub struct Raw<'a> {
    pub action: &'a str,
    pub version: &'a str,
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    pub timestamp: i64,
    /// The credential scope's service.
    pub service: &'a str,
    /// The bytes signed.
    pub signed_body: &'a [u8],
    /// The bytes sent (differ from `signed_body` for a tampered request).
    pub sent_body: &'a [u8],
    /// The `Content-Type` sent and signed.
    pub content_type: &'a str,
}

impl<'a> Raw<'a> {
    pub fn new(action: &'a str, body: &'a [u8]) -> Self {
        Raw {
            action,
            version: "2020-11-11",
            secret_id: tencent::SECRET_ID,
            secret_key: tencent::SECRET_KEY,
            timestamp: bindery_testkit::unix_secs(),
            service: "ess",
            signed_body: body,
            sent_body: body,
            content_type: "application/json",
        }
    }

    /// The request, signed, ready to send.
    pub fn request(&self, mock: &MockServer) -> reqwest::RequestBuilder {
        let host = mock.address().to_string();
        let authorization = Tc3 {
            secret_id: self.secret_id,
            secret_key: self.secret_key,
            service: self.service,
            host: &host,
            content_type: self.content_type,
            body: self.signed_body,
            timestamp: self.timestamp,
        }
        .authorization();
        reqwest::Client::new()
            .post(mock.uri())
            .header("content-type", self.content_type)
            .header("x-tc-action", self.action)
            .header("x-tc-version", self.version)
            .header("x-tc-timestamp", self.timestamp.to_string())
            .header("authorization", authorization)
            .body(self.sent_body.to_vec())
    }

    /// Sends it; the HTTP status and the answer's JSON.
    pub async fn send(&self, mock: &MockServer) -> (u16, Value) {
        let answer = self.request(mock).send().await.expect("the mock answers");
        let status = answer.status().as_u16();
        (status, json(&answer.bytes().await.expect("a body")))
    }
}

/// The vendor error code and message of an answer.
pub fn error_of(answer: &Value) -> (&str, &str) {
    let error = &answer["Response"]["Error"];
    (
        error["Code"].as_str().unwrap_or(""),
        error["Message"].as_str().unwrap_or(""),
    )
}

#[tokio::test]
async fn a_signed_call_from_the_client_gets_the_spec_example() {
    let mock = MockServer::start(provider()).await;
    let answer = client(&mock, tencent::SECRET_KEY)
        .bind_employee_user_id_with_client_open_id(&bind())
        .await
        .expect("the call passes");
    assert_eq!(answer.status.as_i64(), 1);
    crate::assert_fresh_request_id(
        answer.request_id.as_deref(),
        "fc0b0a6b-01b4-4042-b236-c5356af1d5d8",
    );
    assert_eq!(mock.received::<Bind>(), [bind()]);
    assert_eq!(mock.calls::<Bind>(), 1);
}

#[tokio::test]
async fn a_wrong_key_gets_signature_failure() {
    let mock = MockServer::start(provider()).await;
    let error = client(&mock, "not-the-key")
        .bind_employee_user_id_with_client_open_id(&bind())
        .await
        .expect_err("refused");
    assert_eq!(
        error.vendor_code(),
        Some(tencent::codes::SIGNATURE_FAILURE),
        "{error}"
    );
    assert!(mock.received::<Bind>().is_empty());
    assert_eq!(
        mock.calls::<Bind>(),
        0,
        "an unauthorised request does not count"
    );
    let journal = mock.journal();
    assert!(
        matches!(&journal[0].verdict, Verdict::Rejected { code, .. } if code == tencent::codes::SIGNATURE_FAILURE),
        "{journal:?}"
    );
}

#[tokio::test]
async fn a_tampered_body_gets_signature_failure() {
    let mock = MockServer::start(provider()).await;
    let signed = serde_json::to_vec(&bind()).unwrap();
    let tampered = String::from_utf8(signed.clone())
        .unwrap()
        .replace("n9527", "n9528");
    let mut raw = Raw::new(ACTION, &signed);
    let (status, answer) = raw.send(&mock).await;
    assert_eq!(
        (status, answer["Response"]["Status"].as_i64()),
        (200, Some(1)),
        "{answer}"
    );
    raw.sent_body = tampered.as_bytes();
    let (status, answer) = raw.send(&mock).await;
    assert_eq!(status, 200);
    let (code, message) = error_of(&answer);
    assert_eq!(code, tencent::codes::SIGNATURE_FAILURE, "{answer}");
    assert!(message.contains("signature does not match"), "{message}");
    assert!(answer["Response"]["RequestId"].is_string());
}

#[tokio::test]
async fn a_stale_or_future_timestamp_gets_signature_expire_and_one_inside_the_window_passes() {
    let mock = MockServer::start(provider()).await;
    let body = serde_json::to_vec(&bind()).unwrap();
    let now = bindery_testkit::unix_secs();
    for (skew, expected) in [
        (-310, Some(tencent::codes::SIGNATURE_EXPIRE)),
        (310, Some(tencent::codes::SIGNATURE_EXPIRE)),
        (-290, None),
        (290, None),
    ] {
        let mut raw = Raw::new(ACTION, &body);
        raw.timestamp = now + skew;
        let (_, answer) = raw.send(&mock).await;
        let code = answer["Response"]["Error"]["Code"].as_str();
        assert_eq!(code, expected, "skew {skew}: {answer}");
    }
}

#[tokio::test]
async fn an_unknown_key_id_action_or_version_gets_the_vendor_error() {
    let mock = MockServer::start(provider()).await;
    let body = serde_json::to_vec(&bind()).unwrap();
    let mut raw = Raw::new(ACTION, &body);
    raw.secret_id = "AKIDsomeoneelse";
    assert_eq!(
        error_of(&raw.send(&mock).await.1).0,
        tencent::codes::SECRET_ID_NOT_FOUND
    );
    let mut raw = Raw::new("BindEverything", &body);
    let (_, answer) = raw.send(&mock).await;
    assert_eq!(
        error_of(&answer),
        (
            tencent::codes::INVALID_ACTION,
            "The action `BindEverything` is not found for this service."
        )
    );
    raw = Raw::new(ACTION, &body);
    raw.version = "2019-01-01";
    assert_eq!(
        error_of(&raw.send(&mock).await.1).0,
        tencent::codes::NO_SUCH_VERSION
    );
}

#[tokio::test]
async fn a_scope_of_another_service_gets_signature_failure() {
    let mock = MockServer::start(provider()).await;
    let mut raw = Raw::new(ACTION, b"{}");
    raw.service = "cvm";
    let (_, answer) = raw.send(&mock).await;
    let (code, message) = error_of(&answer);
    assert_eq!(code, tencent::codes::SIGNATURE_FAILURE);
    assert!(
        message.contains("/cvm` is not `") && message.contains("/ess`"),
        "{message}"
    );
}

#[tokio::test]
async fn a_missing_authorization_is_invalid_authorization() {
    let mock = MockServer::start(provider()).await;
    let answer = reqwest::Client::new()
        .post(mock.uri())
        .header("content-type", "application/json")
        .header("x-tc-action", ACTION)
        .header("x-tc-version", "2020-11-11")
        .header("x-tc-timestamp", bindery_testkit::unix_secs().to_string())
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(&json(&answer.bytes().await.unwrap())).0,
        tencent::codes::INVALID_AUTHORIZATION
    );
}

async fn refusal(mock: &MockServer, body: Value) -> (String, String) {
    let bytes = serde_json::to_vec(&body).unwrap();
    let (_, answer) = Raw::new(ACTION, &bytes).send(mock).await;
    let (code, message) = error_of(&answer);
    (code.to_owned(), message.to_owned())
}

#[tokio::test]
async fn the_spec_check_names_the_field_as_the_vendor_does() {
    let mock = MockServer::start(provider()).await;
    let operator = json!({"UserId": "yDRSRUUgygj6qnwfUuO4zjEwc193c2hH"});
    let cases = [
        (
            json!({"Operator": operator, "UserId": "u"}),
            "MissingParameter",
            "`OpenId`",
        ),
        (
            json!({"Operator": {}, "UserId": "u", "OpenId": "n1"}),
            "MissingParameter",
            "`Operator.UserId`",
        ),
        (
            json!({"Operator": operator, "UserId": "u", "OpenId": 5}),
            "InvalidParameterValue",
            "`OpenId` is invalid: invalid type: integer `5`, expected a string",
        ),
        (
            json!({"Operator": operator, "UserId": "u", "OpenId": "n-1"}),
            "InvalidParameterValue",
            "`OpenId` is invalid",
        ),
        (
            json!({"Operator": operator, "UserId": "u", "OpenId": "n".repeat(65)}),
            "InvalidParameterValue",
            "length 65 exceeds maximum 64",
        ),
        (
            json!({"Operator": [1], "UserId": "u", "OpenId": "n1"}),
            "InvalidParameterValue",
            "`Operator`",
        ),
    ];
    for (body, code, needle) in cases {
        let (got_code, message) = refusal(&mock, body.clone()).await;
        assert_eq!(got_code, code, "{body}: {message}");
        assert!(
            message.contains(needle),
            "{body}: `{message}` lacks `{needle}`"
        );
    }
    assert_eq!(
        mock.calls::<Bind>(),
        6,
        "refused requests reached the endpoint"
    );
    assert!(mock.received::<Bind>().is_empty(), "none was answered");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_invalid_parameter() {
    let mock = MockServer::start(provider()).await;
    let (_, answer) = Raw::new(ACTION, b"{not json").send(&mock).await;
    assert_eq!(error_of(&answer).0, tencent::codes::INVALID_PARAMETER);
}

#[tokio::test]
async fn more_headers_signed_as_the_official_sdks_sign_them_pass() {
    use bindery_mock::tencent::tc3::Signing;
    let mock = MockServer::start(provider()).await;
    let body = serde_json::to_vec(&bind()).unwrap();
    let timestamp = bindery_testkit::unix_secs();
    let host = mock.address().to_string();
    let signature = Signing {
        secret_key: tencent::SECRET_KEY,
        service: "ess",
        timestamp,
        method: "POST",
        path: "/",
        query: "",
        headers: &[
            ("content-type", "application/json; charset=utf-8"),
            ("host", &host),
            ("x-tc-action", ACTION),
        ],
        body: &body,
    }
    .signature()
    .unwrap();
    let date = bindery_mock::tencent::tc3::utc_date(timestamp).unwrap();
    let answer = reqwest::Client::new()
        .post(mock.uri())
        .header("content-type", "application/json; charset=utf-8")
        .header("x-tc-action", ACTION)
        .header("x-tc-version", "2020-11-11")
        .header("x-tc-timestamp", timestamp.to_string())
        .header("authorization", format!("TC3-HMAC-SHA256 Credential={}/{date}/ess/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature={signature}", tencent::SECRET_ID))
        .body(body)
        .send()
        .await
        .unwrap();
    let answer = json(&answer.bytes().await.unwrap());
    assert_eq!(answer["Response"]["Status"], 1, "{answer}");
}

#[tokio::test]
async fn the_rate_limit_answers_request_limit_exceeded_and_can_be_switched_off() {
    let mock = MockServer::start(provider()).await;
    let body = serde_json::to_vec(&bind()).unwrap();
    let mut codes = Vec::new();
    for _ in 0..21 {
        let (_, answer) = Raw::new(ACTION, &body).send(&mock).await;
        codes.push(
            answer["Response"]["Error"]["Code"]
                .as_str()
                .map(str::to_owned),
        );
    }
    // 20 a second: the 21st within the same second is refused (the test takes well under
    // a second on any machine that runs it; a slow one only makes the last pass too).
    assert!(codes[..20].iter().all(Option::is_none), "{codes:?}");
    let last = codes[20].as_deref();
    assert!(
        last == Some(tencent::codes::REQUEST_LIMIT_EXCEEDED) || last.is_none(),
        "{codes:?}"
    );
    mock.set_rate_limits(false);
    for _ in 0..25 {
        let (_, answer) = Raw::new(ACTION, &body).send(&mock).await;
        assert!(answer["Response"].get("Error").is_none(), "{answer}");
    }
}

#[tokio::test]
async fn other_credentials_are_checked_when_given() {
    let mock = MockServer::builder(provider())
        .credential("secret_id", "AKIDother")
        .credential("secret_key", "other-key")
        .start()
        .await
        .unwrap();
    let client = Client::builder()
        .base_url(mock.uri())
        .credentials(Credentials::new("AKIDother", "other-key"))
        .build()
        .unwrap();
    client
        .bind_employee_user_id_with_client_open_id(&bind())
        .await
        .expect("the configured key passes");
    let error = MockServer::builder(provider())
        .credential("secret", "x")
        .start()
        .await
        .expect_err("unknown name");
    assert!(
        error.to_string().contains("no credential `secret`"),
        "{error}"
    );
    assert!(
        !format!("{mock:?}").contains("other-key"),
        "the key is hidden: {mock:?}"
    );
}

#[tokio::test]
async fn a_vendor_error_stub_reaches_the_client_as_that_code() {
    let mock = MockServer::start(provider()).await;
    let _stub = mock
        .on::<Bind>()
        .error("InvalidParameter", "该openid已绑定其他userid");
    let error = client(&mock, tencent::SECRET_KEY)
        .bind_employee_user_id_with_client_open_id(&bind())
        .await
        .expect_err("the stub's error");
    assert_eq!(error.vendor_code(), Some("InvalidParameter"));
    assert!(
        error.to_string().contains("该openid已绑定其他userid"),
        "{error}"
    );
    assert!(
        error.request_id().is_some(),
        "the envelope carries a request id"
    );
}

#[tokio::test]
async fn a_parameter_the_action_does_not_define_is_unknown_parameter() {
    let mock = MockServer::start(provider()).await;
    let body = json!({"Operator": {"UserId": "u", "Nickname": "x"}, "UserId": "u", "OpenId": "n1"});
    let (code, message) = refusal(&mock, body).await;
    assert_eq!(code, tencent::codes::UNKNOWN_PARAMETER);
    assert_eq!(
        message,
        "The parameter `Operator.Nickname` is not defined for this action."
    );
}

#[tokio::test]
async fn a_hostile_timestamp_is_refused_not_a_crash() {
    let mock = MockServer::start(provider()).await;
    let body = serde_json::to_vec(&bind()).unwrap();
    // (i64::MAX is out: the test's own signer counts days one year at a time.)
    for timestamp in [i64::MIN, -1, 1_000_000_000_000] {
        let mut raw = Raw::new(ACTION, &body);
        raw.timestamp = timestamp;
        let (_, answer) = raw.send(&mock).await;
        assert_eq!(
            error_of(&answer).0,
            tencent::codes::SIGNATURE_EXPIRE,
            "{timestamp}: {answer}"
        );
    }
    assert_eq!(mock.journal().len(), 3);
}

#[tokio::test]
async fn x_tc_token_must_be_the_session_token_and_absent_without_one() {
    let body = serde_json::to_vec(&bind()).unwrap();
    let mock = MockServer::start(provider()).await;
    let sent = Raw::new(ACTION, &body)
        .request(&mock)
        .header("x-tc-token", "t1")
        .send();
    let answer = json(&sent.await.unwrap().bytes().await.unwrap());
    assert_eq!(error_of(&answer).0, tencent::codes::TOKEN_FAILURE);
    let temporary = MockServer::builder(provider())
        .credential("session_token", "t1")
        .start()
        .await
        .unwrap();
    let raw = Raw::new(ACTION, &body);
    assert_eq!(
        error_of(&raw.send(&temporary).await.1).0,
        tencent::codes::TOKEN_FAILURE
    );
    let answer = json(
        &raw.request(&temporary)
            .header("x-tc-token", "t1")
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
    );
    assert_eq!(answer["Response"]["Status"], 1, "{answer}");
}

#[tokio::test]
async fn a_post_signs_an_empty_query_whatever_the_url_carries() {
    let mock = MockServer::start(provider()).await;
    let body = serde_json::to_vec(&bind()).unwrap();
    let raw = Raw::new(ACTION, &body);
    let request = raw.request(&mock).query(&[("a", "1")]);
    let answer = json(&request.send().await.unwrap().bytes().await.unwrap());
    assert_eq!(answer["Response"]["Status"], 1, "{answer}");
}

#[tokio::test]
async fn a_body_that_is_not_declared_json_is_refused_naming_its_content_type() {
    let mock = MockServer::start(provider()).await;
    let body = serde_json::to_vec(&bind()).unwrap();
    let mut raw = Raw::new(ACTION, &body);
    raw.content_type = "application/json; charset=utf-8";
    let (_, answer) = raw.send(&mock).await;
    assert!(answer["Response"].get("Error").is_none(), "{answer}");
    raw.content_type = "text/plain";
    let (_, answer) = raw.send(&mock).await;
    let (code, message) = error_of(&answer);
    assert_eq!(code, tencent::codes::INVALID_PARAMETER, "{answer}");
    assert!(message.contains("`Content-Type` `text/plain`"), "{message}");
}
