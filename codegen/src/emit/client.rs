//! The `Client`: one method per operation, each returning a fluent builder.

use super::docs::doc_attrs;
use super::plan::CratePlan;
use super::rust_types::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn emit(plan: &CratePlan) -> TokenStream {
    let methods = plan.operations.iter().map(|op| {
        let m = ident(&op.module);
        let builder = format_ident!("{}FluentBuilder", op.rust_name);
        let docs = doc_attrs(
            op.info.docs.as_deref().or(op.info.summary.as_deref()),
            &format!("Calls the `{}` operation.", op.wire_name()),
        );
        let deprecated = op.info.deprecated.as_ref().map(|d| match &d.message {
            Some(msg) => quote!(#[deprecated(note = #msg)]),
            None => quote!(#[deprecated]),
        });
        let cfg = plan.groups.op_cfg(&op.shape.id);
        quote! {
            #docs
            #cfg
            #deprecated
            pub fn #m(&self) -> crate::operation::#m::#builder {
                crate::operation::#m::#builder::new(self.handle.clone())
            }
        }
    });
    let waiters = super::waiters::client_methods(plan);
    let service = plan.info.id.name.clone();
    let doc = format!(
        " A client for {service}. Cheap to clone: clones share connections and configuration."
    );
    quote! {
        //! The service client.

        /// Per-call settings: `fluent_builder.customize().config_override(…).send()`.
        pub mod customize {
            pub use ::apigen_runtime::customize::{CustomizableOperation, CustomizableSend};
        }

        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct Client {
            handle: ::std::sync::Arc<::apigen_runtime::Handle>,
        }

        impl Client {
            /// A client with the given configuration.
            pub fn from_conf(conf: ::apigen_runtime::Config) -> Self {
                Self {
                    handle: ::std::sync::Arc::new(::apigen_runtime::Handle::new(conf, &crate::SERVICE)),
                }
            }

            /// The client's configuration.
            pub fn config(&self) -> &::apigen_runtime::Config {
                self.handle.config()
            }

            #(#methods)*

            #(#waiters)*
        }
    }
}
