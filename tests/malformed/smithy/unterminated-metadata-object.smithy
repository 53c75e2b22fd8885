$version: "2.0"

metadata suppressions = [{id: "UnreferencedShape", namespace: "example.weather"
