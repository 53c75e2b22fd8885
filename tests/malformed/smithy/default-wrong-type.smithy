$version: "2.0"

namespace example.weather

structure Query {
    city: String
    days: Integer = "seven"
}
