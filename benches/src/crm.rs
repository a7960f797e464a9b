//! Fxiaoke CRM `data/query` fixtures: records shaped like the vendor's own example (seed 003's
//! `PaymentObj` record, plus tenant-defined `__c` fields), whole answer pages, and a local CRM
//! that serves a fixed set of records by offset and by `_id GT`, as the vendor does.

use std::sync::Arc;

use bytes::Bytes;
use serde_json::{Value, json};

use crate::server::Handler;

/// The vendor's cap on `offset` (past it the stream pages by `_id GT`).
pub const MAX_OFFSET: usize = 10_000;

/// The id of record `n`: fixed-width hex, so ids sort as the numbers do.
#[must_use]
pub fn id(n: usize) -> String {
    format!("5a9922dd742c2ff5{n:08x}")
}

/// The number in an id made by [`id`].
fn number_of(id: &str) -> Option<usize> {
    usize::from_str_radix(id.get(16..)?, 16).ok()
}

/// Record `n`: about 850 bytes of JSON, as in the vendor's example answers.
#[must_use]
pub fn record(n: usize) -> Value {
    json!({
        "_id": id(n),
        "name": format!("20180302-{n:06}"),
        "account_id": "2d58af2dbb4d4ecd931e80ef18xxxxxx",
        "account_id__r": "测试客户",
        "attachment": [],
        "create_time": 1_519_985_373_616_i64 + n as i64,
        "created_by": ["FSUID_7B8A3925E40FA68630C0D7E9C3XXXXXX"],
        "is_deleted": n.is_multiple_of(7),
        "last_modified_by": ["FSUID_0253C6D7FC0E3A2CBB19F336CEXXXXXX"],
        "last_modified_time": 1_519_986_766_107_i64 + n as i64,
        "life_status": "normal",
        "lock_status": "0",
        "notification_time": 1_517_241_600_000_i64,
        "order_data_id": "974789b4d13040fcbb9d0ae35cxxxxxx",
        "order_id": format!("20180302-{:06}", n / 3),
        "owner": ["FSUID_0253C6D7FC0E3A2CBB19F336CEXXXXXX"],
        "owner_department": "董事会",
        "payment_amount": format!("{}.00", n % 10_000),
        "payment_term": "2",
        "payment_time": 1_517_328_000_000_i64,
        "record_type": "default__c",
        "remark": "测试更新02,回款备注",
        "total_num": n % 50,
        "object_describe_api_name": "PaymentObj",
        "version": "3",
        "region__c": "华东",
        "contract_no__c": format!("HT-2018-{n:07}"),
        "priority__c": n % 5,
        "tags__c": ["重点", "续约"],
    })
}

/// A whole `data/query` answer holding records `from..to` of `total`.
#[must_use]
pub fn page(from: usize, to: usize, total: usize) -> Vec<u8> {
    let records: Vec<Value> = (from..to).map(record).collect();
    let body = json!({
        "errorCode": 0,
        "errorMessage": "OK",
        "errorDescription": "success",
        "traceId": "E-O.fs.1234567890",
        "data": {"total": total, "offset": from, "limit": to - from, "dataList": records},
    });
    serde_json::to_vec(&body).unwrap_or_default()
}

/// A local CRM of `total` records answering `data/query` pages of `page_size` records,
/// every page made once, up front, so the server's share of a measurement is small.
///
/// It honours `offset` (any, not only up to [`MAX_OFFSET`]: the hand-written pager pages by
/// offset alone) and an `_id GT` filter; a request it cannot answer from its pages gets
/// the vendor's `32000` error.
#[must_use]
pub fn server(total: usize, page_size: usize) -> Handler {
    let pages: Vec<Bytes> = (0..total.div_ceil(page_size))
        .map(|index| {
            let from = index * page_size;
            Bytes::from(page(from, (from + page_size).min(total), total))
        })
        .chain(std::iter::once(Bytes::from(page(total, total, total))))
        .collect();
    let pages = Arc::new(pages);
    Arc::new(move |body: &[u8]| {
        let refuse = || {
            let error = json!({"errorCode": 32000, "errorMessage": "not a page this server has"});
            (200, Bytes::from(error.to_string()))
        };
        let Ok(request) = serde_json::from_slice::<Value>(body) else {
            return refuse();
        };
        let info = &request["data"]["search_query_info"];
        let offset = info["offset"].as_u64().unwrap_or(0) as usize;
        let limit = info["limit"].as_u64().unwrap_or(0) as usize;
        let after = info["filters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|filter| filter["field_name"] == "_id" && filter["operator"] == "GT")
            .and_then(|filter| filter["field_values"][0].as_str())
            .and_then(number_of);
        let start = after.map_or(0, |n| n + 1) + offset;
        if limit != page_size || !start.is_multiple_of(page_size) {
            return refuse();
        }
        let index = (start / page_size).min(pages.len() - 1);
        (200, pages[index].clone())
    })
}
