//! Decoding a 1,000-record CRM `dataQuery` answer (about 850 KB) through the runtime, beside
//! `serde_json::from_slice` into the same generated type and into a `Value`.

use bindery::fxiaoke::crm::DataQueryResponse;
use bindery::fxiaoke::operations::DATA_QUERY;
use bindery_benches::crm;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;
use std::hint::black_box;

fn decode(c: &mut Criterion) {
    let body = crm::page(0, 1000, 1000);
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("bindery", |b| {
        b.iter(|| {
            bindery_runtime::decode_response::<DataQueryResponse>(
                &DATA_QUERY,
                200,
                black_box(&body),
            )
            .expect("the page decodes")
        });
    });
    group.bench_function("serde_typed", |b| {
        b.iter(|| serde_json::from_slice::<DataQueryResponse>(black_box(&body)).expect("typed"));
    });
    group.bench_function("serde_value", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)).expect("value"));
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
