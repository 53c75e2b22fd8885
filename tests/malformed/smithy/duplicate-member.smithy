$version: "2.0"

namespace example.weather

structure Station {
    id: String
    name: String
    elevation: Integer
    name: String
}
