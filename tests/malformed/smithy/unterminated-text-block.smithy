$version: "2.0"

namespace example.weather

@documentation("""
    The current conditions for a city.

    Temperatures are in degrees Celsius.
structure Conditions {
    city: String
}
