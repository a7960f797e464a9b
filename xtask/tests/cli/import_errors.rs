//! `cargo xtask import tencent-cloud` on broken inputs: each is an error naming the action,
//! object and member (exit code 2, never a panic), or, where `api-spec/README.md` documents a
//! rule, a deterministic rename. The catalogues are tiny and written by each test.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::common::{spec_and_generated_copy, xtask};

/// A workspace copy without the hand-written `tencent_ess`, so the import writes it anew.
fn workspace_copy() -> tempfile::TempDir {
    let dir = spec_and_generated_copy();
    std::fs::remove_dir_all(dir.path().join("api-spec/tencent_ess")).expect("remove");
    dir
}

fn member(name: &str, kind: &str, of: &str) -> Value {
    json!({"name": name, "type": kind, "member": of, "document": "说明", "example": "无",
           "disabled": false, "required": false})
}

fn required(mut member: Value) -> Value {
    member["required"] = json!(true);
    member
}

/// `api.json` with one action, `DescribeThing`, whose request has `request` members, and the
/// shared structures `shared`.
fn api(request: Vec<Value>, shared: Value) -> Value {
    let mut objects = json!({
        "DescribeThingRequest": {"document": "", "members": request, "type": "object"},
        "DescribeThingResponse": {"document": "", "type": "object", "members": [
            {"name": "RequestId", "type": "string", "member": "string", "document": "唯一请求 ID",
             "output_required": true, "value_allowed_null": false}
        ]},
    });
    for (name, object) in shared.as_object().expect("shared structures") {
        objects[name] = object.clone();
    }
    json!({
        "actions": {"DescribeThing": {"name": "查询东西", "document": "查询东西。",
                    "input": "DescribeThingRequest", "output": "DescribeThingResponse",
                    "status": "online"}},
        "objects": objects,
        "metadata": {"apiVersion": "2020-11-11", "serviceShortName": "ess",
                     "serviceNameCN": "腾讯电子签企业版"},
        "version": "1.0",
    })
}

fn shared(usage: &str, members: Vec<Value>) -> Value {
    json!({"document": "共享结构", "members": members, "usage": usage})
}

/// `examples.json` with one example of `DescribeThing`.
fn example(input: &str, output: &str) -> Value {
    json!({"actions": {"DescribeThing": [
        {"title": "样例", "document": "", "input": input, "output": output}
    ]}, "version": "1.0"})
}

const GOOD_INPUT: &str = "POST / HTTP/1.1\nHost: ess.tencentcloudapi.com\nContent-Type: \
                          application/json\nX-TC-Action: DescribeThing\n<公共请求参数>\n\n{}";
const GOOD_OUTPUT: &str = r#"{"Response": {"RequestId": "r-1"}}"#;

/// Writes `api` and `examples` as a catalogue folder below `root`; its path.
fn catalogue(root: &Path, api: &Value, examples: &Value) -> PathBuf {
    let dir = root.join("catalogue");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("api.json"), api.to_string()).expect("write");
    std::fs::write(dir.join("examples.json"), examples.to_string()).expect("write");
    dir
}

fn run_import(root: &Path, catalogue: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "import",
        "tencent-cloud",
        catalogue.to_str().expect("UTF-8 path"),
    ];
    let defaults = ["--service", "ess", "--version", "2020-11-11"];
    if extra.is_empty() {
        args.extend(defaults);
    } else {
        args.extend(extra);
    }
    let (code, stdout, stderr) = xtask(root, &args);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stdout, stderr)
}

/// Imports and expects exactly the error `message`.
fn fails(root: &Path, catalogue: &Path, extra: &[&str], message: &str) {
    let (code, stdout, stderr) = run_import(root, catalogue, extra);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(stderr, format!("error: import tencent-cloud: {message}\n"));
    // A failed import writes no spec file (a first one may have created `provider.yaml`).
    let folder = root.join("api-spec/tencent_ess");
    let written: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name != "provider.yaml")
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

/// Imports `api` with a good example and expects exactly the error `message`.
fn api_fails(api: &Value, message: &str) {
    let dir = workspace_copy();
    let path = catalogue(dir.path(), api, &example(GOOD_INPUT, GOOD_OUTPUT));
    fails(dir.path(), &path, &[], message);
}

fn user_info() -> Value {
    json!({"UserInfo": shared("both", vec![member("UserId", "string", "string")])})
}

