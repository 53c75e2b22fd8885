$version: "2.0"

namespace example.weather

structure Station {
    name: String
}

apply Station$id @required
