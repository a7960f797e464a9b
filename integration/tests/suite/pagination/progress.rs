//! The progress checks of `data_query_stream` stop vendors that make no progress, never an
//! honest one: records deleted between two pages make the `total` shrink below the offset
//! already read, and the stream simply ends; a projection without the record key can make
//! two pages of different records look the same, and the stream goes on. And they cannot be
//! fooled by keys that are "after" the cursor only under a different order each page.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bindery::fxiaoke::crm::{DataQueryRequest, QueryData};
use bindery::fxiaoke::types::SearchQueryInfo;
use bindery::runtime::stream::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::client;
use crate::common;

/// Five records `r-0`…`r-4`; after the first page is served, all but `r-4` are deleted.
struct Shrinking {
    pages: Arc<AtomicUsize>,
}

impl Respond for Shrinking {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let served = self.pages.fetch_add(1, Ordering::SeqCst);
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let info = &body["data"]["search_query_info"];
        let offset = info["offset"].as_u64().unwrap_or(0) as usize;
        let limit = info["limit"].as_u64().unwrap_or(100) as usize;
        let records: Vec<usize> = if served == 0 {
            (0..5).collect()
        } else {
            vec![4]
        };
        let page: Vec<Value> = records
            .iter()
            .skip(offset)
            .take(limit)
            .map(|n| json!({"_id": format!("r-{n}"), "name": format!("record {n}")}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"total": records.len(), "dataList": page}
        }))
    }
}

async fn server_with(responder: impl Respond + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/query"))
        .respond_with(responder)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn records_deleted_while_streaming_end_the_stream_without_an_error() {
    let pages = Arc::new(AtomicUsize::new(0));
    let server = server_with(Shrinking {
        pages: pages.clone(),
    })
    .await;
    let client = client(&server);
    let query = DataQueryRequest::new(QueryData::new(
        "AccountObj",
        SearchQueryInfo::new().limit(2),
    ));
    let mut stream = client.data_query_stream(&query);
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        let record = item.expect("an honest vendor's pages are no error");
        ids.push(record.id.unwrap_or_default());
    }
    assert_eq!(ids, ["r-0", "r-1"]);
    // The second page (offset 2 of a total of 1 by then) was empty and ended the stream.
    assert_eq!(pages.load(Ordering::SeqCst), 2);
    assert_eq!(common::received(&server).await.len(), 2);
}

/// 250 records, all `life_status: normal`, served as the projection asks: only the
/// projected fields, so without `_id` when it is not asked for.
struct Projecting;

impl Respond for Projecting {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let info = &body["data"]["search_query_info"];
        let offset = info["offset"].as_u64().unwrap_or(0) as usize;
        let limit = info["limit"].as_u64().unwrap_or(100) as usize;
        let page: Vec<Value> = (0..250)
            .skip(offset)
            .take(limit)
            .map(|_| json!({"life_status": "normal"}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"total": 250, "dataList": page}
        }))
    }
}

#[tokio::test]
async fn pages_of_projected_records_that_look_alike_are_read_to_the_end() {
    let server = server_with(Projecting).await;
    let query = DataQueryRequest::new(QueryData::new(
        "AccountObj",
        SearchQueryInfo::new()
            .limit(100)
            .field_projection(vec!["life_status".to_owned()]),
    ));
    let mut stream = client(&server).data_query_stream(&query);
    let mut records = 0;
    while let Some(item) = stream.next().await {
        item.expect("different records that look alike are no error");
        records += 1;
    }
    assert_eq!(records, 250);
    // Offsets 0, 100 and 200; the short third page ends the stream.
    assert_eq!(common::received(&server).await.len(), 3);
}

/// Offsets 0..=10000 serve `a-00000`…`a-10999`; past the cap, each cursor page holds 1000 keys
/// that are "after" the cursor under one order but not the other: `B-…` after `a-…` only
/// ignoring case, `a-…` after `B-…` only by bytes. No single order makes that progress; it
/// cycles forever.
struct SwitchesOrder;

impl Respond for SwitchesOrder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let info = &body["data"]["search_query_info"];
        let offset = info["offset"].as_u64().unwrap_or(0) as usize;
        let after = info["filters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["field_name"] == "_id" && f["operator"] == "GT")
            .and_then(|f| f["field_values"][0].as_str().map(str::to_owned));
        let keys: Vec<String> = match after {
            None => (offset..offset + 1000)
                .map(|n| format!("a-{n:05}"))
                .collect(),
            Some(after) => {
                let n: usize = after[2..].parse().unwrap_or(0) + 1;
                let prefix = if after.starts_with('a') { "B" } else { "a" };
                (n..n + 1000).map(|n| format!("{prefix}-{n:05}")).collect()
            }
        };
        let page: Vec<Value> = keys.iter().map(|k| json!({"_id": k})).collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"total": 1_000_000, "dataList": page}
        }))
    }
}

#[tokio::test]
async fn a_vendor_whose_keys_are_after_the_cursor_only_by_switching_order_is_stopped() {
    let server = server_with(SwitchesOrder).await;
    let query = DataQueryRequest::new(QueryData::new(
        "AccountObj",
        SearchQueryInfo::new().limit(1000),
    ));
    let mut stream = client(&server).data_query_stream(&query);
    let mut records = 0;
    let error = loop {
        match stream.next().await {
            Some(Ok(_)) => records += 1,
            Some(Err(error)) => break error,
            None => panic!("the stream ended without an error"),
        }
        assert!(records <= 20_000, "the stream went on past 20000 records");
    };
    // 11 offset pages, the first cursor page (`B-…`, after `a-10999` ignoring case), then
    // `a-…` again, which is after `B-…` only by bytes: refused.
    assert_eq!(records, 12_000);
    assert!(
        matches!(&error, bindery::Error::Pagination { message, .. }
            if message.contains("the cursor does not advance")),
        "{error:?}"
    );
    assert_eq!(common::received(&server).await.len(), 13);
}
