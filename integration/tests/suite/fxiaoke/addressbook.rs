//! Address book (`addressbook`): the header scheme for `userSimpleList`, the body scheme for
//! `userGet` and `departmentDetail`; exact bodies, decoded people and departments, vendor
//! errors, and the request rules checked before anything is sent.

use bindery::fxiaoke::addressbook::{
    DepartmentDetailRequest, DepartmentStatus, UserGender, UserGetRequest, UserSimpleListRequest,
};
use bindery::fxiaoke::operations;
use bindery::runtime::AuthKind;

use super::*;

/// A vendor error of an address-book call, decoded to `Error::Vendor` with all its facts.
fn assert_address_book_error(
    error: &bindery::Error,
    operation: &str,
    code: &str,
    message: &str,
    request_id: &str,
) {
    assert!(
        matches!(error, bindery::Error::Vendor(_)),
        "expected Error::Vendor, got {error:?}"
    );
    let vendor = error.vendor().expect("vendor error");
    assert_eq!(vendor.provider, "fxiaoke");
    assert_eq!(vendor.operation, operation);
    assert_eq!(vendor.message, message);
    assert_eq!(error.vendor_code(), Some(code));
    assert_eq!(error.request_id(), Some(request_id));
    assert_eq!(error.http_status(), Some(200));
    assert!(!error.is_local());
    assert_error_hides(error, SECRETS);
}

#[tokio::test]
async fn user_simple_list_uses_header_scheme_and_decodes_members() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/user/simpleList",
        200,
        json!({
            "userList": [
                {"openUserId": "FSUID_39E2Bxxxxxxx", "name": "Xiao Ming", "nickName": "Xiao Ming"},
                {"openUserId": "FSUID_B4D44xxxxxxx", "name": "Xiao Hong", "nickName": "Xiao Hong"}
            ],
            "traceId": "E-O.827xxxxxx",
            "errorCode": 0,
            "errorMessage": "success",
            "errorDescription": "Success"
        }),
        1,
    )
    .await;

    let request = UserSimpleListRequest::new(1000).fetch_child(false);
    let response = client(&server)
        .user_simple_list(&request)
        .await
        .expect("simple list");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/user/simpleList");
    assert_header_scheme(&sent);
    // Exact: the header scheme adds nothing to the body.
    assert_eq!(
        body_json(&sent),
        json!({"departmentId": 1000, "fetchChild": false})
    );

    let users = response.user_list.expect("userList");
    let summary: Vec<(&str, &str, &str)> = users
        .iter()
        .map(|u| {
            (
                u.open_user_id.as_deref().unwrap(),
                u.name.as_deref().unwrap(),
                u.nick_name.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("FSUID_39E2Bxxxxxxx", "Xiao Ming", "Xiao Ming"),
            ("FSUID_B4D44xxxxxxx", "Xiao Hong", "Xiao Hong"),
        ]
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn user_simple_list_leaves_fetch_child_out_when_unset() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/user/simpleList",
        200,
        json!({"userList": [], "errorCode": 0, "errorMessage": "success"}),
        1,
    )
    .await;

    let response = client(&server)
        .user_simple_list(&UserSimpleListRequest::new(999999))
        .await
        .expect("whole company");

    let sent = only_request(&server).await;
    assert_eq!(body_json(&sent), json!({"departmentId": 999999}));
    assert_eq!(response.user_list.as_deref(), Some(&[][..]));
    assert_eq!(response.request_id, None);
}

