//! CRM V2 preset objects past create/update: invalidate, delete, recover and change owner, on
//! the body auth scheme. Exact bodies, the envelope-only answers, a vendor error, and what the
//! idempotency each spec decided means for retries.

use bindery::fxiaoke::crm::{
    ChangeOwnerData, DataChangeOwnerRequest, DataDeleteRequest, DataInvalidRequest,
    DataRecoverRequest, DeleteData, InvalidData, OwnerChange, RecoverData,
};
use bindery::fxiaoke::operations;
use bindery::runtime::RetryPolicy;

use super::errors::assert_vendor_error;
use super::*;

/// The envelope-only success answer of these endpoints (the vendor pages' example).
fn ok(trace_id: &str) -> Value {
    json!({
        "traceId": trace_id,
        "errorDescription": "success",
        "errorMessage": "OK",
        "errorCode": 0
    })
}

#[tokio::test]
async fn data_invalid_sends_one_id_in_the_body_scheme() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/invalid",
        200,
        ok("E-O.invalid.1"),
        1,
    )
    .await;

    let request = DataInvalidRequest::new(InvalidData::new(
        "5a9ce894f125ae9befxxxxxx",
        "CampaignMembersObj",
    ));
    let response = client(&server)
        .data_invalid(&request)
        .await
        .expect("invalid");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/invalid");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "object_data_id": "5a9ce894f125ae9befxxxxxx",
                "dataObjectApiName": "CampaignMembersObj"
            }
        }))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.invalid.1"));
}

#[tokio::test]
async fn data_delete_and_recover_send_id_lists() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/delete",
        200,
        ok("E-O.delete.1"),
        1,
    )
    .await;
    mount(
        &server,
        "/cgi/crm/v2/data/recover",
        200,
        ok("E-O.recover.1"),
        1,
    )
    .await;
    let client = client(&server);
    let ids = vec![
        "5d27fe3642639b00017160e8".to_owned(),
        "5d27f9466e048f00013ae503".to_owned(),
    ];

    let delete = DataDeleteRequest::new(DeleteData::new(ids.clone(), "AccountObj"));
    let deleted = client.data_delete(&delete).await.expect("delete");
    let recover = DataRecoverRequest::new(RecoverData::new(ids, "AccountObj"));
    let recovered = client.data_recover(&recover).await.expect("recover");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let expected = with_body_scheme(json!({
        "data": {
            "idList": ["5d27fe3642639b00017160e8", "5d27f9466e048f00013ae503"],
            "dataObjectApiName": "AccountObj"
        }
    }));
    for (sent, endpoint) in requests
        .iter()
        .zip(["/cgi/crm/v2/data/delete", "/cgi/crm/v2/data/recover"])
    {
        assert_fxiaoke_call(sent, endpoint);
        assert_no_header_scheme(sent);
        assert_eq!(body_json(sent), expected, "{endpoint}");
    }
    assert_eq!(deleted.request_id.as_deref(), Some("E-O.delete.1"));
    assert_eq!(recovered.request_id.as_deref(), Some("E-O.recover.1"));
}

#[tokio::test]
async fn data_delete_sends_an_empty_id_list_as_the_page_does() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/delete",
        200,
        ok("E-O.delete.2"),
        1,
    )
    .await;

    let request = DataDeleteRequest::new(DeleteData::new(vec![], "AccountObj"));
    client(&server).data_delete(&request).await.expect("delete");

    let sent = only_request(&server).await;
    assert_eq!(
        body_json(&sent)["data"],
        json!({"idList": [], "dataObjectApiName": "AccountObj"})
    );
}

