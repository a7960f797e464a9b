//! What a generated Tencent Cloud wire test checks on the request the client sent: method,
//! path, `content-type`, `host`, `X-TC-Action`, `X-TC-Version`, `X-TC-Timestamp` near now,
//! the credential scope, the `Authorization` signature recomputed with [`crate::tc3`] from
//! the secret key over the bytes received, and the body, parsed, equal to the expected JSON.
//!
//! Every difference is collected, so one failure names all of them, under the action's name.

use serde_json::Value;

use crate::server::{Received, WireServer};
use crate::tc3::Tc3;

/// The key id generated wire tests give their clients.
pub const SECRET_ID: &str = "AKIDwireTestSecretId0001";

/// The key generated wire tests give their clients; the checks sign with it.
pub const SECRET_KEY: &str = "wire-test-secret-key-0001";

/// How far (seconds) `X-TC-Timestamp` may be outside the time the call was made in.
pub const CLOCK_SLACK_SECS: i64 = 5;

/// The content type the client must send and sign.
pub const CONTENT_TYPE: &str = "application/json";

/// What one call must have sent.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// `X-TC-Action`.
    pub action: &'a str,
    /// The service of the credential scope (`ess`).
    pub service: &'a str,
    /// `X-TC-Version`.
    pub version: &'a str,
    /// The JSON body, which the received bytes must parse to exactly.
    pub body: &'a Value,
    /// Unix seconds taken just before the call (the timestamp must not be older).
    pub sent_after: i64,
}

/// Fails, naming the action and every difference, unless `server` received exactly one
/// request and it is the signed call `call` describes.
pub async fn assert_call(server: &WireServer, call: &Call<'_>) {
    let outcome = match server.only_request().await {
        Ok(received) => check(&received, &server.host(), call, crate::unix_secs()),
        Err(e) => Err(format!("wire test of `{}`: {e}", call.action)),
    };
    if let Err(message) = outcome {
        panic!("{message}");
    }
}

/// Checks `received` against `call`, sent to `host` before `now` (Unix seconds); the error
/// names the action and lists every difference, one per line.
pub fn check(received: &Received, host: &str, call: &Call<'_>, now: i64) -> Result<(), String> {
    let mut found = Vec::new();
    let mut expect = |what: &str, expected: &str, got: &str| {
        if expected != got {
            found.push(format!("{what}: expected `{expected}`, got `{got}`"));
        }
    };
    expect("method", "POST", &received.method);
    expect("path", "/", &received.path);
    if let Some(query) = &received.query {
        found.push(format!("query: expected none, got `{query}`"));
    }
    let mut one = |name: &str| match received.header_values(name).as_slice() {
        [value] => Some(*value),
        [] => {
            found.push(format!("header `{name}`: missing"));
            None
        }
        many => {
            found.push(format!("header `{name}`: sent {} times", many.len()));
            None
        }
    };
    let content_type = one("content-type");
    let sent_host = one("host");
    let action = one("x-tc-action");
    let version = one("x-tc-version");
    let timestamp = one("x-tc-timestamp");
    let authorization = one("authorization");
    let mut expect_header = |name: &str, expected: &str, got: Option<&str>| {
        if let Some(got) = got.filter(|got| *got != expected) {
            found.push(format!(
                "header `{name}`: expected `{expected}`, got `{got}`"
            ));
        }
    };
    expect_header("content-type", CONTENT_TYPE, content_type);
    expect_header("host", host, sent_host);
    expect_header("x-tc-action", call.action, action);
    expect_header("x-tc-version", call.version, version);
    let timestamp = timestamp.and_then(|t| checked_timestamp(t, call.sent_after, now, &mut found));
    if let (Some(timestamp), Some(authorization)) = (timestamp, authorization) {
        let signed = Tc3 {
            secret_id: SECRET_ID,
            secret_key: SECRET_KEY,
            service: call.service,
            host: sent_host.unwrap_or(host),
            content_type: content_type.unwrap_or(CONTENT_TYPE),
            body: &received.body,
            timestamp,
        };
        check_authorization(authorization, &signed, &mut found);
    }
    check_body(&received.body, call.body, &mut found);
    if found.is_empty() {
        return Ok(());
    }
    Err(format!(
        "wire test of `{}`: the request differs from the expected call:\n  - {}",
        call.action,
        found.join("\n  - ")
    ))
}

/// The timestamp, when it is plain decimal seconds within the call's time (with slack).
fn checked_timestamp(text: &str, after: i64, now: i64, found: &mut Vec<String>) -> Option<i64> {
    let Some(value) = text.parse::<i64>().ok().filter(|v| v.to_string() == text) else {
        found.push(format!(
            "header `x-tc-timestamp`: expected decimal Unix seconds, got `{text}`"
        ));
        return None;
    };
    let window = after - CLOCK_SLACK_SECS..=now + CLOCK_SLACK_SECS;
    if !window.contains(&value) {
        found.push(format!(
            "header `x-tc-timestamp`: {value} is not within {CLOCK_SLACK_SECS} s of the call \
             ({after}..={now})"
        ));
    }
    Some(value)
}

/// Compares the header part by part, so a message says whether the scope or the signature
/// is wrong.
fn check_authorization(sent: &str, signed: &Tc3<'_>, found: &mut Vec<String>) {
    let expected = signed.authorization();
    if sent == expected {
        return;
    }
    let credential = format!("{}/{}", signed.secret_id, signed.scope());
    let parts = parse_authorization(sent);
    let Some((algorithm, sent_credential, signed_headers, signature)) = parts else {
        found.push(format!(
            "header `authorization`: not of the form `TC3-HMAC-SHA256 Credential=…, \
             SignedHeaders=…, Signature=…`: expected `{expected}`, got `{sent}`"
        ));
        return;
    };
    let mut push = |what: &str, expected: &str, got: &str| {
        if expected != got {
            found.push(format!(
                "authorization {what}: expected `{expected}`, got `{got}`"
            ));
        }
    };
    push("algorithm", "TC3-HMAC-SHA256", algorithm);
    push(
        "credential (id/date/service/tc3_request)",
        &credential,
        sent_credential,
    );
    push("signed headers", "content-type;host", signed_headers);
    if signature != signed.signature() {
        found.push(format!(
            "authorization signature: expected `{}` (recomputed from the secret key over the \
             {} bytes received), got `{signature}`",
            signed.signature(),
            signed.body.len()
        ));
    }
}

/// `TC3-HMAC-SHA256 Credential=c, SignedHeaders=h, Signature=s` → (algorithm, c, h, s).
fn parse_authorization(value: &str) -> Option<(&str, &str, &str, &str)> {
    let (algorithm, rest) = value.split_once(' ')?;
    let mut fields = rest.split(", ");
    let credential = fields.next()?.strip_prefix("Credential=")?;
    let headers = fields.next()?.strip_prefix("SignedHeaders=")?;
    let signature = fields.next()?.strip_prefix("Signature=")?;
    fields
        .next()
        .is_none()
        .then_some((algorithm, credential, headers, signature))
}

fn check_body(bytes: &[u8], expected: &Value, found: &mut Vec<String>) {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(actual) => {
            if let Some(difference) = crate::json::first_difference(expected, &actual) {
                found.push(format!("body: {difference}"));
            }
        }
        Err(e) => found.push(format!(
            "body: not valid JSON ({e}): `{}`",
            String::from_utf8_lossy(bytes)
        )),
    }
}

#[cfg(test)]
mod tests;
