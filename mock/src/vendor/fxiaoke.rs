//! Fxiaoke's open platform: every call is `POST <path>?thirdTraceId=<UUID v4>` with a JSON
//! body, authorised by a token the server's own token endpoints issued — in headers
//! (`authorization: Bearer`, `x-fs-ea`, `x-fs-userid`) or in the body (`corpAccessToken`,
//! `corpId`, `currentOpenUserId`), as the endpoint's spec says. Errors answer HTTP 200 with
//! `errorCode`, under the codes of the vendor's table.

use bindery_runtime::served::{FaultKind, RequestFault, ServedEndpoint, ServedToken};
use bindery_runtime::{AuthKind, Method};
use serde_json::{Map, Value};

use super::{Admitted, CredentialSpec, Cx, Refusal, Vendor, by_path, text};
use crate::answer::{self, VendorError};
use crate::incoming::Incoming;

/// The app id a server's token endpoints check unless told another (`app_id`).
pub const APP_ID: &str = "FSAID_bindery_mock";
/// The app secret they check unless told another (`app_secret`).
pub const APP_SECRET: &str = "bindery-mock-app-secret";
/// The permanent code they check unless told another (`permanent_code`).
pub const PERMANENT_CODE: &str = "bindery-mock-permanent-code";
/// The enterprise account the header scheme's token endpoint answers (`ea`).
pub const EA: &str = "bindery-mock-ea";
/// The corp id the body scheme's token endpoint answers (`corp_id`).
pub const CORP_ID: &str = "bindery-mock-corp-id";
/// The tokens' lifetime, seconds.
pub const TOKEN_LIFETIME_SECS: i64 = 7200;

/// The vendor's codes the server answers (from its published table).
pub mod codes {
    /// A required parameter is missing.
    pub const MISSING_PARAMETER: &str = "10001";
    /// `corpAccessToken` is missing.
    pub const MISSING_CORP_ACCESS_TOKEN: &str = "10013";
    /// `corpId` is missing.
    pub const MISSING_CORP_ID: &str = "10014";
    /// Call limit reached.
    pub const CALL_LIMIT: &str = "14001";
    /// A parameter is invalid.
    pub const BAD_PARAMETER: &str = "15002";
    /// `appId` or `appSecret` is wrong.
    pub const BAD_APP_SECRET: &str = "20006";
    /// The permanent code is wrong.
    pub const BAD_PERMANENT_CODE: &str = "20015";
    /// The token is missing or expired: the code the live gateway answers for either
    /// scheme's token (the vendor's table also lists `20005` for `accessToken`, unconfirmed).
    pub const TOKEN_EXPIRED: &str = "20016";
    /// The corp id (or enterprise account) is not the token's.
    pub const CORP_NOT_FOUND: &str = "20017";
}

pub(crate) struct Fxiaoke;

static CREDENTIALS: &[CredentialSpec] = &[
    CredentialSpec {
        name: "app_id",
        default: APP_ID,
        secret: false,
    },
    CredentialSpec {
        name: "app_secret",
        default: APP_SECRET,
        secret: true,
    },
    CredentialSpec {
        name: "permanent_code",
        default: PERMANENT_CODE,
        secret: true,
    },
    CredentialSpec {
        name: "ea",
        default: EA,
        secret: false,
    },
    CredentialSpec {
        name: "corp_id",
        default: CORP_ID,
        secret: false,
    },
];

/// The credential a token answer's field beside the token takes its value from.
fn credential_of(field: &str) -> Option<&'static str> {
    match field {
        "ea" => Some("ea"),
        "corpId" => Some("corp_id"),
        _ => None,
    }
}

