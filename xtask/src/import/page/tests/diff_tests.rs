//! `diff`: the changes from a real spec to an edited copy, in spec-diff's names.

use bindery_codegen::diff::ChangeKind;

use super::super::diff::{self, Change, diff, render};
use super::{DATA_QUERY, USER_RELATIONS, edit, fxiaoke_types, spec};

fn change(kind: &'static str, key: &str, from: Option<&str>, to: Option<&str>) -> Change {
    Change {
        kind,
        key: key.to_owned(),
        from: from.map(str::to_owned),
        to: to.map(str::to_owned),
    }
}

#[test]
fn every_kind_used_is_a_spec_diff_name() {
    let pinned = [
        (diff::FIELD_ADDED, ChangeKind::FieldAdded),
        (diff::FIELD_REMOVED, ChangeKind::FieldRemoved),
        (diff::FIELD_TYPE_CHANGED, ChangeKind::FieldTypeChanged),
        (diff::FIELD_BECAME_REQUIRED, ChangeKind::FieldBecameRequired),
        (diff::FIELD_BECAME_OPTIONAL, ChangeKind::FieldBecameOptional),
        (diff::ERROR_CODE_ADDED, ChangeKind::ErrorCodeAdded),
        (diff::ERROR_CODE_REMOVED, ChangeKind::ErrorCodeRemoved),
        (diff::PATH_CHANGED, ChangeKind::PathChanged),
        (diff::HTTP_METHOD_CHANGED, ChangeKind::HttpMethodChanged),
        (diff::ACTION_CHANGED, ChangeKind::ActionChanged),
    ];
    for (name, kind) in pinned {
        assert_eq!(
            serde_json::to_value(kind).unwrap(),
            serde_json::Value::from(name)
        );
    }
    // The one kind of our own: spec-diff counts examples as documentation.
    assert_eq!(diff::EXAMPLE_ADDED, "example_added");
    assert_eq!(
        serde_json::to_value(ChangeKind::DocsChanged).unwrap(),
        "docs_changed"
    );
}

/// data_query.yaml's `limit` of `QueryResult` (the response's), with its docs.
pub(super) const RESULT_LIMIT: &str = "      - name: limit
        type: i64
        docs:
          zh: 获取数据条数,默认20,最大值为1000(自定义对象最大值为100)
          en: Page size (echoes the request).
";

/// The edited copies of data_query.yaml the tests use, by what was done.
pub(super) fn data_query_copies() -> Vec<(&'static str, String)> {
    let original = spec(DATA_QUERY);
    let total = "      - name: total\n        type: i64\n        required: true\n";
    let data_list =
        "      - name: dataList\n        type: list<ObjectData>\n        required: true\n";
    let errors = "errors:\n  - code: 10013\n    docs:\n      zh: corpAccessToken 无效\n      en: Invalid corpAccessToken.\nexamples:\n";
    vec![
        ("removed", edit(&original, RESULT_LIMIT, "")),
        (
            "retyped",
            edit(
                &original,
                total,
                "      - name: total\n        type: string\n        required: true\n",
            ),
        ),
        (
            "optional",
            edit(
                &original,
                data_list,
                "      - name: dataList\n        type: list<ObjectData>\n",
            ),
        ),
        ("error", edit(&original, "examples:\n", errors)),
    ]
}

#[test]
fn one_edit_of_a_real_spec_is_exactly_one_change() {
    let types = fxiaoke_types();
    let original = spec(DATA_QUERY);
    let expected = [
        change(
            diff::FIELD_REMOVED,
            "response.data.limit",
            Some("integer optional"),
            None,
        ),
        change(
            diff::FIELD_TYPE_CHANGED,
            "response.data.total",
            Some("integer"),
            Some("string"),
        ),
        change(
            diff::FIELD_BECAME_OPTIONAL,
            "response.data.dataList",
            Some("required"),
            Some("optional"),
        ),
        change(diff::ERROR_CODE_ADDED, "10013", None, Some("10013")),
    ];
    for ((what, copy), expected) in data_query_copies().into_iter().zip(expected) {
        assert_eq!(
            diff(&original, &copy, Some(&types)).unwrap(),
            [expected],
            "{what}"
        );
    }
    assert_eq!(diff(&original, &original, Some(&types)).unwrap(), []);
}

