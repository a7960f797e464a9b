//! What an endpoint says about the point of use, emitted: the checks of `requires` in the
//! request's `validate()`, the availability check before a call, and their rustdoc.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use crate::ir::{Availability, Endpoint, Provider, RequireStep, Requirement};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The rustdoc paragraph of an endpoint's requirements (on its method and request type).
pub(super) fn requirement_docs(requires: &[Requirement]) -> Option<String> {
    if requires.is_empty() {
        return None;
    }
    let lines: Vec<String> = requires
        .iter()
        .map(|r| {
            let list = if r.steps.iter().any(|s| s.list) {
                " (in every item of the lists on its path)"
            } else {
                ""
            };
            format!("- {} must be set for this call{list}", docs::code(&r.path))
        })
        .collect();
    Some(format!(
        "**Required for this call** (the types keep these optional; a request without one is \
         refused before anything is sent, with `Error::InvalidRequest` naming its path):\n\n{}",
        lines.join("\n")
    ))
}

/// The checks of every requirement, for the request's `validate()` (`self` is the request).
pub(super) fn requirement_checks(requires: &[Requirement]) -> Vec<TokenStream> {
    requires
        .iter()
        .map(|r| {
            let walk = step(&r.steps, 0, quote!(self), "", &mut Vec::new());
            quote! { { #walk } }
        })
        .collect()
}

/// The path of the value being checked as a `format!` string (`Items[{}].UserId`).
fn escaped(name: &str) -> String {
    name.replace('{', "{{").replace('}', "}}")
}

/// The violation for an unset requirement: `at` the format of the path walked so far, with
/// the list indices in `indices`, then the rest of the path as written.
fn refuse(at: &str, rest: &[RequireStep], indices: &[Ident]) -> TokenStream {
    let mut path = at.to_owned();
    for s in rest {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&escaped(&s.json_name));
    }
    let text = if indices.is_empty() {
        // No placeholders, so the braces doubled for `format!` are single again.
        let plain = path.replace("{{", "{").replace("}}", "}");
        quote!(#plain)
    } else {
        quote!(&format!(#path, #(#indices),*))
    };
    quote!(return Err(bindery_runtime::validate::rules::required_for_call(#text));)
}

fn step(
    steps: &[RequireStep],
    at: usize,
    value: TokenStream,
    path: &str,
    indices: &mut Vec<Ident>,
) -> TokenStream {
    let Some(s) = steps.get(at) else {
        return TokenStream::new();
    };
    let field = ident(&s.rust_name);
    let here = if path.is_empty() {
        escaped(&s.json_name)
    } else {
        format!("{path}.{}", escaped(&s.json_name))
    };
    if at + 1 == steps.len() {
        let refusal = refuse(path, &steps[at..], indices);
        return quote! {
            if #value.#field.is_none() {
                #refusal
            }
        };
    }
    let binding = ident(&format!("value_{at}"));
    if s.list {
        let index = ident(&format!("index_{at}"));
        let item = ident(&format!("item_{at}"));
        indices.push(index.clone());
        let inner = step(
            steps,
            at + 1,
            quote!(#item),
            &format!("{here}[{{}}]"),
            indices,
        );
        indices.pop();
        // An unset or empty list has no item that could lack the field.
        let items = if s.optional {
            quote!(#value.#field.iter().flatten())
        } else {
            quote!(#value.#field.iter())
        };
        return quote! {
            for (#index, #item) in #items.enumerate() {
                #inner
            }
        };
    }
    let inner = step(steps, at + 1, quote!(#binding), &here, indices);
    if s.optional {
        let refusal = refuse(path, &steps[at..], indices);
        quote! {
            let Some(#binding) = &#value.#field else {
                #refusal
            };
            #inner
        }
    } else {
        quote! {
            let #binding = &#value.#field;
            #inner
        }
    }
}

/// The rustdoc paragraph of an endpoint's availability.
pub(super) fn availability_docs(provider: &Provider, a: &Availability) -> Option<String> {
    let mut sentences = Vec::new();
    if let Some(names) = &a.base_urls {
        let items: Vec<String> = provider
            .base_urls
            .iter()
            .filter(|b| names.contains(&b.name))
            .map(|b| format!("[`{}`](crate::{}::{})", b.name, provider.name, b.item))
            .collect();
        sentences.push(format!("only on the base URL {}.", items.join(" or ")));
    }
    let condition = docs::one_line(&docs::paragraphs(&a.docs).join(" / "));
    if !condition.is_empty() {
        let stop = if condition.ends_with(['.', '。', '!', '?']) {
            ""
        } else {
            "."
        };
        sentences.push(format!("{condition}{stop}"));
    }
    if sentences.is_empty() {
        return None;
    }
    let mut text = format!("**Availability:** {}", sentences.join(" "));
    if !a.refused.is_empty() {
        let refused: Vec<String> = a.refused.iter().map(|(n, _)| format!("`{n}`")).collect();
        text.push_str(&format!(
            " A client built with the base URL {} refuses the call before anything is sent \
             (`Error::Config`); a URL of your own is not judged.",
            refused.join(" or ")
        ));
    }
    Some(text)
}

/// The statement that refuses a call on a base URL the endpoint does not exist on, before
/// the request is validated or sent.
pub(super) fn availability_check(e: &Endpoint, provider: &str) -> Option<TokenStream> {
    let a = e.availability.as_ref()?;
    if a.refused.is_empty() {
        return None;
    }
    let provider = ident(provider);
    let op = ident(&e.operation_const);
    let pairs = a.refused.iter().map(|(name, url)| quote!((#name, #url)));
    Some(quote! {
        self.inner.refuse_base_urls(&crate::#provider::operations::#op, &[#(#pairs),*])
    })
}

/// The same check at the top of a `<method>_stream`: the refusal is the stream's only item.
pub(super) fn stream_refusal(e: &Endpoint, provider: &str) -> Option<TokenStream> {
    let check = availability_check(e, provider)?;
    Some(quote! {
        if let Err(error) = #check {
            return bindery_runtime::pager::failed_stream(error);
        }
    })
}
