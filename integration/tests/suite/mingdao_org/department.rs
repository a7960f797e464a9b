//! `bindery::mingdao::department`: syncAllDepartments, upsertDepartment,
//! getDepartmentRelations, getDepartmentRelationByDepartmentIds, removeDepartmentRelations,
//! removeDepartmentRelationByDepartmentIds, editDepartmentCharger (`POST`, signed body) and
//! getDepartmentByCorpDepartmentId (`GET`, signed query).

use bindery::mingdao::department::{
    EditDepartmentChargerRequest, GetDepartmentByCorpDepartmentIdRequest,
    GetDepartmentRelationByDepartmentIdsRequest, GetDepartmentRelationsRequest,
    RemoveDepartmentRelationByDepartmentIdsRequest, RemoveDepartmentRelationsRequest,
    SyncAllDepartmentsRequest, UpsertDepartmentRequest,
};
use bindery::mingdao::types::Department;
use serde_json::{Value, json};

use super::{
    assert_invalid, assert_signed_get, assert_signed_post, assert_vendor_error, client, mount, now,
    route, success_envelope,
};
use crate::common;

#[tokio::test]
async fn sync_all_departments_sends_the_whole_tree() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/syncAllDepartments");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"code": 1, "message": "", "data": true}),
    )
    .await;

    let request = SyncAllDepartmentsRequest::new(vec![
        Department::new("d-root", "总部").order(1),
        Department::new("d-sales", "销售部")
            .parent_id("d-root")
            .order(9_007_199_254_740_993),
    ]);
    let before = now();
    let response = client(&server)
        .sync_all_departments(&request)
        .await
        .expect("sync");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({
            "departments": [
                {"corpDepartmentId": "d-root", "name": "总部", "order": 1},
                // `order` is a `long`: sent exactly, past 2^53.
                {"corpDepartmentId": "d-sales", "name": "销售部", "parentId": "d-root",
                 "order": 9_007_199_254_740_993_i64}
            ]
        }),
        before,
        after,
    )
    .await;
    let mut expected = success_envelope();
    expected.insert("data".into(), json!(true));
    assert_eq!(response.extra, expected);
}

#[tokio::test]
async fn sync_all_departments_refuses_an_empty_tree_before_io() {
    let server = common::silent_server().await;
    let error = client(&server)
        .sync_all_departments(&SyncAllDepartmentsRequest::new(Vec::new()))
        .await
        .unwrap_err();
    assert_invalid(
        &error,
        "syncAllDepartments",
        "departments",
        "has 0 items, below minimum 1",
    );
    server.verify().await;
    common::assert_nothing_received(&server).await;
}

#[tokio::test]
async fn upsert_department_sends_one_department_object() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/upsertDepartment");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"code": 1, "message": ""}),
    )
    .await;

    let request =
        UpsertDepartmentRequest::new(Department::new("d-rd", "研发部").parent_id("d-root"));
    let before = now();
    let response = client(&server)
        .upsert_department(&request)
        .await
        .expect("upsert");
    let after = now();

    // Unset optional fields (`order`) are left out, not sent as null.
    assert_signed_post(
        &server,
        &endpoint,
        json!({"department": {"corpDepartmentId": "d-rd", "name": "研发部", "parentId": "d-root"}}),
        before,
        after,
    )
    .await;
    assert_eq!(response.extra, success_envelope());
}

#[tokio::test]
async fn get_department_relations_sends_is_number_and_keeps_relation_keys() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/getDepartmentRelations");
    let relation = json!({"corpDepartmentId": "2", "departmentId": "md-dep-2", "projectId": "p"});
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"data": [relation.clone()], "code": 1, "message": ""}),
    )
    .await;

    let request = GetDepartmentRelationsRequest::new(vec!["2".into(), "3".into()]).is_number(true);
    let before = now();
    let response = client(&server)
        .get_department_relations(&request)
        .await
        .expect("relations");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({"corpDepartmentIds": ["2", "3"], "isNumber": true}),
        before,
        after,
    )
    .await;
    let data = response.data.expect("data");
    assert_eq!(data.len(), 1);
    // DepartmentRelation's fields are cut off the page: every key is kept as sent.
    assert_eq!(Value::Object(data[0].extra.clone()), relation);
}

