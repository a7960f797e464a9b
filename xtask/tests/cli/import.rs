//! The review loop of `cargo xtask import tencent-cloud`: import an older catalogue, commit,
//! import a newer one, and `cargo xtask spec-diff` says what the vendor changed, with the
//! right verdicts (fixtures: `xtask/tests/fixtures/tccli/`, see its README). Also: a re-import
//! changes no byte, and curated facts survive a re-import.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::{git, spec_and_generated_copy, workspace, xtask};

const DIR: &str = "api-spec/tencent_ess";

fn fixture(version: &str) -> PathBuf {
    workspace().join("xtask/tests/fixtures/tccli").join(version)
}

/// Imports fixture `version` into `root`; the command's stdout.
/// Runs `cargo xtask import tencent-cloud` on the fixture `version`, plus `extra` arguments.
fn run_import(root: &Path, version: &str, extra: &[&str]) -> (i32, String, String) {
    let catalogue = fixture(version);
    let mut args = vec![
        "import",
        "tencent-cloud",
        catalogue.to_str().expect("UTF-8 path"),
        "--service",
        "ess",
        "--version",
        "2020-11-11",
    ];
    args.extend_from_slice(extra);
    xtask(root, &args)
}

fn import(root: &Path, version: &str) -> String {
    let (code, stdout, stderr) = run_import(root, version, &[]);
    assert_eq!(code, 0, "import {version}: {stdout}{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stdout
}

/// A git repository with the workspace's spec (its hand-written `tencent_ess` replaced by the
/// import of fixture `old`) committed.
fn imported_old() -> tempfile::TempDir {
    let dir = spec_and_generated_copy();
    let root = dir.path();
    std::fs::remove_dir_all(root.join(DIR)).expect("remove tencent_ess");
    // The verdicts below name versions: start from a fixed one, whatever the spec's now is.
    let crate_file = root.join("api-spec/crate.yaml");
    let text = std::fs::read_to_string(&crate_file).expect("read crate.yaml");
    let pinned: String = text
        .lines()
        .map(|l| {
            if l.starts_with("version:") {
                "version: 0.1.0"
            } else {
                l
            }
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&crate_file, pinned).expect("write crate.yaml");
    import(root, "old");
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "import old"]);
    dir
}

/// Every file of the provider folder, by name.
fn files(root: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(root.join(DIR)).expect("read dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        out.insert(name, std::fs::read_to_string(&path).expect("read"));
    }
    out
}

fn read(root: &Path, file: &str) -> String {
    std::fs::read_to_string(root.join(DIR).join(file)).expect(file)
}

fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(DIR).join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {file}:\n{text}");
    std::fs::write(path, text.replace(from, to)).expect("write");
}

#[test]
fn the_first_import_writes_one_file_per_action_and_the_provider() {
    let dir = spec_and_generated_copy();
    let root = dir.path();
    std::fs::remove_dir_all(root.join(DIR)).expect("remove tencent_ess");
    let stdout = import(root, "old");
    assert!(
        stdout.starts_with(&format!(
            "import tencent-cloud: 7 actions (0 deprecated), 6 shared types, 8 examples → \
             {DIR}: 8 files written, 0 unchanged; created provider.yaml (edit it: it is never \
             rewritten)\n"
        )),
        "{stdout}"
    );
    let names: Vec<String> = files(root).into_keys().collect();
    assert_eq!(
        names,
        [
            "cancel_flow.yaml",
            "create_prepare_flow.yaml",
            "create_prepared_personal_esign.yaml",
            "describe_bill_usage.yaml",
            "describe_third_party_auth_code.yaml",
            "modify_flow_deadline.yaml",
            "provider.yaml",
            "types.yaml",
            "verify_pdf.yaml",
        ]
    );
    let types = read(root, "types.yaml");
    assert!(
        types.starts_with(
            "# yaml-language-server: $schema=../spec.schema.json\n# Imported by `cargo xtask \
             import tencent-cloud` from a catalogue folder (tccli/services/ess/v20201111 of an \
             unknown tccli version): the shared structures.\n"
        ),
        "{types}"
    );
    let cancel = read(root, "cancel_flow.yaml");
    assert!(
        cancel.starts_with(
            "# yaml-language-server: $schema=../spec.schema.json\n# Imported by `cargo xtask \
             import tencent-cloud`; see types.yaml.\nname: CancelFlow\n"
        ),
        "{cancel}"
    );
}

