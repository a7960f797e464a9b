//! `rows`: what a spec's rows are.

use super::super::rows::{Row, RowKind, rows, split_key};
use super::{CANCEL_FLOW, DATA_QUERY, USER_RELATIONS, fxiaoke_types, spec, tencent_types};

fn of_kind(rows: &[Row], kind: RowKind) -> Vec<String> {
    rows.iter()
        .filter(|r| r.kind == kind)
        .map(|r| format!("{} = {}", r.key, r.value))
        .collect()
}

#[test]
fn data_query_walks_its_own_types_but_not_the_shared_ones() {
    let rows = rows(&spec(DATA_QUERY), Some(&fxiaoke_types())).unwrap();
    assert_eq!(of_kind(&rows, RowKind::Method), [" = POST"]);
    assert_eq!(of_kind(&rows, RowKind::Path), [" = /cgi/crm/v2/data/query"]);
    assert!(of_kind(&rows, RowKind::Action).is_empty());
    assert_eq!(
        of_kind(&rows, RowKind::Field),
        [
            "request.data = object required",
            "request.data.dataObjectApiName = string required",
            // SearchQueryInfo is types.yaml's: its limit and offset are not rows here.
            "request.data.search_query_info = object required",
            "response.data = object required",
            "response.data.dataList = list<object> required",
            "response.data.limit = integer optional",
            "response.data.offset = integer optional",
            "response.data.total = integer required",
        ]
    );
    assert_eq!(of_kind(&rows, RowKind::Error), [" = 10006"]);
    let examples = of_kind(&rows, RowKind::Example);
    assert_eq!(examples.len(), 2);
    // Canonical JSON: keys sorted at every level, no spaces, `error_code` left out.
    assert!(examples.contains(
        &" = {\"response\":{\"errorCode\":10006,\"errorDescription\":\"缺少参数 或参数 不合法\",\
           \"errorMessage\":\"the parameter corpAccessToken is missing or illegal\"}}"
            .to_owned()
    ));
    let success = examples.iter().find(|e| e.contains("\"request\"")).unwrap();
    assert!(
        success
            .starts_with(" = {\"request\":{\"corpAccessToken\":\"CORP_ACCESS_TOKEN\",\"corpId\"")
    );
    assert!(
        success
            .contains("\"search_query_info\":{\"fieldProjection\":[\"_id\",\"name\"],\"filters\"")
    );
}

#[test]
fn list_items_are_walked_as_brackets() {
    let rows = rows(&spec(USER_RELATIONS), None).unwrap();
    assert_eq!(
        of_kind(&rows, RowKind::Field),
        [
            "request.corpUserIds = list<string> required",
            "response.data = list<object> required",
            "response.data[].accountId = string optional",
            "response.data[].corpUserId = string optional",
            "response.data[].projectId = string optional",
        ]
    );
    assert_eq!(of_kind(&rows, RowKind::Error), [" = 10001"]);
    assert_eq!(of_kind(&rows, RowKind::Example).len(), 2);
    let sorted = {
        let mut copy = rows.clone();
        copy.sort();
        copy.dedup();
        copy
    };
    assert_eq!(rows, sorted, "rows come sorted and deduplicated");
}

#[test]
fn a_tencent_endpoint_has_its_action_and_shared_types_stay_closed() {
    let rows = rows(&spec(CANCEL_FLOW), Some(&tencent_types())).unwrap();
    assert_eq!(of_kind(&rows, RowKind::Action), [" = CancelFlow"]);
    assert_eq!(of_kind(&rows, RowKind::Path), [" = /"]);
    let fields = of_kind(&rows, RowKind::Field);
    assert!(fields.contains(&"request.Operator = object required".to_owned()));
    assert!(fields.contains(&"request.Agent = object optional".to_owned()));
    assert!(
        !fields.iter().any(|f| f.starts_with("request.Operator.")),
        "{fields:?}"
    );
}

