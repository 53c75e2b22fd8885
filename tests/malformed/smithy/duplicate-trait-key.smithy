$version: "2.0"

namespace example.weather

structure Query {
    @length(min: 1, min: 2)
    city: String
}
