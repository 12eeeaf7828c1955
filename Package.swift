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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "RegistryModel"),
        .target(name: "RegistryFormats", dependencies: ["RegistryModel", "CLibXML2"]),
        .target(name: "ScheduleModel", dependencies: ["RegistryModel"]),
        .executableTarget(
            name: "ctlint",
            dependencies: [
                "RegistryModel", "RegistryFormats", "ScheduleModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RegistryModelTests", dependencies: ["RegistryModel"]),
    ]
)
