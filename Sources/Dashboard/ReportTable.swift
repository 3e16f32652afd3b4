import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// A report as rows of columns, printable as aligned text, CSV or JSON.
public struct ReportTable: Sendable {
    public struct Column: Sendable {
        /// What a column's values are, for CSV (kept numbers and dates in Excel, or text) and JSON.
        public enum Kind: Sendable {
            /// Anything else: kept as text in Excel (`CSVCell`).
            case text
            /// Whole numbers: JSON numbers, bare in CSV so Excel can sum them.
            case integer
            /// Whole percentages ("98%"): bare in CSV, where Excel reads them as the percentage they are.
            case percent
            /// ISO days (YYYY-MM-DD): bare in CSV, where Excel reads them as dates it can sort.
            case day
            /// A traffic light (`Language.light`): text in CSV, a coloured cell in a workbook.
            case light
        }

        public var key: String
        public var header: String
        public var alignRight: Bool
        public var kind: Kind
        /// Whole numbers (`kind == .integer`).
        public var numeric: Bool { kind == .integer }

        public init(_ key: String, _ header: String, alignRight: Bool = false, numeric: Bool = false, kind: Kind = .text) {
            self.key = key
            self.header = header
            self.kind = numeric ? .integer : kind
            self.alignRight = alignRight || numeric || kind == .percent
        }
    }

    public var name: String
    /// The document's title line ("plan　report　截至 date"): the first row of its CSV and the title row of
    /// its workbook sheet. Nil for the plain tables, whose CSV starts with the header.
    public var title: String?
    /// The tab's name when the table is a workbook sheet (default: `name`).
    public var sheetName: String?
    /// Lines printed above the table in text form (and as `summary` in JSON).
    public var heading: [(key: String, label: String, value: String)]
    public var columns: [Column]
    public var rows: ReportRows
    /// Row indices before which text output starts a new group (a blank line and the group title).
    public var groupTitles: [Int: String]

    public init(name: String, heading: [(key: String, label: String, value: String)] = [], columns: [Column],
                rows: [[String]] = [], groupTitles: [Int: String] = [:]) {
        self.name = name
        self.heading = heading
        self.columns = columns
        self.rows = ReportRows(rows)
        self.groupTitles = groupTitles
    }

    public enum Format: String, Sendable, CaseIterable { case text, json, csv }

