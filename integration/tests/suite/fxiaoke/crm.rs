//! CRM V2 (`crm`), the body auth scheme: exact bodies, decoded records and pages, paging
//! rules checked before anything is sent.

use super::*;

fn assert_payment_record(record: &ObjectData) {
    assert_eq!(record.id.as_deref(), Some("5a9922dd742c2ff572xxxxxx"));
    assert_eq!(record.name.as_deref(), Some("20180302-000004"));
    assert_eq!(
        record.owner.as_deref(),
        Some(&["FSUID_0253C6D7FC0E3A2CBB19F336CEXXXXXX".to_owned()][..])
    );
    assert_eq!(record.owner_department.as_deref(), Some("董事会"));
    assert_eq!(record.record_type.as_deref(), Some("default__c"));
    assert_eq!(record.life_status.as_deref(), Some("normal"));
    assert_eq!(record.lock_status.as_deref(), Some("0"));
    assert_eq!(record.is_deleted, Some(false));
    assert_eq!(record.create_time, Some(TimestampMs(1519985373616)));
    assert_eq!(record.last_modified_time, Some(TimestampMs(1519986766107)));
    assert_eq!(
        record.created_by.as_deref(),
        Some(&["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX".to_owned()][..])
    );
    assert_eq!(record.data_object_api_name, None);
    // Open-object extras: everything without a typed field, exactly.
    assert_eq!(record.extra.get("account_id__r"), Some(&json!("测试")));
    assert_eq!(record.extra.get("payment_amount"), Some(&json!("300.00")));
    assert_eq!(record.extra.get("total_num"), Some(&json!(4)));
    let extra_keys: BTreeSet<&str> = record.extra.keys().map(String::as_str).collect();
    assert_eq!(
        extra_keys,
        BTreeSet::from([
            "account_id",
            "account_id__r",
            "attachment",
            "notification_time",
            "order_data_id",
            "order_id",
            "payment_amount",
            "payment_term",
            "payment_time",
            "remark",
            "total_num",
        ])
    );
}

#[tokio::test]
async fn data_create_injects_body_scheme_and_decodes_data_id() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/create",
        200,
        json!({
            "dataId": "5a9ce894f125ae9befxxxxxx",
            "errorCode": 0,
            "errorMessage": "OK",
            "errorDescription": "success",
            "traceId": "E-O.create.1"
        }),
        1,
    )
    .await;

    let payment = ObjectData::new()
        .data_object_api_name("PaymentObj")
        .record_type("default__c")
        .owner(vec!["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX".into()])
        .extra_field("account_id", "2d58af2dbb4d4ecd931e80ef18xxxxxx")
        .extra_field("payment_amount", 1)
        .extra_field("payment_time", 1517328000000i64)
        .extra_field("payment_term", "post")
        .extra_field("notification_time", 1516982400000i64)
        .extra_field("attachment", json!([]))
        .extra_field("remark", "002测试");
    let detail = ObjectData::new()
        .record_type("default__c")
        .extra_field("order_id", "974789b4d13040fcbb9d0ae35cxxxxxx")
        .extra_field("payment_amount", "1")
        .extra_field("attachment", json!([]))
        .extra_field("remark", "1111");
    let details = BTreeMap::from([("OrderPaymentObj".to_owned(), vec![detail])]);
    let request = DataCreateRequest::new(CreateData::new(payment).details(details));
    let response = client(&server).data_create(&request).await.expect("create");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/create");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "object_data": {
                    "dataObjectApiName": "PaymentObj",
                    "record_type": "default__c",
                    "account_id": "2d58af2dbb4d4ecd931e80ef18xxxxxx",
                    "payment_amount": 1,
                    "payment_time": 1517328000000i64,
                    "payment_term": "post",
                    "notification_time": 1516982400000i64,
                    "owner": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
                    "attachment": [],
                    "remark": "002测试"
                },
                "details": {
                    "OrderPaymentObj": [{
                        "order_id": "974789b4d13040fcbb9d0ae35cxxxxxx",
                        "payment_amount": "1",
                        "attachment": [],
                        "remark": "1111",
                        "record_type": "default__c"
                    }]
                }
            }
        }))
    );

    assert_eq!(response.data_id, "5a9ce894f125ae9befxxxxxx");
    assert_eq!(response.request_id.as_deref(), Some("E-O.create.1"));
}

