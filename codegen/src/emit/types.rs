//! Structs and enums: declarations, constructors and setters, validation.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use crate::ir::{
    Constraints, Crossing, Crossings, Enum, EnumKind, Field, Requirement, RustPaths, Struct, Type,
    TypeDef, TypeHome,
};

/// Everything a type needs to know about where it is emitted.
pub struct Ctx<'a> {
    /// Provider module name, for `crate::<provider>::types::X` paths.
    pub provider: &'a str,
    /// Whether the code goes into the provider's `types` module itself.
    pub in_shared_types: bool,
    /// How the file's named types cross the wire (a type not in it: both ways).
    pub crossings: &'a Crossings,
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type of a field's value (without the `Option` of an optional field).
pub fn rust_type(ty: &Type, ctx: &Ctx<'_>) -> TokenStream {
    let shared = format!("crate::{}::types::", ctx.provider);
    let text = ty.rust_text(&RustPaths {
        runtime: "bindery_runtime::",
        shared: &shared,
        map: "std::collections::BTreeMap",
    });
    // Names in the IR are checked identifiers, so the text always parses.
    text.parse().unwrap_or_default()
}

/// Argument type for constructors and setters: strings and secrets take `impl Into<…>` so
/// callers can pass `&str`.
fn arg_type(ty: &Type, ctx: &Ctx<'_>) -> (TokenStream, bool) {
    match ty {
        Type::String => (quote!(impl Into<String>), true),
        Type::Secret => (quote!(impl Into<bindery_runtime::Secret>), true),
        Type::Decimal => (quote!(impl Into<bindery_runtime::Decimal>), true),
        Type::TimestampMs => (quote!(impl Into<bindery_runtime::TimestampMs>), true),
        Type::TimestampS => (quote!(impl Into<bindery_runtime::TimestampS>), true),
        other => (rust_type(other, ctx), false),
    }
}

/// The public names a struct's emission defines: the struct and its constant markers.
pub fn exported_names(s: &Struct) -> Vec<String> {
    let mut names = vec![s.name.clone()];
    names.extend(s.fields.iter().filter_map(|f| f.constant_marker.clone()));
    names
}

fn type_label(ty: &Type, ctx: &Ctx<'_>) -> String {
    match ty {
        Type::String => "string".into(),
        Type::Secret => "secret string".into(),
        Type::Bool => "boolean".into(),
        Type::I32 => "32-bit integer".into(),
        Type::I64 => "64-bit integer".into(),
        Type::U64 => "unsigned 64-bit integer".into(),
        Type::F64 => "number".into(),
        Type::Decimal => "decimal".into(),
        Type::TimestampMs => "milliseconds since the Unix epoch".into(),
        Type::TimestampS => "seconds since the Unix epoch".into(),
        Type::Json => "any JSON value".into(),
        Type::List(inner) => format!("list of {}", type_label(inner, ctx)),
        Type::Map(inner) => format!("map of {}", type_label(inner, ctx)),
        Type::Named(r) => match r.home {
            TypeHome::Shared if ctx.in_shared_types => format!("[`{}`]", r.name),
            TypeHome::Local => format!("[`{}`]", r.name),
            TypeHome::Shared => format!("[`{0}`](crate::{1}::types::{0})", r.name, ctx.provider),
        },
    }
}

/// A one-line human description of a field's constraints, for its rustdoc.
fn constraint_text(c: &Constraints) -> Option<String> {
    let mut parts = Vec::new();
    match (c.min_length, c.max_length) {
        (Some(a), Some(b)) => parts.push(format!("{a} to {b} characters")),
        (Some(a), None) => parts.push(format!("at least {a} characters")),
        (None, Some(b)) => parts.push(format!("at most {b} characters")),
        (None, None) => {}
    }
    if let Some(p) = &c.pattern {
        parts.push(format!("matches {}", docs::code(p)));
    }
    match (c.minimum, c.maximum) {
        (Some(a), Some(b)) => parts.push(format!("{a} to {b}")),
        (Some(a), None) => parts.push(format!("at least {a}")),
        (None, Some(b)) => parts.push(format!("at most {b}")),
        (None, None) => {}
    }
    if let Some(m) = c.multiple_of {
        parts.push(format!("a multiple of {m}"));
    }
    if let Some((json, _, _)) = &c.multiple_of_field {
        parts.push(format!("a multiple of {}", docs::code(json)));
    }
    match (c.min_items, c.max_items) {
        (Some(a), Some(b)) => parts.push(format!("{a} to {b} items")),
        (Some(a), None) => parts.push(format!("at least {a} items")),
        (None, Some(b)) => parts.push(format!("at most {b} items")),
        (None, None) => {}
    }
    (!parts.is_empty()).then(|| format!("Constraints: {}.", parts.join(", ")))
}

