$version: "2.0"

namespace example.weather

use example.geo#Coordinates

structure Station {
    name: String
}
