//! A page as the stream uses it: its records decoded, each record's cursor key, the
//! vendor's total, read from the answer's bytes.
//!
//! A page of a stream with a cursor is read in one pass, straight into the record type,
//! keeping only each record's key aside ([`Tee`]). Anything unusual (a record that does
//! not decode, a list that is not one, an answer that is no success) takes the
//! diagnostic path: the page as a `Value`, each record decoded on its own, so the records
//! before a bad one are still handed out and the bad one is named by its JSON path.

use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::{Map, Value};

use super::{Pagination, json_kind, lookup, lookup_mut};
use crate::decode::{ResponseMeta, decode_success, decode_with_meta};
use crate::error::Error;
use crate::operation::Operation;
use crate::redact::{Mask, snippet_masked};
use crate::strict::{StrictDe, Tee};

/// A page's records (each decoded, or why it is not), their cursor keys and the total.
pub(super) struct Page<T> {
    /// The records in order; after one that does not decode, none.
    pub(super) records: Vec<Result<T, Error>>,
    /// Each record's value at the cursor key (`None` when it has none, or without a cursor).
    pub(super) keys: Vec<Option<Value>>,
    /// How many records the page holds.
    pub(super) count: usize,
    /// The vendor's total, when it sends one.
    pub(super) total: Option<u64>,
    /// The records as a `Value`, for the fingerprint of a stream without a cursor.
    pub(super) values: Option<Vec<Value>>,
}

/// Reads an answer to a page request: the call's error, or the page (itself an error when
/// its record list is not a list).
pub(super) fn read<T: DeserializeOwned>(
    paging: &Pagination,
    op: &Operation,
    mask: Mask<'_>,
    http_status: u16,
    body: &[u8],
) -> (Result<Result<Page<T>, Error>, Error>, ResponseMeta) {
    if let Some(cursor) = &paging.cursor {
        let items = steps(paging.items);
        let total = paging.total.map(steps);
        let mut out = Records::default();
        let walk = Walk {
            items: Some(&items),
            total: total.as_deref(),
            key: cursor.key,
            out: &mut out,
        };
        if let Some(((), meta)) = decode_success(op, mask, http_status, body, walk)
            && out.seen
        {
            let count = out.records.len();
            let page = Page {
                records: out.records.into_iter().map(Ok).collect(),
                keys: out.keys,
                count,
                total: out.total.as_ref().and_then(Value::as_u64),
                values: None,
            };
            return (Ok(Ok(page)), meta);
        }
    }
    let (page, meta) = decode_with_meta::<Value>(op, mask, http_status, body);
    (page.map(|page| diagnose(paging, op, mask, page)), meta)
}

/// The page read from its `Value`, record by record.
fn diagnose<T: DeserializeOwned>(
    paging: &Pagination,
    op: &Operation,
    mask: Mask<'_>,
    mut page: Value,
) -> Result<Page<T>, Error> {
    let total = paging
        .total
        .and_then(|path| lookup(&page, path))
        .and_then(Value::as_u64);
    // The records are taken out of the page, not copied.
    let items = match lookup_mut(&mut page, paging.items) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => std::mem::take(items),
        Some(other) => {
            return Err(Error::Decode {
                provider: op.provider,
                operation: op.name,
                path: paging.items.to_owned(),
                message: format!("expected a list of records, found {}", json_kind(other)),
                snippet: snippet_masked(other.to_string().as_bytes(), mask),
            });
        }
    };
    let keys = match &paging.cursor {
        Some(cursor) => items
            .iter()
            .map(|item| item.get(cursor.key).cloned())
            .collect(),
        None => Vec::new(),
    };
    let mut records = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let path = format!("{}[{index}]", paging.items);
        let record = decode_record(op, mask, &path, item);
        let failed = record.is_err();
        records.push(record);
        if failed {
            break;
        }
    }
    Ok(Page {
        records,
        keys,
        count: items.len(),
        total,
        values: paging.cursor.is_none().then_some(items),
    })
}

