//! Envelopes and operations of each vendor, shaped like the generated ones, for the crate's
//! unit tests (the real ones are generated from the spec).

use crate::operation::{Envelope, EnvelopeFlag, Method, Operation};

/// Fxiaoke's envelope: `{errorCode, errorMessage, traceId, ...result fields}`.
pub(crate) static FX_ENVELOPE: Envelope = Envelope {
    code: "errorCode",
    success: Some(0),
    message: "errorMessage",
    request_id: Some("traceId"),
    result: None,
    flag: None,
};

/// Mingdao's v2 envelope: `{code, message, data}`, `code == 1` on success.
pub(crate) static MD_ENVELOPE: Envelope = Envelope {
    code: "code",
    success: Some(1),
    message: "message",
    request_id: None,
    result: None,
    flag: None,
};

/// Mingdao's structure and v1 envelope: `{success, error_code, error_msg, data}`,
/// `error_code == 1` and `success: true` on success.
pub(crate) static MD_STRUCTURE_ENVELOPE: Envelope = Envelope {
    code: "error_code",
    success: Some(1),
    message: "error_msg",
    request_id: None,
    result: Some("data"),
    flag: Some(EnvelopeFlag {
        path: "success",
        success: true,
    }),
};

/// Tencent Cloud API 3.0's envelope: `{"Response": {...result, "RequestId"}}`, or
/// `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}` on failure.
pub(crate) static TC_ENVELOPE: Envelope = Envelope {
    code: "Response.Error.Code",
    success: None,
    message: "Response.Error.Message",
    request_id: Some("Response.RequestId"),
    result: Some("Response"),
    flag: None,
};

/// Fxiaoke `getMapperObjectId` (errorCode envelope, result beside the code).
pub(crate) static FX_OP: Operation = Operation {
    provider: "fxiaoke",
    name: "getMapperObjectId",
    method: Method::Post,
    path: "/cgi/er/enterpriseRelation/getMapperObjectId",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &FX_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: crate::operation::BodyShape::Object,
    response_body: crate::operation::BodyShape::Object,
};

/// Mingdao `getUserRelations` (`{code, message, data}`).
pub(crate) static MD_OP: Operation = Operation {
    provider: "mingdao",
    name: "getUserRelations",
    method: Method::Post,
    path: "/v2/user/getUserRelations",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &MD_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: crate::operation::BodyShape::Object,
    response_body: crate::operation::BodyShape::Object,
};

/// A Mingdao reporting-line endpoint (`{success, error_code, error_msg, data}`).
pub(crate) static MD_STRUCTURE_OP: Operation = Operation {
    provider: "mingdao",
    name: "getSubordinates",
    method: Method::Post,
    path: "/v2/open/structure/getSubordinates",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &MD_STRUCTURE_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: crate::operation::BodyShape::Object,
    response_body: crate::operation::BodyShape::Object,
};

/// Tencent Cloud `BindEmployeeUserIdWithClientOpenId` (`Response.Error`, not idempotent).
pub(crate) static TC_OP: Operation = Operation {
    provider: "tencent",
    name: "BindEmployeeUserIdWithClientOpenId",
    method: Method::Post,
    path: "/",
    action: Some("BindEmployeeUserIdWithClientOpenId"),
    auth: None,
    idempotent: false,
    envelope: &TC_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: crate::operation::BodyShape::Object,
    response_body: crate::operation::BodyShape::Object,
};
