//! Credential checks, variables, the home directory and the INI dialect; helpers the
//! vendors' credential tests share (`lookup`, `TempFile`).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::profile::Ini;
use super::*;

/// A lookup over fixed pairs, for `from_lookup` tests.
pub(crate) fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| map.get(name).cloned()
}

/// A file under the temp directory with a name unique to this process and
/// call; removed on drop.
pub(crate) struct TempFile(pub(crate) PathBuf);

impl TempFile {
    pub(crate) fn with(contents: &str) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "bindery-runtime-test-{}-{}.ini",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, contents).expect("temp dir is writable");
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn message(error: Error) -> String {
    match error {
        Error::Credentials { message, .. } => message,
        other => panic!("expected a credentials error, got {other}"),
    }
}

#[test]
fn empty_given_credentials_are_named_with_their_source_never_shown() {
    let env = Source::Env;
    let code = Source::Code("Credentials::new");
    let profile = Source::Profile {
        path: PathBuf::from("/home/me/.tencentcloud/credentials"),
        section: "default".to_owned(),
    };
    let given = [
        Given::new(
            "SecretId",
            &env,
            Some("TENCENTCLOUD_SECRET_ID"),
            None,
            "AKID",
        ),
        Given::new(
            "SecretKey",
            &env,
            Some("TENCENTCLOUD_SECRET_KEY"),
            None,
            " \n",
        ),
        Given::new("user id", &code, None, None, ""),
        Given::new("token", &profile, None, Some("token"), "\t"),
    ];
    assert_eq!(
        check_given("Bind", &given),
        Err(
            "operation `Bind` cannot be authorised: empty SecretKey (environment variable \
             `TENCENTCLOUD_SECRET_KEY`), empty user id (given in code to `Credentials::new`), \
             empty token (key `token` in section `[default]` of profile file \
             `/home/me/.tencentcloud/credentials`)"
                .to_owned()
        )
    );
    assert_eq!(check_given("Bind", &given[..1]), Ok(()));
    assert_eq!(check_given("Bind", &[]), Ok(()));
}

#[test]
fn header_values_must_be_visible_ascii() {
    assert!(is_header_safe("AKID-x_1.2~/+="));
    for bad in ["", "a b", "a\tb", "a\r\nb", "caf\u{e9}", "\u{7f}", "令牌"] {
        assert!(!is_header_safe(bad), "{bad:?}");
    }
    let code = Source::Code("Credentials::with_token");
    let given = [Given::new("session token", &code, None, None, "TOK\u{e9}N-VALUE").in_header()];
    let message = check_given("Bind", &given).unwrap_err();
    assert!(
        message.contains("session token (given in code to `Credentials::with_token`)")
            && message.contains("HTTP header")
            && !message.contains("TOK"),
        "{message}"
    );
    // The same value outside a header is fine.
    let body = [Given::new("secret", &code, None, None, "caf\u{e9}")];
    assert_eq!(check_given("Bind", &body), Ok(()));
}

#[test]
fn required_and_optional_vars() {
    let env = lookup(&[("SET", "  value \n"), ("EMPTY", ""), ("BLANK", "  ")]);
    assert_eq!(required_var("p", &env, "SET").unwrap(), "value");
    let unset = message(required_var("p", &env, "UNSET").unwrap_err());
    assert_eq!(unset, "environment variable `UNSET` is not set");
    let empty = message(required_var("p", &env, "EMPTY").unwrap_err());
    assert_eq!(empty, "environment variable `EMPTY` is empty");
    let blank = message(required_var("p", &env, "BLANK").unwrap_err());
    assert_eq!(blank, "environment variable `BLANK` is empty");
    assert_eq!(optional_var(&env, "SET").as_deref(), Some("value"));
    assert_eq!(optional_var(&env, "EMPTY"), None);
    assert_eq!(optional_var(&env, "UNSET"), None);
}

#[test]
fn real_process_env_is_read() {
    // PATH is set in any environment the tests run in; nothing is mutated.
    let from_process = process_env("PATH");
    assert_eq!(from_process, std::env::var("PATH").ok());
    assert_eq!(
        process_env("BINDERY_RUNTIME_TEST_SURELY_UNSET_7f3a9c"),
        None
    );
}

