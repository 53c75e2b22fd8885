$version: "2.0"

namespace example.weather

structure Timestamped {
    createdAt: Timestamp
}

structure Station with [Timestamped] {
    name: String
}
