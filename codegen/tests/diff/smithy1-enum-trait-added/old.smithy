$version: "1.0"

namespace example.colors

use aws.protocols#awsJson1_1

@awsJson1_1
service Colors {
    version: "2024-01-01",
    operations: [GetColor]
}

@readonly
operation GetColor {
    input: GetColorInput,
    output: GetColorOutput
}

structure GetColorInput {
    @required
    name: String
}

structure GetColorOutput {
    color: Color
}

@enum([
    {value: "red", name: "RED"},
    {value: "green", name: "GREEN"}
])
string Color
