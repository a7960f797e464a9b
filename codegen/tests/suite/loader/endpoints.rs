//! Endpoints and providers: paths, base URLs, protocol rules, token endpoints, pagination.

use super::*;

// -------------------------------------------------------------------------------------------
// Endpoints and providers
// -------------------------------------------------------------------------------------------

#[test]
fn duplicate_endpoint_method_name() {
    let text = Tree::valid().read("demo/crm/query_users.yaml");
    let tree = Tree::valid().write("demo/oauth/query_users.yaml", text);
    assert_report(
        &tree.errors(),
        r#"
demo/oauth/query_users.yaml:1:1: error: endpoint `demo/oauth/query_users.yaml` becomes client method `query_users`, like `demo/crm/query_users.yaml`
  = help: rename one of the files: all endpoints of a provider are methods of one client
demo/oauth/query_users.yaml:1:7: error: duplicate endpoint name `queryUsers`: `demo/crm/query_users.yaml` has it too
2 errors in the spec
"#,
    );
}

#[test]
fn invalid_path() {
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "path: /cgi/crm/users/query",
            "path: cgi/crm/users/query",
        )
        .edit(
            "demo/oauth/authorize.yaml",
            "path: /oauth2/authorize",
            "path: /oauth2/authorize?x=1",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:6:7: error: path `cgi/crm/users/query` must start with `/`
demo/oauth/authorize.yaml:6:7: error: path `/oauth2/authorize?x=1` must not contain a query string
  = help: drop `?x=1` from the path and declare `x` under `query`
2 errors in the spec
"#,
    );
}

#[test]
fn invalid_base_urls() {
    let tree = Tree::valid()
        .edit(
            "demo/provider.yaml",
            "url: https://open.example.com\n",
            "url: http://open.example.com\n",
        )
        .edit(
            "demo/provider.yaml",
            "url: https://{host}/open",
            "url: https://{host}.{host}/open",
        )
        .edit(
            "demo/provider.yaml",
            "  - name: private_deployment",
            "  - name: default",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:10:10: error: base URL `http://open.example.com` uses `http`; expected an absolute `https` URL
demo/provider.yaml:12:11: error: duplicate base URL name `default` (first at line 9)
demo/provider.yaml:13:10: error: base URL `https://{host}.{host}/open` has 2 `{host}` placeholders; at most one is allowed
3 errors in the spec
"#,
    );
}

#[test]
fn a_provider_is_not_named_as_a_feature_of_the_crate() {
    let tree = Tree::valid().edit("demo/provider.yaml", "name: demo", "name: serialize");
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:1:7: error: provider name `serialize` does not match its folder `demo`
  = help: set `name: demo` or rename the folder
demo/provider.yaml:1:7: error: provider name `serialize` is reserved for a cargo feature of the generated crate
  = help: choose another name
2 errors in the spec
"#,
    );
}

#[test]
fn provider_rules() {
    let tree = Tree::valid()
        .edit("demo/provider.yaml", "name: demo", "name: Demo")
        .edit(
            "demo/provider.yaml",
            "kind: fxiaoke_body",
            "kind: mingdao_sign",
        )
        .edit(
            "demo/provider.yaml",
            "  code: errorCode",
            "  code: error..code",
        )
        .edit(
            "demo/provider.yaml",
            "  - code: 20016",
            "  - code: \"20016\"",
        )
        .edit(
            "demo/provider.yaml",
            "env: FXIAOKE_APP_ID",
            "env: fxiaoke_app_id",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:1:7: error: provider name `Demo` does not match its folder `demo`
  = help: set `name: demo` or rename the folder
demo/provider.yaml:1:7: error: provider name `Demo` is not a snake_case identifier
  = help: use `demo`
demo/provider.yaml:16:9: error: envelope `code` path `error..code` is not a dot-separated list of JSON keys
  = help: write it like `Response.Error.Code`
demo/provider.yaml:23:11: error: auth kind `mingdao_sign` is for protocol `mingdao`, but this provider uses `fxiaoke`
  = help: use one of `fxiaoke_header`, `fxiaoke_body`
demo/provider.yaml:32:10: error: environment variable `fxiaoke_app_id` is not an upper-case name like `DEMO_APP_ID`
  = help: use `FXIAOKE_APP_ID`
demo/provider.yaml:39:11: error: error code: found string "20016", expected an integer (protocol `fxiaoke` uses integer codes)
6 errors in the spec
"#,
    );
}

