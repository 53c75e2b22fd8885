//! Wire protocols, one module each. A protocol builds the HTTP request of
//! an operation and reads an error response.

pub mod aws_json;
