//! Streams every record of a paged endpoint, one page in memory at a time.
//!
//! Pages are requested by offset and limit, as the spec's [`Pagination`] describes. Vendors
//! cap the offset (Fxiaoke CRM at 10000); past the cap a [`Cursor`] takes over: the stream
//! asks for records whose key is greater than the last one seen. For that switch to neither
//! skip nor repeat records, a stream with a cursor orders by the cursor key from the first
//! page on.
//!
//! A stream never trusts the vendor to make progress: it ends with [`Error::Pagination`]
//! when a cursor page holds a record at or before the cursor it was asked after (the
//! cursor did not advance), when a page repeats the page before it (records that carry the
//! cursor key, so that equal pages are the same records), or when a page brings more
//! records than the vendor's `total` said; and with [`Error::Decode`] when it must page
//! past the offset cap by a key the last record lacks. Each check costs one page, so a
//! vendor that ignores the cursor or the offset is asked at most one page too many.

use std::collections::VecDeque;
use std::pin::Pin;

use futures_core::Stream;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::{Client, Protocol};
use crate::error::Error;
use crate::operation::Operation;
use crate::redact::Mask;
use crate::validate::Validate;

mod collation;
mod fingerprint;
mod page;
use collation::Collations;
use fingerprint::fingerprint;
use page::Page;

/// A stream of records (or the error that ended it).
pub type ItemStream<'a, T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send + 'a>>;

/// How an endpoint pages, from the spec. Paths are dot-separated JSON keys of the request
/// (`offset`, `limit`, cursor `filters`/`orders`) or of the result (`total`, `items`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pagination {
    /// Request path of the offset.
    pub offset: &'static str,
    /// Request path of the page size.
    pub limit: &'static str,
    /// Page size used when the request sets none.
    pub default_limit: u32,
    /// Result path of the total number of records, when the vendor sends it.
    pub total: Option<&'static str>,
    /// Result path of the page's records.
    pub items: &'static str,
    /// The largest offset the vendor accepts.
    pub max_offset: Option<u64>,
    /// How to page past `max_offset`.
    pub cursor: Option<Cursor>,
}

/// Paging by key past the offset cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The record key whose last value continues the stream (`_id`).
    pub key: &'static str,
    /// Request path of the list the cursor filter is appended to.
    pub filters: &'static str,
    /// The filter as JSON text; the string `"$cursor"` stands for the last key seen.
    pub filter: &'static str,
    /// Request path of the sort list, replaced by `order`.
    pub orders: &'static str,
    /// The sort entry (ascending by key) as JSON text.
    pub order: &'static str,
}

struct State<P: Protocol, T> {
    client: Client<P>,
    op: &'static Operation,
    paging: &'static Pagination,
    request: Value,
    limit: u64,
    offset: u64,
    /// Records of the current page not yet handed out (decoded, or why not, with their
    /// index and cursor key): the only page held.
    page: VecDeque<(usize, Result<T, Error>, Option<Value>)>,
    last_key: Option<Value>,
    /// Index (in its page) of the record `last_key` was taken from.
    last_index: usize,
    /// The key the current cursor page was asked after.
    cursor_sent: Option<Value>,
    /// The orders of ASCII keys the vendor's cursor pages have kept so far ([`Collations`]).
    collations: Collations,
    /// Fingerprint of the last page received, to notice a vendor repeating it.
    previous_page: Option<u64>,
    cursor_mode: bool,
    done: bool,
}

impl<P: Protocol> Client<P> {
    /// Streams every record of `op`, requesting page after page as the stream is read.
    ///
    /// `request` is validated once, before the first page; a failure is the stream's first
    /// (and only) item. Each record is decoded into `T`; a record that does not decode ends
    /// the stream with [`Error::Decode`] naming its JSON path.
    pub fn paginate<Req, T>(
        &self,
        op: &'static Operation,
        paging: &'static Pagination,
        request: &Req,
    ) -> ItemStream<'static, T>
    where
        Req: Serialize + Validate + ?Sized,
        T: DeserializeOwned + Send + 'static,
    {
        let start = prepare(op, paging, request);
        let client = self.clone();
        let state = start.map(|(request, limit)| State {
            client,
            op,
            paging,
            request,
            limit,
            offset: 0,
            page: VecDeque::new(),
            last_key: None,
            last_index: 0,
            cursor_sent: None,
            collations: Collations::BOTH,
            previous_page: None,
            cursor_mode: false,
            done: false,
        });
        let state = match state {
            Ok(state) => Some(Ok(state)),
            Err(error) => Some(Err(error)),
        };
        Box::pin(futures_util::stream::unfold(state, |state| async move {
            match state? {
                Err(error) => Some((Err(error), None)),
                Ok(mut state) => match next_item::<P, T>(&mut state).await {
                    Some(Ok(item)) => Some((Ok(item), Some(Ok(state)))),
                    Some(Err(error)) => Some((Err(error), None)),
                    None => None,
                },
            }
        }))
    }
}

