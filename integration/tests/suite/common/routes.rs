//! The vendors' routes as the wire tests expect to see them, written out here rather than
//! taken from the generated operations, so that a generated path that drifts fails a test.

/// Fxiaoke `accessToken` (header scheme token).
pub const FX_ACCESS_TOKEN: &str = "/oauth2.0/token";
/// Fxiaoke `corpAccessToken` (body scheme token).
pub const FX_CORP_ACCESS_TOKEN: &str = "/cgi/corpAccessToken/get/V2";
/// Fxiaoke `getMapperObjectId` (Enterprise Connect, header scheme).
pub const FX_MAPPER: &str = "/cgi/er/enterpriseRelation/getMapperObjectId";
/// Fxiaoke `getUserInfoByCode` (Enterprise Connect OAuth).
pub const FX_USER_INFO: &str = "/er/oauth/getUserInfoByCode";
/// Fxiaoke CRM V2 `dataCreate`.
pub const FX_CREATE: &str = "/cgi/crm/v2/data/create";
/// Fxiaoke CRM V2 `dataUpdate`.
pub const FX_UPDATE: &str = "/cgi/crm/v2/data/update";
/// Fxiaoke CRM V2 `dataQuery`.
pub const FX_QUERY: &str = "/cgi/crm/v2/data/query";
/// Fxiaoke CRM V2 `dataGet`.
pub const FX_GET: &str = "/cgi/crm/v2/data/get";

/// The path of Mingdao's default base URL, which the tests keep in front of every route.
pub const MINGDAO_BASE_PATH: &str = "/generalintegrate";
/// Mingdao `getUserRelations`, under [`MINGDAO_BASE_PATH`].
pub const MINGDAO_USER_RELATIONS: &str = "/generalintegrate/v2/user/getUserRelations";
