//! A hello-world server on the runtime's hyper stack (`server::serve`):
//! the baseline `benches/server.sh` measures a generated router against.
//! Usage: hello_server ADDR

use apigen_runtime::bytes::Bytes;
use apigen_runtime::server::{self, ResponseBody};
use std::convert::Infallible;
use std::future::{ready, Ready};
use std::task::{Context, Poll};

#[derive(Clone)]
struct Hello;

impl<B> apigen_runtime::tower_service::Service<http::Request<B>> for Hello {
    type Response = http::Response<ResponseBody>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: http::Request<B>) -> Self::Future {
        ready(Ok(http::Response::new(ResponseBody::new(
            Bytes::from_static(b"hello, world"),
        ))))
    }
}

fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:5001".into());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        println!(
            "hello_server listening on http://{}",
            listener.local_addr()?
        );
        server::serve(
            listener,
            Hello,
            server::ServeOptions::default(),
            server::shutdown_signal(),
        )
        .await
    })
}
