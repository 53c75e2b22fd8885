$version: "2.0"

namespace example.weather

structure Station {
    name: String
}

string City

structure Station {
    id: String
}
