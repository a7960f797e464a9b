//! `data_query_stream` pages through every record: by offset up to the vendor's cap of
//! 10000, then by `_id GT <last id>`, against a local server that enforces the vendor's rules.

use std::sync::{Arc, Mutex};

use bindery::fxiaoke::crm::{DataQueryRequest, QueryData};
use bindery::fxiaoke::types::{FilterOperator, QueryFilter, QueryOrder, SearchQueryInfo};
use bindery::runtime::stream::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use super::client;
use crate::common;

const RECORDS: usize = 12_345;

fn id(n: usize) -> String {
    format!("id-{n:05}")
}

/// A page the server answered: offset, limit and the `_id GT` value, if any.
type Page = (u64, u64, Option<String>);

/// A CRM `data/query` that refuses what the vendor refuses and answers pages of
/// `RECORDS` records sorted by `_id`, honouring an `_id GT` filter.
struct Crm {
    pages: Arc<Mutex<Vec<Page>>>,
    /// The most records the server puts in a page, whatever `limit` asks.
    page_cap: u64,
}

impl Respond for Crm {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let info = &body["data"]["search_query_info"];
        let (Some(offset), Some(limit)) = (info["offset"].as_u64(), info["limit"].as_u64()) else {
            return error(10006, "offset and limit are required here");
        };
        if offset > 10_000 {
            return error(32000, "offset exceeds 10000");
        }
        if limit == 0 || limit > 1000 || offset % limit != 0 {
            return error(32000, "offset must be a multiple of limit");
        }
        if info["orders"] != json!([{"fieldName": "_id", "isAsc": true}]) {
            return error(32000, "this test expects ordering by _id");
        }
        let after: Option<String> = info["filters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["field_name"] == "_id" && f["operator"] == "GT")
            .and_then(|f| f["field_values"][0].as_str().map(str::to_owned));
        self.pages
            .lock()
            .expect("lock")
            .push((offset, limit, after.clone()));
        let matching: Vec<usize> = (0..RECORDS)
            .filter(|n| after.as_ref().is_none_or(|a| id(*n).as_str() > a.as_str()))
            .collect();
        let page: Vec<Value> = matching
            .iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit.min(self.page_cap)).unwrap_or(0))
            .map(|n| json!({"_id": id(*n), "name": format!("record {n}"), "amount__c": n}))
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"total": matching.len(), "offset": offset, "limit": limit, "dataList": page}
        }))
    }
}

/// A local CRM that puts at most `page_cap` records in a page, and its log of pages.
async fn crm_server(page_cap: u64) -> (MockServer, Arc<Mutex<Vec<Page>>>) {
    let server = MockServer::start().await;
    let pages = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/query"))
        .respond_with(Crm {
            pages: pages.clone(),
            page_cap,
        })
        .mount(&server)
        .await;
    (server, pages)
}

fn error(code: i64, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"errorCode": code, "errorMessage": message}))
}

fn query(limit: i32) -> DataQueryRequest {
    DataQueryRequest::new(QueryData::new(
        "PaymentObj",
        SearchQueryInfo::new()
            .limit(limit)
            .filters(vec![QueryFilter::new(
                "life_status",
                vec![json!("normal")],
                FilterOperator::Equal,
            )])
            .orders(vec![QueryOrder::new("create_time", false)]),
    ))
}

#[tokio::test]
async fn streams_every_record_past_the_offset_cap() {
    let (server, pages) = crm_server(1000).await;

    let mut stream = client(&server).data_query_stream(&query(1000));
    let mut seen = Vec::with_capacity(RECORDS);
    while let Some(record) = stream.next().await {
        let record = record.expect("every page succeeds");
        assert_eq!(
            record.extra["amount__c"],
            json!(seen.len()),
            "tenant fields are kept"
        );
        seen.push(record.id.expect("records have an _id"));
    }
    let expected: Vec<String> = (0..RECORDS).map(id).collect();
    assert_eq!(seen.len(), RECORDS, "no record skipped or repeated");
    assert_eq!(seen, expected, "records arrive once each, in _id order");

    let pages = pages.lock().expect("lock").clone();
    // Offsets 0..=10000 by 1000, then two pages after the last id of offset 10000's page.
    let mut wanted: Vec<Page> = (0..=10).map(|i| (i * 1000, 1000, None)).collect();
    wanted.push((0, 1000, Some(id(10_999))));
    wanted.push((0, 1000, Some(id(11_999))));
    assert_eq!(pages, wanted);

    // The user's own filter stays; the cursor filter is added beside it.
    let last: Value = common::body_json(common::received(&server).await.last().expect("pages"));
    let filters = &last["data"]["search_query_info"]["filters"];
    assert_eq!(filters[0]["field_name"], "life_status");
    assert_eq!(
        filters[1],
        json!({"field_name": "_id", "field_values": [id(11_999)], "operator": "GT"})
    );
}

