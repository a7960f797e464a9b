//! The trial without cargo: import and generation of a small catalogue, the clean-up of the
//! shared build directory, the arguments and the report.

use super::*;
use serde_json::json;

/// A two-action catalogue with the traps other services have: a date member, a `Type`
/// member, a `uint64`, a recursive structure through a list, a deprecated action.
fn unpacked_wheel(root: &Path) {
    let api = json!({
        "actions": {
            "DescribeThings": {"name": "查询东西", "document": "查询<b>东西</b>。",
                "input": "DescribeThingsRequest", "output": "DescribeThingsResponse",
                "status": "online"},
            "DeleteThing": {"name": "删除东西", "document": "删除。",
                "input": "DeleteThingRequest", "output": "DeleteThingResponse",
                "status": "deprecated"},
        },
        "objects": {
            "DescribeThingsRequest": {"type": "object", "members": [
                {"name": "Type", "type": "string", "member": "string", "document": "类型",
                 "example": "无", "required": true},
                {"name": "Since", "type": "string", "member": "date", "document": "起始日期",
                 "example": "2020-09-22", "required": false},
            ]},
            "DescribeThingsResponse": {"type": "object", "members": [
                {"name": "Things", "type": "list", "member": "Thing", "document": "东西",
                 "output_required": true, "value_allowed_null": false},
                {"name": "Total", "type": "int", "member": "uint64", "document": "总数",
                 "output_required": true, "value_allowed_null": false},
                {"name": "RequestId", "type": "string", "member": "string",
                 "document": "请求 ID"},
            ]},
            "DeleteThingRequest": {"type": "object", "members": [
                {"name": "ThingId", "type": "string", "member": "string", "document": "ID",
                 "required": true},
            ]},
            "DeleteThingResponse": {"type": "object", "members": [
                {"name": "RequestId", "type": "string", "member": "string",
                 "document": "请求 ID"},
            ]},
            "Thing": {"usage": "out", "document": "东西", "members": [
                {"name": "Children", "type": "list", "member": "Thing", "document": "子项",
                 "output_required": false, "value_allowed_null": true},
                {"name": "CreatedAt", "type": "string", "member": "datetime_iso",
                 "document": "创建时间", "output_required": true,
                 "value_allowed_null": false},
            ]},
        },
        "metadata": {"apiVersion": "2020-01-01", "serviceShortName": "demo",
                     "serviceNameCN": "演示"},
        "version": "1.0",
    });
    let examples = json!({"actions": {"DescribeThings": [{
        "title": "查询",
        "document": "",
        "input": "POST / HTTP/1.1\nHost: demo.tencentcloudapi.com\nX-TC-Action: DescribeThings\n<公共请求参数>\n\n{\"Type\": \"a\", \"Since\": \"2020-09-22\"}",
        "output": "{\"Response\": {\"Things\": [{\"CreatedAt\": \"2020-09-22T00:00:00+00:00\", \"Children\": []}], \"Total\": 18446744073709551615, \"RequestId\": \"r\"}}",
    }]}});
    let dir = root.join("tccli/services/demo/v20200101");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(root.join("tccli-3.1.0.dist-info")).unwrap();
    std::fs::write(dir.join("api.json"), api.to_string()).unwrap();
    std::fs::write(dir.join("examples.json"), examples.to_string()).unwrap();
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn a_service_named_twice_is_refused_before_anything_runs() {
    let out = tempfile::tempdir().unwrap();
    let options = Options {
        wheel: out.path().join("no-such.whl"),
        targets: vec![
            "cvm@2017-03-12".parse().unwrap(),
            "sms@2021-01-11".parse().unwrap(),
            "cvm@2017-03-12".parse().unwrap(),
        ],
        out: Some(out.path().join("scratch")),
        keep: false,
        compile: false,
    };
    let error = run(&workspace(), &options, &mut |_| {}).unwrap_err();
    assert_eq!(error, "cvm@2017-03-12 is named twice");
    assert!(!out.path().join("scratch").exists());
}

#[test]
fn imports_and_generates_each_service_and_names_the_one_that_fails() {
    let wheel = tempfile::tempdir().unwrap();
    unpacked_wheel(wheel.path());
    let out = tempfile::tempdir().unwrap();
    let options = Options {
        wheel: wheel.path().to_path_buf(),
        targets: vec![
            "demo@2020-01-01".parse().unwrap(),
            "demo@2021-01-01".parse().unwrap(),
        ],
        out: Some(out.path().to_path_buf()),
        keep: false,
        compile: false,
    };
    let mut said = Vec::new();
    let outcomes = run(&workspace(), &options, &mut |line| {
        said.push(line.to_owned())
    })
    .unwrap();
    let said = said.join("\n");
    assert_eq!(outcomes[0].stage, Stage::Passed, "{said}");
    assert_eq!(outcomes[1].stage, Stage::Import, "{said}");
    assert!(
        said.contains(
            "demo@2020-01-01: 2 actions (1 deprecated), 1 types, 1 examples, 0 corrections"
        ),
        "{said}"
    );
    assert!(said.contains("demo@2021-01-01: import failed: "), "{said}");
    let spec = out.path().join("demo-20200101/api-spec/tencent_demo");
    let describe = std::fs::read_to_string(spec.join("describe_things.yaml")).unwrap();
    assert!(describe.contains("rust_name: type_"), "{describe}");
    assert!(spec.join("provider.yaml").is_file());
    let generated = out.path().join("demo-20200101/crate/generated");
    let (files, lines) = count_lines(&generated);
    assert!(files > 0 && lines > 100, "{files} files, {lines} lines");
    assert!(said.contains(&format!("generated {lines} lines of Rust in {files} files")));
    assert_eq!(
        summary(&outcomes, true),
        "import-trial: 1 of 2 service(s) passed; failed: demo@2021-01-01 (import)"
    );
}

#[test]
fn only_the_generated_crates_new_units_leave_the_shared_build_dir() {
    let build = tempfile::tempdir().unwrap();
    let profile = build.path().join("debug");
    let touch = |rel: &str| {
        let path = profile.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x").unwrap();
    };
    touch(".fingerprint/bindery-aaaa/lib-bindery");
    touch("deps/libbindery-aaaa.rlib");
    touch("incremental/bindery-0old/s-1/dep-graph.bin");
    let before = snapshot(build.path());
    for rel in [
        ".fingerprint/bindery-bbbb/lib-bindery",
        "deps/libbindery-bbbb.rlib",
        "deps/libbindery-bbbb.rmeta",
        "deps/bindery-bbbb.d",
        "incremental/bindery-2new/s-1/dep-graph.bin",
        "incremental/examples-3new/s-1/dep-graph.bin",
        "incremental/serde-4new/s-1/dep-graph.bin",
        ".fingerprint/examples-cccc/test-examples",
        "deps/examples-cccc",
        ".fingerprint/serde-dddd/lib-serde",
        "deps/libserde-dddd.rlib",
    ] {
        touch(rel);
    }
    let names = BTreeSet::from(["bindery".to_owned(), "examples".to_owned()]);
    remove_new_units(build.path(), &before, &names).unwrap();
    let mut left: Vec<String> = ["deps", ".fingerprint", "incremental"]
        .iter()
        .flat_map(|folder| std::fs::read_dir(profile.join(folder)).unwrap())
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "bindery-0old",
            "bindery-aaaa",
            "libbindery-aaaa.rlib",
            "libserde-dddd.rlib",
            "serde-4new",
            "serde-dddd"
        ]
    );
}

