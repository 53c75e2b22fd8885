//! One module per operation: its input and output structures, its error
//! enum, the fluent builder the client returns, and a paginator when the
//! operation is `@paginated`.

use super::docs::{doc_attrs, doc_line};
use super::plan::{CratePlan, OperationPlan};
use super::rust_types::{field_ident, field_type, ident};
use crate::model::{traits, Shape, ShapeId, ShapeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The file of one operation.
pub fn operation_file(plan: &CratePlan, op: &OperationPlan) -> (String, TokenStream) {
    (format!("operation/{}.rs", op.module), operation(plan, op))
}

/// `operation/mod.rs`.
pub fn module_file(plan: &CratePlan) -> (String, TokenStream) {
    let mods = plan.operations.iter().map(|op| {
        let m = ident(&op.module);
        let doc = doc_line(&format!("The `{}` operation.", op.wire_name()));
        let cfg = plan.groups.op_cfg(&op.shape.id);
        quote!(#doc #cfg pub mod #m;)
    });
    (
        "operation/mod.rs".into(),
        quote! {
            //! Operations of the service: inputs, outputs, errors and builders.
            #(#mods)*
        },
    )
}

/// The shape to generate for an operation's input or output; `Unit` becomes
/// an empty structure so every operation has both types.
fn io_shape(plan: &CratePlan, id: &ShapeId, op: &OperationPlan) -> Shape {
    match plan.shape(id) {
        Some(s) if s.kind == ShapeKind::Structure && !id.is_prelude() => s.clone(),
        _ => Shape::new(id.clone(), ShapeKind::Structure, op.shape.span),
    }
}

fn operation(plan: &CratePlan, op: &OperationPlan) -> TokenStream {
    let input_name = format_ident!("{}Input", op.rust_name);
    let output_name = format_ident!("{}Output", op.rust_name);
    let input_shape = io_shape(plan, &op.info.input, op);
    let output_shape = io_shape(plan, &op.info.output, op);
    let input = super::types::structure(plan, &input_shape, &input_name);
    let output = super::types::structure(plan, &output_shape, &output_name);
    let error = super::errors::operation_error(plan, op);
    let fluent = fluent_builder(plan, op, &input_shape);
    let invoke = plan
        .protocol
        .as_deref()
        .map(|p| p.operation_invoke(plan, op))
        .unwrap_or_default();
    let doc = format!(" The `{}` operation.", op.wire_name());
    let input_builder = format_ident!("{}InputBuilder", op.rust_name);
    let output_builder = format_ident!("{}OutputBuilder", op.rust_name);
    let fluent_builder = format_ident!("{}FluentBuilder", op.rust_name);
    quote! {
        #![doc = #doc]
        #input
        #output
        #error
        #fluent
        #invoke

        /// The operation's builders, where aws-sdk-rust keeps them.
        pub mod builders {
            pub use super::{#input_builder, #output_builder, #fluent_builder};
        }
    }
}

/// The fluent builder: input setters, `send()`, and `into_paginator()`.
fn fluent_builder(plan: &CratePlan, op: &OperationPlan, input: &Shape) -> TokenStream {
    let name = format_ident!("{}FluentBuilder", op.rust_name);
    let input_name = format_ident!("{}Input", op.rust_name);
    let input_builder = format_ident!("{}InputBuilder", op.rust_name);
    let output_name = format_ident!("{}Output", op.rust_name);
    let error_name = format_ident!("{}Error", op.rust_name);
    let members: Vec<_> = input
        .members
        .iter()
        .map(|m| super::setters::MemberSetter::new(plan, &input.id, m))
        .collect();
    let setters = super::setters::setter_items(&members, super::setters::Target::Delegate);
    let has_required = input.members.iter().any(|m| {
        traits::is_required(&m.traits) && super::rust_types::default_value(plan, m).is_none()
    });
    let build_input = if has_required {
        quote!(self
            .inner
            .build()
            .map_err(::apigen_runtime::SdkError::construction)?)
    } else {
        quote!(self.inner.build())
    };
    let op_docs = doc_attrs(op.info.docs.as_deref(), "");
    let send_doc = doc_line(&format!("Sends the `{}` request.", op.wire_name()));
    let paginator = paginator(plan, op, has_required);
    let builder_doc = doc_line(&format!(
        "A request builder for `{}`: set the input, then `send().await`.",
        op.wire_name()
    ));
    quote! {
        #builder_doc
        #op_docs
        #[derive(Clone, Debug)]
        pub struct #name {
            handle: ::std::sync::Arc<::apigen_runtime::Handle>,
            inner: #input_builder,
            config_override: ::std::option::Option<::apigen_runtime::ConfigBuilder>,
        }

        impl #name {
            pub(crate) fn new(handle: ::std::sync::Arc<::apigen_runtime::Handle>) -> Self {
                Self { handle, inner: #input_name::builder(), config_override: ::std::option::Option::None }
            }

            /// The input built so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }

            #send_doc
            pub async fn send(self) -> ::std::result::Result<#output_name, ::apigen_runtime::SdkError<#error_name>> {
                let input = #build_input;
                let handle = self.handle.for_call(self.config_override);
                invoke(&handle, input).await
            }

            /// Per-call settings before sending: `.customize().config_override(…).send()`.
            pub fn customize(self) -> ::apigen_runtime::customize::CustomizableOperation<Self> {
                ::apigen_runtime::customize::CustomizableOperation::new(self)
            }

            /// Settings for this call only: what is set on `config_override`
            /// (region, endpoint URL, credentials, timeouts, retries, …)
            /// replaces the client's; everything else stays.
            pub fn config_override(mut self, config_override: impl ::std::convert::Into<::apigen_runtime::ConfigBuilder>) -> Self {
                self.config_override = ::std::option::Option::Some(config_override.into());
                self
            }

            /// Sets or clears the settings for this call only.
            pub fn set_config_override(&mut self, config_override: ::std::option::Option<::apigen_runtime::ConfigBuilder>) -> &mut Self {
                self.config_override = config_override;
                self
            }

            #paginator

            #setters
        }

        impl ::apigen_runtime::customize::CustomizableSend for #name {
            type Output = #output_name;
            type Error = #error_name;

            fn send_with_config_override(
                mut self,
                config_override: ::std::option::Option<::apigen_runtime::ConfigBuilder>,
            ) -> ::apigen_runtime::http::BoxFuture<'static, ::std::result::Result<#output_name, ::apigen_runtime::SdkError<#error_name>>> {
                if config_override.is_some() {
                    self.config_override = config_override;
                }
                ::std::boxed::Box::pin(self.send())
            }
        }
    }
}

