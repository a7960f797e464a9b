//! Messages (`message`), to-dos (`todo`) and workflow tasks (`approval`): all header-scheme
//! calls; exact bodies (the `const` `msgType` included), decoded answers, vendor errors, and the
//! request rules checked before anything is sent.

use bindery::fxiaoke::approval::{CompleteTaskData, CompleteTaskRequest};
use bindery::fxiaoke::message::{
    Article, ArticleContentType, RevokeMessageRequest, SendArticlesMessageRequest,
    SendTextMessageRequest, TextContent,
};
use bindery::fxiaoke::todo::{
    GetTodoViewListRequest, GetUserTodoStatsRequest, TodoStatsApp, TodoStatsData, TodoViewApp,
    TodoViewListData,
};

use super::errors::assert_vendor_error;
use super::*;

fn envelope_ok() -> Value {
    json!({
        "traceId": "E-O.827xxxxxx",
        "errorDescription": "success",
        "errorMessage": "OK",
        "errorCode": 0
    })
}

fn recipients() -> Vec<String> {
    vec!["TOUSER1".to_owned(), "TOUSER2".to_owned()]
}

/// `InvalidRequest` for `operation` at `field` with `rule`, and nothing sent.
async fn assert_refused(
    server: &MockServer,
    error: &bindery::Error,
    operation: &str,
    field: &str,
    rule: &str,
) {
    match error {
        bindery::Error::InvalidRequest {
            provider,
            operation: op,
            field: f,
            rule: r,
        } => {
            assert_eq!((*provider, *op), ("fxiaoke", operation));
            assert_eq!(f, field);
            assert_eq!(r, rule);
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(error.is_local());
    assert!(received(server).await.is_empty(), "nothing may be sent");
}

#[tokio::test]
async fn send_text_message_sends_the_const_type_with_header_scheme() {
    let server = MockServer::start().await;
    mount(&server, "/cgi/message/send", 200, envelope_ok(), 1).await;

    let request =
        SendTextMessageRequest::new(recipients()).text(TextContent::new("This is a text message"));
    let response = client(&server)
        .send_text_message(&request)
        .await
        .expect("text message");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/message/send");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({
            "toUser": ["TOUSER1", "TOUSER2"],
            "msgType": "text",
            "text": {"content": "This is a text message"}
        })
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn send_text_message_without_text_still_sends_msg_type() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/message/send",
        200,
        json!({"errorCode": 0, "errorMessage": "OK"}),
        1,
    )
    .await;

    let response = client(&server)
        .send_text_message(&SendTextMessageRequest::new(vec!["FSUID_1".to_owned()]))
        .await
        .expect("text message");

    let sent = only_request(&server).await;
    assert_eq!(
        body_json(&sent),
        json!({"toUser": ["FSUID_1"], "msgType": "text"})
    );
    assert_eq!(response.request_id, None);
}

#[tokio::test]
async fn send_text_message_refuses_more_than_500_recipients() {
    let server = common::silent_server().await;
    let many: Vec<String> = (0..501).map(|i| format!("FSUID_{i}")).collect();
    let error = client(&server)
        .send_text_message(&SendTextMessageRequest::new(many))
        .await
        .unwrap_err();
    assert_refused(
        &server,
        &error,
        "messageSendText",
        "toUser",
        "has 501 items, exceeding maximum 500",
    )
    .await;
}

#[tokio::test]
async fn send_text_message_vendor_error_is_typed() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/message/send",
        200,
        json!({"errorCode": 30027, "errorMessage": "employee not found", "traceId": "E-O.msg1"}),
        1,
    )
    .await;
    let error = client(&server)
        .send_text_message(&SendTextMessageRequest::new(recipients()))
        .await
        .unwrap_err();
    assert_vendor_error(
        &error,
        "messageSendText",
        "30027",
        "employee not found",
        Some("E-O.msg1"),
    );
}

