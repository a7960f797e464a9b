//! Which named types requests and responses reach, which decides how a change to a type is
//! judged (requests are validated and built by users; responses are decoded).

use std::collections::BTreeMap;

use super::derived::folder_key;
use crate::ir::{Provider, TypeHome};

/// Named types reachable from request types (which are validated and built by users) and
/// from response types.
#[derive(Clone, Debug, Default)]
pub(super) struct Usage {
    /// Shared type name → (used by a request, used by a response).
    pub(super) shared: BTreeMap<String, (bool, bool)>,
    /// Folder module (`orders`) → local type name → (request, response). Local types are
    /// unique per folder and re-exported from it, so the folder, not the file, is their home.
    pub(super) local: BTreeMap<String, BTreeMap<String, (bool, bool)>>,
}

impl Usage {
    /// Where the provider's named types are used: the types each endpoint's request and
    /// response reach through fields, lists and maps ([`crate::ir::Types::reachable`], the one
    /// walk of [`crate::visit`]).
    pub(super) fn of(p: &Provider) -> Self {
        let mut usage = Usage::default();
        for e in p.root.all_endpoints() {
            let graph = p.types_for(e);
            let folder = usage.local.entry(folder_key(e)).or_default();
            let sides = [(Some(&e.request), true), (e.response.as_ref(), false)];
            for (root, request) in sides {
                let Some(root) = root else { continue };
                for key in graph.reachable(&root.fields) {
                    let names = match key.home {
                        TypeHome::Shared => &mut usage.shared,
                        TypeHome::Local => &mut *folder,
                    };
                    let used = names.entry(key.name).or_insert((false, false));
                    if request {
                        used.0 = true;
                    } else {
                        used.1 = true;
                    }
                }
            }
        }
        usage
    }

    /// Used where either is.
    pub(super) fn union(&self, other: &Self) -> Self {
        fn merge(
            a: &BTreeMap<String, (bool, bool)>,
            b: &BTreeMap<String, (bool, bool)>,
        ) -> BTreeMap<String, (bool, bool)> {
            let mut out = a.clone();
            for (k, (req, resp)) in b {
                let e = out.entry(k.clone()).or_insert((false, false));
                e.0 |= req;
                e.1 |= resp;
            }
            out
        }
        let mut local = self.local.clone();
        for (k, v) in &other.local {
            let merged = merge(local.get(k).unwrap_or(&BTreeMap::new()), v);
            local.insert(k.clone(), merged);
        }
        Usage {
            shared: merge(&self.shared, &other.shared),
            local,
        }
    }
}

/// How a struct is used, which decides how a constraint change is judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Use {
    /// Users build it and the client validates it before sending.
    pub(super) request: bool,
    /// The client decodes it.
    pub(super) response: bool,
}
