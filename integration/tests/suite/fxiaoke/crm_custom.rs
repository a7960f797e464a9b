//! CRM V2 custom objects (`__c`, `/cgi/crm/custom/v2/data/*`) on the body auth scheme: exact
//! bodies and decoded answers of all eight calls, the rules checked before anything is sent
//! (the page's required fields inside the shared ObjectData, the 100-record page), the stream,
//! and a vendor error.

use bindery::fxiaoke::crm::{
    CustomChangeOwnerData, CustomCreateData, CustomDataChangeOwnerRequest, CustomDataCreateRequest,
    CustomDataDeleteRequest, CustomDataGetRequest, CustomDataInvalidRequest,
    CustomDataQueryRequest, CustomDataRecoverRequest, CustomDataUpdateRequest, CustomDeleteData,
    CustomGetData, CustomInvalidData, CustomOwnerChange, CustomQueryData, CustomRecoverData,
    CustomSearchQueryInfo, CustomUpdateData,
};
use bindery::fxiaoke::operations;
use bindery::runtime::stream::StreamExt;

use super::errors::assert_vendor_error;
use super::*;

const OBJECT: &str = "object_d4fIq__c";

fn ok(trace_id: &str) -> Value {
    json!({
        "traceId": trace_id,
        "errorDescription": "success",
        "errorMessage": "OK",
        "errorCode": 0
    })
}

/// A custom-object record as the vendor answers it: typed system fields and tenant fields.
fn custom_record(id: &str) -> Value {
    json!({
        "_id": id,
        "name": "20240301-000001",
        "object_describe_api_name": OBJECT,
        "owner": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
        "life_status": "normal",
        "create_time": 1709251200000i64,
        "field_1xY2z__c": "测试",
        "amount__c": "12.50"
    })
}

fn expect_invalid(error: &bindery::Error, operation: &str, field: &str, rule: &str) {
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
    assert_error_hides(error, SECRETS);
}

#[tokio::test]
async fn custom_data_create_sends_flags_and_record_and_keeps_extra_answer_keys() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/custom/v2/data/create",
        200,
        json!({
            "dataId": "65e1a0c2f125ae0001xxxxxx",
            "detailIds": {"object_detail1__c": ["65e1a0c2f125ae0001yyyyyy"]},
            "traceId": "E-O.custom.create.1",
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0
        }),
        1,
    )
    .await;

    let record = ObjectData::new()
        .data_object_api_name(OBJECT)
        .name("测试记录")
        .owner(vec!["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX".into()])
        .extra_field("field_1xY2z__c", "测试");
    let detail = ObjectData::new().extra_field("qty__c", 2);
    let data = CustomCreateData::new(record)
        .details(BTreeMap::from([(
            "object_detail1__c".to_owned(),
            vec![detail],
        )]))
        .fill_out_owner(true)
        .need_convert_lookup(false);
    let request = CustomDataCreateRequest::new(data)
        .trigger_work_flow(false)
        .trigger_approval_flow(true)
        .has_specify_time(false)
        .include_detail_ids(true)
        .check_duplicate_search(true);
    let response = client(&server)
        .custom_data_create(&request)
        .await
        .expect("create");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/custom/v2/data/create");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "triggerWorkFlow": false,
            "triggerApprovalFlow": true,
            "hasSpecifyTime": false,
            "includeDetailIds": true,
            "checkDuplicateSearch": true,
            "data": {
                "details": {"object_detail1__c": [{"qty__c": 2}]},
                "fillOutOwner": true,
                "needConvertLookup": false,
                "object_data": {
                    "dataObjectApiName": OBJECT,
                    "name": "测试记录",
                    "owner": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
                    "field_1xY2z__c": "测试"
                }
            }
        }))
    );
    assert_eq!(response.data_id, "65e1a0c2f125ae0001xxxxxx");
    assert_eq!(response.request_id.as_deref(), Some("E-O.custom.create.1"));
    // The page is cut off before its response table: what it does not document is kept.
    assert_eq!(
        response.extra.get("detailIds"),
        Some(&json!({"object_detail1__c": ["65e1a0c2f125ae0001yyyyyy"]}))
    );
    // A whole-body result: the envelope's own keys are kept too; the typed ones are not.
    let extra_keys: BTreeSet<&str> = response.extra.keys().map(String::as_str).collect();
    assert_eq!(
        extra_keys,
        BTreeSet::from(["detailIds", "errorCode", "errorDescription", "errorMessage"])
    );
}

