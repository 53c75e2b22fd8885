//! OpenAPI and Swagger loaders (in progress).
