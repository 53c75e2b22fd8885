//! Error types: `Display`/`Error` for modeled error structures, one error
//! enum per operation, and the crate-wide `Error`.

use super::docs::{doc_attrs, doc_line};
use super::plan::{CratePlan, OperationPlan};
use super::rust_types::type_path;
use crate::model::{traits, Shape};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The crate-level `error.rs`: every modeled error plus `Unhandled`.
pub fn emit(plan: &CratePlan) -> Vec<(String, TokenStream)> {
    if !plan.features.client {
        return Vec::new();
    }
    let mut variants = Vec::new();
    let mut display = Vec::new();
    let mut source = Vec::new();
    let mut code = Vec::new();
    for t in plan.errors() {
        let v = format_ident!("{}", t.rust_name);
        let path = type_path(plan, &t.id);
        let docs = plan
            .shape(&t.id)
            .map(|s| {
                doc_attrs(
                    traits::docs(&s.traits),
                    &format!("The `{}` error.", s.id.name),
                )
            })
            .unwrap_or_default();
        let wire = t.id.name.clone();
        let ty = variant_type(plan, &t.id, path);
        let cfg = plan.groups.type_cfg(&t.id);
        variants.push(quote!(#docs #cfg #v(#ty),));
        display.push(quote!(#cfg Self::#v(e) => ::std::fmt::Display::fmt(e, f),));
        source.push(if is_boxed_error(plan, &t.id) {
            quote!(#cfg Self::#v(e) => Some(&**e),)
        } else {
            quote!(#cfg Self::#v(e) => Some(e),)
        });
        code.push(quote!(#cfg Self::#v(_) => Some(#wire),));
    }
    let mut from_impls = Vec::new();
    for op in &plan.operations {
        let op_error = op_error_path(op);
        let arms = op
            .info
            .errors
            .iter()
            .filter_map(|e| plan.types.get(e))
            .map(|t| {
                let v = format_ident!("{}", t.rust_name);
                quote!(#op_error::#v(e) => Self::#v(e),)
            });
        let cfg = plan.groups.op_cfg(&op.shape.id);
        from_impls.push(quote! {
            #cfg
            impl ::std::convert::From<#op_error> for Error {
                fn from(err: #op_error) -> Self {
                    match err {
                        #(#arms)*
                        #op_error::Unhandled(e) => Self::Unhandled(e),
                    }
                }
            }

            #cfg
            impl ::std::convert::From<::apigen_runtime::SdkError<#op_error>> for Error {
                fn from(err: ::apigen_runtime::SdkError<#op_error>) -> Self {
                    match err {
                        ::apigen_runtime::SdkError::Service(service) => Self::from(service.into_err()),
                        other => Self::Unhandled(::apigen_runtime::Unhandled::from_sdk_error(other)),
                    }
                }
            }
        });
    }
    let file = quote! {
        //! The crate-wide error: any modeled error of any operation, or an
        //! unhandled one. Every operation error and `SdkError` converts into it,
        //! so `?` works across operations. Also the runtime's error types, where
        //! aws-sdk-rust keeps them: print an error with `DisplayErrorContext(&e)`
        //! to see its whole chain of causes.

        pub use ::apigen_runtime::error::{
            DisplayErrorContext, SdkError, ServiceError, TimeoutError, TimeoutKind,
            TransportError, TransportErrorKind, Unhandled,
        };
        pub use ::apigen_runtime::BuildError;

        /// Any error of this service.
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum Error {
            #(#variants)*
            /// An error the model does not describe, or a failure before a
            /// response arrived (transport, timeout, decoding).
            Unhandled(::apigen_runtime::Unhandled),
        }

        impl Error {
            /// The error code, as the service sent it.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#code)*
                    Self::Unhandled(e) => e.code(),
                }
            }
        }

        impl ::std::fmt::Display for Error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display)*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for Error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source)*
                    Self::Unhandled(e) => Some(e),
                }
            }
        }

        #(#from_impls)*
    };
    vec![("error.rs".into(), file)]
}

