//! Mingdao's enterprise authorization API: every call carries `appKey`, `sign`, `timestamp`
//! (milliseconds) and `projectId`, in the JSON body of a `POST` and the query of a `GET`;
//! `sign` is the Base64 of the lowercase hex SHA-256 of
//! `AppKey=<appKey>&SecretKey=<secretKey>&Timestamp=<timestamp>`. The vendor publishes one
//! failure code, `10001`; the server answers it with a message naming what was wrong.

use base64::Engine as _;
use bindery_runtime::Method;
use bindery_runtime::served::{FaultKind, RequestFault};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{Admitted, CredentialSpec, Cx, Refusal, Vendor, by_path, text};
use crate::answer::VendorError;
use crate::incoming::Incoming;

/// The app key a server checks unless told another (`app_key`).
pub const APP_KEY: &str = "bindery-mock-app-key";
/// The secret key `sign` is checked with unless told another (`secret_key`).
pub const SECRET_KEY: &str = "bindery-mock-secret-key";
/// The organisation id a server checks unless told another (`project_id`).
pub const PROJECT_ID: &str = "bindery-mock-project";
/// How far `timestamp` may be from the server's clock, in milliseconds. The vendor documents
/// no window; the mock holds requests to five minutes, as Tencent Cloud does, so that a
/// replayed request is refused.
pub const MAX_SKEW_MS: u64 = 300_000;
/// The vendor's failure code.
pub const FAILURE: &str = "10001";

/// The protocol's own fields, beside the request's.
const AUTH_FIELDS: [&str; 4] = ["appKey", "sign", "timestamp", "projectId"];

pub(crate) struct Mingdao;

static CREDENTIALS: &[CredentialSpec] = &[
    CredentialSpec {
        name: "app_key",
        default: APP_KEY,
        secret: false,
    },
    CredentialSpec {
        name: "secret_key",
        default: SECRET_KEY,
        secret: true,
    },
    CredentialSpec {
        name: "project_id",
        default: PROJECT_ID,
        secret: false,
    },
];

/// A query's pairs as fields of text; a key repeated is a list (the client sends a list
/// as the key once per item).
fn query_fields(pairs: Vec<(String, String)>) -> Value {
    let mut fields = Map::new();
    for (key, value) in pairs {
        match fields.get_mut(&key) {
            Some(Value::Array(items)) => items.push(Value::String(value)),
            Some(first) => *first = Value::Array(vec![first.take(), Value::String(value)]),
            None => {
                fields.insert(key, Value::String(value));
            }
        }
    }
    Value::Object(fields)
}

/// `sign` for these values.
pub fn sign(app_key: &str, secret_key: &str, timestamp: &str) -> String {
    let digest = Sha256::digest(format!(
        "AppKey={app_key}&SecretKey={secret_key}&Timestamp={timestamp}"
    ));
    base64::engine::general_purpose::STANDARD.encode(hex::encode(digest))
}

impl Vendor for Mingdao {
    fn credentials(&self) -> &'static [CredentialSpec] {
        CREDENTIALS
    }

    fn admit(&self, cx: &Cx<'_>, request: &Incoming) -> Result<Admitted, Refusal> {
        let endpoint = by_path(cx.provider, &request.path).ok_or_else(|| {
            Refusal::new(
                cx,
                None,
                FAILURE,
                format!("no endpoint at `{}`", request.path),
            )
            .status(404)
        })?;
        let operation = Some(endpoint.operation);
        let refuse = |message: String| Refusal::new(cx, operation, FAILURE, message);
        let method = endpoint.operation.method;
        if request.method != method.as_str() {
            return Err(refuse(format!(
                "`{}` is served with `{}`",
                request.path,
                method.as_str()
            ))
            .status(405));
        }
        let (mut fields, from_query) = match method {
            Method::Get => (query_fields(request.query_pairs()), true),
            _ => {
                let body = serde_json::from_slice::<Value>(&request.body)
                    .map_err(|e| refuse(format!("the request body is not JSON: {e}")))?;
                (body, false)
            }
        };
        let Some(object) = fields.as_object_mut() else {
            return Err(refuse("the request body is not a JSON object".to_owned()));
        };
        let mut auth = AUTH_FIELDS.map(|name| (name, object.remove(name)));
        let [app_key, sign_sent, timestamp, project_id] = &mut auth;
        let missing: Vec<&str> = [&*app_key, &*sign_sent, &*timestamp, &*project_id]
            .iter()
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            return Err(refuse(format!("missing `{}`", missing.join("`, `"))));
        }
        let timestamp_text = match (&timestamp.1, from_query) {
            (Some(Value::Number(n)), _) if n.is_u64() => n.to_string(),
            (Some(Value::String(s)), true)
                if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) =>
            {
                s.clone()
            }
            _ => {
                return Err(refuse(
                    "`timestamp` is not milliseconds as a JSON number".to_owned(),
                ));
            }
        };
        let skew = timestamp_text
            .parse::<u64>()
            .map_or(u64::MAX, |sent| unix_millis().abs_diff(sent));
        if skew > MAX_SKEW_MS {
            return Err(refuse(format!(
                "`timestamp` {timestamp_text} is more than {MAX_SKEW_MS} ms from the server's time"
            )));
        }
        if text(app_key.1.as_ref()).as_deref() != Some(cx.credentials.get("app_key")) {
            return Err(refuse("`appKey` is not the app's".to_owned()));
        }
        if text(project_id.1.as_ref()).as_deref() != Some(cx.credentials.get("project_id")) {
            return Err(refuse("`projectId` is not the organisation's".to_owned()));
        }
        let expected = sign(
            cx.credentials.get("app_key"),
            cx.credentials.get("secret_key"),
            &timestamp_text,
        );
        if text(sign_sent.1.as_ref()).as_deref() != Some(expected.as_str()) {
            return Err(refuse(
                "`sign` does not match `appKey`, the secret key and `timestamp`".to_owned(),
            ));
        }
        Ok(Admitted {
            endpoint,
            fields,
            from_query,
        })
    }

    fn fault(&self, fault: &RequestFault) -> Option<VendorError> {
        // The vendor publishes nothing about fields it does not know: they pass.
        if fault.kind == FaultKind::Unknown {
            return None;
        }
        Some(VendorError {
            status: 200,
            code: FAILURE.to_owned(),
            message: format!("parameter error: {fault}"),
        })
    }

    fn throttled(&self) -> Option<VendorError> {
        // The vendor documents neither a rate limit nor a throttling code.
        None
    }
}

fn unix_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sign_matches_the_vendor_known_answer() {
        assert_eq!(
            super::sign("ak", "sk", "1618837301125"),
            "ZjU2MjkyYTFkOWQyNzAwYTg0YzkyODE4NWFiMDQyMzU1MWFhOTMyYzAxZmVjMmQ0NmYyMDQyNGZjNzYyZDI0MA=="
        );
    }
}
