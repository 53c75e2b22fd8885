$version: "2.0"

namespace example.weather

structure Forecast {
    city: String

    high: Integer