#[tokio::test]
async fn user_simple_list_refuses_a_negative_department_before_sending() {
    let server = common::silent_server().await;
    let error = client(&server)
        .user_simple_list(&UserSimpleListRequest::new(-1))
        .await
        .unwrap_err();
    match &error {
        bindery::Error::InvalidRequest {
            provider,
            operation,
            field,
            rule,
        } => {
            assert_eq!((*provider, *operation), ("fxiaoke", "userSimpleList"));
            assert_eq!(field, "departmentId");
            assert_eq!(rule, "value -1 is below minimum 0");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(error.is_local());
    assert!(received(&server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn user_get_injects_body_scheme_and_decodes_the_employee() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/user/get",
        200,
        json!({
            "openUserId": "FSUID_XXXXXXXXXXXXXXXXXXX",
            "account": "Andson",
            "name": "Andson",
            "nickName": "Andy",
            "isStop": false,
            "email": "andson@example.com",
            "mobile": "18210000000",
            "gender": "M",
            "position": "PM",
            "profileImageUrl": "201502_09_99aa47b5-1f3",
            "departmentIds": [1077, 999999],
            "mainDepartmentId": 1077,
            "attachingDepartmentIds": [1088],
            "employeeNumber": "007",
            "hireDate": "2015-02-09",
            "birthDate": 631152000000i64,
            "createTime": 1423440000000i64,
            "leaderId": "FSUID_LEADER",
            "workPhone": "010-1234",
            "errorCode": 0,
            "errorMessage": "OK",
            "traceId": "E-O.user.1"
        }),
        1,
    )
    .await;

    let request = UserGetRequest::new("FSUID_XXXXXXXXXXXXXXXXXXX").show_department_ids_detail(true);
    let user = client(&server).user_get(&request).await.expect("user");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/user/get");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "openUserId": "FSUID_XXXXXXXXXXXXXXXXXXX",
            "showDepartmentIdsDetail": true
        }))
    );

    assert_eq!(
        user.open_user_id.as_deref(),
        Some("FSUID_XXXXXXXXXXXXXXXXXXX")
    );
    assert_eq!(user.account.as_deref(), Some("Andson"));
    assert_eq!(user.name.as_deref(), Some("Andson"));
    assert_eq!(user.nick_name.as_deref(), Some("Andy"));
    assert_eq!(user.is_stop, Some(false));
    assert_eq!(user.email.as_deref(), Some("andson@example.com"));
    assert_eq!(user.mobile.as_deref(), Some("18210000000"));
    assert_eq!(user.gender, Some(UserGender::Male));
    assert_eq!(user.position.as_deref(), Some("PM"));
    assert_eq!(
        user.profile_image_url.as_deref(),
        Some("201502_09_99aa47b5-1f3")
    );
    assert_eq!(user.department_ids.as_deref(), Some(&[1077, 999999][..]));
    assert_eq!(user.main_department_id, Some(1077));
    assert_eq!(user.attaching_department_ids.as_deref(), Some(&[1088][..]));
    assert_eq!(user.employee_number.as_deref(), Some("007"));
    // Untyped on the page: kept as the vendor sent them, string or number.
    assert_eq!(user.hire_date, Some(json!("2015-02-09")));
    assert_eq!(user.birth_date, Some(json!(631152000000i64)));
    assert_eq!(user.start_work_date, None);
    assert_eq!(user.create_time, Some(json!(1423440000000i64)));
    assert_eq!(user.leader_id, Some(json!("FSUID_LEADER")));
    assert_eq!(user.request_id.as_deref(), Some("E-O.user.1"));
    // The answer is documented only in part: an undocumented key is kept.
    assert_eq!(user.extra.get("workPhone"), Some(&json!("010-1234")));
}

#[tokio::test]
async fn user_get_unknown_gender_still_decodes() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/user/get",
        200,
        json!({"openUserId": "FSUID_1", "gender": "U", "errorCode": 0, "errorMessage": "OK"}),
        1,
    )
    .await;
    let user = client(&server)
        .user_get(&UserGetRequest::new("FSUID_1"))
        .await
        .expect("user");
    assert_eq!(user.gender, Some(UserGender::Unknown("U".into())));
    let sent = only_request(&server).await;
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({"openUserId": "FSUID_1"}))
    );
}

#[tokio::test]
async fn user_get_employee_not_found_is_a_vendor_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/user/get",
        200,
        json!({"errorCode": 30027, "errorMessage": "员工不存在", "traceId": "E-O.err.30027"}),
        1,
    )
    .await;
    let error = client(&server)
        .user_get(&UserGetRequest::new("FSUID_GONE"))
        .await
        .unwrap_err();
    assert_address_book_error(&error, "userGet", "30027", "员工不存在", "E-O.err.30027");
}