    public func render(_ format: Format, emptyMessage: String = "") -> String {
        switch format {
        case .text: return text(emptyMessage: emptyMessage)
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// The report as bytes to print: `render`, written straight into byte buffers.
    public func renderBytes(_ format: Format, emptyMessage: String = "") -> [UInt8] {
        switch format {
        case .text: return textBytes(emptyMessage: emptyMessage)
        case .csv: return csvBytes()
        case .json: return jsonBytes()
        }
    }

    /// Columns aligned by display width (CJK = 2 cells); untrusted text sanitised and each character
    /// cluster drawn as in the dashboard (`Glyph.text`: stand-ins for emoji sequences).
    public func text(emptyMessage: String) -> String {
        String(decoding: textBytes(emptyMessage: emptyMessage), as: UTF8.self)
    }

    /// `text` as UTF-8 bytes (`writeText`'s pieces, joined).
    public func textBytes(emptyMessage: String) -> [UInt8] {
        var out: [UInt8] = []
        writeText(emptyMessage: emptyMessage) { piece in
            out.append(contentsOf: piece)
            return true
        }
        return out
    }

    /// `text` as UTF-8 bytes handed to `write` in pieces of about `pieceSize` bytes (a piece is never
    /// empty; a row is never split across two), so a large report is printed without first being made
    /// whole in memory. Stops when `write` returns false (a closed pipe).
    ///
    /// Each text of the rows (`ReportRows.texts`) is measured once and copied once into one run of bytes,
    /// however many cells show it; a plainly plain one (`PlainText`: nearly all) is then copied and padded
    /// into a buffer sized beforehand, any other goes through `TextLayout.fit` (sanitising, stand-ins).
    public func writeText(emptyMessage: String, pieceSize: Int = 1 << 16, _ write: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var head: [UInt8] = []
        func append(_ s: String) { head.append(contentsOf: s.utf8) }
        let labelWidth = heading.map { $0.label.displayWidth }.max() ?? 0
        for h in heading { append(TextLayout.fit(h.label, to: labelWidth) + "  " + Glyph.text(h.value) + "\n") }
        if !heading.isEmpty { append("\n") }
        if rows.isEmpty {
            append(emptyMessage + (emptyMessage.isEmpty ? "" : "\n"))
            if !head.isEmpty { _ = head.withUnsafeBufferPointer(write) }
            return
        }
        let maxColumn = 48
        let n = columns.count
        let texts = rows.texts, cells = rows.cells
        // Each text measured once and its bytes copied once into `textBytes`, however many cells show it.
        var info = [TextInfo](repeating: TextInfo(start: 0, count: 0, width: 0, plain: true), count: texts.count)
        var textBytes: [UInt8] = []
        textBytes.reserveCapacity(texts.reduce(0) { $0 + $1.utf8.count } + ByteWriter.slack)
        var anyFitted = false
        for t in texts.indices {
            var s = texts[t]
            let start = textBytes.count
            let width = s.withUTF8 { p in
                textBytes.append(contentsOf: p)
                return PlainText.width(p)
            }
            info[t] = TextInfo(start: start, count: textBytes.count - start, width: width ?? texts[t].displayWidth, plain: width != nil)
            if width == nil { anyFitted = true }
        }
        // Room to read the last text in eight-byte words (`ByteWriter.copyShort`).
        textBytes.append(contentsOf: repeatElement(0, count: ByteWriter.slack))
        var widths = columns.map { min(maxColumn, $0.header.displayWidth) }
        // The bytes of every cell's text, and of the row with the most.
        var cellBytes = 0, rowCellBytes = 0
        info.withUnsafeBufferPointer { info in
            cells.withUnsafeBufferPointer { cells in
                widths.withUnsafeMutableBufferPointer { widths in
                    for r in rows.indices {
                        let range = rows.cellRange(r), before = cellBytes
                        for k in 0..<min(n, range.count) {
                            let text = info[Int(cells[range.lowerBound + k])]
                            if text.width > widths[k] { widths[k] = min(maxColumn, text.width) }
                            cellBytes += text.count
                        }
                        rowCellBytes = max(rowCellBytes, cellBytes - before)
                    }
                }
            }
        }
        // The header and its rule, the general way.
        for (k, c) in columns.enumerated() {
            if k > 0 { head.append(0x20); head.append(0x20) }
            append(TextLayout.fit(c.header, to: widths[k], alignRight: c.alignRight))
        }
        while head.last == 0x20 { head.removeLast() }
        head.append(0x0A)
        for (k, w) in widths.enumerated() {
            if k > 0 { head.append(0x20); head.append(0x20) }
            append(TextLayout.fit(String(repeating: "─", count: w), to: w, alignRight: columns[k].alignRight))
        }
        while head.last == 0x20 { head.removeLast() }
        head.append(0x0A)
        // Cells of texts that are not plainly plain, fitted now that the widths are known (by cell); group
        // titles as drawn.
        var fitted: [Int: String] = [:]
        // Bytes beyond the cells' texts and padding: fitted cells and titles, in all and in one row at most.
        var extraBytes = 0, rowExtraBytes = 0
        if anyFitted {
            for r in rows.indices {
                var rowBytes = 0
                for (k, c) in rows.cellRange(r).prefix(n).enumerated() where !info[Int(cells[c])].plain {
                    let f = TextLayout.fit(texts[Int(cells[c])], to: widths[k], alignRight: columns[k].alignRight)
                    fitted[c] = f
                    rowBytes += f.utf8.count
                }
                extraBytes += rowBytes
                rowExtraBytes = max(rowExtraBytes, rowBytes)
            }
        }
        let titles = groupTitles.filter { rows.indices.contains($0.key) }.sorted { $0.key < $1.key }.map {
            // A plainly plain title (nearly all) is its own drawn form (`PlainText`), found faster than by `Glyph`.
            (row: $0.key, text: ($0.key == 0 ? "" : "\n") + (PlainText.width($0.value) != nil ? $0.value : Glyph.text($0.value)) + "\n")
        }
        extraBytes += titles.reduce(0) { $0 + $1.text.utf8.count }
        rowExtraBytes += titles.lazy.map(\.text.utf8.count).max() ?? 0
        let alignRight = columns.map(\.alignRight)
        let lineRoom = widths.reduce(0, +) + 5 * n + 1  // padding, a cut cell's "…", separators, line end
        // The whole text when it is less than a piece; else a piece and room for one more row past it (a
        // row starts only while the buffer holds less than a piece, which is then handed on).
        let pieceSize = max(1, pieceSize)
        let whole = head.count + cellBytes + extraBytes + rows.count * lineRoom
        let capacity = max(head.count, min(whole, min(pieceSize, whole) + rowCellBytes + rowExtraBytes + lineRoom)) + ByteWriter.slack
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        do {
            var out = ByteWriter(base: buffer)
            head.withUnsafeBufferPointer { out.copy($0) }
            let widths = widths
            textBytes.withUnsafeBufferPointer { bytes in
                info.withUnsafeBufferPointer { info in
                    cells.withUnsafeBufferPointer { cells in
                        widths.withUnsafeBufferPointer { widths in
                            alignRight.withUnsafeBufferPointer { alignRight in
                                var nextTitle = 0
                                for r in rows.indices {
                                    if out.count >= pieceSize {
                                        guard write(UnsafeBufferPointer(start: buffer, count: out.count)) else { return }
                                        out.clear()
                                    }
                                    if nextTitle < titles.count, titles[nextTitle].row == r {
                                        out.copy(titles[nextTitle].text)
                                        nextTitle += 1
                                    }
                                    let lineStart = out.count, range = rows.cellRange(r)
                                    for k in 0..<n {
                                        if k > 0 { out.spaces(2) }
                                        let column = widths[k]
                                        guard k < range.count else {
                                            out.spaces(column)  // a missing cell: empty
                                            continue
                                        }
                                        let c = range.lowerBound + k, t = info[Int(cells[c])]
                                        if !t.plain {
                                            out.copy(fitted[c]!)
                                            continue
                                        }
                                        if column <= 0 {
                                            continue
                                        } else if t.width <= column {
                                            if alignRight[k] { out.spaces(column - t.width) }
                                            if t.count <= ByteWriter.slack {
                                                out.copyShort(bytes.baseAddress! + t.start, count: t.count)
                                            } else {
                                                out.copy(UnsafeBufferPointer(start: bytes.baseAddress! + t.start, count: t.count))
                                            }
                                            if !alignRight[k] { out.spaces(column - t.width) }
                                        } else {
                                            let text = UnsafeBufferPointer(rebasing: bytes[t.start..<(t.start + t.count)])
                                            // Cut: as many clusters as fit before the "…" (one cell), blanks for a
                                            // wide one that would straddle (`PlainText.appendFitted`).
                                            let (used, usedWidth) = PlainText.prefix(text, fitting: column - 1)
                                            out.copy(UnsafeBufferPointer(rebasing: text[0..<used]))
                                            out.spaces(column - 1 - usedWidth)
                                            out.ellipsis()
                                        }
                                    }
                                    out.trimSpaces(after: lineStart)
                                    out.newline()
                                }
                                if out.count > 0 { _ = write(UnsafeBufferPointer(start: buffer, count: out.count)) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Where a text's bytes are in `textBytes`'s run of them, its display width, and whether it is
    /// plainly plain (`PlainText`).
    private struct TextInfo {
        // Sixteen bytes: a large report reads one per cell, scattered, so fewer cache lines matter.
        var start32: UInt32
        var count32: UInt32
        var width32: Int32
        var plain: Bool

        init(start: Int, count: Int, width: Int, plain: Bool) {
            start32 = UInt32(start)
            count32 = UInt32(count)
            width32 = Int32(clamping: width)
            self.plain = plain
        }

        var start: Int { Int(start32) }
        var count: Int { Int(count32) }
        var width: Int { Int(width32) }
    }

    /// Writes bytes into memory already allocated for them (`textBytes` sizes the buffer beforehand,
    /// with `slack` bytes more).
    private struct ByteWriter {
        let base: UnsafeMutablePointer<UInt8>
        private(set) var count = 0

        /// Bytes past the end a writer may overwrite, and a short text's source may be read past its end:
        /// blanks and short texts are written eight bytes at a time.
        static let slack = 16

        init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

        /// Starts again at the beginning of the buffer (its bytes were handed on).
        mutating func clear() { count = 0 }

        /// Copies `n` ≤ `slack` bytes from `source`, in one or two eight-byte words: reads and writes up
        /// to fifteen bytes past the `n`.
        mutating func copyShort(_ source: UnsafePointer<UInt8>, count n: Int) {
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(base + count)
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            if n > 8 { (to + 8).storeBytes(of: (from + 8).loadUnaligned(as: UInt64.self), as: UInt64.self) }
            count += n
        }

        mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let b = bytes.baseAddress else { return }
            let n = bytes.count
            if n <= 8 {
                // A cell's few bytes copied here: a call to memcpy costs more than the copy.
                for i in 0..<n { (base + count + i).initialize(to: b[i]) }
            } else {
                (base + count).initialize(from: b, count: n)
            }
            count += n
        }

        mutating func copy(_ s: String) {
            if s.utf8.withContiguousStorageIfAvailable({ copy($0) }) == nil {
                for b in s.utf8 { base[count] = b; count += 1 }
            }
        }

        mutating func ellipsis() {
            base[count] = 0xE2
            base[count + 1] = 0x80
            base[count + 2] = 0xA6
            count += 3
        }

        mutating func spaces(_ n: Int) {
            guard n > 0 else { return }
            // Eight blanks at a time; the last word may run up to seven bytes past (`slack`).
            var i = 0
            while i < n {
                UnsafeMutableRawPointer(base + count + i).storeBytes(of: 0x2020_2020_2020_2020 as UInt64, as: UInt64.self)
                i += 8
            }
            count += n
        }

        /// Drops the spaces that end the line begun at `start`.
        mutating func trimSpaces(after start: Int) {
            while count > start, base[count - 1] == 0x20 { count -= 1 }
        }

        mutating func newline() {
            base[count] = 0x0A
            count += 1
        }
    }

    /// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends, so Excel on a Chinese Windows
    /// desk opens it as UTF-8 by double-click (without the BOM it guesses GBK and shows mojibake).
    /// Each cell is what Excel should show: text stays text, numbers and days stay values, nothing runs
    /// as a formula (`CSVCell`, DECISIONS.md "CSV for Excel").
    public func csv() -> String { String(decoding: csvBytes(), as: UTF8.self) }

    /// `csv` as UTF-8 bytes. Each text's field is made once per kind of column it is in, however many
    /// cells show it.
    public func csvBytes() -> [UInt8] {
        func field(_ s: String, _ kind: Column.Kind) -> String {
            let v = CSVCell.content(Sanitizer.cleanLines(s), kind: kind)
            // Characters are compared only when the bytes hold one of them (no such byte, no such character).
            let bytes = v.utf8.withContiguousStorageIfAvailable { $0.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } }
            if bytes ?? true, v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return v
        }
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]  // U+FEFF
        if let title { out += field(title, .text).utf8; out += [0x0D, 0x0A] }
        out += columns.map { field($0.header, .text) }.joined(separator: ",").utf8
        out += [0x0D, 0x0A]
        let kinds = columns.map(\.kind)
        // The field of each text, by the kind it was made for (a text is nearly always in one column).
        var made = [(kind: Column.Kind, bytes: [UInt8])?](repeating: nil, count: rows.texts.count)
        for r in rows.indices {
            for (k, c) in rows.cellRange(r).enumerated() {
                if k > 0 { out.append(0x2C) }
                let t = Int(rows.cells[c]), kind = k < kinds.count ? kinds[k] : .text
                if let m = made[t], m.kind == kind {
                    out += m.bytes
                } else {
                    let bytes = Array(field(rows.texts[t], kind).utf8)
                    made[t] = (kind, bytes)
                    out += bytes
                }
            }
            out += [0x0D, 0x0A]
        }
        return out
    }

    public func json() -> String { String(decoding: jsonBytes(), as: UTF8.self) }

    /// `json` as UTF-8 bytes: `JSONWriter`'s layout, with the rows written here from each text's JSON
    /// value, made once per text (and kind of column) however many cells show it.
    public func jsonBytes() -> [UInt8] {
        var root: [(String, JSONValue)] = [("report", .string(name))]
        if !heading.isEmpty { root.append(("summary", .object(heading.map { ($0.key, .string($0.value)) }))) }
        root.append(("rows", .array([])))
        var out = JSONWriter.bytes(.object(root))
        guard !rows.isEmpty else { return out }
        // The empty rows array ends the document: `[]`, then the root's `\n}` and a line end.
        out.removeLast(5)
        // A value as JSONWriter writes it, without the line end it ends a document with.
        func value(_ v: JSONValue) -> [UInt8] { Array(JSONWriter.bytes(v).dropLast()) }
        let keys = columns.map { value(.string($0.key)) }
        var made = [(numeric: Bool, bytes: [UInt8])?](repeating: nil, count: rows.texts.count)
        let empty = value(.string("")), emptyNumber = Int("").map { value(.number(Double($0))) } ?? empty
        func newline(_ indent: Int) {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(0x20, count: indent))
        }
        out.append(UInt8(ascii: "["))
        for r in rows.indices {
            if r > 0 { out.append(UInt8(ascii: ",")) }
            newline(4)
            let range = rows.cellRange(r)
            if columns.isEmpty { out += "{}".utf8; continue }
            out.append(UInt8(ascii: "{"))
            for (k, c) in columns.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                newline(6)
                out += keys[k]
                out += ": ".utf8
                guard k < range.count else {
                    out += c.numeric ? emptyNumber : empty
                    continue
                }
                let t = Int(rows.cells[range.lowerBound + k])
                if let m = made[t], m.numeric == c.numeric {
                    out += m.bytes
                } else {
                    let v = rows.texts[t]
                    let bytes = value(c.numeric ? Int(v).map { .number(Double($0)) } ?? .string(v) : .string(v))
                    made[t] = (c.numeric, bytes)
                    out += bytes
                }
            }
            newline(4)
            out.append(UInt8(ascii: "}"))
        }
        newline(2)
        out += "]\n}\n".utf8
        return out
    }
}
