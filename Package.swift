// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Shuangyong",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shuangyong", targets: ["shuangyong"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Domain: Foundation only. Plan model, calendar rules, queries, JSON store.
        .target(name: "ShuangyongKit"),
        // Pure-Swift terminal UI core: cells, grids, display width, widgets, keys, themes. No curses.
        .target(name: "TerminalUI"),
        // The dashboard: app state, key handling and the views, rendered into a TerminalUI grid.
        .target(name: "Dashboard", dependencies: ["ShuangyongKit", "TerminalUI"]),
        // The only code that touches ncurses.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
        .executableTarget(
            name: "shuangyong",
            dependencies: [
                "ShuangyongKit", "TerminalUI", "Dashboard", "NcursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release shuangyong-bench` (see README).
        .executableTarget(name: "shuangyong-bench", dependencies: ["ShuangyongKit", "Dashboard", "TerminalUI"]),
        .testTarget(name: "ShuangyongKitTests", dependencies: ["ShuangyongKit"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "ShuangyongKit", "TerminalUI"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ShuangyongKit", "TerminalUI"]),
    ],
    swiftLanguageModes: [.v6]
)
