//! The provider's own changes (base URLs, envelope, token sources, protocol), providers
//! added and removed, and several changes at once.

use super::*;

// ---------------------------------------------------------------------------------------
// Provider

#[test]
fn base_url_changed() {
    check(
        "base_url_changed",
        &[Replace(
            PROVIDER,
            "url: https://mirror.shop.example",
            "url: https://mirror2.shop.example",
        )],
        &[(K::BaseUrlChanged, I::Compatible)],
    );
}

#[test]
fn default_base_url_changed() {
    let changes = check(
        "default_base_url_changed",
        &[Replace(
            PROVIDER,
            "  - name: default\n    url: https://shop.example\n    docs:\n      en: The public deployment.\n  - name: mirror\n    url: https://mirror.shop.example\n    docs:\n      en: A second public deployment.\n",
            "  - name: mirror\n    url: https://mirror.shop.example\n    docs:\n      en: A second public deployment.\n  - name: default\n    url: https://shop.example\n    docs:\n      en: The public deployment.\n",
        )],
        &[(K::DefaultBaseUrlChanged, I::Compatible)],
    );
    assert!(
        reason_of(&changes, K::DefaultBaseUrlChanged)
            .contains("talk to `https://mirror.shop.example`")
    );
}

#[test]
fn base_url_added_and_removed() {
    check(
        "base_url_removed",
        &[Replace(PROVIDER, MIRROR_BLOCK, "")],
        &[(K::BaseUrlRemoved, I::Breaking)],
    );
    check_reversed(
        "base_url_added",
        &[Replace(PROVIDER, MIRROR_BLOCK, "")],
        &[(K::BaseUrlAdded, I::Addition)],
    );
}

#[test]
fn base_url_gained_a_host_placeholder() {
    check(
        "base_url_form_changed",
        &[Replace(
            PROVIDER,
            "url: https://mirror.shop.example",
            "url: https://{host}/mirror",
        )],
        &[(K::BaseUrlFormChanged, I::Breaking)],
    );
}

#[test]
fn envelope_changed() {
    check(
        "envelope_changed",
        &[Replace(
            PROVIDER,
            "request_id: traceId",
            "request_id: requestId",
        )],
        &[(K::EnvelopeChanged, I::Compatible)],
    );
}

#[test]
fn token_source_removed() {
    check(
        "token_source_removed",
        &[Replace(PROVIDER, TOKEN_BLOCK, "")],
        &[(K::TokenSourceRemoved, I::Breaking)],
    );
}

#[test]
fn token_endpoint_path_is_a_wire_change() {
    check(
        "token_path_changed",
        &[Replace(
            TOKEN,
            "path: /oauth/corp_token",
            "path: /oauth/v2/corp_token",
        )],
        &[(K::PathChanged, I::Compatible)],
    );
}

fn second_provider() -> Vec<Edit> {
    vec![
        Write(
            "other/provider.yaml",
            "name: other\ntitle: Another API\ndocs: {en: Another provider.}\nprotocol: mingdao\n\
             base_urls:\n  - {name: default, url: 'https://other.example', docs: {en: Public.}}\n\
             envelope: {code: code, success: 1, message: msg}\n\
             auth:\n  - {name: sign, kind: mingdao_sign, docs: {en: Signed.}, body_fields: [appKey, sign, timestamp, projectId]}\n",
        ),
        Write(
            "other/ping.yaml",
            "name: ping\nsummary: {en: Ping}\ndocs_url: https://other.example/ping\nmethod: POST\n\
             path: /ping\nauth: sign\nidempotent: true\n",
        ),
        Write(
            "other/types.yaml",
            "types:\n  - name: User\n    docs: {en: A user.}\n    fields:\n\
             \x20     - {name: id, type: string, required: true}\n",
        ),
        Write(
            "other/users/list_users.yaml",
            "name: listUsers\nsummary: {en: Lists users}\ndocs_url: https://other.example/users\n\
             method: POST\npath: /users\nauth: sign\nidempotent: true\n\
             deprecated: {en: Use searchUsers.}\n\
             request:\n  - {name: offset, type: i32}\n  - {name: limit, type: i32}\n\
             response:\n  - {name: users, type: list<User>, required: true}\n\
             pagination: {offset: offset, limit: limit, default_limit: 20, items: users}\n",
        ),
    ]
}

