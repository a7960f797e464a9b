//! Tencent Cloud API 3.0 (e-Sign and every service of the same protocol): `POST /`, the
//! action in `X-TC-Action`, the version in `X-TC-Version`, signed with TC3-HMAC-SHA256 over
//! the headers `SignedHeaders` names. Errors answer HTTP 200 with `Response.Error`, under the
//! vendor's common codes.

pub mod tc3;

use bindery_runtime::served::{FaultKind, RequestFault};
use serde_json::Value;

use super::{Admitted, CredentialSpec, Cx, Refusal, Vendor};
use crate::answer::VendorError;
use crate::incoming::Incoming;

/// The key id a server checks unless told another (`secret_id`).
pub const SECRET_ID: &str = "AKIDbinderyMockSecretId00000000000";
/// The key a server checks signatures with unless told another (`secret_key`).
pub const SECRET_KEY: &str = "bindery-mock-secret-key-000000000";
/// How far `X-TC-Timestamp` may be from the server's clock, in seconds.
pub const MAX_SKEW_SECS: u64 = 300;

/// The vendor's common error codes the server answers.
pub mod codes {
    /// The signature does not match the request.
    pub const SIGNATURE_FAILURE: &str = "AuthFailure.SignatureFailure";
    /// The timestamp is more than five minutes from the server's clock.
    pub const SIGNATURE_EXPIRE: &str = "AuthFailure.SignatureExpire";
    /// The key id is not the server's.
    pub const SECRET_ID_NOT_FOUND: &str = "AuthFailure.SecretIdNotFound";
    /// `Authorization` is missing or not of the TC3 form.
    pub const INVALID_AUTHORIZATION: &str = "AuthFailure.InvalidAuthorization";
    /// The temporary credentials' token (`X-TC-Token`) is missing or wrong.
    pub const TOKEN_FAILURE: &str = "AuthFailure.TokenFailure";
    /// The action is not one of the service's.
    pub const INVALID_ACTION: &str = "InvalidAction";
    /// The version is not the service's.
    pub const NO_SUCH_VERSION: &str = "NoSuchVersion";
    /// A required parameter (or common parameter) is missing.
    pub const MISSING_PARAMETER: &str = "MissingParameter";
    /// A parameter the action does not define.
    pub const UNKNOWN_PARAMETER: &str = "UnknownParameter";
    /// A parameter has the wrong type or breaks a constraint.
    pub const INVALID_PARAMETER_VALUE: &str = "InvalidParameterValue";
    /// The request itself is malformed (not JSON, not `POST /`).
    pub const INVALID_PARAMETER: &str = "InvalidParameter";
    /// Over the action's rate limit.
    pub const REQUEST_LIMIT_EXCEEDED: &str = "RequestLimitExceeded";
}

pub(crate) struct TencentCloud;

static CREDENTIALS: &[CredentialSpec] = &[
    CredentialSpec {
        name: "secret_id",
        default: SECRET_ID,
        secret: false,
    },
    CredentialSpec {
        name: "secret_key",
        default: SECRET_KEY,
        secret: true,
    },
    // Temporary credentials' token: checked only when set.
    CredentialSpec {
        name: "session_token",
        default: "",
        secret: true,
    },
];

