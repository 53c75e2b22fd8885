//! Endpoint resolution from ECR's rule set, the same rules both ways: our
//! interpreter (`apigen_runtime::endpoint`) against aws-sdk-ecr's resolver,
//! which smithy-rs compiled to Rust. apigen resolves once per client (and
//! per call only for operations with endpoint parameters of their own);
//! aws-sdk-ecr resolves on every call. Both are measured per resolution.
use apigen_runtime::endpoint::{resolve_with_rules, EndpointSettings, RuleSet};
use aws_sdk_ecr::config::endpoint::{Params, ResolveEndpoint};
use criterion::{criterion_group, criterion_main, Criterion};
use std::future::Future;
use std::hint::black_box;
use std::task::{Context, Poll, Waker};

/// ECR's rule set, from the official model (target/aws-models, extracted by
/// scripts/aws-crates.sh or the tests).
fn ecr_rules() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../target/aws-models/ecr/service/2015-09-21/ecr-2015-09-21.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: {e} (extract the models: bash scripts/aws-crates.sh ecr)")
    });
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    model["shapes"]["com.amazonaws.ecr#AmazonEC2ContainerRegistry_V20150921"]["traits"]
        ["smithy.rules#endpointRuleSet"]
        .to_string()
}

fn endpoint(c: &mut Criterion) {
    let rules = RuleSet::parse(&ecr_rules()).unwrap();
    let settings = |fips| EndpointSettings {
        region: Some("us-east-1"),
        use_fips: fips,
        use_dual_stack: false,
        endpoint_url: None,
        params: &[],
    };
    let resolver = aws_sdk_ecr::config::endpoint::DefaultResolver::new();
    let theirs = |fips: bool| {
        let params = Params::builder()
            .region("us-east-1")
            .use_fips(fips)
            .build()
            .unwrap();
        let mut future = std::pin::pin!(resolver.resolve_endpoint(&params));
        let mut cx = Context::from_waker(Waker::noop());
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(result) => result.unwrap(),
            Poll::Pending => panic!("the default resolver is synchronous"),
        }
    };
    // The regional endpoint is the same from both. With FIPS they differ:
    // aws-sdk-ecr on crates.io carries a newer ECR rule set than the
    // model in ../shared (2025-04-02), which names `api.ecr-fips` hosts.
    let ours = resolve_with_rules(&rules, settings(false)).unwrap();
    assert_eq!(ours.url, theirs(false).url());
    assert!(resolve_with_rules(&rules, settings(true))
        .unwrap()
        .url
        .contains("fips"));
    assert!(theirs(true).url().contains("fips"));
    let mut g = c.benchmark_group("endpoint_us_east_1");
    g.bench_function("apigen", |b| {
        b.iter(|| black_box(resolve_with_rules(&rules, settings(false)).unwrap()))
    });
    g.bench_function("aws-sdk-ecr", |b| b.iter(|| black_box(theirs(false))));
    g.finish();
    let mut g = c.benchmark_group("endpoint_fips");
    g.bench_function("apigen", |b| {
        b.iter(|| black_box(resolve_with_rules(&rules, settings(true)).unwrap()))
    });
    g.bench_function("aws-sdk-ecr", |b| b.iter(|| black_box(theirs(true))));
    g.finish();
    let mut g = c.benchmark_group("endpoint_rule_set_parse");
    let json = ecr_rules();
    g.bench_function("apigen", |b| {
        b.iter(|| black_box(RuleSet::parse(&json).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, endpoint);
criterion_main!(benches);