#[tokio::test]
async fn an_invalid_request_is_the_only_item_and_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let mut stream = client(&server).data_query_stream(&query(0));
    let first = stream.next().await.expect("one item");
    let error = first.expect_err("limit 0 is invalid");
    assert!(
        matches!(&error, bindery::Error::InvalidRequest { field, .. } if field == "data.search_query_info.limit"),
        "{error:?}"
    );
    assert!(
        stream.next().await.is_none(),
        "the stream ends after the error"
    );
    server.verify().await;
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"total": 3, "offset": 0, "limit": 2,
                     "dataList": [{"_id": "a"}, {"_id": "b", "create_time": "yesterday"}]}
        })))
        .mount(&server)
        .await;
    let mut stream = client(&server).data_query_stream(&query(2));
    assert_eq!(
        stream
            .next()
            .await
            .expect("first")
            .expect("decodes")
            .id
            .as_deref(),
        Some("a")
    );
    let error = stream
        .next()
        .await
        .expect("second")
        .expect_err("bad record");
    match &error {
        bindery::Error::Decode { path, .. } => assert_eq!(path, "data.dataList[1].create_time"),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn pages_are_requested_only_as_their_records_are_read() {
    let (server, pages) = crm_server(1000).await;
    let requests = || async { common::received(&server).await.len() };
    // Time in which a prefetching stream would have asked for more.
    let settle = || tokio::time::sleep(std::time::Duration::from_millis(100));

    let mut stream = client(&server).data_query_stream(&query(3));
    settle().await;
    assert_eq!(requests().await, 0, "creating the stream sends nothing");

    let first = stream.next().await.expect("a record").expect("decodes");
    assert_eq!(first.id, Some(id(0)));
    settle().await;
    assert_eq!(
        requests().await,
        1,
        "the first record needs exactly one page"
    );

    // The rest of the first page comes from memory.
    for n in 1..3 {
        let record = stream.next().await.expect("a record").expect("decodes");
        assert_eq!(record.id, Some(id(n)));
    }
    settle().await;
    assert_eq!(
        requests().await,
        1,
        "no second page while the first has records left"
    );

    // The fourth record is the first of page two: now, and only now, it is requested.
    let fourth = stream.next().await.expect("a record").expect("decodes");
    assert_eq!(fourth.id, Some(id(3)));
    settle().await;
    assert_eq!(requests().await, 2);
    assert_eq!(
        *pages.lock().expect("lock"),
        vec![(0, 3, None), (3, 3, None)],
        "page one at offset 0, page two at offset 3"
    );
    drop(stream);
    settle().await;
    assert_eq!(requests().await, 2, "dropping the stream sends nothing");
}

#[tokio::test]
async fn a_vendor_that_caps_the_page_size_loses_no_records() {
    let (server, pages) = crm_server(100).await;

    // 1000 asked, 100 given: the stream goes on with pages of 100.
    let mut stream = client(&server).data_query_stream(&query(1000));
    let mut count = 0;
    while let Some(record) = stream.next().await {
        let record = record.expect("every page succeeds");
        assert_eq!(record.id.as_deref(), Some(id(count).as_str()));
        count += 1;
    }
    assert_eq!(count, RECORDS);
    let pages = pages.lock().expect("lock").clone();
    assert_eq!(pages[0], (0, 1000, None));
    assert_eq!(pages[1], (100, 100, None));
    assert!(
        pages[2..].iter().all(|(_, limit, _)| *limit == 100),
        "{pages:?}"
    );
}

// ---------------------------------------------------------------------------
// Vendors that make no progress: the stream stops with a typed error, after a bounded
// number of requests (counted by the server).

/// A CRM that gets paging wrong in the ways `flaws` says. Records are `id(0)`, `id(1)`, …
#[derive(Clone, Copy, Default)]
struct Flaws {
    /// How many records exist.
    records: usize,
    /// The `total` it reports (`records` when `None`).
    total: Option<usize>,
    /// Whether it serves the page at `offset`; else always the first page.
    honours_offset: bool,
    /// Whether it applies the `_id GT` filter; else it ignores it.
    honours_cursor: bool,
    /// A record sent without its `_id`.
    without_id: Option<usize>,
}

impl Respond for Flaws {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
        let info = &body["data"]["search_query_info"];
        let offset = info["offset"].as_u64().unwrap_or(0) as usize;
        let limit = info["limit"].as_u64().unwrap_or(100) as usize;
        let after = info["filters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["field_name"] == "_id" && f["operator"] == "GT")
            .and_then(|f| f["field_values"][0].as_str().map(str::to_owned))
            .filter(|_| self.honours_cursor);
        let matching: Vec<usize> = (0..self.records)
            .filter(|n| after.as_ref().is_none_or(|a| id(*n).as_str() > a.as_str()))
            .collect();
        let skip = if self.honours_offset { offset } else { 0 };
        let page: Vec<Value> = matching
            .iter()
            .skip(skip)
            .take(limit)
            .map(|n| {
                if self.without_id == Some(*n) {
                    json!({"name": format!("record {n}")})
                } else {
                    json!({"_id": id(*n), "name": format!("record {n}")})
                }
            })
            .collect();
        let total = self.total.unwrap_or(matching.len());
        ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 0, "errorMessage": "OK",
            "data": {"total": total, "dataList": page}
        }))
    }
}

