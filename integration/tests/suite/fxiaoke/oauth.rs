//! The token endpoints (`oauth`): exact bodies, no auth scheme, tokens decoded.

use super::*;

#[tokio::test]
async fn access_token_sends_exact_body_without_auth_and_decodes_token() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/oauth2.0/token",
        200,
        json!({
            "accessToken": ISSUED_TOKEN,
            "expiresIn": 7200,
            "ea": "fktest188",
            "openUserId": "FSUID_XXXXXX",
            "appId": "FSAID_xxxxx",
            "errorCode": 0,
            "errorMessage": "success",
            "traceId": "E-O.fktest188.1000-xxxxxx"
        }),
        1,
    )
    .await;

    let request = AccessTokenRequest::new("FSAID_xxxxx", APP_SECRET, PERMANENT_CODE);
    assert_hides("request Debug", &format!("{request:?}"), SECRETS);
    let response = client(&server)
        .access_token(&request)
        .await
        .expect("access token");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/oauth2.0/token");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({
            "appId": "FSAID_xxxxx",
            "appSecret": APP_SECRET,
            "permanentCode": PERMANENT_CODE,
            "grantType": "app_secret"
        })
    );

    assert_eq!(response.access_token.expose(), ISSUED_TOKEN);
    assert_eq!(response.expires_in, 7200);
    assert_eq!(response.ea, "fktest188");
    assert_eq!(response.open_user_id.as_deref(), Some("FSUID_XXXXXX"));
    assert_eq!(response.app_id.as_deref(), Some("FSAID_xxxxx"));
    assert_eq!(
        response.request_id.as_deref(),
        Some("E-O.fktest188.1000-xxxxxx")
    );
    assert_hides("response Debug", &format!("{response:?}"), SECRETS);
}

#[tokio::test]
async fn corp_access_token_sends_exact_body_without_auth_and_decodes_token() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/corpAccessToken/get/V2",
        200,
        json!({
            "errorCode": 0,
            "errorMessage": "success",
            "corpAccessToken": ISSUED_TOKEN,
            "corpId": "CORP_ID",
            "expiresIn": 7200,
            "traceId": "E-O.corp.1"
        }),
        1,
    )
    .await;

    let request = CorpAccessTokenRequest::new("APPID", APP_SECRET, PERMANENT_CODE);
    let response = client(&server)
        .corp_access_token(&request)
        .await
        .expect("corp access token");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/corpAccessToken/get/V2");
    assert_no_header_scheme(&sent);
    // No body-scheme fields either: this call has no auth.
    assert_eq!(
        body_json(&sent),
        json!({"appId": "APPID", "appSecret": APP_SECRET, "permanentCode": PERMANENT_CODE})
    );

    assert_eq!(response.corp_access_token.expose(), ISSUED_TOKEN);
    assert_eq!(response.corp_id, "CORP_ID");
    assert_eq!(response.expires_in, 7200);
    assert_eq!(response.request_id.as_deref(), Some("E-O.corp.1"));
    assert_hides("response Debug", &format!("{response:?}"), SECRETS);
}