#[test]
fn provider_added_and_removed() {
    // Everything the new module holds is listed: its endpoints (with the stream of the paged
    // one, and its deprecation) and its shared types, each as it would be on its own.
    let added = check(
        "provider_added",
        &second_provider(),
        &[
            (K::ProviderAdded, I::Addition),
            (K::TypeAdded, I::Addition),
            (K::EndpointAdded, I::Addition),
            (K::EndpointAdded, I::Addition),
        ],
    );
    let lines: Vec<String> = added
        .changes
        .iter()
        .map(|c| format!("{}: {}", c.subject, c.reason))
        .collect();
    assert_eq!(
        lines,
        [
            "provider `other`: new module `bindery::other` behind cargo feature `other` (on by default), with `Client`, `ClientBuilder`, `Credentials` and constant `DEFAULT_BASE_URL`",
            "type `User`: new struct `bindery::other::types::User`",
            "endpoint `ping`: new method `bindery::other::Client::ping`, with `PingRequest` and `PingResponse` in `bindery::other` and `bindery::other::operations::PING`",
            "endpoint `listUsers`: new methods `bindery::other::Client::list_users` and `bindery::other::Client::list_users_stream` (the stream yields every record, page by page; `#[deprecated]`: calls warn), with `ListUsersRequest` and `ListUsersResponse` in `bindery::other::users` and `bindery::other::operations::LIST_USERS`",
        ]
    );
    let removed = check_reversed(
        "provider_removed",
        &second_provider(),
        &[
            (K::ProviderRemoved, I::Breaking),
            (K::TypeRemoved, I::Breaking),
            (K::EndpointRemoved, I::Breaking),
            (K::EndpointRemoved, I::Breaking),
        ],
    );
    assert_eq!(
        reason_of(&removed, K::ProviderRemoved),
        "module `bindery::other` and cargo feature `other` are gone, and with them `Client`, \
         `ClientBuilder`, `Credentials` and constant `DEFAULT_BASE_URL` | "
    );
    assert!(
        removed.changes.iter().any(|c| c.reason
            == "`bindery::other::Client::list_users` and `bindery::other::Client::list_users_stream` \
                are gone, and with them `ListUsersRequest` and `ListUsersResponse` from `bindery::other::users` \
                and `bindery::other::operations::LIST_USERS`"),
        "{removed:?}"
    );
}

#[test]
fn protocol_changed() {
    check(
        "protocol_changed",
        &[
            Replace(PROVIDER, "protocol: fxiaoke", "protocol: mingdao"),
            Replace(
                PROVIDER,
                "    kind: fxiaoke_header\n",
                "    kind: mingdao_sign\n",
            ),
            Replace(
                PROVIDER,
                "    kind: fxiaoke_body\n",
                "    kind: mingdao_sign\n",
            ),
            Replace(PROVIDER, TOKEN_BLOCK, ""),
        ],
        &[
            (K::ProtocolChanged, I::Breaking),
            (K::TokenSourceRemoved, I::Breaking),
            (K::AuthChanged, I::Breaking),
            (K::AuthChanged, I::Breaking),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Several at once, and the version

#[test]
fn several_changes_give_the_strongest_bump_and_every_group() {
    let changes = check(
        "several",
        &[
            Replace(PLACE, "path: /api/order/place", "path: /api/v2/order/place"),
            Replace(
                TYPES,
                "      - value: dark_blue\n",
                "      - value: dark_blue\n      - value: green\n",
            ),
            Replace(
                LIST,
                "  - name: mode\n    type: string\n",
                "  - name: mode\n    type: string\n    required: true\n",
            ),
            Replace(PROVIDER, "request_id: traceId", "request_id: requestId"),
        ],
        &[
            (K::EnvelopeChanged, I::Compatible),
            (K::EnumValueAdded, I::Addition),
            (K::FieldBecameRequired, I::Breaking),
            (K::PathChanged, I::Compatible),
        ],
    );
    assert_eq!(changes.bump(), diff::Bump::Major);
    let markdown = report::markdown(&changes, &sides());
    insta::assert_snapshot!("several_markdown", markdown);
}

/// The default envelope and a named `flagged` one, whose only difference is the flag.
const ENVELOPES_BLOCK: &str = "  request_id: traceId\nenvelopes:\n  - name: flagged\n    code: errorCode\n    success: 0\n    message: errorMessage\n    request_id: traceId\n    flag: {path: ok, success: true}\nauth:";

#[test]
fn a_named_envelope_added_and_an_endpoint_answering_in_it() {
    let changes = check(
        "named_envelope_added",
        &[
            Replace(PROVIDER, "  request_id: traceId\nauth:", ENVELOPES_BLOCK),
            Replace(
                PLACE,
                "idempotent: false\n",
                "idempotent: false\nenvelope: flagged\n",
            ),
        ],
        &[
            (K::EnvelopeAdded, I::Addition),
            (K::EndpointEnvelopeChanged, I::Compatible),
        ],
    );
    assert_eq!(
        reason_of(&changes, K::EndpointEnvelopeChanged),
        "the Rust API is unchanged | answers are read with envelope `flagged` instead of the provider's `envelope`"
    );
}

#[test]
fn a_named_envelope_removed_is_breaking() {
    check_reversed(
        "named_envelope_removed",
        &[
            Replace(PROVIDER, "  request_id: traceId\nauth:", ENVELOPES_BLOCK),
            Replace(
                PLACE,
                "idempotent: false\n",
                "idempotent: false\nenvelope: flagged\n",
            ),
        ],
        &[
            (K::EnvelopeRemoved, I::Breaking),
            (K::EndpointEnvelopeChanged, I::Compatible),
        ],
    );
}

#[test]
fn a_named_envelope_changed() {
    let (_, head) = before_and_after(&[Replace(
        PROVIDER,
        "  request_id: traceId\nauth:",
        ENVELOPES_BLOCK,
    )]);
    let edited = ENVELOPES_BLOCK.replace("success: true}", "success: false}");
    let dir = support::copy_fixture("diff");
    support::edit(
        dir.path(),
        PROVIDER,
        "  request_id: traceId\nauth:",
        &edited,
    );
    let changes = diff::diff(&head, &lowered(dir.path()));
    assert_changes(
        "named_envelope_changed",
        &changes,
        &[(K::EnvelopeChanged, I::Compatible)],
    );
    assert_eq!(
        changes.changes[0].subject,
        "envelope `flagged` success flag"
    );
}