async fn flawed_server(flaws: Flaws) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/query"))
        .respond_with(flaws)
        .mount(&server)
        .await;
    server
}

/// Reads the stream to its end, but never more than `bound` items (so that a stream that
/// never ends fails the test instead of hanging it): the records read and the error, if any.
async fn read_bounded(
    server: &MockServer,
    limit: i32,
    bound: usize,
) -> (usize, Option<bindery::Error>) {
    let mut stream = client(server).data_query_stream(&query(limit));
    let mut records = 0;
    while let Some(item) = stream.next().await {
        match item {
            Ok(_) => records += 1,
            Err(error) => {
                assert!(stream.next().await.is_none(), "the error ends the stream");
                return (records, Some(error));
            }
        }
        assert!(records <= bound, "the stream went past {bound} records");
    }
    (records, None)
}

fn assert_pagination_error(error: Option<bindery::Error>, wanted: &str) {
    match &error {
        Some(bindery::Error::Pagination {
            provider,
            operation,
            message,
        }) => {
            assert_eq!((*provider, *operation), ("fxiaoke", "dataQuery"));
            assert!(message.contains(wanted), "{message}");
        }
        other => panic!("expected Error::Pagination, got {other:?}"),
    }
}

#[tokio::test]
async fn a_vendor_that_repeats_the_same_full_page_is_stopped_at_the_second_page() {
    // The report: the same 100 records on every request, `total: 20000`.
    let server = flawed_server(Flaws {
        records: 100,
        total: Some(20_000),
        ..Flaws::default()
    })
    .await;
    let (records, error) = read_bounded(&server, 100, 20_000).await;
    assert_eq!(records, 100, "the first page is read, the repeat is not");
    assert_pagination_error(error, "repeats the previous page");
    assert_eq!(common::received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_vendor_that_ignores_the_cursor_is_stopped_at_the_first_cursor_page() {
    // Offsets work up to the cap of 10000; the `_id GT` filter past it is ignored, so the
    // first cursor page starts again at the first record.
    let server = flawed_server(Flaws {
        records: 20_000,
        honours_offset: true,
        ..Flaws::default()
    })
    .await;
    let (records, error) = read_bounded(&server, 1000, 20_000).await;
    assert_eq!(records, 11_000, "offsets 0..=10000 by 1000");
    let error_text = error.as_ref().map(ToString::to_string).unwrap_or_default();
    assert_pagination_error(error, "the cursor does not advance");
    assert_eq!(
        error_text,
        "fxiaoke dataQuery: pagination stopped: the cursor does not advance: the page after the \
         cursor (`_id` greater than the last one read) holds a record at `data.dataList[0]` whose \
         `_id` is not greater"
    );
    assert_eq!(common::received(&server).await.len(), 12);
}

#[tokio::test]
async fn more_records_than_the_total_stop_the_stream() {
    let server = flawed_server(Flaws {
        records: 300,
        total: Some(150),
        honours_offset: true,
        honours_cursor: true,
        ..Flaws::default()
    })
    .await;
    let (records, error) = read_bounded(&server, 100, 300).await;
    assert_eq!(
        records, 100,
        "the page that overshoots the total is not read"
    );
    assert_pagination_error(error, "more than the total of 150");
    assert_eq!(common::received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_record_without_the_cursor_key_at_the_cap_is_an_error_not_the_end() {
    // The last record before the cap has no `_id`, so the stream cannot ask for what follows:
    // 9000 records would be lost silently.
    let server = flawed_server(Flaws {
        records: 20_000,
        honours_offset: true,
        honours_cursor: true,
        without_id: Some(10_999),
        ..Flaws::default()
    })
    .await;
    let (records, error) = read_bounded(&server, 1000, 20_000).await;
    assert_eq!(records, 11_000);
    match &error {
        Some(bindery::Error::Decode {
            operation,
            path,
            message,
            ..
        }) => {
            assert_eq!(*operation, "dataQuery");
            assert_eq!(path, "data.dataList[999]._id");
            assert!(message.starts_with("missing or null"), "{message}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert_eq!(common::received(&server).await.len(), 11);
}

#[tokio::test]
async fn an_honest_vendor_with_the_same_flawless_settings_streams_everything() {
    // The control for the tests above: the same server, no flaw, reads all 20000 records.
    let server = flawed_server(Flaws {
        records: 20_000,
        honours_offset: true,
        honours_cursor: true,
        ..Flaws::default()
    })
    .await;
    let (records, error) = read_bounded(&server, 1000, 20_000).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(records, 20_000);
    // 11 offset pages, 9 cursor pages, and the empty one that ends the stream.
    assert_eq!(common::received(&server).await.len(), 21);
}
