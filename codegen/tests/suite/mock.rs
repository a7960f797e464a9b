//! The mock tables the emitter writes (`<provider>/mock.rs`, cargo feature `mock`): which
//! endpoints are served, and the success answer synthesized for a call whose spec has none,
//! last, in the provider's envelope. (That every answer decodes with the client is proved by
//! the generated example tests under `--features mock`.)

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{self, edit, lowered};

fn generate(root: &Path) -> BTreeMap<String, String> {
    let ir = lowered(root);
    bindery_codegen::emit::generate(&ir).unwrap_or_else(|e| panic!("fixture emits: {e}"))
}

/// The table entry of the operation `op` (its `static`'s name) in a mock file.
fn entry<'a>(mock: &'a str, op: &str) -> &'a str {
    let needle = format!("operation: &super::operations::{op},");
    mock.split("bindery_runtime::served::ServedEndpoint {")
        .find(|entry| entry.contains(&needle))
        .unwrap_or_else(|| panic!("no table entry for {op} in\n{mock}"))
}

/// The example names and response texts of a table entry, in order.
fn answers(entry: &str) -> Vec<(String, String)> {
    let field = |line: &str, key: &str| {
        let text = line.trim().strip_prefix(key)?.strip_suffix(',')?;
        syn::parse_str::<syn::LitStr>(text)
            .ok()
            .map(|lit| lit.value())
    };
    let mut out = Vec::new();
    let mut name = None;
    for line in entry.lines() {
        if let Some(n) = field(line, "name: ") {
            name = Some(n);
        } else if let Some(response) = field(line, "response: ") {
            out.push((name.take().unwrap_or_default(), response));
        }
    }
    out
}

#[test]
fn a_call_without_a_success_example_gets_a_synthesized_answer_last() {
    // Tencent Cloud's envelope: no success code, the result object at `Response`, whose
    // request id every response type has as an optional field.
    let files = generate(&support::fixture("emit/wire"));
    let mock = &files["generated/src/sign/mock.rs"];
    assert_eq!(
        answers(entry(mock, "DELETE_SEAL")),
        [
            (
                "unknown_seal".to_owned(),
                r#"{"Response":{"Error":{"Code":"InvalidParameter","Message":"no such seal"},"RequestId":"r-2"}}"#.to_owned()
            ),
            (
                "synthesized".to_owned(),
                r#"{"Response":{"Deleted":false,"RequestId":"abcd1234"}}"#.to_owned()
            ),
        ]
    );
    // A spec success example is the default answer; nothing is made up beside it.
    let created = answers(entry(mock, "CREATE_SEAL"));
    assert!(
        created.iter().all(|(name, _)| name != "synthesized"),
        "{created:?}"
    );
    assert!(
        mock.contains("protocol_args: &[\"sgn\", \"2024-01-02\"]"),
        "{mock}"
    );
}

#[test]
fn a_synthesized_answer_has_the_success_code_the_flag_and_the_result_at_its_path() {
    let dir = support::copy_fixture("emit/mini");
    edit(
        dir.path(),
        "shop/provider.yaml",
        "  request_id: traceId\n",
        "  request_id: traceId\n  result: data\n  flag: {path: ok, success: true}\n",
    );
    edit(
        dir.path(),
        "shop/orders/place_order.yaml",
        "    response: {errorCode: 0, errorMessage: OK, orderId: o-1, traceId: t-1}\n",
        "",
    );
    let files = generate(dir.path());
    let mock = &files["generated/src/shop/mock.rs"];
    let answers = answers(entry(mock, "PLACE_ORDER"));
    let names: Vec<&str> = answers.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["expired", "synthesized"]);
    assert_eq!(
        answers[1].1,
        r#"{"errorCode":0,"ok":true,"data":{"orderId":"abcd1234"}}"#
    );
    // The redirect builds a URL and is answered by nobody: no table entry, no `Endpoint`.
    assert!(!mock.contains("AUTHORIZE"), "{mock}");
    assert!(!mock.contains("AuthorizeRequest"), "{mock}");
    let ir = lowered(dir.path());
    assert_eq!(
        bindery_codegen::emit::synthesized_answers(&ir),
        ["`api-spec/shop/orders/place_order.yaml` (`place_order`)"]
    );
}

#[test]
fn every_token_scheme_is_served_with_its_fields() {
    let files = generate(&support::fixture("hostile/api-spec"));
    let mock = &files["generated/src/hostile_fx/mock.rs"];
    let tokens = mock
        .split("tokens: &[")
        .nth(1)
        .unwrap_or_else(|| panic!("no tokens in\n{mock}"));
    for wanted in [
        "auth: bindery_runtime::AuthKind::FxiaokeHeader,",
        "operation: \"access`Token`\",",
        "value: \"accessToken\",",
        "lifetime: \"expiresIn\",",
        "fields: &[\"ea\"],",
    ] {
        assert!(tokens.contains(wanted), "{wanted} not in\n{tokens}");
    }
}
