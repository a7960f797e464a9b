//! The command line (`bindery-mock`, feature `cli`; `cargo xtask mock` runs it): the base URL
//! it prints is served with the credentials given, each request is logged with its verdict,
//! secrets are not printed, and an unknown provider is named with the ones there are.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use bindery::mingdao::user::RemoveUserRequest;
use bindery_mock::mingdao;

use crate::mingdao::client_at as client;

const SECRET: &str = "cli-secret-5f2a";

/// The server process, killed when the test ends however it ends.
struct Server {
    child: Child,
    lines: Receiver<String>,
}

impl Server {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bindery-mock"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the command line starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Server { child, lines }
    }

    /// The next line printed; a test fails rather than waits for one that never comes.
    fn line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(30))
            .expect("a line within 30 s")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn the_printed_url_serves_with_the_given_secret_and_each_verdict_is_logged() {
    let server = Server::start(&[
        "--provider",
        "mingdao",
        "--credential",
        &format!("secret_key={SECRET}"),
    ]);
    let banner = server.line();
    let url = banner
        .strip_prefix("mingdao mock listening on ")
        .unwrap_or_else(|| panic!("not the banner: {banner}"))
        .to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let credentials = server.line();
    assert!(
        credentials.starts_with("credentials checked: "),
        "{credentials}"
    );
    assert!(!credentials.contains(SECRET), "{credentials}");

    let request = RemoveUserRequest::new("wecom-zhangsan");
    client(&url, SECRET)
        .remove_user(&request)
        .await
        .expect("signed with the given secret: passes");
    assert_eq!(
        server.line(),
        "POST /v2/user/removeUser removeUser answered HTTP 200"
    );

    let refused = client(&url, mingdao::SECRET_KEY)
        .remove_user(&request)
        .await;
    assert!(refused.is_err(), "the default secret is not the given one");
    let logged = server.line();
    assert!(
        logged.starts_with(&format!(
            "POST /v2/user/removeUser removeUser rejected {}: ",
            mingdao::FAILURE
        )),
        "{logged}"
    );
    assert!(!logged.contains(SECRET), "{logged}");
}

#[test]
fn an_unknown_provider_exits_2_naming_the_providers_there_are() {
    let output = Command::new(env!("CARGO_BIN_EXE_bindery-mock"))
        .args(["--provider", "nosuch"])
        .output()
        .expect("the command line runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid value 'nosuch' for '--provider <PROVIDER>'")
            && stderr.contains("[possible values: fxiaoke, mingdao, tencent_ess]"),
        "{stderr}"
    );
}
