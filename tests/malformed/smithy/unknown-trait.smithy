$version: "2.0"

namespace example.weather

structure Credentials {
    @sensitiv
    apiKey: String
}
