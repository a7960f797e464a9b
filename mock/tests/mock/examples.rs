//! Every endpoint of every provider answers: its table has a default answer, and every
//! success example's request, sent as the vendor's protocol wants it, passes the spec check
//! and gets that example's answer back: the same JSON, but for the request id, which is the
//! server's own (a UUID, new per answer).

use bindery::runtime::served::{ServedEndpoint, ServedExample, ServedProvider};
use bindery_mock::MockServer;
use bindery_runtime::{AuthKind, Method};
use serde_json::{Map, Value};

/// The success examples with a request, of every endpoint but the token endpoints (their
/// requests carry the vendor's placeholder credentials, which a mock refuses).
fn replayable(
    provider: &'static ServedProvider,
) -> Vec<(&'static ServedEndpoint, &'static ServedExample, Value)> {
    let mut out = Vec::new();
    for endpoint in provider.endpoints {
        if provider
            .tokens
            .iter()
            .any(|token| token.operation == endpoint.operation.name)
        {
            continue;
        }
        for example in endpoint
            .examples
            .iter()
            .filter(|example| example.error_code.is_none())
        {
            if let Some(request) = example.request {
                out.push((
                    endpoint,
                    example,
                    serde_json::from_str(request).expect("example requests are JSON"),
                ));
            }
        }
    }
    out
}

/// A server of `provider` that replays many examples without meeting its rate limits.
async fn unthrottled(provider: &'static ServedProvider) -> MockServer {
    MockServer::builder(provider)
        .rate_limits(false)
        .start()
        .await
        .unwrap()
}

#[test]
fn every_endpoint_has_a_default_answer() {
    for provider in [
        &bindery::fxiaoke::mock::PROVIDER,
        &bindery::mingdao::mock::PROVIDER,
        &bindery::tencent_ess::mock::PROVIDER,
    ] {
        assert!(!provider.endpoints.is_empty());
        for endpoint in provider.endpoints {
            let example = endpoint
                .success_example()
                .unwrap_or_else(|| panic!("`{}` has no default answer", endpoint.operation.name));
            serde_json::from_str::<Value>(example.response).expect("answers are JSON");
        }
    }
}

async fn assert_answered(
    mock: &MockServer,
    endpoint: &ServedEndpoint,
    example: &ServedExample,
    answer: reqwest::Response,
) {
    let status = answer.status().as_u16();
    let body = answer.bytes().await.unwrap();
    let name = endpoint.operation.name;
    assert_eq!(
        status,
        200,
        "`{name}` example `{}`: {}",
        example.name,
        String::from_utf8_lossy(&body)
    );
    let verdicts: Vec<_> = mock
        .journal()
        .into_iter()
        .map(|entry| entry.verdict)
        .collect();
    assert!(
        verdicts.last().is_some_and(bindery_mock::Verdict::answered),
        "`{name}` example `{}` refused: {verdicts:?}",
        example.name
    );
    // The default answer is the first success example, which may be another one, with a
    // request id of the server's own where the example has one.
    let expected = endpoint.success_example().unwrap().response;
    let mut expected: Value = serde_json::from_str(expected).unwrap();
    let mut body = crate::json(&body);
    if let Some(path) = endpoint.operation.envelope.request_id
        && let Some(example_id) = pointer(&mut expected, path)
    {
        let id = pointer(&mut body, path).map(Value::take);
        let example_id = example_id.take();
        crate::assert_fresh_request_id(
            id.as_ref().and_then(Value::as_str),
            example_id.as_str().unwrap_or_default(),
        );
    }
    assert_eq!(body, expected, "`{name}` example `{}`", example.name);
}

#[tokio::test]
async fn every_tencent_example_request_passes_and_gets_the_example_answer() {
    let mock = unthrottled(&bindery::tencent_ess::mock::PROVIDER).await;
    let replayed = replayable(&bindery::tencent_ess::mock::PROVIDER);
    assert!(replayed.len() > 100, "{} examples", replayed.len());
    for (endpoint, example, request) in replayed {
        let body = serde_json::to_vec(&request).unwrap();
        let raw = crate::tencent::Raw::new(endpoint.operation.action.unwrap(), &body);
        let answer = raw.request(&mock).send().await.unwrap();
        assert_answered(&mock, endpoint, example, answer).await;
    }
}

#[tokio::test]
async fn every_fxiaoke_example_request_passes_and_gets_the_example_answer() {
    let provider = &bindery::fxiaoke::mock::PROVIDER;
    let mock = unthrottled(provider).await;
    let replayed = replayable(provider);
    assert!(replayed.len() > 20, "{} examples", replayed.len());
    let http = reqwest::Client::new();
    for (endpoint, example, mut request) in replayed {
        let url = format!(
            "{}{}?thirdTraceId={}",
            mock.uri(),
            endpoint.operation.path,
            uuid::Uuid::new_v4()
        );
        let mut call = http.post(url);
        match endpoint.operation.auth {
            Some(AuthKind::FxiaokeHeader) => {
                let token = mock.issue_token(AuthKind::FxiaokeHeader);
                call = call
                    .header("authorization", format!("Bearer {token}"))
                    .header("x-fs-ea", bindery_mock::fxiaoke::EA)
                    .header("x-fs-userid", "1000");
            }
            Some(AuthKind::FxiaokeBody) => {
                let object = request.as_object_mut().expect("an object body");
                object.insert(
                    "corpAccessToken".into(),
                    mock.issue_token(AuthKind::FxiaokeBody).into(),
                );
                object.insert("corpId".into(), bindery_mock::fxiaoke::CORP_ID.into());
                object.insert("currentOpenUserId".into(), "FSUID_1".into());
            }
            _ => {}
        }
        let answer = call.json(&request).send().await.unwrap();
        assert_answered(&mock, endpoint, example, answer).await;
    }
}

#[tokio::test]
async fn every_mingdao_example_request_passes_and_gets_the_example_answer() {
    let provider = &bindery::mingdao::mock::PROVIDER;
    let mock = unthrottled(provider).await;
    let replayed = replayable(provider);
    assert!(replayed.len() >= 9, "{} examples", replayed.len());
    let http = reqwest::Client::new();
    for (endpoint, example, request) in replayed {
        let fields: Map<String, Value> = request.as_object().cloned().unwrap_or_default();
        // The page's own sign-scheme values are placeholders: the mock's replace them.
        let fields = crate::mingdao::signed(Value::Object(fields), crate::mingdao::now_ms());
        let Value::Object(fields) = fields else {
            unreachable!("an object stays one")
        };
        let url = format!("{}{}", mock.uri(), endpoint.operation.path);
        let answer = match endpoint.operation.method {
            Method::Get => {
                let query: Vec<(String, String)> = fields
                    .into_iter()
                    .map(|(key, value)| match value {
                        Value::String(text) => (key, text),
                        other => (key, other.to_string()),
                    })
                    .collect();
                http.get(url).query(&query).send().await.unwrap()
            }
            _ => http
                .post(url)
                .json(&Value::Object(fields))
                .send()
                .await
                .unwrap(),
        };
        assert_answered(&mock, endpoint, example, answer).await;
    }
}

/// The value at a dot-separated path of `body`.
fn pointer<'v>(body: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    body.pointer_mut(&format!("/{}", path.replace('.', "/")))
}
