//! Enterprise Connect (`er`), the header auth scheme: exact headers, the trace id, the
//! authorize URL.

use super::*;

#[tokio::test]
async fn get_mapper_object_id_uses_header_scheme_and_decodes_mapper_id() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({
            "traceId": "E-O.827xxxxxx",
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0,
            "mapperId": "12345"
        }),
        1,
    )
    .await;

    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::PartnerObj)
        .downstream_outer_tenant_id(300013389)
        .include_null(true);
    let response = client(&server)
        .get_mapper_object_id(&request)
        .await
        .expect("mapper id");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/er/enterpriseRelation/getMapperObjectId");
    assert_header_scheme(&sent);
    // Exact: no corpAccessToken/corpId/currentOpenUserId in a header-scheme body.
    assert_eq!(
        body_json(&sent),
        json!({
            "objectApiName": "PartnerObj",
            "downstreamOuterTenantId": 300013389,
            "includeNull": true
        })
    );

    assert_eq!(response.mapper_id.as_deref(), Some("12345"));
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn get_user_info_by_code_uses_header_scheme_and_constant_grant_type() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/er/oauth/getUserInfoByCode",
        200,
        json!({
            "traceId": "E-O.827yyyyyy",
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0,
            // Not on the vendor's page, but what the call is for.
            "openUserId": "FSUID_6A3E",
            "outerTenantId": 300013389,
            "mapper": {"objectApiName": "AccountObj", "id": "6475c0f5"}
        }),
        1,
    )
    .await;

    let request = GetUserInfoByCodeRequest::new(
        "FSAID_xxxxx",
        APP_SECRET,
        "https://crm.example.com/sso?from=fs",
        "CODE-42",
    )
    .mapper_object_api_name(MapperObjectApiName::AccountObj);
    assert_hides("request Debug", &format!("{request:?}"), SECRETS);
    let response = client(&server)
        .get_user_info_by_code(&request)
        .await
        .expect("user info");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/er/oauth/getUserInfoByCode");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({
            "grantType": "authorization_code",
            "appId": "FSAID_xxxxx",
            "appSecret": APP_SECRET,
            "redirectUrl": "https://crm.example.com/sso?from=fs",
            "code": "CODE-42",
            "mapperObjectApiName": "AccountObj"
        })
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827yyyyyy"));
    // The page documents no identity fields: everything else the vendor sent is readable.
    assert_eq!(
        serde_json::Value::Object(response.extra),
        json!({
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0,
            "openUserId": "FSUID_6A3E",
            "outerTenantId": 300013389,
            "mapper": {"objectApiName": "AccountObj", "id": "6475c0f5"}
        })
    );
}

#[tokio::test]
async fn third_trace_id_is_a_fresh_uuid_v4_on_every_call() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({"errorCode": 0, "errorMessage": "OK", "mapperId": "1"}),
        2,
    )
    .await;
    let client = client(&server);
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    client.get_mapper_object_id(&request).await.expect("first");
    client.get_mapper_object_id(&request).await.expect("second");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let first = assert_fxiaoke_call(&requests[0], "/cgi/er/enterpriseRelation/getMapperObjectId");
    let second = assert_fxiaoke_call(&requests[1], "/cgi/er/enterpriseRelation/getMapperObjectId");
    assert_ne!(first, second, "thirdTraceId must be new on each call");
    // The request itself is unchanged between the two calls.
    assert_eq!(body_json(&requests[0]), body_json(&requests[1]));
    assert_eq!(
        body_json(&requests[0]),
        json!({"objectApiName": "AccountObj"})
    );
}

#[tokio::test]
async fn authorize_url_is_built_exactly_and_sends_nothing() {
    // Default base URL; the spec's example.
    let client = Client::builder().build().expect("client");
    let request = AuthorizeRequest::new(
        "xxxx",
        "FSAID_xxx",
        "Xy7Kp2Qa9Lm4",
        "https://www.xxx.com/callback?from=fxiaoke&lang=zh-CN",
    );
    let url = client.authorize_url(&request).expect("url");
    assert_eq!(
        url.as_str(),
        "https://open.fxiaoke.com/er/oauth/authorize?responseType=code&erAppId=xxxx\
         &appId=FSAID_xxx&state=Xy7Kp2Qa9Lm4\
         &redirectUrl=https%3A%2F%2Fwww.xxx.com%2Fcallback%3Ffrom%3Dfxiaoke%26lang%3Dzh-CN"
    );

    // `?`, `&`, `=`, spaces and Chinese in redirectUrl are percent-encoded (form encoding:
    // a space is `+`) so that the whole URL stays one parameter; no credentials needed, and
    // nothing goes to the server.
    let server = common::silent_server().await;
    let client = client_with(&server, None);
    let redirect = "https://crm.example.com/sso/回调?from=fs&user=张三 李四";
    let request = AuthorizeRequest::new("ER_APP_1", "FSAID_1", "state1234ABCD", redirect);
    let url = client.authorize_url(&request).expect("url");
    assert_eq!(
        url.as_str(),
        format!(
            "{}/er/oauth/authorize?responseType=code&erAppId=ER_APP_1&appId=FSAID_1\
             &state=state1234ABCD&redirectUrl=https%3A%2F%2Fcrm.example.com%2Fsso%2F\
             %E5%9B%9E%E8%B0%83%3Ffrom%3Dfs%26user%3D%E5%BC%A0%E4%B8%89+%E6%9D%8E%E5%9B%9B",
            server.uri()
        )
    );
    // And it decodes back to exactly what was given.
    let decoded: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        decoded,
        [
            ("responseType", "code"),
            ("erAppId", "ER_APP_1"),
            ("appId", "FSAID_1"),
            ("state", "state1234ABCD"),
            ("redirectUrl", redirect),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    server.verify().await;
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn authorize_url_rejects_bad_state() {
    let client = Client::builder()
        .credentials(credentials())
        .build()
        .expect("client");
    let redirect = "https://www.xxx.com/callback";
    for (state, rule) in [
        ("Ab12345", "length 7 is below minimum 8"),
        ("abcd-1234", "must match [A-Za-z0-9]+"),
        ("Xy7Kp2Qa 9Lm4", "must match [A-Za-z0-9]+"),
        (&*"a".repeat(129), "length 129 exceeds maximum 128"),
    ] {
        let request = AuthorizeRequest::new("xxxx", "FSAID_xxx", state, redirect);
        let error = client.authorize_url(&request).unwrap_err();
        match &error {
            bindery::Error::InvalidRequest {
                provider,
                operation,
                field,
                rule: actual,
            } => {
                assert_eq!((*provider, *operation), ("fxiaoke", "authorize"));
                assert_eq!(field, "state", "state {state:?}");
                assert_eq!(actual, rule, "state {state:?}");
            }
            other => panic!("state {state:?}: expected InvalidRequest, got {other:?}"),
        }
        assert!(error.is_local());
        assert!(error.to_string().contains("`state`"), "{error}");
        assert_error_hides(&error, SECRETS);
    }
    // The bounds themselves are fine.
    for state in ["Ab123456".to_owned(), "Z9".repeat(64)] {
        let request = AuthorizeRequest::new("xxxx", "FSAID_xxx", state.as_str(), redirect);
        client
            .authorize_url(&request)
            .unwrap_or_else(|e| panic!("state of {} chars: {e}", state.len()));
    }
}
