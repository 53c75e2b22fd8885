//! One module per wire protocol. A protocol decides member wire names,
//! timestamp formats, and how an operation call becomes an HTTP exchange.

pub mod aws_json;

use super::plan::{CratePlan, OperationPlan};
use crate::model::{Member, Protocol, ServiceInfo, Shape};
use proc_macro2::TokenStream;

/// How timestamps travel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

pub trait ProtocolEmitter: Send + Sync {
    /// The protocol's trait name, e.g. `awsJson1_1`.
    fn name(&self) -> &'static str;

    /// The JSON key of a member.
    fn wire_name(&self, member: &Member) -> String;

    /// The timestamp format of a member targeting `target`.
    fn timestamp_format(&self, member: &Member, target: &Shape) -> TimestampFormat;

    /// Items the operation module needs to send a request and decode the
    /// response: a `pub(crate) async fn invoke(handle, input)`.
    fn operation_invoke(&self, plan: &CratePlan, op: &OperationPlan) -> TokenStream;

    /// The static service description handed to the runtime.
    fn service_metadata(&self, plan: &CratePlan) -> TokenStream;
}

/// The emitter for the service's protocol, if apigen supports it.
pub fn for_service(info: &ServiceInfo) -> Option<Box<dyn ProtocolEmitter>> {
    for p in &info.protocols {
        match p {
            Protocol::AwsJson1_0 => return Some(Box::new(aws_json::AwsJson { version: "1.0" })),
            Protocol::AwsJson1_1 => return Some(Box::new(aws_json::AwsJson { version: "1.1" })),
            _ => {}
        }
    }
    None
}

/// Reads `@timestampFormat` from a member, then from its target.
pub fn explicit_timestamp_format(member: &Member, target: &Shape) -> Option<TimestampFormat> {
    let node = member
        .traits
        .get(&crate::model::traits::timestamp_format())
        .or_else(|| target.traits.get(&crate::model::traits::timestamp_format()))?;
    match node.as_str()? {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}
