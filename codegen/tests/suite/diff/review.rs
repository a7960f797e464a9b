//! The real spec against an edited copy, and edge cases found in review.

use super::*;

// ---------------------------------------------------------------------------------------
// The real spec

fn real_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec")
}

#[test]
fn the_real_spec_against_a_temp_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&real_spec(), dir.path());
    let base = lowered(&real_spec());
    // Loaded twice, the same files give no change.
    assert!(diff::diff(&base, &lowered(dir.path())).changes.is_empty());

    let bind = "tencent_ess/bind_employee_user_id_with_client_open_id.yaml";
    apply(
        dir.path(),
        &[
            Replace(
                bind,
                "  - name: Agent\n    type: Agent\n",
                "  - name: Agent\n    type: Agent\n    required: true\n",
            ),
            Replace(
                "tencent_ess/bind_employee_user_id_with_client_open_id.yaml",
                "      max_length: 64\n",
                "      max_length: 32\n",
            ),
            Replace(
                "fxiaoke/crm/data_query.yaml",
                "path: /cgi/crm/v2/data/query",
                "path: /cgi/crm/v3/data/query",
            ),
        ],
    );
    // The page's examples have no `Agent`; a required one needs it there too.
    let examples = std::fs::read_to_string(dir.path().join(bind)).expect("read");
    let examples = examples.replace("      Operator:\n", "      Agent: {}\n      Operator:\n");
    std::fs::write(dir.path().join(bind), examples).expect("write");

    let changes = diff::diff(&base, &lowered(dir.path()));
    let got: Vec<(String, K, I, String)> = changes
        .changes
        .iter()
        .filter(|c| c.impact != I::Docs)
        .map(|c| {
            (
                c.provider.clone(),
                c.kind,
                c.impact,
                format!("{}: {}", c.subject, c.reason),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "fxiaoke".to_owned(),
                K::PathChanged,
                I::Compatible,
                "path: the Rust API is unchanged".to_owned()
            ),
            (
                "tencent_ess".to_owned(),
                K::ConstraintTightened,
                I::Breaking,
                "request field `OpenId`: max_length 64 → 32: requests that passed before can now fail with `Error::InvalidRequest` before anything is sent".to_owned()
            ),
            (
                "tencent_ess".to_owned(),
                K::FieldBecameRequired,
                I::Breaking,
                "request field `Agent` became required: `BindEmployeeUserIdWithClientOpenIdRequest.agent` is `types::Agent` instead of `Option<types::Agent>` and `BindEmployeeUserIdWithClientOpenIdRequest::new` gains it as an argument".to_owned()
            ),
        ],
        "{}",
        report::text(&changes, &sides())
    );
    assert_eq!(changes.bump(), diff::Bump::Major);
    assert!(
        report::summary(&changes)
            .ends_with("bindery 0.1.0 → 0.2.0 (breaking; before 1.0 that moves the minor number)")
    );
}

// ---------------------------------------------------------------------------------------
// Edge cases found in review

#[test]
fn reordered_required_fields_break_new() {
    let changes = check(
        "arguments_reordered",
        &[
            Replace(
                LIST,
                "  - name: mode\n    type: string\n",
                "  - name: mode\n    type: string\n    required: true\n",
            ),
            Replace(
                LIST,
                "  - name: offset\n",
                "  - name: storeId\n    type: string\n    required: true\n  - name: offset\n",
            ),
        ],
        &[
            (K::FieldBecameRequired, I::Breaking),
            (K::FieldAdded, I::Breaking),
        ],
    );
    assert_eq!(changes.changes.len(), 2);
    // Now the same two required fields, swapped.
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(), dir.path());
    apply(
        dir.path(),
        &[
            Replace(
                LIST,
                "  - name: mode\n    type: string\n",
                "  - name: mode\n    type: string\n    required: true\n",
            ),
            Replace(
                LIST,
                "  - name: offset\n",
                "  - name: storeId\n    type: string\n    required: true\n  - name: offset\n",
            ),
        ],
    );
    let base = lowered(dir.path());
    let text = std::fs::read_to_string(dir.path().join(LIST)).expect("read");
    let swapped = text
        .replace(
            "  - name: storeId\n    type: string\n    required: true\n",
            "",
        )
        .replace(
            "  - name: filter\n",
            "  - name: storeId\n    type: string\n    required: true\n  - name: filter\n",
        );
    std::fs::write(dir.path().join(LIST), swapped).expect("write");
    let changes = diff::diff(&base, &lowered(dir.path()));
    let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(got, [(K::ArgumentsReordered, I::Breaking)], "{changes:?}");
    assert!(
        reason_of(&changes, K::ArgumentsReordered).contains(
            "`ListOrdersRequest::new` takes (mode, store_id) instead of (store_id, mode)"
        ),
        "{changes:?}"
    );
}

