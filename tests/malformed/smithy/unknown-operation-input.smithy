$version: "2.0"

namespace example.weather

operation GetForecast {
    input: GetForecastRequest
    output: GetForecastResponse
}

@output
structure GetForecastResponse {
    high: Integer
}