#[tokio::test]
async fn custom_data_update_sends_the_record_and_switches() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/custom/v2/data/update",
        200,
        ok("E-O.custom.update.1"),
        1,
    )
    .await;

    let record = ObjectData::new()
        .id("5f323dd6d97520000155369f")
        .data_object_api_name(OBJECT)
        .extra_field("field_1xY2z__c", "新值");
    let request =
        CustomDataUpdateRequest::new(CustomUpdateData::new(record).skip_data_status_validate(true))
            .trigger_work_flow(false);
    let response = client(&server)
        .custom_data_update(&request)
        .await
        .expect("update");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/custom/v2/data/update");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "object_data": {
                    "_id": "5f323dd6d97520000155369f",
                    "dataObjectApiName": OBJECT,
                    "field_1xY2z__c": "新值"
                },
                "skipDataStatusValidate": true
            },
            "triggerWorkFlow": false
        }))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.custom.update.1"));
}

#[tokio::test]
async fn custom_create_and_update_refuse_a_record_without_the_fields_the_page_requires() {
    let server = common::silent_server().await;
    let client = client(&server);

    let create = CustomDataCreateRequest::new(CustomCreateData::new(
        ObjectData::new().extra_field("field_1xY2z__c", "x"),
    ));
    let error = client.custom_data_create(&create).await.unwrap_err();
    expect_invalid(
        &error,
        "customDataCreate",
        "data.object_data.dataObjectApiName",
        "must be set for this call",
    );

    let no_id = CustomDataUpdateRequest::new(CustomUpdateData::new(
        ObjectData::new().data_object_api_name(OBJECT),
    ));
    let error = client.custom_data_update(&no_id).await.unwrap_err();
    expect_invalid(
        &error,
        "customDataUpdate",
        "data.object_data._id",
        "must be set for this call",
    );
    let no_object = CustomDataUpdateRequest::new(CustomUpdateData::new(
        ObjectData::new().id("5f323dd6d97520000155369f"),
    ));
    let error = client.custom_data_update(&no_object).await.unwrap_err();
    expect_invalid(
        &error,
        "customDataUpdate",
        "data.object_data.dataObjectApiName",
        "must be set for this call",
    );

    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn custom_data_get_decodes_the_record_with_tenant_fields() {
    let server = MockServer::start().await;
    let record = custom_record("5a9ce894f125ae9befxxxxxx");
    let mut answer = ok("E-O.custom.get.1");
    answer["data"] = record.clone();
    mount(&server, "/cgi/crm/custom/v2/data/get", 200, answer, 1).await;

    let request = CustomDataGetRequest::new(CustomGetData::new(OBJECT, "5a9ce894f125ae9befxxxxxx"))
        .include_null(true);
    let response = client(&server)
        .custom_data_get(&request)
        .await
        .expect("get");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/custom/v2/data/get");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {"dataObjectApiName": OBJECT, "objectDataId": "5a9ce894f125ae9befxxxxxx"},
            "includeNull": true
        }))
    );
    let data = &response.data;
    assert_eq!(data.id.as_deref(), Some("5a9ce894f125ae9befxxxxxx"));
    assert_eq!(data.object_describe_api_name.as_deref(), Some(OBJECT));
    assert_eq!(data.life_status.as_deref(), Some("normal"));
    assert_eq!(data.create_time, Some(TimestampMs(1709251200000)));
    let extra_keys: BTreeSet<&str> = data.extra.keys().map(String::as_str).collect();
    assert_eq!(extra_keys, BTreeSet::from(["amount__c", "field_1xY2z__c"]));
    assert_eq!(data.extra.get("amount__c"), Some(&json!("12.50")));
    assert_eq!(serde_json::to_value(data).expect("serialise"), record);
    assert_eq!(response.request_id.as_deref(), Some("E-O.custom.get.1"));
}