/// A stream whose only item is `error`: a paged call refused before its first page (on a
/// base URL its operation does not exist on).
#[doc(hidden)]
pub fn failed_stream<T: Send + 'static>(error: Error) -> ItemStream<'static, T> {
    Box::pin(futures_util::stream::once(async move { Err(error) }))
}

fn invalid(op: &Operation, field: &str, rule: String) -> Error {
    Error::InvalidRequest {
        provider: op.provider,
        operation: op.name,
        field: field.to_owned(),
        rule,
    }
}

/// Validates and serialises the request, and applies the cursor ordering.
fn prepare<Req: Serialize + Validate + ?Sized>(
    op: &'static Operation,
    paging: &Pagination,
    request: &Req,
) -> Result<(Value, u64), Error> {
    request
        .validate()
        .map_err(|v| invalid(op, &v.field, v.rule))?;
    let mut value = serde_json::to_value(request)
        .map_err(|e| invalid(op, "", format!("cannot be serialised to JSON: {e}")))?;
    let limit = lookup(&value, paging.limit)
        .and_then(Value::as_u64)
        .unwrap_or(u64::from(paging.default_limit))
        .max(1);
    if let Some(cursor) = &paging.cursor {
        let order = parse_template(op, cursor.order)?;
        set(&mut value, cursor.orders, Value::Array(vec![order]))
            .map_err(|path| invalid(op, &path, "cannot hold the cursor ordering".to_owned()))?;
    }
    Ok((value, limit))
}

fn parse_template(op: &Operation, text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::Config {
        message: format!("pagination template of `{}` is not JSON: {e}", op.name),
    })
}

async fn next_item<P: Protocol, T: DeserializeOwned + Send>(
    state: &mut State<P, T>,
) -> Option<Result<T, Error>> {
    loop {
        if let Some((index, record, key)) = state.page.pop_front() {
            if state.paging.cursor.is_some() {
                state.last_key = key.filter(|key| !key.is_null());
                state.last_index = index;
            }
            return Some(record);
        }
        if state.done {
            return None;
        }
        if let Err(error) = fetch_page(state).await {
            state.done = true;
            return Some(Err(error));
        }
    }
}

