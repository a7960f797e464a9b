//! Issue 11's point-of-use keys: `requires` (a nested field a call needs) and `availability`
//! (the base URLs an endpoint exists on), and what spec-diff says when they change.

use super::*;

const REQUEST_END: &str = "response:\n  - name: orderId\n";

fn requires(paths: &'static str) -> Edit {
    Replace(
        PLACE,
        REQUEST_END,
        match paths {
            "price" => "requires: [items.price]\nresponse:\n  - name: orderId\n",
            _ => "requires: [items.price, items._id]\nresponse:\n  - name: orderId\n",
        },
    )
}

#[test]
fn a_requirement_added_is_breaking_and_removed_compatible() {
    let changes = check(
        "requirement_added",
        &[requires("price")],
        &[(K::RequirementAdded, I::Breaking)],
    );
    assert!(
        reason_of(&changes, K::RequirementAdded).contains(
            "a request that leaves `items.price` unset compiled and passed before; now \
             `Client::place_order` refuses it with `Error::InvalidRequest`"
        ),
        "{changes:?}"
    );
    check_reversed(
        "requirement_removed",
        &[requires("price")],
        &[(K::RequirementRemoved, I::Compatible)],
    );
    // One more path is one more requirement, nothing else.
    let one = before_and_after(&[requires("price")]).1;
    let two = before_and_after(&[requires("both")]).1;
    let changes = diff::diff(&one, &two);
    let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(got, [(K::RequirementAdded, I::Breaking)], "{changes:?}");
    assert_eq!(changes.changes[0].subject, "requirement `items._id`");
}

fn available(on: &'static str) -> Edit {
    Replace(PLACE, "idempotent: false\n", on)
}

const ON_MIRROR: &str = "idempotent: false\navailability:\n  base_urls: [mirror]\n";
const ON_MIRROR_AND_PRIVATE: &str =
    "idempotent: false\navailability:\n  base_urls: [mirror, private_deployment]\n";
const ON_DEFAULT_AND_PRIVATE: &str =
    "idempotent: false\navailability:\n  base_urls: [default, private_deployment]\n";
const CUSTOM_ONLY: &str =
    "idempotent: false\navailability:\n  docs:\n    en: Custom objects only.\n";

#[test]
fn availability_narrowed_is_breaking_widened_compatible() {
    let changes = check(
        "availability_narrowed",
        &[available(ON_MIRROR)],
        &[(K::AvailabilityNarrowed, I::Breaking)],
    );
    assert_eq!(
        changes.changes[0].subject,
        "availability: every base URL → `mirror`"
    );
    check_reversed(
        "availability_widened",
        &[available(ON_MIRROR)],
        &[(K::AvailabilityWidened, I::Compatible)],
    );
    let (_, mirror) = before_and_after(&[available(ON_MIRROR)]);
    let (_, wider) = before_and_after(&[available(ON_MIRROR_AND_PRIVATE)]);
    let (_, other) = before_and_after(&[available(ON_DEFAULT_AND_PRIVATE)]);
    for (old, new, expected) in [
        (&mirror, &wider, (K::AvailabilityWidened, I::Compatible)),
        (&wider, &mirror, (K::AvailabilityNarrowed, I::Breaking)),
        (&mirror, &other, (K::AvailabilityChanged, I::Breaking)),
    ] {
        let changes = diff::diff(old, new);
        let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
        assert_eq!(got, [expected], "{changes:?}");
    }
}

#[test]
fn an_availability_condition_is_documentation() {
    check(
        "availability_condition",
        &[available(CUSTOM_ONLY)],
        &[(K::DocsChanged, I::Docs)],
    );
}

#[test]
fn without_default_limit_the_stream_pages_by_the_limit_fields_default() {
    // `limit` defaults to 50, as `default_limit` says: leaving it out changes nothing.
    let (base, head) = before_and_after(&[Replace(LIST, "  default_limit: 50\n", "")]);
    let changes = diff::diff(&base, &head);
    assert!(changes.changes.is_empty(), "{changes:?}");
    let paging = |c: &Crate| {
        c.providers[0]
            .root
            .all_endpoints()
            .into_iter()
            .find_map(|e| e.pagination.clone())
            .expect("listOrders pages")
    };
    assert_eq!(paging(&head).default_limit, 50);
    // The vendor's default moving moves the stream's page size with it.
    let (_, moved) = before_and_after(&[
        Replace(LIST, "  default_limit: 50\n", ""),
        Replace(LIST, "    default: 50\n", "    default: 25\n"),
    ]);
    assert_eq!(paging(&moved).default_limit, 25);
    let changes = diff::diff(&head, &moved);
    let got: Vec<(K, I)> = changes.changes.iter().map(|c| (c.kind, c.impact)).collect();
    assert_eq!(
        got,
        [
            (K::DefaultChanged, I::Compatible),
            (K::DefaultChanged, I::Compatible)
        ],
        "{changes:?}"
    );
}

/// The load errors of the diff fixture after `edits`.
fn load_errors(edits: &[Edit]) -> String {
    let dir = support::copy_fixture("diff");
    apply(dir.path(), edits);
    match bindery_codegen::spec::load(dir.path()) {
        Ok(_) => panic!("the edited fixture loaded"),
        Err(d) => support::without_root(&d.to_string(), dir.path()),
    }
}

#[test]
fn the_stream_needs_a_page_size_within_the_limit_fields_rules() {
    support::assert_report(
        &load_errors(&[
            Replace(LIST, "  default_limit: 50\n", ""),
            Replace(LIST, "    default: 50\n", ""),
            // Without the default, the offset rule has nothing to go by either.
            Replace(LIST, "      multiple_of_field: limit\n", ""),
        ]),
        r#"
shop/orders/list_orders.yaml:37:10: error: the stream needs a page size: `default_limit` is not set and the limit field `limit` has no `default`
  = help: set `default: N` on the field when the vendor's page documents its page size, or `default_limit: N` for the stream's own
1 error in the spec
"#,
    );
    support::assert_report(
        &load_errors(&[Replace(
            LIST,
            "  default_limit: 50\n",
            "  default_limit: 200\n",
        )]),
        r#"
shop/orders/list_orders.yaml:40:18: error: page size 200 (`default_limit`) is above the limit field's `maximum` 100: the stream sends it on every page
1 error in the spec
"#,
    );
}

#[test]
fn a_default_added_or_removed_is_reported() {
    let added = Replace(
        PLACE,
        "  - name: quantity\n    type: i32\n",
        "  - name: quantity\n    type: i32\n    default: 2\n",
    );
    let changes = check("default_added", &[added], &[(K::DefaultChanged, I::Docs)]);
    assert_eq!(
        changes.changes[0].subject,
        "request field `quantity`: default none → 2"
    );
    let removed = Replace(
        PLACE,
        "  - name: quantity\n    type: i32\n",
        "  - name: quantity\n    type: i32\n    default: 2\n",
    );
    let changes = check_reversed(
        "default_removed",
        &[removed],
        &[(K::DefaultChanged, I::Docs)],
    );
    assert!(
        changes.changes[0].subject.ends_with("default 2 → none"),
        "{changes:?}"
    );
}
