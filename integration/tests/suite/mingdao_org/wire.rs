//! What `bindery-mock` does not check, on a hand-mounted server, once per method: the full
//! path under the base URL's (`/generalintegrate/v2/…`; the mock routes by the spec path's
//! suffix), where the four sign-scheme keys travel (in the JSON body of a `POST`, after the
//! fields in the query of a `GET`), a timestamp within `CLOCK_SLACK_SECS` of the call (the
//! mock takes any), and the secret key in neither body nor URL.
//! (`mingdao::get_user_relations_sends_signed_body_and_decodes_relations` checks a `POST`'s
//! timestamp too; nothing else checks a `GET`'s.) `sign` is checked with the mock's own
//! implementation of the vendor's scheme.

use bindery::mingdao::Client;
use bindery::mingdao::structure::ReplaceStructureRequest;
use bindery::mingdao::user::GetUserRelationRequest;
use bindery_mock::mingdao::sign;
use serde_json::{Value, json};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{APP_KEY, PROJECT_ID, SECRET_KEY, SECRETS, client};
use crate::common::routes::MINGDAO_BASE_PATH;
use crate::common::{
    CLOCK_SLACK_SECS, assert_hides, body_json, header, only_request, query_pairs, unix_millis,
};

/// Answers `body` (HTTP 200) to exactly one request, of any method, on
/// `/generalintegrate/v2/<rest>` (written out, as the server sees it), makes `call` with a
/// client on that server, and returns the one request and the text of its signed timestamp
/// (which `timestamp` reads from it), checked to be within `CLOCK_SLACK_SECS` of the call.
async fn sent_at<T>(
    rest: &str,
    body: Value,
    call: impl AsyncFnOnce(&Client) -> Result<T, bindery::Error>,
    timestamp: impl FnOnce(&Request) -> String,
) -> (Request, String) {
    let server = MockServer::start().await;
    Mock::given(path(format!("{MINGDAO_BASE_PATH}/v2/{rest}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let before = unix_millis();
    call(&client(&server.uri()))
        .await
        .unwrap_or_else(|error| panic!("{rest}: {error:?}"));
    let after = unix_millis();
    let sent = only_request(&server).await;
    let text = timestamp(&sent);
    let millis: i64 = text
        .parse()
        .unwrap_or_else(|_| panic!("timestamp `{text}` is not an integer"));
    let slack = CLOCK_SLACK_SECS * 1000;
    assert!(
        (before - slack..=after + slack).contains(&millis),
        "timestamp {millis} (ms) not within {CLOCK_SLACK_SECS} s of now ({before}..{after})"
    );
    (sent, text)
}

#[tokio::test]
async fn a_post_sends_a_json_body_with_the_sign_keys_under_the_base_path() {
    let request = ReplaceStructureRequest::new("old@mingdao.com", "new@mingdao.com");
    let (sent, timestamp) = sent_at(
        "open/structure/replaceStructure",
        json!({"error_code": 1, "success": true}),
        async |client| client.replace_structure(&request).await,
        |sent| body_json(sent)["timestamp"].to_string(),
    )
    .await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(
        sent.url.query(),
        None,
        "a POST carries everything in the body"
    );
    assert_eq!(header(&sent, "content-type"), Some("application/json"));
    let body = body_json(&sent);
    assert!(body["timestamp"].is_u64(), "a JSON integer: {body}");
    let expected = json!({
        "preSubordinate": "old@mingdao.com", "newSubordinate": "new@mingdao.com",
        "appKey": APP_KEY,
        "sign": sign(APP_KEY, SECRET_KEY, &timestamp),
        "timestamp": body["timestamp"],
        "projectId": PROJECT_ID,
    });
    assert_eq!(body, expected);
    assert_hides(
        "request body",
        &String::from_utf8_lossy(&sent.body),
        SECRETS,
    );
}

#[tokio::test]
async fn a_get_sends_the_fields_then_the_sign_keys_in_the_query_under_the_base_path() {
    let request = GetUserRelationRequest::new("wecom zhang&san");
    let answer = json!({"data": {"corpUserId": "wecom zhang&san"}, "code": 1, "message": ""});
    let (sent, timestamp) = sent_at(
        "user/getUserRelation",
        answer,
        async |client| client.get_user_relation(&request).await,
        |sent| {
            let pairs = query_pairs(sent).into_iter();
            let mut stamps = pairs.filter(|(key, _)| key == "timestamp");
            stamps.next().map(|(_, value)| value).unwrap_or_default()
        },
    )
    .await;
    assert_eq!(sent.method.as_str(), "GET");
    assert!(sent.body.is_empty(), "a GET has no body: {:?}", sent.body);
    assert_eq!(header(&sent, "content-type"), None, "a GET sends no JSON");
    // The id's space and `&` arrive intact: the query is encoded.
    let expected = [
        ("corpUserId", "wecom zhang&san"),
        ("appKey", APP_KEY),
        ("sign", &sign(APP_KEY, SECRET_KEY, &timestamp)),
        ("timestamp", &timestamp),
        ("projectId", PROJECT_ID),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    assert_eq!(query_pairs(&sent), expected);
    assert_hides("request URL", sent.url.as_str(), SECRETS);
}
