import Foundation

/// Why a file could not be read as a plan document.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(file: String, reason: String)
    /// A legacy Office format (.doc, .wps, .xls) and no converter on this machine; says what to install.
    case needsConverter(file: String, format: String, install: String)
    /// A converter ran and failed.
    case conversionFailed(file: String, tool: String, reason: String)
    /// A .docx/.xlsx file and the library that reads its XML (libxml2) cannot be loaded: why (the loader's
    /// message) and the Debian package that has it.
    case needsLibrary(file: String, library: String, reason: String, package: String)
    /// The document gives its year only as a placeholder (201x, 20XX) and no `--year` was given.
    case needsYear(placeholder: String)
    /// Nothing usable (no task) was found.
    case nothingFound(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): "\(file): cannot read the file: \(reason)"
        case let .needsConverter(file, format, install):
            "\(file): a \(format) file needs a converter, and none is installed. \(install) — or open it in WPS/Word/Excel and save it as .docx/.xlsx, then import that file. (\(format) 文件需要转换工具：请安装 LibreOffice，或另存为 .docx/.xlsx 后再导入。)"
        case let .conversionFailed(file, tool, reason): "\(file): \(tool) could not convert it: \(reason)"
        case let .needsLibrary(file, library, reason, package):
            "\(file): a .docx/.xlsx file is read with \(library), which cannot be loaded (\(reason)). Install it (apt-get install \(package)) — or save the document as text (.txt or .csv) and import that. (读取 .docx/.xlsx 文件需要 \(library) 库，但无法加载：请安装 \(package)（apt-get install \(package)），或另存为 .txt/.csv 后再导入。)"
        case let .needsYear(p):
            "the document gives its year only as a placeholder (\(p)); say which year the plan is for with --year, e.g. --year 2026 (文档年份为占位符，请用 --year 指定年份)"
        case let .nothingFound(file, reason): "\(file): no plan found: \(reason) (未识别到任何任务)"
        }
    }
}

/// Reads a file into a `SourceDocument`, choosing the reader by the content (zip with word/ or xl/ parts,
/// an OLE2 compound file, or text), not only by the extension.
public enum DocumentLoader {
    /// External programs used for legacy formats, and the library that reads .docx/.xlsx; injectable so
    /// tests can pretend one is missing.
    public struct Tools: Sendable {
        /// Finds an executable by name; nil when it is not installed.
        public var which: @Sendable (String) -> String?
        /// Why .docx/.xlsx parts cannot be parsed (libxml2 cannot be loaded), nil when they can.
        var xmlParserProblem: @Sendable () -> String? = { XMLNode.parserProblem }

        public init(which: @escaping @Sendable (String) -> String?) { self.which = which }

        /// Searches `$PATH`.
        public static let system = Tools { name in
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            for dir in path.split(separator: ":") {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
            return nil
        }
    }

