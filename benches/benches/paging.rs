//! Streaming every record of a local CRM (10,000 and 100,000 records, pages of 100):
//! `data_query_stream` beside a hand-written offset pager decoding into the same record type.

use bindery::fxiaoke::crm::{DataQueryRequest, QueryData};
use bindery::fxiaoke::types::SearchQueryInfo;
use bindery::fxiaoke::{Client, Credentials};
use bindery::runtime::stream::StreamExt;
use bindery_benches::{crm, floor, server};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const PAGE: usize = 100;

fn paging(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let http = reqwest::Client::new();
    let mut group = c.benchmark_group("paging");
    group.sample_size(10);
    for records in [10_000, 100_000] {
        let server = runtime.block_on(server::serve(crm::server(records, PAGE)));
        let client = Client::builder()
            .base_url(&server.base_url)
            .rate_limiting(false)
            .credentials(Credentials::new().with_corp_access_token("T", "C", "FSUID_1"))
            .build()
            .expect("client builds");
        let request = DataQueryRequest::new(QueryData::new("PaymentObj", SearchQueryInfo::new()));
        group.bench_function(BenchmarkId::new("bindery", records), |b| {
            b.to_async(&runtime).iter(|| async {
                let mut stream = client.data_query_stream(&request);
                let mut count = 0;
                while let Some(record) = stream.next().await {
                    std::hint::black_box(record.expect("a record"));
                    count += 1;
                }
                assert_eq!(count, records);
            });
        });
        group.bench_function(BenchmarkId::new("hand", records), |b| {
            b.to_async(&runtime).iter(|| async {
                let count = floor::crm_pager(&http, &server.base_url, PAGE, |record| {
                    std::hint::black_box(record);
                })
                .await
                .expect("pages");
                assert_eq!(count, records);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, paging);
criterion_main!(benches);
