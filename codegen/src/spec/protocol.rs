//! The spec's `protocol` and `auth[].kind` values: names looked up in the protocol table
//! ([`crate::protocols`]), so the spec layer never lists protocols or auth kinds itself.
//!
//! Both deserialise from their name; an unknown name is refused with serde's "unknown
//! variant" error listing every name of the table, and the JSON Schema lists the same names,
//! so the loader's messages and an editor's completion come from the one table.

use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use crate::protocols::{self, AuthDef, ProtocolDef};

/// A provider's `protocol`: an entry of [`protocols::PROTOCOLS`].
#[derive(Clone, Copy)]
pub struct ProtocolRef(pub &'static ProtocolDef);

/// A scheme's `kind`: an auth kind of the table, with the protocol it belongs to.
#[derive(Clone, Copy)]
pub struct AuthRef {
    /// The protocol the kind belongs to.
    pub protocol: &'static ProtocolDef,
    /// The kind itself.
    pub def: &'static AuthDef,
}

impl ProtocolRef {
    /// The spec name (`fxiaoke`).
    pub fn name(self) -> &'static str {
        self.0.name
    }
}

impl AuthRef {
    /// The spec name (`fxiaoke_header`).
    pub fn name(self) -> &'static str {
        self.def.name
    }
}

impl std::ops::Deref for ProtocolRef {
    type Target = ProtocolDef;
    fn deref(&self) -> &ProtocolDef {
        self.0
    }
}

impl std::ops::Deref for AuthRef {
    type Target = AuthDef;
    fn deref(&self) -> &AuthDef {
        self.def
    }
}

// Table entries are unique by name (the table's own test checks it), so the name is the
// identity; comparing names keeps the comparison independent of where the statics live.
impl PartialEq for ProtocolRef {
    fn eq(&self, other: &Self) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for ProtocolRef {}

impl PartialEq for AuthRef {
    fn eq(&self, other: &Self) -> bool {
        self.def.name == other.def.name
    }
}

impl Eq for AuthRef {}

impl fmt::Debug for ProtocolRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ProtocolRef").field(&self.0.name).finish()
    }
}

impl fmt::Debug for AuthRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AuthRef").field(&self.def.name).finish()
    }
}

// serde's `unknown_variant` wants `&'static [&'static str]`; the table is static, so the
// name lists are built once and live as long as the program.
static PROTOCOL_NAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| protocols::protocol_names().collect());
static AUTH_KIND_NAMES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| protocols::auth_kind_names().collect());

/// Reads a name the way serde reads a unit variant, looking it up in the table: the parser
/// then reports an unknown name (and a value of the wrong kind) exactly as for an enum,
/// located at the value.
struct NameVisitor<T: 'static> {
    enum_name: &'static str,
    names: &'static LazyLock<Vec<&'static str>>,
    lookup: fn(&str) -> Option<T>,
}

impl<T> Clone for NameVisitor<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for NameVisitor<T> {}

impl<T> NameVisitor<T> {
    fn read<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_enum(self.enum_name, self.names.as_slice(), self)
    }
}

impl<'de, T> Visitor<'de> for NameVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "one of {}",
            crate::diagnostics::backticked(self.names.iter())
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.lookup)(v).ok_or_else(|| E::unknown_variant(v, self.names.as_slice()))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
        let (value, variant) = data.variant_seed(self)?;
        de::VariantAccess::unit_variant(variant)?;
        Ok(value)
    }
}

impl<'de, T> de::DeserializeSeed<'de> for NameVisitor<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Deserialize<'de> for ProtocolRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NameVisitor {
            enum_name: "Protocol",
            names: &PROTOCOL_NAMES,
            lookup: |name| protocols::protocol(name).map(ProtocolRef),
        }
        .read(deserializer)
    }
}

impl<'de> Deserialize<'de> for AuthRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NameVisitor {
            enum_name: "AuthKind",
            names: &AUTH_KIND_NAMES,
            lookup: |name| {
                protocols::auth_kind(name).map(|(protocol, def)| AuthRef { protocol, def })
            },
        }
        .read(deserializer)
    }
}

/// A string enum of the given names, each documented the way schemars documents the
/// variants of a unit enum (`oneOf` of `const`s with a `description`).
fn names_schema(description: &str, names: impl Iterator<Item = (&'static str, String)>) -> Schema {
    let variants: Vec<serde_json::Value> = names
        .map(|(name, doc)| {
            serde_json::json!({
                "description": doc,
                "type": "string",
                "const": name,
            })
        })
        .collect();
    json_schema!({
        "description": description,
        "oneOf": variants,
    })
}

impl JsonSchema for ProtocolRef {
    fn schema_name() -> Cow<'static, str> {
        "Protocol".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        names_schema(
            "The wire protocols implemented by `bindery-runtime`.",
            protocols::PROTOCOLS
                .iter()
                .map(|p| (p.name, p.summary.to_owned())),
        )
    }
}

impl JsonSchema for AuthRef {
    fn schema_name() -> Cow<'static, str> {
        "AuthKind".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        names_schema(
            "Authentication mechanisms implemented by `bindery-runtime`.",
            protocols::PROTOCOLS
                .iter()
                .flat_map(|p| p.auth.iter())
                .map(|a| (a.name, a.summary.to_owned())),
        )
    }
}