#[test]
fn home_directory() {
    let home = home_dir("p", &lookup(&[("HOME", "/home/me")])).unwrap();
    assert_eq!(home, PathBuf::from("/home/me"));
    let none = message(home_dir("p", &lookup(&[("HOME", "")])).unwrap_err());
    assert!(none.contains("HOME"), "{none}");
    if cfg!(windows) {
        let home = home_dir("p", &lookup(&[("USERPROFILE", r"C:\Users\me")])).unwrap();
        assert_eq!(home, PathBuf::from(r"C:\Users\me"));
    } else {
        // USERPROFILE is a Windows convention only.
        assert!(home_dir("p", &lookup(&[("USERPROFILE", "/x")])).is_err());
    }
}

#[test]
fn ini_dialect() {
    let text = "\u{feff}orphan = ignored\n\
                # comment\n\
                ; another comment\n\
                \n\
                [default]\n\
                Secret_Id = AKID-1 \n\
                secret_key=  k;ey#1  \n\
                \t[ other ]\n\
                secret_id: AKID-2\n\
                url = http://host:80/x\n\
                [default]\n\
                token =\n";
    let ini = Ini::parse(text).unwrap();
    let default = ini.section("default").unwrap();
    assert_eq!(default.get("secret_id").map(String::as_str), Some("AKID-1"));
    assert_eq!(
        default.get("secret_key").map(String::as_str),
        Some("k;ey#1")
    );
    assert_eq!(default.get("token").map(String::as_str), Some(""));
    let other = ini.section("other").unwrap();
    assert_eq!(other.get("secret_id").map(String::as_str), Some("AKID-2"));
    assert_eq!(
        other.get("url").map(String::as_str),
        Some("http://host:80/x")
    );
    assert!(ini.section("orphan").is_none());
    assert!(ini.section("").is_none());
    assert!(ini.section("Default").is_none());
}

#[test]
fn ini_errors_give_the_line_only() {
    assert_eq!(Ini::parse("[a]\nkey = v\njust words\n").err(), Some(3));
    assert_eq!(Ini::parse("[unclosed\n").err(), Some(1));
    assert_eq!(Ini::parse("[a]\n = value\n").err(), Some(2));
    assert!(Ini::parse("").is_ok());
    // Windows line endings.
    let ini = Ini::parse("[a]\r\nk = v\r\n").unwrap();
    assert_eq!(
        ini.section("a").unwrap().get("k").map(String::as_str),
        Some("v")
    );
}

#[test]
fn profile_section_errors_name_file_section_and_key() {
    let file = TempFile::with("[default]\nsecret_id = AKID\nsecret_key =\n");
    let shown = file.0.display().to_string();
    let section = ProfileSection::load("p", &file.0, "default").unwrap();
    assert_eq!(section.required("secret_id").unwrap(), "AKID");
    let missing = message(section.required("token").unwrap_err());
    assert!(
        missing.contains(&shown) && missing.contains("`token`") && missing.contains("missing"),
        "{missing}"
    );
    let empty = message(section.required("secret_key").unwrap_err());
    assert!(
        empty.contains("`secret_key`") && empty.contains("empty"),
        "{empty}"
    );
    assert_eq!(section.optional("secret_key"), None);

    let no_section = message(ProfileSection::load("p", &file.0, "prod").err().unwrap());
    assert!(
        no_section.contains(&shown) && no_section.contains("[prod]"),
        "{no_section}"
    );

    let absent = file.0.with_extension("absent");
    let unreadable = message(ProfileSection::load("p", &absent, "default").err().unwrap());
    assert!(
        unreadable.contains(&absent.display().to_string()),
        "{unreadable}"
    );
}

#[test]
fn malformed_profile_line_is_reported_without_its_text() {
    let file = TempFile::with("[default]\nsecret_key TOPSECRET\n");
    let text = message(ProfileSection::load("p", &file.0, "default").err().unwrap());
    assert!(
        text.contains("line 2") && !text.contains("TOPSECRET"),
        "{text}"
    );
}