/// get_user_relations.yaml with `corpUserId` required, a new field, another error code and a
/// third example.
pub(super) fn user_relations_copy() -> String {
    let original = spec(USER_RELATIONS);
    let corp_user_id = "      - name: corpUserId\n        type: string\n";
    let account = "      - name: accountId
        type: string
        docs:
          zh: 明道云账号Id
          en: Mingdao account id.
";
    let name =
        "      - name: accountName\n        type: string\n        docs:\n          zh: 账号名称\n";
    let example =
        "  - name: get_relations\n    docs:\n      zh: 页面的提交数据示例与成功返回示例。\n";
    let extra = "  - name: empty\n    response:\n      data: []\n      code: 1\n  - name: get_relations\n    docs:\n      zh: 页面的提交数据示例与成功返回示例。\n";
    let copy = edit(
        &original,
        corp_user_id,
        "      - name: corpUserId\n        type: string\n        required: true\n",
    );
    let copy = edit(&copy, account, &format!("{account}{name}"));
    let copy = edit(&copy, example, extra);
    edit(
        &copy,
        "examples:\n",
        "errors:\n  - code: 10002\n    docs:\n      zh: 参数错误\nexamples:\n",
    )
}

#[test]
fn several_changes_come_in_a_stable_order() {
    let changes = diff(&spec(USER_RELATIONS), &user_relations_copy(), None).unwrap();
    assert_eq!(
        changes,
        [
            change(
                diff::FIELD_ADDED,
                "response.data[].accountName",
                None,
                Some("string optional")
            ),
            change(
                diff::FIELD_BECAME_REQUIRED,
                "response.data[].corpUserId",
                Some("optional"),
                Some("required")
            ),
            change(diff::ERROR_CODE_ADDED, "10002", None, Some("10002")),
            change(
                diff::EXAMPLE_ADDED,
                "empty",
                None,
                Some("{\"response\":{\"code\":1,\"data\":[]}}")
            ),
        ]
    );
    assert_eq!(
        render(&changes),
        "field_added response.data[].accountName: string optional\n\
         field_became_required response.data[].corpUserId: optional -> required\n\
         error_code_added 10002\n\
         example_added empty (docs)\n"
    );
}

#[test]
fn path_method_removed_errors_and_type_and_requiredness_together() {
    let original = spec(USER_RELATIONS);
    let copy = edit(
        &original,
        "path: /v2/user/getUserRelations",
        "path: /v2/user/getRelations",
    );
    let copy = edit(&copy, "method: POST", "method: GET");
    let copy = edit(&copy, "    error_code: 10001\n", "");
    let copy = edit(
        &copy,
        "  - name: corpUserIds\n    type: list<string>\n    required: true\n",
        "  - name: corpUserIds\n    type: string\n",
    );
    let changes = diff(&original, &copy, None).unwrap();
    assert_eq!(
        changes,
        [
            change(diff::HTTP_METHOD_CHANGED, "", Some("POST"), Some("GET")),
            change(
                diff::PATH_CHANGED,
                "",
                Some("/v2/user/getUserRelations"),
                Some("/v2/user/getRelations")
            ),
            change(
                diff::FIELD_TYPE_CHANGED,
                "request.corpUserIds",
                Some("list<string>"),
                Some("string")
            ),
            change(
                diff::FIELD_BECAME_OPTIONAL,
                "request.corpUserIds",
                Some("required"),
                Some("optional")
            ),
            change(diff::ERROR_CODE_REMOVED, "10001", Some("10001"), None),
        ]
    );
    assert_eq!(
        render(&changes[..3]),
        "http_method_changed: POST -> GET\n\
         path_changed: /v2/user/getUserRelations -> /v2/user/getRelations\n\
         field_type_changed request.corpUserIds: list<string> -> string\n"
    );
    let err = diff(&original, "request: [", None).unwrap_err();
    assert!(err.starts_with("the draft is not valid YAML"), "{err}");
    let err = diff(&original, "request:\n  - name: a\n    type: A\n", None).unwrap_err();
    assert_eq!(err, "draft: field `request.a`: unknown type `A`");
}
