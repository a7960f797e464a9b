//! Mingdao: `appKey`, `sign`, `timestamp`, `projectId` in the body of a `POST` and the query
//! of a `GET`, the spec check, both envelopes' failures.

use bindery::mingdao::structure::GetSubordinateIdsRequest;
use bindery::mingdao::user::{GetUserRequest, RemoveUserRequest};
use bindery::mingdao::{Client, Credentials};
use bindery_mock::{MockServer, Verdict, mingdao};

use crate::{CALL_TIMEOUT, json};

fn provider() -> &'static bindery::runtime::served::ServedProvider {
    &bindery::mingdao::mock::PROVIDER
}

/// Milliseconds since 1970, as the client signs them.
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `fields` with the four sign-scheme keys of the mock's default credentials, signed at
/// `timestamp` (ms).
pub fn signed(mut fields: serde_json::Value, timestamp: i64) -> serde_json::Value {
    let sign = mingdao::sign(
        mingdao::APP_KEY,
        mingdao::SECRET_KEY,
        &timestamp.to_string(),
    );
    let object = fields.as_object_mut().expect("an object");
    object.insert("appKey".into(), mingdao::APP_KEY.into());
    object.insert("projectId".into(), mingdao::PROJECT_ID.into());
    object.insert("timestamp".into(), timestamp.into());
    object.insert("sign".into(), sign.into());
    fields
}

/// A raw `POST` of `body` to removeUser; the answer's JSON.
async fn remove_user(mock: &MockServer, body: &serde_json::Value) -> serde_json::Value {
    let url = format!("{}/v2/user/removeUser", mock.uri());
    let answer = reqwest::Client::new()
        .post(url)
        .json(body)
        .send()
        .await
        .unwrap();
    json(&answer.bytes().await.unwrap())
}

fn client(mock: &MockServer, secret_key: &str, base_path: &str) -> Client {
    client_at(&format!("{}{base_path}", mock.uri()), secret_key)
}

/// A client of the server at `base_url` with the mock's default app key and project,
/// signing with `secret_key`.
pub fn client_at(base_url: &str, secret_key: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .credentials(Credentials::new(
            mingdao::APP_KEY,
            secret_key.to_owned(),
            mingdao::PROJECT_ID,
        ))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn a_signed_post_and_a_signed_get_pass_under_any_base_path() {
    let mock = MockServer::start(provider()).await;
    let client = client(&mock, mingdao::SECRET_KEY, "/generalintegrate");
    client
        .remove_user(&RemoveUserRequest::new("wecom-zhangsan"))
        .await
        .expect("POST passes");
    client
        .get_user(&GetUserRequest::new("acc-1"))
        .await
        .expect("GET passes");
    assert_eq!(
        mock.received::<RemoveUserRequest>(),
        [RemoveUserRequest::new("wecom-zhangsan")]
    );
    assert_eq!(
        mock.received::<GetUserRequest>(),
        [GetUserRequest::new("acc-1")]
    );
    let fields = mock.journal()[1].fields().clone();
    assert_eq!(
        fields,
        serde_json::json!({"accountId": "acc-1"}),
        "the sign-scheme fields are not the request's"
    );
}

#[tokio::test]
async fn a_wrong_secret_key_fails_the_sign_check_with_10001() {
    let mock = MockServer::start(provider()).await;
    let error = client(&mock, "not-the-key", "")
        .remove_user(&RemoveUserRequest::new("u"))
        .await
        .unwrap_err();
    assert_eq!(error.vendor_code(), Some(mingdao::FAILURE));
    assert!(
        error.to_string().contains("`sign` does not match"),
        "{error}"
    );
    assert!(!error.to_string().contains("not-the-key"), "{error}");
    assert!(matches!(
        mock.journal()[0].verdict,
        Verdict::Rejected { .. }
    ));
}

#[tokio::test]
async fn the_structure_envelope_carries_the_failure_with_success_false() {
    let mock = MockServer::builder(provider())
        .credential("project_id", "another")
        .start()
        .await
        .unwrap();
    let error = client(&mock, mingdao::SECRET_KEY, "")
        .get_subordinate_ids(&GetSubordinateIdsRequest::new())
        .await
        .unwrap_err();
    assert_eq!(error.vendor_code(), Some(mingdao::FAILURE), "{error}");
    assert!(
        error
            .to_string()
            .contains("`projectId` is not the organisation's"),
        "{error}"
    );
}

#[tokio::test]
async fn missing_sign_fields_and_unknown_paths_are_refused() {
    let mock = MockServer::start(provider()).await;
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{}/v2/user/removeUser", mock.uri()))
        .body(r#"{"corpUserId":"u","appKey":"k"}"#)
        .send()
        .await
        .unwrap();
    let answer = json(&answer.bytes().await.unwrap());
    assert_eq!(answer["code"], 10001);
    assert_eq!(
        answer["message"],
        "missing `sign`, `timestamp`, `projectId`"
    );
    let answer = http
        .post(format!("{}/v2/user/nothing", mock.uri()))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);
}

#[tokio::test]
async fn a_body_breaking_the_spec_gets_10001_naming_the_field() {
    let mock = MockServer::start(provider()).await;
    let body = signed(serde_json::json!({"corpUserId": 42}), now_ms());
    let answer = remove_user(&mock, &body).await;
    assert_eq!(answer["code"], 10001, "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("`corpUserId` invalid type: integer `42`, expected a string"),
        "{answer}"
    );
}

#[tokio::test]
async fn a_field_the_spec_does_not_know_passes_as_the_vendor_documents_nothing_else() {
    let mock = MockServer::start(provider()).await;
    let body = signed(
        serde_json::json!({"corpUserId": "u", "note": "extra"}),
        now_ms(),
    );
    let answer = remove_user(&mock, &body).await;
    assert_eq!(answer["code"], 1, "{answer}");
}

#[tokio::test]
async fn a_stale_timestamp_is_refused_even_when_signed() {
    let mock = MockServer::start(provider()).await;
    let http = reqwest::Client::new();
    let url = format!("{}/v2/user/removeUser", mock.uri());
    for (age_ms, code) in [(310_000, 10001), (290_000, 1), (-310_000, 10001)] {
        let body = signed(serde_json::json!({"corpUserId": "u"}), now_ms() - age_ms);
        let answer = http.post(&url).json(&body).send().await.unwrap();
        let answer = json(&answer.bytes().await.unwrap());
        assert_eq!(answer["code"], code, "{age_ms} ms old: {answer}");
    }
}
