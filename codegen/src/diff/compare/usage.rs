//! Which named types requests and responses reach, which decides how a change to a type is
//! judged (requests are validated and built by users; responses are decoded).

use std::collections::{BTreeMap, BTreeSet};

use super::derived::{folder_key, type_def_name};
use crate::ir::{Provider, Type, TypeDef, TypeHome};

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
    /// Where the provider's named types are used.
    pub(super) fn of(p: &Provider) -> Self {
        let shared_defs: BTreeMap<&str, &TypeDef> = p
            .types
            .iter()
            .flat_map(|(_, t)| t.iter())
            .map(|t| (type_def_name(t), t))
            .collect();
        let mut usage = Usage::default();
        for e in p.root.all_endpoints() {
            let local_defs: BTreeMap<&str, &TypeDef> =
                e.types.iter().map(|t| (type_def_name(t), t)).collect();
            let mut local = BTreeMap::new();
            let sides = [(Some(&e.request), true), (e.response.as_ref(), false)];
            for (root, is_request) in sides {
                let Some(root) = root else { continue };
                let mut stack: Vec<&Type> = root.fields.iter().map(|f| &f.ty).collect();
                let mut seen = BTreeSet::new();
                while let Some(ty) = stack.pop() {
                    let r = match ty {
                        Type::List(inner) | Type::Map(inner) => {
                            stack.push(inner);
                            continue;
                        }
                        Type::Named(r) => r,
                        _ => continue,
                    };
                    if !seen.insert((r.home.clone() == TypeHome::Shared, r.name.clone())) {
                        continue;
                    }
                    let (entry, def) = match r.home {
                        TypeHome::Shared => (
                            usage.shared.entry(r.name.clone()).or_insert((false, false)),
                            shared_defs.get(r.name.as_str()),
                        ),
                        TypeHome::Local => (
                            local.entry(r.name.clone()).or_insert((false, false)),
                            local_defs.get(r.name.as_str()),
                        ),
                    };
                    if is_request {
                        entry.0 = true;
                    } else {
                        entry.1 = true;
                    }
                    if let Some(TypeDef::Struct(st)) = def {
                        stack.extend(st.fields.iter().map(|f| &f.ty));
                    }
                }
            }
            let folder = usage.local.entry(folder_key(e)).or_default();
            for (name, (req, resp)) in local {
                let entry = folder.entry(name).or_insert((false, false));
                entry.0 |= req;
                entry.1 |= resp;
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
