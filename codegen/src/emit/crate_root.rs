//! The crate root: module tree, re-exports, the service description.

use super::docs::inner_doc_attrs;
use super::plan::CratePlan;
use proc_macro2::TokenStream;
use quote::quote;

/// The generated files are formatted by prettyplease; `rustfmt::skip` keeps
/// `cargo fmt` from reformatting them, which would make every regenerated
/// file look edited by hand.
pub fn emit(plan: &CratePlan) -> TokenStream {
    // Built from text: rustfmt would act on a literal skip attribute inside `quote!`.
    let skip: TokenStream = "#[rustfmt::skip]".parse().unwrap_or_default();
    let docs = inner_doc_attrs(plan.info.docs.as_deref());
    let client_items = plan.features.client.then(|| {
        let metadata = plan
            .protocol
            .as_deref()
            .map(|p| p.service_metadata(plan))
            .unwrap_or_default();
        quote! {
            #skip
            mod client;
            #skip
            pub mod error;
            #skip
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
            #skip
            pub mod types;
        )
    });
    quote! {
        #docs
        #![warn(missing_docs)]
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #types
        #client_items

        pub use ::apigen_runtime::{Blob, DateTime};
    }
}
