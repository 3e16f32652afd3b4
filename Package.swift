// swift-tools-version: 6.1
import PackageDescription

/// The libraries the static Foundation needs besides those the targets, compiled against the shared Swift
/// libraries, name themselves (the static modules' own link entries; Swift 6.3 on Linux). Not FoundationXML's
/// `_CFXMLInterface` and `xml2`: nothing imports FoundationXML, and libxml2 is loaded when an import parses
/// XML (`CLibxml2`).
let foundationStaticLibraries = ["CoreFoundation", "_FoundationCShims", "_FoundationCollections",
                                 "_FoundationICU", "swiftSynchronization"].map { "-l" + $0 }

/// Where Debian's libxml2-dev puts the headers `CLibxml2` includes (`<libxml/xmlreader.h>`), for the C
/// target and for the Swift targets that import it (their Clang importer reads the same headers).
let libxml2Headers = "/usr/include/libxml2"

/// Release builds on Linux lay out the functions the everyday commands run first and together (lld's symbol
/// ordering; the list and how it is made: Sources/shuangyong/HotCode/make_hot_functions.py), so a command
/// touches a few MB of code pages instead of most of the program's 18 MB. Each function of our own modules
/// is compiled into its own section so the linker can move it alone (DECISIONS.md, "Hot code first").
let hotCodeFirst = ["-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/shuangyong/HotCode/hot-functions.txt",
                    "-Xlinker", "--no-warn-symbol-ordering"]
let ownFunctionSections = SwiftSetting.unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release))

let package = Package(
    name: "Shuangyong",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shuangyong", targets: ["shuangyong"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Domain: Foundation only, no I/O, no clock. Plan model, days, lunar calendar, recurrence,
        // status and overdue rules, queries, edits as data.
        .target(name: "ShuangyongKit"),
        // The plan file: codec, atomic write, lock, merge with other desks, recovery, the open document.
        .target(name: "PlanFile", dependencies: ["ShuangyongKit"]),
        // Importing an office's plan document (text in any Chinese encoding, .docx, .xlsx, .csv, and
        // .doc/.wps/.xls through antiword or LibreOffice) into a plan, with a report of every guess.
        .target(name: "PlanImport", dependencies: [
            "ShuangyongKit", "CLibxml2", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: [.unsafeFlags(["-Xcc", "-I" + libxml2Headers])]),
        // libxml2's pull-parser header (Debian: libxml2-dev), for PlanImport's XML parts alone, and the loader
        // that opens the library when the first part is parsed (not linked: with the system ICU and liblzma
        // it pulls in, it cost every command about 1 MB of memory).
        .target(name: "CLibxml2", publicHeadersPath: ".",
                cSettings: [.unsafeFlags(["-I" + libxml2Headers])],
                linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // Pure-Swift terminal UI core: cells, grids, display width, widgets, keys, themes. No curses.
        .target(name: "TerminalUI"),
        // The dashboard: app state, key handling and the views, rendered into a TerminalUI grid.
        // PinyinReadings/polyphones.txt: every reading of polyphonic characters, generated from Unihan by
        // the script beside it (its README says how to regenerate).
        .target(name: "Dashboard", dependencies: ["ShuangyongKit", "PlanFile", "TerminalUI", "XlsxExport"],
                exclude: ["PinyinReadings/make_polyphones.py", "PinyinReadings/README.md"],
                resources: [.copy("PinyinReadings/polyphones.txt")]),
        // The only code that touches ncurses: the wide-character curses header (shim.h) and, in C, the
        // signal handling that must exist once per process (signals.c). Needs libncursesw5-dev.
        .target(
            name: "CNcursesw",
            publicHeadersPath: ".",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
        // libxlsxwriter's C header (Debian: libxlsxwriter-dev), for XlsxExport alone, and the loader that
        // opens the library when the first workbook is written (not linked: it slowed every start-up).
        .target(name: "CXlsxwriter", publicHeadersPath: ".",
                linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // The only code that touches libxlsxwriter: a workbook as plain values, written as an Excel .xlsx.
        .target(name: "XlsxExport", dependencies: ["CXlsxwriter"]),
        .executableTarget(
            name: "shuangyong",
            dependencies: [
                "ShuangyongKit", "PlanFile", "TerminalUI", "Dashboard", "NcursesBackend", "PlanImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation linked in (Linux): binding a dozen shared libraries was a third
            // of every command's start-up (DECISIONS.md, start-up). Linked by lld with packed relative
            // relocations (DT_RELR): the loader reads 16 kB of them instead of gold's 1.9 MB on every run.
            // Our modules' 5,000 public symbols are not exported (nothing loads this executable as a
            // library): their dynamic symbol table was 0.3 MB of every command's memory. libstdc++ is linked
            // in too, through the linker script in StaticCxx/ (its comment says why).
            exclude: ["HotCode", "StaticCxx"],
            linkerSettings: [.unsafeFlags(["-L\(Context.packageDirectory)/Sources/shuangyong/StaticCxx",
                                           "-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                                           "-Xlinker", "--no-export-dynamic"] + foundationStaticLibraries, .when(platforms: [.linux])),
                             .unsafeFlags(hotCodeFirst, .when(platforms: [.linux], configuration: .release))]
        ),
        // Benchmarks: `swift run -c release shuangyong-bench` (see README).
        .executableTarget(name: "shuangyong-bench", dependencies: ["ShuangyongKit", "PlanFile", "Dashboard", "TerminalUI"]),
        // Fixtures the test targets share (a plan built in code, a fixed clock, temporary folders).
        .target(name: "TestFixtures", dependencies: ["ShuangyongKit"], path: "Tests/TestFixtures"),
        // The seed document the sample plan is transcribed from travels with the tests (Resources/), so a
        // clone of this repository tests on its own.
        .testTarget(name: "ShuangyongKitTests", dependencies: ["ShuangyongKit", "TestFixtures"],
                    resources: [.copy("Resources")]),
        .testTarget(name: "PlanFileTests", dependencies: ["PlanFile", "ShuangyongKit", "TestFixtures"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestFixtures"]),
        .testTarget(name: "NcursesBackendTests", dependencies: ["NcursesBackend", "TerminalUI"]),
        // Screens/ holds the recorded text screens, read beside the sources (see ScreenLiteralTests).
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "PlanFile", "ShuangyongKit", "TerminalUI", "TestFixtures", "XlsxExport"],
                    exclude: ["Screens"]),
        // Resources/ holds the seed, the example documents with their answer keys and the .docx/.xlsx/.doc
        // fixtures made from the seed by make_fixtures.py (kept beside them).
        .testTarget(name: "PlanImportTests", dependencies: ["PlanImport", "PlanFile", "ShuangyongKit", "TestFixtures"],
                    exclude: ["make_fixtures.py"], resources: [.copy("Resources")]),
        .testTarget(name: "EndToEndTests", dependencies: ["ShuangyongKit", "PlanFile", "TerminalUI", "TestFixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type == .regular || target.type == .executable {
    target.swiftSettings = (target.swiftSettings ?? []) + [ownFunctionSections]
}
