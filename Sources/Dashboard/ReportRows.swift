/// The rows of a report table, each a list of texts (`[String]`, as a report's rows always were).
///
/// Rows are kept as numbers naming texts: a text many rows repeat — a unit's name, a task's title, a day —
/// can be added once (`text(_:)`) and named by every row that shows it (`append(cell:)`, `endRow()`), so a
/// large report neither builds an array per row nor measures and copies the same text again for each row
/// (`ReportTable.textBytes` measures each text once). Rows given as `[String]` work as before: each
/// cell becomes a text of its own.
public struct ReportRows: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable {
    /// A text added to the rows (`text(_:)`), to be named by any number of cells.
    public struct Text: Equatable, Sendable {
        let index: Int32
    }

    /// Every text, in the order added.
    public private(set) var texts: [String] = []
    /// The cells, row after row, as positions in `texts`.
    private(set) var cells: [Int32] = []
    /// Where each row's cells end in `cells` (four bytes a row: an overdue report has a row per task and
    /// unit, 33,000 at 20,000 tasks).
    private var ends: [Int32] = []

    public init() {}

    public init(_ rows: some Sequence<[String]>) {
        for row in rows { append(row) }
    }

    public init(arrayLiteral rows: [String]...) { self.init(rows) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    /// Row `r`'s texts.
    public subscript(r: Int) -> [String] { cellRange(r).map { texts[Int(cells[$0])] } }

    /// Where row `r`'s cells are in `cells`.
    func cellRange(_ r: Int) -> Range<Int> { (r == 0 ? 0 : Int(ends[r - 1]))..<Int(ends[r]) }

    /// Adds a text for cells to name; the same `Text` may fill any number of cells of any rows.
    public mutating func text(_ s: String) -> Text {
        texts.append(s)
        return Text(index: Int32(texts.count - 1))
    }

    /// Appends a row of texts, each a text of its own.
    public mutating func append(_ row: [String]) {
        for s in row { cells.append(text(s).index) }
        endRow()
    }

    /// Adds a cell to the row being made (a text already added); `endRow()` ends the row. For rows made
    /// in a loop over many tasks: no array per row.
    public mutating func append(cell: Text) { cells.append(cell.index) }

    /// Ends the row whose cells were added since the last row ended.
    public mutating func endRow() { ends.append(Int32(truncatingIfNeeded: cells.count)) }

    /// Makes room for `rows` more rows of `cells` cells each, and for `texts` more texts.
    public mutating func reserveCapacity(rows: Int, cells perRow: Int, texts: Int = 0) {
        ends.reserveCapacity(ends.count + rows)
        cells.reserveCapacity(cells.count + rows * perRow)
        self.texts.reserveCapacity(self.texts.count + texts)
    }
}
