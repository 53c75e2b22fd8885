//! The server side of a crate (`server.rs`, behind the crate's `server`
//! feature): one trait per service with an async method per operation, and
//! a router that is a `tower_service::Service`, dispatching each operation
//! to the trait over the runtime's `ServerCore`.
//!
//! What the router does per operation is the only service-specific part:
//! decode the input strictly, run its constraint checks (a violation is the
//! operation's modeled validation error when it has one), call the
//! implementation, and encode the output or the modeled error.

use super::docs::doc_attrs;
use super::errors::op_error_path;
use super::plan::{CratePlan, OperationPlan};
use super::rust_types::{ident, type_path};
use crate::model::{traits, ShapeId};
use crate::names;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust name of the service trait: from the SDK id (`Ecr`, `DynamoDb`),
/// else the service shape's name.
pub fn trait_name(plan: &CratePlan) -> String {
    let base = plan
        .info
        .sdk_id
        .clone()
        .unwrap_or_else(|| plan.info.id.name.clone());
    names::type_name(&base)
}

pub fn emit(plan: &CratePlan) -> Option<(String, TokenStream)> {
    if !plan.features.server || !plan.features.client || plan.protocol.is_none() {
        return None;
    }
    let service = format_ident!("{}", trait_name(plan));
    let router = format_ident!("{}Router", trait_name(plan));
    let methods = plan.operations.iter().map(|op| trait_method(plan, op));
    let arms = plan.operations.iter().map(|op| dispatch_arm(plan, op));
    let error_fns = plan.operations.iter().map(|op| error_fn(plan, op));
    let service_docs = doc_attrs(
        plan.info.docs.as_deref(),
        &format!("The `{}` service.", plan.info.id.name),
    );
    let service_name = service.to_string();
    let router_doc = format!(
        " Routes requests to an implementation of [`{service_name}`]: a `tower_service::Service`, so it runs on [`serve`](::apigen_runtime::server::serve) and mounts in axum, hyper or any tower stack. Cheap to clone."
    );
    let in_process_doc = format!(
        " A [`Client`](crate::Client) that calls `service` in this process through an [`{router}`], with no socket: the same requests and responses as over the network, for tests and fakes. The configuration is `config` with the in-process transport, a placeholder endpoint and, when it has none, placeholder credentials."
    );
    // The protocol tests name the router without knowing the service.
    let test_alias = (!super::protocol_tests::cases(plan).is_empty()).then(|| {
        quote! {
            /// The router under a name generated tests use.
            #[cfg(test)]
            pub(crate) type Router<S> = #router<S>;
        }
    });
    let tokens = quote! {
        //! The server side: implement the service trait and serve it with the
        //! router (or bind a client to it in process).

        use ::apigen_runtime::server::{RequestContext, ServerCore, ServerError, ServerOptions};

        #service_docs
        ///
        /// One method per operation. Return the operation's output, or one of
        /// its modeled errors; `Unhandled` becomes a 500 whose detail is logged
        /// (`Unhandled::not_implemented`, what a method not overridden returns, a 501).
        pub trait #service: ::std::marker::Send + ::std::marker::Sync + 'static {
            #(#methods)*
        }

        #test_alias

        #[doc = #router_doc]
        pub struct #router<S> {
            service: ::std::sync::Arc<S>,
            core: ::std::sync::Arc<ServerCore>,
        }

        impl<S> ::std::clone::Clone for #router<S> {
            fn clone(&self) -> Self {
                Self {
                    service: self.service.clone(),
                    core: self.core.clone(),
                }
            }
        }

        impl<S> ::std::fmt::Debug for #router<S> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(::std::stringify!(#router)).field("core", &self.core).finish_non_exhaustive()
            }
        }

        impl<S: #service> #router<S> {
            /// A router with the default options: 32 MiB body limit, no authentication.
            pub fn new(service: S) -> Self {
                Self::with_options(service, ServerOptions::default())
            }

            /// A router with `options` (limits, an authenticator such as SigV4 verification).
            pub fn with_options(service: S, options: ServerOptions) -> Self {
                Self {
                    service: ::std::sync::Arc::new(service),
                    core: ::std::sync::Arc::new(ServerCore::new(crate::SERVICE.sdk_id, crate::SERVICE.protocol, options)),
                }
            }

            /// The implementation.
            pub fn service(&self) -> &S {
                &self.service
            }

            async fn dispatch(
                &self,
                operation: ::std::string::String,
                body: ::apigen_runtime::bytes::Bytes,
                context: RequestContext,
            ) -> ::std::result::Result<::std::vec::Vec<u8>, ServerError> {
                let protocol = self.core.protocol();
                match operation.as_str() {
                    #(#arms)*
                    _ => ::std::result::Result::Err(ServerError::UnknownOperation(operation)),
                }
            }
        }

        impl<S, B> ::apigen_runtime::tower_service::Service<::apigen_runtime::http_types::Request<B>> for #router<S>
        where
            S: #service,
            B: ::apigen_runtime::http_body::Body<Data = ::apigen_runtime::bytes::Bytes> + ::std::marker::Send + 'static,
            B::Error: ::std::convert::Into<::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync>>,
        {
            type Response = ::apigen_runtime::http_types::Response<::apigen_runtime::server::ResponseBody>;
            type Error = ::std::convert::Infallible;
            type Future = ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<Output = ::std::result::Result<Self::Response, Self::Error>> + ::std::marker::Send>>;

            fn poll_ready(&mut self, _: &mut ::std::task::Context<'_>) -> ::std::task::Poll<::std::result::Result<(), Self::Error>> {
                ::std::task::Poll::Ready(::std::result::Result::Ok(()))
            }

            fn call(&mut self, request: ::apigen_runtime::http_types::Request<B>) -> Self::Future {
                let router = self.clone();
                ::std::boxed::Box::pin(async move {
                    let core = router.core.clone();
                    ::std::result::Result::Ok(
                        core.handle(request, |operation, body, context| async move {
                            router.dispatch(operation, body, context).await
                        })
                        .await,
                    )
                })
            }
        }

        impl crate::Client {
            #[doc = #in_process_doc]
            pub fn in_process<S: #service>(service: S, config: ::apigen_runtime::Config) -> Self {
                Self::in_process_router(#router::new(service), config)
            }

            /// [`in_process`](Self::in_process) with a router of your own (options, authentication).
            pub fn in_process_router<S: #service>(router: #router<S>, config: ::apigen_runtime::Config) -> Self {
                Self::from_conf(::apigen_runtime::server::InProcess::new(router).client_config(config))
            }
        }

        #(#error_fns)*
    };
    Some(("server.rs".into(), tokens))
}

