$version: "2.0"

namespace example.weather

structure City {
    @required(true)
    name: String
}
