$version: "2.0"

namespace example.weather

structure Reading {
    stationId: String
    station_id: String
}
