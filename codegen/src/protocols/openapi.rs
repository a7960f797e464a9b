//! What each protocol and auth kind puts on the wire beside an endpoint's own fields, as data
//! for the OpenAPI export ([`crate::openapi`]): the headers and query parameters every call
//! carries, and the parts of each auth scheme (where they go, what they hold). Like the rest
//! of [`crate::protocols`], the one place that knows them by name.

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// An HTTP header.
    Header,
    /// The URL's query.
    Query,
    /// The JSON body of a `POST`, the query of a `GET` (beside the endpoint's own fields).
    Body,
}

/// What a parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// The endpoint's action (`CreateFlow`): one value per operation.
    Action,
    /// One of the protocol's constructor arguments (index into the provider's
    /// `protocol_args`): one value per provider (`2020-11-11`).
    ConstructArg(usize),
    /// Text.
    Text,
    /// An integer.
    Integer,
    /// A UUID, fresh per call.
    Uuid,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// A bearer token (`Authorization: Bearer <token>`).
    Bearer,
}

/// One parameter a protocol or an auth scheme adds to a request.
#[derive(Debug, PartialEq, Eq)]
pub struct WireParam {
    /// Its name on the wire.
    pub name: &'static str,
    /// Where it goes.
    pub place: Place,
    /// Whether every call carries it.
    pub required: bool,
    /// What it holds.
    pub value: Value,
    /// What it is, in English.
    pub en: &'static str,
    /// What it is, in Chinese.
    pub zh: &'static str,
}

/// What one protocol adds to every call, and how its auth schemes are sent.
#[derive(Debug, PartialEq, Eq)]
pub struct ProtocolWire {
    /// The protocol's spec name.
    pub protocol: &'static str,
    /// Headers and query parameters every call carries, whatever its auth.
    pub params: &'static [WireParam],
}

/// How one auth kind's credentials travel.
#[derive(Debug, PartialEq, Eq)]
pub struct SchemeWire {
    /// The auth kind's spec name.
    pub auth: &'static str,
    /// The parts, each a security scheme of its own when it is a header or in the query.
    pub parts: &'static [WireParam],
    /// How the values are made, which no OpenAPI security scheme type says (English).
    pub en: &'static str,
    /// The same, in Chinese.
    pub zh: &'static str,
}

const fn param(
    name: &'static str,
    place: Place,
    required: bool,
    value: Value,
    en: &'static str,
    zh: &'static str,
) -> WireParam {
    WireParam {
        name,
        place,
        required,
        value,
        en,
        zh,
    }
}

/// Every protocol's wire additions.
pub static PROTOCOL_WIRE: &[ProtocolWire] = &[
    ProtocolWire {
        protocol: "fxiaoke",
        params: &[param(
            "thirdTraceId",
            Place::Query,
            true,
            Value::Uuid,
            "A fresh UUID per call, which the vendor's logs are searched by.",
            "每次请求新生成的 UUID,用于排查日志。",
        )],
    },
    ProtocolWire {
        protocol: "mingdao",
        params: &[],
    },
    ProtocolWire {
        protocol: "tencent_cloud",
        params: &[
            param(
                "X-TC-Action",
                Place::Header,
                true,
                Value::Action,
                "The action: the one value that tells this operation from the others on `POST /`.",
                "接口名称,同一 `POST /` 上区分各接口的唯一值。",
            ),
            param(
                "X-TC-Version",
                Place::Header,
                true,
                Value::ConstructArg(1),
                "The service's API version.",
                "接口版本。",
            ),
            param(
                "X-TC-Timestamp",
                Place::Header,
                true,
                Value::Integer,
                "Unix seconds of the call, part of the TC3 signature; more than 5 minutes off the \
                 server's clock is refused (`AuthFailure.SignatureExpire`).",
                "当前 UNIX 时间戳(秒),参与 TC3 签名;与服务器时间相差超过 5 分钟会被拒绝。",
            ),
            param(
                "X-TC-Region",
                Place::Header,
                false,
                Value::Text,
                "The region (optional for this service).",
                "地域参数(本服务可不传)。",
            ),
            param(
                "X-TC-Language",
                Place::Header,
                false,
                Value::OneOf(&["zh-CN", "en-US"]),
                "The language of vendor messages (default: the vendor's).",
                "返回信息的语言。",
            ),
            param(
                "X-TC-Token",
                Place::Header,
                false,
                Value::Text,
                "The session token of temporary credentials; sent only with them.",
                "临时密钥的 Token,仅使用临时密钥时传入。",
            ),
        ],
    },
];

