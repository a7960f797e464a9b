//! Error paths: vendor envelopes, gateway pages, wrong field types, missing credentials, and
//! Debug output that hides the secrets.

use super::*;

pub(super) fn assert_vendor_error(
    error: &bindery::Error,
    operation: &str,
    code: &str,
    message: &str,
    request_id: Option<&str>,
) {
    let vendor = error
        .vendor()
        .unwrap_or_else(|| panic!("expected Error::Vendor, got {error:?}"));
    assert!(matches!(error, bindery::Error::Vendor(_)));
    assert_eq!(vendor.provider, "fxiaoke");
    assert_eq!(vendor.operation, operation);
    assert_eq!(error.vendor_code(), Some(code));
    assert_eq!(vendor.message, message);
    assert_eq!(error.request_id(), request_id);
    assert_eq!(error.http_status(), Some(200));
    assert_eq!(error.provider(), Some("fxiaoke"));
    assert_eq!(error.operation(), Some(operation));
    assert!(!error.is_local());
    let text = error.to_string();
    for fact in ["fxiaoke", operation, code, message] {
        assert!(text.contains(fact), "`{fact}` missing from {text}");
    }
    if let Some(id) = request_id {
        assert!(text.contains(id), "`{id}` missing from {text}");
    }
    assert_error_hides(error, SECRETS);
}

#[tokio::test]
async fn vendor_error_envelope_is_error_vendor() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({
            "errorCode": 10006,
            "errorMessage": "the parameter corpAccessToken is missing or illegal",
            "errorDescription": "缺少参数 或参数 不合法",
            "traceId": "E-O.err.10006"
        }),
        1,
    )
    .await;
    mount(
        &server,
        "/cgi/crm/v2/data/update",
        200,
        json!({"errorCode": 20016, "errorMessage": "corpAccessToken error"}),
        1,
    )
    .await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({"errorCode": 20005, "errorMessage": "accessToken expired", "traceId": "E-O.err.20005"}),
        1,
    )
    .await;
    let client = client(&server);

    let query = DataQueryRequest::new(QueryData::new("PaymentObj", SearchQueryInfo::new()));
    let error = client.data_query(&query).await.unwrap_err();
    assert_vendor_error(
        &error,
        "dataQuery",
        "10006",
        "the parameter corpAccessToken is missing or illegal",
        Some("E-O.err.10006"),
    );

    let update = DataUpdateRequest::new(UpdateData::new(ObjectData::new().id("5a9ce894")));
    let error = client.data_update(&update).await.unwrap_err();
    assert_vendor_error(&error, "dataUpdate", "20016", "corpAccessToken error", None);
    assert_eq!(
        error.vendor_code(),
        Some(bindery::runtime::fxiaoke::CORP_ACCESS_TOKEN_EXPIRED)
    );

    let mapper = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let error = client.get_mapper_object_id(&mapper).await.unwrap_err();
    assert_vendor_error(
        &error,
        "getMapperObjectId",
        "20005",
        "accessToken expired",
        Some("E-O.err.20005"),
    );
    assert_eq!(received(&server).await.len(), 3, "no retries");
}

#[tokio::test]
async fn http_502_html_is_error_http_with_snippet() {
    let server = MockServer::start().await;
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n\
                <center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
                </body>\r\n</html>\r\n";
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/create"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .expect(1)
        .mount(&server)
        .await;

    let request = DataCreateRequest::new(CreateData::new(
        ObjectData::new().data_object_api_name("PaymentObj"),
    ));
    let error = client(&server).data_create(&request).await.unwrap_err();
    match &error {
        bindery::Error::Http {
            provider,
            operation,
            status,
            attempts,
            snippet,
        } => {
            assert_eq!(
                (*provider, *operation, *status, *attempts),
                ("fxiaoke", "dataCreate", 502, 1)
            );
            assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
            assert!(!snippet.contains('\n'), "snippet is one line: {snippet:?}");
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
    assert_eq!(error.http_status(), Some(502));
    assert_eq!(error.vendor_code(), None);
    // Not idempotent, so a 502 is not retried: one attempt.
    assert_eq!(
        error.to_string(),
        "fxiaoke dataCreate: HTTP 502 after 1 attempt: <html> <head><title>502 Bad Gateway</title></head> \
         <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>"
    );
    assert_error_hides(&error, SECRETS);
    // The client retries a 502 only for idempotent operations; dataCreate is not one, so
    // one request only.
    assert!(!bindery::fxiaoke::operations::DATA_CREATE.idempotent);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn wrong_field_type_is_error_decode_with_json_path() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/er/enterpriseRelation/getMapperObjectId",
        200,
        json!({"errorCode": 0, "errorMessage": "OK", "traceId": "E-O.1", "mapperId": 12345}),
        1,
    )
    .await;
    let mut record = payment_record();
    record["create_time"] = json!("yesterday");
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({
            "errorCode": 0,
            "errorMessage": "OK",
            "corpAccessToken": CORP_ACCESS_TOKEN,
            "data": {"total": 1, "dataList": [record]}
        }),
        1,
    )
    .await;
    let client = client(&server);

    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let error = client.get_mapper_object_id(&request).await.unwrap_err();
    match &error {
        bindery::Error::Decode {
            provider,
            operation,
            path,
            message,
            snippet,
        } => {
            assert_eq!((*provider, *operation), ("fxiaoke", "getMapperObjectId"));
            assert_eq!(path, "mapperId");
            assert!(message.contains("invalid type"), "{message}");
            assert!(snippet.contains(r#""mapperId":12345"#), "{snippet}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert!(error.to_string().contains("`mapperId`"), "{error}");
    assert_error_hides(&error, SECRETS);

    let request = DataQueryRequest::new(QueryData::new("PaymentObj", SearchQueryInfo::new()));
    let error = client.data_query(&request).await.unwrap_err();
    match &error {
        bindery::Error::Decode { path, .. } => {
            assert_eq!(path, "data.dataList[0].create_time");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    // The snippet shows the body, but a token-looking value in it is masked.
    assert_error_hides(&error, SECRETS);
}

#[tokio::test]
async fn missing_credentials_are_reported_before_anything_is_sent() {
    let server = common::silent_server().await;
    let anonymous = client_with(&server, None);
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let error = anonymous.get_mapper_object_id(&request).await.unwrap_err();
    assert!(
        matches!(
            &error,
            bindery::Error::Credentials {
                provider: "fxiaoke",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_local());

    // Header-scheme credentials do not authorise a body-scheme call.
    let header_only = client_with(
        &server,
        Some(Credentials::new().with_access_token(ACCESS_TOKEN, EA, USER_ID)),
    );
    let request = DataGetRequest::new(GetData::new("PaymentObj", "1"));
    let error = header_only.data_get(&request).await.unwrap_err();
    assert!(
        matches!(
            &error,
            bindery::Error::Credentials {
                provider: "fxiaoke",
                ..
            }
        ),
        "{error:?}"
    );
    assert_error_hides(&error, SECRETS);

    server.verify().await;
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn debug_output_of_client_and_credentials_hides_secrets() {
    let credentials = credentials();
    let text = format!("{credentials:?}");
    assert_hides("credentials Debug", &text, SECRETS);
    assert!(text.contains(EA) && text.contains(CORP_ID), "{text}");

    let server = MockServer::start().await;
    let client = client_with(&server, Some(credentials));
    assert_hides("client Debug", &format!("{client:?}"), SECRETS);
    assert_hides("client Debug (pretty)", &format!("{client:#?}"), SECRETS);
}