fn page_articles() -> Vec<Article> {
    vec![
        Article::new(
            "This is a title",
            "mediaId",
            ArticleContentType::Text,
            "This is the article content",
        )
        .author("Author")
        .description("This is a sample article")
        .cover_image_in_content(true),
        Article::new(
            "This is a title",
            "mediaId",
            ArticleContentType::Url,
            "www.aaa.com",
        )
        .author("Author")
        .description("This is a redirect sample"),
    ]
}

#[tokio::test]
async fn send_articles_message_sends_the_page_example_exactly() {
    let server = MockServer::start().await;
    mount(&server, "/cgi/message/send", 200, envelope_ok(), 1).await;

    let request = SendArticlesMessageRequest::new(recipients(), page_articles());
    let response = client(&server)
        .send_articles_message(&request)
        .await
        .expect("articles message");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/message/send");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({
            "toUser": ["TOUSER1", "TOUSER2"],
            "msgType": "articles",
            "articles": [
                {
                    "title": "This is a title",
                    "author": "Author",
                    "description": "This is a sample article",
                    "coverImage": "mediaId",
                    "coverImageInContent": true,
                    "type": "TEXT",
                    "content": "This is the article content"
                },
                {
                    "title": "This is a title",
                    "author": "Author",
                    "description": "This is a redirect sample",
                    "coverImage": "mediaId",
                    "type": "URL",
                    "content": "www.aaa.com"
                }
            ]
        })
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn send_articles_message_checks_the_page_limits_before_sending() {
    let server = common::silent_server().await;
    let mut articles = page_articles();
    articles[1].title = "x".repeat(46);
    let error = client(&server)
        .send_articles_message(&SendArticlesMessageRequest::new(recipients(), articles))
        .await
        .unwrap_err();
    assert_refused(
        &server,
        &error,
        "messageSendArticles",
        "articles[1].title",
        "length 46 exceeds maximum 45",
    )
    .await;

    let eight: Vec<Article> = (0..8)
        .map(|i| Article::new(format!("t{i}"), "mediaId", ArticleContentType::Text, "c"))
        .collect();
    let error = client(&server)
        .send_articles_message(&SendArticlesMessageRequest::new(recipients(), eight))
        .await
        .unwrap_err();
    assert_refused(
        &server,
        &error,
        "messageSendArticles",
        "articles",
        "has 8 items, exceeding maximum 7",
    )
    .await;
}

#[tokio::test]
async fn revoke_message_sends_both_ids() {
    let server = MockServer::start().await;
    mount(&server, "/cgi/app/message/revoke", 200, envelope_ok(), 1).await;

    let response = client(&server)
        .revoke_message(&RevokeMessageRequest::new("FSAID_service", "msg-42"))
        .await
        .expect("revoke");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/app/message/revoke");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({"serviceId": "FSAID_service", "messageId": "msg-42"})
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn get_todo_view_list_nests_the_filters_in_data() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/special/getTodoViewList",
        200,
        json!({
            "traceId": "E-O.827xxxxxx",
            "data": {"todoDealViewList": [{"id": "t1"}], "count": 1},
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0
        }),
        1,
    )
    .await;

    let data = TodoViewListData::new()
        .app(TodoViewApp::Crm)
        .biz_type("452")
        .page_size(1)
        .need_stats(true)
        .deal_time_stamp(1_619_712_000_000)
        .last_read_time_stamp_map(1_619_712_000_001);
    let response = client(&server)
        .get_todo_view_list(&GetTodoViewListRequest::new(data))
        .await
        .expect("todo list");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/special/getTodoViewList");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({"data": {
            "app": "CRM",
            "bizType": "452",
            "pageSize": 1,
            "needStats": true,
            "dealTimeStamp": 1_619_712_000_000i64,
            "lastReadTimeStampMap": 1_619_712_000_001i64
        }})
    );
    assert_eq!(
        response.data,
        Some(json!({"todoDealViewList": [{"id": "t1"}], "count": 1}))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn get_todo_view_list_sends_an_empty_data_map_when_nothing_is_set() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/special/getTodoViewList",
        200,
        json!({"errorCode": 0, "errorMessage": "OK"}),
        1,
    )
    .await;
    let response = client(&server)
        .get_todo_view_list(&GetTodoViewListRequest::new(TodoViewListData::new()))
        .await
        .expect("todo list");
    assert_eq!(body_json(&only_request(&server).await), json!({"data": {}}));
    assert_eq!(response.data, None);
}