#[test]
fn endpoint_rules() {
    let tree = Tree::valid()
        .edit(
            "demo/crm/query_users.yaml",
            "auth: corp_token",
            "auth: corp_tokn",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "docs_url: https://open.example.com/docs/query-users",
            "docs_url: see the vendor page",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "path: /cgi/crm/users/query",
            "path: /cgi/crm/users/query\naction: QueryUsers",
        )
        .edit("demo/oauth/authorize.yaml", "method: GET", "method: POST")
        .edit(
            "demo/oauth/authorize.yaml",
            "summary: {zh: 授权, en: Sends the user to the consent page.}",
            "summary: {en: \"  \"}",
        )
        .edit(
            "demo/oauth/authorize.yaml",
            "examples:",
            "response:\n  - name: code\n    type: string\nexamples:",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:4:11: error: `docs_url` `see the vendor page` is not an absolute http(s) URL
demo/crm/query_users.yaml:7:9: error: `action` is only for `tencent_cloud` providers, and this one uses `fxiaoke`
  = help: remove `action`
demo/crm/query_users.yaml:8:7: error: unknown auth scheme `corp_tokn`
  = help: did you mean `corp_token`?
demo/oauth/authorize.yaml:3:15: error: `summary` has no text; expected `zh` or `en`
demo/oauth/authorize.yaml:5:9: error: a `redirect` endpoint must use method `GET`
demo/oauth/authorize.yaml:19:11: error: a `redirect` endpoint has no `response`: the browser is sent away
6 errors in the spec
"#,
    );
}

#[test]
fn credentials_are_the_ones_the_runtime_reads() {
    let tree = Tree::valid()
        .edit(
            "demo/provider.yaml",
            "env: FXIAOKE_APP_ID",
            "env: DEMO_APP_ID",
        )
        .edit("demo/provider.yaml", "name: app_secret", "name: api_secret");
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:32:10: error: credential `app_id` names environment variable `DEMO_APP_ID`, but the runtime reads `FXIAOKE_APP_ID`
  = help: `bindery_runtime::fxiaoke::AppCredentials::from_env` reads `FXIAOKE_APP_ID`; set `env: FXIAOKE_APP_ID`
demo/provider.yaml:34:11: error: credential `api_secret` is not one the `fxiaoke` runtime reads from the environment
  = help: did you mean `app_secret`?
2 errors in the spec
"#,
    );
    // Fewer credentials than the runtime reads is fine: the list documents what it names.
    let fewer = Tree::valid().edit(
        "demo/provider.yaml",
        "  - name: app_secret\n    env: FXIAOKE_APP_SECRET\n    secret: true\n    docs: {en: The app secret.}\n",
        "",
    );
    assert!(load(fewer.root()).is_ok());
}

