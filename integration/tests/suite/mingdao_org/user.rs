//! `bindery::mingdao::user`: upsertUsers, removeUser, addUserRelation,
//! removeUserRelationByAccountIds (`POST`, signed body) and getUserRelation, getUser (`GET`,
//! signed query), against the mock.

use bindery::mingdao::user::{
    AddUserRelationRequest, GetUserRelationRequest, GetUserRequest,
    RemoveUserRelationByAccountIdsRequest, RemoveUserRequest, UpsertUsersRequest, User,
};
use bindery_mock::Reply;
use serde_json::json;

use super::{
    PROJECT_ID, Sent, answer, assert_decode_error, assert_invalid, assert_refused_on_public_cloud,
    assert_vendor_error, failed_call, refused_before_io, signed_call, success_envelope,
};

#[tokio::test]
async fn upsert_users_sends_every_user_and_keeps_the_undocumented_answer() {
    let request = UpsertUsersRequest::new(vec![
        User::new("wecom-zhangsan", "张三", "zhangsan@example.com", ""),
        User::new("wecom-lisi", "李四", "", "13800000000").extra_field("jobNumber", "A-007"),
    ]);
    let response = signed_call(
        &request,
        "user/upsertUsers",
        json!({"code": 1, "message": ""}),
        Sent::Body(json!({
            "users": [
                {"corpUserId": "wecom-zhangsan", "name": "张三",
                 "email": "zhangsan@example.com", "mobilePhone": ""},
                {"corpUserId": "wecom-lisi", "name": "李四", "email": "",
                 "mobilePhone": "13800000000", "jobNumber": "A-007"}
            ]
        })),
        async |client, request| client.upsert_users(request).await,
    )
    .await;
    // The page documents no answer: the whole envelope is kept.
    assert_eq!(response.extra, success_envelope());
}

#[tokio::test]
async fn upsert_users_refuses_empty_and_oversized_batches_before_io() {
    let error = refused_before_io(async |client| {
        client
            .upsert_users(&UpsertUsersRequest::new(Vec::new()))
            .await
    })
    .await;
    assert_invalid(
        &error,
        "upsertUsers",
        "users",
        "has 0 items, below minimum 1",
    );

    let users: Vec<User> = (0..501)
        .map(|i| User::new(format!("u-{i}"), "n", format!("u{i}@example.com"), ""))
        .collect();
    let request = UpsertUsersRequest::new(users);
    let error = refused_before_io(async |client| client.upsert_users(&request).await).await;
    assert_invalid(
        &error,
        "upsertUsers",
        "users",
        "has 501 items, exceeding maximum 500",
    );
}

