//! Everything at once, garbage, a missing root, and pathological but well-formed trees.

use super::*;

// -------------------------------------------------------------------------------------------
// Everything at once, and garbage
// -------------------------------------------------------------------------------------------

#[test]
fn several_mistakes_in_several_files_are_reported_together() {
    let tree = Tree::valid()
        .edit("demo/provider.yaml", "title: Demo", "titel: Demo")
        .edit("demo/types.yaml", "type: list<UserInfo>", "type: list<Usr>")
        .edit("demo/crm/query_users.yaml", "type: i64", "type: int")
        .edit(
            "demo/crm/query_users.yaml",
            "path: /cgi/crm/users/query",
            "path: /cgi//query",
        )
        .edit(
            "demo/oauth/authorize.yaml",
            "idempotent: true",
            "idempotent: 1",
        );
    assert_report(
        &tree.errors(),
        r#"
demo/crm/query_users.yaml:6:7: error: path `/cgi//query` must not contain `//`
demo/crm/query_users.yaml:22:11: error: unknown type `int`
  = help: the spec writes this as `i32` or `i64` (or `f64`)
demo/oauth/authorize.yaml:8:13: error: `idempotent`: found integer `1`, expected a boolean (`true` or `false`)
demo/provider.yaml:2:1: error: unknown key `titel` in the provider file
  = help: did you mean `title`?
demo/types.yaml:9:20: error: unknown type `Usr`
  = help: did you mean `UserInfo`?
5 errors in the spec
"#,
    );
}

#[test]
fn garbage_never_panics() {
    let deep_flow = format!("name: {}{}", "[".repeat(5000), "]".repeat(5000));
    let deep_block: String = (0..300)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    let inputs: Vec<Vec<u8>> = vec![
        vec![0, 159, 146, 150, 255, 0, 1, 2],
        b"\xef\xbb\xbf".to_vec(),
        b"[".to_vec(),
        b"{a: [}".to_vec(),
        b"".to_vec(),
        b"---\n...\n".to_vec(),
        b"~".to_vec(),
        b"- 1\n- 2\n".to_vec(),
        b"name: 123456789012345678901234567890123456789\n".to_vec(),
        b"types: [{name: A, fields: [{name: a, type: i32, constraints: {minimum: 1e999999}}]}]\n"
            .to_vec(),
        b"name: &a [*a]\n".to_vec(),
        b"a: *nope\n".to_vec(),
        b"a: !!binary zz\n".to_vec(),
        b"\t\tname:\n\t- x".to_vec(),
        b"name: \"unterminated\n".to_vec(),
        b"? [complex, key]\n: value\n".to_vec(),
        b"name: x\n---\nname: y\n".to_vec(),
        deep_flow.into_bytes(),
        deep_block.into_bytes(),
        "名前: ✓\n\u{202e}: x\n".as_bytes().to_vec(),
    ];
    for (i, input) in inputs.iter().enumerate() {
        for file in [
            "demo/provider.yaml",
            "demo/types.yaml",
            "demo/crm/query_users.yaml",
        ] {
            let tree = Tree::valid().write(file, input);
            let result = std::panic::catch_unwind(|| load(tree.root()));
            match result {
                Ok(Ok(_)) => panic!("input {i} in {file} loaded"),
                Ok(Err(diags)) => assert!(!diags.0.is_empty()),
                Err(_) => panic!("input {i} in {file} panicked"),
            }
        }
    }
}

#[test]
fn missing_root_is_an_error() {
    let tree = Tree::valid();
    let missing = tree.path("nope");
    let err = load(&missing)
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert!(err.ends_with("1 error in the spec"), "{err}");
}

#[test]
fn pathological_but_well_formed_specs_do_not_overflow() {
    // A type expression nested far deeper than anyone writes.
    let deep = format!("{}string{}", "list<".repeat(20_000), ">".repeat(20_000));
    let tree = Tree::valid().edit(
        "demo/types.yaml",
        "type: list<UserInfo>",
        &format!("type: {deep}"),
    );
    let report = tree.errors();
    assert!(
        report.contains("the type nests more than 16 `list<…>`/`map<…>` levels"),
        "{report}"
    );

    // A cycle through 3000 types is found once, and cheaply.
    let mut types = String::from("types:\n");
    for i in 0..3000 {
        let next = (i + 1) % 3000;
        types.push_str(&format!(
            "  - name: T{i}\n    fields:\n      - name: next\n        type: T{next}\n"
        ));
    }
    let tree = Tree::valid().write("demo/types.yaml", types).edit(
        "demo/crm/query_users.yaml",
        "type: list<UserInfo>",
        "type: list<T0>",
    );
    let report = tree.errors();
    assert!(report.contains("demo/types.yaml:5:15: error: type `T0` contains itself (`T0.next` → `T1.next` → `T2.next` → `T3.next` → `T4.next` → … 2995 more → `T0`)"), "{report}");
}