/// `(where, kind, verdict, impact, subject)` of each change of `spec-diff --format json`, in
/// report order; `where` is the endpoint's operation, or the scope (`types`).
fn changes(json: &serde_json::Value) -> Vec<[String; 5]> {
    json["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
            let at = match c["endpoint"]["operation"].as_str() {
                Some(operation) => operation.to_owned(),
                None => text(&c["scope"]),
            };
            [
                at,
                text(&c["kind"]),
                text(&c["verdict"]),
                text(&c["impact"]),
                text(&c["subject"]),
            ]
        })
        .collect()
}

const SUMMARY: &str = "6 breaking, 5 additions, 5 docs-only → major bump: bindery 0.1.0 → 0.2.0 \
                       (breaking; before 1.0 that moves the minor number)";

#[test]
fn spec_diff_across_two_catalogue_versions_gives_each_change_its_verdict() {
    let repo = imported_old();
    let root = repo.path();
    let stdout = import(root, "new");
    assert!(
        stdout.starts_with(
            "import tencent-cloud: 7 actions (0 deprecated), 6 shared types, 8 examples → \
             api-spec/tencent_ess: 7 files written, 1 unchanged; removed \
             describe_third_party_auth_code.yaml\n"
        ),
        "{stdout}"
    );

    let (code, json, stderr) = xtask(root, &["spec-diff", "--format", "json"]);
    assert_eq!(code, 0, "{json}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON output");
    let got = changes(&json);
    let got: Vec<[&str; 5]> = got
        .iter()
        .map(|c| c.each_ref().map(String::as_str))
        .collect();
    let docs = "docs_changed";
    let want: &[[&str; 5]] = &[
        [
            "types",
            "field_added",
            "compatible",
            "addition",
            "field `AppId` of `Agent`",
        ],
        [
            "types",
            "field_added",
            "compatible",
            "addition",
            "field `CertProvider` of `PdfVerifyResult`",
        ],
        [
            "types",
            "field_added",
            "compatible",
            "addition",
            "field `IsTimestampTrust` of `PdfVerifyResult`",
        ],
        ["types", docs, "compatible", "docs", TYPE_DOCS],
        ["CancelFlow", docs, "compatible", "docs", "description"],
        [
            "CreatePrepareFlow",
            "field_became_optional",
            "breaking",
            "breaking",
            "request field `ResourceId` became optional",
        ],
        [
            "CreatePreparedPersonalEsign",
            "field_removed",
            "breaking",
            "breaking",
            "request field `SealImageCompress`",
        ],
        [
            "CreatePreparedPersonalEsign",
            "field_removed",
            "breaking",
            "breaking",
            "request field `LicenseType`",
        ],
        [
            "CreatePreparedPersonalEsign",
            docs,
            "compatible",
            "docs",
            "docs of request field `Mobile`, docs of request field `SceneKey`",
        ],
        [
            "CreateRequestWithEncryption",
            "endpoint_added",
            "compatible",
            "addition",
            "endpoint `CreateRequestWithEncryption`",
        ],
        [
            "DescribeBillUsage",
            "field_added",
            "compatible",
            "addition",
            "request field `Operator`",
        ],
        ["DescribeBillUsage", docs, "compatible", "docs", "examples"],
        [
            "DescribeThirdPartyAuthCode",
            "endpoint_removed",
            "breaking",
            "breaking",
            "endpoint `DescribeThirdPartyAuthCode`",
        ],
        [
            "ModifyFlowDeadline",
            "field_type_changed",
            "breaking",
            "breaking",
            "request field `Deadline`: `i64` → `u64`",
        ],
        [
            "ModifyFlowDeadline",
            "field_added",
            "breaking",
            "breaking",
            "request field `RecipientType`",
        ],
        ["ModifyFlowDeadline", docs, "compatible", "docs", "examples"],
    ];
    assert_eq!(got, want);
    assert_eq!(json["summary"]["breaking"], 6);
    assert_eq!(json["summary"]["addition"], 5);
    assert_eq!(json["summary"]["compatible"], 0);
    assert_eq!(json["summary"]["docs"], 5);
    assert_eq!(json["summary"]["bump"], "major");
    assert_eq!(json["summary"]["version"]["next"], "0.2.0");
    assert_eq!(json["summary"]["text"], SUMMARY);

    let (code, text, stderr) = xtask(root, &["spec-diff"]);
    assert_eq!(code, 0, "{text}{stderr}");
    for line in [
        "\n  CreateRequestWithEncryption (api-spec/tencent_ess/create_request_with_encryption.yaml)\n    compatible  endpoint `CreateRequestWithEncryption`: new method `bindery::tencent_ess::Client::create_request_with_encryption`, with `CreateRequestWithEncryptionRequest` and `CreateRequestWithEncryptionResponse` in `bindery::tencent_ess` and `bindery::tencent_ess::operations::CREATE_REQUEST_WITH_ENCRYPTION`\n",
        "\n    compatible  request field `Operator`: `bindery::tencent_ess::DescribeBillUsageRequest` gains the optional field `operator: Option<types::UserInfo>` and its setter; `new` is unchanged\n",
        "\n    breaking    request field `RecipientType`: `bindery::tencent_ess::ModifyFlowDeadlineRequest::new` gains an argument `recipient_type: String`\n",
        "\n    breaking    request field `Deadline`: `i64` → `u64`: `bindery::tencent_ess::ModifyFlowDeadlineRequest.deadline` is `u64` instead of `i64`, and so is its argument of `new`\n",
        "\n    breaking    request field `ResourceId` became optional: `bindery::tencent_ess::CreatePrepareFlowRequest.resource_id` is `Option<String>` instead of `String` and leaves `bindery::tencent_ess::CreatePrepareFlowRequest::new`'s arguments for a setter\n",
        "\n  tencent_ess CancelFlow: description\n",
    ] {
        assert!(text.contains(line), "{line}\nnot in:\n{text}");
    }
    assert!(text.ends_with(&format!("\nsummary: {SUMMARY}\n")), "{text}");
    let (code, _, stderr) = xtask(root, &["spec-diff", "--fail-on-breaking"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "error: 6 breaking change(s) since HEAD\n");
}

const TYPE_DOCS: &str = "docs of field `UserId` of `UserInfo`";

#[test]
fn a_re_import_of_the_same_catalogue_changes_no_byte() {
    let repo = imported_old();
    let root = repo.path();
    import(root, "new");
    let before = files(root);
    let stdout = import(root, "new");
    assert!(
        stdout.starts_with(
            "import tencent-cloud: 7 actions (0 deprecated), 6 shared types, 8 examples → \
             api-spec/tencent_ess: 0 files written, 8 unchanged\n"
        ),
        "{stdout}"
    );
    assert_eq!(files(root), before);
}

#[test]
fn check_mode_changes_nothing_and_names_the_files_that_differ() {
    let repo = imported_old();
    let root = repo.path();
    let check = |version: &str| run_import(root, version, &["--check"]);
    let (code, stdout, stderr) = check("old");
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "import tencent-cloud --check: api-spec/tencent_ess is what the catalogue imports to \
         (8 files)\n"
    );
    let before = files(root);
    let (code, stdout, stderr) = check("new");
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.starts_with(
            "error: import tencent-cloud --check: 8 files differ from what the catalogue imports to \
             (run the command without --check to write them):\n  cancel_flow.yaml\n"
        ),
        "{stderr}"
    );
    // The new action's file would be written, the removed one's removed.
    for file in [
        "create_request_with_encryption.yaml",
        "describe_third_party_auth_code.yaml",
    ] {
        assert!(stderr.contains(&format!("\n  {file}\n")), "{stderr}");
    }
    assert_eq!(files(root), before, "--check wrote something");

    // One file off: said in the singular.
    let cancel = root.join(DIR).join("cancel_flow.yaml");
    let text = std::fs::read_to_string(&cancel).expect("cancel_flow.yaml");
    std::fs::write(&cancel, format!("{text}# touched\n")).expect("write");
    let (code, _, stderr) = check("old");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: import tencent-cloud --check: 1 file differs from what"),
        "{stderr}"
    );

    // A folder never imported has no provider.yaml: the error says how to get one.
    std::fs::remove_file(root.join(DIR).join("provider.yaml")).expect("remove provider.yaml");
    let (code, stdout, stderr) = check("old");
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(
        stderr,
        "error: import tencent-cloud: api-spec/tencent_ess/provider.yaml: not found (an import \
         without `--check` writes it first)\n"
    );
}

