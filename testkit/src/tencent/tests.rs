//! The checks catch what they promise to: each tampering of a correctly signed request fails
//! with a message naming the action and the difference.

use serde_json::json;

use super::*;

const HOST: &str = "127.0.0.1:4000";
const NOW: i64 = 1_700_000_000;
const BODY: &[u8] = br#"{"Operator":{"UserId":"u1"},"OpenId":"n9527"}"#;

fn call(body: &Value) -> Call<'_> {
    Call {
        action: "BindThing",
        service: "ess",
        version: "2020-11-11",
        body,
        sent_after: NOW - 1,
    }
}

/// A request as a correct client sends it: signed over `body` at `NOW`.
fn signed(body: &[u8]) -> Received {
    let authorization = Tc3 {
        secret_id: SECRET_ID,
        secret_key: SECRET_KEY,
        service: "ess",
        host: HOST,
        content_type: CONTENT_TYPE,
        body,
        timestamp: NOW,
    }
    .authorization();
    let headers = [
        ("content-type", CONTENT_TYPE),
        ("host", HOST),
        ("x-tc-action", "BindThing"),
        ("x-tc-version", "2020-11-11"),
        ("x-tc-timestamp", &NOW.to_string()),
        ("authorization", &authorization),
    ];
    Received {
        method: "POST".to_owned(),
        path: "/".to_owned(),
        query: None,
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_vec(),
    }
}

fn expected_body() -> Value {
    json!({"Operator": {"UserId": "u1"}, "OpenId": "n9527"})
}

fn set_header(request: &mut Received, name: &str, value: &str) {
    for (n, v) in &mut request.headers {
        if n == name {
            *v = value.to_owned();
        }
    }
}

/// The failure message of `request`, which must fail.
#[track_caller]
fn failure(request: &Received) -> String {
    let body = expected_body();
    let message = check(request, HOST, &call(&body), NOW)
        .expect_err("the tampered request must fail the check");
    assert!(
        message.starts_with("wire test of `BindThing`: the request differs"),
        "{message}"
    );
    message
}

#[track_caller]
fn assert_lines(message: &str, wanted: &[&str]) {
    let lines: Vec<&str> = message.lines().skip(1).collect();
    let wanted: Vec<String> = wanted.iter().map(|w| format!("  - {w}")).collect();
    assert_eq!(lines, wanted, "{message}");
}

#[test]
fn a_correctly_signed_request_passes() {
    let body = expected_body();
    assert_eq!(check(&signed(BODY), HOST, &call(&body), NOW), Ok(()));
    // Key order and whitespace are the client's choice, as long as they are signed.
    let spaced = br#"{ "OpenId": "n9527", "Operator": {"UserId": "u1"} }"#;
    assert_eq!(check(&signed(spaced), HOST, &call(&body), NOW), Ok(()));
}

#[test]
fn a_body_changed_after_signing_fails_the_signature() {
    let mut request = signed(BODY);
    request.body.push(b' ');
    let message = failure(&request);
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 2, "only the signature differs: {message}");
    assert!(
        lines[1].starts_with("  - authorization signature: expected `")
            && lines[1].contains("(recomputed from the secret key over the 46 bytes received)"),
        "{message}"
    );
}