fn decode_record<T: DeserializeOwned>(
    op: &Operation,
    mask: Mask<'_>,
    path: &str,
    item: &Value,
) -> Result<T, Error> {
    // Most records decode: the diagnostic reading (the failing field's path, a snippet)
    // runs only for one that does not.
    T::deserialize(StrictDe(item))
        .or_else(|_| crate::strict::decode_value(op, mask, item, path, item, &[]))
}

fn steps(path: &str) -> Vec<&str> {
    path.split('.').filter(|key| !key.is_empty()).collect()
}

/// What one pass collects.
struct Records<T> {
    records: Vec<T>,
    keys: Vec<Option<Value>>,
    total: Option<Value>,
    /// Whether the record list was met (a page without one takes the diagnostic path).
    seen: bool,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            records: Vec::new(),
            keys: Vec::new(),
            total: None,
            seen: false,
        }
    }
}

/// One object on the way to the record list or the total.
struct Walk<'o, 'p, T> {
    /// The keys from here to the record list, if it is below.
    items: Option<&'p [&'p str]>,
    /// The keys from here to the total, if it is below.
    total: Option<&'p [&'p str]>,
    key: &'p str,
    out: &'o mut Records<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Walk<'_, '_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// The rest of `path` below `key`, when `path` goes through it.
fn below<'p>(path: Option<&'p [&'p str]>, key: &str) -> Option<&'p [&'p str]> {
    path?
        .split_first()
        .filter(|(first, _)| **first == key)
        .map(|(_, rest)| rest)
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Walk<'_, '_, T> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("an object holding the page's records")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // A key on the way met twice: over a `Value` the last one counts, so the
        // diagnostic path reads that page.
        let mut entered: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match (below(self.items, &key), below(self.total, &key)) {
                (Some([]), _) => {
                    // Two record lists: the diagnostic path reads the last, as a `Value`.
                    if self.out.seen {
                        return Err(A::Error::custom("the record list appears twice"));
                    }
                    self.out.seen = true;
                    map.next_value_seed(List {
                        key: self.key,
                        out: &mut *self.out,
                    })?;
                }
                (_, Some([])) => self.out.total = Some(map.next_value()?),
                (None, None) => {
                    map.next_value::<IgnoredAny>()?;
                }
                (items, total) => {
                    if entered.contains(&key) {
                        return Err(A::Error::custom("a key on the way appears twice"));
                    }
                    map.next_value_seed(Walk {
                        items,
                        total,
                        key: self.key,
                        out: &mut *self.out,
                    })?;
                    entered.push(key);
                }
            }
        }
        Ok(())
    }
}

/// The record list.
struct List<'o, 'p, T> {
    key: &'p str,
    out: &'o mut Records<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for List<'_, '_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for List<'_, '_, T> {
    type Value = ();

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let keys = [self.key];
        while let Some((record, key)) = seq.next_element_seed(Record {
            keys: &keys,
            key: self.key,
            record: std::marker::PhantomData::<T>,
        })? {
            self.out.records.push(record);
            self.out.keys.push(key);
        }
        Ok(())
    }
}