#[tokio::test]
async fn custom_data_invalid_delete_recover_send_their_ids() {
    let server = MockServer::start().await;
    for (endpoint, trace) in [
        ("/cgi/crm/custom/v2/data/invalid", "E-O.custom.invalid.1"),
        ("/cgi/crm/custom/v2/data/delete", "E-O.custom.delete.1"),
        ("/cgi/crm/custom/v2/data/recover", "E-O.custom.recover.1"),
    ] {
        mount(&server, endpoint, 200, ok(trace), 1).await;
    }
    let client = client(&server);
    let ids = vec!["603dabc14ae65400011aec90".to_owned()];

    let invalid =
        CustomDataInvalidRequest::new(CustomInvalidData::new(OBJECT, "603dabc14ae65400011aec90"));
    let invalidated = client.custom_data_invalid(&invalid).await.expect("invalid");
    let delete = CustomDataDeleteRequest::new(CustomDeleteData::new(ids.clone(), OBJECT));
    let deleted = client.custom_data_delete(&delete).await.expect("delete");
    let recover = CustomDataRecoverRequest::new(CustomRecoverData::new(OBJECT, ids));
    let recovered = client.custom_data_recover(&recover).await.expect("recover");

    let requests = received(&server).await;
    let expected = [
        (
            "/cgi/crm/custom/v2/data/invalid",
            json!({"dataObjectApiName": OBJECT, "object_data_id": "603dabc14ae65400011aec90"}),
        ),
        (
            "/cgi/crm/custom/v2/data/delete",
            json!({"idList": ["603dabc14ae65400011aec90"], "dataObjectApiName": OBJECT}),
        ),
        (
            "/cgi/crm/custom/v2/data/recover",
            json!({"dataObjectApiName": OBJECT, "idList": ["603dabc14ae65400011aec90"]}),
        ),
    ];
    assert_eq!(requests.len(), expected.len());
    for (sent, (endpoint, data)) in requests.iter().zip(expected) {
        assert_fxiaoke_call(sent, endpoint);
        assert_no_header_scheme(sent);
        assert_eq!(
            body_json(sent),
            with_body_scheme(json!({"data": data})),
            "{endpoint}"
        );
    }
    assert_eq!(
        invalidated.request_id.as_deref(),
        Some("E-O.custom.invalid.1")
    );
    assert_eq!(deleted.request_id.as_deref(), Some("E-O.custom.delete.1"));
    assert_eq!(
        recovered.request_id.as_deref(),
        Some("E-O.custom.recover.1")
    );
}

#[tokio::test]
async fn custom_data_change_owner_sends_capital_data() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/custom/v2/data/changeOwner",
        200,
        ok("E-O.custom.owner.1"),
        1,
    )
    .await;

    let change = CustomOwnerChange::new(
        "5a9914fcf125ae0a1axxxxxx",
        vec!["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX".into()],
    );
    let request = CustomDataChangeOwnerRequest::new(CustomChangeOwnerData::new(
        vec![change],
        "object_Nyeoj__c",
    ));
    let response = client(&server)
        .custom_data_change_owner(&request)
        .await
        .expect("change owner");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/custom/v2/data/changeOwner");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "Data": [{
                    "objectDataId": "5a9914fcf125ae0a1axxxxxx",
                    "ownerId": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"]
                }],
                "dataObjectApiName": "object_Nyeoj__c"
            }
        }))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.custom.owner.1"));
}

#[tokio::test]
async fn custom_data_query_sends_the_query_and_decodes_a_page_without_total() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/custom/v2/data/query",
        200,
        json!({
            "data": {"offset": 0, "limit": 2, "dataList": [custom_record("id-1"), custom_record("id-2")]},
            "traceId": "E-O.custom.query.1",
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0
        }),
        1,
    )
    .await;

    let info = CustomSearchQueryInfo::new(
        2,
        0,
        vec![QueryFilter::new(
            "life_status",
            vec![json!("normal")],
            FilterOperator::Equal,
        )],
        vec![QueryOrder::new("create_time", false)],
    )
    .field_projection(vec!["_id".into(), "name".into()]);
    let request = CustomDataQueryRequest::new(
        CustomQueryData::new(OBJECT, info).find_explicit_total_num(false),
    );
    let response = client(&server)
        .custom_data_query(&request)
        .await
        .expect("query");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/custom/v2/data/query");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "dataObjectApiName": OBJECT,
                "find_explicit_total_num": false,
                "search_query_info": {
                    "limit": 2,
                    "offset": 0,
                    "filters": [{
                        "field_name": "life_status",
                        "field_values": ["normal"],
                        "operator": "EQ"
                    }],
                    "orders": [{"fieldName": "create_time", "isAsc": false}],
                    "fieldProjection": ["_id", "name"]
                }
            }
        }))
    );
    // find_explicit_total_num = false: the vendor leaves the total out, and that decodes.
    let page = &response.data;
    assert_eq!(page.total, None);
    assert_eq!((page.offset, page.limit), (Some(0), Some(2)));
    let ids: Vec<_> = page.data_list.iter().map(|r| r.id.as_deref()).collect();
    assert_eq!(ids, [Some("id-1"), Some("id-2")]);
    assert_eq!(response.request_id.as_deref(), Some("E-O.custom.query.1"));
}

