//! The real spec against an edited copy, and edge cases found in review.

use super::*;

// ---------------------------------------------------------------------------------------
// The real spec

fn real_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec")
}

/// The endpoint files of a spec folder (every YAML file below a provider folder except
/// `provider.yaml` and `types.yaml`, hidden ones skipped as the loader skips them), relative.
fn endpoint_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            endpoint_files(root, &path, out);
        } else if dir != root
            && name.ends_with(".yaml")
            && !["provider.yaml", "types.yaml"].contains(&name)
        {
            let rel = path.strip_prefix(root).expect("below the root");
            out.push(rel.to_string_lossy().into_owned());
        }
    }
}

/// The real spec, whatever it holds (so a new provider or endpoint breaks nothing here): a
/// copy loads to no change, and moving every endpoint's path gives exactly one compatible
/// `path_changed` per endpoint, named by its file.
#[test]
fn the_real_spec_against_a_temp_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&real_spec(), dir.path());
    let base = lowered(&real_spec());
    // Loaded twice, the same files give no change.
    assert!(diff::diff(&base, &lowered(dir.path())).changes.is_empty());

    let mut files = Vec::new();
    endpoint_files(dir.path(), dir.path(), &mut files);
    assert!(!files.is_empty());
    for file in &files {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        let edited: Vec<String> = text
            .lines()
            .map(|line| match line.strip_prefix("path: ") {
                Some(p) if p.ends_with('/') => format!("path: {p}v9"),
                Some(p) => format!("path: {p}/v9"),
                None => line.to_owned(),
            })
            .collect();
        std::fs::write(&path, edited.join("\n") + "\n").expect("write");
    }
    let changes = diff::diff(&base, &lowered(dir.path()));
    let mut got: Vec<(String, K, I)> = changes
        .changes
        .iter()
        .map(|c| {
            let spec = match &c.scope {
                diff::Scope::Endpoint { spec, .. } => spec.clone(),
                _ => String::new(),
            };
            (spec, c.kind, c.impact)
        })
        .collect();
    got.sort();
    let mut wanted: Vec<(String, K, I)> = files
        .iter()
        .map(|f| (format!("api-spec/{f}"), K::PathChanged, I::Compatible))
        .collect();
    wanted.sort();
    assert_eq!(got, wanted, "{}", report::text(&changes, &sides()));
    assert_eq!(changes.bump(), diff::Bump::Patch);
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
            "`bindery::shop::orders::ListOrdersRequest::new` takes (mode, store_id) instead of (store_id, mode)"
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
            // No call answers with `Item` any more.
            (K::SerdeImplRemoved, I::Breaking),
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
    // The Tencent Cloud fixture of the wire-test emitter, not the real spec, whose version
    // and actions change with the vendor.
    let base = support::fixture("emit/wire");
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&base, dir.path());
    apply(
        dir.path(),
        &[
            Replace(
                "sign/provider.yaml",
                "version: \"2024-01-02\"",
                "version: \"2025-03-01\"",
            ),
            Replace(
                "sign/create_seal.yaml",
                "action: CreateSeal",
                "action: CreateSealV2",
            ),
        ],
    );
    let changes = diff::diff(&lowered(&base), &lowered(dir.path()));
    let no_rust = "the Rust API is unchanged".to_owned();
    assert_eq!(
        wire_changes(&changes),
        vec![
            (
                K::ApiVersionChanged,
                I::Compatible,
                "Tencent Cloud service and version".to_owned(),
                no_rust.clone(),
                "requests are signed and sent for service `sgn`, version `2025-03-01` instead of \
                 service `sgn`, version `2024-01-02`"
                    .to_owned()
            ),
            (
                K::ActionChanged,
                I::Compatible,
                "action".to_owned(),
                no_rust,
                "`X-TC-Action: CreateSealV2` instead of `CreateSeal`".to_owned()
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
            "`fxiaoke_body` tokens are fetched through `bindery::shop::Client::corp_token` (token \
             `corp_access_token`, lifetime `expires_in`)"
                .to_owned()
        )],
        "{}",
        report::text(&changes, &sides())
    );
}

/// A protocol change names what the protocol table adds to the provider module: Tencent
/// Cloud's `Language` re-export and its `region` and `language` builder setters go.
#[test]
fn a_protocol_change_names_the_items_it_takes_away() {
    let write = |dir: &Path, provider: &str, endpoint: &str| {
        std::fs::create_dir_all(dir.join("cloud")).expect("mkdir");
        std::fs::write(dir.join("cloud/provider.yaml"), provider).expect("write");
        std::fs::write(dir.join("cloud/ping.yaml"), endpoint).expect("write");
    };
    let common = "name: cloud\ntitle: Cloud\ndocs: {en: A provider.}\n\
                  base_urls:\n  - {name: default, url: 'https://cloud.example', docs: {en: Public.}}\n";
    let ping = "name: Ping\nsummary: {en: Ping}\ndocs_url: https://cloud.example/ping\n\
                method: POST\npath: /\nidempotent: true\n";
    let (old, new) = (
        tempfile::tempdir().expect("temp dir"),
        tempfile::tempdir().expect("temp dir"),
    );
    write(
        old.path(),
        &format!(
            "{common}protocol: tencent_cloud\ntencent_cloud: {{service: cvm, version: '2017-03-12'}}\n\
             envelope: {{code: Response.Error.Code, message: Response.Error.Message, result: Response}}\n\
             auth:\n  - {{name: tc3, kind: tc3_hmac_sha256, docs: {{en: TC3.}}, headers: [authorization]}}\n"
        ),
        &format!("{ping}action: Ping\nauth: tc3\n"),
    );
    write(
        new.path(),
        &format!(
            "{common}protocol: mingdao\nenvelope: {{code: code, success: 1, message: msg}}\n\
             auth:\n  - {{name: sign, kind: mingdao_sign, docs: {{en: Signed.}}, body_fields: [appKey, sign, timestamp, projectId]}}\n"
        ),
        &format!("{ping}auth: sign\n"),
    );
    let changes = diff::diff(&lowered(old.path()), &lowered(new.path()));
    assert_eq!(
        reason_of(&changes, K::ProtocolChanged),
        "`bindery::cloud::Credentials` and request signing follow `Mingdao` instead of \
         `TencentCloud`; `bindery::cloud::Language`, `bindery::cloud::ClientBuilder::region` and \
         `bindery::cloud::ClientBuilder::language` are gone | ",
        "{}",
        report::text(&changes, &sides())
    );
    let reversed = diff::diff(&lowered(new.path()), &lowered(old.path()));
    assert!(
        reason_of(&reversed, K::ProtocolChanged).ends_with(
            "; new `bindery::cloud::Language`, `bindery::cloud::ClientBuilder::region` and \
             `bindery::cloud::ClientBuilder::language` | "
        ),
        "{}",
        report::text(&reversed, &sides())
    );
}
