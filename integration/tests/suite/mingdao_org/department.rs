//! `bindery::mingdao::department`: syncAllDepartments, upsertDepartment,
//! getDepartmentRelations, getDepartmentRelationByDepartmentIds, removeDepartmentRelations,
//! removeDepartmentRelationByDepartmentIds, editDepartmentCharger (`POST`, signed body) and
//! getDepartmentByCorpDepartmentId (`GET`, signed query), against the mock.

use bindery::mingdao::department::{
    EditDepartmentChargerRequest, GetDepartmentByCorpDepartmentIdRequest,
    GetDepartmentRelationByDepartmentIdsRequest, GetDepartmentRelationsRequest,
    RemoveDepartmentRelationByDepartmentIdsRequest, RemoveDepartmentRelationsRequest,
    SyncAllDepartmentsRequest, UpsertDepartmentRequest,
};
use bindery::mingdao::types::Department;
use bindery_mock::Reply;
use serde_json::{Value, json};

use super::{
    Sent, assert_invalid, assert_vendor_error, failed_call, refused_before_io, signed_call,
    success_envelope,
};

#[tokio::test]
async fn sync_all_departments_sends_the_whole_tree() {
    let request = SyncAllDepartmentsRequest::new(vec![
        Department::new("d-root", "总部").order(1),
        Department::new("d-sales", "销售部")
            .parent_id("d-root")
            .order(9_007_199_254_740_993),
    ]);
    let response = signed_call(
        &request,
        "department/syncAllDepartments",
        json!({"code": 1, "message": "", "data": true}),
        Sent::Body(json!({
            "departments": [
                {"corpDepartmentId": "d-root", "name": "总部", "order": 1},
                // `order` is a `long`: sent exactly, past 2^53.
                {"corpDepartmentId": "d-sales", "name": "销售部", "parentId": "d-root",
                 "order": 9_007_199_254_740_993_i64}
            ]
        })),
        async |client, request| client.sync_all_departments(request).await,
    )
    .await;
    let mut expected = success_envelope();
    expected.insert("data".into(), json!(true));
    assert_eq!(response.extra, expected);
}

#[tokio::test]
async fn sync_all_departments_refuses_an_empty_tree_before_io() {
    let request = SyncAllDepartmentsRequest::new(Vec::new());
    let error = refused_before_io(async |client| client.sync_all_departments(&request).await).await;
    assert_invalid(
        &error,
        "syncAllDepartments",
        "departments",
        "has 0 items, below minimum 1",
    );
}

#[tokio::test]
async fn upsert_department_sends_one_department_object() {
    let request =
        UpsertDepartmentRequest::new(Department::new("d-rd", "研发部").parent_id("d-root"));
    // Unset optional fields (`order`) are left out, not sent as null.
    let response = signed_call(
        &request,
        "department/upsertDepartment",
        json!({"code": 1, "message": ""}),
        Sent::Body(
            json!({"department": {"corpDepartmentId": "d-rd", "name": "研发部", "parentId": "d-root"}}),
        ),
        async |client, request| client.upsert_department(request).await,
    )
    .await;
    assert_eq!(response.extra, success_envelope());
}

#[tokio::test]
async fn get_department_relations_sends_is_number_and_keeps_relation_keys() {
    let relation = json!({"corpDepartmentId": "2", "departmentId": "md-dep-2", "projectId": "p"});
    let request = GetDepartmentRelationsRequest::new(vec!["2".into(), "3".into()]).is_number(true);
    let response = signed_call(
        &request,
        "department/getDepartmentRelations",
        json!({"data": [relation.clone()], "code": 1, "message": ""}),
        Sent::Body(json!({"corpDepartmentIds": ["2", "3"], "isNumber": true})),
        async |client, request| client.get_department_relations(request).await,
    )
    .await;
    let data = response.data.expect("data");
    assert_eq!(data.len(), 1);
    // DepartmentRelation's fields are cut off the page: every key is kept as sent.
    assert_eq!(Value::Object(data[0].extra.clone()), relation);
}

#[tokio::test]
async fn get_department_relation_by_department_ids_sends_the_ids() {
    let response = signed_call(
        &GetDepartmentRelationByDepartmentIdsRequest::new(vec!["md-dep-2".into()]),
        "department/getDepartmentRelationByDepartmentIds",
        json!({"data": [], "code": 1, "message": ""}),
        Sent::Body(json!({"departmentIds": ["md-dep-2"]})),
        async |client, request| {
            client
                .get_department_relation_by_department_ids(request)
                .await
        },
    )
    .await;
    assert_eq!(response.data, Some(Vec::new()));
}

#[tokio::test]
async fn remove_department_relations_sends_the_corp_ids_and_decodes_data() {
    let response = signed_call(
        &RemoveDepartmentRelationsRequest::new(vec!["d-1".into(), "d-2".into()]),
        "department/removeDepartmentRelations",
        json!({"data": true, "code": 1, "message": ""}),
        Sent::Body(json!({"corpDepartmentIds": ["d-1", "d-2"]})),
        async |client, request| client.remove_department_relations(request).await,
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn department_family_vendor_error_is_error_vendor() {
    // `{"code": 10001, "message": "错误描述"}`: the default envelope.
    let error = failed_call(
        &RemoveDepartmentRelationsRequest::new(vec!["d-1".into()]),
        Reply::error("10001", "错误描述"),
        async |client, request| client.remove_department_relations(request).await,
    )
    .await;
    assert_vendor_error(&error, "removeDepartmentRelations", "10001", "错误描述");
}

#[tokio::test]
async fn remove_department_relation_by_department_ids_sends_the_ids() {
    let response = signed_call(
        &RemoveDepartmentRelationByDepartmentIdsRequest::new(vec!["md-dep-2".into()]),
        "department/removeDepartmentRelationByDepartmentIds",
        json!({"data": true, "code": 1, "message": ""}),
        Sent::Body(json!({"departmentIds": ["md-dep-2"]})),
        async |client, request| {
            client
                .remove_department_relation_by_department_ids(request)
                .await
        },
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn edit_department_charger_sends_the_heads() {
    // `isNumber` was not set, so it is not sent.
    let response = signed_call(
        &EditDepartmentChargerRequest::new("d-rd", vec!["u-1".into(), "u-2".into()]),
        "department/editDepartmentCharger",
        json!({"code": 1, "message": "", "data": true}),
        Sent::Body(json!({"corpDepartmentId": "d-rd", "chargeCorpUserIds": ["u-1", "u-2"]})),
        async |client, request| client.edit_department_charger(request).await,
    )
    .await;
    assert_eq!(response.extra.get("data"), Some(&json!(true)));
}

#[tokio::test]
async fn get_department_by_corp_department_id_signs_the_query() {
    let department = json!({"departmentId": "md-dep-2", "departmentName": "销售部"});
    let request = GetDepartmentByCorpDepartmentIdRequest::new("2").is_number(true);
    // The query's `isNumber=true` is a boolean to the request type; `corpDepartmentId=2` text.
    let response = signed_call(
        &request,
        "department/getDepartmentByCorpDepartmentId",
        json!({"data": department.clone(), "code": 1, "message": ""}),
        Sent::Query(json!({"corpDepartmentId": "2", "isNumber": true})),
        async |client, request| client.get_department_by_corp_department_id(request).await,
    )
    .await;
    assert_eq!(response.extra.get("data"), Some(&department));
}