#[test]
fn a_good_tiny_catalogue_imports_and_loads() {
    let dir = workspace_copy();
    let api = api(
        vec![required(member("Operator", "object", "UserInfo"))],
        user_info(),
    );
    let input = GOOD_INPUT.replace("{}", r#"{"Operator": {"UserId": "u-1"}}"#);
    let path = catalogue(dir.path(), &api, &example(&input, GOOD_OUTPUT));
    let (code, stdout, stderr) = run_import(dir.path(), &path, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.starts_with(
            "import tencent-cloud: 1 actions (0 deprecated), 1 shared types, 1 examples → \
             api-spec/tencent_ess: 2 files written, 0 unchanged; created provider.yaml"
        ),
        "{stdout}"
    );
}

#[test]
fn a_member_of_a_missing_object_names_action_object_and_member() {
    api_fails(
        &api(vec![member("Filter", "object", "Nope")], json!({})),
        "action `DescribeThing`, object `DescribeThingRequest`, member `Filter`: its type \
         `Nope` is not in the catalogue's `objects`",
    );
    // A request structure used as a member's type is not a shared structure.
    api_fails(
        &api(
            vec![member("Inner", "list", "DescribeThingResponse")],
            json!({}),
        ),
        "action `DescribeThing`, object `DescribeThingRequest`, member `Inner`: its type \
         `DescribeThingResponse` is a request or response structure, not a shared one",
    );
    // In a shared structure.
    api_fails(
        &api(
            vec![],
            json!({"Holder": shared("out", vec![member("Item", "object", "Gone")])}),
        ),
        "object `Holder`, member `Item`: its type `Gone` is not in the catalogue's `objects`",
    );
    // An action whose response structure is missing.
    let mut broken = api(vec![], json!({}));
    broken["objects"]
        .as_object_mut()
        .expect("objects")
        .remove("DescribeThingResponse");
    api_fails(
        &broken,
        "action `DescribeThing`: its response structure `DescribeThingResponse` is not in the \
         catalogue's `objects`",
    );
}

#[test]
fn an_unknown_member_type_is_named() {
    api_fails(
        &api(vec![member("When", "date", "string")], json!({})),
        "action `DescribeThing`, object `DescribeThingRequest`, member `When`: unknown type \
         `date` of `string` (known: string of string/date/datetime/datetime_iso, int of int64/uint64, float, bool, object of a \
         structure, list of any of them)",
    );
    api_fails(
        &api(vec![member("Count", "int", "float")], json!({})),
        "action `DescribeThing`, object `DescribeThingRequest`, member `Count`: unknown type \
         `int` of `float` (known: string of string/date/datetime/datetime_iso, int of int64/uint64, float, bool, object of a \
         structure, list of any of them)",
    );
    api_fails(
        &api(
            vec![],
            json!({"Odd": {"document": "", "members": [], "usage": "sideways"}}),
        ),
        "object `Odd`: unknown usage `sideways` (known: in, out, both)",
    );
}

#[test]
fn structures_containing_each_other_without_a_list_are_refused() {
    api_fails(
        &api(
            vec![],
            json!({
                "Left": shared("both", vec![member("Right", "object", "Right")]),
                "Right": shared("both", vec![member("Left", "object", "Left")]),
            }),
        ),
        "object `Left` contains itself without a list in between (`Left.Right` → \
         `Right.Left`), so it would be infinitely large",
    );
    api_fails(
        &api(
            vec![],
            json!({"Node": shared("out", vec![member("Next", "object", "Node")])}),
        ),
        "object `Node` contains itself without a list in between (`Node.Next`), so it would \
         be infinitely large",
    );
}

#[test]
fn recursion_through_a_list_imports() {
    // As ESS's `Permission.Children` (`list<Permission>`).
    let dir = workspace_copy();
    let api = api(
        vec![member("Root", "object", "Permission")],
        json!({"Permission": shared("both", vec![
            member("Name", "string", "string"),
            member("Children", "list", "Permission"),
        ])}),
    );
    let path = catalogue(dir.path(), &api, &example(GOOD_INPUT, GOOD_OUTPUT));
    let (code, stdout, stderr) = run_import(dir.path(), &path, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let types = std::fs::read_to_string(dir.path().join("api-spec/tencent_ess/types.yaml"))
        .expect("types.yaml");
    assert!(
        types.contains("      - name: Children\n        type: list<Permission>\n"),
        "{types}"
    );
}

#[test]
fn names_that_collide_after_case_conversion_are_refused() {
    api_fails(
        &api(
            vec![
                member("UserId", "string", "string"),
                member("UserID", "string", "string"),
            ],
            json!({}),
        ),
        "action `DescribeThing`, object `DescribeThingRequest`: members `UserId` and `UserID` \
         are both the Rust field `user_id`; give one a `rust_name` in the spec",
    );
    api_fails(
        &api(
            vec![],
            json!({
                "Option": shared("in", vec![member("Key", "string", "string")]),
                "EssOption": shared("in", vec![member("Key", "string", "string")]),
            }),
        ),
        "objects `EssOption` and `Option` would both be the spec type `EssOption`",
    );
    api_fails(
        &api(
            vec![],
            json!({"lower_case": shared("in", vec![member("Key", "string", "string")])}),
        ),
        "object `lower_case`: a shared structure's name must be a PascalCase identifier (ASCII \
         letters and digits, a capital first)",
    );
}

#[test]
fn keywords_and_reserved_type_names_get_the_documented_renames() {
    let dir = workspace_copy();
    let api = api(
        vec![
            member("Type", "string", "string"),
            member("Options", "list", "Option"),
        ],
        json!({"Option": shared("in", vec![
            member("Key", "string", "string"),
            member("Match", "bool", "bool"),
        ])}),
    );
    let path = catalogue(dir.path(), &api, &example(GOOD_INPUT, GOOD_OUTPUT));
    let (code, stdout, stderr) = run_import(dir.path(), &path, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let folder = dir.path().join("api-spec/tencent_ess");
    let endpoint = std::fs::read_to_string(folder.join("describe_thing.yaml")).expect("endpoint");
    assert!(
        endpoint.contains("  - name: Type\n    type: string\n    rust_name: type_\n"),
        "{endpoint}"
    );
    assert!(
        endpoint.contains("  - name: Options\n    type: list<EssOption>\n"),
        "{endpoint}"
    );
    let types = std::fs::read_to_string(folder.join("types.yaml")).expect("types.yaml");
    assert!(types.contains("  - name: EssOption\n"), "{types}");
    assert!(
        types.contains("      - name: Match\n        type: bool\n        rust_name: match_\n"),
        "{types}"
    );
}

/// Imports a good catalogue whose one example is `input` and `output`; expects `why` after
/// the example's name.
fn example_fails(input: &str, output: &str, why: &str) {
    let dir = workspace_copy();
    let api = api(vec![member("Name", "string", "string")], json!({}));
    let path = catalogue(dir.path(), &api, &example(input, output));
    let (code, stdout, stderr) = run_import(dir.path(), &path, &[]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let want =
        format!("error: import tencent-cloud: action `DescribeThing`, example 1 (`样例`): {why}");
    assert!(stderr.starts_with(&want), "{stderr}\nwanted: {want}");
    assert!(
        stderr.ends_with('\n') && stderr.lines().count() == 1,
        "{stderr}"
    );
}

#[test]
fn malformed_examples_name_action_and_example() {
    example_fails(
        "POST / HTTP/1.1\nX-TC-Action: DescribeThing\n{\"Name\": \"x\"}",
        GOOD_OUTPUT,
        "the request has no blank line between its headers and its body\n",
    );
    example_fails(
        &GOOD_INPUT.replace("{}", "{\"Name\": x}"),
        GOOD_OUTPUT,
        "the request body is not JSON: expected value at line 1 column 10\n",
    );
    example_fails(
        &GOOD_INPUT.replace("{}", "[1]"),
        GOOD_OUTPUT,
        "the request body is not a JSON object\n",
    );
    example_fails(
        GOOD_INPUT,
        "{\"Response\": ",
        "the response is not JSON: EOF while parsing a value at line 1 column 13\n",
    );
    example_fails(
        GOOD_INPUT,
        "{\"Result\": {}}",
        "the response has no `Response` object\n",
    );
    example_fails(
        GOOD_INPUT,
        r#"{"Response": {"Error": {"Code": 7, "Message": "x"}, "RequestId": "r"}}"#,
        "the response's `Response.Error.Code` is 7, not a string\n",
    );
}

/// Some services' examples were copied from another action's page, header and all: the
/// body is still the listed action's, so the import keeps it and says so.
#[test]
fn an_example_whose_header_names_another_action_is_kept_and_reported() {
    let dir = workspace_copy();
    let api = api(vec![member("Name", "string", "string")], json!({}));
    let input = GOOD_INPUT.replace("X-TC-Action: DescribeThing", "X-TC-Action: CreateThing");
    let path = catalogue(dir.path(), &api, &example(&input, GOOD_OUTPUT));
    let (code, stdout, stderr) = run_import(dir.path(), &path, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "  corrected: DescribeThing example `example_1`: the vendor's request names the \
             action `CreateThing` in its `X-TC-Action` header; kept as an example of \
             `DescribeThing`, where the catalogue lists it\n"
        ),
        "{stdout}"
    );
}

#[test]
fn an_absent_or_unreadable_catalogue_is_named() {
    let dir = workspace_copy();
    let root = dir.path();
    let absent = root.join("no-such.whl");
    fails(
        root,
        &absent,
        &[],
        &format!(
            "{}: No such file or directory (os error 2)",
            absent.display()
        ),
    );
    let empty = root.join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    fails(
        root,
        &empty,
        &[],
        &format!(
            "{}: neither `api.json` nor `tccli/services/ess/v20201111/` is in this folder; give \
             a tccli wheel, an unpacked one, or a folder holding `api.json` and `examples.json`",
            empty.display()
        ),
    );
    let only_api = root.join("only-api");
    std::fs::create_dir_all(&only_api).expect("mkdir");
    std::fs::write(only_api.join("api.json"), "{}").expect("write");
    fails(
        root,
        &only_api,
        &[],
        &format!(
            "{}: No such file or directory (os error 2)",
            only_api.join("examples.json").display()
        ),
    );
    let path = catalogue(root, &json!({"actions": {}}), &json!({"actions": {}}));
    fails(
        root,
        &path,
        &[],
        &format!(
            "{}: not a tccli catalogue file: at `.`: missing field `objects` at line 1 column 14",
            path.join("api.json").display()
        ),
    );
    std::fs::write(path.join("api.json"), "<html>").expect("write");
    fails(
        root,
        &path,
        &[],
        &format!(
            "{}: not a tccli catalogue file: at `.`: expected value at line 1 column 1",
            path.join("api.json").display()
        ),
    );
}

/// A wheel holding `files` (name, text), as `pip download` gets it.
fn wheel(path: &Path, files: &[(&str, String)]) {
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    for (name, text) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(text.as_bytes()).expect("write");
    }
    zip.finish().expect("finish");
}

#[test]
fn wheels_a_wrong_service_or_version_and_a_wrong_provider_are_named() {
    let dir = workspace_copy();
    let root = dir.path();
    let not_zip = root.join("tccli-3.1.0.1-py2.py3-none-any.whl");
    std::fs::write(&not_zip, "not a zip").expect("write");
    let (code, _, stderr) = run_import(root, &not_zip, &[]);
    assert_eq!(code, 2, "{stderr}");
    let want = format!(
        "error: import tencent-cloud: {}: not a wheel (zip) file: ",
        not_zip.display()
    );
    assert!(stderr.starts_with(&want), "{stderr}");

    let api = api(vec![], json!({}));
    let examples = json!({"actions": {}});
    let inner = "tccli/services/ess/v20201111";
    wheel(
        &not_zip,
        &[
            (
                "tccli-3.1.0.1.dist-info/METADATA",
                "Name: tccli\n".to_owned(),
            ),
            (&format!("{inner}/api.json"), api.to_string()),
            (&format!("{inner}/examples.json"), examples.to_string()),
        ],
    );
    let cvm = ["--service", "cvm", "--version", "2017-03-12"];
    fails(
        root,
        &not_zip,
        &cvm,
        &format!(
            "{}!tccli/services/cvm/v20170312/api.json: specified file not found in archive; is \
             the service and version right?",
            not_zip.display()
        ),
    );
    // A folder holding the two files says which service and version it is.
    let folder = catalogue(root, &api, &examples);
    fails(
        root,
        &folder,
        &["--service", "ess", "--version", "2021-05-26"],
        &format!(
            "{}: the catalogue is service `ess` version `2020-11-11`, not `ess` `2021-05-26`",
            folder.join("api.json").display()
        ),
    );
    // An existing provider of another protocol is not overwritten.
    let fxiaoke = [
        "--service",
        "ess",
        "--version",
        "2020-11-11",
        "--provider",
        "fxiaoke",
    ];
    fails(
        root,
        &folder,
        &fxiaoke,
        "api-spec/fxiaoke/provider.yaml: `protocol` is `fxiaoke`, not `tencent_cloud`",
    );

    // The good wheel imports, and the files say which package they came from.
    let (code, stdout, stderr) = run_import(root, &not_zip, &[]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let endpoint =
        std::fs::read_to_string(root.join("api-spec/tencent_ess/types.yaml")).expect("types");
    assert!(
        endpoint.contains(
            "\n# Imported by `cargo xtask import tencent-cloud` from tccli 3.1.0.1 \
             (tccli/services/ess/v20201111): the shared structures.\n"
        ),
        "{endpoint}"
    );
}