#[test]
fn constants_on_responses_break_decoding() {
    let changes = check(
        "response_constant_changed",
        &[Replace(LIST, "const: page", "const: list")],
        &[(K::ConstantChanged, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::ConstantChanged)
            .contains("a response carrying `page` now fails to decode")
    );
    check(
        "response_constant_added",
        &[Replace(
            LIST,
            "response:\n",
            "response:\n  - name: version\n    type: string\n    const: v1\n    required: true\n",
        )],
        &[(K::FieldAdded, I::Breaking)],
    );
}

#[test]
fn local_types_are_judged_per_folder() {
    // The type moves to another file of the same folder: same public path, no change.
    let moved_type = "types:\n  - name: OrderFilter\n    docs:\n      en: Which orders to list.\n    fields:\n      - name: status\n        type: string\n        constraints:\n          max_length: 20\n";
    check(
        "local_type_moved_in_folder",
        &[
            Replace(LIST, moved_type, ""),
            Replace(LIST, "  - name: filter\n    type: OrderFilter\n", ""),
            Replace(
                PLACE,
                "errors:\n",
                "types:\n  - name: OrderFilter\n    docs:\n      en: Which orders to list.\n    fields:\n      - name: status\n        type: string\n        constraints:\n          max_length: 20\nerrors:\n",
            ),
            Replace(
                PLACE,
                "  - name: color\n",
                "  - name: filter\n    type: OrderFilter\n  - name: color\n",
            ),
        ],
        &[(K::FieldRemoved, I::Breaking), (K::FieldAdded, I::Addition)],
    );
    // A local type that requests use: a tightened constraint breaks them.
    check(
        "local_type_constraint_tightened",
        &[Replace(LIST, "max_length: 20", "max_length: 10")],
        &[(K::ConstraintTightened, I::Breaking)],
    );
}

#[test]
fn reversed_edits_give_the_opposite_verdicts() {
    check_reversed(
        "token_source_added",
        &[Replace(PROVIDER, TOKEN_BLOCK, "")],
        &[(K::TokenSourceAdded, I::Addition)],
    );
    check_reversed(
        "error_code_removed",
        &[Replace(
            PLACE,
            "errors:\n",
            "errors:\n  - code: 30002\n    docs:\n      en: Store closed.\n",
        )],
        &[(K::ErrorCodeRemoved, I::Docs)],
    );
    check(
        "auth_dropped",
        &[Replace(LIST, "auth: header", "auth: none")],
        &[(K::AuthChanged, I::Compatible)],
    );
    check_reversed(
        "auth_required",
        &[Replace(LIST, "auth: header", "auth: none")],
        &[(K::AuthChanged, I::Breaking)],
    );
}

#[test]
fn a_new_item_type_breaks_the_stream() {
    check(
        "pagination_item_type_changed",
        &[Replace(
            LIST,
            "    type: list<Item>\n",
            "    type: list<Receipt>\n",
        )],
        &[
            (K::PaginationChanged, I::Breaking),
            (K::FieldTypeChanged, I::Breaking),
        ],
    );
}

#[test]
fn bounds_that_refuse_nothing_are_no_change() {
    check(
        "zero_minimum_is_no_change",
        &[Replace(
            LIST,
            "          max_length: 20\n",
            "          max_length: 20\n          min_length: 0\n",
        )],
        &[],
    );
}

#[test]
fn a_variant_matched_by_value_is_not_matched_again_by_name() {
    check(
        "enum_removed_and_renamed",
        &[Replace(
            TYPES,
            "      - value: RED\n        rust_name: Red\n      - value: dark_blue\n",
            "      - value: dark_blue\n        rust_name: Red\n",
        )],
        &[
            (K::EnumValueRemoved, I::Breaking),
            (K::EnumVariantRenamed, I::Breaking),
        ],
    );
}

/// The changes no snapshot shows, with their exact text: (kind, impact, subject, reason, wire).
fn wire_changes(changes: &SpecDiff) -> Vec<(K, I, String, String, String)> {
    changes
        .changes
        .iter()
        .map(|c| {
            let wire = c.wire.clone().unwrap_or_default();
            (c.kind, c.impact, c.subject.clone(), c.reason.clone(), wire)
        })
        .collect()
}

#[test]
fn the_protocols_constructor_arguments_and_the_action_are_wire_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&real_spec(), dir.path());
    let bind = "tencent_ess/bind_employee_user_id_with_client_open_id.yaml";
    apply(
        dir.path(),
        &[
            Replace(
                "tencent_ess/provider.yaml",
                "version: \"2020-11-11\"",
                "version: \"2021-03-01\"",
            ),
            Replace(
                bind,
                "action: BindEmployeeUserIdWithClientOpenId",
                "action: BindEmployeeUserId",
            ),
        ],
    );
    let changes = diff::diff(&lowered(&real_spec()), &lowered(dir.path()));
    let no_rust = "the Rust API is unchanged".to_owned();
    assert_eq!(
        wire_changes(&changes),
        vec![
            (
                K::ApiVersionChanged,
                I::Compatible,
                "Tencent Cloud service and version".to_owned(),
                no_rust.clone(),
                "requests are signed and sent for service `ess`, version `2021-03-01` instead of \
                 service `ess`, version `2020-11-11`"
                    .to_owned()
            ),
            (
                K::ActionChanged,
                I::Compatible,
                "action".to_owned(),
                no_rust,
                "`X-TC-Action: BindEmployeeUserId` instead of `BindEmployeeUserIdWithClientOpenId`"
                    .to_owned()
            ),
        ],
        "{}",
        report::text(&changes, &sides())
    );
}

#[test]
fn a_token_source_keeping_other_fields_is_a_wire_change() {
    let (base, head) = before_and_after(&[Replace(PROVIDER, "fields: [corpId]", "fields: []")]);
    let changes = diff::diff(&base, &head);
    assert_eq!(
        wire_changes(&changes),
        vec![(
            K::TokenSourceChanged,
            I::Compatible,
            "token source of `fxiaoke_body`".to_owned(),
            "the Rust API is unchanged".to_owned(),
            "`fxiaoke_body` tokens are fetched through `Client::corp_token` (token \
             `corp_access_token`, lifetime `expires_in`)"
                .to_owned()
        )],
        "{}",
        report::text(&changes, &sides())
    );
}