/// Every auth kind's wire parts.
pub static SCHEME_WIRE: &[SchemeWire] = &[
    SchemeWire {
        auth: "fxiaoke_header",
        parts: &[
            param(
                "authorization",
                Place::Header,
                true,
                Value::Bearer,
                "`Bearer <accessToken>`, the token `POST /oauth2.0/token` returns.",
                "Bearer accessToken,由 /oauth2.0/token 获取。",
            ),
            param(
                "x-fs-ea",
                Place::Header,
                true,
                Value::Text,
                "The enterprise account (`ea` of the token answer).",
                "企业账号(ea)。",
            ),
            param(
                "x-fs-userid",
                Place::Header,
                true,
                Value::Text,
                "The CRM employee id the call acts as (e.g. `1000`).",
                "CRM 员工 ID,如 1000。",
            ),
        ],
        en: "Fetched with the app credentials (appId, appSecret, permanentCode) from the token \
             endpoint named in `x-bindery-token`, cached until it expires, fetched again once \
             when the vendor says it is invalid.",
        zh: "使用 appId、appSecret、permanentCode 从 x-bindery-token 所指接口获取,过期前缓存。",
    },
    SchemeWire {
        auth: "fxiaoke_body",
        parts: &[
            param(
                "corpAccessToken",
                Place::Body,
                true,
                Value::Text,
                "The token `POST /cgi/corpAccessToken/get/V2` returns.",
                "由 /cgi/corpAccessToken/get/V2 获取的 corpAccessToken。",
            ),
            param(
                "corpId",
                Place::Body,
                true,
                Value::Text,
                "The enterprise id (`corpId` of the token answer).",
                "企业 ID(corpId)。",
            ),
            param(
                "currentOpenUserId",
                Place::Body,
                true,
                Value::Text,
                "The open user id the call acts as.",
                "当前操作人的开放平台用户 ID。",
            ),
        ],
        en: "Sent in the JSON body beside the endpoint's fields, which no OpenAPI security \
             scheme can say: the request schemas hold these fields (`x-bindery-auth`). The \
             token is fetched with the app credentials from the endpoint named in \
             `x-bindery-token` and cached until it expires.",
        zh: "放在 JSON 请求体中(OpenAPI 安全方案无法表达),令牌由 x-bindery-token 所指接口获取。",
    },
    SchemeWire {
        auth: "mingdao_sign",
        parts: &[
            param(
                "appKey",
                Place::Body,
                true,
                Value::Text,
                "The application's AppKey.",
                "应用的 AppKey。",
            ),
            param(
                "sign",
                Place::Body,
                true,
                Value::Text,
                "Base64 of the lowercase hex SHA-256 of \
                 `AppKey=<appKey>&SecretKey=<secretKey>&Timestamp=<timestamp>` (88 characters).",
                "Base64(小写十六进制 SHA-256(\"AppKey=<appKey>&SecretKey=<secretKey>&Timestamp=<timestamp>\"))。",
            ),
            param(
                "timestamp",
                Place::Body,
                true,
                Value::Integer,
                "Unix milliseconds, the value that was signed (a JSON number in a body).",
                "时间戳(毫秒),即参与签名的值。",
            ),
            param(
                "projectId",
                Place::Body,
                true,
                Value::Text,
                "The organisation id.",
                "组织编号。",
            ),
        ],
        en: "A signature of the app key, the secret key (never sent) and the timestamp, \
             computed per call. In the query of a `GET` (the security schemes say so) and in \
             the JSON body of a `POST` (which no security scheme can say: the request schemas \
             hold the fields, `x-bindery-auth`).",
        zh: "每次请求计算签名;GET 放在查询串,POST 放在 JSON 请求体。",
    },
    SchemeWire {
        auth: "tc3_hmac_sha256",
        parts: &[param(
            "Authorization",
            Place::Header,
            true,
            Value::Text,
            "`TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, \
             SignedHeaders=content-type;host, Signature=<hex>`.",
            "TC3-HMAC-SHA256 签名。",
        )],
        en: "TC3-HMAC-SHA256: an HMAC chain over the date, the service and `tc3_request` keyed \
             by the SecretKey (never sent), signing the canonical request (method, path, \
             query, the `content-type` and `host` headers, the body's SHA-256) with \
             `X-TC-Timestamp`. Computed per call; no OpenAPI security scheme type describes it, \
             so it is an `apiKey` header whose value the client computes.",
        zh: "TC3-HMAC-SHA256 签名,每次请求用 SecretKey 计算(SecretKey 不发送)。",
    },
];

/// The wire additions of a protocol.
pub fn protocol_wire(protocol: &str) -> Option<&'static ProtocolWire> {
    PROTOCOL_WIRE.iter().find(|w| w.protocol == protocol)
}

/// The wire parts of an auth kind.
pub fn scheme_wire(auth: &str) -> Option<&'static SchemeWire> {
    SCHEME_WIRE.iter().find(|w| w.auth == auth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_protocol_and_auth_kind_has_its_wire() {
        for p in super::super::PROTOCOLS {
            assert!(protocol_wire(p.name).is_some(), "{}", p.name);
            for a in p.auth {
                let wire = scheme_wire(a.name).expect(a.name);
                let in_body = wire.parts.iter().any(|part| part.place == Place::Body);
                assert_eq!(in_body, a.fills_body, "{}", a.name);
            }
        }
    }
}
