//! `bindery::mingdao::structure` (the reporting lines: getSubordinateIds by `GET`,
//! removeStructures and replaceStructure by `POST`), which answer in the `structure` envelope
//! (`{success, error_code, error_msg, data}`, `error_code == 1` and `success: true` on
//! success), and `bindery::mingdao::org_role::getOrgRoleAccounts` (`GET`, default envelope),
//! against the mock.

use bindery::mingdao::org_role::{GetOrgRoleAccountsRequest, RoleMember};
use bindery::mingdao::structure::{
    GetSubordinateIdsRequest, RemoveStructuresRequest, ReplaceStructureRequest,
};
use bindery_mock::Reply;
use serde_json::json;

use super::{
    Sent, answer, assert_decode_error, assert_invalid, assert_vendor_error, failed_call,
    refused_before_io, signed_call,
};

#[tokio::test]
async fn get_subordinate_ids_signs_the_query_and_reads_the_structure_envelope() {
    let response = signed_call(
        &GetSubordinateIdsRequest::new().superior_id("md-acc-1"),
        "open/structure/GetSubordinateIds",
        json!({"data": ["md-acc-2", "md-acc-3"], "error_code": 1, "success": true}),
        Sent::Query(json!({"superiorId": "md-acc-1"})),
        async |client, request| client.get_subordinate_ids(request).await,
    )
    .await;
    assert_eq!(response.data, ["md-acc-2", "md-acc-3"]);
}

#[tokio::test]
async fn get_subordinate_ids_without_a_superior_sends_only_the_signature() {
    let response = signed_call(
        &GetSubordinateIdsRequest::new(),
        "open/structure/GetSubordinateIds",
        json!({"data": ["md-top"], "error_code": 1, "error_msg": "", "success": true}),
        Sent::Query(json!({})),
        async |client, request| client.get_subordinate_ids(request).await,
    )
    .await;
    assert_eq!(response.data, ["md-top"]);
}

#[tokio::test]
async fn structure_failures_are_vendor_errors_by_their_own_code() {
    // `{"error_code": 10, "error_msg": "成员不存在", "success": false}`: the structure envelope.
    let error = failed_call(
        &ReplaceStructureRequest::new("a@example.com", "b@example.com"),
        Reply::error("10", "成员不存在"),
        async |client, request| client.replace_structure(request).await,
    )
    .await;
    assert_vendor_error(&error, "replaceStructure", "10", "成员不存在");
}

#[tokio::test]
async fn a_false_success_flag_fails_whatever_the_code_says() {
    let error = failed_call(
        &GetSubordinateIdsRequest::new(),
        answer(&json!({"data": [], "error_code": 1, "error_msg": "拒绝", "success": false})),
        async |client, request| client.get_subordinate_ids(request).await,
    )
    .await;
    assert!(
        error.vendor().is_some(),
        "expected Error::Vendor, got {error:?}"
    );
}

#[tokio::test]
async fn the_default_envelope_is_no_success_for_a_structure_endpoint() {
    // `{code: 1}` is the user endpoints' success; here it lacks the structure envelope's code.
    let error = failed_call(
        &GetSubordinateIdsRequest::new(),
        answer(&json!({"code": 1, "message": "", "data": ["md-acc-2"]})),
        async |client, request| client.get_subordinate_ids(request).await,
    )
    .await;
    assert_decode_error(&error, "getSubordinateIds", "error_code");
}

#[tokio::test]
async fn remove_structures_sends_the_members_and_keeps_the_ones_left() {
    let request =
        RemoveStructuresRequest::new(vec!["demo1@mingdao.com".into(), "13800000000".into()]);
    let response = signed_call(
        &request,
        "open/structure/removeStructures",
        json!({"data": ["demo1@mingdao.com"], "error_code": 1, "success": true}),
        Sent::Body(json!({"subordinates": ["demo1@mingdao.com", "13800000000"]})),
        async |client, request| client.remove_structures(request).await,
    )
    .await;
    assert_eq!(
        response.data.as_deref(),
        Some(&["demo1@mingdao.com".to_owned()][..])
    );
    // The plain success answer has no `data`.
    let response = signed_call(
        &request,
        "open/structure/removeStructures",
        json!({"error_code": 1, "success": true}),
        Sent::Body(json!({"subordinates": ["demo1@mingdao.com", "13800000000"]})),
        async |client, request| client.remove_structures(request).await,
    )
    .await;
    assert_eq!(response.data, None);
}

#[tokio::test]
async fn remove_structures_refuses_no_members_before_io() {
    let request = RemoveStructuresRequest::new(Vec::new());
    let error = refused_before_io(async |client| client.remove_structures(&request).await).await;
    assert_invalid(
        &error,
        "removeStructures",
        "subordinates",
        "has 0 items, below minimum 1",
    );
}

#[tokio::test]
async fn replace_structure_sends_both_members() {
    signed_call(
        &ReplaceStructureRequest::new("old@mingdao.com", "new@mingdao.com"),
        "open/structure/replaceStructure",
        json!({"error_code": 1, "success": true}),
        Sent::Body(
            json!({"preSubordinate": "old@mingdao.com", "newSubordinate": "new@mingdao.com"}),
        ),
        async |client, request| client.replace_structure(request).await,
    )
    .await;
}

#[tokio::test]
async fn get_org_role_accounts_signs_the_query_and_decodes_the_members() {
    let response = signed_call(
        &GetOrgRoleAccountsRequest::new("role-7"),
        "OrgRole/GetOrgRoleAccounts",
        json!({"code": 1, "message": "", "data": [
            {"corpUserId": "u-1", "accountId": "md-acc-1", "projectId": "p-1"},
            {"corpUserId": "", "accountId": "md-acc-2", "projectId": "p-1"}
        ]}),
        Sent::Query(json!({"corpOrgRoleId": "role-7"})),
        async |client, request| client.get_org_role_accounts(request).await,
    )
    .await;
    assert_eq!(
        response.data,
        [
            RoleMember::new()
                .corp_user_id("u-1")
                .account_id("md-acc-1")
                .project_id("p-1"),
            RoleMember::new()
                .corp_user_id("")
                .account_id("md-acc-2")
                .project_id("p-1"),
        ]
    );
}
