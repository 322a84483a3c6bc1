// swift-tools-version: 6.0
import PackageDescription

// Benchmarks of the function, beside the root package so its products stay free of them.
let package = Package(
    name: "InvestigateWithDetectiveBenchmarks",
    dependencies: [
        .package(name: "InvestigateWithDetective", path: "..")
    ],
    targets: [
        .target(name: "BenchSupport"),
        .executableTarget(
            name: "bench-function",
            dependencies: [
                "BenchSupport",
                .product(name: "Sandbox", package: "InvestigateWithDetective"),
            ]
        ),
        .executableTarget(
            name: "bench-signing",
            dependencies: [
                "BenchSupport",
                .product(name: "AWSSigning", package: "InvestigateWithDetective"),
            ]
        ),
    ]
)