const SYNTHETIC: &str = r#"
name: x
method: GET
path: /x
query:
  - name: mode
    type: Mode
    required: true
  - name: grantType
    type: string
    const: authorization_code
  - name: level
    type: Level
response:
  - name: pages
    type: list<list<Page>>
  - name: meta
    type: map<json>
  - name: amount
    type: decimal
  - name: ratio
    type: f64
  - name: when
    type: timestamp_s
  - name: token
    type: secret
    required: false
types:
  - name: Mode
    enum:
      - value: fast
      - value: slow
  - name: Level
    enum:
      - value: 0
        rust_name: Low
      - value: 1
        rust_name: High
  - name: Page
    fields:
      - name: next
        type: Page
      - name: ok
        type: bool
        required: true
errors:
  - code: InvalidParameter
    docs: {en: Bad.}
examples:
  - name: failure
    response: {Error: {Code: InvalidParameter}}
    error_code: ResourceNotFound
  - name: no_parts
    docs: {en: Nothing to compare.}
"#;

#[test]
fn classes_enums_consts_maps_nested_lists_and_recursion() {
    let rows = rows(SYNTHETIC, None).unwrap();
    assert_eq!(
        of_kind(&rows, RowKind::Field),
        [
            "query.grantType = string optional",
            "query.level = integer optional",
            "query.mode = string required",
            "response.amount = decimal optional",
            "response.meta = object optional",
            "response.pages = list<list<object>> optional",
            // A recursive type is walked once.
            "response.pages[][].next = object optional",
            "response.pages[][].ok = bool required",
            "response.ratio = number optional",
            "response.token = string optional",
            "response.when = integer optional",
        ]
    );
    assert_eq!(
        of_kind(&rows, RowKind::Error),
        [" = InvalidParameter", " = ResourceNotFound"]
    );
    assert_eq!(
        of_kind(&rows, RowKind::Example),
        [" = {\"response\":{\"Error\":{\"Code\":\"InvalidParameter\"}}}"]
    );
    assert_eq!(
        rows.iter()
            .map(|r| r.to_string())
            .take(3)
            .collect::<Vec<_>>(),
        [
            "method = GET",
            "path = /x",
            "field query.grantType = string optional"
        ]
    );
}

#[test]
fn unknown_types_and_bad_yaml_are_errors_naming_the_field() {
    let err = rows(&spec(DATA_QUERY), None).unwrap_err();
    assert!(err.contains("`request.data.search_query_info`"), "{err}");
    assert!(err.contains("`SearchQueryInfo`"), "{err}");
    let err = rows(
        "path: /x\nrequest:\n  - name: a\n    type: list<Nope>\n",
        None,
    )
    .unwrap_err();
    assert_eq!(err, "field `request.a`: unknown type `Nope`");
    let err = rows("request:\n  - name: a\n    type: list<string\n", None).unwrap_err();
    assert!(err.contains("malformed type expression"), "{err}");
    let err = rows("request:\n  - name: a\n", None).unwrap_err();
    assert_eq!(err, "field `request.a` has no type");
    let err = rows("request: [\n  - name\n", None).unwrap_err();
    assert!(
        err.starts_with("the endpoint spec is not valid YAML"),
        "{err}"
    );
    let err = rows("path: /x\n", Some("types: [")).unwrap_err();
    assert!(err.starts_with("types.yaml is not valid YAML"), "{err}");
}

#[test]
fn keys_split_into_sections_and_segments() {
    assert_eq!(
        split_key("request.data.filters[].operator"),
        Some((
            "request",
            vec![("data", 0), ("filters", 1), ("operator", 0)]
        ))
    );
    assert_eq!(
        split_key("response.pages[][].ok"),
        Some(("response", vec![("pages", 2), ("ok", 0)]))
    );
    assert_eq!(split_key("body.x"), None);
    assert_eq!(split_key("request"), None);
}
