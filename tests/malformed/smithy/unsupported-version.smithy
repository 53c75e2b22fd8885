$version: "3.0"

namespace example.weather

structure Reading {
    value: Double
}
