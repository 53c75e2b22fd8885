// apigen's own traits (namespace `apigen.api`).
$version: "2.0"

namespace apigen.api

/// The one-line summary an OpenAPI document gave the operation.
@trait(selector: "operation")
string summary
