/// A workbook to write: sheets of a title row, a header row and data rows, laid out for printing.
///
/// Plain values: what a report puts in a workbook. `XlsxWriter` is the only code that turns it into a file
/// (through libxlsxwriter). Every sheet is written the same way: row 1 is the title (merged across the
/// columns), row 2 the header, both frozen and repeated on every printed page; A4 landscape, fitted to
/// the page width.
public struct XlsxWorkbook: Sendable, Equatable {
    public var sheets: [XlsxSheet]
    /// The sheet shown when the file opens.
    public var activeSheet: Int
    /// The document's title (File ▸ Properties).
    public var title: String

    public init(title: String, sheets: [XlsxSheet], activeSheet: Int = 0) {
        self.title = title
        self.sheets = sheets
        self.activeSheet = activeSheet
    }
}

/// One sheet: a title, columns and rows of cells.
public struct XlsxSheet: Sendable, Equatable {
    /// The tab's name; made valid on writing (at most 31 characters, none of `[]:*?/\`, unique).
    public var name: String
    /// Row 1: e.g. "潢川县2026年双拥工作要点　逾期督办　截至2026-07-15".
    public var title: String
    public var columns: [XlsxColumn]
    public var rows: [[XlsxCell]]
    /// The printed page's footer centre, in Excel's header/footer codes (`&P` page, `&N` pages).
    public var footer: String

    public init(name: String, title: String, columns: [XlsxColumn], rows: [[XlsxCell]] = [], footer: String = "&P / &N") {
        self.name = name
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footer = footer
    }
}

/// A column: its header and width.
public struct XlsxColumn: Sendable, Equatable {
    public var header: String
    /// Excel's column width, in widths of the digit 0 (a Han character is about two).
    public var width: Double
    /// Long text wraps in its cell instead of running over the next one.
    public var wrap: Bool

    public init(header: String, width: Double, wrap: Bool = false) {
        self.header = header
        self.width = width
        self.wrap = wrap
    }
}

/// One cell's value and, for a traffic light, its background.
public struct XlsxCell: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case empty
        /// Text, written as text: never read as a number, a date or a formula.
        case text(String)
        case number(Double)
        /// A share 0…1, shown as a whole percentage ("60%").
        case percent(Double)
        /// A calendar day, a real Excel date shown as yyyy-mm-dd.
        case day(year: Int, month: Int, day: Int)
    }

    public var value: Value
    /// Background colour as 0xRRGGBB (the lights: red, yellow, green), or nil.
    public var fill: UInt32?

    public init(_ value: Value, fill: UInt32? = nil) {
        self.value = value
        self.fill = fill
    }

    /// A text cell.
    public static func text(_ s: String) -> XlsxCell { XlsxCell(.text(s)) }
}

/// Why a workbook could not be written.
public struct XlsxError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): 无法写入工作簿 (could not write the workbook): \(reason)" }
}
