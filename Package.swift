// swift-tools-version:6.0
// TransferSim — Monte Carlo simulation of technology-transfer policy.
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "TransferSim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "transfersim", targets: ["transfersim"]),
        .library(name: "TransferSimCore", targets: ["TransferSimCore"]),
        .library(name: "TransferSimIO", targets: ["TransferSimIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // GNU GSL, bound through a small C shim (see Sources/CGSL/shim.h).
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // libxlsxwriter, for the Excel workbook of a results folder (Sources/TransferSimIO/Workbook/).
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Model, engine, randomness and statistics. No file I/O.
        .target(
            name: "TransferSimCore",
            dependencies: [
                "CGSL",
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            // The trial simulator is a class whose arrays are touched on every event; dynamic
            // exclusivity checks cost ~10 % of run time there. Static checks stay on.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Scenario YAML, CSV, JSON, Excel workbooks and output folders.
        .target(
            name: "TransferSimIO",
            dependencies: [
                "TransferSimCore",
                "CXlsxWriter",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The thin command-line front end.
        .executableTarget(
            name: "transfersim",
            dependencies: [
                "TransferSimCore", "TransferSimIO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: cost per result history, events per second, thread speed-up, peak memory.
        .executableTarget(
            name: "transfersim-bench",
            dependencies: ["TransferSimCore", "TransferSimIO"]
        ),
        // Fixtures are read through #filePath, not bundled as resources.
        .testTarget(name: "TransferSimCoreTests", dependencies: ["TransferSimCore", "CGSL"], exclude: ["Fixtures"]),
        .testTarget(name: "TransferSimIOTests", dependencies: ["TransferSimIO", "TransferSimCore"], exclude: ["Fixtures"]),
        .testTarget(name: "TransferSimCLITests", dependencies: ["TransferSimIO", "TransferSimCore"]),
    ]
)
