//! The front door: `GET /layers/<repository>/<digest>?expires=…&signature=…`
//! (the URLs `GetDownloadUrlForLayer` hands out) served here, everything
//! else passed to the generated router.

use crate::LocalEcr;
use apigen_runtime::bytes::Bytes;
use apigen_runtime::http_types::{Method, Request, Response, StatusCode};
use apigen_runtime::server::ResponseBody;
use apigen_runtime::tower_service::Service;
use ecr::server::EcrRouter;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// [`EcrRouter`] with the layer download route in front.
#[derive(Clone)]
pub struct Frontend {
    ecr: LocalEcr,
    router: EcrRouter<LocalEcr>,
}

impl Frontend {
    /// `router` (over `ecr`) behind the download route.
    pub fn new(ecr: LocalEcr, router: EcrRouter<LocalEcr>) -> Self {
        Frontend { ecr, router }
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

fn plain(status: StatusCode, text: impl Into<String>) -> Response<ResponseBody> {
    Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .body(ResponseBody::new(Bytes::from(text.into())))
        .unwrap()
}

impl<B> Service<Request<B>> for Frontend
where
    EcrRouter<LocalEcr>: Service<
        Request<B>,
        Response = Response<ResponseBody>,
        Error = Infallible,
        Future = BoxFuture<Result<Response<ResponseBody>, Infallible>>,
    >,
{
    type Response = Response<ResponseBody>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Response<ResponseBody>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let is_download = matches!(*request.method(), Method::GET | Method::HEAD)
            && request.uri().path().starts_with("/layers/");
        if !is_download {
            return self.router.call(request);
        }
        let ecr = self.ecr.clone();
        let head = request.method() == Method::HEAD;
        let uri = request.uri().clone();
        Box::pin(async move { Ok(download(ecr, &uri, head).await) })
    }
}

async fn download(
    ecr: LocalEcr,
    uri: &apigen_runtime::http_types::Uri,
    head: bool,
) -> Response<ResponseBody> {
    let path = &uri.path()["/layers/".len()..];
    let Some((repo, digest)) = path.rsplit_once('/') else {
        return plain(StatusCode::NOT_FOUND, "no such layer\n");
    };
    let mut expires = None;
    let mut signature = None;
    for pair in uri.query().unwrap_or("").split('&') {
        match pair.split_once('=') {
            Some(("expires", v)) => expires = v.parse::<i64>().ok(),
            Some(("signature", v)) => signature = Some(v.to_string()),
            _ => {}
        }
    }
    let (Some(expires), Some(signature)) = (expires, signature) else {
        return plain(
            StatusCode::FORBIDDEN,
            "a download URL needs its expires and signature parameters\n",
        );
    };
    match ecr
        .download(repo.to_string(), digest.to_string(), expires, signature)
        .await
    {
        Ok(Some(data)) => {
            let len = data.len();
            let body = if head {
                Bytes::new()
            } else {
                Bytes::from(data)
            };
            Response::builder()
                .status(StatusCode::OK)
                .header("content-type", "application/octet-stream")
                .header("content-length", len)
                .header("docker-content-digest", digest)
                .body(ResponseBody::new(body))
                .unwrap()
        }
        Ok(None) => plain(StatusCode::NOT_FOUND, "no such layer\n"),
        Err(reason) => plain(StatusCode::FORBIDDEN, format!("{reason}\n")),
    }
}
