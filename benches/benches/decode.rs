//! Decode: one `DescribeImages` call whose in-memory response holds 1000
//! fully filled `imageDetails` (~980 kB of JSON), for both clients; plus
//! ours decoding the body with the runtime's JSON decoder alone, for
//! reference. Criterion measures each case; then an interleaved paired run
//! gives the ratio.
use apigen_benches::*;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn decode(c: &mut Criterion) {
    let body = describe_images_body(1000);
    let rt = client_runtime();
    let ours = ours_in_memory(body.clone());
    let aws = aws_in_memory(body.clone());

    // Both decode the whole page before anything is timed.
    rt.block_on(async {
        let o = ours
            .describe_images()
            .repository_name("r")
            .send()
            .await
            .unwrap();
        assert_eq!(o.image_details().len(), 1000);
        let d = &o.image_details()[0];
        assert!(d.image_scan_findings_summary().is_some() && d.last_activated_at().is_some());
        let a = aws
            .describe_images()
            .repository_name("r")
            .send()
            .await
            .unwrap();
        assert_eq!(a.image_details().len(), 1000);
        let d = &a.image_details()[0];
        assert!(d.image_scan_findings_summary().is_some() && d.last_activated_at().is_some());
    });

    let mut run_ours = |iters: u64| {
        rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                let out = ours.describe_images().repository_name("r").send().await;
                black_box(out.unwrap());
            }
            start.elapsed()
        })
    };
    let mut run_aws = |iters: u64| {
        rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                let out = aws.describe_images().repository_name("r").send().await;
                black_box(out.unwrap());
            }
            start.elapsed()
        })
    };
    let mut run_decoder = |iters: u64| {
        let start = Instant::now();
        for _ in 0..iters {
            let out = apigen_runtime::wire::from_json_slice::<
                ecr::operation::describe_images::DescribeImagesOutput,
            >(black_box(&body));
            black_box(out.unwrap());
        }
        start.elapsed()
    };

    let mut g = c.benchmark_group("decode_describe_images_1000");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.sample_size(40).measurement_time(Duration::from_secs(10));
    g.bench_function("apigen", |b| b.iter_custom(&mut run_ours));
    g.bench_function("aws-sdk-ecr", |b| b.iter_custom(&mut run_aws));
    g.bench_function("apigen_decoder_only", |b| b.iter_custom(&mut run_decoder));
    g.finish();

    paired(
        "decode_describe_images_1000",
        60,
        20,
        &mut [
            ("apigen", &mut run_ours),
            ("aws-sdk-ecr", &mut run_aws),
            ("apigen_decoder_only", &mut run_decoder),
        ],
    );
}

criterion_group!(benches, decode);
criterion_main!(benches);
