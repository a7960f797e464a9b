//! A local server on 127.0.0.1 that answers every request with one given body and records
//! what it received, as [`Received`] values the checks read.

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One request as the server received it: what the checks look at, in plain types (so a
/// test can also build one by hand, e.g. a tampered copy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Received {
    /// The method (`POST`).
    pub method: String,
    /// The URL path (`/`).
    pub path: String,
    /// The raw query, if the URL had one.
    pub query: Option<String>,
    /// Every header as (lowercase name, value), in arrival order; a value that is not
    /// visible ASCII is kept lossily and then fails the comparison it takes part in.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Received {
    /// Every value of header `name` (compared case-insensitively).
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl From<&wiremock::Request> for Received {
    fn from(request: &wiremock::Request) -> Self {
        Received {
            method: request.method.as_str().to_owned(),
            path: request.url.path().to_owned(),
            query: request.url.query().map(str::to_owned),
            headers: request
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.as_str().to_ascii_lowercase(), value)
                })
                .collect(),
            body: request.body.clone(),
        }
    }
}

/// A started local server answering every request with `status` and a JSON body.
pub struct WireServer {
    inner: MockServer,
}

impl WireServer {
    /// Starts a server on 127.0.0.1 that answers every request with `status` and `body`
    /// (sent as `application/json`).
    pub async fn answering(status: u16, body: &str) -> WireServer {
        let inner = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(status).set_body_raw(body.as_bytes(), "application/json"),
            )
            .mount(&inner)
            .await;
        WireServer { inner }
    }

    /// The base URL (`http://127.0.0.1:<port>`) to point a client at.
    pub fn uri(&self) -> String {
        self.inner.uri()
    }

    /// What a client should send as `host`: `127.0.0.1:<port>`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.inner.address().port())
    }

    /// Every request received so far, in arrival order.
    pub async fn received(&self) -> Vec<Received> {
        self.inner
            .received_requests()
            .await
            .unwrap_or_default()
            .iter()
            .map(Received::from)
            .collect()
    }

    /// The one request received; an error saying how many arrived otherwise.
    pub async fn only_request(&self) -> Result<Received, String> {
        let mut all = self.received().await;
        match all.len() {
            1 => Ok(all.remove(0)),
            n => Err(format!(
                "expected exactly one request, the server received {n}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn records_what_it_received_and_answers_the_body() {
        let server = WireServer::answering(200, r#"{"ok":true}"#).await;
        assert!(
            server.uri().starts_with("http://127.0.0.1:"),
            "{}",
            server.uri()
        );
        assert_eq!(
            server.only_request().await,
            Err("expected exactly one request, the server received 0".to_owned())
        );
        let address = server.host();
        let answer = send(
            &address,
            "POST /x?y=1 HTTP/1.1\r\nHost: h\r\nX-A: b\r\nContent-Length: 2\r\n\r\n{}",
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with(r#"{"ok":true}"#), "{answer}");
        let got = server.only_request().await.expect("one request");
        assert_eq!((got.method.as_str(), got.path.as_str()), ("POST", "/x"));
        assert_eq!(got.query.as_deref(), Some("y=1"));
        assert_eq!(got.header_values("x-a"), ["b"]);
        assert_eq!(got.header_values("HOST"), ["h"]);
        assert_eq!(got.body, b"{}");
    }

    /// Sends raw HTTP/1.1 text and reads the answer until its JSON body ended (the
    /// connection stays open), on a blocking thread so the server keeps running.
    async fn send(address: &str, text: &str) -> String {
        use std::io::{Read, Write};
        let (address, text) = (address.to_owned(), text.to_owned());
        tokio::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(address).expect("connect");
            stream.write_all(text.as_bytes()).expect("write");
            let mut answer = Vec::new();
            let mut buf = [0u8; 1024];
            while !answer.ends_with(b"}") {
                let n = stream.read(&mut buf).expect("read");
                if n == 0 {
                    break;
                }
                answer.extend_from_slice(&buf[..n]);
            }
            String::from_utf8_lossy(&answer).into_owned()
        })
        .await
        .expect("client thread")
    }
}
