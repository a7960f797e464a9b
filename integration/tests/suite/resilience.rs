//! Retry safety through the generated methods: a server that reads each request whole and
//! then hangs up without answering. The vendor may have processed such a request, so only
//! operations the spec marks idempotent may be sent again. The server counts what it read.

use std::io::{ErrorKind, Read};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bindery::fxiaoke::crm::{CreateData, DataCreateRequest, DataGetRequest, GetData};
use bindery::fxiaoke::types::ObjectData;
use bindery::runtime::RetryPolicy;

use crate::common;
use crate::common::CALL_TIMEOUT;

/// Accepts connections on 127.0.0.1, reads one whole request from each (head and
/// `content-length` body), counts it, and closes the connection without a byte of answer.
struct HangUpServer {
    port: u16,
    requests: Arc<AtomicUsize>,
}

impl HangUpServer {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local addr").port();
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let counter = Arc::clone(&counter);
                std::thread::spawn(move || {
                    let mut stream = stream;
                    if read_whole_request(&mut stream) {
                        counter.fetch_add(1, Ordering::SeqCst);
                    }
                    // Counted first, then the connection closes unanswered.
                    drop(stream);
                });
            }
        });
        HangUpServer { port, requests }
    }

    fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Whether a complete request arrived before EOF.
fn read_whole_request(stream: &mut TcpStream) -> bool {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut read_more = |buffer: &mut Vec<u8>| loop {
        match stream.read(&mut chunk) {
            Ok(0) => return false,
            Ok(n) => {
                buffer.extend_from_slice(&chunk[..n]);
                return true;
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    };
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if !read_more(&mut buffer) {
            return false;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        if !read_more(&mut buffer) {
            return false;
        }
    }
    true
}

fn assert_transport(error: &bindery::Error, operation: &str) {
    assert!(
        matches!(error, bindery::Error::Transport { operation: op, .. } if *op == operation),
        "expected a transport error from {operation}, got {error:?}"
    );
}

fn fxiaoke_client(server: &HangUpServer) -> bindery::fxiaoke::Client {
    bindery::fxiaoke::Client::builder()
        .base_url(server.base_url())
        .credentials(bindery::fxiaoke::Credentials::new().with_corp_access_token(
            "CORP-ACCESS-TOKEN-SECRET",
            "corp-1",
            "FSUID_1",
        ))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds")
}

#[tokio::test]
async fn tencent_bind_is_not_repeated_after_a_hang_up() {
    assert!(
        !bindery::tencent_ess::operations::BIND_EMPLOYEE_USER_ID_WITH_CLIENT_OPEN_ID.idempotent
    );
    let server = HangUpServer::start();
    let client = bindery::tencent_ess::Client::builder()
        .base_url(server.base_url())
        .credentials(bindery::tencent_ess::Credentials::new(
            "AKIDtestSecretId0001",
            "SECRET-KEY-123",
        ))
        .timeout(CALL_TIMEOUT)
        .build()
        .expect("client builds");
    let request = common::tencent_bind_request();
    let error = client
        .bind_employee_user_id_with_client_open_id(&request)
        .await
        .unwrap_err();
    assert_transport(&error, "BindEmployeeUserIdWithClientOpenId");
    assert_eq!(
        server.requests(),
        1,
        "a non-idempotent call must not be repeated"
    );
}

#[tokio::test]
async fn fxiaoke_data_create_is_not_repeated_after_a_hang_up() {
    assert!(!bindery::fxiaoke::operations::DATA_CREATE.idempotent);
    let server = HangUpServer::start();
    let request = DataCreateRequest::new(CreateData::new(
        ObjectData::new()
            .data_object_api_name("PaymentObj")
            .extra_field("remark", "once"),
    ));
    let error = fxiaoke_client(&server)
        .data_create(&request)
        .await
        .unwrap_err();
    assert_transport(&error, "dataCreate");
    assert_eq!(
        server.requests(),
        1,
        "a non-idempotent call must not be repeated"
    );
}

#[tokio::test]
async fn fxiaoke_data_get_is_retried_after_a_hang_up() {
    assert!(bindery::fxiaoke::operations::DATA_GET.idempotent);
    let server = HangUpServer::start();
    let request = DataGetRequest::new(GetData::new("PaymentObj", "5a9922dd742c2ff572xxxxxx"));
    let error = fxiaoke_client(&server)
        .data_get(&request)
        .await
        .unwrap_err();
    assert_transport(&error, "dataGet");
    // The builder is given no `retry` policy, so the runtime's default applies.
    let attempts = RetryPolicy::default().max_attempts();
    assert_eq!(attempts, 3);
    assert_eq!(server.requests(), attempts as usize);
}

/// A wiremock server answering every request with Fxiaoke's `-1` ("system busy").
async fn busy_server() -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::any())
        .respond_with(
            wiremock::ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "errorCode": -1,
                "errorMessage": "系统繁忙",
                "traceId": "E-O.busy"
            })),
        )
        .mount(&server)
        .await;
    server
}

fn fxiaoke_client_at(base_url: String) -> bindery::fxiaoke::Client {
    bindery::fxiaoke::Client::builder()
        .base_url(base_url)
        .credentials(bindery::fxiaoke::Credentials::new().with_corp_access_token(
            "CORP-ACCESS-TOKEN-SECRET",
            "corp-1",
            "FSUID_1",
        ))
        .timeout(CALL_TIMEOUT)
        .retry(RetryPolicy::default().with_base_delay(std::time::Duration::ZERO))
        .build()
        .expect("client builds")
}

/// "Busy" does not say the request went unprocessed (unlike 14001 and 30004), so a
/// non-idempotent create that gets it is sent once.
#[tokio::test]
async fn fxiaoke_busy_data_create_is_sent_once() {
    let server = busy_server().await;
    let request = DataCreateRequest::new(CreateData::new(
        ObjectData::new()
            .data_object_api_name("PaymentObj")
            .extra_field("remark", "once"),
    ));
    let error = fxiaoke_client_at(server.uri())
        .data_create(&request)
        .await
        .unwrap_err();
    assert_eq!(error.vendor_code(), Some("-1"), "{error:?}");
    assert_eq!(common::received(&server).await.len(), 1);
}

#[tokio::test]
async fn fxiaoke_busy_data_get_is_retried() {
    let server = busy_server().await;
    let request = DataGetRequest::new(GetData::new("PaymentObj", "5a9922dd742c2ff572xxxxxx"));
    let error = fxiaoke_client_at(server.uri())
        .data_get(&request)
        .await
        .unwrap_err();
    assert_eq!(error.vendor_code(), Some("-1"), "{error:?}");
    assert_eq!(
        common::received(&server).await.len(),
        RetryPolicy::default().max_attempts() as usize
    );
}