fn field_docs(field: &Field, ctx: &Ctx<'_>) -> TokenStream {
    let mut paragraphs = docs::paragraphs(&field.docs);
    let presence = match (field.required, field.nullable) {
        (true, false) => "required",
        (true, true) => "always present, may be `null`",
        (false, true) => "optional, may be absent or `null`",
        (false, false) => "optional",
    };
    let mut facts = format!(
        "JSON {}, {}, {presence}.",
        docs::code(&field.json_name),
        type_label(&field.ty, ctx),
    );
    if let Some(text) = constraint_text(&field.constraints) {
        facts.push(' ');
        facts.push_str(&text);
    }
    if let Some(default) = field.default {
        facts.push_str(&format!(
            " Unset, the vendor assumes {default} (request validation does too)."
        ));
    }
    paragraphs.push(facts);
    docs::attrs(&paragraphs)
}

/// Emits a named type.
pub fn type_def(def: &TypeDef, ctx: &Ctx<'_>) -> TokenStream {
    match def {
        TypeDef::Struct(s) => {
            let crossing = ctx.crossings.get(&s.name).copied().unwrap_or_default();
            strukt(s, ctx, crossing)
        }
        TypeDef::Enum(e) if e.kind == EnumKind::Integer => super::enums::integer_enum(e),
        TypeDef::Enum(e) => enumeration(e),
    }
}

/// Emits a struct with its constructor, setters and `Validate` impl.
pub fn strukt(s: &Struct, ctx: &Ctx<'_>, crossing: Crossing) -> TokenStream {
    strukt_requiring(s, ctx, crossing, &[])
}

/// Emits a struct whose `validate()` also checks `requires` (an endpoint's request).
pub fn strukt_requiring(
    s: &Struct,
    ctx: &Ctx<'_>,
    crossing: Crossing,
    requires: &[Requirement],
) -> TokenStream {
    let name = ident(&s.name);
    let mut paragraphs = docs::paragraphs(&s.docs);
    if paragraphs.is_empty() {
        paragraphs.push(format!("The `{}` object.", s.name));
    }
    paragraphs.extend(super::usepoint::requirement_docs(requires));
    let transparent = s.bare.then(|| quote!(#[serde(transparent)]));
    if let (true, Some(f)) = (s.bare, s.fields.first()) {
        paragraphs.push(format!(
            "On the wire this type is its field `{}` alone: the JSON is a bare array, not an \
             object.",
            f.rust_name
        ));
    }
    let doc = docs::attrs(&paragraphs);
    let (markers, decls) = declarations(s, ctx);
    let default_derive = s.has_no_required_args().then(|| quote!(Default,));
    let (serde, other_way) = serde_derives(crossing);
    let constructor = constructor(s, ctx);
    let setters = setters(s, ctx);
    let validate =
        super::validate::validate_impl(s, &super::usepoint::requirement_checks(requires));
    quote! {
        #(#markers)*

        #doc
        #[derive(Clone, Debug, #default_derive PartialEq, #(#serde),*)]
        #other_way
        #[non_exhaustive]
        #transparent
        pub struct #name {
            #(#decls)*
        }

        impl #name {
            #constructor

            #(#setters)*
        }

        #validate
    }
}

