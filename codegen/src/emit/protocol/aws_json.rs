//! AWS JSON 1.0 / 1.1: `POST /`, `X-Amz-Target: <Service>.<Operation>`,
//! members by name, timestamps as epoch seconds, blobs as base64.

use super::{explicit_timestamp_format, ProtocolEmitter, TimestampFormat};
use crate::emit::plan::{CratePlan, OperationPlan};
use crate::model::{Member, Shape};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub struct AwsJson {
    /// `1.0` or `1.1`.
    pub version: &'static str,
}

impl ProtocolEmitter for AwsJson {
    fn name(&self) -> &'static str {
        if self.version == "1.0" {
            "awsJson1_0"
        } else {
            "awsJson1_1"
        }
    }

    /// AWS JSON ignores `@jsonName`: the key is the member name.
    fn wire_name(&self, member: &Member) -> String {
        member.name.clone()
    }

    fn timestamp_format(&self, member: &Member, target: &Shape) -> TimestampFormat {
        explicit_timestamp_format(member, target).unwrap_or(TimestampFormat::EpochSeconds)
    }

    fn operation_invoke(&self, plan: &CratePlan, op: &OperationPlan) -> TokenStream {
        let input = format_ident!("{}Input", op.rust_name);
        let output = format_ident!("{}Output", op.rust_name);
        let error = format_ident!("{}Error", op.rust_name);
        let wire = op.wire_name().to_string();
        let tokens = super::idempotency_tokens(plan, op);
        let settings = super::call_settings(plan, op);
        let request = settings.request_binding();
        let super::CallSettings {
            params,
            request_settings: auth,
        } = settings;
        quote! {
            /// Serializes the input, sends it, and decodes the response.
            pub(crate) async fn invoke(
                handle: &::apigen_runtime::Handle,
                input: #input,
            ) -> ::std::result::Result<#output, ::apigen_runtime::SdkError<#error>> {
                #tokens
                if handle.config().validates_requests() {
                    input.validate().map_err(::apigen_runtime::SdkError::construction)?;
                }
                let body = ::apigen_runtime::wire::to_json_body(&input).map_err(::apigen_runtime::SdkError::construction)?;
                #request = ::apigen_runtime::protocol::aws_json::request(&handle.service().protocol, #wire, body);
                #auth
                let response = handle
                    .send(#wire, request, #params)
                    .await
                    .map_err(|e| e.map_service_error(#error::from_raw))?;
                response.decode_json::<#output>().map_err(::apigen_runtime::SdkError::decode)
            }
        }
    }

    fn service_metadata(&self, plan: &CratePlan) -> TokenStream {
        let version = self.version;
        let target_prefix = plan.info.id.name.clone();
        super::service_metadata(
            plan,
            quote!(::apigen_runtime::Protocol::AwsJson { version: #version, target_prefix: #target_prefix }),
        )
    }
}
