$version: "2.0"

namespace example.weather

@http(method: "GET")
operation GetForecast {
    input := {}
    output := {}
}
