// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for the parsers that read untrusted bytes. Build and run them with
// `scripts/fuzz.sh TARGET SECONDS`: it passes `-sanitize=fuzzer,address`, which instruments
// every module for coverage and links libFuzzer. SwiftPM renames an executable's entry point,
// so each target's `main.swift` starts libFuzzer through `LLVMFuzzerRunDriver`.
let package = Package(
    name: "InvestigateWithDetectiveFuzz",
    dependencies: [
        .package(name: "InvestigateWithDetective", path: "..")
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        // Depends on AWSClient for the modules it brings along: JSON and Logging.
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CFuzzerDriver", .product(name: "AWSClient", package: "InvestigateWithDetective"),
            ]
        ),
        .executableTarget(
            name: "events",
            dependencies: [
                "FuzzSupport", .product(name: "Enrichment", package: "InvestigateWithDetective"),
            ]
        ),
        .executableTarget(
            name: "aws-errors",
            dependencies: [
                "FuzzSupport", .product(name: "AWSClient", package: "InvestigateWithDetective"),
            ]
        ),
        .executableTarget(
            name: "runtime-headers",
            dependencies: [
                "FuzzSupport", .product(name: "LambdaRuntime", package: "InvestigateWithDetective"),
            ]
        ),
    ]
)