#[test]
fn a_different_body_names_the_field() {
    let request = signed(br#"{"Operator":{"UserId":"u2"},"OpenId":"n9527"}"#);
    let message = failure(&request);
    assert_lines(
        &message,
        &[r#"body: $.Operator.UserId: expected "u1", got "u2""#],
    );
}

#[test]
fn a_body_that_is_not_json_is_named() {
    let message = failure(&signed(b"{\"OpenId\":"));
    assert_lines(
        &message,
        &["body: not valid JSON (EOF while parsing a value at line 1 column 10): `{\"OpenId\":`"],
    );
}

#[test]
fn a_tampered_signature_fails() {
    let mut request = signed(BODY);
    let good = request.header_values("authorization")[0].to_owned();
    let bad = format!("{}0", &good[..good.len() - 1]);
    let bad = if bad == good {
        format!("{}1", &good[..good.len() - 1])
    } else {
        bad
    };
    set_header(&mut request, "authorization", &bad);
    let message = failure(&request);
    assert!(
        message.contains("authorization signature: expected `"),
        "{message}"
    );
    assert!(
        message.contains(&format!("got `{}`", &bad[bad.len() - 64..])),
        "{message}"
    );
}

#[test]
fn a_wrong_credential_scope_or_algorithm_is_named() {
    let mut request = signed(BODY);
    let good = request.header_values("authorization")[0].to_owned();
    let bad = good
        .replace("/2023-11-14/ess/", "/2023-11-13/ess/")
        .replace("TC3-HMAC-SHA256 ", "TC3-HMAC-SHA1 ");
    set_header(&mut request, "authorization", &bad);
    let message = failure(&request);
    assert!(
        message
            .contains("authorization algorithm: expected `TC3-HMAC-SHA256`, got `TC3-HMAC-SHA1`"),
        "{message}"
    );
    assert!(
        message.contains(&format!(
            "authorization credential (id/date/service/tc3_request): expected \
             `{SECRET_ID}/2023-11-14/ess/tc3_request`, got `{SECRET_ID}/2023-11-13/ess/tc3_request`"
        )),
        "{message}"
    );
    set_header(&mut request, "authorization", "Bearer x");
    assert!(failure(&request).contains("header `authorization`: not of the form"));
}

#[test]
fn wrong_headers_method_and_path_are_each_named() {
    let mut request = signed(BODY);
    request.method = "GET".to_owned();
    request.path = "/v2".to_owned();
    request.query = Some("a=1".to_owned());
    set_header(&mut request, "x-tc-action", "OtherThing");
    set_header(&mut request, "x-tc-version", "2021-05-26");
    let message = failure(&request);
    assert_lines(
        &message,
        &[
            "method: expected `POST`, got `GET`",
            "path: expected `/`, got `/v2`",
            "query: expected none, got `a=1`",
            "header `x-tc-action`: expected `BindThing`, got `OtherThing`",
            "header `x-tc-version`: expected `2020-11-11`, got `2021-05-26`",
        ],
    );
}

#[test]
fn content_type_and_host_must_be_the_signed_ones() {
    let mut request = signed(BODY);
    set_header(&mut request, "content-type", "text/plain");
    set_header(&mut request, "host", "example.com");
    let message = failure(&request);
    assert!(
        message.contains("header `content-type`: expected `application/json`, got `text/plain`"),
        "{message}"
    );
    assert!(
        message.contains("header `host`: expected `127.0.0.1:4000`, got `example.com`"),
        "{message}"
    );
    // The signature is recomputed over the headers as sent, so it fails too.
    assert!(message.contains("authorization signature"), "{message}");
}

#[test]
fn missing_or_repeated_headers_are_named() {
    let mut request = signed(BODY);
    request.headers.retain(|(n, _)| n != "x-tc-action");
    request
        .headers
        .push(("x-tc-version".to_owned(), "2020-11-11".to_owned()));
    let message = failure(&request);
    assert_lines(
        &message,
        &[
            "header `x-tc-action`: missing",
            "header `x-tc-version`: sent 2 times",
        ],
    );
}

#[test]
fn stale_or_malformed_timestamps_fail() {
    let body = expected_body();
    let request = signed(BODY);
    // Signed at NOW, but the call is said to have started a minute later.
    let late = Call {
        sent_after: NOW + 60,
        ..call(&body)
    };
    let message = check(&request, HOST, &late, NOW + 61).expect_err("stale");
    assert!(
        message.contains(&format!(
            "header `x-tc-timestamp`: {NOW} is not within 5 s of the call ({}..={})",
            NOW + 60,
            NOW + 61
        )),
        "{message}"
    );
    for text in ["+1700000000", "01700000000", "1700000000.0", ""] {
        let mut request = signed(BODY);
        set_header(&mut request, "x-tc-timestamp", text);
        let message = failure(&request);
        assert!(
            message.contains(&format!(
                "header `x-tc-timestamp`: expected decimal Unix seconds, got `{text}`"
            )),
            "{message}"
        );
    }
}

#[tokio::test]
#[should_panic(
    expected = "wire test of `BindThing`: expected exactly one request, the server received 0"
)]
async fn assert_call_fails_when_nothing_arrived() {
    let server = WireServer::answering(200, "{}").await;
    let body = expected_body();
    assert_call(&server, &call(&body)).await;
}
