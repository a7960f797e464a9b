//! Peak heap while streaming 10,000 and 100,000 CRM records, through `data_query_stream` and
//! through the hand-written pager: a stream that holds one page at a time has the same peak
//! at both counts. Heap is counted by a global allocator wrapper, from a baseline taken after
//! the local server has made its pages (the server's share is not the client's).
//!
//! `cargo bench -p bindery-benches --bench memory` prints a Markdown table.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use bindery::fxiaoke::crm::{DataQueryRequest, QueryData};
use bindery::fxiaoke::types::SearchQueryInfo;
use bindery::fxiaoke::{Client, Credentials};
use bindery::runtime::stream::StreamExt;
use bindery_benches::{crm, floor, server};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is `System::alloc`'s.
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is `System::dealloc`'s.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is `System::realloc`'s.
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let now = IN_USE.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `work` and returns the peak heap above what was in use when it started, in bytes.
async fn peak_of<F: Future<Output = usize>>(records: usize, work: F) -> usize {
    let base = IN_USE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let count = work.await;
    assert_eq!(count, records, "every record streamed");
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing else useful. Both
    // run this in full: it takes seconds.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    println!("| records | bindery stream peak | hand-written pager peak | ratio |");
    println!("|---:|---:|---:|---:|");
    runtime.block_on(async {
        let http = reqwest::Client::new();
        for records in [10_000, 100_000] {
            let server = server::serve(crm::server(records, 100)).await;
            let client = Client::builder()
                .base_url(&server.base_url)
                .rate_limiting(false)
                .credentials(Credentials::new().with_corp_access_token("T", "C", "FSUID_1"))
                .build()
                .expect("client builds");
            let request =
                DataQueryRequest::new(QueryData::new("PaymentObj", SearchQueryInfo::new()));
            let bindery = peak_of(records, async {
                let mut stream = client.data_query_stream(&request);
                let mut count = 0;
                while let Some(record) = stream.next().await {
                    drop(record.expect("a record"));
                    count += 1;
                }
                count
            })
            .await;
            let hand = peak_of(records, async {
                floor::crm_pager(&http, &server.base_url, 100, drop)
                    .await
                    .expect("pages")
            })
            .await;
            println!(
                "| {records} | {:.1} KiB | {:.1} KiB | {:.2}× |",
                bindery as f64 / 1024.0,
                hand as f64 / 1024.0,
                bindery as f64 / hand as f64
            );
        }
    });
}
