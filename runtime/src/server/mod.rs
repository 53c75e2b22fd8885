//! The server side of the runtime: what a service implementation needs to
//! accept AWS clients' requests.

pub mod auth;
pub mod credential_store;
