//! The IR's named types as a [`TypeGraph`], so every pass over them uses the one walk of
//! [`crate::visit`].

use super::types::{Endpoint, Field, Provider, Struct, Type, TypeDef, TypeHome, TypeRef};
use std::collections::BTreeSet;

use crate::visit::{self, Edge, TypeGraph, Visitor};

/// Identity of a named type of the IR: where it lives and its Rust name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeKey {
    /// The provider's `types` module or the endpoint's own file.
    pub home: TypeHome,
    /// Rust name.
    pub name: String,
}

/// The named types an endpoint can see: its own and the provider's shared ones.
#[derive(Clone, Copy, Debug)]
pub struct Types<'a> {
    /// The endpoint's local types.
    pub local: &'a [TypeDef],
    /// The provider's shared types.
    pub shared: &'a [TypeDef],
}

impl<'a> Types<'a> {
    /// The definition a key names.
    pub fn def(&self, home: &TypeHome, name: &str) -> Option<&'a TypeDef> {
        let defs = match home {
            TypeHome::Local => self.local,
            TypeHome::Shared => self.shared,
        };
        defs.iter().find(|d| d.name() == name)
    }

    /// The struct a key names, if it is one.
    pub fn strukt(&self, key: &TypeKey) -> Option<&'a Struct> {
        match self.def(&key.home, &key.name)? {
            TypeDef::Struct(s) => Some(s),
            TypeDef::Enum(_) => None,
        }
    }
}

impl Types<'_> {
    /// Every named type (struct or enum) reachable from `roots`, at any depth: what a
    /// request or response uses.
    pub fn reachable(&self, roots: &[Field]) -> BTreeSet<TypeKey> {
        #[derive(Default)]
        struct Reached(BTreeSet<TypeKey>);
        impl Visitor<Types<'_>> for Reached {
            fn enter(&mut self, key: &TypeKey) {
                self.0.insert(key.clone());
            }
        }
        let mut reached = Reached::default();
        visit::walk(self, roots, &mut reached);
        reached.0
    }
}

impl Provider {
    /// The provider's shared types.
    pub fn shared_types(&self) -> &[TypeDef] {
        self.types.as_ref().map_or(&[], |(_, defs)| defs.as_slice())
    }

    /// The named types `e` (an endpoint of this provider) can see, as a graph to walk.
    pub fn types_for<'a>(&'a self, e: &'a Endpoint) -> Types<'a> {
        Types {
            local: &e.types,
            shared: self.shared_types(),
        }
    }
}

impl TypeDef {
    /// The type's Rust name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
        }
    }
}

impl Type {
    /// The named type this type refers to (itself, or inside lists and maps), and whether
    /// directly.
    pub fn named(&self) -> Option<(&TypeRef, bool)> {
        match self {
            Type::Named(r) => Some((r, true)),
            Type::List(inner) | Type::Map(inner) => inner.named().map(|(r, _)| (r, false)),
            _ => None,
        }
    }

    /// Whether a value of this type is a secret, or a list or map of them.
    pub fn holds_secret(&self) -> bool {
        match self {
            Type::Secret => true,
            Type::List(inner) | Type::Map(inner) => inner.holds_secret(),
            _ => false,
        }
    }
}

impl TypeGraph for Types<'_> {
    type Key = TypeKey;
    type Field = Field;

    fn fields(&self, key: &TypeKey) -> Option<&[Field]> {
        self.strukt(key).map(|s| s.fields.as_slice())
    }

    fn edges(&self, _: Option<&TypeKey>, field: &Field) -> Vec<Edge<TypeKey>> {
        field
            .ty
            .named()
            .map(|(r, direct)| Edge {
                to: TypeKey {
                    home: r.home.clone(),
                    name: r.name.clone(),
                },
                direct,
            })
            .into_iter()
            .collect()
    }

    fn name<'f>(&self, field: &'f Field) -> &'f str {
        &field.json_name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{DocText, Enum};

    fn field(json: &str, ty: Type) -> Field {
        Field::plain(json, ty, false)
    }

    fn named(name: &str, home: TypeHome, is_struct: bool) -> Type {
        Type::Named(TypeRef {
            name: name.to_owned(),
            home,
            is_struct,
        })
    }

    #[test]
    fn reachable_types_include_enums_and_shared_types_once() {
        let local = vec![TypeDef::Struct(Struct {
            name: "Row".to_owned(),
            docs: DocText::default(),
            fields: vec![
                field("kind", named("Kind", TypeHome::Shared, false)),
                field(
                    "rows",
                    Type::List(Box::new(named("Row", TypeHome::Local, true))),
                ),
            ],
            open: false,
            bare: false,
        })];
        let shared = vec![TypeDef::Enum(Enum {
            name: "Kind".to_owned(),
            docs: DocText::default(),
            kind: crate::ir::EnumKind::String,
            variants: Vec::new(),
        })];
        let types = Types {
            local: &local,
            shared: &shared,
        };
        let roots = vec![
            field("row", named("Row", TypeHome::Local, true)),
            field(
                "kinds",
                Type::Map(Box::new(named("Kind", TypeHome::Shared, false))),
            ),
        ];
        let names: Vec<(TypeHome, String)> = types
            .reachable(&roots)
            .into_iter()
            .map(|k| (k.home, k.name))
            .collect();
        assert_eq!(
            names,
            [
                (TypeHome::Shared, "Kind".to_owned()),
                (TypeHome::Local, "Row".to_owned())
            ]
        );
    }
}
