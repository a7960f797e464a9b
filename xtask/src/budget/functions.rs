//! Function lengths: every `fn` with a body (free functions, inherent and trait methods,
//! trait default methods, functions nested in other functions or in inline modules), from the
//! line of its signature to the line of its closing brace. Doc comments and attributes above
//! the signature are not counted; closures are part of the function they are written in.
//!
//! Line numbers come from `proc-macro2`'s `span-locations`, which this crate enables.

use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// One function's place and length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// `name`, or `Type::name` for a method of an `impl` block or `Trait::name` in a trait.
    pub name: String,
    /// The line of the signature.
    pub line: usize,
    /// Lines from the signature to the closing brace, both included.
    pub lines: usize,
}

/// Every function of `file`, in source order.
pub fn measure(file: &syn::File) -> Vec<Function> {
    let mut finder = Finder::default();
    finder.visit_file(file);
    finder.found
}

#[derive(Default)]
struct Finder {
    /// The `impl` or `trait` blocks around the current item, innermost last.
    owners: Vec<String>,
    found: Vec<Function>,
}

impl Finder {
    fn record(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let line = sig.span().start().line;
        let end = block.brace_token.span.close().end().line;
        let name = match self.owners.last() {
            Some(owner) => format!("{owner}::{}", sig.ident),
            None => sig.ident.to_string(),
        };
        self.found.push(Function {
            name,
            line,
            lines: end.saturating_sub(line) + 1,
        });
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_item_fn(&mut self, node: &'ast syn::ItemFn) {
        // A nested function belongs to no `impl`, even inside a method.
        let owners = std::mem::take(&mut self.owners);
        self.record(&node.sig, &node.block);
        visit::visit_item_fn(self, node);
        self.owners = owners;
    }

    fn visit_impl_item_fn(&mut self, node: &'ast syn::ImplItemFn) {
        self.record(&node.sig, &node.block);
        visit::visit_impl_item_fn(self, node);
    }

    fn visit_trait_item_fn(&mut self, node: &'ast syn::TraitItemFn) {
        if let Some(block) = &node.default {
            self.record(&node.sig, block);
        }
        visit::visit_trait_item_fn(self, node);
    }

    fn visit_item_impl(&mut self, node: &'ast syn::ItemImpl) {
        self.owners.push(type_name(&node.self_ty));
        visit::visit_item_impl(self, node);
        self.owners.pop();
    }

    fn visit_item_trait(&mut self, node: &'ast syn::ItemTrait) {
        self.owners.push(node.ident.to_string());
        visit::visit_item_trait(self, node);
        self.owners.pop();
    }
}

/// The last path segment of an `impl`'s self type (`Client` for `impl<P> Client<P>`), or
/// `impl` for a self type that is no path (a tuple, a slice).
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .map_or_else(String::new, |s| s.ident.to_string()),
        syn::Type::Reference(reference) => type_name(&reference.elem),
        _ => "impl".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Vec<Function> {
        measure(&syn::parse_file(text).expect("parses"))
    }

    #[test]
    fn counts_from_the_signature_to_the_closing_brace() {
        let found = of("/// doc\n#[inline]\nfn a() {\n    1;\n}\n");
        assert_eq!(
            found,
            vec![Function {
                name: "a".into(),
                line: 3,
                lines: 3
            }]
        );
    }

    #[test]
    fn names_methods_and_finds_nested_and_trait_default_functions() {
        let text = "impl<T> S<T> {\n    fn m(&self) {\n        fn inner() {}\n    }\n}\n\
                    trait T {\n    fn d() {}\n    fn no_body();\n}\nmod m {\n    fn f() {}\n}\n";
        let names: Vec<_> = of(text).into_iter().map(|f| (f.name, f.line)).collect();
        assert_eq!(
            names,
            [("S::m", 2), ("inner", 3), ("T::d", 7), ("f", 11)]
                .map(|(n, l)| (n.to_owned(), l))
                .to_vec()
        );
    }
}
