$version: "2.0"

namespace example.weather

structure Query {
    @pattern("^[A-Z]{2}(-[0-9]+$")
    postcode: String
}