async fn fetch_page<P: Protocol, T: DeserializeOwned + Send>(
    state: &mut State<P, T>,
) -> Result<(), Error> {
    let paging = state.paging;
    let op = state.op;
    let past_cap = paging.max_offset.is_some_and(|max| state.offset > max);
    if past_cap || state.cursor_mode {
        let Some(cursor) = &paging.cursor else {
            // No way past the cap: the records beyond it cannot be reached.
            state.done = true;
            return Ok(());
        };
        // Without the last record's key the next page cannot be asked for; ending here
        // would silently drop every record after it.
        let last = state
            .last_key
            .clone()
            .ok_or_else(|| missing_cursor_key(state, cursor))?;
        let filter = cursor_filter(op, cursor, last.clone())?;
        let placed = if state.cursor_mode {
            replace_last(&mut state.request, cursor.filters, filter)
        } else {
            state.cursor_mode = true;
            state.offset = 0;
            append(&mut state.request, cursor.filters, filter)
        };
        placed.map_err(|path| invalid(op, &path, "cannot hold the cursor filter".to_owned()))?;
        state.cursor_sent = Some(last);
    }
    let offset = Value::from(state.offset);
    let limit = Value::from(state.limit);
    set(&mut state.request, paging.offset, offset)
        .and_then(|()| set(&mut state.request, paging.limit, limit))
        .map_err(|path| invalid(op, &path, "cannot hold the page position".to_owned()))?;

    // Each record is decoded as the page is read, masked by the attempt's secrets (the
    // token it was sent with included).
    let read = |op: &Operation, mask: Mask<'_>, status: u16, body: &[u8]| {
        page::read::<T>(paging, op, mask, status, body)
    };
    let page: Page<T> = state
        .client
        .call_decoding(op, &state.request, read)
        .await??;
    let total = page.total;
    let count = u64::try_from(page.count).unwrap_or(u64::MAX);
    check_progress(state, &page, total)?;
    // A vendor may cap the page size below what was asked (Fxiaoke: 100 for custom objects,
    // 1000 asked) and say so only by a short page while `total` counts more. Going on with
    // the page size it gave keeps offsets multiples of the limit; stopping would silently
    // lose the rest.
    let more =
        !state.cursor_mode && total.is_some_and(|total| state.offset.saturating_add(count) < total);
    if count > 0 && count < state.limit && more {
        if !state.offset.is_multiple_of(count) {
            return Err(Error::Decode {
                provider: op.provider,
                operation: op.name,
                path: paging.items.to_owned(),
                message: format!(
                    "the vendor returned {count} of {} records at offset {} while the total says more remain; ask for pages of at most {count}",
                    state.limit, state.offset
                ),
                snippet: String::new(),
            });
        }
        state.limit = count;
    }
    let keys = page
        .keys
        .into_iter()
        .map(Some)
        .chain(std::iter::repeat(None));
    state.page = page
        .records
        .into_iter()
        .zip(keys)
        .enumerate()
        .map(|(index, (record, key))| (index, record, key.flatten()))
        .collect();
    // In cursor mode the filter moves instead: every page starts at offset 0 after the key.
    if !state.cursor_mode {
        state.offset = state.offset.saturating_add(count);
    }
    // After the shrink above, a short page means the records ran out.
    let short_page = count < state.limit;
    let all_seen = !state.cursor_mode && total.is_some_and(|total| state.offset >= total);
    if count == 0 || short_page || all_seen {
        state.done = true;
    }
    Ok(())
}

/// The stream must page on by `cursor.key`, which the last record read lacks.
fn missing_cursor_key<P: Protocol, T>(state: &State<P, T>, cursor: &Cursor) -> Error {
    let cap = state.paging.max_offset.unwrap_or_default();
    Error::Decode {
        provider: state.op.provider,
        operation: state.op.name,
        path: format!(
            "{}[{}].{}",
            state.paging.items, state.last_index, cursor.key
        ),
        message: format!(
            "missing or null: records past offset {cap} are asked for by the last record's `{}`, so every record must carry it",
            cursor.key
        ),
        snippet: String::new(),
    }
}

/// Fails when a page shows that the vendor is not moving through the records: a cursor
/// page holding a record at or before its cursor, a page equal to the one before it, or
/// more records than `total`. Runs before any record of the page is handed out.
fn check_progress<P: Protocol, T>(
    state: &mut State<P, T>,
    page: &Page<T>,
    total: Option<u64>,
) -> Result<(), Error> {
    let op = state.op;
    let stop = |message: String| Error::Pagination {
        provider: op.provider,
        operation: op.name,
        message,
    };
    let count = u64::try_from(page.count).unwrap_or(u64::MAX);
    let position = if state.cursor_mode {
        "the page after the cursor".to_owned()
    } else {
        format!("the page at offset {}", state.offset)
    };
    if let (true, Some(cursor), Some(after)) = (
        state.cursor_mode,
        &state.paging.cursor,
        state.cursor_sent.as_ref(),
    ) && let Some(index) = page.keys.iter().position(|key| {
        key.as_ref()
            .is_some_and(|key| !state.collations.is_after(key, after))
    }) {
        return Err(stop(format!(
            "the cursor does not advance: {position} (`{}` greater than the last one read) holds a record at `{}[{index}]` whose `{}` is not greater",
            cursor.key, state.paging.items, cursor.key
        )));
    }
    // Equal pages prove a repeat only when their records can be told apart: with a cursor
    // key, every record must carry it (the same keys are the same records). A projection
    // without the key can make pages of different records equal (`{"life_status": "normal"}`
    // a hundred times over); such a stream is still bounded by `total` and, past the
    // offset cap, by the key it then needs.
    let identified = state.paging.cursor.is_none()
        || page
            .keys
            .iter()
            .all(|key| key.as_ref().is_some_and(|key| !key.is_null()));
    // With a cursor key, the keys are the records; without one, the records themselves.
    let fingerprint = match &page.values {
        Some(values) => fingerprint(values),
        None => fingerprint(page.keys.iter().flatten()),
    };
    if count > 0 && identified && state.previous_page == Some(fingerprint) {
        return Err(stop(format!(
            "{position} repeats the previous page ({count} records)"
        )));
    }
    state.previous_page = Some(fingerprint);
    // In cursor mode `total` counts what matches the cursor filter, i.e. this page onwards.
    // Only records that arrive can be too many: an empty page after a `total` that shrank
    // below the offset (records deleted while the stream is read) is just the end.
    let start = if state.cursor_mode { 0 } else { state.offset };
    if let Some(total) = total
        && count > 0
        && start.saturating_add(count) > total
    {
        return Err(stop(format!(
            "{position} brings the records read to {}, more than the total of {total} the vendor gave",
            start.saturating_add(count)
        )));
    }
    Ok(())
}

