$version: "2.0"

namespace example.weather

structure Forecast with [Timestamped] {
    city: String
}
