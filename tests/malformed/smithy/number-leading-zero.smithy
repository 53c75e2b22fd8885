$version: "2.0"

namespace example.weather

structure Reading {
    @range(min: 01)
    value: Integer
}