#[test]
fn the_generated_crates_targets_are_its_library_and_its_tests() {
    let dir = tempfile::tempdir().unwrap();
    let tests = dir.path().join("generated/tests");
    std::fs::create_dir_all(tests.join("examples")).unwrap();
    std::fs::write(tests.join("examples/main.rs"), "").unwrap();
    std::fs::write(tests.join("examples/tencent_sms.rs"), "").unwrap();
    std::fs::write(tests.join("bounds.rs"), "").unwrap();
    std::fs::create_dir_all(tests.join("data")).unwrap();
    let names: Vec<String> = unit_names(dir.path()).into_iter().collect();
    assert_eq!(names, ["bindery", "bounds", "examples"]);
}

#[test]
fn targets_are_service_at_version() {
    let cvm: Target = "cvm@2017-03-12".parse().unwrap();
    assert_eq!(cvm.service, "cvm");
    assert_eq!(cvm.version, "2017-03-12");
    assert_eq!(cvm.to_string(), "cvm@2017-03-12");
    assert!(
        "cvm"
            .parse::<Target>()
            .unwrap_err()
            .contains("SERVICE@VERSION")
    );
    assert!(
        "Cvm@2017-03-12"
            .parse::<Target>()
            .unwrap_err()
            .contains("service `Cvm`")
    );
    assert!(
        "cvm@20170312"
            .parse::<Target>()
            .unwrap_err()
            .contains("YYYY-MM-DD")
    );
    assert!("cvm@2017-3-12".parse::<Target>().is_err());
    assert!("@2017-03-12".parse::<Target>().is_err());
}

