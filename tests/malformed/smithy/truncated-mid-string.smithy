$version: "2.0"

namespace example.weather

@documentation("Returns the forecast for a city
operation GetForecast {
    input := {
        city: String
    }
}