/// One record, with its cursor key kept aside.
struct Record<'c, 'p, T> {
    keys: &'c [&'p str],
    key: &'p str,
    record: std::marker::PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Record<'_, '_, T> {
    type Value = (T, Option<Value>);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let mut kept = Map::new();
        let tee = Tee {
            inner: deserializer,
            keys: self.keys,
            skeleton: &mut kept,
        };
        let record = T::deserialize(StrictDe(tee))?;
        Ok((record, kept.remove(self.key)))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::*;
    use crate::pager::Cursor;
    use crate::test_ops::FX_OP;

    static PAGING: Pagination = Pagination {
        offset: "data.search_query_info.offset",
        limit: "data.search_query_info.limit",
        default_limit: 2,
        total: Some("data.total"),
        items: "data.dataList",
        max_offset: Some(10),
        cursor: Some(Cursor {
            key: "_id",
            filters: "data.search_query_info.filters",
            filter: "{}",
            orders: "data.search_query_info.orders",
            order: "{}",
        }),
    };

    #[derive(Debug, Deserialize, PartialEq)]
    struct Row {
        #[serde(rename = "_id")]
        id: Option<String>,
        n: i64,
    }

    fn read_page(body: &serde_json::Value) -> Page<Row> {
        let body = body.to_string();
        let (page, _) = read::<Row>(&PAGING, &FX_OP, Mask::of(&FX_OP), 200, body.as_bytes());
        page.expect("the call succeeds").expect("a page")
    }

    fn ids(page: &Page<Row>) -> Vec<Option<&str>> {
        page.keys
            .iter()
            .map(|key| key.as_ref().and_then(Value::as_str))
            .collect()
    }

    #[test]
    fn records_keys_and_total_in_one_pass() {
        let body = json!({"errorCode": 0, "data": {"total": 7, "dataList": [
            {"_id": "a", "n": 1}, {"n": 2}, {"_id": null, "n": 3}
        ]}});
        let page = read_page(&body);
        assert_eq!((page.count, page.total), (3, Some(7)));
        assert_eq!(ids(&page), [Some("a"), None, None]);
        assert_eq!(
            page.keys[2],
            Some(Value::Null),
            "a null key is kept as sent"
        );
        let records: Vec<_> = page.records.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            records[0],
            Row {
                id: Some("a".into()),
                n: 1
            }
        );
        assert_eq!(records.len(), 3);
    }

    #[test]
    fn a_bad_record_keeps_the_ones_before_it_and_names_its_path() {
        let body = json!({"errorCode": 0, "data": {"total": 3, "dataList": [
            {"_id": "a", "n": 1}, {"_id": "b", "n": "two"}, {"_id": "c", "n": 3}
        ]}});
        let page = read_page(&body);
        assert_eq!(page.count, 3);
        assert_eq!(ids(&page), [Some("a"), Some("b"), Some("c")]);
        assert_eq!(page.records.len(), 2, "nothing after the bad record");
        assert!(page.records[0].is_ok());
        match &page.records[1] {
            Err(Error::Decode { path, .. }) => assert_eq!(path, "data.dataList[1].n"),
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn a_repeated_record_list_counts_as_over_a_value() {
        // The last of two equal keys counts, as when the page is parsed as a whole.
        let body = r#"{"errorCode":0,"data":{"dataList":[{"_id":"a","n":1}],"dataList":[]}}"#;
        let (page, _) = read::<Row>(&PAGING, &FX_OP, Mask::of(&FX_OP), 200, body.as_bytes());
        assert_eq!(page.unwrap().unwrap().count, 0);
        let body = r#"{"errorCode":0,"data":{"dataList":[{"_id":"a","n":1}]},"data":{"total":1}}"#;
        let (page, _) = read::<Row>(&PAGING, &FX_OP, Mask::of(&FX_OP), 200, body.as_bytes());
        let page = page.unwrap().unwrap();
        assert_eq!((page.count, page.total), (0, Some(1)));
    }

    #[test]
    fn a_list_that_is_not_one_and_a_vendor_error() {
        let body = json!({"errorCode": 0, "data": {"dataList": {"_id": "a"}}}).to_string();
        let (page, _) = read::<Row>(&PAGING, &FX_OP, Mask::of(&FX_OP), 200, body.as_bytes());
        match page.unwrap() {
            Err(Error::Decode { path, message, .. }) => {
                assert_eq!(path, "data.dataList");
                assert!(message.contains("an object"), "{message}");
            }
            Err(other) => panic!("expected a decode error, got {other:?}"),
            Ok(_) => panic!("expected a decode error"),
        }
        let body = br#"{"errorCode":20016,"errorMessage":"expired","data":{"dataList":[]}}"#;
        let (page, _) = read::<Row>(&PAGING, &FX_OP, Mask::of(&FX_OP), 200, body);
        assert_eq!(
            page.err()
                .and_then(|e| e.vendor_code().map(str::to_owned))
                .as_deref(),
            Some("20016")
        );
    }
}
