// swift-tools-version: 6.1
// Benchmarks for ctlint: each executable prints speed or memory figures. A package of its own, so that
// the project's `swift test` never builds it. Run from the repository root:
//
//     swift run -c release --package-path Benchmarks <benchmark> [arguments]
import PackageDescription

let package = Package(
    name: "ctlint-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "ctlint", path: "..")
    ],
    targets: [
        // What the executables share: the default corpus, a file walk, the thread's CPU time.
        .target(name: "BenchSupport", path: "Sources/BenchSupport"),
        .executableTarget(
            name: "json-read-benchmark",
            dependencies: [
                "BenchSupport",
                .product(name: "RegistryFormats", package: "ctlint"),
                .product(name: "RegistryModel", package: "ctlint"),
            ],
            path: "Sources/JSONReadBenchmark"
        ),
        .executableTarget(
            name: "xml-read-benchmark",
            dependencies: ["BenchSupport", .product(name: "RegistryFormats", package: "ctlint")],
            path: "Sources/XMLReadBenchmark"
        ),
        .executableTarget(
            name: "upload-read-benchmark",
            dependencies: [
                "BenchSupport",
                .product(name: "RegistryFormats", package: "ctlint"),
                .product(name: "RegistryModel", package: "ctlint"),
            ],
            path: "Sources/UploadReadBenchmark"
        ),
        .executableTarget(
            name: "extract-bench",
            dependencies: [
                .product(name: "ScheduleExtraction", package: "ctlint"),
                .product(name: "RegistryFormats", package: "ctlint"),
                .product(name: "RegistryModel", package: "ctlint"),
            ],
            path: "Sources/ExtractBench"
        ),
        .executableTarget(
            name: "validate-bench",
            dependencies: [
                "BenchSupport",
                .product(name: "RegistryFormats", package: "ctlint"),
                .product(name: "RegistryModel", package: "ctlint"),
                .product(name: "ScheduleExtraction", package: "ctlint"),
                .product(name: "ScheduleModel", package: "ctlint"),
                .product(name: "Validation", package: "ctlint"),
            ],
            path: "Sources/ValidateBench"
        ),
        .executableTarget(
            name: "scan-stages",
            dependencies: [
                "BenchSupport",
                .product(name: "BulkScan", package: "ctlint"),
                .product(name: "RegistryFormats", package: "ctlint"),
                .product(name: "RegistryModel", package: "ctlint"),
                .product(name: "ScheduleExtraction", package: "ctlint"),
                .product(name: "Validation", package: "ctlint"),
            ],
            path: "Sources/ScanStages"
        ),
    ]
)
