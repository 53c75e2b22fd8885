$version: "2.0"

namespace example.weather

structure Reading {
    @range(minimum: -90, max: 60)
    celsius: Integer
}