#[test]
fn tencent_cloud_rules() {
    let tree = Tree::valid()
        .edit(
            "demo/provider.yaml",
            "protocol: fxiaoke",
            "protocol: tencent_cloud",
        )
        .edit(
            "demo/provider.yaml",
            "kind: fxiaoke_body",
            "kind: tc3_hmac_sha256",
        )
        .edit(
            "demo/provider.yaml",
            "  - code: 20016",
            "  - code: AuthFailure",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "error_code: 20016",
            "error_code: \"AuthFailure\"",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "errorCode: 20016",
            "errorCode: AuthFailure",
        )
        // The credentials of the protocol the provider now speaks (their own rule is
        // `credentials_are_the_ones_the_runtime_reads`).
        .edit(
            "demo/provider.yaml",
            "name: app_id\n    env: FXIAOKE_APP_ID",
            "name: secret_id\n    env: TENCENTCLOUD_SECRET_ID",
        )
        .edit(
            "demo/provider.yaml",
            "name: app_secret\n    env: FXIAOKE_APP_SECRET",
            "name: secret_key\n    env: TENCENTCLOUD_SECRET_KEY",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:1:7: error: an endpoint of a `tencent_cloud` provider needs `action` (the `X-TC-Action`)
demo/oauth/authorize.yaml:1:7: error: an endpoint of a `tencent_cloud` provider needs `action` (the `X-TC-Action`)
demo/provider.yaml:7:11: error: protocol `tencent_cloud` needs a `tencent_cloud` section with `service` and `version`
3 errors in the spec
"#,
    );
}

#[test]
fn folder_and_file_names() {
    let text = Tree::valid().read("demo/oauth/authorize.yaml");
    let tree = Tree::valid()
        .write(
            "demo/Admin/getUser.yaml",
            text.replace("name: authorize", "name: getUser"),
        )
        .write(
            "demo/types/type.yaml",
            text.replace("name: authorize", "name: type"),
        )
        // `mock` is the module of the mock tables (and their cargo feature).
        .write(
            "demo/mock.yaml",
            text.replace("name: authorize", "name: mock"),
        );
    assert_report(
        &tree.errors(),
        r#"
demo/Admin/getUser.yaml:1:1: error: file name `getUser` is not a snake_case identifier
  = help: use `get_user`
demo/Admin/getUser.yaml:1:1: error: folder `Admin` is not a snake_case identifier (it becomes a Rust module)
  = help: use `admin`
demo/mock.yaml:1:1: error: file name `mock` is reserved for a module of the generated crate
  = help: choose another name
demo/types/type.yaml:1:1: error: file name `type` is a Rust keyword
  = help: choose another name
demo/types/type.yaml:1:1: error: folder `types` is reserved for a module of the generated crate (it becomes a Rust module)
  = help: choose another name
5 errors in the spec
"#,
    );
}

#[test]
fn more_endpoint_rules() {
    let tree = Tree::valid()
        .edit("demo/crm/query_users.yaml", "method: POST", "method: GET")
        .edit(
            "demo/crm/query_users.yaml",
            "  - name: token_expired",
            "  - name: success",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "    error_code: 20016",
            "    error_code: 20016\n  - name: no_response\n    request: {}\n    error_code: 20016",
        )
        .edit(
            "demo/crm/query_users.yaml",
            "{multiple_of_field: limit}",
            "{multiple_of_field: keyword}",
        )
        .edit(
            "demo/provider.yaml",
            "errors:\n",
            "errors:\n  - code: 20016\n    docs: {en: Again.}\n",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:10:11: error: a `GET` endpoint has no body; its parameters go in `query`
demo/crm/query_users.yaml:32:42: error: `multiple_of_field` names `keyword`, which is `string`; expected an `i32`, `i64` or timestamp field
demo/crm/query_users.yaml:55:11: error: duplicate example `success` (first at line 39)
demo/crm/query_users.yaml:65:17: error: example `no_response` has `error_code` but no `response`
demo/provider.yaml:41:11: error: duplicate error code `20016` (first at line 39)
5 errors in the spec
"#,
    );
}

