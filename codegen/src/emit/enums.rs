//! Integer enums: the vendor's codes that are JSON numbers on the wire (`0 | 1`). Shaped like
//! the string enums of [`super::types`] — documented variants, `Unknown` for what the vendor
//! adds later, refused in requests — but carried, sent and read as `i64`, so the client sends
//! `0` where the vendor expects `0`, never `"0"`.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::docs;
use crate::ir::{Enum, WireValue};

/// Emits a forward-compatible integer enum.
pub fn integer_enum(e: &Enum) -> TokenStream {
    let name = Ident::new(&e.name, Span::call_site());
    let mut paragraphs = docs::paragraphs(&e.docs);
    if paragraphs.is_empty() {
        paragraphs.push(format!("The `{}` codes.", e.name));
    }
    paragraphs.push(
        "Sent and read as JSON integers. Values this version of bindery does not know arrive \
         as `Unknown`, so a code the vendor adds later does not break decoding. In a request, \
         an `Unknown` value is refused before anything is sent (`Error::InvalidRequest` \
         naming the field and the allowed values)."
            .to_owned(),
    );
    let doc = docs::attrs(&paragraphs);
    // Lowering gives an integer enum integer values only; a string among them is skipped
    // rather than emitted as a number it is not.
    let known: Vec<(Ident, i64, TokenStream)> = e
        .variants
        .iter()
        .filter_map(|v| {
            let WireValue::Int(value) = v.value else {
                return None;
            };
            let mut p = docs::paragraphs(&v.docs);
            p.insert(0, docs::code(&value.to_string()));
            Some((
                Ident::new(&v.rust_name, Span::call_site()),
                value,
                docs::attrs(&p),
            ))
        })
        .collect();
    let variants: Vec<&Ident> = known.iter().map(|k| &k.0).collect();
    let values: Vec<Literal> = known.iter().map(|k| Literal::i64_unsuffixed(k.1)).collect();
    let variant_docs: Vec<&TokenStream> = known.iter().map(|k| &k.2).collect();
    let listed: Vec<String> = known.iter().map(|k| k.1.to_string()).collect();
    let allowed = format!("must be one of {}", listed.join(", "));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A code not documented when this crate was generated.
            Unknown(i64),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_i64(&self) -> i64 {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl From<i64> for #name {
            fn from(value: i64) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(other),
                }
            }
        }

        impl bindery_runtime::Validate for #name {
            fn validate(&self) -> Result<(), bindery_runtime::Violation> {
                match self {
                    Self::Unknown(_) => Err(bindery_runtime::Violation::new("", #allowed)),
                    _ => Ok(()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.as_i64())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.as_i64())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <i64 as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value))
            }
        }
    }
}