#[tokio::test]
async fn data_update_injects_body_scheme() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/update",
        200,
        json!({"errorCode": 0, "errorMessage": "success", "traceId": "E-O.update.1"}),
        1,
    )
    .await;

    let record = ObjectData::new()
        .data_object_api_name("GoodsReceivedNoteObj")
        .id("5ac1e101830bdb5f9feb192f")
        .owner(vec!["FSUID_XXXXXX".into()])
        .version("2")
        .extra_field("remark", "openapi测试update2");
    let detail = ObjectData::new().id("5ac1e102830bdb5f9feb1934");
    let details = BTreeMap::from([("GoodsReceivedNoteProductObj".to_owned(), vec![detail])]);
    let request = DataUpdateRequest::new(UpdateData::new(record).details(details));
    let response = client(&server).data_update(&request).await.expect("update");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/update");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "object_data": {
                    "dataObjectApiName": "GoodsReceivedNoteObj",
                    "_id": "5ac1e101830bdb5f9feb192f",
                    "remark": "openapi测试update2",
                    "owner": ["FSUID_XXXXXX"],
                    "version": "2"
                },
                "details": {
                    "GoodsReceivedNoteProductObj": [{"_id": "5ac1e102830bdb5f9feb1934"}]
                }
            }
        }))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.update.1"));
}

#[tokio::test]
async fn data_get_injects_body_scheme_and_decodes_record_with_extras() {
    let server = MockServer::start().await;
    let record = payment_record();
    mount(
        &server,
        "/cgi/crm/v2/data/get",
        200,
        json!({
            "data": record,
            "errorCode": 0,
            "errorMessage": "OK",
            "errorDescription": "success",
            "traceId": "E-O.get.1"
        }),
        1,
    )
    .await;

    let request = DataGetRequest::new(GetData::new("PaymentObj", "5a9922dd742c2ff572xxxxxx"))
        .include_null(false);
    let response = client(&server).data_get(&request).await.expect("get");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/get");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {"dataObjectApiName": "PaymentObj", "objectDataId": "5a9922dd742c2ff572xxxxxx"},
            "includeNull": false
        }))
    );

    assert_payment_record(&response.data);
    assert_eq!(response.request_id.as_deref(), Some("E-O.get.1"));
    // Nothing is lost: the record serialises back to what the server sent.
    assert_eq!(
        serde_json::to_value(&response.data).expect("serialise"),
        record
    );
}

