$version: "2.0"

namespace example.weather

@mixin
structure Audited with [Timestamped] {
    createdBy: String
}

@mixin
structure Timestamped with [Audited] {
    createdAt: Timestamp
}