#[tokio::test]
async fn remove_user_sends_the_corp_user_id_and_decodes_data() {
    let response = signed_call(
        &RemoveUserRequest::new("wecom-zhangsan"),
        "user/removeUser",
        json!({"data": true, "code": 1, "message": ""}),
        Sent::Body(json!({"corpUserId": "wecom-zhangsan"})),
        async |client, request| client.remove_user(request).await,
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn user_family_vendor_error_is_error_vendor() {
    // `{"code": 10001, "message": "错误描述"}`: the user family's envelope.
    let error = failed_call(
        &RemoveUserRequest::new("wecom-zhangsan"),
        Reply::error("10001", "错误描述"),
        async |client, request| client.remove_user(request).await,
    )
    .await;
    assert_vendor_error(&error, "removeUser", "10001", "错误描述");
}

#[tokio::test]
async fn add_user_relation_sends_both_ids_and_decodes_data() {
    let response = signed_call(
        &AddUserRelationRequest::new("dingtalk-李四", "acc-2"),
        "user/addUserRelation",
        json!({"data": true, "code": 1, "message": ""}),
        Sent::Body(json!({"corpUserId": "dingtalk-李四", "accountId": "acc-2"})),
        async |client, request| client.add_user_relation(request).await,
    )
    .await;
    assert!(response.data);
}

#[tokio::test]
async fn remove_user_relation_by_account_ids_sends_the_ids() {
    let request = RemoveUserRelationByAccountIdsRequest::new(vec!["acc-1".into(), "acc-2".into()]);
    let response = signed_call(
        &request,
        "user/removeUserRelationByAccountIds",
        json!({"data": false, "code": 1, "message": ""}),
        Sent::Body(json!({"accountIds": ["acc-1", "acc-2"]})),
        async |client, request| client.remove_user_relation_by_account_ids(request).await,
    )
    .await;
    assert!(!response.data, "data false must decode as false");
}

#[tokio::test]
async fn get_user_relation_signs_the_query_and_decodes_one_relation() {
    // The id's space and `&` arrive intact: the query is encoded.
    let response = signed_call(
        &GetUserRelationRequest::new("wecom zhang&san"),
        "user/getUserRelation",
        json!({
            "data": {"corpUserId": "wecom zhang&san", "projectId": PROJECT_ID, "accountId": "acc-1"},
            "code": 1,
            "message": ""
        }),
        Sent::Query(json!({"corpUserId": "wecom zhang&san"})),
        async |client, request| client.get_user_relation(request).await,
    )
    .await;
    let data = response.data.expect("data");
    assert_eq!(data.corp_user_id.as_deref(), Some("wecom zhang&san"));
    assert_eq!(data.project_id.as_deref(), Some(PROJECT_ID));
    assert_eq!(data.account_id.as_deref(), Some("acc-1"));
}

#[tokio::test]
async fn get_user_signs_the_query_and_keeps_undocumented_user_fields() {
    let response = signed_call(
        &GetUserRequest::new("acc-1"),
        "user/getUser",
        json!({
            "data": {"accountId": "acc-1", "fullname": "张三", "mobilePhone": "13800000000"},
            "code": 1,
            "message": ""
        }),
        Sent::Query(json!({"accountId": "acc-1"})),
        async |client, request| client.get_user(request).await,
    )
    .await;
    let user = response.data.expect("data");
    assert_eq!(user.account_id.as_deref(), Some("acc-1"));
    assert_eq!(user.fullname.as_deref(), Some("张三"));
    // The page is cut off after `fullname`; what it hides is kept, not dropped.
    assert_eq!(user.extra.get("mobilePhone"), Some(&json!("13800000000")));
    assert_eq!(user.extra.len(), 1);
}

#[tokio::test]
async fn get_user_wrong_type_is_error_decode_with_path() {
    let error = failed_call(
        &GetUserRequest::new("acc-1"),
        answer(&json!({"data": {"accountId": 42}, "code": 1, "message": ""})),
        async |client, request| client.get_user(request).await,
    )
    .await;
    assert_decode_error(&error, "getUser", "data.accountId");
}

#[tokio::test]
async fn private_deployment_user_calls_are_refused_on_the_public_cloud() {
    let remove = RemoveUserRequest::new("u");
    assert_refused_on_public_cloud("removeUser", async |c| c.remove_user(&remove).await).await;
    let upsert = UpsertUsersRequest::new(vec![User::new("u", "n", "e", "")]);
    assert_refused_on_public_cloud("upsertUsers", async |c| c.upsert_users(&upsert).await).await;
    let add = AddUserRelationRequest::new("u", "a");
    assert_refused_on_public_cloud("addUserRelation", async |c| c.add_user_relation(&add).await)
        .await;
    let get = GetUserRequest::new("a");
    assert_refused_on_public_cloud("getUser", async |c| c.get_user(&get).await).await;
    let unlink = RemoveUserRelationByAccountIdsRequest::new(vec!["a".into()]);
    assert_refused_on_public_cloud("removeUserRelationByAccountIds", async |c| {
        c.remove_user_relation_by_account_ids(&unlink).await
    })
    .await;
}
