//! Tencent credentials read from the environment and from profile files.

use super::*;
use crate::credentials::tests::{TempFile, lookup};

fn message(error: Error) -> String {
    match error {
        Error::Credentials { provider, message } => {
            assert_eq!(provider, "tencent");
            message
        }
        other => panic!("expected a credentials error, got {other}"),
    }
}

#[test]
fn env_missing_and_empty_variables_are_named() {
    let missing = message(
        Credentials::from_lookup(lookup(&[("TENCENTCLOUD_SECRET_ID", "AKID")])).unwrap_err(),
    );
    assert_eq!(
        missing,
        "environment variable `TENCENTCLOUD_SECRET_KEY` is not set"
    );
    let empty = message(
        Credentials::from_lookup(lookup(&[
            ("TENCENTCLOUD_SECRET_ID", ""),
            ("TENCENTCLOUD_SECRET_KEY", "KEY-SECRET"),
        ]))
        .unwrap_err(),
    );
    assert_eq!(
        empty,
        "environment variable `TENCENTCLOUD_SECRET_ID` is empty"
    );
    assert!(!empty.contains("KEY-SECRET"));
}

#[test]
fn env_complete_with_and_without_token() {
    let c = Credentials::from_lookup(lookup(&[
        ("TENCENTCLOUD_SECRET_ID", "AKID-1"),
        ("TENCENTCLOUD_SECRET_KEY", "KEY-SECRET"),
        ("TENCENTCLOUD_SESSION_TOKEN", "TOKEN-SECRET"),
    ]))
    .unwrap();
    assert_eq!(c.secret_id(), "AKID-1");
    assert_eq!(c.secret_key.expose(), "KEY-SECRET");
    assert_eq!(
        c.token.as_ref().map(|(t, _)| t.expose()),
        Some("TOKEN-SECRET")
    );
    let text = format!("{c:?}");
    assert!(
        text.contains("AKID-1") && !text.contains("KEY-SECRET") && !text.contains("TOKEN-SECRET"),
        "{text}"
    );

    // An empty optional token is the same as none.
    let c = Credentials::from_lookup(lookup(&[
        ("TENCENTCLOUD_SECRET_ID", "AKID-1"),
        ("TENCENTCLOUD_SECRET_KEY", "KEY-SECRET"),
        ("TENCENTCLOUD_SESSION_TOKEN", ""),
    ]))
    .unwrap();
    assert!(c.token.is_none());
}

#[test]
fn profile_file_with_comments_and_other_sections() {
    let file = TempFile::with(
        "# Tencent Cloud credentials\n\
         [prod]\n\
         secret_id = AKID-PROD\n\
         secret_key = KEY-PROD\n\
         \n\
         ; the one we want\n\
         [default]\n\
         secret_id   =   AKID-DEFAULT\n\
         # secret_key = commented-out\n\
         secret_key=KEY-DEFAULT\n\
         token = TOKEN-DEFAULT\n",
    );
    let c = Credentials::from_profile_file(&file.0, "default").unwrap();
    assert_eq!(c.secret_id(), "AKID-DEFAULT");
    assert_eq!(c.secret_key.expose(), "KEY-DEFAULT");
    assert_eq!(
        c.token.as_ref().map(|(t, _)| t.expose()),
        Some("TOKEN-DEFAULT")
    );
    let prod = Credentials::from_profile_file(&file.0, "prod").unwrap();
    assert_eq!(prod.secret_id(), "AKID-PROD");
    assert!(prod.token.is_none());
}

#[test]
fn profile_file_errors_name_file_and_key() {
    let file = TempFile::with("[default]\nsecret_id = AKID\n# secret_key = OLD-SECRET\n");
    let shown = file.0.display().to_string();
    let text = message(Credentials::from_profile_file(&file.0, "default").unwrap_err());
    assert!(
        text.contains(&shown) && text.contains("`secret_key`") && !text.contains("OLD-SECRET"),
        "{text}"
    );
    let text = message(Credentials::from_profile_file(&file.0, "staging").unwrap_err());
    assert!(
        text.contains(&shown) && text.contains("[staging]"),
        "{text}"
    );
}

#[test]
fn default_chain_prefers_env_then_profile() {
    let home = std::env::temp_dir().join(format!(
        "bindery-runtime-test-home-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let dir = home.join(".tencentcloud");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("credentials"),
        "[default]\nsecret_id = AKID-FILE\nsecret_key = KEY-FILE\n",
    )
    .unwrap();
    let home_text = home.display().to_string();

    let from_env = Credentials::from_default_chain_lookup(lookup(&[
        ("HOME", &home_text),
        ("TENCENTCLOUD_SECRET_ID", "AKID-ENV"),
        ("TENCENTCLOUD_SECRET_KEY", "KEY-ENV"),
    ]))
    .unwrap();
    assert_eq!(from_env.secret_id(), "AKID-ENV");

    // Env chosen but incomplete: its own error, no silent fallback.
    let text = message(
        Credentials::from_default_chain_lookup(lookup(&[
            ("HOME", &home_text),
            ("TENCENTCLOUD_SECRET_ID", "AKID-ENV"),
        ]))
        .unwrap_err(),
    );
    assert!(text.contains("TENCENTCLOUD_SECRET_KEY"), "{text}");

    let from_file =
        Credentials::from_default_chain_lookup(lookup(&[("HOME", &home_text)])).unwrap();
    assert_eq!(from_file.secret_id(), "AKID-FILE");
    assert_eq!(from_file.secret_key.expose(), "KEY-FILE");

    let _ = std::fs::remove_dir_all(&home);

    let text = message(
        Credentials::from_default_chain_lookup(lookup(&[("HOME", &home_text)])).unwrap_err(),
    );
    assert!(
        text.contains("TENCENTCLOUD_SECRET_ID")
            && text.contains("profile file")
            && text.contains(".tencentcloud"),
        "{text}"
    );
    let text = message(Credentials::from_default_chain_lookup(lookup(&[])).unwrap_err());
    assert!(
        text.contains("TENCENTCLOUD_SECRET_ID") && text.contains("HOME"),
        "{text}"
    );
}