/// `into_paginator()`: a stream of pages that follows the output token
/// (a string, or a map such as DynamoDB's `LastEvaluatedKey`; at a nested
/// path like `a.b` too), with `.items()` for a stream of the paginated items
/// (list items, or `(key, value)` pairs of a map). The plan has already
/// reported any paginator that cannot be generated.
fn paginator(plan: &CratePlan, op: &OperationPlan, has_required: bool) -> TokenStream {
    let Some(pages) = super::plan::pagination_paths(plan.model, &op.info) else {
        return quote!();
    };
    let in_f = field_ident(&pages.input_token);
    let token_ty = super::rust_types::value_type(plan, &pages.input_token.target);
    let output_name = format_ident!("{}Output", op.rust_name);
    let error_name = format_ident!("{}Error", op.rust_name);
    let next_token = path_access(plan, quote!(page), &pages.output_token);
    let (item_ty, extract) = match &pages.items {
        Some(path) => {
            let last = path.last().expect("a path has a member");
            let target = plan.shape(&last.1.target);
            let (item, collect) = match target.map(|s| s.kind) {
                Some(ShapeKind::List) => (
                    super::rust_types::list_item_type(plan, &last.1.target),
                    quote!(),
                ),
                Some(ShapeKind::Map) => {
                    let t = target.expect("matched");
                    let key = super::rust_types::value_type(
                        plan,
                        &t.member("key")
                            .map(|m| m.target.clone())
                            .unwrap_or_else(|| last.1.target.clone()),
                    );
                    let value = super::rust_types::value_type(
                        plan,
                        &t.member("value")
                            .map(|m| m.target.clone())
                            .unwrap_or_else(|| last.1.target.clone()),
                    );
                    let value = if t.has_trait(&traits::sparse()) {
                        quote!(::std::option::Option<#value>)
                    } else {
                        value
                    };
                    (quote!((#key, #value)), quote!(.into_iter().collect()))
                }
                _ => {
                    let ft = field_type(plan, &last.0, &last.1);
                    let value = ft.value;
                    (value, quote!(.into_iter().collect()))
                }
            };
            let extract = if path.len() == 1 {
                let f = field_ident(&last.1);
                if field_type(plan, &last.0, &last.1).optional {
                    quote!(|page: #output_name| page.#f.unwrap_or_default() #collect)
                } else {
                    quote!(|page: #output_name| page.#f #collect)
                }
            } else {
                let access = path_access(plan, quote!(page), path);
                quote!(|page: #output_name| #access.unwrap_or_default() #collect)
            };
            (item, extract)
        }
        None => (
            quote!(#output_name),
            quote!(|page: #output_name| ::std::vec![page]),
        ),
    };
    let build = if has_required {
        quote! {
            let input = match self.inner.build() {
                Ok(input) => input,
                Err(e) => return ::apigen_runtime::paginator::PageStream::failed(::apigen_runtime::SdkError::construction(e)),
            };
        }
    } else {
        quote!(let input = self.inner.build();)
    };
    let doc = doc_line("Pages through every result: a `Stream` of output pages that follows the service's next-page token. Call `.items()` on it for a stream of the items themselves.");
    quote! {
        #doc
        pub fn into_paginator(self) -> ::apigen_runtime::paginator::PageStream<#output_name, #error_name, #item_ty, #token_ty> {
            #build
            let handle = self.handle.for_call(self.config_override);
            ::apigen_runtime::paginator::PageStream::new(
                move |token: ::std::option::Option<#token_ty>| {
                    let mut input = input.clone();
                    if token.is_some() {
                        input.#in_f = token;
                    }
                    let handle = handle.clone();
                    ::std::boxed::Box::pin(async move { invoke(&handle, input).await })
                },
                |page: &#output_name| #next_token,
                #extract,
            )
        }
    }
}

/// `Option<T>` (cloned) of the member at `path` below `root` (a reference
/// to a structure), through optional, defaulted and boxed members alike.
fn path_access(
    plan: &CratePlan,
    root: TokenStream,
    path: &[(ShapeId, crate::model::Member)],
) -> TokenStream {
    let mut expr = quote!(::std::option::Option::Some(&#root));
    for (owner, member) in path {
        expr = super::rust_types::member_step(plan, expr, owner, member);
    }
    quote!(#expr.cloned())
}
