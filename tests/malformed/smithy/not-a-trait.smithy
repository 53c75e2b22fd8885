$version: "2.0"

namespace example.weather

string TemperatureUnit

structure Reading {
    @TemperatureUnit
    value: Double
}
