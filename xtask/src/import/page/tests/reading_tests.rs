//! Readings beyond the seeds' forms, on a small page written for them
//! (`xtask/tests/pages/forms/`, not a corpus page: it has no sidecar): `&ensp:` nesting
//! markers, a `Map` whose keys are those of an open shared type, rows listed after nested
//! ones, and answer records typed in depth from the example, their keys optional.

use super::root;
use crate::import::page::draft_page;

fn draft(page: &str) -> String {
    let path = root().join("xtask/tests/pages/forms").join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut drafts = draft_page(
        &root().join("api-spec"),
        &text,
        "fxiaoke",
        page,
        Some("https://example.com/page"),
        "spec.schema.json",
    )
    .unwrap();
    assert_eq!(drafts.len(), 1);
    drafts.remove(0).text
}

#[test]
fn nesting_markers_shared_types_and_answer_records() {
    let text = draft("nesting_and_shared_types.md");
    for (what, snippet) in [
        (
            "`&ensp: content` nests under `text`",
            "  - name: SendText\n    docs:\n      zh: Secondary object\n    fields:\n      - name: content\n        type: string\n        required: true\n",
        ),
        (
            "a Map of `_id` and the placeholder `xxx` is the open shared ObjectData",
            "  # TODO(import): the page's keys (_id, xxx) are those of the provider's shared type `ObjectData`: it is used; the page marks _id required: check the shared type agrees, else list them under `requires`\n  - name: object_data\n    type: ObjectData\n    required: true\n",
        ),
        (
            "a row the example lacks, listed after nested ones, stays nested",
            "      # TODO(import): the example has `keywords` nowhere; the table lists it among `department`'s keys: nested there\n",
        ),
        (
            "list items typed from the example, in depth",
            "      - name: counts\n        type: list<SendCounts>\n",
        ),
        (
            "an answer record's keys are optional",
            "optional as one record does not show every record has it\n      - name: key\n        type: string\n        # TODO",
        ),
    ] {
        assert!(
            text.contains(snippet),
            "{what}: {snippet:?} missing from\n{text}"
        );
    }
    // The placeholder key is no field, and ObjectData's own fields are not repeated.
    assert!(!text.contains("name: xxx"), "{text}");
    assert!(!text.contains("name: _id"), "{text}");
}
