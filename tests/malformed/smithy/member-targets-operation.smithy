$version: "2.0"

namespace example.weather

structure Station {
    forecast: GetForecast
}

operation GetForecast {}