#[tokio::test]
async fn data_query_injects_body_scheme_and_decodes_page() {
    let server = MockServer::start().await;
    let second = json!({
        "payment_time": 1521561600000i64,
        "account_id__r": "测试",
        "is_deleted": true,
        "attachment": [],
        "order_data_id": "974789b4d13040fcbb9d0ae35cxxxxxx,cff4ca67f38c49639df64f50d3xxxxxx",
        "total_num": 4,
        "owner_department": "董事会",
        "owner": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
        "lock_status": "0",
        "last_modified_time": 1519984004508i64,
        "create_time": 1519978401106i64,
        "life_status": "invalid",
        "payment_amount": "20.00",
        "record_type": "default__c",
        "account_id": "2d58af2dbb4d4ecd931e80ef18xxxxxx",
        "name": "20180302-000002",
        "_id": "5a9907a1f125ae0a1axxxxxx",
        "order_id": "20180302-000002,20180302-000001"
    });
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({
            "data": {"total": 4, "offset": 0, "dataList": [payment_record(), second], "limit": 5},
            "errorCode": 0,
            "errorMessage": "OK",
            "errorDescription": "success",
            "traceId": "E-O.query.1"
        }),
        1,
    )
    .await;

    let info = SearchQueryInfo::new()
        .limit(5)
        .offset(0)
        .filters(vec![QueryFilter::new(
            "owner",
            vec![json!("FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX")],
            FilterOperator::In,
        )])
        .orders(vec![QueryOrder::new("payment_amount", false)])
        .field_projection(vec!["_id".into(), "name".into()]);
    let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
    let response = client(&server).data_query(&request).await.expect("query");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/query");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "dataObjectApiName": "PaymentObj",
                "search_query_info": {
                    "limit": 5,
                    "offset": 0,
                    "filters": [{
                        "field_name": "owner",
                        "field_values": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
                        "operator": "IN"
                    }],
                    "orders": [{"fieldName": "payment_amount", "isAsc": false}],
                    "fieldProjection": ["_id", "name"]
                }
            }
        }))
    );

    let page = &response.data;
    assert_eq!(page.total, 4);
    assert_eq!(page.offset, Some(0));
    assert_eq!(page.limit, Some(5));
    assert_eq!(page.data_list.len(), 2);
    assert_payment_record(&page.data_list[0]);
    assert_eq!(
        page.data_list[1].id.as_deref(),
        Some("5a9907a1f125ae0a1axxxxxx")
    );
    assert_eq!(page.data_list[1].is_deleted, Some(true));
    assert_eq!(page.data_list[1].life_status.as_deref(), Some("invalid"));
    assert_eq!(
        page.data_list[1].extra.get("account_id__r"),
        Some(&json!("测试"))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.query.1"));
}

