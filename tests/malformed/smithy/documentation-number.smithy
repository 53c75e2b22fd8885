$version: "2.0"

namespace example.weather

@documentation(12)
structure City {
    name: String
}
