$version: "2.0"

namespace example.weather

operation GetForecast {
    input := {
        city: String
    }

    output := {
        high: Integer
    }
