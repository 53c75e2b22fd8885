//! A local Amazon ECR: the generated [`ecr::server::Ecr`] trait implemented
//! with ECR's semantics over durable storage (redb for metadata,
//! content-addressed files for layers), served by the generated router.
//!
//! The binary (`local-ecr`) parses flags and serves [`Frontend`]; tests bind
//! a client to [`LocalEcr`] in process.

mod http;
mod service;
mod store;
mod util;

pub use http::Frontend;
pub use service::{LocalEcr, Settings, DOWNLOAD_URL_TTL_SECS, PART_SIZE, TOKEN_TTL_SECS};
pub use store::StoreError;
