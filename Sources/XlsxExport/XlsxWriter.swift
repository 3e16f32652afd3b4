import CXlsxwriter
import Foundation

/// Writes an `XlsxWorkbook` as an Excel .xlsx file through libxlsxwriter: the only code that touches
/// its C API. The library is loaded when the first workbook is written (`sy_xlsxwriter_load`), so a
/// machine without it runs every other command; there an export fails with `XlsxError` saying so.
///
/// The file is written beside its final path under a hidden name and renamed into place, so a reader
/// never sees half a workbook and a failed write leaves the old file as it was. libxlsxwriter's own
/// scratch files go in the same folder (unlinked as soon as they are opened), never in /tmp.
public enum XlsxWriter {
    /// A4 in Excel's paper codes.
    static let paperA4: UInt8 = 9

    /// Writes `workbook` to `path`, replacing a file there.
    public static func write(_ workbook: XlsxWorkbook, to path: String) throws(XlsxError) {
        guard let api = sy_xlsxwriter_load()?.pointee else {
            throw XlsxError(path: path, reason: String(cString: sy_xlsxwriter_error())
                + "; 需要 libxlsxwriter (needs libxlsxwriter; Debian: apt-get install libxlsxwriter4)")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let partial = folder + "/." + url.lastPathComponent + "." + UUID().uuidString + ".partial"
        do {
            try build(workbook, at: partial, scratch: folder, api)
        } catch {
            unlink(partial)
            throw XlsxError(path: path, reason: error.reason)
        }
        if rename(partial, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(partial)
            throw XlsxError(path: path, reason: reason)
        }
    }

    struct Failure: Error { var reason: String }

    private static func check(_ e: lxw_error, _ what: String, _ api: sy_xlsxwriter) throws(Failure) {
        if e != LXW_NO_ERROR { throw Failure(reason: what + ": " + (api.lxw_strerror(e).map { String(cString: $0) } ?? "error \(e.rawValue)")) }
    }

    private static func build(_ workbook: XlsxWorkbook, at path: String, scratch: String, _ api: sy_xlsxwriter) throws(Failure) {
        let made: UnsafeMutablePointer<lxw_workbook>? = scratch.withCString { dir in
            var options = lxw_workbook_options(constant_memory: 0, tmpdir: UnsafeMutablePointer(mutating: dir), use_zip64: 0)
            return api.workbook_new_opt(path, &options)
        }
        guard let wb = made else { throw Failure(reason: String(cString: strerror(errno))) }
        var formats = Formats(workbook: wb, api)
        var names = Set<String>()
        var written: [UnsafeMutablePointer<lxw_worksheet>] = []
        var failure: Failure?
        for sheet in workbook.sheets {
            let name = sheetName(sheet.name, taken: names)
            names.insert(name.lowercased())
            guard let ws = api.workbook_add_worksheet(wb, name) else {
                failure = Failure(reason: "sheet \(name)")
                break
            }
            written.append(ws)
            do { try fill(ws, sheet, &formats, api) } catch { failure = error; break }
        }
        if failure == nil, workbook.sheets.indices.contains(workbook.activeSheet) {
            api.worksheet_activate(written[workbook.activeSheet])
        }
        var properties = lxw_doc_properties()
        let closed: lxw_error = workbook.title.withCString { title in
            properties.title = UnsafeMutablePointer(mutating: title)
            _ = api.workbook_set_properties(wb, &properties)  // the title only: not worth failing the export
            return api.workbook_close(wb)  // frees the workbook whatever happened above
        }
        if let failure { throw failure }
        try check(closed, "closing", api)
    }

    /// A sheet: title row, header, rows; frozen panes, widths, print setup.
    private static func fill(_ ws: UnsafeMutablePointer<lxw_worksheet>, _ sheet: XlsxSheet, _ formats: inout Formats,
                             _ api: sy_xlsxwriter) throws(Failure) {
        let lastColumn = lxw_col_t(max(0, sheet.columns.count - 1))
        let lastRow = lxw_row_t(1 + sheet.rows.count)
        if sheet.columns.count > 1 {
            try check(api.worksheet_merge_range(ws, 0, 0, 0, lastColumn, clean(sheet.title), formats.title), "title", api)
        } else {
            try check(api.worksheet_write_string(ws, 0, 0, clean(sheet.title), formats.title), "title", api)
        }
        try check(api.worksheet_set_row(ws, 0, 24, nil), "title height", api)
        for (c, column) in sheet.columns.enumerated() {
            try check(api.worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), column.width, nil), "column width", api)
            try check(api.worksheet_write_string(ws, 1, lxw_col_t(c), clean(column.header), formats.header), "header", api)
        }
        for (r, row) in sheet.rows.enumerated() {
            let y = lxw_row_t(r + 2)
            for (c, cell) in row.enumerated() where c < sheet.columns.count {
                let x = lxw_col_t(c)
                let wrap = sheet.columns[c].wrap
                switch cell.value {
                case .empty:
                    try check(api.worksheet_write_blank(ws, y, x, formats.cell(.text, cell.fill, wrap)), "cell", api)
                case let .text(s):
                    try check(api.worksheet_write_string(ws, y, x, clean(s), formats.cell(.text, cell.fill, wrap)), "cell", api)
                case let .number(n):
                    try check(api.worksheet_write_number(ws, y, x, n, formats.cell(.number, cell.fill, wrap)), "cell", api)
                case let .percent(p):
                    try check(api.worksheet_write_number(ws, y, x, p, formats.cell(.percent, cell.fill, wrap)), "cell", api)
                case let .day(year, month, day):
                    var d = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
                    try check(api.worksheet_write_datetime(ws, y, x, &d, formats.cell(.day, cell.fill, wrap)), "cell", api)
                }
            }
        }
        if !sheet.columns.isEmpty {
            try check(api.worksheet_autofilter(ws, 1, 0, lastRow, lastColumn), "filter", api)
        }
        api.worksheet_freeze_panes(ws, 2, 0)
        api.worksheet_set_landscape(ws)
        api.worksheet_set_paper(ws, paperA4)
        api.worksheet_fit_to_pages(ws, 1, 0)
        api.worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6)
        try check(api.worksheet_repeat_rows(ws, 0, 1), "print titles", api)
        try check(api.worksheet_set_footer(ws, "&C" + sheet.footer), "footer", api)
    }

    /// Text Excel can store: no XML-illegal control characters, at most 32,767 characters.
    static func clean(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value < 0x20, u != "\t", u != "\n", u != "\r" { continue }
            if u.value == 0xFFFE || u.value == 0xFFFF { continue }
            out.append(u)
        }
        let text = String(out)
        if text.utf16.count <= 32_767 { return text }
        var cut = "", n = 0
        for c in text {
            n += c.utf16.count
            if n > 32_766 { break }
            cut.append(c)
        }
        return cut + "…"
    }

    /// A name Excel accepts for a tab: none of `[]:*?/\`, no leading or trailing apostrophe, 1…31
    /// characters, not one already `taken` (compared ignoring case, as Excel does).
    public static func sheetName(_ wanted: String, taken: Set<String>) -> String {
        var base = String(clean(wanted).map { "[]:*?/\\\n\r\t".contains($0) ? "_" : $0 })
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Sheet" }
        func fit(_ s: String, _ limit: Int) -> String {
            var out = ""
            for c in s where out.unicodeScalars.count + c.unicodeScalars.count <= limit { out.append(c) }
            return out
        }
        var name = fit(base, 31), n = 2
        while taken.contains(name.lowercased()) {
            let suffix = "(\(n))"
            name = fit(base, 31 - suffix.count) + suffix
            n += 1
        }
        return name
    }
}

