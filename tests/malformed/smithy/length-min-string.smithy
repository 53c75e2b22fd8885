$version: "2.0"

namespace example.weather

structure City {
    @length(min: "1", max: 64)
    name: String
}
