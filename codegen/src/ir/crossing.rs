//! Which way each named type crosses the wire: sent in a request, received in a response,
//! or both. A type gets the serde impl of each way it crosses; the other way only with the
//! crate's `serialize` / `deserialize` features, because serde's derives are most of what
//! the compiler spends on the generated crate, and a client needs one way for most types.

use std::collections::BTreeMap;

use super::graph::{TypeKey, Types};
use super::types::{Endpoint, Field, Provider, TypeHome};

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

impl Endpoint {
    /// How the types of `home` that this endpoint reaches cross the wire in its call: those
    /// reachable from its request are sent, those from its response received. `types` is
    /// [`Provider::types_for`] of this endpoint.
    pub fn crossings(&self, types: &Types<'_>, home: &TypeHome) -> Crossings {
        let mut out = Crossings::new();
        mark(types, &self.request.fields, Crossing::SENT, home, &mut out);
        if let Some(response) = &self.response {
            mark(types, &response.fields, Crossing::RECEIVED, home, &mut out);
        }
        out
    }
}

impl Provider {
    /// How each shared type crosses the wire, over every endpoint of the provider.
    pub fn shared_crossings(&self) -> Crossings {
        let mut out = Crossings::new();
        for e in self.root.all_endpoints() {
            let types = self.types_for(e);
            for (name, crossing) in e.crossings(&types, &TypeHome::Shared) {
                out.entry(name).or_default().join(crossing);
            }
        }
        out
    }
}

fn mark(types: &Types<'_>, roots: &[Field], way: Crossing, home: &TypeHome, out: &mut Crossings) {
    for TypeKey { home: at, name } in types.reachable(roots) {
        if &at == home {
            out.entry(name).or_default().join(way);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{DocText, Struct, Type, TypeDef, TypeRef};

    fn strukt(name: &str, fields: Vec<Field>) -> Struct {
        Struct {
            name: name.to_owned(),
            docs: DocText::default(),
            fields,
            open: false,
            bare: false,
        }
    }

    fn to(name: &str, home: TypeHome) -> Field {
        let ty = Type::Named(TypeRef {
            name: name.to_owned(),
            home,
            is_struct: true,
        });
        Field::plain(&name.to_lowercase(), ty, false)
    }

    #[test]
    fn types_are_sent_received_or_both_by_what_reaches_them() {
        let shared = vec![
            TypeDef::Struct(strukt("Both", vec![to("Deep", TypeHome::Shared)])),
            TypeDef::Struct(strukt("Deep", Vec::new())),
            TypeDef::Struct(strukt("Out", Vec::new())),
            TypeDef::Struct(strukt("In", Vec::new())),
            TypeDef::Struct(strukt("Unused", Vec::new())),
        ];
        let local = vec![TypeDef::Struct(strukt(
            "Row",
            vec![to("In", TypeHome::Shared)],
        ))];
        let types = Types {
            local: &local,
            shared: &shared,
        };
        let request = strukt(
            "Req",
            vec![to("Both", TypeHome::Shared), to("Out", TypeHome::Shared)],
        );
        let response = strukt(
            "Resp",
            vec![to("Both", TypeHome::Shared), to("Row", TypeHome::Local)],
        );
        let mut out = Crossings::new();
        mark(
            &types,
            &request.fields,
            Crossing::SENT,
            &TypeHome::Shared,
            &mut out,
        );
        mark(
            &types,
            &response.fields,
            Crossing::RECEIVED,
            &TypeHome::Shared,
            &mut out,
        );
        let both = Crossing {
            sent: true,
            received: true,
        };
        let expected: Crossings = [
            ("Both", both),
            ("Deep", both),
            ("In", Crossing::RECEIVED),
            ("Out", Crossing::SENT),
        ]
        .into_iter()
        .map(|(n, c)| (n.to_owned(), c))
        .collect();
        assert_eq!(out, expected);

        let mut local_only = Crossings::new();
        mark(
            &types,
            &response.fields,
            Crossing::RECEIVED,
            &TypeHome::Local,
            &mut local_only,
        );
        assert_eq!(local_only.keys().collect::<Vec<_>>(), ["Row"]);

        assert_eq!(Crossing::SENT.always(), (true, false));
        assert_eq!(Crossing::RECEIVED.always(), (false, true));
        assert_eq!(Crossing::default().always(), (true, true));
    }
}
