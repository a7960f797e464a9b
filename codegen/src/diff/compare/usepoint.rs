//! What an endpoint says about the point of use: the nested fields its call requires, and
//! the base URLs it is available on.

use std::collections::BTreeSet;

use super::sink::Sink;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::Endpoint;

/// `requires` paths added (requests that passed may now be refused) or removed.
pub(super) fn requirements(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    let paths =
        |e: &Endpoint| -> BTreeSet<String> { e.requires.iter().map(|r| r.path.clone()).collect() };
    let (old, new) = (paths(o), paths(n));
    for path in new.difference(&old) {
        s.push(
            ChangeKind::RequirementAdded,
            format!("requirement `{path}`"),
            Impact::Breaking,
            format!(
                "a request that leaves `{path}` unset compiled and passed before; now \
                 `Client::{}` refuses it with `Error::InvalidRequest` before anything is sent",
                n.method_name
            ),
            None,
        );
    }
    for path in old.difference(&new) {
        s.push(
            ChangeKind::RequirementRemoved,
            format!("requirement `{path}`"),
            Impact::Compatible,
            format!(
                "`Client::{}` no longer refuses a request that leaves `{path}` unset",
                n.method_name
            ),
            Some(format!("requests without `{path}` are sent")),
        );
    }
}

/// The base URLs an endpoint is available on (`None`: all of them), and its conditions.
pub(super) fn availability(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    let names = |e: &Endpoint| -> Option<BTreeSet<String>> {
        let list = e.availability.as_ref()?.base_urls.as_ref()?;
        Some(list.iter().cloned().collect())
    };
    let show = |set: &Option<BTreeSet<String>>| match set {
        None => "every base URL".to_owned(),
        Some(set) => set
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let (old, new) = (names(o), names(n));
    let (narrower, wider) = match (&old, &new) {
        (None, None) => (false, false),
        (None, Some(_)) => (true, false),
        (Some(_), None) => (false, true),
        (Some(a), Some(b)) => (!a.is_subset(b), !b.is_subset(a)),
    };
    let subject = format!("availability: {} → {}", show(&old), show(&new));
    let method = &n.method_name;
    match (narrower, wider) {
        (false, false) => {}
        (true, false) => s.push(
            ChangeKind::AvailabilityNarrowed,
            subject,
            Impact::Breaking,
            format!(
                "`Client::{method}` on a base URL it is no longer available on fails with \
                 `Error::Config` before anything is sent"
            ),
            None,
        ),
        (false, true) => s.push(
            ChangeKind::AvailabilityWidened,
            subject,
            Impact::Compatible,
            format!("`Client::{method}` is no longer refused on the base URLs it gained"),
            Some("calls on those base URLs are sent".to_owned()),
        ),
        (true, true) => s.push(
            ChangeKind::AvailabilityChanged,
            subject,
            Impact::Breaking,
            format!(
                "`Client::{method}` on a base URL it lost fails with `Error::Config` before \
                 anything is sent"
            ),
            None,
        ),
    }
    let docs = |e: &Endpoint| e.availability.as_ref().map(|a| a.docs.clone());
    if docs(o).unwrap_or_default() != docs(n).unwrap_or_default() {
        s.docs("availability conditions");
    }
}
