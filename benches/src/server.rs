//! A local HTTP/1.1 server on 127.0.0.1 with keep-alive that answers every request with what
//! a handler makes of its body. Lighter than a mock server on purpose: its cost is paid by
//! both sides of a comparison, so the less it costs, the less it hides of a ratio.

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// What the server answers to a request body: a status and the response body.
pub type Handler = Arc<dyn Fn(&[u8]) -> (u16, Bytes) + Send + Sync>;

/// A running server; it stops when dropped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    accept: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Starts a server on a free port of 127.0.0.1 on the current tokio runtime.
///
/// # Panics
///
/// If no local port can be bound (a benchmark cannot run without one).
pub async fn serve(handler: Handler) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free local port");
    let base_url = format!("http://{}", listener.local_addr().expect("bound address"));
    let accept = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            let handler = handler.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request: Request<hyper::body::Incoming>| {
                    let handler = handler.clone();
                    async move {
                        let body = request
                            .into_body()
                            .collect()
                            .await
                            .map(|collected| collected.to_bytes())
                            .unwrap_or_default();
                        let (status, answer) = handler(&body);
                        let mut response = Response::new(Full::new(answer));
                        *response.status_mut() =
                            hyper::StatusCode::from_u16(status).unwrap_or_default();
                        response.headers_mut().insert(
                            hyper::header::CONTENT_TYPE,
                            hyper::header::HeaderValue::from_static("application/json"),
                        );
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Server { base_url, accept }
}