#[tokio::test]
async fn data_query_paging_rules_are_checked_before_anything_is_sent() {
    let server = common::silent_server().await;
    let client = client(&server);
    let cases = [
        (
            Some(5),
            Some(7),
            "data.search_query_info.offset",
            "must be a multiple of `limit` (5)",
        ),
        // No limit: the vendor's documented default page size (20) applies.
        (
            None,
            Some(150),
            "data.search_query_info.offset",
            "must be a multiple of `limit` (20)",
        ),
        (
            Some(0),
            None,
            "data.search_query_info.limit",
            "value 0 is below minimum 1",
        ),
        (
            Some(1001),
            Some(0),
            "data.search_query_info.limit",
            "value 1001 exceeds maximum 1000",
        ),
        (
            None,
            Some(-20),
            "data.search_query_info.offset",
            "value -20 is below minimum 0",
        ),
        (
            Some(5),
            Some(10005),
            "data.search_query_info.offset",
            "value 10005 exceeds maximum 10000",
        ),
    ];
    for (limit, offset, field, rule) in cases {
        let mut info = SearchQueryInfo::new();
        if let Some(limit) = limit {
            info = info.limit(limit);
        }
        if let Some(offset) = offset {
            info = info.offset(offset);
        }
        let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
        let error = client.data_query(&request).await.unwrap_err();
        match &error {
            bindery::Error::InvalidRequest {
                provider,
                operation,
                field: actual_field,
                rule: actual_rule,
            } => {
                assert_eq!((*provider, *operation), ("fxiaoke", "dataQuery"));
                assert_eq!(actual_field, field, "limit {limit:?} offset {offset:?}");
                assert_eq!(actual_rule, rule, "limit {limit:?} offset {offset:?}");
            }
            other => panic!("limit {limit:?} offset {offset:?}: got {other:?}"),
        }
        assert!(error.is_local());
        assert!(error.to_string().contains(field), "{error}");
        assert_error_hides(&error, SECRETS);
    }
    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn unknown_enum_values_are_refused_before_anything_is_sent() {
    let server = common::silent_server().await;
    let client = client(&server);
    let expect_invalid = |error: &bindery::Error, operation: &str, field: &str, rule: &str| {
        match error {
            bindery::Error::InvalidRequest {
                provider,
                operation: actual_operation,
                field: actual_field,
                rule: actual_rule,
            } => {
                assert_eq!((*provider, *actual_operation), ("fxiaoke", operation));
                assert_eq!(actual_field, field);
                assert_eq!(actual_rule, rule);
            }
            other => panic!("expected InvalidRequest at {field}, got {other:?}"),
        }
        assert!(error.is_local());
        assert!(error.to_string().contains(field), "{error}");
        assert_error_hides(error, SECRETS);
    };

    // A top-level enum field, given as `Unknown` or through `From<&str>`.
    for name in [
        MapperObjectApiName::Unknown("ContactObj".to_owned()),
        MapperObjectApiName::from("accountobj"),
    ] {
        let request = GetMapperObjectIdRequest::new(name);
        let error = client.get_mapper_object_id(&request).await.unwrap_err();
        expect_invalid(
            &error,
            "getMapperObjectId",
            "objectApiName",
            "must be one of AccountObj, PartnerObj",
        );
    }
    // An optional enum field.
    let request = GetUserInfoByCodeRequest::new("FSAID_1", APP_SECRET, "https://x.example/cb", "c")
        .mapper_object_api_name(MapperObjectApiName::Unknown("X".to_owned()));
    let error = client.get_user_info_by_code(&request).await.unwrap_err();
    expect_invalid(
        &error,
        "getUserInfoByCode",
        "mapperObjectApiName",
        "must be one of AccountObj, PartnerObj",
    );
    // An enum inside a list of nested structs, through the call and the stream.
    let info = SearchQueryInfo::new().filters(vec![
        QueryFilter::new("name", vec![json!("a")], FilterOperator::Equal),
        QueryFilter::new("name", vec![json!("b")], FilterOperator::from("APPROX")),
    ]);
    let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
    let field = "data.search_query_info.filters[1].operator";
    let rule = "must be one of EQ, N, GT, GTE, LT, LTE, LIKE, NLIKE, IS, ISN, IN, NIN, BETWEEN, \
                NBETWEEN, STARTWITH, ENDWITH, EXISTS, NEXISTS, CONTAINS";
    let error = client.data_query(&request).await.unwrap_err();
    expect_invalid(&error, "dataQuery", field, rule);
    let mut stream = client.data_query_stream(&request);
    let first = bindery::runtime::stream::StreamExt::next(&mut stream).await;
    match first {
        Some(Err(error)) => expect_invalid(&error, "dataQuery", field, rule),
        other => panic!("expected the stream to fail first, got {other:?}"),
    }

    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn data_query_paging_bounds_are_accepted() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/query",
        200,
        json!({"errorCode": 0, "errorMessage": "OK", "data": {"total": 0, "dataList": []}}),
        3,
    )
    .await;
    let client = client(&server);
    for (limit, offset) in [(Some(1000), 0), (Some(1), 10000), (None, 40)] {
        let mut info = SearchQueryInfo::new().offset(offset);
        if let Some(limit) = limit {
            info = info.limit(limit);
        }
        let request = DataQueryRequest::new(QueryData::new("PaymentObj", info));
        let response = client
            .data_query(&request)
            .await
            .unwrap_or_else(|e| panic!("limit {limit:?} offset {offset}: {e}"));
        assert_eq!(response.data.total, 0);
        assert!(response.data.data_list.is_empty());
        assert_eq!(response.data.offset, None);
    }
    let requests = received(&server).await;
    assert_eq!(
        body_json(&requests[1])["data"]["search_query_info"],
        json!({"limit": 1, "offset": 10000})
    );
    // A multiple of the default page size passes, and the default is not sent.
    assert_eq!(
        body_json(&requests[2])["data"]["search_query_info"],
        json!({"offset": 40})
    );
}
