//! The crate root: module tree, re-exports, the service description.

use super::docs::inner_doc_attrs;
use super::plan::CratePlan;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(plan: &CratePlan) -> TokenStream {
    let docs = inner_doc_attrs(plan.info.docs.as_deref());
    let client_items = plan.features.client.then(|| {
        let metadata = plan
            .protocol
            .as_deref()
            .map(|p| p.service_metadata(plan))
            .unwrap_or_default();
        quote! {
            mod client;
            pub mod error;
            pub mod operation;

            pub use client::Client;
            pub use error::Error;
            pub use ::apigen_runtime::{Config, SdkError};

            /// What the runtime needs to know about this service.
            pub(crate) static SERVICE: ::apigen_runtime::ServiceMetadata = #metadata;
        }
    });
    let types = plan.features.types.then(|| {
        quote!(
            pub mod types;
        )
    });
    quote! {
        #docs
        #![warn(missing_docs)]

        #types
        #client_items

        pub use ::apigen_runtime::{Blob, DateTime};
    }
}
