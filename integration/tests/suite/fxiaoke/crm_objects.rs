//! CRM object metadata: `objectDescribe` (header scheme) and `objectList` (body scheme), so a
//! program can discover a tenant's objects and their fields. Exact bodies, decoded describes,
//! a vendor error.

use bindery::fxiaoke::crm::{DescribeQuery, ObjectDescribeRequest, ObjectListRequest};
use bindery::fxiaoke::operations;
use bindery::runtime::AuthKind;

use super::*;

/// The page's response example, trimmed at the store's cut (see `object_describe.yaml`), plus
/// a tenant's custom field the page does not show.
fn product_describe() -> Value {
    json!({
        "traceId": "E-O.fsojdz.1003-20251106185717-2ac1a1",
        "data": {
            "describe": {
                "icon_index": 0,
                "api_name": "ProductObj",
                "icon_path": "",
                "display_name": "Product",
                "fields": {
                    "lock_rule": {
                        "describe_api_name": "ProductObj",
                        "is_index": false,
                        "is_active": true,
                        "create_time": 1599808855938i64,
                        "description": "Lock rule",
                        "is_unique": false,
                        "rules": [],
                        "default_value": "default_lock_rule",
                        "label": "Lock rule",
                        "type": "lock_rule",
                        "is_required": false,
                        "api_name": "lock_rule",
                        "define_type": "package",
                        "index_name": "s_4"
                    },
                    "off_shelves_time": {
                        "describe_api_name": "ProductObj",
                        "description": "Off-shelf time",
                        "type": "date_time",
                        "is_required": false,
                        "define_type": "package",
                        "is_index": true,
                        "is_active": true,
                        "create_time": 1547943504185i64,
                        "default_value": "",
                        "label": "Off-shelf time",
                        "time_zone": "GMT+8",
                        "api_name": "off_shelves_time",
                        "date_format": "yyyy-MM-dd HH:mm",
                        "help_text": ""
                    },
                    "warranty_years__c": {
                        "api_name": "warranty_years__c",
                        "label": "Warranty (years)",
                        "type": "number",
                        "define_type": "custom",
                        "is_required": true,
                        "default_value": 2
                    }
                }
            },
            "details": []
        },
        "errorCode": 0,
        "errorMessage": "OK"
    })
}

#[tokio::test]
async fn object_describe_uses_header_scheme_and_decodes_fields() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/object/describe",
        200,
        product_describe(),
        1,
    )
    .await;

    let request = ObjectDescribeRequest::new(DescribeQuery::new("ProductObj", true));
    let response = client(&server)
        .object_describe(&request)
        .await
        .expect("describe");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/object/describe");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({"data": {"apiName": "ProductObj", "includeDetail": true}})
    );

    assert_eq!(
        response.request_id.as_deref(),
        Some("E-O.fsojdz.1003-20251106185717-2ac1a1")
    );
    // Keys of `data` beside `describe` (detail describes) stay reachable.
    assert_eq!(response.data.extra.get("details"), Some(&json!([])));
    let describe = &response.data.describe;
    assert_eq!(describe.api_name.as_deref(), Some("ProductObj"));
    assert_eq!(describe.icon_index, Some(0));
    assert_eq!(describe.icon_path.as_deref(), Some(""));
    assert_eq!(describe.extra.get("display_name"), Some(&json!("Product")));

    let fields = describe.fields.as_ref().expect("fields");
    let names: Vec<&str> = fields.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["lock_rule", "off_shelves_time", "warranty_years__c"]
    );

    let lock_rule = &fields["lock_rule"];
    assert_eq!(lock_rule.api_name.as_deref(), Some("lock_rule"));
    assert_eq!(lock_rule.label.as_deref(), Some("Lock rule"));
    assert_eq!(lock_rule.field_type.as_deref(), Some("lock_rule"));
    assert_eq!(lock_rule.describe_api_name.as_deref(), Some("ProductObj"));
    assert_eq!(lock_rule.description.as_deref(), Some("Lock rule"));
    assert_eq!(lock_rule.define_type.as_deref(), Some("package"));
    assert_eq!(lock_rule.is_required, Some(false));
    assert_eq!(lock_rule.is_active, Some(true));
    assert_eq!(lock_rule.is_unique, Some(false));
    assert_eq!(lock_rule.is_index, Some(false));
    assert_eq!(lock_rule.create_time, Some(TimestampMs(1599808855938)));
    assert_eq!(lock_rule.default_value, Some(json!("default_lock_rule")));
    assert_eq!(lock_rule.help_text, None);
    let lock_extra: BTreeSet<&str> = lock_rule.extra.keys().map(String::as_str).collect();
    assert_eq!(lock_extra, BTreeSet::from(["index_name", "rules"]));

    let off_shelves = &fields["off_shelves_time"];
    assert_eq!(off_shelves.field_type.as_deref(), Some("date_time"));
    assert_eq!(off_shelves.is_index, Some(true));
    assert_eq!(off_shelves.help_text.as_deref(), Some(""));
    assert_eq!(
        off_shelves.extra.get("date_format"),
        Some(&json!("yyyy-MM-dd HH:mm"))
    );
    assert_eq!(off_shelves.extra.get("time_zone"), Some(&json!("GMT+8")));

    let custom = &fields["warranty_years__c"];
    assert_eq!(custom.define_type.as_deref(), Some("custom"));
    assert_eq!(custom.is_required, Some(true));
    assert_eq!(custom.default_value, Some(json!(2)));
    assert!(custom.extra.is_empty(), "{:?}", custom.extra);
}