fn cursor_filter(op: &Operation, cursor: &Cursor, last: Value) -> Result<Value, Error> {
    let mut filter = parse_template(op, cursor.filter)?;
    substitute(&mut filter, &last);
    Ok(filter)
}

/// Replaces every `"$cursor"` string in `value` by `last`.
fn substitute(value: &mut Value, last: &Value) {
    match value {
        Value::String(s) if s == "$cursor" => *value = last.clone(),
        Value::Array(items) => items.iter_mut().for_each(|v| substitute(v, last)),
        Value::Object(map) => map.values_mut().for_each(|v| substitute(v, last)),
        _ => {}
    }
}

fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .filter(|k| !k.is_empty())
        .try_fold(value, |v, key| v.get(key))
}

fn lookup_mut<'a>(value: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.')
        .filter(|k| !k.is_empty())
        .try_fold(value, |v, key| v.get_mut(key))
}

/// The object at `path`, creating empty objects on the way. `Err` is the path that is not
/// an object.
fn object_at<'a>(
    value: &'a mut Value,
    path: &[&str],
) -> Result<&'a mut Map<String, Value>, String> {
    let mut current = value;
    for (depth, key) in path.iter().enumerate() {
        let map = current
            .as_object_mut()
            .ok_or_else(|| path[..depth].join("."))?;
        current = map
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if current.is_null() {
            *current = Value::Object(Map::new());
        }
    }
    current.as_object_mut().ok_or_else(|| path.join("."))
}

fn set(value: &mut Value, path: &str, new: Value) -> Result<(), String> {
    let keys: Vec<&str> = path.split('.').collect();
    let Some((last, parents)) = keys.split_last() else {
        return Err(path.to_owned());
    };
    object_at(value, parents)?.insert((*last).to_owned(), new);
    Ok(())
}

fn list_at<'a>(value: &'a mut Value, path: &str) -> Result<&'a mut Vec<Value>, String> {
    let keys: Vec<&str> = path.split('.').collect();
    let Some((last, parents)) = keys.split_last() else {
        return Err(path.to_owned());
    };
    let list = object_at(value, parents)?
        .entry((*last).to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if list.is_null() {
        *list = Value::Array(Vec::new());
    }
    list.as_array_mut().ok_or_else(|| path.to_owned())
}

fn append(value: &mut Value, path: &str, item: Value) -> Result<(), String> {
    list_at(value, path)?.push(item);
    Ok(())
}

fn replace_last(value: &mut Value, path: &str, item: Value) -> Result<(), String> {
    let list = list_at(value, path)?;
    match list.last_mut() {
        Some(last) => *last = item,
        None => list.push(item),
    }
    Ok(())
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sets_and_appends_along_paths() {
        let mut v = json!({"data": {"search_query_info": {"limit": 5}}});
        set(&mut v, "data.search_query_info.offset", json!(10)).unwrap();
        append(&mut v, "data.search_query_info.filters", json!({"a": 1})).unwrap();
        replace_last(&mut v, "data.search_query_info.filters", json!({"a": 2})).unwrap();
        assert_eq!(
            v,
            json!({"data": {"search_query_info": {"limit": 5, "offset": 10, "filters": [{"a": 2}]}}})
        );
        let mut bad = json!({"data": 3});
        assert_eq!(set(&mut bad, "data.x", json!(1)), Err("data".to_owned()));
    }

    #[test]
    fn substitutes_the_cursor() {
        let mut filter =
            json!({"field_name": "_id", "field_values": ["$cursor"], "operator": "GT"});
        substitute(&mut filter, &json!("abc"));
        assert_eq!(filter["field_values"], json!(["abc"]));
    }
}
