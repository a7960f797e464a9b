//! The TC3-HMAC-SHA256 `Authorization` header: the runtime's signer beside a direct
//! hmac / sha2 / hex one.

use bindery_benches::{ess, floor};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn sign(c: &mut Criterion) {
    let body = serde_json::to_vec(&ess::request()).expect("serializes");
    let timestamp = 1_700_000_000;
    let mut group = c.benchmark_group("sign");
    group.bench_function("bindery", |b| {
        b.iter(|| {
            bindery_runtime::tencent::tc3_authorization(
                ess::SECRET_ID,
                ess::SECRET_KEY,
                "ess",
                black_box("ess.tencentcloudapi.com"),
                "application/json",
                black_box(&body),
                timestamp,
            )
        });
    });
    // The floor is given the date: a hand-written signer would still have to format it, so
    // this floor is, if anything, too kind.
    group.bench_function("hand", |b| {
        b.iter(|| {
            floor::tc3_authorization(
                black_box("ess.tencentcloudapi.com"),
                black_box(&body),
                timestamp,
                "2023-11-14",
            )
        });
    });
    group.finish();
}

criterion_group!(benches, sign);
criterion_main!(benches);
