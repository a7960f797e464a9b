//! Which way each named type crosses the wire: sent in a request, received in a response,
//! or both. A type gets the serde impl of each way it crosses; the other way only with the
//! crate's `serialize` / `deserialize` features, because serde's derives are most of what
//! the compiler spends on the generated crate, and a client needs one way for most types.

use std::collections::BTreeMap;

use super::graph::{TypeKey, Types};
use super::types::{Endpoint, Field, Provider, TypeDef, TypeHome};

/// The ways a named type crosses the wire in a provider's calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Crossing {
    /// Reachable from a request: the client serialises it.
    pub sent: bool,
    /// Reachable from a response: the client deserialises it.
    pub received: bool,
}

impl Crossing {
    /// A request type.
    pub const SENT: Crossing = Crossing {
        sent: true,
        received: false,
    };
    /// A response type.
    pub const RECEIVED: Crossing = Crossing {
        sent: false,
        received: true,
    };

    /// The serde impls a type with this crossing always has, as `(serialize, deserialize)`.
    /// A type no call reaches (a shared type no endpoint uses) has both: nothing says which
    /// one its user needs.
    pub fn always(self) -> (bool, bool) {
        if self.sent || self.received {
            (self.sent, self.received)
        } else {
            (true, true)
        }
    }

    fn join(&mut self, other: Crossing) {
        self.sent |= other.sent;
        self.received |= other.received;
    }
}

/// The crossings of types of one home, by Rust name.
pub type Crossings = BTreeMap<String, Crossing>;

/// A type no call reaches: it has both impls ([`Crossing::always`]).
const BOTH: Crossing = Crossing {
    sent: true,
    received: true,
};

impl Endpoint {
    /// How the types of `home` that this endpoint reaches cross the wire in its call: those
    /// reachable from its request are sent, those from its response received. `types` is
    /// [`Provider::types_for`] of this endpoint.
    pub fn crossings(&self, types: &Types<'_>, home: &TypeHome) -> Crossings {
        of_home(self.marks(types), home)
    }

    /// The crossings of every type this endpoint's call reaches, of both homes.
    fn marks(&self, types: &Types<'_>) -> Marks {
        let response = self.response.as_ref().map(|r| r.fields.as_slice());
        call_marks(types, &self.request.fields, response)
    }
}

impl Provider {
    /// How each shared type crosses the wire, over every endpoint of the provider.
    pub fn shared_crossings(&self) -> Crossings {
        let mut out = Marks::new();
        for e in self.root.all_endpoints() {
            for (key, crossing) in e.marks(&self.types_for(e)) {
                if key.home == TypeHome::Shared {
                    out.entry(key).or_default().join(crossing);
                }
            }
        }
        with_unreached(self.shared_types(), out)
    }
}

/// Crossings by type, of both homes.
type Marks = BTreeMap<TypeKey, Crossing>;

/// The crossings of the types a call of `request` and `response` reaches; `types.local` are
/// the endpoint's own types.
fn call_marks(types: &Types<'_>, request: &[Field], response: Option<&[Field]>) -> Marks {
    let mut out = Marks::new();
    mark(types, request, Crossing::SENT, &mut out);
    if let Some(response) = response {
        mark(types, response, Crossing::RECEIVED, &mut out);
    }
    mark_from_unreached(types, TypeHome::Local, &mut out);
    out
}

/// The shared types' crossings over every call (`joined`), and those the structs no call
/// reaches imply.
fn with_unreached(shared: &[TypeDef], mut joined: Marks) -> Crossings {
    let types = Types { local: &[], shared };
    mark_from_unreached(&types, TypeHome::Shared, &mut joined);
    of_home(joined, &TypeHome::Shared)
}

/// Marks `way` on every type reachable from `roots`.
fn mark(types: &Types<'_>, roots: &[Field], way: Crossing, out: &mut Marks) {
    for key in types.reachable(roots) {
        out.entry(key).or_default().join(way);
    }
}

/// A struct of `home` that no call reaches derives both ways, and a derive needs the same
/// impl of every field's type: what it reaches crosses both ways too.
fn mark_from_unreached(types: &Types<'_>, home: TypeHome, out: &mut Marks) {
    let defs = match home {
        TypeHome::Local => types.local,
        TypeHome::Shared => types.shared,
    };
    for def in defs {
        let TypeDef::Struct(s) = def else { continue };
        let key = TypeKey {
            home: home.clone(),
            name: s.name.clone(),
        };
        if !out.contains_key(&key) {
            mark(types, &s.fields, BOTH, out);
        }
    }
}