/// The workbook's cell formats, made once each (a workbook holds a limited number).
private struct Formats {
    enum Kind: Hashable { case text, number, percent, day }
    struct Key: Hashable {
        var kind: Kind
        var fill: UInt32?
        var wrap: Bool
    }

    let workbook: UnsafeMutablePointer<lxw_workbook>
    let api: sy_xlsxwriter
    let title: UnsafeMutablePointer<lxw_format>
    let header: UnsafeMutablePointer<lxw_format>
    var made: [Key: UnsafeMutablePointer<lxw_format>] = [:]

    init(workbook: UnsafeMutablePointer<lxw_workbook>, _ api: sy_xlsxwriter) {
        self.workbook = workbook
        self.api = api
        title = api.workbook_add_format(workbook)!
        api.format_set_bold(title)
        api.format_set_font_size(title, 14)
        api.format_set_align(title, UInt8(LXW_ALIGN_CENTER.rawValue))
        api.format_set_align(title, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        header = api.workbook_add_format(workbook)!
        api.format_set_bold(header)
        api.format_set_text_wrap(header)
        api.format_set_align(header, UInt8(LXW_ALIGN_CENTER.rawValue))
        api.format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        api.format_set_bg_color(header, 0xD9D9D9)
        api.format_set_pattern(header, UInt8(LXW_PATTERN_SOLID.rawValue))
        api.format_set_border(header, UInt8(LXW_BORDER_THIN.rawValue))
    }

    mutating func cell(_ kind: Kind, _ fill: UInt32?, _ wrap: Bool) -> UnsafeMutablePointer<lxw_format> {
        let key = Key(kind: kind, fill: fill, wrap: wrap)
        if let f = made[key] { return f }
        let f = api.workbook_add_format(workbook)!
        api.format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
        api.format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        if wrap { api.format_set_text_wrap(f) }
        switch kind {
        case .text: break
        case .number: api.format_set_num_format(f, "0")
        case .percent: api.format_set_num_format(f, "0%")
        case .day: api.format_set_num_format(f, "yyyy-mm-dd")
        }
        if let fill {
            api.format_set_bg_color(f, lxw_color_t(fill))
            api.format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            api.format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        }
        made[key] = f
        return f
    }
}
