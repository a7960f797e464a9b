//! The provider's named `envelopes`, an endpoint's `envelope`, and the success `flag`.

use super::*;

const PROVIDER: &str = "demo/provider.yaml";
const USERS: &str = "demo/crm/query_users.yaml";

/// The demo provider with a named envelope `flagged` (the default's paths and a flag) and a
/// whole-body envelope `whole`.
fn with_envelopes() -> Tree {
    Tree::valid().edit(
        PROVIDER,
        "  result: data\n",
        "  result: data\n\
         envelopes:\n  \
         - name: flagged\n    code: errorCode\n    success: 0\n    message: errorMessage\n    \
           request_id: traceId\n    result: data\n    flag: {path: ok, success: true}\n  \
         - name: whole\n    code: errorCode\n    success: 0\n    message: errorMessage\n    \
           flag: {path: ok, success: true}\n",
    )
}

#[test]
fn an_endpoint_names_a_declared_envelope() {
    let tree = with_envelopes().edit(
        USERS,
        "idempotent: true\n",
        "idempotent: true\nenvelope: flagged\n",
    );
    let set = load(tree.root()).unwrap_or_else(|e| panic!("loads: {e}"));
    let ir = bindery_codegen::ir::lower(&set).unwrap_or_else(|e| panic!("lowers: {e}"));
    let demo = ir
        .providers
        .iter()
        .find(|p| p.name == "demo")
        .expect("demo");
    let names: Vec<_> = demo.envelopes.iter().map(|e| e.item.as_str()).collect();
    assert_eq!(names, ["FLAGGED", "WHOLE"]);
    let users = demo
        .root
        .all_endpoints()
        .into_iter()
        .find(|e| e.vendor_name == "queryUsers")
        .expect("queryUsers");
    assert_eq!(users.envelope.name.as_deref(), Some("flagged"));
    assert_eq!(users.envelope.flag, Some(("ok".to_owned(), true)));
    assert_eq!(users.envelope.result.as_deref(), Some("data"));
}

#[test]
fn an_unknown_envelope_is_refused_with_a_suggestion() {
    let tree = with_envelopes().edit(
        USERS,
        "idempotent: true\n",
        "idempotent: true\nenvelope: flaged\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:9:11: error: unknown envelope `flaged`
  = help: did you mean `flagged`?
1 error in the spec
"#,
    );
    let tree = Tree::valid().edit(
        USERS,
        "idempotent: true\n",
        "idempotent: true\nenvelope: structure\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:9:11: error: unknown envelope `structure`
  = help: the provider declares no `envelopes`; declare it in `provider.yaml` or remove `envelope` to use the provider's `envelope`
1 error in the spec
"#,
    );
}

#[test]
fn a_redirect_has_no_envelope() {
    let tree = with_envelopes().edit(
        "demo/oauth/authorize.yaml",
        "idempotent: true\n",
        "idempotent: true\nenvelope: whole\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/authorize.yaml:9:11: error: a `redirect` endpoint has no answer, so no `envelope`
  = help: remove `envelope`
1 error in the spec
"#,
    );
}

#[test]
fn named_envelopes_need_unique_snake_case_names_and_the_default_none() {
    let tree = with_envelopes()
        .edit(PROVIDER, "  - name: whole\n", "  - name: flagged\n")
        .edit(
            PROVIDER,
            "envelope:\n  code: errorCode\n",
            "envelope:\n  name: main\n  code: errorCode\n",
        )
        .edit(
            PROVIDER,
            "envelopes:\n",
            "envelopes:\n  - {name: Bad-Name, code: c, message: m}\n  - {code: c, message: m}\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:16:9: error: the default `envelope` has no `name` (found `main`)
  = help: remove `name`: endpoints that give no `envelope` use this one; declare other envelopes under `envelopes`
demo/provider.yaml:23:12: error: envelope name `Bad-Name` is not snake_case
  = help: use `bad_name`
demo/provider.yaml:24:12: error: an envelope in `envelopes` has no `name`
  = help: give it a `snake_case` `name` that endpoint files can name
demo/provider.yaml:32:11: error: duplicate envelope `flagged` (first at line 25)
4 errors in the spec
"#,
    );
}

#[test]
fn a_flag_is_a_key_of_its_own() {
    let tree = with_envelopes()
        .edit(
            PROVIDER,
            "    flag: {path: ok, success: true}\n  - name: whole",
            "    flag: {path: errorCode, success: true}\n  - name: whole",
        )
        .edit(
            PROVIDER,
            "    flag: {path: ok, success: true}\n",
            "    flag: {path: \"\", success: true}\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:28:18: error: envelope `flag.path` `errorCode` is also the envelope's `code`
  = help: the flag is a boolean of its own, beside the code
demo/provider.yaml:33:18: error: envelope `flag.path` is empty; the flag is a key of the body, not the whole body
  = help: write the flag's path, like `success`
2 errors in the spec
"#,
    );
}

#[test]
fn an_envelope_part_is_not_a_response_field_of_a_whole_body_result() {
    let tree = with_envelopes().write(
        "demo/crm/get_flag.yaml",
        "name: getFlag\nsummary: {en: Flag.}\ndocs_url: https://open.example.com/docs/flag\n\
         method: POST\npath: /cgi/flag\nauth: corp_token\nidempotent: true\nenvelope: whole\n\
         response:\n  - name: ok\n    type: bool\n  - name: errorMessage\n    type: string\n  \
         - name: value\n    type: string\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/get_flag.yaml:10:11: error: response field `ok` is the flag of envelope `whole`, which the client reads itself
  = help: remove the field: the flag is never a response field (examples keep it)
demo/crm/get_flag.yaml:12:11: error: response field `errorMessage` is the message of envelope `whole`, which the client reads itself
  = help: remove the field: the message is never a response field (examples keep it)
2 errors in the spec
"#,
    );
}

#[test]
fn a_success_example_carries_the_flag_with_its_success_value() {
    let tree = with_envelopes()
        .edit(
            USERS,
            "idempotent: true\n",
            "idempotent: true\nenvelope: flagged\n",
        )
        .edit(
            USERS,
            "      traceId: t-1\n",
            "      traceId: t-1\n      ok: false\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:50:7: error: example `success` response: `ok`: found boolean false, expected the success flag true
  = help: set `error_code` on an example of an error response
1 error in the spec
"#,
    );
    // `ok: true` is part of the envelope, not an unknown field.
    let tree = with_envelopes()
        .edit(
            USERS,
            "idempotent: true\n",
            "idempotent: true\nenvelope: flagged\n",
        )
        .edit(
            USERS,
            "      traceId: t-1\n",
            "      traceId: t-1\n      ok: true\n",
        );
    load(tree.root()).unwrap_or_else(|e| panic!("loads: {e}"));
}