#[tokio::test]
async fn object_describe_permission_error_is_a_vendor_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/object/describe",
        200,
        json!({
            "errorCode": 15003,
            "errorMessage": "app has no permission",
            "errorDescription": "应用没有该接口的权限",
            "traceId": "E-O.err.15003"
        }),
        1,
    )
    .await;
    let request = ObjectDescribeRequest::new(DescribeQuery::new("object_x__c", false));
    let error = client(&server).object_describe(&request).await.unwrap_err();

    assert!(matches!(error, bindery::Error::Vendor(_)), "{error:?}");
    let vendor = error.vendor().expect("vendor error");
    assert_eq!(vendor.provider, "fxiaoke");
    assert_eq!(vendor.operation, "objectDescribe");
    assert_eq!(vendor.message, "app has no permission");
    assert_eq!(error.vendor_code(), Some("15003"));
    assert_eq!(error.request_id(), Some("E-O.err.15003"));
    assert_error_hides(&error, SECRETS);

    let sent = only_request(&server).await;
    assert_eq!(
        body_json(&sent),
        json!({"data": {"apiName": "object_x__c", "includeDetail": false}})
    );
}

#[tokio::test]
async fn object_describe_without_describe_is_a_decode_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/object/describe",
        200,
        json!({"data": {}, "errorCode": 0, "errorMessage": "OK"}),
        1,
    )
    .await;
    let request = ObjectDescribeRequest::new(DescribeQuery::new("ProductObj", false));
    let error = client(&server).object_describe(&request).await.unwrap_err();
    match &error {
        bindery::Error::Decode {
            operation,
            path,
            message,
            ..
        } => {
            // As for every missing required key: the path of the object lacking it.
            assert_eq!(*operation, "objectDescribe");
            assert_eq!(path, "data");
            assert!(message.contains("missing field `describe`"), "{message}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn object_list_sends_only_the_body_scheme_fields() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/object/list",
        200,
        json!({
            "objects": [
                {"api_name": "AccountObj", "display_name": "客户"},
                {"api_name": "SalesOrderObj", "display_name": "销售订单"},
                {"api_name": "object_1yO4J__c", "display_name": "自定义对象"}
            ],
            "errorCode": 0,
            "errorMessage": "OK",
            "traceId": "E-O.objects.1"
        }),
        1,
    )
    .await;

    let response = client(&server)
        .object_list(&ObjectListRequest::new())
        .await
        .expect("objects");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/object/list");
    assert_no_header_scheme(&sent);
    assert_eq!(body_json(&sent), with_body_scheme(json!({})));

    let objects: Vec<(&str, &str)> = response
        .objects
        .as_deref()
        .expect("objects")
        .iter()
        .map(|o| {
            (
                o.api_name.as_deref().unwrap(),
                o.display_name.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        objects,
        [
            ("AccountObj", "客户"),
            ("SalesOrderObj", "销售订单"),
            ("object_1yO4J__c", "自定义对象"),
        ]
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.objects.1"));
}

#[tokio::test]
async fn object_list_token_expiry_is_a_vendor_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/object/list",
        200,
        json!({"errorCode": 20016, "errorMessage": "corpAccessToken expired", "traceId": "E-O.err.20016"}),
        1,
    )
    .await;
    let error = client(&server)
        .object_list(&ObjectListRequest::new())
        .await
        .unwrap_err();
    assert!(matches!(error, bindery::Error::Vendor(_)), "{error:?}");
    assert_eq!(error.vendor_code(), Some("20016"));
    assert_eq!(error.operation(), Some("objectList"));
    assert_eq!(error.request_id(), Some("E-O.err.20016"));
    assert_error_hides(&error, SECRETS);
}

#[test]
fn object_metadata_reads_are_idempotent() {
    for (op, auth) in [
        (&operations::OBJECT_DESCRIBE, AuthKind::FxiaokeHeader),
        (&operations::OBJECT_LIST, AuthKind::FxiaokeBody),
    ] {
        assert!(op.idempotent, "{} only reads", op.name);
        assert_eq!(op.auth, Some(auth), "{}", op.name);
    }
}
