//! The endpoint key `deprecated`: docs saying why and what to use instead.

use super::*;

const FLOW: &str = "cloud/create_flow.yaml";

#[test]
fn a_deprecation_with_text_loads() {
    let tree = Tree::valid().edit(
        FLOW,
        "idempotent: false\n",
        "idempotent: false\ndeprecated: {en: Use CreateFlowByFiles instead., zh: 请改用 CreateFlowByFiles。}\n",
    );
    let flow = tree.endpoint("CreateFlow");
    let why = flow.deprecated.as_ref().expect("deprecated");
    assert_eq!(why.en.as_deref(), Some("Use CreateFlowByFiles instead."));
    assert_eq!(why.zh.as_deref(), Some("请改用 CreateFlowByFiles。"));
}

#[test]
fn a_deprecation_needs_text() {
    let tree = Tree::valid().edit(
        FLOW,
        "idempotent: false\n",
        "idempotent: false\ndeprecated: {en: \"  \"}\n",
    );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:9:18: error: `deprecated` has no text; expected `zh` or `en`
1 error in the spec
"#,
    );
    let tree = Tree::valid().edit(
        FLOW,
        "idempotent: false\n",
        "idempotent: false\ndeprecated: true\n",
    );
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:9:13: error: `deprecated`: found boolean `true`, expected a mapping
  = help: write the text under `zh:` and/or `en:`, e.g. `deprecated: {en: ...}`
1 error in the spec
"#,
    );
}
