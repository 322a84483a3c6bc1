// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "InvestigateWithDetective",
    products: [
        .executable(name: "bootstrap", targets: ["bootstrap"]),
        .executable(name: "aws-sandbox", targets: ["aws-sandbox"]),
        // Libraries for the benchmark and fuzzing packages beside this one.
        .library(name: "AWSSigning", targets: ["AWSSigning"]),
        .library(name: "AWSClient", targets: ["AWSClient"]),
        .library(name: "Enrichment", targets: ["Enrichment"]),
        .library(name: "LambdaRuntime", targets: ["LambdaRuntime"]),
        .library(name: "Sandbox", targets: ["Sandbox"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "CGlibcCompat"),
        .target(name: "Logging"),
        .target(name: "DetachedThread"),
        .target(name: "JSON"),
        .target(name: "AWSSigning", dependencies: ["CCrypto"]),
        .target(name: "HTTP", dependencies: ["CCurl", "DetachedThread", "Logging"]),
        .target(name: "AWSClient", dependencies: ["AWSSigning", "HTTP", "JSON", "Logging"]),
        .target(name: "LambdaRuntime", dependencies: ["HTTP", "JSON", "Logging"]),
        .target(name: "Enrichment", dependencies: ["AWSClient", "JSON", "Logging"]),
        .target(
            name: "Sandbox", dependencies: ["AWSSigning", "DetachedThread", "JSON", "Logging"]),
        .executableTarget(
            name: "bootstrap",
            dependencies: [
                "LambdaRuntime", "Enrichment", "AWSClient", "HTTP", "Logging", "CGlibcCompat",
            ]
        ),
        .executableTarget(name: "aws-sandbox", dependencies: ["Sandbox"]),
        .testTarget(name: "LoggingTests", dependencies: ["Logging"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(
            name: "AWSSigningTests",
            dependencies: ["AWSSigning"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "Sandbox"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "Sandbox"]),
        .testTarget(
            name: "LambdaRuntimeTests", dependencies: ["LambdaRuntime", "Sandbox"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EnrichmentTests",
            dependencies: ["Enrichment"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "AWSSigning"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["Sandbox", "JSON"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
