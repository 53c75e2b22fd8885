$version: "2.0"

namespace example.weather

operation GetForecast {
    input := {
        city: String
    }
    errors: [CityNotFound]
}

@error("client")
structure NoSuchCity {
    message: String
}
