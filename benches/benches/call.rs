//! One e-Sign call (`BindEmployeeUserIdWithClientOpenId`) against a local server: through the
//! generated client, and by hand with reqwest and the same TC3 signing.

use bindery_benches::{ess, floor, server};
use criterion::{Criterion, criterion_group, criterion_main};

fn call(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let server = runtime.block_on(server::serve(ess::server()));
    let host = server.base_url.trim_start_matches("http://").to_owned();
    let request = ess::request();
    let client = ess::client(&server.base_url);
    let http = reqwest::Client::new();

    let mut group = c.benchmark_group("call");
    group.bench_function("bindery", |b| {
        b.to_async(&runtime).iter(|| async {
            client
                .bind_employee_user_id_with_client_open_id(&request)
                .await
                .expect("the call succeeds")
        });
    });
    group.bench_function("reqwest", |b| {
        b.to_async(&runtime).iter(|| async {
            floor::ess_call(&http, &server.base_url, &host, &request)
                .await
                .expect("the call succeeds")
        });
    });
    group.finish();
}

criterion_group!(benches, call);
criterion_main!(benches);
