$version: "2.0"

namespace example.weather

enum Unit {
    CELSIUS = "C"
    FAHRENHEIT = "F"
}

structure Reading {
    unit: Unit = "K"
}
