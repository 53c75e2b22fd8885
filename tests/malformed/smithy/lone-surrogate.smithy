$version: "2.0"

namespace example.weather

@documentation("Snow \uD83C; see the forecast")
structure Snow {}