#[tokio::test]
async fn get_department_relation_by_department_ids_sends_the_ids() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/getDepartmentRelationByDepartmentIds");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"data": [], "code": 1, "message": ""}),
    )
    .await;

    let request = GetDepartmentRelationByDepartmentIdsRequest::new(vec!["md-dep-2".into()]);
    let before = now();
    let response = client(&server)
        .get_department_relation_by_department_ids(&request)
        .await
        .expect("relations");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({"departmentIds": ["md-dep-2"]}),
        before,
        after,
    )
    .await;
    assert_eq!(response.data, Some(Vec::new()));
}

#[tokio::test]
async fn remove_department_relations_sends_the_corp_ids_and_decodes_data() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/removeDepartmentRelations");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"data": true, "code": 1, "message": ""}),
    )
    .await;

    let request = RemoveDepartmentRelationsRequest::new(vec!["d-1".into(), "d-2".into()]);
    let before = now();
    let response = client(&server)
        .remove_department_relations(&request)
        .await
        .expect("remove");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({"corpDepartmentIds": ["d-1", "d-2"]}),
        before,
        after,
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn department_family_vendor_error_is_error_vendor() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/removeDepartmentRelations");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"code": 10001, "message": "错误描述"}),
    )
    .await;

    let error = client(&server)
        .remove_department_relations(&RemoveDepartmentRelationsRequest::new(vec!["d-1".into()]))
        .await
        .unwrap_err();
    assert_vendor_error(&error, "removeDepartmentRelations", "10001", "错误描述");
}

#[tokio::test]
async fn remove_department_relation_by_department_ids_sends_the_ids() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/removeDepartmentRelationByDepartmentIds");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"data": true, "code": 1, "message": ""}),
    )
    .await;

    let request = RemoveDepartmentRelationByDepartmentIdsRequest::new(vec!["md-dep-2".into()]);
    let before = now();
    let response = client(&server)
        .remove_department_relation_by_department_ids(&request)
        .await
        .expect("remove");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({"departmentIds": ["md-dep-2"]}),
        before,
        after,
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn edit_department_charger_sends_the_heads() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/editDepartmentCharger");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"code": 1, "message": "", "data": true}),
    )
    .await;

    let request = EditDepartmentChargerRequest::new("d-rd", vec!["u-1".into(), "u-2".into()]);
    let before = now();
    let response = client(&server)
        .edit_department_charger(&request)
        .await
        .expect("edit");
    let after = now();

    // `isNumber` was not set, so it is not sent.
    assert_signed_post(
        &server,
        &endpoint,
        json!({"corpDepartmentId": "d-rd", "chargeCorpUserIds": ["u-1", "u-2"]}),
        before,
        after,
    )
    .await;
    assert_eq!(response.extra.get("data"), Some(&json!(true)));
}

#[tokio::test]
async fn get_department_by_corp_department_id_signs_the_query() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("department/getDepartmentByCorpDepartmentId");
    let department = json!({"departmentId": "md-dep-2", "departmentName": "销售部"});
    mount(
        &server,
        "GET",
        &endpoint,
        json!({"data": department.clone(), "code": 1, "message": ""}),
    )
    .await;

    let request = GetDepartmentByCorpDepartmentIdRequest::new("2").is_number(true);
    let before = now();
    let response = client(&server)
        .get_department_by_corp_department_id(&request)
        .await
        .expect("department");
    let after = now();

    assert_signed_get(
        &server,
        &endpoint,
        &[("corpDepartmentId", "2"), ("isNumber", "true")],
        before,
        after,
    )
    .await;
    assert_eq!(response.extra.get("data"), Some(&department));
}