#[test]
fn tencent_cloud_codes_and_envelopes() {
    let tree = Tree::valid()
        .edit(
            "cloud/provider.yaml",
            "  - code: InvalidParameter",
            "  - code: 4001",
        )
        .edit(
            "cloud/create_flow.yaml",
            "        FlowId: f-1\n",
            "        FlowId: f-1\n        Error: {Code: Oops}\n",
        )
        .edit(
            "cloud/create_flow.yaml",
            "error_code: InvalidParameter",
            "error_code: 4001",
        )
        .edit("cloud/create_flow.yaml", "action: CreateFlow\n", "")
        .edit(
            "demo/provider.yaml",
            "envelope:",
            "tencent_cloud: {service: ess, version: \"2020-11-11\"}\nenvelope:",
        );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:1:7: error: an endpoint of a `tencent_cloud` provider needs `action` (the `X-TC-Action`)
cloud/create_flow.yaml:45:17: error: example `created` response: `Response.Error.Code`: found string "Oops", but this provider's responses carry a code only on errors
  = help: set `error_code` on an example of an error response
cloud/create_flow.yaml:51:17: error: example `bad_name` response: `Response.Error.Code`: found string "InvalidParameter", expected the example's `error_code` 4001
cloud/create_flow.yaml:53:17: error: example `bad_name`: `error_code`: found integer 4001, expected a string like `InvalidParameter` (protocol `tencent_cloud` uses string codes)
cloud/provider.yaml:24:11: error: error code: found integer 4001, expected a string like `InvalidParameter` (protocol `tencent_cloud` uses string codes)
demo/provider.yaml:15:26: error: a `tencent_cloud` section is only for protocol `tencent_cloud`, not `fxiaoke`
  = help: remove the `tencent_cloud` section
6 errors in the spec
"#,
    );
}

#[test]
fn token_endpoint_rules() {
    let tree = Tree::valid().edit(
        "demo/provider.yaml",
        "    body_fields: [corpAccessToken, corpId]\n",
        "    body_fields: [corpAccessToken, corpId]\n    token:\n      endpoint: oauth/authorise\n      value: corpAccessToken\n      lifetime: expiresIn\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/provider.yaml:27:17: error: token endpoint `oauth/authorise` is not an endpoint of this provider
  = help: did you mean `oauth/authorize`?
1 error in the spec
"#,
    );
    let tree = Tree::valid().edit(
        "demo/provider.yaml",
        "    body_fields: [corpAccessToken, corpId]\n",
        "    body_fields: [corpAccessToken, corpId]\n    token:\n      endpoint: crm/query_users\n      value: users\n      lifetime: total\n      fields: [nope]\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:10:11: error: required field `search_query_info` of token endpoint `crm/query_users` is not an app credential
  = help: a client fills token requests from `appId`, `appSecret`, `permanentCode`
demo/provider.yaml:27:17: error: token endpoint `crm/query_users` uses auth `corp_token`; a token endpoint must use `auth: none`
demo/provider.yaml:28:14: error: token value `users` is `list<UserInfo>`; expected `string` or `secret`
demo/provider.yaml:29:17: error: token lifetime `total` must be a required response field of `crm/query_users`
demo/provider.yaml:30:16: error: token field `nope` is not a response field of `crm/query_users`
  = help: its response fields are `users`, `total`
5 errors in the spec
"#,
    );
}

#[test]
fn pagination_rules() {
    let tree = Tree::valid().edit(
        "demo/crm/query_users.yaml",
        "response:\n  - name: users\n",
        "pagination:\n  offset: search_query_info.ofset\n  limit: search_query_info.keyword\n  default_limit: 20\n  items: total\n  cursor:\n    key: _id\n    filters: objectType\n    filter: GT\n    orders: search_query_info.op.x\n    order: {fieldName: _id}\nresponse:\n  - name: users\n",
    );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:18:11: error: request path `search_query_info.ofset`: no field `ofset`
  = help: did you mean `search_query_info.offset`?
demo/crm/query_users.yaml:19:10: error: request path `search_query_info.keyword` is `string`; expected an integer
demo/crm/query_users.yaml:21:10: error: response path `total` is `i64`; expected a `list<…>`
demo/crm/query_users.yaml:23:10: error: a cursor continues past `max_offset`, which is not set
demo/crm/query_users.yaml:24:14: error: request path `objectType` is `string`; expected a `list<…>`
demo/crm/query_users.yaml:25:13: error: cursor `filter` must be an object
demo/crm/query_users.yaml:26:13: error: request path `search_query_info.op.x`: `op` is the enum `Operator`, not an object
7 errors in the spec
"#,
    );
}