/// Curated facts written into `old`'s files, each as `(file, text the import wrote, text with
/// the fact, the fact as the next import writes it)`.
const CURATED: &[(&str, &str, &str, &str)] = &[
    (
        "cancel_flow.yaml",
        "summary:\n  zh: 撤销单个合同流程\n",
        "summary:\n  zh: 撤销单个合同流程\n  en: Cancels one signing flow.\n",
        "summary:\n  zh: 撤销单个合同流程\n  en: Cancels one signing flow.\n",
    ),
    (
        "cancel_flow.yaml",
        "idempotent: false\n",
        "idempotent: true\n",
        "\nidempotent: true\n",
    ),
    (
        "cancel_flow.yaml",
        "  - name: example_2\n",
        "  - name: already_terminated\n",
        "  - name: already_terminated\n    docs:\n      zh: |-\n        错误示例-撤销一个已经签署完成的流程合同\n",
    ),
    (
        "modify_flow_deadline.yaml",
        "  - name: FlowId\n    type: string\n    required: true\n",
        "  - name: FlowId\n    type: string\n    required: true\n    constraints:\n      max_length: 32\n      pattern: \"[A-Za-z0-9]+\"\n",
        // Where the importer writes constraints: after the field's docs.
        "示例值：yDw7hUUckpkmkwraUunP4DbSHZaRRhKP\n    constraints:\n      max_length: 32\n      pattern: \"[A-Za-z0-9]+\"\n  - name: Deadline\n",
    ),
    (
        "types.yaml",
        "  - name: UserInfo\n    docs:\n      zh: 用户信息\n",
        "  - name: UserInfo\n    docs:\n      zh: 用户信息\n      en: The employee who calls.\n",
        "  - name: UserInfo\n    docs:\n      zh: 用户信息\n      en: The employee who calls.\n",
    ),
];

