$version: "2.0"

namespace example.weather

map ReadingsByHour {
    key: Integer
    value: Double
}
