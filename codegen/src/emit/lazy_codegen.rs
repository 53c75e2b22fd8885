//! Marks every concrete function of a generated file `#[inline]`, so that it
//! is compiled to machine code only in a crate that calls it.
//!
//! Why: rustc compiles every non-generic function of a library when the
//! library is built, whether or not anything calls it, but an `#[inline]`
//! function only where it is used (as it does for generics). A generated
//! client has an input, an output, an error enum, codecs and a send path for
//! every operation of the service; an application calls a few. With the
//! attribute, an app calling three of DynamoDB's 57 operations compiles the
//! code of those three: the `dynamodb` crate's release build went from 34 s
//! to 7 s, and the app's own compile from 3 s to 9 s (BENCHMARKS.md). The
//! trade-off is the one generics make: an app that calls everything pays
//! the same codegen in its own crate instead, and several crates of one
//! build that call the same operation each compile it.
//!
//! Left alone: generic functions (compiled on use already), trait
//! declarations, tests and anything under `#[cfg(test)]`.

use syn::{Attribute, ImplItem, Item, Signature};

/// Adds `#[inline]` to the concrete functions and methods among `items`.
pub fn mark_inline(items: &mut [Item]) {
    for item in items {
        match item {
            Item::Fn(f) if wants_inline(&f.attrs, &f.sig) => f.attrs.push(inline()),
            Item::Impl(block)
                if !is_test_only(&block.attrs) && block.generics.params.is_empty() =>
            {
                for member in &mut block.items {
                    if let ImplItem::Fn(f) = member {
                        if wants_inline(&f.attrs, &f.sig) {
                            f.attrs.push(inline());
                        }
                    }
                }
            }
            Item::Mod(module) if !is_test_only(&module.attrs) => {
                if let Some((_, content)) = &mut module.content {
                    mark_inline(content);
                }
            }
            _ => {}
        }
    }
}

fn wants_inline(attrs: &[Attribute], sig: &Signature) -> bool {
    sig.generics.params.is_empty()
        && !sig.inputs.iter().any(|arg| match arg {
            // `impl Trait` arguments make the function generic.
            syn::FnArg::Typed(t) => matches!(*t.ty, syn::Type::ImplTrait(_)),
            syn::FnArg::Receiver(_) => false,
        })
        && !is_test_only(attrs)
        && !attrs.iter().any(|a| {
            a.path().is_ident("inline") || a.path().is_ident("test") || a.path().is_ident("cold")
        })
}

/// `#[cfg(test)]` (or `#[test]`): compiled only in the crate's own tests.
fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg")
                && a.parse_args::<syn::Ident>().is_ok_and(|arg| arg == "test"))
    })
}

fn inline() -> Attribute {
    syn::parse_quote!(#[inline])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(src: &str) -> String {
        let mut file: syn::File = syn::parse_str(src).unwrap();
        mark_inline(&mut file.items);
        prettyplease::unparse(&file)
    }

    #[test]
    fn concrete_functions_and_methods_are_marked() {
        let out =
            marked("fn a() {} impl S { pub fn b(&self) -> u8 { 1 } } mod m { async fn c() {} }");
        assert_eq!(out.matches("#[inline]").count(), 3, "{out}");
    }

    #[test]
    fn generic_test_and_already_marked_functions_are_left_alone() {
        let out = marked(
            "fn g<T>(_: T) {} fn h(_: impl Into<String>) {} impl<T> W<T> { fn i(&self) {} } \
             #[inline(never)] fn j() {} #[test] fn k() {} #[cfg(test)] mod t { fn l() {} } \
             trait Tr { fn m(&self) {} }",
        );
        assert_eq!(out.matches("#[inline").count(), 1, "{out}");
    }
}
