//! The `Validate` impl of a generated struct: the spec's constraints as calls of the
//! runtime's rule functions (`bindery_runtime::validate::rules`), and the validation of named
//! types nested in lists and maps, with the JSON path of each value.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::ir::{Bound, Constraints, Struct, Type};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => {
            let lit = Literal::u64_unsuffixed(v);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

/// A bound as a literal of its own kind: `Some(5)` for `range_i64` and `range_u64`,
/// `Some(0.5)` (or `Some(1.0)`) for `range_f64`. Lowering gives integer fields integer bounds and `f64` fields
/// `f64` bounds, so the literal always has the type the rule takes.
fn opt_bound(v: Option<Bound>) -> TokenStream {
    match v {
        Some(Bound::Int(i)) => {
            let lit = Literal::i128_unsuffixed(i);
            quote!(Some(#lit))
        }
        Some(Bound::Float(f)) => {
            let lit = Literal::f64_unsuffixed(f);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

/// Checks on one value (`value` is a reference to it) of the given type.
fn value_checks(json: &str, ty: &Type, c: &Constraints, s: &Struct) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    let as_i64 = match ty {
        Type::I32 => Some(quote!(i64::from(*value))),
        Type::I64 => Some(quote!(*value)),
        Type::TimestampMs | Type::TimestampS => Some(quote!(value.0)),
        _ => None,
    };
    let as_str = match ty {
        Type::String => Some(quote!(value.as_str())),
        Type::Secret => Some(quote!(value.expose())),
        _ => None,
    };
    if let Some(text) = &as_str {
        if c.min_length.is_some() || c.max_length.is_some() {
            let (min, max) = (opt_u64(c.min_length), opt_u64(c.max_length));
            checks.push(quote!(rules::length(#json, #text, #min, #max)?;));
        }
        if let Some(pattern) = &c.pattern {
            checks.push(quote! {
                static PATTERN: bindery_runtime::Pattern = bindery_runtime::Pattern::new(#pattern);
                rules::pattern(#json, #text, &PATTERN)?;
            });
        }
    }
    if let Some(int) = &as_i64 {
        if c.minimum.is_some() || c.maximum.is_some() {
            let (min, max) = (opt_bound(c.minimum), opt_bound(c.maximum));
            checks.push(quote!(rules::range_i64(#json, #int, #min, #max)?;));
        }
        if let Some(m) = c.multiple_of {
            let lit = Literal::i64_unsuffixed(m);
            checks.push(quote!(rules::multiple_of(#json, #int, #lit, None)?;));
        }
        if let Some((other_json, other_rust, other_required)) = &c.multiple_of_field {
            let other = ident(other_rust);
            let sibling = s.fields.iter().find(|f| &f.rust_name == other_rust);
            let other_ty = sibling.map(|f| f.ty.clone());
            let convert = |v: TokenStream| match other_ty {
                Some(Type::I32) => quote!(i64::from(#v)),
                _ => v,
            };
            if *other_required {
                let of = convert(quote!(self.#other));
                checks.push(quote!(rules::multiple_of(#json, #int, #of, Some(#other_json))?;));
            } else if let Some(default) = sibling.and_then(|f| f.default) {
                // The vendor applies its default to an unset sibling, so the rule holds
                // against that value.
                // Unsuffixed, it takes the sibling's type (the loader checks the range).
                let default = Literal::i64_unsuffixed(default);
                let of = convert(quote!(self.#other.unwrap_or(#default)));
                checks.push(quote!(rules::multiple_of(#json, #int, #of, Some(#other_json))?;));
            } else {
                let of = convert(quote!(of));
                checks.push(quote! {
                    if let Some(of) = self.#other {
                        rules::multiple_of(#json, #int, #of, Some(#other_json))?;
                    }
                });
            }
        }
    }
    if matches!(ty, Type::U64) {
        if c.minimum.is_some() || c.maximum.is_some() {
            let (min, max) = (opt_bound(c.minimum), opt_bound(c.maximum));
            checks.push(quote!(rules::range_u64(#json, *value, #min, #max)?;));
        }
        // The loader refuses `multiple_of_field` on `u64` fields and a `multiple_of` below 1.
        if let Some(m) = c.multiple_of.and_then(|m| u64::try_from(m).ok()) {
            let lit = Literal::u64_unsuffixed(m);
            checks.push(quote!(rules::multiple_of_u64(#json, *value, #lit, None)?;));
        }
    }
    if matches!(ty, Type::F64) && (c.minimum.is_some() || c.maximum.is_some()) {
        let (min, max) = (opt_bound(c.minimum), opt_bound(c.maximum));
        checks.push(quote!(rules::range_f64(#json, *value, #min, #max)?;));
    }
    if matches!(ty, Type::List(_)) && (c.min_items.is_some() || c.max_items.is_some()) {
        let (min, max) = (opt_u64(c.min_items), opt_u64(c.max_items));
        checks.push(quote!(rules::items(#json, value.len(), #min, #max)?;));
    }
    checks.extend(nested_checks(json, ty));
    checks
}

/// Validation of named types inside a value (a struct's rules, an enum's allowed values),
/// with the JSON path of each.
fn nested_checks(json: &str, ty: &Type) -> Option<TokenStream> {
    match ty {
        // The runtime's shared rules, so a nested field costs one call, not a copy of the
        // loop and the error mapping.
        Type::Named(_) => Some(quote! {
            bindery_runtime::validate::rules::nested(#json, value)?;
        }),
        Type::List(inner) if matches!(**inner, Type::Named(_)) => Some(quote! {
            bindery_runtime::validate::rules::each(#json, value)?;
        }),
        Type::List(inner) if contains_named(inner) => {
            let inner_check = nested_item(inner)?;
            Some(quote! {
                for (index, value) in value.iter().enumerate() {
                    let path = format!("{}[{}]", #json, index);
                    #inner_check
                }
            })
        }
        Type::Map(inner) if contains_named(inner) => {
            let inner_check = nested_item(inner)?;
            Some(quote! {
                for (key, value) in value {
                    let path = format!("{}.{}", #json, key);
                    #inner_check
                }
            })
        }
        _ => None,
    }
}

/// Checks for one element of a list or map; the element's JSON path is in `path`.
fn nested_item(ty: &Type) -> Option<TokenStream> {
    match ty {
        Type::Named(_) => Some(quote! {
            bindery_runtime::validate::rules::nested(&path, value)?;
        }),
        Type::List(inner) if contains_named(inner) => {
            let inner_check = nested_item(inner)?;
            Some(quote! {
                for (index, value) in value.iter().enumerate() {
                    let path = format!("{}[{}]", path, index);
                    #inner_check
                }
            })
        }
        Type::Map(inner) if contains_named(inner) => {
            let inner_check = nested_item(inner)?;
            Some(quote! {
                for (key, value) in value {
                    let path = format!("{}.{}", path, key);
                    #inner_check
                }
            })
        }
        _ => None,
    }
}

/// Whether a value of this type holds a named type, whose `validate` must run.
fn contains_named(ty: &Type) -> bool {
    match ty {
        Type::Named(_) => true,
        Type::List(inner) | Type::Map(inner) => contains_named(inner),
        _ => false,
    }
}

/// `impl bindery_runtime::Validate for <struct>`.
///
/// `extra` are further checks on `self` after the fields' own (a request's `requires`).
pub(super) fn validate_impl(s: &Struct, extra: &[TokenStream]) -> TokenStream {
    let name = ident(&s.name);
    let mut body = Vec::new();
    for f in s.fields.iter().filter(|f| f.constant.is_none()) {
        let checks = value_checks(&f.json_name, &f.ty, &f.constraints, s);
        if checks.is_empty() {
            continue;
        }
        let fname = ident(&f.rust_name);
        body.push(if !f.is_option() {
            quote! { { let value = &self.#fname; #(#checks)* } }
        } else {
            quote! { if let Some(value) = &self.#fname { #(#checks)* } }
        });
    }
    let uses_rules = s
        .fields
        .iter()
        .any(|f| f.constant.is_none() && !f.constraints.is_empty());
    let use_rules = uses_rules.then(|| {
        quote!(
            use bindery_runtime::validate::rules;
        )
    });
    quote! {
        impl bindery_runtime::Validate for #name {
            fn validate(&self) -> Result<(), bindery_runtime::Violation> {
                #use_rules
                #(#body)*
                #(#extra)*
                Ok(())
            }
        }
    }
}