fn op_types(op: &OperationPlan) -> (TokenStream, TokenStream, TokenStream) {
    let m = ident(&op.module);
    let input = format_ident!("{}Input", op.rust_name);
    let output = format_ident!("{}Output", op.rust_name);
    (
        quote!(crate::operation::#m::#input),
        quote!(crate::operation::#m::#output),
        op_error_path(op),
    )
}

fn trait_method(_plan: &CratePlan, op: &OperationPlan) -> TokenStream {
    let m = ident(&op.module);
    let (input, output, error) = op_types(op);
    let docs = doc_attrs(
        op.info.docs.as_deref().or(op.info.summary.as_deref()),
        &format!("The `{}` operation.", op.wire_name()),
    );
    let wire = op.wire_name().to_string();
    quote! {
        #docs
        ///
        /// Not overridden, it answers `NotImplemented` (501), so a fake
        /// implements only the operations its test calls.
        fn #m(
            &self,
            input: #input,
            context: RequestContext,
        ) -> impl ::std::future::Future<Output = ::std::result::Result<#output, #error>> + ::std::marker::Send {
            let _ = (input, context);
            ::std::future::ready(::std::result::Result::Err(#error::Unhandled(
                ::apigen_runtime::Unhandled::not_implemented(#wire),
            )))
        }
    }
}