#[test]
fn curated_facts_survive_importing_a_newer_catalogue() {
    let repo = imported_old();
    let root = repo.path();
    for (file, from, to, _) in CURATED {
        replace(root, file, from, to);
    }
    let notes = "notes: >-\n  Cancelling twice is harmless: the second call fails with \
                 OperationDenied.FlowHasTerminated.\n";
    let path = root.join(DIR).join("cancel_flow.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{text}{notes}")).expect("write");
    // The curated facts are reviewed and committed like any spec edit.
    git(root, &["commit", "-q", "-am", "curate"]);

    import(root, "new");
    for (file, _, _, fact) in CURATED {
        let text = read(root, file);
        assert!(text.contains(fact), "{fact}\nnot in {file}:\n{text}");
    }
    let cancel = read(root, "cancel_flow.yaml");
    assert!(
        cancel.ends_with(
            "\nnotes: \"Cancelling twice is harmless: the second call fails with \
             OperationDenied.FlowHasTerminated.\"\n"
        ),
        "{cancel}"
    );
    // The catalogue's own change to the same file is in too.
    let deadline = read(root, "modify_flow_deadline.yaml");
    assert!(
        deadline.contains("  - name: Deadline\n    type: u64\n"),
        "{deadline}"
    );
    // And the review sees only what the catalogue changed.
    let (code, stdout, stderr) = xtask(root, &["spec-diff", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON output");
    assert_eq!(json["summary"]["text"], SUMMARY, "{stdout}");
    // A second import keeps every byte of the curated files.
    let before = files(root);
    import(root, "new");
    assert_eq!(files(root), before);
}

#[test]
fn a_member_the_catalogue_lets_be_null_is_nullable_where_the_client_reads_it() {
    // The fixture catalogue with `value_allowed_null: true` on a response member
    // (`CreatePrepareFlowResponse.FlowId`) and on a request member (`CancelFlowRequest.FlowId`).
    let catalogue = tempfile::tempdir().expect("temp dir");
    for file in ["api.json", "examples.json"] {
        std::fs::copy(fixture("new").join(file), catalogue.path().join(file)).expect("copy");
    }
    let path = catalogue.path().join("api.json");
    let mut api: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
    for object in ["CreatePrepareFlowResponse", "CancelFlowRequest"] {
        let members = api["objects"][object]["members"]
            .as_array_mut()
            .expect("members");
        let member = members
            .iter_mut()
            .find(|m| m["name"] == "FlowId")
            .expect("FlowId");
        member["value_allowed_null"] = serde_json::Value::Bool(true);
    }
    std::fs::write(&path, api.to_string()).expect("write");

    let dir = spec_and_generated_copy();
    let root = dir.path();
    std::fs::remove_dir_all(root.join(DIR)).expect("remove tencent_ess");
    let (code, stdout, stderr) = xtask(
        root,
        &[
            "import",
            "tencent-cloud",
            catalogue.path().to_str().expect("UTF-8 path"),
            "--service",
            "ess",
            "--version",
            "2020-11-11",
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let read_back = read(root, "create_prepare_flow.yaml");
    let response = &read_back[read_back.find("\nresponse:\n").expect("response")..];
    assert!(
        response.contains("  - name: FlowId\n    type: string\n    nullable: true\n"),
        "{response}"
    );
    // Sent, never read: a request member gets no `nullable` (the loader would refuse it).
    let cancel = read(root, "cancel_flow.yaml");
    assert!(
        cancel.contains("  - name: FlowId\n    type: string\n    required: true\n    docs:"),
        "{cancel}"
    );
    assert!(!cancel.contains("nullable"), "{cancel}");
}

#[test]
fn a_curated_integer_enum_survives_a_re_import() {
    // `VerifyPdfResponse.VerifyResult` is an `int64` the catalogue documents by its codes:
    // someone makes it an integer enum of the endpoint, and a re-import keeps both.
    let repo = imported_old();
    let root = repo.path();
    let types = "types:\n  - name: VerifyResultCode\n    docs:\n      en: The verification outcome.\n    enum:\n      - value: 1\n        rust_name: Passed\n      - value: 2\n        rust_name: Failed\n";
    replace(
        root,
        "verify_pdf.yaml",
        "  - name: VerifyResult\n    type: i64\n",
        "  - name: VerifyResult\n    type: VerifyResultCode\n",
    );
    replace(
        root,
        "verify_pdf.yaml",
        "\nexamples:\n",
        &format!("\n{types}examples:\n"),
    );
    git(root, &["commit", "-q", "-am", "curate an integer enum"]);
    import(root, "new");
    let verify = read(root, "verify_pdf.yaml");
    assert!(
        verify.contains("  - name: VerifyResult\n    type: VerifyResultCode\n"),
        "{verify}"
    );
    assert!(verify.contains(&format!("\n{types}")), "{verify}");
    let before = files(root);
    import(root, "new");
    assert_eq!(files(root), before);
}
