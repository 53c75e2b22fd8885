$version: "2.0"

structure Reading {
    value: Double
}
