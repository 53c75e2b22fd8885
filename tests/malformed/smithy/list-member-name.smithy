$version: "2.0"

namespace example.weather

list Cities {
    item: String
}