fn token_of(cx: &Cx<'_>, endpoint: &ServedEndpoint) -> Option<&'static ServedToken> {
    cx.provider
        .tokens
        .iter()
        .find(|token| token.operation == endpoint.operation.name)
}

impl Vendor for Fxiaoke {
    fn credentials(&self) -> &'static [CredentialSpec] {
        CREDENTIALS
    }

    fn admit(&self, cx: &Cx<'_>, request: &Incoming) -> Result<Admitted, Refusal> {
        let endpoint = by_path(cx.provider, &request.path)
            .filter(|endpoint| endpoint.operation.method == Method::Post)
            .ok_or_else(|| {
                Refusal::new(
                    cx,
                    None,
                    codes::BAD_PARAMETER,
                    format!("no endpoint at `{}`", request.path),
                )
                .status(404)
            })?;
        let operation = Some(endpoint.operation);
        let refuse = |code: &str, message: String| Refusal::new(cx, operation, code, message);
        if request.method != "POST" {
            return Err(refuse(
                codes::BAD_PARAMETER,
                format!("`{}` is served with `POST`", request.path),
            )
            .status(405));
        }
        let trace = request
            .query_pairs()
            .into_iter()
            .find(|(key, _)| key == "thirdTraceId")
            .map(|(_, value)| value);
        let trace = match trace.as_deref().map(uuid::Uuid::parse_str) {
            None => {
                return Err(refuse(
                    codes::MISSING_PARAMETER,
                    "the query has no `thirdTraceId`".to_owned(),
                ));
            }
            Some(Ok(id)) if id.get_version_num() == 4 => id,
            Some(_) => {
                return Err(refuse(
                    codes::BAD_PARAMETER,
                    "`thirdTraceId` is not a UUID v4".to_owned(),
                ));
            }
        };
        let mut fields = serde_json::from_slice::<Value>(&request.body).map_err(|e| {
            refuse(
                codes::BAD_PARAMETER,
                format!("the request body is not JSON: {e}"),
            )
        })?;
        match endpoint.operation.auth {
            Some(AuthKind::FxiaokeHeader) => {
                header_scheme(cx, request).map_err(|(c, m)| refuse(c, m))?
            }
            Some(AuthKind::FxiaokeBody) => {
                let Some(object) = fields.as_object_mut() else {
                    return Err(refuse(
                        codes::BAD_PARAMETER,
                        "the request body is not a JSON object".to_owned(),
                    ));
                };
                body_scheme(cx, object).map_err(|(c, m)| refuse(c, m))?;
            }
            _ => {}
        }
        // Counted once authenticated, so a request refused for its token or body and sent
        // again by hand is not refused for its id.
        if !cx.nonces.first_use(trace.as_u128()) {
            return Err(refuse(
                codes::BAD_PARAMETER,
                format!("`thirdTraceId` {trace} was sent before: every call carries a new one"),
            ));
        }
        Ok(Admitted {
            endpoint,
            fields,
            from_query: false,
        })
    }

    fn fault(&self, fault: &RequestFault) -> Option<VendorError> {
        // The vendor publishes nothing about fields it does not know: they pass.
        if fault.kind == FaultKind::Unknown {
            return None;
        }
        let code = match fault.kind {
            FaultKind::Missing => codes::MISSING_PARAMETER,
            _ => codes::BAD_PARAMETER,
        };
        Some(VendorError {
            status: 200,
            code: code.to_owned(),
            message: format!("parameter error: {fault}"),
        })
    }

    fn throttled(&self) -> Option<VendorError> {
        Some(VendorError {
            status: 200,
            code: codes::CALL_LIMIT.to_owned(),
            message: "call limit reached".to_owned(),
        })
    }

    fn answer(
        &self,
        cx: &Cx<'_>,
        endpoint: &'static ServedEndpoint,
        fields: &Value,
    ) -> Option<Result<Value, VendorError>> {
        let token = token_of(cx, endpoint)?;
        Some(issue(cx, endpoint, token, fields))
    }
}

