//! `import page --diff` on a real page edit: seed 000 re-saved after the vendor retyped a
//! field, made it required and added one, compared with (and applied to) the curated spec.

use super::{edit, root, spec};
use crate::import::page::{Options, compare::compare};

const SPEC: &str = "api-spec/fxiaoke/er/get_mapper_object_id.yaml";

/// Seed 000 as the vendor might re-save it.
fn edited_page() -> String {
    let page =
        std::fs::read_to_string(root().join("xtask/tests/pages/seeds/000_7285f4f4089fcb7c.txt"))
            .unwrap();
    edit(
        &page,
        "    downstreamOuterTenantId Long No Downstream enterprise external ID\n",
        "    downstreamOuterTenantId String Yes Downstream enterprise external ID\n    outerUid Long No Downstream user ID\n",
    )
}

fn run(apply: bool) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, edited_page()).unwrap();
    let copy = dir.path().join("get_mapper_object_id.yaml");
    std::fs::write(&copy, spec(SPEC)).unwrap();
    let options = Options {
        page,
        provider: "fxiaoke".to_owned(),
        out: None,
        url: None,
    };
    let report = compare(&root().join("api-spec"), &options, &copy, apply).unwrap();
    (report.text, std::fs::read_to_string(&copy).unwrap())
}

#[test]
fn the_changes_are_named_in_spec_diffs_words() {
    let (report, unchanged) = run(false);
    assert_eq!(
        unchanged,
        spec(SPEC),
        "without --apply the spec is not touched"
    );
    for line in [
        "field_type_changed request.downstreamOuterTenantId",
        "field_became_required request.downstreamOuterTenantId",
        "field_added request.outerUid",
        // Curated from reference/vendors.md, not on the page.
        "field_removed request.includeNull",
        // The page has no required column for the answer: the draft's `required` is a
        // guess, not something the page changed.
        "not judged: field_became_required response.mapperId",
    ] {
        assert!(report.contains(line), "{line} missing from:\n{report}");
    }
    assert!(report.contains(": 4 change(s)"), "{report}");
}

#[test]
fn apply_writes_them_and_keeps_what_was_curated() {
    let (report, applied) = run(true);
    assert!(
        report.contains("not applied: field_removed request.includeNull"),
        "{report}"
    );
    let field = applied
        .split("  - name: downstreamOuterTenantId\n")
        .nth(1)
        .unwrap();
    let field = &field[..field.find("  - name:").unwrap()];
    assert!(field.contains("    type: string\n"), "{field}");
    assert!(field.contains("    required: true\n"), "{field}");
    assert!(
        applied.contains("  - name: outerUid\n    type: i64\n"),
        "{applied}"
    );
    // The guess is not written: the answer's field stays optional.
    assert!(
        applied.contains("  - name: mapperId\n    type: string\n    docs:"),
        "{applied}"
    );
    // The curated field the page lacks stays, with the English docs and notes.
    assert!(applied.contains("  - name: includeNull\n"));
    let original = spec(SPEC);
    for kept in original
        .lines()
        .filter(|l| l.trim_start().starts_with("en:") || l.starts_with("notes:"))
    {
        assert!(applied.contains(kept), "{kept} lost");
    }
}