fn of_home(all: Marks, home: &TypeHome) -> Crossings {
    all.into_iter()
        .filter(|(key, _)| &key.home == home)
        .map(|(key, crossing)| (key.name, crossing))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Struct, Type, TypeRef};

    fn to(name: &str, home: TypeHome) -> Field {
        let ty = Type::Named(TypeRef {
            name: name.to_owned(),
            home,
            is_struct: true,
        });
        Field::plain(&name.to_lowercase(), ty, false)
    }

    fn call_crossings(
        types: &Types<'_>,
        request: &[Field],
        response: Option<&[Field]>,
        home: &TypeHome,
    ) -> Crossings {
        of_home(call_marks(types, request, response), home)
    }

    fn crossings(pairs: &[(&str, Crossing)]) -> Crossings {
        pairs.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect()
    }

    #[test]
    fn types_are_sent_received_or_both_by_what_reaches_them() {
        let shared = vec![
            TypeDef::Struct(Struct::plain("Both", vec![to("Deep", TypeHome::Shared)])),
            TypeDef::Struct(Struct::plain("Deep", Vec::new())),
            TypeDef::Struct(Struct::plain("Out", Vec::new())),
            TypeDef::Struct(Struct::plain("In", Vec::new())),
            TypeDef::Struct(Struct::plain("Unused", Vec::new())),
        ];
        let local = vec![TypeDef::Struct(Struct::plain(
            "Row",
            vec![to("In", TypeHome::Shared)],
        ))];
        let types = Types {
            local: &local,
            shared: &shared,
        };
        let request = [to("Both", TypeHome::Shared), to("Out", TypeHome::Shared)];
        let response = [to("Both", TypeHome::Shared), to("Row", TypeHome::Local)];
        let out = call_crossings(&types, &request, Some(&response), &TypeHome::Shared);
        let expected = crossings(&[
            ("Both", BOTH),
            ("Deep", BOTH),
            ("In", Crossing::RECEIVED),
            ("Out", Crossing::SENT),
        ]);
        assert_eq!(out, expected);
        let local_only = call_crossings(&types, &request, Some(&response), &TypeHome::Local);
        assert_eq!(local_only, crossings(&[("Row", Crossing::RECEIVED)]));
        // No answer: nothing received, except what `Row` (reached by no call now, so both
        // ways) reaches.
        let sent_only = call_crossings(&types, &request, None, &TypeHome::Shared);
        let expected = crossings(&[
            ("Both", Crossing::SENT),
            ("Deep", Crossing::SENT),
            ("In", BOTH),
            ("Out", Crossing::SENT),
        ]);
        assert_eq!(sent_only, expected);

        assert_eq!(Crossing::SENT.always(), (true, false));
        assert_eq!(Crossing::RECEIVED.always(), (false, true));
        assert_eq!(Crossing::default().always(), (true, true));
    }

    #[test]
    fn what_a_struct_no_call_reaches_reaches_crosses_both_ways() {
        // `Unused` derives both impls, so `Out` (sent by the call) needs `Deserialize` too, and
        // `Lone`, which only `Unused` reaches, both. A local struct the call does not reach
        // does the same to the shared types it reaches.
        let shared = vec![
            TypeDef::Struct(Struct::plain("Out", Vec::new())),
            TypeDef::Struct(Struct::plain("Lone", Vec::new())),
            TypeDef::Struct(Struct::plain(
                "Unused",
                vec![to("Out", TypeHome::Shared), to("Lone", TypeHome::Shared)],
            )),
            TypeDef::Struct(Struct::plain("Local", Vec::new())),
        ];
        let local = vec![TypeDef::Struct(Struct::plain(
            "Spare",
            vec![to("Local", TypeHome::Shared)],
        ))];
        let types = Types {
            local: &local,
            shared: &shared,
        };
        let request = [to("Out", TypeHome::Shared)];
        let call = call_crossings(&types, &request, None, &TypeHome::Shared);
        assert_eq!(call, crossings(&[("Local", BOTH), ("Out", Crossing::SENT)]));
        let joined = call_marks(&types, &request, None)
            .into_iter()
            .filter(|(key, _)| key.home == TypeHome::Shared)
            .collect();
        assert_eq!(
            with_unreached(&shared, joined),
            crossings(&[("Local", BOTH), ("Lone", BOTH), ("Out", BOTH)])
        );
    }
}
