$version: "2.0"

namespace example.weather

structure Forecast {
    city: CityName
    high: Integer
}

string City
