use serde_json::Value;

use super::*;

fn snippet(body: &[u8]) -> String {
    snippet_masked(body, Mask::default())
}

#[test]
fn json_snippet_masks_sensitive_keys_at_any_depth() {
    let body = br#"{"errorCode":0,"corpAccessToken":"TOK-123","nested":{"appSecret":"S3","list":[{"Password":"pw","name":"ok"}]},"sign":"abc","signature":{"a":1},"expiresIn":7200}"#;
    let s = snippet(body);
    for secret in ["TOK-123", "S3", "pw", "abc", "\"a\":1"] {
        assert!(!s.contains(secret), "{secret} leaked in {s}");
    }
    assert!(s.contains(r#""corpAccessToken":"[redacted]""#), "{s}");
    assert!(s.contains(r#""expiresIn":7200"#), "{s}");
    assert!(s.contains(r#""name":"ok""#), "{s}");
}

#[test]
fn text_snippet_masks_pairs_and_parameters() {
    let body = br#"<html> upstream said {"accessToken": "AT-1", "x": 1, "appSecret":42 and url /cb?access_token=QQQ&y=2"#;
    let s = snippet(body);
    assert!(
        !s.contains("AT-1") && !s.contains("42") && !s.contains("QQQ"),
        "{s}"
    );
    assert!(s.contains("y=2"), "{s}");
    assert!(s.contains(r#""accessToken": "[redacted]""#), "{s}");
}

#[test]
fn string_values_mask_query_parameters() {
    let s = snippet(br#"{"errorMessage":"bad redirect https://x/?token=abc&state=1"}"#);
    assert!(!s.contains("abc"), "{s}");
    assert!(s.contains("token=[redacted]&state=1"), "{s}");
}

#[test]
fn snippet_is_short_char_safe_and_single_line() {
    let body = "错误\n\n  ".repeat(300);
    let s = snippet(body.as_bytes());
    assert!(
        s.chars().count() <= SNIPPET_CHARS + 1,
        "{}",
        s.chars().count()
    );
    assert!(s.ends_with('…'));
    assert!(!s.contains('\n'));
}

#[test]
fn snippet_is_lossy_on_invalid_utf8_and_empty_for_empty_body() {
    let s = snippet(&[0x66, 0x6f, 0xff, 0xfe, 0x6f]);
    assert_eq!(s, "fo\u{fffd}\u{fffd}o");
    assert_eq!(snippet(b""), "");
}

#[test]
fn secret_fields_are_masked_in_json_text_and_parameters() {
    let mask = Mask {
        secret_fields: &["permanentCode", "code"],
        values: &[],
    };
    let body = br#"{"appId":"A","permanentCode":"PC-1","nested":[{"PERMANENTCODE":"PC-2"}],"codeName":"kept","msg":"see /cb?code=PC-3&x=1"}"#;
    let s = snippet_masked(body, mask);
    for secret in ["PC-1", "PC-2", "PC-3"] {
        assert!(!s.contains(secret), "{secret} leaked in {s}");
    }
    assert!(s.contains(r#""permanentCode":"[redacted]""#), "{s}");
    assert!(s.contains(r#""codeName":"kept""#), "{s}");
    assert!(s.contains("code=[redacted]&x=1"), "{s}");
    // The same names without the operation's mask are not credential-looking.
    assert!(snippet(body).contains("PC-1"));

    let text =
        br#"<html>echo {"permanentCode": "PC-4", "appId": "A"} /x?permanentCode=PC-5&barcode=ok"#;
    let s = masked_body(text, mask);
    assert!(!s.contains("PC-4") && !s.contains("PC-5"), "{s}");
    assert!(
        s.contains("barcode=ok") && s.contains(r#""appId": "A""#),
        "{s}"
    );
    let query = masked_body(b"appId=A&permanentCode=PC-6", mask);
    assert_eq!(query, "appId=A&permanentCode=[redacted]");
}

#[test]
fn value_snippet_hides_the_offending_string() {
    let value: Value = serde_json::from_str(
        r#"{"errorCode":0,"data":{"list":[{"n":"SECRET-LIKE"}],"total":"7200"},"accessToken":"AT"}"#,
    )
    .unwrap();
    let path = [
        Step::Key("data".into()),
        Step::Key("list".into()),
        Step::Index(0),
        Step::Key("n".into()),
    ];
    let s = value_snippet(&value, Mask::default(), &path);
    assert!(!s.contains("SECRET-LIKE") && !s.contains("\"AT\""), "{s}");
    assert!(s.contains(r#""total":"7200""#), "{s}");
    // Numbers and objects at the path stay; a path that does not exist changes nothing.
    let s = value_snippet(&value, Mask::default(), &[Step::Key("errorCode".into())]);
    assert!(s.contains(r#""errorCode":0"#), "{s}");
    let s = value_snippet(&value, Mask::default(), &[Step::Index(3)]);
    assert!(s.contains("SECRET-LIKE"), "{s}");
}

#[test]
fn decode_messages_hide_string_values_and_are_bounded() {
    assert_eq!(
        decode_message(r#"invalid type: string "SECRET-LIKE", expected i64"#),
        "invalid type: string (11 characters, not shown), expected i64"
    );
    assert_eq!(
        decode_message(r#"invalid value: string "a\"b\u{1f}", expected `x`"#),
        "invalid value: string (4 characters, not shown), expected `x`"
    );
    assert_eq!(
        decode_message("missing field `Status`"),
        "missing field `Status`"
    );
    assert_eq!(
        decode_message("invalid type: integer `5`, expected a string"),
        "invalid type: integer `5`, expected a string"
    );
    let huge = format!(
        "invalid type: string \"{}\", expected i64",
        "9".repeat(1 << 20)
    );
    assert_eq!(
        decode_message(&huge),
        "invalid type: string (1048576 characters, not shown), expected i64"
    );
    let long = "x".repeat(10_000);
    assert_eq!(decode_message(&long).chars().count(), MESSAGE_CHARS + 1);
    // An unterminated quote hides the rest.
    assert_eq!(
        decode_message(r#"bad "open"#),
        "bad (4 characters, not shown)"
    );
}

#[test]
fn authorization_and_colon_pairs_are_masked() {
    let s = snippet(br#"{"Authorization":"Bearer AT-1","ok":1}"#);
    assert!(!s.contains("AT-1") && s.contains(r#""ok":1"#), "{s}");
    let text = b"<html><p>Authorization: Bearer AT-2</p> accessToken: AT-3, x-tc-token:AT-4;             signature \xef\xbc\x9a AT-5 status: 502</html>";
    let s = masked_body(text, Mask::default());
    for secret in ["AT-2", "AT-3", "AT-4", "AT-5"] {
        assert!(!s.contains(secret), "{secret} leaked in {s}");
    }
    assert!(s.contains("Authorization: Bearer [redacted]"), "{s}");
    assert!(s.contains("status: 502"), "{s}");
    // The same rules inside a JSON string.
    let s = snippet(br#"{"errorMessage":"header authorization: Bearer AT-6 rejected"}"#);
    assert!(!s.contains("AT-6"), "{s}");
    let mask = Mask {
        secret_fields: &["permanentCode"],
        values: &[],
    };
    let s = masked_body(b"permanentCode: PC-7 is wrong", mask);
    assert_eq!(s, "permanentCode: [redacted] is wrong");
}

#[test]
fn secret_values_are_hidden_however_labelled() {
    let values = SecretValues::new(
        ["S3CR3T-app", "PC-42", "tok/en+with=\"odd\" chars", ""],
        None,
        Mask::default(),
    );
    let mask = Mask::default().with_values(&values);
    let message = "appSecret S3CR3T-app and permanentCode PC-42 are wrong";
    assert_eq!(
        mask_text(message, mask),
        "appSecret [redacted] and permanentCode [redacted] are wrong"
    );
    // JSON-escaped, URL-encoded and percent-encoded forms, keys and numbers.
    let body = br#"{"msg":"got tok/en+with=\"odd\" chars","url":"/cb?t=tok%2Fen%2Bwith%3D%22odd%22+chars","PC-42":1,"n":42}"#;
    let s = snippet_masked(body, mask);
    assert!(!s.contains("odd") && !s.contains("PC-42"), "{s}");
    let raw = b"echo tok/en+with=\"odd\" chars and tok%2Fen%2Bwith%3D%22odd%22%20chars";
    let s = masked_body(raw, mask);
    assert!(!s.contains("odd"), "{s}");
    // A number equal to a secret value is hidden too.
    let numeric = SecretValues::new(["123456"], None, Mask::default());
    let s = snippet_masked(
        br#"{"code":123456,"n":7}"#,
        Mask::default().with_values(&numeric),
    );
    assert_eq!(s, r#"{"code":"[redacted]","n":7}"#);
    // Debug shows how many forms (3 values, one with JSON and URL encodings), never which.
    assert_eq!(format!("{values:?}"), "SecretValues(6 forms)");
    assert!(!format!("{mask:?}").contains("PC-42"));
}

#[test]
fn codes_only_lose_long_secret_values() {
    let values = SecretValues::new(["1", "LONG-SECRET-9"], None, Mask::default());
    let mask = Mask::default().with_values(&values);
    assert_eq!(hide_values_in_code("20016", mask), "20016");
    assert_eq!(hide_values_in_code("E-LONG-SECRET-9", mask), "E-[redacted]");
    assert_eq!(hide_values("20016", mask), "200[redacted]6");
}

#[test]
fn secret_values_include_hidden_request_fields() {
    let fields = serde_json::json!({
        "appId": "A",
        "appSecret": "S-1",
        "nested": {"permanentCode": "P-2", "list": [{"sign": "G-3"}]},
        "other": "visible"
    });
    let mask = Mask {
        secret_fields: &["permanentCode"],
        values: &[],
    };
    let values = SecretValues::new([], fields.as_object(), mask);
    let shown = mask_text(
        "A S-1 P-2 G-3 visible",
        Mask::default().with_values(&values),
    );
    assert_eq!(shown, "A [redacted] [redacted] [redacted] visible");
}

#[test]
fn urls_are_shown_without_user_info_or_query() {
    assert_eq!(
        url_for_display(" https://u:p@x.example:8/a/b?c=d#e "),
        "https://…@x.example:8/a/b?…"
    );
    assert_eq!(url_for_display("https://x.example/"), "https://x.example/");
    assert_eq!(url_for_display("a@b@c/d@e"), "…@c/d@e");
    assert_eq!(url_for_display(""), "");
}

#[test]
fn sensitive_word_list_is_the_pattern_s() {
    use super::mask::{SENSITIVE_WORD_LIST, SENSITIVE_WORDS};
    assert_eq!(SENSITIVE_WORD_LIST.join("|"), SENSITIVE_WORDS);
}

#[test]
fn sensitive_keys() {
    for key in [
        "accessToken",
        "corpAccessToken",
        "SIGN",
        "appSecret",
        "password",
        "x_token_y",
        "Authorization",
        "sécretToken",
        "tokeN",
    ] {
        assert!(is_sensitive_key(key), "{key}");
    }
    for key in ["errorCode", "corpId", "appKey", "ea", "", "tok", "sig"] {
        assert!(!is_sensitive_key(key), "{key}");
    }
}
