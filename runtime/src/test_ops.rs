//! Operations of each vendor, shaped like the generated ones, for the crate's unit tests.

use crate::operation::{Method, Operation};
use crate::{fxiaoke, mingdao, tencent};

/// Fxiaoke `getMapperObjectId` (errorCode envelope, result beside the code).
pub(crate) static FX_OP: Operation = Operation {
    provider: "fxiaoke",
    name: "getMapperObjectId",
    method: Method::Post,
    path: "/cgi/er/enterpriseRelation/getMapperObjectId",
    action: None,
    auth: None,
    idempotent: true,
    envelope: &fxiaoke::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
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
    envelope: &mingdao::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
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
    envelope: &tencent::ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
};
