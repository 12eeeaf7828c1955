// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "ctlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ctlint", targets: ["ctlint"]),
        .library(name: "RegistryModel", targets: ["RegistryModel"]),
        .library(name: "RegistryFormats", targets: ["RegistryFormats"]),
        .library(name: "ScheduleModel", targets: ["ScheduleModel"]),
        .library(name: "ScheduleExtraction", targets: ["ScheduleExtraction"]),
        .library(name: "Diagnostics", targets: ["Diagnostics"]),
        .library(name: "Validation", targets: ["Validation"]),
        .library(name: "BulkScan", targets: ["BulkScan"]),
        .library(name: "ScheduleChart", targets: ["ScheduleChart"]),
        .library(name: "ScanReport", targets: ["ScanReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CLibDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
        ),
        .target(name: "RegistryModel"),
        .target(name: "RegistryFormats", dependencies: ["RegistryModel", "CLibXML2"]),
        .target(name: "ScheduleModel", dependencies: ["RegistryModel"]),
        .target(name: "ScheduleExtraction", dependencies: ["ScheduleModel", "RegistryModel"]),
        .target(name: "Diagnostics", dependencies: ["RegistryModel"]),
        .target(
            name: "Validation",
            dependencies: [
                "Diagnostics", "ScheduleExtraction", "ScheduleModel", "RegistryModel", "RegistryFormats",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "BulkScan",
            dependencies: [
                "Validation", "Diagnostics", "ScheduleExtraction", "ScheduleModel", "RegistryFormats", "RegistryModel",
                "CLibDeflate",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "ScheduleChart", dependencies: ["ScheduleModel"]),
        .target(
            name: "ScanReport",
            dependencies: ["ScheduleChart", "ScheduleModel", "BulkScan", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "ctlint",
            dependencies: [
                "RegistryModel", "RegistryFormats", "ScheduleModel", "ScheduleExtraction", "Diagnostics",
                "Validation", "BulkScan", "ScheduleChart", "ScanReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RegistryModelTests", dependencies: ["RegistryModel"]),
        .testTarget(name: "RegistryFormatsTests", dependencies: ["RegistryFormats", "TestSupport"]),
        .testTarget(name: "ScheduleModelTests", dependencies: ["ScheduleModel"]),
        .testTarget(name: "ScheduleExtractionTests", dependencies: ["ScheduleExtraction", "RegistryFormats", "TestSupport"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "TestSupport"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "TestSupport"]),
        .testTarget(
            name: "BulkScanTests",
            dependencies: [
                "BulkScan", "RegistryFormats", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "ScheduleChartTests",
            dependencies: ["ScheduleChart", "ScheduleModel", "ScheduleExtraction", "RegistryFormats", "RegistryModel", "Validation", "TestSupport"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["ctlint", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