pub fn op_error_path(op: &OperationPlan) -> TokenStream {
    let m = super::rust_types::ident(&op.module);
    let e = format_ident!("{}Error", op.rust_name);
    quote!(crate::operation::#m::#e)
}

/// `Display` and `std::error::Error` for a modeled error structure.
pub fn error_struct_impls(
    plan: &CratePlan,
    shape: &Shape,
    name: &proc_macro2::Ident,
) -> TokenStream {
    let wire = shape.id.name.clone();
    let message_member = shape
        .members
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case("message"));
    let message_field = message_member.map(super::rust_types::field_ident);
    let message_plain =
        message_member.is_some_and(|m| !super::rust_types::field_type(plan, &shape.id, m).optional);
    let with_message = format!(
        "{}: {{message}}",
        wire.replace('{', "{{").replace('}', "}}")
    );
    let display = match message_field {
        Some(f) if message_plain => quote! {
            let message = &self.#f;
            write!(f, #with_message)
        },
        Some(f) => quote! {
            match &self.#f {
                Some(message) => write!(f, #with_message),
                None => f.write_str(#wire),
            }
        },
        None => quote!(f.write_str(#wire)),
    };
    let kind = traits::error_kind(&shape.traits).unwrap_or("client");
    let retryable = shape.has_trait(&traits::retryable());
    quote! {
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #display
            }
        }

        impl ::std::error::Error for #name {}

        impl #name {
            /// The error code the service sends for this error.
            pub const CODE: &'static str = #wire;
            /// Whether the fault lies with the caller (`"client"`) or the service (`"server"`).
            pub const FAULT: &'static str = #kind;
            /// Whether the model marks this error as retryable.
            pub const RETRYABLE: bool = #retryable;
        }
    }
}

/// The error enum of one operation.
pub fn operation_error(plan: &CratePlan, op: &OperationPlan) -> TokenStream {
    let name = format_ident!("{}Error", op.rust_name);
    let doc = doc_line(&format!("Errors of the `{}` operation.", op.wire_name()));
    let mut variants = Vec::new();
    let mut from_raw = Vec::new();
    let mut catch_all: Option<TokenStream> = None;
    let mut is_fns = Vec::new();
    let mut display = Vec::new();
    let mut source = Vec::new();
    let mut code = Vec::new();
    let mut message = Vec::new();
    for e in &op.info.errors {
        let Some(t) = plan.types.get(e) else { continue };
        let v = format_ident!("{}", t.rust_name);
        let path = type_path(plan, e);
        let wire = e.name.clone();
        let docs = plan
            .shape(e)
            .map(|s| {
                doc_attrs(
                    traits::docs(&s.traits),
                    &format!("The `{}` error.", s.id.name),
                )
            })
            .unwrap_or_default();
        let ty = variant_type(plan, e, path.clone());
        let wrap = if is_boxed_error(plan, e) {
            quote!(::std::boxed::Box::new(e))
        } else {
            quote!(e)
        };
        variants.push(quote!(#docs #v(#ty),));
        let set_request_id = plan
            .shape(e)
            .filter(|s| !super::types::has_request_id_member(s))
            .map(|_| quote!(e.request_id = raw.request_id().map(::std::string::ToString::to_string);));
        let bindings = plan
            .protocol
            .as_deref()
            .and_then(|p| p.error_bindings(plan, e));
        let decoded = match (set_request_id, bindings) {
            (None, None) => quote!(Ok(e) => Self::#v(#wrap),),
            (set, bindings) => quote!(Ok(mut e) => { #set #bindings Self::#v(#wrap) }),
        };
        // Errors are named by a code, or (plain REST from OpenAPI) told
        // apart by status, the one without a status catching the rest.
        let by_status = plan
            .protocol
            .as_deref()
            .is_some_and(|p| p.errors_by_status());
        let pattern = if by_status {
            match plan
                .shape(e)
                .and_then(|s| traits::http_error_code(&s.traits))
            {
                Some(status) => {
                    let status = proc_macro2::Literal::u16_unsuffixed(status);
                    quote!(#status)
                }
                None => quote!(_),
            }
        } else {
            quote!(#wire)
        };
        let decode = quote! {
            match raw.decode_body::<#path>() {
                #decoded
                Err(_) => Self::Unhandled(::apigen_runtime::Unhandled::from_raw(raw)),
            }
        };
        // The catch-all goes last.
        if by_status && pattern.to_string() == "_" {
            catch_all = Some(decode);
        } else {
            from_raw.push(quote!(#pattern => #decode,));
        }
        let is_fn = format_ident!("is_{}", crate::names::field_name(&t.rust_name));
        let is_doc = doc_line(&format!("Whether this is a `{wire}`."));
        is_fns.push(quote! {
            #is_doc
            pub fn #is_fn(&self) -> bool {
                matches!(self, Self::#v(_))
            }
        });
        display.push(quote!(Self::#v(e) => ::std::fmt::Display::fmt(e, f),));
        source.push(if is_boxed_error(plan, e) {
            quote!(Self::#v(e) => Some(&**e),)
        } else {
            quote!(Self::#v(e) => Some(e),)
        });
        code.push(quote!(Self::#v(_) => Some(#wire),));
        let msg_member = plan.shape(e).and_then(|s| {
            s.members
                .iter()
                .find(|m| m.name.eq_ignore_ascii_case("message"))
        });
        message.push(match msg_member {
            Some(m) if !super::rust_types::field_type(plan, e, m).optional => {
                let f = super::rust_types::field_ident(m);
                quote!(Self::#v(e) => ::std::option::Option::Some(e.#f.as_str()),)
            }
            Some(m) => {
                let f = super::rust_types::field_ident(m);
                quote!(Self::#v(e) => e.#f.as_deref(),)
            }
            None => quote!(Self::#v(_) => None,),
        });
    }
    let by_status = plan
        .protocol
        .as_deref()
        .is_some_and(|p| p.errors_by_status());
    let fallback = catch_all
        .unwrap_or_else(|| quote!(Self::Unhandled(::apigen_runtime::Unhandled::from_raw(raw))));
    let scrutinee = if by_status {
        quote!(raw.status())
    } else {
        quote!(raw.code())
    };
    let classify = if from_raw.is_empty() {
        fallback
    } else {
        let fallback = quote!(_ => #fallback,);
        quote! {
            match #scrutinee {
                #(#from_raw)*
                #fallback
            }
        }
    };
    quote! {
        #doc
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum #name {
            #(#variants)*
            /// An error the model does not list for this operation.
            Unhandled(::apigen_runtime::Unhandled),
        }

        impl #name {
            /// Classifies a service error response by its code.
            pub fn from_raw(raw: ::apigen_runtime::RawServiceError) -> Self {
                #classify
            }

            #(#is_fns)*

            /// Whether this is an error the model does not list.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::Unhandled(_))
            }

            /// The error code, as the service sent it.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#code)*
                    Self::Unhandled(e) => e.code(),
                }
            }

            /// The error message, when the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#message)*
                    Self::Unhandled(e) => e.message(),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#display)*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source)*
                    Self::Unhandled(e) => Some(e),
                }
            }
        }
    }
}

/// Approximate in-memory size of a value of a shape, for deciding which
/// error variants to box (clippy's `large_enum_variant` warns past 200 bytes).
fn approx_size(plan: &CratePlan, id: &crate::model::ShapeId, depth: usize) -> usize {
    use crate::model::ShapeKind::*;
    let Some(shape) = plan.shape(id) else {
        return 8;
    };
    match shape.kind {
        Structure if depth < 4 => shape
            .members
            .iter()
            .map(|m| approx_size(plan, &m.target, depth + 1).max(8) + 8)
            .sum(),
        Structure | Union | Enum => 32,
        String | Blob | List | BigInteger | BigDecimal => 24,
        Map => 48,
        Document => 32,
        Timestamp => 16,
        _ => 8,
    }
}

pub(crate) fn is_boxed_error(plan: &CratePlan, id: &crate::model::ShapeId) -> bool {
    approx_size(plan, id, 0) > 128
}

fn variant_type(plan: &CratePlan, id: &crate::model::ShapeId, path: TokenStream) -> TokenStream {
    if is_boxed_error(plan, id) {
        quote!(::std::boxed::Box<#path>)
    } else {
        path
    }
}
