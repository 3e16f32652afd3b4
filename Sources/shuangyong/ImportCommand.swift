import ArgumentParser
import Foundation
import PlanFile
import PlanImport
import ShuangyongKit

/// `shuangyong import FILE`: turns the office's own plan document into a plan file and prints what it
/// found, guessed and dropped.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", _superCommandName: "shuangyong",
        abstract: "Make a plan from the office's plan document (.docx, .doc, .wps, .xlsx, .xls, .csv or text).",
        discussion: """
        Reads a Word document, a 任务分解表 spreadsheet or text copied from a web page (UTF-8, GB18030/GBK), \
        recognises sections, tasks, 牵头/责任单位, phases, recurring activities and targets, drops web noise, and \
        writes the plan (default: your plan in the data directory; an existing plan is replaced only with \
        --force). A report of every guess and every line ignored follows. Exit status 0, also with warnings; \
        1 when nothing was written: nothing usable found, a year given only as a placeholder (201x: add \
        --year), or a plan already at the output path (add --force or --out).
        """)

    @Argument(help: "The plan document.")
    var file: String

    @Option(help: "The plan year (replaces 201x/20XX placeholders; overrides the document's year).")
    var year: Int?

    @Option(help: "Where to write the plan. Default: the plan in your data directory.")
    var out: String?

    @Flag(help: "Replace the plan at the output path if it exists (the old file is kept as .bak).")
    var force = false

    @Option(help: "Also write the import report as JSON to this file.")
    var report: String?

    @Option(help: PlanOptions.langHelp) var lang: String?

    func validate() throws {
        try langArgument(lang)
        if let year, !(1900...9998).contains(year) { throw ValidationError("--year must be 1900…9998") }
    }

    func run() throws {
        let result: ImportResult
        do {
            result = try PlanImporter.importFile(file, year: year)
        } catch {
            throw fail(error.description)
        }
        let problems = PlanValidation.problems(in: result.plan)
        guard problems.isEmpty else {
            throw fail("the imported plan is not valid (please report this):\n" + problems.map(\.description).joined(separator: "\n"))
        }
        let target = out ?? PlanLocation.defaultPath(environment: ProcessInfo.processInfo.environment)
        // What the import found, then whatever stops it being written: a message (stderr, written after
        // stdout is flushed) comes below the report rather than above a hundred lines of it.
        print(result.report.text(), terminator: "")
        try refuseToReplace(target, unless: force, orOut: true)
        let dir = (target as NSString).deletingLastPathComponent
        if !dir.isEmpty { try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        do {
            try PlanStore.save(result.plan, to: target)
        } catch {
            throw fail(error.description)
        }
        if let report {
            guard FileManager.default.createFile(atPath: report, contents: result.report.json()) else {
                throw fail("cannot write the report to \(report)")
            }
        }
        print("已写入计划 (wrote the plan): \(target)")
        print("打开 (open it): shuangyong \(target)")
    }
}
