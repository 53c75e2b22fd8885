//! Sequential DescribeRepositories calls over loopback against one local
//! keep-alive HTTP/1.1 server (its own thread), each client with its default
//! HTTP client and its endpoint pointed at the server. One call in flight at
//! a time; the connection is set up before timing starts.
use apigen_benches::*;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn loopback(c: &mut Criterion) {
    let endpoint = spawn_server(describe_repositories_body());
    let rt = client_runtime();
    let (ours, aws) = rt.block_on(async {
        let ours = ours_at(&endpoint);
        let aws = aws_at(&endpoint);
        // Warm both: connection established and pooled.
        for _ in 0..10 {
            let o = ours.describe_repositories().send().await.unwrap();
            assert_eq!(o.repositories().len(), 1);
            let a = aws.describe_repositories().send().await.unwrap();
            assert_eq!(a.repositories().len(), 1);
        }
        (ours, aws)
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
    // The floor: the same kind of request and the same response over one
    // raw keep-alive TCP connection: no HTTP library, no signing, no decoding.
    let mut conn = rt.block_on(RawConnection::open(&endpoint));
    let mut run_floor = |iters: u64| {
        rt.block_on(async {
            let start = Instant::now();
            for _ in 0..iters {
                conn.round_trip().await;
            }
            start.elapsed()
        })
    };
    let mut g = c.benchmark_group("loopback_describe_repositories");
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("apigen", |b| b.iter_custom(&mut run_ours));
    g.bench_function("aws-sdk-ecr", |b| b.iter_custom(&mut run_aws));
    g.bench_function("raw-tcp-floor", |b| b.iter_custom(&mut run_floor));
    g.finish();
    paired(
        "loopback_describe_repositories",
        100,
        100,
        &mut [
            ("apigen", &mut run_ours),
            ("aws-sdk-ecr", &mut run_aws),
            ("raw-tcp-floor", &mut run_floor),
        ],
    );
}

/// One plain keep-alive connection sending a request the size of a signed
/// DescribeRepositories and reading the whole fixed-size response.
struct RawConnection {
    stream: tokio::net::TcpStream,
    request: Vec<u8>,
    response_len: usize,
    buf: Vec<u8>,
}

impl RawConnection {
    async fn open(endpoint: &str) -> RawConnection {
        let addr = endpoint.trim_start_matches("http://");
        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.set_nodelay(true).unwrap();
        let body = "{}";
        let request = format!(
            "POST / HTTP/1.1\r\nhost: {addr}\r\ncontent-type: application/x-amz-json-1.1\r\n\
             x-amz-target: AmazonEC2ContainerRegistry_V20150921.DescribeRepositories\r\n\
             x-amz-date: 20240101T000000Z\r\n\
             authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/ecr/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-target, \
             Signature=0000000000000000000000000000000000000000000000000000000000000000\r\n\
             content-length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes();
        let mut conn = RawConnection {
            stream,
            request,
            response_len: 0,
            buf: vec![0; 64 * 1024],
        };
        // Learn the response length from the first response.
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        conn.stream.write_all(&conn.request).await.unwrap();
        let mut got = Vec::new();
        loop {
            let n = conn.stream.read(&mut conn.buf).await.unwrap();
            got.extend_from_slice(&conn.buf[..n]);
            let text = String::from_utf8_lossy(&got);
            if let Some(end) = text.find("\r\n\r\n") {
                let len: usize = text[..end]
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length: "))
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap();
                if got.len() >= end + 4 + len {
                    conn.response_len = end + 4 + len;
                    return conn;
                }
            }
        }
    }

    async fn round_trip(&mut self) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        self.stream.write_all(&self.request).await.unwrap();
        let mut left = self.response_len;
        while left > 0 {
            let n = self.stream.read(&mut self.buf).await.unwrap();
            assert!(n > 0, "server closed");
            left -= n;
        }
        black_box(&self.buf);
    }
}

criterion_group!(benches, loopback);
criterion_main!(benches);
