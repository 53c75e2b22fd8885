$version: "2.0"

namespace example.weather

@documentation("Temperature in \u00BG Celsius")
integer Celsius