    /// Reads `path`.
    public static func load(_ path: String, tools: Tools = .system) throws(ImportError) -> SourceDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")
        }
        return try load(data: data, path: path, tools: tools)
    }

    static func load(data: Data, path: String, tools: Tools) throws(ImportError) -> SourceDocument {
        let bytes = [UInt8](data.prefix(8))
        let ext = (path as NSString).pathExtension.lowercased()
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard let parts = ZipParts(data: data) else { throw .unreadable(file: path, reason: "a damaged zip (Office) file") }
            let names = Set(parts.names)
            if names.contains("word/document.xml") || names.contains("xl/workbook.xml"), let reason = tools.xmlParserProblem() {
                throw .needsLibrary(file: path, library: "libxml2", reason: reason, package: "libxml2")
            }
            if names.contains("word/document.xml"), let d = DocxReader.read(parts) { return d }
            if names.contains("xl/workbook.xml"), let d = XlsxReader.read(parts) { return d }
            throw .unreadable(file: path, reason: "a zip file that is neither a Word (.docx) nor an Excel (.xlsx) document")
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return try legacy(data: data, path: path, ext: ext, tools: tools)
        }
        if bytes.starts(with: Array("%PDF".utf8)) {
            throw .unreadable(file: path, reason: "a PDF: copy its text into a .txt file, or open it in WPS/Word and save as .docx")
        }
        guard let (text, encoding) = TextDecoding.decode([UInt8](data)) else {
            throw .unreadable(file: path, reason: "not text in UTF-8, UTF-16 or GB18030, nor a .docx/.xlsx/.doc/.xls file")
        }
        if ext == "csv" || ext == "tsv" {
            return SourceDocument(blocks: [.table(CSVReader.rows(text))], format: "csv (\(encoding.rawValue))")
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return SourceDocument(blocks: lines.map { .paragraph($0) }, format: "text (\(encoding.rawValue))")
    }

    /// .doc through antiword, else LibreOffice; .wps and .xls through LibreOffice.
    static func legacy(data: Data, path: String, ext: String, tools: Tools) throws(ImportError) -> SourceDocument {
        let isSheet = ext == "xls" || ext == "et" || containsUTF16(data, "Workbook")
        let format = isSheet ? ".xls" : (ext == "wps" ? ".wps" : ".doc")
        if format == ".doc", let antiword = tools.which("antiword") {
            let out = try run(antiword, ["-w", "0", "-m", "UTF-8.txt", path], file: path, tool: "antiword")
            if let text = String(data: out, encoding: .utf8), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return antiwordDocument(text)
            }
        }
        guard let soffice = tools.which("soffice") ?? tools.which("libreoffice") else {
            let install = format == ".doc"
                ? "Install antiword or LibreOffice (apt-get install antiword, or libreoffice-writer-nogui)"
                : "Install LibreOffice (apt-get install \(isSheet ? "libreoffice-calc-nogui" : "libreoffice-writer-nogui"))"
            throw .needsConverter(file: path, format: format, install: install)
        }
        let dir = NSTemporaryDirectory() + "shuangyong-import-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw .conversionFailed(file: path, tool: "soffice", reason: "cannot make a working folder")
        }
        let target = isSheet ? "xlsx" : "docx"
        _ = try run(soffice, ["-env:UserInstallation=file://\(dir)/profile", "--headless", "--convert-to", target,
                              "--outdir", dir, path], file: path, tool: "soffice")
        let produced = (try? FileManager.default.contentsOfDirectory(atPath: dir))?.first { $0.hasSuffix("." + target) }
        guard let produced, let converted = FileManager.default.contents(atPath: dir + "/" + produced) else {
            throw .conversionFailed(file: path, tool: "soffice", reason: "it wrote no .\(target) file")
        }
        var doc = try load(data: converted, path: path, tools: tools)
        doc.format = "\(format) via LibreOffice (\(target))"
        return doc
    }

    /// antiword's text: paragraphs, and table rows written as `|cell|cell|`.
    static func antiwordDocument(_ text: String) -> SourceDocument {
        var blocks: [SourceDocument.Block] = []
        var table: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("|") && t.hasSuffix("|") && t.count > 1 {
                table.append(t.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) })
            } else {
                if !table.isEmpty { blocks.append(.table(table)); table = [] }
                blocks.append(.paragraph(String(line)))
            }
        }
        if !table.isEmpty { blocks.append(.table(table)) }
        return SourceDocument(blocks: blocks, format: ".doc via antiword")
    }

    private static func containsUTF16(_ data: Data, _ s: String) -> Bool {
        let pattern = Data(s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.range(of: pattern) != nil
    }

    /// Runs a converter, returning its standard output.
    static func run(_ exe: String, _ args: [String], file: String, tool: String) throws(ImportError) -> Data {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        // Its output is read as UTF-8 whatever the user's locale; a locale the machine lacks (LC_ALL=zh_CN.UTF-8
        // with no zh_CN generated) made antiword refuse to start ("Can't set the UTF-8 locale!").
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        do { try p.run() } catch { throw .conversionFailed(file: file, tool: tool, reason: "\(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw .conversionFailed(file: file, tool: tool, reason: String(decoding: errData, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return data
    }
}