#[tokio::test]
async fn department_detail_injects_body_scheme_and_decodes_the_department() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/department/detail",
        200,
        json!({
            "department": {
                "enterpriseId": 2,
                "departmentId": 1077,
                "parentDepartmentId": 999999,
                "name": "技术中心",
                "nameSpell": "JISHUZHONGXIN",
                "nameOrder": "J#BCBC#CAF5#D6D0#D0C4",
                "departmentOrder": 20,
                "isStop": false,
                "stopTime": 1524035224500i64,
                "description": "",
                "keywords": [],
                "principalId": "FSUID_862B8A2AA77CDFDB8017D07B494612FA",
                "createTime": 946656000000i64,
                "updateTime": 1524035224500i64,
                "ancestors": [999999],
                "status": 1,
                "hideSuperWorkInfo": false,
                "childDepartmentIds": [1088]
            },
            "errorCode": 0,
            "errorMessage": "OK",
            "traceId": "E-O.dept.1"
        }),
        1,
    )
    .await;

    let response = client(&server)
        .department_detail(&DepartmentDetailRequest::new(1088))
        .await
        .expect("department");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/department/detail");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({"departmentId": 1088}))
    );

    let department = response.department.expect("department");
    assert_eq!(department.enterprise_id, Some(2));
    assert_eq!(department.department_id, Some(1077));
    assert_eq!(department.parent_department_id, Some(999999));
    assert_eq!(department.name.as_deref(), Some("技术中心"));
    assert_eq!(department.name_spell.as_deref(), Some("JISHUZHONGXIN"));
    assert_eq!(
        department.name_order.as_deref(),
        Some("J#BCBC#CAF5#D6D0#D0C4")
    );
    assert_eq!(department.department_order, Some(20));
    assert_eq!(department.is_stop, Some(false));
    assert_eq!(department.stop_time, Some(TimestampMs(1524035224500)));
    assert_eq!(department.description.as_deref(), Some(""));
    assert_eq!(department.keywords.as_deref(), Some(&[][..]));
    assert_eq!(
        department.principal_id.as_deref(),
        Some("FSUID_862B8A2AA77CDFDB8017D07B494612FA")
    );
    assert_eq!(department.create_time, Some(TimestampMs(946656000000)));
    assert_eq!(department.update_time, Some(TimestampMs(1524035224500)));
    assert_eq!(department.ancestors.as_deref(), Some(&[999999][..]));
    assert_eq!(department.status, Some(DepartmentStatus::Normal));
    assert_eq!(department.hide_super_work_info, Some(json!(false)));
    let extra_keys: Vec<&str> = department.extra.keys().map(String::as_str).collect();
    assert_eq!(extra_keys, ["childDepartmentIds"]);
    assert_eq!(response.request_id.as_deref(), Some("E-O.dept.1"));
}

#[tokio::test]
async fn department_status_values_decode_by_number() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/department/detail"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"department": {"status": 3}, "errorCode": 0, "errorMessage": "OK"}),
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount(
        &server,
        "/cgi/department/detail",
        200,
        json!({"department": {"status": 7}, "errorCode": 0, "errorMessage": "OK"}),
        1,
    )
    .await;
    let client = client(&server);
    let request = DepartmentDetailRequest::new(1);
    let deleted = client.department_detail(&request).await.expect("first");
    assert_eq!(
        deleted.department.and_then(|d| d.status),
        Some(DepartmentStatus::Deleted)
    );
    let unknown = client.department_detail(&request).await.expect("second");
    let status = unknown.department.and_then(|d| d.status).expect("status");
    assert_eq!(status, DepartmentStatus::Unknown(7));
    assert_eq!(status.as_i64(), 7);
    assert_eq!(DepartmentStatus::Stopped.as_i64(), 2);
}

#[tokio::test]
async fn department_not_found_is_a_vendor_error() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/department/detail",
        200,
        json!({
            "errorCode": 30007,
            "errorMessage": "部门不存在",
            "errorDescription": "department not found",
            "traceId": "E-O.err.30007"
        }),
        1,
    )
    .await;
    let error = client(&server)
        .department_detail(&DepartmentDetailRequest::new(424242))
        .await
        .unwrap_err();
    assert_address_book_error(
        &error,
        "departmentDetail",
        "30007",
        "部门不存在",
        "E-O.err.30007",
    );
}

#[test]
fn address_book_reads_are_idempotent_and_share_the_provider_rate_limit() {
    for (op, auth) in [
        (&operations::USER_SIMPLE_LIST, AuthKind::FxiaokeHeader),
        (&operations::USER_GET, AuthKind::FxiaokeBody),
        (&operations::DEPARTMENT_DETAIL, AuthKind::FxiaokeBody),
    ] {
        assert!(op.idempotent, "{} only reads", op.name);
        assert_eq!(op.auth, Some(auth), "{}", op.name);
        let limit = op.rate_limit.expect("rate limit");
        assert_eq!(
            (limit.requests, limit.per_seconds),
            (100, 20),
            "{}",
            op.name
        );
    }
}