type Failure = (&'static str, String);

fn header_scheme(cx: &Cx<'_>, request: &Incoming) -> Result<(), Failure> {
    let bearer = request
        .header("authorization")
        .and_then(|value| value.strip_prefix("Bearer "))
        .filter(|token| cx.tokens.is_valid(AuthKind::FxiaokeHeader, token));
    if bearer.is_none() {
        return Err((
            codes::TOKEN_EXPIRED,
            "accessToken is missing, expired or not issued by this server".to_owned(),
        ));
    }
    if request.header("x-fs-ea") != Some(cx.credentials.get("ea")) {
        return Err((
            codes::CORP_NOT_FOUND,
            "`x-fs-ea` is missing or not the token's enterprise account".to_owned(),
        ));
    }
    if request
        .header("x-fs-userid")
        .is_none_or(|id| id.trim().is_empty())
    {
        return Err((
            codes::MISSING_PARAMETER,
            "the header `x-fs-userid` is missing".to_owned(),
        ));
    }
    Ok(())
}

fn body_scheme(cx: &Cx<'_>, body: &mut Map<String, Value>) -> Result<(), Failure> {
    let token = body.remove("corpAccessToken");
    let corp_id = body.remove("corpId");
    let user = body.remove("currentOpenUserId");
    let Some(token) = text(token.as_ref()) else {
        return Err((
            codes::MISSING_CORP_ACCESS_TOKEN,
            "`corpAccessToken` is missing".to_owned(),
        ));
    };
    let Some(corp_id) = text(corp_id.as_ref()) else {
        return Err((codes::MISSING_CORP_ID, "`corpId` is missing".to_owned()));
    };
    if !cx.tokens.is_valid(AuthKind::FxiaokeBody, &token) {
        return Err((
            codes::TOKEN_EXPIRED,
            "corpAccessToken is expired or not issued by this server".to_owned(),
        ));
    }
    if corp_id != cx.credentials.get("corp_id") {
        return Err((
            codes::CORP_NOT_FOUND,
            "`corpId` is not the token's".to_owned(),
        ));
    }
    if text(user.as_ref()).is_none_or(|id| id.trim().is_empty()) {
        return Err((
            codes::MISSING_PARAMETER,
            "`currentOpenUserId` is missing".to_owned(),
        ));
    }
    Ok(())
}

/// A token endpoint's answer: the app's credentials checked, a fresh token issued in the
/// endpoint's example answer.
fn issue(
    cx: &Cx<'_>,
    endpoint: &ServedEndpoint,
    token: &ServedToken,
    fields: &Value,
) -> Result<Value, VendorError> {
    let fail = |code: &str, message: &str| VendorError {
        status: 200,
        code: code.to_owned(),
        message: message.to_owned(),
    };
    let given = |name: &str| text(fields.get(name));
    if given("appId").as_deref() != Some(cx.credentials.get("app_id"))
        || given("appSecret").as_deref() != Some(cx.credentials.get("app_secret"))
    {
        return Err(fail(codes::BAD_APP_SECRET, "appId or appSecret is wrong"));
    }
    if given("permanentCode").as_deref() != Some(cx.credentials.get("permanent_code")) {
        return Err(fail(codes::BAD_PERMANENT_CODE, "permanentCode is wrong"));
    }
    let operation = endpoint.operation;
    let mut body = endpoint
        .success_example()
        .and_then(|example| serde_json::from_str::<Value>(example.response).ok())
        .unwrap_or_else(|| answer::success(operation, Value::Object(Map::new())));
    answer::stamp_success(operation.envelope, &mut body);
    if let Some(result) = answer::result_mut(operation.envelope, &mut body) {
        result.insert(
            token.value.to_owned(),
            Value::from(cx.tokens.issue(token.auth)),
        );
        result.insert(token.lifetime.to_owned(), Value::from(TOKEN_LIFETIME_SECS));
        for field in token.fields {
            if let Some(credential) = credential_of(field) {
                result.insert(
                    (*field).to_owned(),
                    Value::from(cx.credentials.get(credential)),
                );
            }
        }
    }
    Ok(body)
}
