$version: "2.0"

namespace example.weather

strucutre Reading {
    value: Double
}