#[tokio::test]
async fn data_change_owner_sends_capital_data_with_owner_lists() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/changeOwner",
        200,
        ok("E-O.owner.1"),
        1,
    )
    .await;

    let changes = vec![
        OwnerChange::new("88888888", vec!["FSUID_xx1".into()]),
        OwnerChange::new("99999999", vec!["FSUID_xx2".into()]),
    ];
    let request =
        DataChangeOwnerRequest::new(ChangeOwnerData::new("CampaignMembersObj").data(changes));
    let response = client(&server)
        .data_change_owner(&request)
        .await
        .expect("change owner");

    let sent = only_request(&server).await;
    assert_fxiaoke_call(&sent, "/cgi/crm/v2/data/changeOwner");
    assert_no_header_scheme(&sent);
    assert_eq!(
        body_json(&sent),
        with_body_scheme(json!({
            "data": {
                "dataObjectApiName": "CampaignMembersObj",
                "Data": [
                    {"objectDataId": "88888888", "ownerId": ["FSUID_xx1"]},
                    {"objectDataId": "99999999", "ownerId": ["FSUID_xx2"]}
                ]
            }
        }))
    );
    assert_eq!(response.request_id.as_deref(), Some("E-O.owner.1"));
}

#[tokio::test]
async fn data_change_owner_leaves_out_an_unset_data_list() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/changeOwner",
        200,
        ok("E-O.owner.2"),
        1,
    )
    .await;

    let request = DataChangeOwnerRequest::new(ChangeOwnerData::new("CampaignMembersObj"));
    client(&server)
        .data_change_owner(&request)
        .await
        .expect("change owner");

    let sent = only_request(&server).await;
    assert_eq!(
        body_json(&sent)["data"],
        json!({"dataObjectApiName": "CampaignMembersObj"})
    );
}

#[tokio::test]
async fn data_invalid_vendor_error_is_error_vendor() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/cgi/crm/v2/data/invalid",
        200,
        json!({
            "errorCode": 20016,
            "errorMessage": "corpAccessToken error",
            "traceId": "E-O.invalid.err"
        }),
        1,
    )
    .await;

    let request = DataInvalidRequest::new(InvalidData::new("5a9ce894", "CampaignMembersObj"));
    let error = client(&server).data_invalid(&request).await.unwrap_err();
    assert_vendor_error(
        &error,
        "dataInvalid",
        "20016",
        "corpAccessToken error",
        Some("E-O.invalid.err"),
    );
    assert_eq!(received(&server).await.len(), 1, "no retries");
}

/// Invalidate, delete, recover and change owner leave the same state when repeated (the specs
/// say why), so a "system busy" answer is tried again, up to the policy's attempts.
#[tokio::test]
async fn busy_answers_are_retried_for_the_idempotent_lifecycle_calls() {
    for operation in [
        &operations::DATA_INVALID,
        &operations::DATA_DELETE,
        &operations::DATA_RECOVER,
        &operations::DATA_CHANGE_OWNER,
    ] {
        assert!(
            operation.idempotent,
            "{} must be idempotent",
            operation.name
        );
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": -1,
            "errorMessage": "系统繁忙",
            "traceId": "E-O.busy"
        })))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(credentials())
        .timeout(CALL_TIMEOUT)
        .retry(RetryPolicy::default().with_base_delay(std::time::Duration::ZERO))
        .build()
        .expect("client builds");

    let request = DataDeleteRequest::new(DeleteData::new(vec!["5a9ce894".into()], "AccountObj"));
    let error = client.data_delete(&request).await.unwrap_err();
    assert_eq!(error.vendor_code(), Some("-1"), "{error:?}");
    let attempts = RetryPolicy::default().max_attempts() as usize;
    let requests = received(&server).await;
    assert_eq!(requests.len(), attempts);
    // Each attempt carries the same body and a fresh trace id.
    let traces: BTreeSet<Uuid> = requests
        .iter()
        .map(|r| assert_fxiaoke_call(r, "/cgi/crm/v2/data/delete"))
        .collect();
    assert_eq!(traces.len(), attempts, "a new thirdTraceId per attempt");
    for sent in &requests {
        assert_eq!(body_json(sent), body_json(&requests[0]));
    }
}