/// The serde derives a struct always has (the ways it crosses the wire), and the
/// `cfg_attr` that adds the other one with the crate's `serialize` / `deserialize` feature.
fn serde_derives(crossing: Crossing) -> (Vec<TokenStream>, Option<TokenStream>) {
    let (serialize, deserialize) = crossing.always();
    let mut always = Vec::new();
    let mut other_way = None;
    if serialize {
        always.push(quote!(serde::Serialize));
    } else {
        other_way = Some(quote!(#[cfg_attr(feature = "serialize", derive(serde::Serialize))]));
    }
    if deserialize {
        always.push(quote!(serde::Deserialize));
    } else {
        other_way = Some(quote!(#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]));
    }
    (always, other_way)
}

/// The marker types of a struct's constant fields, and its field declarations.
fn declarations(s: &Struct, ctx: &Ctx<'_>) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut markers = Vec::new();
    let mut decls = Vec::new();
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        let fdoc = field_docs(f, ctx);
        let json = &f.json_name;
        let rename = (json != &f.rust_name).then(|| quote!(rename = #json,));
        if let (Some(value), Some(marker)) = (&f.constant, &f.constant_marker) {
            let marker = ident(marker);
            let marker_doc = docs::line(&format!(
                "Marker for the constant {} of {}.",
                docs::code(value),
                docs::code(&f.json_name)
            ));
            markers.push(quote! {
                #marker_doc
                #[derive(Clone, Copy, Debug, Default, PartialEq)]
                pub struct #marker;
                impl bindery_runtime::ConstValue for #marker {
                    const VALUE: &'static str = #value;
                }
            });
            let attr = rename.map(|r| quote!(#[serde(#r)]));
            decls.push(quote! {
                #fdoc
                #attr
                pub #fname: bindery_runtime::Constant<#marker>,
            });
            continue;
        }
        let ty = rust_type(&f.ty, ctx);
        if f.required && f.nullable {
            // No `default` and no skipping: the key must come, and goes out as `null`.
            decls.push(quote! {
                #fdoc
                #[serde(#rename deserialize_with = "bindery_runtime::nullable::required")]
                pub #fname: Option<#ty>,
            });
        } else if f.required {
            let attr = rename.map(|r| quote!(#[serde(#r)]));
            decls.push(quote! { #fdoc #attr pub #fname: #ty, });
        } else {
            decls.push(quote! {
                #fdoc
                #[serde(#rename default, skip_serializing_if = "Option::is_none")]
                pub #fname: Option<#ty>,
            });
        }
    }
    if s.open {
        decls.push(quote! {
            /// Keys the spec declares no field for (e.g. tenant-defined fields, or what
            /// the vendor's page leaves undocumented), kept as they came so nothing is lost.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, serde_json::Value>,
        });
    }
    (markers, decls)
}

/// `new`: required (non-constant) fields in spec order.
fn constructor(s: &Struct, ctx: &Ctx<'_>) -> TokenStream {
    let mut params = Vec::new();
    let mut inits = Vec::new();
    for f in &s.fields {
        let fname = ident(&f.rust_name);
        if f.constant.is_some() {
            inits.push(quote!(#fname: bindery_runtime::Constant::default()));
        } else if f.is_constructor_arg() {
            let (arg, into) = arg_type(&f.ty, ctx);
            params.push(quote!(#fname: #arg));
            inits.push(if into {
                quote!(#fname: #fname.into())
            } else {
                quote!(#fname)
            });
        } else {
            inits.push(quote!(#fname: None));
        }
    }
    if s.open {
        inits.push(quote!(extra: serde_json::Map::new()));
    }
    let required_names: Vec<String> = s
        .fields
        .iter()
        .filter(|f| f.is_constructor_arg())
        .map(|f| format!("`{}`", f.rust_name))
        .collect();
    let new_doc = if required_names.is_empty() {
        format!("Creates a `{}` with every optional field unset.", s.name)
    } else {
        let unset = if s.fields.iter().any(|f| f.required && f.nullable) {
            "optional and nullable fields start unset"
        } else {
            "optional fields start unset"
        };
        format!(
            "Creates a `{}` from its required fields ({}); {unset}.",
            s.name,
            required_names.join(", ")
        )
    };
    let new_doc = docs::line(&new_doc);
    // Required fields are constructor arguments by design (a missing one is a compile error),
    // however many the vendor requires.
    let many_args = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #new_doc
        #[must_use]
        #many_args
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
        }
    }
}

/// A setter per optional field, and `extra_field` for an open object.
fn setters(s: &Struct, ctx: &Ctx<'_>) -> Vec<TokenStream> {
    let mut setters = Vec::new();
    for f in s
        .fields
        .iter()
        .filter(|f| f.is_option() && f.constant.is_none())
    {
        let fname = ident(&f.rust_name);
        let (arg, into) = arg_type(&f.ty, ctx);
        let value = if into {
            quote!(value.into())
        } else {
            quote!(value)
        };
        let doc = docs::line(&format!(
            "Sets `{}` (JSON {}).",
            f.rust_name,
            docs::code(&f.json_name)
        ));
        // A vendor field named like an operator (`add`) is a setter, not an operator.
        let allow = crate::naming::OPERATOR_METHOD_NAMES
            .contains(&f.rust_name.as_str())
            .then(|| quote!(#[allow(clippy::should_implement_trait)]));
        setters.push(quote! {
            #doc
            #[must_use]
            #allow
            pub fn #fname(mut self, value: #arg) -> Self {
                self.#fname = Some(#value);
                self
            }
        });
    }
    if s.open {
        setters.push(quote! {
            /// Adds a key the spec declares no field for (kept in `extra`).
            #[must_use]
            pub fn extra_field(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
                self.extra.insert(key.into(), value.into());
                self
            }
        });
    }
    setters
}

/// Emits a forward-compatible string enum.
pub fn enumeration(e: &Enum) -> TokenStream {
    let name = ident(&e.name);
    let mut paragraphs = docs::paragraphs(&e.docs);
    if paragraphs.is_empty() {
        paragraphs.push(format!("The `{}` values.", e.name));
    }
    paragraphs.push(
        "Values this version of bindery does not know arrive as `Unknown`, so a value the \
         vendor adds later does not break decoding. In a request, an `Unknown` value is \
         refused before anything is sent (`Error::InvalidRequest` naming the field and the \
         allowed values)."
            .to_owned(),
    );
    let doc = docs::attrs(&paragraphs);
    let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<String> = e.variants.iter().map(|v| v.value.to_string()).collect();
    let allowed = format!("must be one of {}", values.join(", "));
    let variant_docs: Vec<TokenStream> = e
        .variants
        .iter()
        .map(|v| {
            let mut p = docs::paragraphs(&v.docs);
            p.insert(0, docs::code(&v.value.to_string()));
            docs::attrs(&p)
        })
        .collect();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #variants, )*
            /// A value not documented when this crate was generated.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::Unknown(other.to_owned()),
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
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}