fn dispatch_arm(plan: &CratePlan, op: &OperationPlan) -> TokenStream {
    let m = ident(&op.module);
    let wire = op.wire_name().to_string();
    let (input, _, _) = op_types(op);
    let error_fn = format_ident!("{}_error", op.module);
    let invalid = match validation_error(plan, op) {
        Some(ValidationError {
            path,
            code,
            status,
            message_setter,
        }) => {
            let status = proc_macro2::Literal::u16_unsuffixed(status);
            quote! {
                let error = #path::builder().#message_setter(invalid.to_string()).build();
                return ::std::result::Result::Err(protocol.modeled_error(#code, #status, &error));
            }
        }
        None => quote! {
            return ::std::result::Result::Err(ServerError::Validation(invalid.to_string()));
        },
    };
    quote! {
        #wire => {
            let input: #input = protocol.decode_input(&body)?;
            if let ::std::result::Result::Err(invalid) = input.validate() {
                #invalid
            }
            match self.service.#m(input, context).await {
                ::std::result::Result::Ok(output) => protocol.encode(&output),
                ::std::result::Result::Err(error) => ::std::result::Result::Err(#error_fn(protocol, error)),
            }
        }
    }
}

/// `fn <op>_error(protocol, error) -> ServerError`: each modeled variant
/// encoded with its code and status, `Unhandled` a 500.
fn error_fn(plan: &CratePlan, op: &OperationPlan) -> TokenStream {
    let name = format_ident!("{}_error", op.module);
    let (_, _, error) = op_types(op);
    let arms: Vec<TokenStream> = op
        .info
        .errors
        .iter()
        .filter_map(|id| {
            let t = plan.types.get(id)?;
            let v = format_ident!("{}", t.rust_name);
            let code = id.name.clone();
            let status = proc_macro2::Literal::u16_unsuffixed(error_status(plan, id));
            Some(quote!(#error::#v(e) => protocol.modeled_error(#code, #status, &e),))
        })
        .collect();
    // An operation without modeled errors never encodes one.
    let protocol = if arms.is_empty() {
        format_ident!("_protocol")
    } else {
        format_ident!("protocol")
    };
    quote! {
        fn #name(#protocol: &::apigen_runtime::Protocol, error: #error) -> ServerError {
            match error {
                #(#arms)*
                #error::Unhandled(e) => ServerError::from(e),
            }
        }
    }
}

/// `@httpError`, else 400 for `@error("client")` and 500 for `"server"`.
fn error_status(plan: &CratePlan, id: &ShapeId) -> u16 {
    let Some(shape) = plan.shape(id) else {
        return 500;
    };
    if let Some(code) = shape
        .traits
        .get(&ShapeId::new("smithy.api", "httpError"))
        .and_then(|n| n.as_i64())
        .and_then(|c| u16::try_from(c).ok())
    {
        return code;
    }
    match shape.traits.get(&traits::error()).and_then(|n| n.as_str()) {
        Some("server") => 500,
        _ => 400,
    }
}

struct ValidationError {
    path: TokenStream,
    code: String,
    status: u16,
    message_setter: proc_macro2::Ident,
}

/// The modeled error an operation answers constraint violations with:
/// `smithy.framework#ValidationException` when it lists it, else the first
/// of the names AWS services use for it (ECR's `InvalidParameterException`)
/// that it lists and that can be built from a message alone. `None`: the
/// framework's own `ValidationException`.
fn validation_error(plan: &CratePlan, op: &OperationPlan) -> Option<ValidationError> {
    const NAMES: &[&str] = &[
        "ValidationException",
        "InvalidParameterException",
        "InvalidParameterValueException",
        "InvalidInputException",
        "InvalidRequestException",
        "BadRequestException",
    ];
    let framework = ShapeId::new("smithy.framework", "ValidationException");
    let candidates = std::iter::once(&framework)
        .filter(|f| op.info.errors.contains(f))
        .chain(
            NAMES
                .iter()
                .filter_map(|n| op.info.errors.iter().find(|e| e.name == *n)),
        );
    for id in candidates {
        let (Some(t), Some(shape)) = (plan.types.get(id), plan.shape(id)) else {
            continue;
        };
        let message = shape
            .members
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case("message"));
        let others_required = shape.members.iter().any(|m| {
            !m.name.eq_ignore_ascii_case("message") && m.traits.contains_key(&traits::required())
        });
        let Some(message) = message.filter(|_| !others_required) else {
            continue;
        };
        let is_string = plan
            .shape(&message.target)
            .is_some_and(|s| s.kind == crate::model::ShapeKind::String);
        if !is_string {
            continue;
        }
        return Some(ValidationError {
            path: type_path(plan, &t.id),
            code: id.name.clone(),
            status: error_status(plan, id),
            message_setter: format_ident!("{}", names::member_field_name(&message.name)),
        });
    }
    None
}