#[test]
fn a_failed_run_shows_its_errors_first() {
    let mut text = String::from("   Compiling a v1\n   Compiling b v1\n");
    text.push_str("error[E0425]: cannot find value `x`\n  --> src/lib.rs:1:1\n");
    assert_eq!(
        excerpt(&text),
        "error[E0425]: cannot find value `x`\n  --> src/lib.rs:1:1"
    );
    let long: String = (0..100).map(|i| format!("line {i}\n")).collect();
    let shown = excerpt(&long);
    assert!(shown.starts_with("line 40\n"), "{shown}");
    assert!(shown.ends_with("line 99"), "{shown}");
    let errors: String = (0..100).map(|i| format!("error {i}\n")).collect();
    assert!(excerpt(&errors).ends_with("error 59\n… 40 more lines"));
    assert_eq!(excerpt(""), "");
}

#[test]
fn a_failed_test_run_shows_its_failures() {
    let stdout = "running 2 tests\ntest a ... ok\ntest b ... FAILED\n\nfailures:\n\n---- b stdout \
                  ----\npanicked at src/lib.rs:3:5\n";
    let stderr = "error: doctest failed, to rerun pass `--doc`\n";
    assert_eq!(
        failure_text(stdout, stderr),
        "failures:\n\n---- b stdout ----\npanicked at src/lib.rs:3:5"
    );
    assert_eq!(
        failure_text("", stderr),
        "error: doctest failed, to rerun pass `--doc`"
    );
}

#[test]
fn the_summary_names_where_each_failure_stopped() {
    let target = |s: &str| -> Target { s.parse().unwrap() };
    let outcomes = vec![
        Outcome {
            target: target("sms@2021-01-11"),
            stage: Stage::Passed,
        },
        Outcome {
            target: target("cvm@2017-03-12"),
            stage: Stage::Cargo("clippy"),
        },
        Outcome {
            target: target("ocr@2018-11-19"),
            stage: Stage::Generate,
        },
    ];
    assert_eq!(
        summary(&outcomes, true),
        "import-trial: 1 of 3 service(s) passed; failed: cvm@2017-03-12 (cargo clippy), \
         ocr@2018-11-19 (generate)"
    );
    assert_eq!(
        summary(&outcomes[..1], true),
        "import-trial: all 1 service(s) imported, generated and compiled"
    );
    assert_eq!(
        summary(&outcomes[..1], false),
        "import-trial: all 1 service(s) imported and generated (not compiled: --no-compile)"
    );
}
