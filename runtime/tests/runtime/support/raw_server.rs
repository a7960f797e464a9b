//! A raw HTTP/1.1 server on loopback that answers each request by a script and counts (and
//! times) every request it reads: for faults a mock server cannot produce (dropped and
//! reset connections, hangs, bodies longer than they say).

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// What the server does with request number `n` (0-based, across connections).
#[derive(Clone)]
pub enum Action {
    /// Answer with a complete response (and keep the connection).
    Respond {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Answer with these exact bytes, then close.
    Raw(Vec<u8>),
    /// Close the connection without answering.
    Drop,
    /// Read the request, then reset the connection (RST, not FIN) without answering.
    Reset,
    /// Wait this long without answering, then close.
    Hang(Duration),
}

impl Action {
    /// A JSON answer with `status`.
    pub fn json(status: u16, body: Value) -> Self {
        Action::Respond {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.to_string().into_bytes(),
        }
    }

    /// This answer with one more header.
    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        if let Action::Respond { headers, .. } = &mut self {
            headers.push((name, value.to_owned()));
        }
        self
    }
}

/// A request as the server read it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// When the server had read it.
    pub at: Instant,
    /// Request line and headers.
    pub head: String,
    /// The body, as long as `content-length` said.
    pub body: Vec<u8>,
}

impl Seen {
    /// The request's path, without the query.
    pub fn path(&self) -> &str {
        let target = self.head.split(' ').nth(1).unwrap_or_default();
        target.split('?').next().unwrap_or_default()
    }

    /// The value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// A running server; its threads live as long as the test binary.
pub struct Server {
    /// The loopback port it listens on.
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server answering request number `n` with `script(n)`.
    pub fn start(script: impl Fn(usize) -> Action + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (script, log) = (Arc::clone(&script), Arc::clone(&log));
                std::thread::spawn(move || serve(stream, &*script, &log));
            }
        });
        Server { port, seen }
    }

    /// Answers every request the same way.
    pub fn always(action: Action) -> Server {
        Server::start(move |_| action.clone())
    }

    /// Answers the first request with `first`, all later ones with `then`.
    pub fn first_then(first: Action, then: Action) -> Server {
        Server::start(move |n| if n == 0 { first.clone() } else { then.clone() })
    }

    /// Every request read so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// How many requests were read so far.
    pub fn count(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
}

fn serve(
    mut stream: TcpStream,
    script: &(dyn Fn(usize) -> Action + Send + Sync),
    log: &Mutex<Vec<Seen>>,
) {
    let mut buffer = Vec::new();
    loop {
        let Some((head, body)) = read_request(&mut stream, &mut buffer) else {
            return;
        };
        let action = {
            let mut log = log.lock().unwrap();
            log.push(Seen {
                at: Instant::now(),
                head,
                body,
            });
            script(log.len() - 1)
        };
        match action {
            Action::Respond {
                status,
                headers,
                body,
            } => {
                let mut response =
                    format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
                for (name, value) in headers {
                    response.push_str(&format!("{name}: {value}\r\n"));
                }
                response.push_str("\r\n");
                let mut bytes = response.into_bytes();
                bytes.extend_from_slice(&body);
                if stream.write_all(&bytes).is_err() {
                    return;
                }
            }
            Action::Raw(bytes) => {
                let _ = stream.write_all(&bytes);
                let _ = stream.shutdown(Shutdown::Write);
                // Let the client read the answer before the socket goes away.
                std::thread::sleep(Duration::from_millis(200));
                return;
            }
            Action::Drop => return,
            Action::Reset => {
                // Linger 0: closing sends RST, as a crashing peer or a middlebox would.
                let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
                return;
            }
            Action::Hang(time) => {
                std::thread::sleep(time);
                return;
            }
        }
    }
}

/// Reads one whole request (head and `content-length` body); `None` at EOF.
fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<(String, Vec<u8>)> {
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    let body = buffer[head_end..head_end + length].to_vec();
    buffer.drain(..head_end + length);
    Some((head, body))
}