impl Vendor for TencentCloud {
    fn credentials(&self) -> &'static [CredentialSpec] {
        CREDENTIALS
    }

    fn admit(&self, cx: &Cx<'_>, request: &Incoming) -> Result<Admitted, Refusal> {
        let refuse = |code: &str, message: String| Refusal::new(cx, None, code, message);
        if request.method != "POST" || request.path != "/" {
            return Err(refuse(
                codes::INVALID_PARAMETER,
                format!(
                    "only `POST /` is served, not `{} {}`",
                    request.method, request.path
                ),
            ));
        }
        let action = required_header(cx, request, "X-TC-Action")?;
        let endpoint = cx
            .provider
            .endpoints
            .iter()
            .find(|endpoint| endpoint.operation.action == Some(action))
            .ok_or_else(|| {
                refuse(
                    codes::INVALID_ACTION,
                    format!("The action `{action}` is not found for this service."),
                )
            })?;
        let operation = Some(endpoint.operation);
        let refuse = |code: &str, message: String| Refusal::new(cx, operation, code, message);
        let version = required_header(cx, request, "X-TC-Version")?;
        let expected_version = cx.provider.protocol_args.get(1).copied().unwrap_or("");
        if version != expected_version {
            return Err(refuse(
                codes::NO_SUCH_VERSION,
                format!(
                    "The API version `{version}` does not exist (this service is `{expected_version}`)."
                ),
            ));
        }
        let timestamp = required_header(cx, request, "X-TC-Timestamp")?;
        let Ok(timestamp) = timestamp.parse::<i64>() else {
            return Err(refuse(
                codes::INVALID_PARAMETER_VALUE,
                format!("`X-TC-Timestamp` is not decimal Unix seconds: `{timestamp}`."),
            ));
        };
        let now = unix_now();
        // `abs_diff`: a hostile timestamp (`i64::MIN`) must not overflow.
        let skew = now.abs_diff(timestamp);
        if skew > MAX_SKEW_SECS {
            return Err(refuse(
                codes::SIGNATURE_EXPIRE,
                format!(
                    "The signature expired: `X-TC-Timestamp` {timestamp} is {skew} s from the server's time {now} (at most {MAX_SKEW_SECS} s)."
                ),
            ));
        }
        check_signature(cx, request, timestamp).map_err(|(code, message)| refuse(code, message))?;
        // Temporary credentials carry their token; permanent ones carry none.
        let token = Some(cx.credentials.get("session_token")).filter(|token| !token.is_empty());
        if request.header("X-TC-Token") != token {
            return Err(refuse(
                codes::TOKEN_FAILURE,
                "`X-TC-Token` is missing, unexpected or not the temporary credentials' token."
                    .to_owned(),
            ));
        }
        // A TC3-signed `POST` is JSON (the vendor also takes `multipart/form-data` for a few
        // upload actions, which the spec does not describe, and forms only with the old
        // signature).
        let Some(content_type) = request.header("Content-Type") else {
            return Err(refuse(
                codes::INVALID_PARAMETER,
                "`Content-Type` is missing, repeated or not text: a TC3-HMAC-SHA256 `POST` is `application/json`.".to_owned(),
            ));
        };
        let media = content_type.split(';').next().unwrap_or("").trim();
        if !media.eq_ignore_ascii_case("application/json") {
            return Err(refuse(
                codes::INVALID_PARAMETER,
                format!(
                    "`Content-Type` `{content_type}` is not supported: a TC3-HMAC-SHA256 `POST` is `application/json`."
                ),
            ));
        }
        let fields = serde_json::from_slice::<Value>(&request.body).map_err(|e| {
            refuse(
                codes::INVALID_PARAMETER,
                format!("The request body is not JSON: {e}."),
            )
        })?;
        Ok(Admitted {
            endpoint,
            fields,
            from_query: false,
        })
    }

    fn fault(&self, fault: &RequestFault) -> Option<VendorError> {
        let (code, message) = match fault.kind {
            FaultKind::Unknown => (
                codes::UNKNOWN_PARAMETER,
                format!(
                    "The parameter `{}` is not defined for this action.",
                    fault.field
                ),
            ),
            FaultKind::Missing => (
                codes::MISSING_PARAMETER,
                format!(
                    "The request is missing a required parameter `{}`.",
                    fault.field
                ),
            ),
            _ if fault.field.is_empty() => (
                codes::INVALID_PARAMETER,
                format!("The request body is invalid: {}.", fault.message),
            ),
            _ => (
                codes::INVALID_PARAMETER_VALUE,
                format!(
                    "The value of parameter `{}` is invalid: {}.",
                    fault.field, fault.message
                ),
            ),
        };
        Some(VendorError {
            status: 200,
            code: code.to_owned(),
            message,
        })
    }

    fn throttled(&self) -> Option<VendorError> {
        Some(VendorError {
            status: 200,
            code: codes::REQUEST_LIMIT_EXCEEDED.to_owned(),
            message: "Your current request times exceeds the limit of the action.".to_owned(),
        })
    }
}

fn required_header<'r>(cx: &Cx<'_>, request: &'r Incoming, name: &str) -> Result<&'r str, Refusal> {
    request.header(name).ok_or_else(|| {
        Refusal::new(
            cx,
            None,
            codes::MISSING_PARAMETER,
            format!("The request is missing the header `{name}` (or sends it more than once)."),
        )
    })
}

/// Recomputes the signature over what was received; the error names which part is wrong,
/// never a secret.
fn check_signature(
    cx: &Cx<'_>,
    request: &Incoming,
    timestamp: i64,
) -> Result<(), (&'static str, String)> {
    let invalid = |what: &str| {
        (
            codes::INVALID_AUTHORIZATION,
            format!(
                "`Authorization` {what}: expected `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=<names>, Signature=<hex>`."
            ),
        )
    };
    let header = request
        .header("Authorization")
        .ok_or_else(|| invalid("is missing"))?;
    let authorization =
        tc3::Authorization::parse(header).ok_or_else(|| invalid("is not of the TC3 form"))?;
    if authorization.secret_id != cx.credentials.get("secret_id") {
        return Err((
            codes::SECRET_ID_NOT_FOUND,
            format!("The SecretId `{}` is not found.", authorization.secret_id),
        ));
    }
    let service = cx.provider.protocol_args.first().copied().unwrap_or("");
    let date = tc3::utc_date(timestamp).unwrap_or_default();
    if authorization.service != service || authorization.date != date {
        return Err((
            codes::SIGNATURE_FAILURE,
            format!(
                "The credential scope `{}/{}` is not `{date}/{service}` (the UTC date of `X-TC-Timestamp` and the service).",
                authorization.date, authorization.service
            ),
        ));
    }
    let names: Vec<&str> = authorization.signed_headers.split(';').collect();
    if !names.contains(&"content-type") || !names.contains(&"host") {
        return Err(invalid(
            "signs neither `content-type` nor `host`, or not both",
        ));
    }
    let mut headers = Vec::with_capacity(names.len());
    for name in &names {
        let value = request.header(name).ok_or_else(|| {
            (
                codes::SIGNATURE_FAILURE,
                format!("The signed header `{name}` was not sent once."),
            )
        })?;
        headers.push((*name, value));
    }
    let signing = tc3::Signing {
        secret_key: cx.credentials.get("secret_key"),
        service,
        timestamp,
        method: &request.method,
        path: &request.path,
        // The canonical query of a `POST` is empty, whatever the URL carries.
        query: if request.method == "POST" {
            ""
        } else {
            request.query.as_deref().unwrap_or("")
        },
        headers: &headers,
        body: &request.body,
    };
    if signing.signature().as_deref() != Some(authorization.signature) {
        return Err((
            codes::SIGNATURE_FAILURE,
            format!(
                "The provided credentials could not be validated: the signature does not match the {} body bytes and the signed headers received.",
                request.body.len()
            ),
        ));
    }
    Ok(())
}

pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