#[tokio::test]
async fn get_user_todo_stats_decodes_counts_per_business_type() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/special/getUserTodoStats",
        200,
        json!({
            "traceId": "E-O.827xxxxxx",
            "data": [{
                "bizType": "452",
                "notReadCount": 3,
                "notDealCount": 5,
                "notDealTemporaryCount": 1,
                "extendCount": [
                    {"key": "452_notDeal", "notReadCount": 2, "notDealCount": 4},
                    {"key": "452_notDealTemporary", "notReadCount": 1, "notDealCount": 1}
                ]
            }],
            "errorDescription": "success",
            "errorMessage": "OK",
            "errorCode": 0
        }),
        1,
    )
    .await;

    let request = GetUserTodoStatsRequest::new(
        TodoStatsData::new()
            .app(TodoStatsApp::All)
            .biz_type(vec!["452".to_owned(), "457".to_owned()]),
    )
    .app_id("FSAID_app");
    let response = client(&server)
        .get_user_todo_stats(&request)
        .await
        .expect("todo stats");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/special/getUserTodoStats");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({"appId": "FSAID_app", "data": {"app": "ALL", "bizType": ["452", "457"]}})
    );

    let stats = response.data.expect("data");
    assert_eq!(stats.len(), 1);
    let first = &stats[0];
    assert_eq!(first.biz_type.as_deref(), Some("452"));
    assert_eq!(
        (
            first.not_read_count,
            first.not_deal_count,
            first.not_deal_temporary_count
        ),
        (Some(3), Some(5), Some(1))
    );
    let extend: Vec<(&str, Option<i32>, Option<i32>)> = first
        .extend_count
        .as_ref()
        .expect("extendCount")
        .iter()
        .map(|e| {
            (
                e.key.as_deref().unwrap(),
                e.not_read_count,
                e.not_deal_count,
            )
        })
        .collect();
    assert_eq!(
        extend,
        [
            ("452_notDeal", Some(2), Some(4)),
            ("452_notDealTemporary", Some(1), Some(1)),
        ]
    );
}

#[tokio::test]
async fn get_user_todo_stats_vendor_error_is_typed() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/special/getUserTodoStats",
        200,
        json!({"errorCode": 15003, "errorMessage": "no permission", "traceId": "E-O.todo1"}),
        1,
    )
    .await;
    let error = client(&server)
        .get_user_todo_stats(&GetUserTodoStatsRequest::new(TodoStatsData::new()))
        .await
        .unwrap_err();
    assert_vendor_error(
        &error,
        "getUserTodoStats",
        "15003",
        "no permission",
        Some("E-O.todo1"),
    );
}

#[tokio::test]
async fn complete_task_sends_the_task_id_in_data() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/special/object/completeTask",
        200,
        envelope_ok(),
        1,
    )
    .await;

    let response = client(&server)
        .complete_task(&CompleteTaskRequest::new(CompleteTaskData::new(
            "5f06cdb75f9da10001f5877b",
        )))
        .await
        .expect("complete task");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/special/object/completeTask");
    assert_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        json!({"data": {"taskId": "5f06cdb75f9da10001f5877b"}})
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.827xxxxxx"));
}

#[tokio::test]
async fn complete_task_vendor_error_is_typed() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/special/object/completeTask",
        200,
        json!({"errorCode": 32000, "errorMessage": "parameter error", "traceId": "E-O.task1"}),
        1,
    )
    .await;
    let error = client(&server)
        .complete_task(&CompleteTaskRequest::new(CompleteTaskData::new("nope")))
        .await
        .unwrap_err();
    assert_vendor_error(
        &error,
        "completeTask",
        "32000",
        "parameter error",
        Some("E-O.task1"),
    );
}