#[tokio::test]
async fn custom_data_query_pages_are_at_most_100_records() {
    let server = common::silent_server().await;
    let client = client(&server);
    let cases = [
        (
            101,
            0,
            "data.search_query_info.limit",
            "value 101 exceeds maximum 100",
        ),
        (
            0,
            0,
            "data.search_query_info.limit",
            "value 0 is below minimum 1",
        ),
        (
            100,
            150,
            "data.search_query_info.offset",
            "must be a multiple of `limit` (100)",
        ),
        (
            100,
            10100,
            "data.search_query_info.offset",
            "value 10100 exceeds maximum 10000",
        ),
    ];
    for (limit, offset, field, rule) in cases {
        let info = CustomSearchQueryInfo::new(limit, offset, vec![], vec![]);
        let request = CustomDataQueryRequest::new(CustomQueryData::new(OBJECT, info));
        let error = client.custom_data_query(&request).await.unwrap_err();
        expect_invalid(&error, "customDataQuery", field, rule);
    }
    server.verify().await;
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

/// `limit` is required on this endpoint, so the stream pages by the request's own limit (here
/// the custom-object maximum), ordered by `_id` for the cursor past the offset cap.
#[tokio::test]
async fn custom_data_query_stream_pages_by_the_requested_limit() {
    let server = MockServer::start().await;
    let records = |from: usize, to: usize| -> Vec<Value> {
        (from..to)
            .map(|n| custom_record(&format!("id-{n:03}")))
            .collect()
    };
    for (offset, from, to) in [(0, 0, 100), (100, 100, 150)] {
        Mock::given(method("POST"))
            .and(path("/cgi/crm/custom/v2/data/query"))
            .and(wiremock::matchers::body_partial_json(
                json!({"data": {"search_query_info": {"offset": offset}}}),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "data": {"total": 150, "offset": offset, "limit": 100, "dataList": records(from, to)},
                "errorCode": 0,
                "errorMessage": "OK"
            })))
            .expect(1)
            .mount(&server)
            .await;
    }

    let info =
        CustomSearchQueryInfo::new(100, 0, vec![], vec![QueryOrder::new("create_time", false)]);
    let request = CustomDataQueryRequest::new(CustomQueryData::new(OBJECT, info));
    let ids: Vec<String> = client(&server)
        .custom_data_query_stream(&request)
        .map(|record| record.expect("record").id.expect("_id"))
        .collect()
        .await;
    assert_eq!(ids.len(), 150);
    assert_eq!((ids[0].as_str(), ids[149].as_str()), ("id-000", "id-149"));

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2, "two pages of 100 and 50 records");
    for (sent, offset) in requests.iter().zip([0, 100]) {
        assert_fxiaoke_call(sent, "/cgi/crm/custom/v2/data/query");
        let info = &body_json(sent)["data"]["search_query_info"];
        assert_eq!(info["limit"], json!(100), "the request's page size");
        assert_eq!(info["offset"], json!(offset));
        assert_eq!(info["orders"], json!([{"fieldName": "_id", "isAsc": true}]));
        assert_eq!(info["filters"], json!([]));
    }
}

#[tokio::test]
async fn custom_data_delete_vendor_error_is_error_vendor() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/custom/v2/data/delete",
        200,
        json!({
            "errorCode": 10006,
            "errorMessage": "the parameter corpAccessToken is missing or illegal",
            "errorDescription": "缺少参数 或参数 不合法",
            "traceId": "E-O.custom.err"
        }),
        1,
    )
    .await;

    let request = CustomDataDeleteRequest::new(CustomDeleteData::new(vec!["id-1".into()], OBJECT));
    let error = client(&server)
        .custom_data_delete(&request)
        .await
        .unwrap_err();
    assert_vendor_error(
        &error,
        "customDataDelete",
        "10006",
        "the parameter corpAccessToken is missing or illegal",
        Some("E-O.custom.err"),
    );
    assert_eq!(received(&server).await.len(), 1, "no retries");
}

#[test]
fn only_custom_create_is_not_idempotent() {
    let creates = [&operations::CUSTOM_DATA_CREATE];
    let others = [
        &operations::CUSTOM_DATA_UPDATE,
        &operations::CUSTOM_DATA_GET,
        &operations::CUSTOM_DATA_QUERY,
        &operations::CUSTOM_DATA_INVALID,
        &operations::CUSTOM_DATA_DELETE,
        &operations::CUSTOM_DATA_RECOVER,
        &operations::CUSTOM_DATA_CHANGE_OWNER,
    ];
    for op in creates {
        assert!(!op.idempotent, "{} creates a record per call", op.name);
    }
    for op in others {
        assert!(op.idempotent, "{} must be idempotent", op.name);
    }
}
