$version: "2.0"

namespace example.weather

structure Query {
    @pattern("^[a-z]+\q$")
    city: String
}
