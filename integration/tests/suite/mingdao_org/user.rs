//! `bindery::mingdao::user`: upsertUsers, removeUser, addUserRelation,
//! removeUserRelationByAccountIds (`POST`, signed body) and getUserRelation, getUser (`GET`,
//! signed query).

use bindery::mingdao::user::{
    AddUserRelationRequest, GetUserRelationRequest, GetUserRequest,
    RemoveUserRelationByAccountIdsRequest, RemoveUserRequest, UpsertUsersRequest, User,
};
use serde_json::json;

use super::{
    assert_invalid, assert_refused_on_public_cloud, assert_signed_get, assert_signed_post,
    assert_vendor_error, client, mount, now, public_cloud_client, route, success_envelope,
};
use crate::common;

#[tokio::test]
async fn upsert_users_sends_every_user_and_keeps_the_undocumented_answer() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/upsertUsers");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"code": 1, "message": ""}),
    )
    .await;

    let request = UpsertUsersRequest::new(vec![
        User::new("wecom-zhangsan", "张三", "zhangsan@example.com", ""),
        User::new("wecom-lisi", "李四", "", "13800000000").extra_field("jobNumber", "A-007"),
    ]);
    let before = now();
    let response = client(&server)
        .upsert_users(&request)
        .await
        .expect("upsert");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({
            "users": [
                {"corpUserId": "wecom-zhangsan", "name": "张三",
                 "email": "zhangsan@example.com", "mobilePhone": ""},
                {"corpUserId": "wecom-lisi", "name": "李四", "email": "",
                 "mobilePhone": "13800000000", "jobNumber": "A-007"}
            ]
        }),
        before,
        after,
    )
    .await;
    // The page documents no answer: the whole envelope is kept.
    assert_eq!(response.extra, success_envelope());
}

#[tokio::test]
async fn upsert_users_refuses_empty_and_oversized_batches_before_io() {
    let server = common::silent_server().await;
    let client = client(&server);

    let error = client
        .upsert_users(&UpsertUsersRequest::new(Vec::new()))
        .await
        .unwrap_err();
    assert_invalid(
        &error,
        "upsertUsers",
        "users",
        "has 0 items, below minimum 1",
    );

    let users = (0..501)
        .map(|i| User::new(format!("u-{i}"), "n", format!("u{i}@example.com"), ""))
        .collect();
    let error = client
        .upsert_users(&UpsertUsersRequest::new(users))
        .await
        .unwrap_err();
    assert_invalid(
        &error,
        "upsertUsers",
        "users",
        "has 501 items, exceeding maximum 500",
    );

    server.verify().await;
    common::assert_nothing_received(&server).await;
}

#[tokio::test]
async fn remove_user_sends_the_corp_user_id_and_decodes_data() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/removeUser");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"data": true, "code": 1, "message": ""}),
    )
    .await;

    let before = now();
    let response = client(&server)
        .remove_user(&RemoveUserRequest::new("wecom-zhangsan"))
        .await
        .expect("remove");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({"corpUserId": "wecom-zhangsan"}),
        before,
        after,
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn user_family_vendor_error_is_error_vendor() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/removeUser");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"code": 10001, "message": "错误描述"}),
    )
    .await;

    let error = client(&server)
        .remove_user(&RemoveUserRequest::new("wecom-zhangsan"))
        .await
        .unwrap_err();
    assert_vendor_error(&error, "removeUser", "10001", "错误描述");
}

#[tokio::test]
async fn add_user_relation_sends_both_ids_and_decodes_data() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/addUserRelation");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"data": true, "code": 1, "message": ""}),
    )
    .await;

    let before = now();
    let response = client(&server)
        .add_user_relation(&AddUserRelationRequest::new("dingtalk-李四", "acc-2"))
        .await
        .expect("add");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({"corpUserId": "dingtalk-李四", "accountId": "acc-2"}),
        before,
        after,
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn remove_user_relation_by_account_ids_sends_the_ids() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/removeUserRelationByAccountIds");
    mount(
        &server,
        "POST",
        &endpoint,
        json!({"data": false, "code": 1, "message": ""}),
    )
    .await;

    let request = RemoveUserRelationByAccountIdsRequest::new(vec!["acc-1".into(), "acc-2".into()]);
    let before = now();
    let response = client(&server)
        .remove_user_relation_by_account_ids(&request)
        .await
        .expect("remove relations");
    let after = now();

    assert_signed_post(
        &server,
        &endpoint,
        json!({"accountIds": ["acc-1", "acc-2"]}),
        before,
        after,
    )
    .await;
    assert!(!response.data, "data false must decode as false");
}

