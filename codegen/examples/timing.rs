//! Rough phase timings of `apigen generate` on the bundled specs; the
//! recorded benchmark is `benches/run.sh` (see BENCHMARKS.md).
fn main() {
    let opts = apigen::LoadOptions {
        swagger: vec!["specs/ecr/ecr-swagger.yaml".into()],
        models: vec!["specs/ecr".into()],
        ..Default::default()
    };
    let runs = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let t = std::time::Instant::now();
    let mut loaded = apigen::load(&opts);
    for _ in 1..runs {
        loaded = apigen::load(&opts);
    }
    eprintln!("load {:?}", t.elapsed() / runs);
    let mut d = apigen::diag::Diagnostics::new();
    let t = std::time::Instant::now();
    let files = apigen::emit::emit(&loaded.model, &Default::default(), &mut d)
        .unwrap()
        .files;
    eprintln!("emit+format {:?} ({} files)", t.elapsed(), files.len());
}
