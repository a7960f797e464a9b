//! The endpoint keys `requires` and `availability`: what the loader accepts, and every
//! refusal at the exact key with what was expected.

use super::*;

const FLOW: &str = "cloud/create_flow.yaml";

/// A requirement as its path and, per step, the Rust field, whether optional, whether a list.
type Walk<'a> = (&'a str, Vec<(&'a str, bool, bool)>);
const REQUEST_END: &str = "response:\n  - name: FlowId\n";

fn requiring(paths: &str) -> Tree {
    Tree::valid().edit(
        FLOW,
        REQUEST_END,
        &format!("requires: [{paths}]\nresponse:\n  - name: FlowId\n"),
    )
}

#[test]
fn requirements_through_a_list_and_at_the_top_load_and_lower() {
    let tree = requiring("Approvers.Name, Deadline");
    let flow = tree.endpoint("CreateFlow");
    let paths: Vec<Walk<'_>> = flow
        .requires
        .iter()
        .map(|r| {
            let steps = r
                .steps
                .iter()
                .map(|s| (s.rust_name.as_str(), s.optional, s.list))
                .collect();
            (r.path.as_str(), steps)
        })
        .collect();
    assert_eq!(
        paths,
        [
            (
                "Approvers.Name",
                vec![("approvers", true, true), ("name", true, false)]
            ),
            ("Deadline", vec![("deadline", true, false)]),
        ]
    );
}

#[test]
fn a_wrong_requirement_is_reported_at_its_segment() {
    let tree =
        requiring("Approvers.Nmae, FlowName, FlowName.Length, Aprovers.Name, Deadline, Deadline");
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:19:22: error: `requires` path `Approvers.Nmae`: no field `Nmae`
  = help: did you mean `Name`?
cloud/create_flow.yaml:19:28: error: `requires` path `FlowName`: `FlowName` is required by its type already
  = help: remove the path from `requires`
cloud/create_flow.yaml:19:38: error: `requires` path `FlowName.Length`: `FlowName` is `string`, not an object or a list of objects
cloud/create_flow.yaml:19:55: error: `requires` path `Aprovers.Name`: no field `Aprovers`
  = help: did you mean `Approvers`?
cloud/create_flow.yaml:19:80: error: `requires` names `Deadline` twice (first at line 19)
5 errors in the spec
"#,
    );
}

#[test]
fn a_success_example_must_meet_the_requirements() {
    let tree = requiring("Approvers.Amount").edit(FLOW, "Amount: \"12.50\", ", "");
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:42:19: error: example `created` request: `Approvers[0].Amount`: missing; `requires` says it must be set for this call
1 error in the spec
"#,
    );
    // The error example (`bad_name`, without `Deadline`) may break it; `created` meets it.
    load(requiring("Deadline").root()).unwrap_or_else(|e| panic!("loads: {e}"));
}

fn available(text: &str) -> Tree {
    Tree::valid().edit(
        FLOW,
        "idempotent: false\n",
        &format!("idempotent: false\n{text}"),
    )
}

#[test]
fn availability_names_the_providers_base_urls() {
    let tree = Tree::valid().edit(
        "cloud/provider.yaml",
        "    docs: {en: Production.}\n",
        "    docs: {en: Production.}\n  - name: private_deployment\n    url: https://{host}/ess\n    docs: {en: Yours.}\n",
    );
    let tree = tree.edit(
        FLOW,
        "idempotent: false\n",
        "idempotent: false\navailability:\n  base_urls: [private_deployment]\n  docs: {en: Custom objects only.}\n",
    );
    let flow = tree.endpoint("CreateFlow");
    let a = flow.availability.as_ref().expect("availability");
    assert_eq!(
        a.base_urls.as_deref(),
        Some(&["private_deployment".to_owned()][..])
    );
    assert_eq!(
        a.refused,
        [("default".to_owned(), "https://ess.example.com".to_owned())]
    );
    assert_eq!(a.docs.en.as_deref(), Some("Custom objects only."));

    let tree = available("availability:\n  base_urls: [defualt, nowhere, defualt]\n");
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:10:15: error: `availability.base_urls`: the provider has no base URL `defualt`
  = help: did you mean `default`?
cloud/create_flow.yaml:10:24: error: `availability.base_urls`: the provider has no base URL `nowhere`
  = help: the provider's base URLs are `default`
cloud/create_flow.yaml:10:33: error: `availability.base_urls` names `defualt` twice (first at line 10)
3 errors in the spec
"#,
    );
    let tree = available("availability:\n  base_urls: [default]\n");
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:10:14: error: `availability.base_urls` names every base URL of the provider, which is what leaving it out says
  = help: remove `base_urls` (keep `docs` for a condition)
1 error in the spec
"#,
    );
    let tree = available("availability: {}\n");
    assert_report(
        &tree.errors(),
        r#"
cloud/create_flow.yaml:9:15: error: `availability` says nothing; expected `base_urls`, `docs` or both
1 error in the spec
"#,
    );
}
