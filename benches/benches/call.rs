//! Fixed cost of one call over an in-memory transport: build the request,
//! sign it, run the retry/timeout machinery, decode a tiny response. Two
//! responses: `{}` (DescribeRepositories with nothing in it) and a small
//! DescribeRepositories page with one fully filled repository (~420 B).
//! Criterion measures each case; then an interleaved paired run.
use apigen_benches::*;
use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;

fn group(c: &mut Criterion, name: &str, body: Bytes, repositories: usize) {
    let rt = client_runtime();
    let ours = ours_in_memory(body.clone());
    let aws = aws_in_memory(body);
    rt.block_on(async {
        let o = ours.describe_repositories().send().await.unwrap();
        assert_eq!(o.repositories().len(), repositories);
        let a = aws.describe_repositories().send().await.unwrap();
        assert_eq!(a.repositories().len(), repositories);
    });
    let mut run_ours = |iters: u64| {
        rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(ours.describe_repositories().send().await.unwrap());
            }
            start.elapsed()
        })
    };
    let mut run_aws = |iters: u64| {
        rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                black_box(aws.describe_repositories().send().await.unwrap());
            }
            start.elapsed()
        })
    };
    let mut g = c.benchmark_group(name);
    g.bench_function("apigen", |b| b.iter_custom(&mut run_ours));
    g.bench_function("aws-sdk-ecr", |b| b.iter_custom(&mut run_aws));
    g.finish();
    paired(
        name,
        100,
        500,
        &mut [("apigen", &mut run_ours), ("aws-sdk-ecr", &mut run_aws)],
    );
}

fn call(c: &mut Criterion) {
    group(c, "call_empty_response", Bytes::from_static(b"{}"), 0);
    group(
        c,
        "call_describe_repositories_small",
        describe_repositories_body(),
        1,
    );
}

criterion_group!(benches, call);
criterion_main!(benches);
