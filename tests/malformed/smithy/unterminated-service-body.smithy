$version: "2.0"

namespace example.weather

service Weather {
    version: "2024-01-01"
    operations: [GetForecast