#[tokio::test]
async fn get_user_relation_signs_the_query_and_decodes_one_relation() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/getUserRelation");
    mount(
        &server,
        "GET",
        &endpoint,
        json!({
            "data": {"corpUserId": "wecom zhang&san", "projectId": super::PROJECT_ID, "accountId": "acc-1"},
            "code": 1,
            "message": ""
        }),
    )
    .await;

    let before = now();
    let response = client(&server)
        .get_user_relation(&GetUserRelationRequest::new("wecom zhang&san"))
        .await
        .expect("relation");
    let after = now();

    // The id's space and `&` arrive intact: the query is encoded.
    assert_signed_get(
        &server,
        &endpoint,
        &[("corpUserId", "wecom zhang&san")],
        before,
        after,
    )
    .await;
    let data = response.data.expect("data");
    assert_eq!(data.corp_user_id.as_deref(), Some("wecom zhang&san"));
    assert_eq!(data.project_id.as_deref(), Some(super::PROJECT_ID));
    assert_eq!(data.account_id.as_deref(), Some("acc-1"));
}

#[tokio::test]
async fn get_user_signs_the_query_and_keeps_undocumented_user_fields() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/getUser");
    mount(
        &server,
        "GET",
        &endpoint,
        json!({
            "data": {"accountId": "acc-1", "fullname": "张三", "mobilePhone": "13800000000"},
            "code": 1,
            "message": ""
        }),
    )
    .await;

    let before = now();
    let response = client(&server)
        .get_user(&GetUserRequest::new("acc-1"))
        .await
        .expect("user");
    let after = now();

    assert_signed_get(&server, &endpoint, &[("accountId", "acc-1")], before, after).await;
    let user = response.data.expect("data");
    assert_eq!(user.account_id.as_deref(), Some("acc-1"));
    assert_eq!(user.fullname.as_deref(), Some("张三"));
    // The page is cut off after `fullname`; what it hides is kept, not dropped.
    assert_eq!(user.extra.get("mobilePhone"), Some(&json!("13800000000")));
    assert_eq!(user.extra.len(), 1);
}

#[tokio::test]
async fn get_user_wrong_type_is_error_decode_with_path() {
    let server = wiremock::MockServer::start().await;
    let endpoint = route("user/getUser");
    mount(
        &server,
        "GET",
        &endpoint,
        json!({"data": {"accountId": 42}, "code": 1, "message": ""}),
    )
    .await;
    let error = client(&server)
        .get_user(&GetUserRequest::new("acc-1"))
        .await
        .unwrap_err();
    match &error {
        bindery::Error::Decode {
            provider,
            operation,
            path,
            ..
        } => {
            assert_eq!((*provider, *operation), ("mingdao", "getUser"));
            assert_eq!(path, "data.accountId");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn private_deployment_user_calls_are_refused_on_the_public_cloud() {
    let client = public_cloud_client();
    let error = client
        .remove_user(&RemoveUserRequest::new("u"))
        .await
        .unwrap_err();
    assert_refused_on_public_cloud(&error, "removeUser");
    let error = client
        .upsert_users(&UpsertUsersRequest::new(vec![User::new("u", "n", "e", "")]))
        .await
        .unwrap_err();
    assert_refused_on_public_cloud(&error, "upsertUsers");
    let error = client
        .add_user_relation(&AddUserRelationRequest::new("u", "a"))
        .await
        .unwrap_err();
    assert_refused_on_public_cloud(&error, "addUserRelation");
    let error = client
        .get_user(&GetUserRequest::new("a"))
        .await
        .unwrap_err();
    assert_refused_on_public_cloud(&error, "getUser");
    let error = client
        .remove_user_relation_by_account_ids(&RemoveUserRelationByAccountIdsRequest::new(vec![
            "a".into(),
        ]))
        .await
        .unwrap_err();
    assert_refused_on_public_cloud(&error, "removeUserRelationByAccountIds");
}
