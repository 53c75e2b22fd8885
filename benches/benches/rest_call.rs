//! Fixed cost of one restJson1 call over an in-memory transport, apigen's
//! Lambda client (generated from the official model) beside aws-sdk-lambda:
//! a label in the path and a query parameter to bind, SigV4, the retry and
//! timeout machinery, and a small GetFunctionConfiguration answer decoded.
use apigen_benches::*;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;

/// One GetFunctionConfiguration call on `client`, sent: the same call for
/// both clients, whose builders have the same shape.
macro_rules! call {
    ($client:expr) => {
        $client
            .get_function_configuration()
            .function_name("bench")
            .qualifier("$LATEST")
            .send()
    };
}

/// `iters` calls on `client`, timed.
macro_rules! time_calls {
    ($client:expr, $iters:expr) => {
        async {
            let start = Instant::now();
            for _ in 0..$iters {
                black_box(call!($client).await.unwrap());
            }
            start.elapsed()
        }
    };
}

fn rest_call(c: &mut Criterion) {
    let name = "rest_call_get_function_configuration";
    let rt = client_runtime();
    let ours = ours_lambda_in_memory(function_configuration_body());
    let aws = aws_lambda_in_memory(function_configuration_body());
    rt.block_on(async {
        assert_eq!(call!(ours).await.unwrap().memory_size(), Some(128));
        assert_eq!(call!(aws).await.unwrap().memory_size(), Some(128));
    });
    let mut run_ours = |iters: u64| rt.block_on(time_calls!(ours, iters));
    let mut run_aws = |iters: u64| rt.block_on(time_calls!(aws, iters));
    let mut g = c.benchmark_group(name);
    g.bench_function("apigen", |b| b.iter_custom(&mut run_ours));
    g.bench_function("aws-sdk-lambda", |b| b.iter_custom(&mut run_aws));
    g.finish();
    paired(
        name,
        100,
        500,
        &mut [("apigen", &mut run_ours), ("aws-sdk-lambda", &mut run_aws)],
    );
}

criterion_group!(benches, rest_call);
criterion_main!(benches);
