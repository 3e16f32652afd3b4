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
    /// Where each row's cells end in `cells`.
    private var ends: [Int] = []

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
    func cellRange(_ r: Int) -> Range<Int> { (r == 0 ? 0 : ends[r - 1])..<ends[r] }

    /// Adds a text for cells to name; the same `Text` may fill any number of cells of any rows.
    public mutating func text(_ s: String) -> Text {
        texts.append(s)
        return Text(index: Int32(texts.count - 1))
    }

    /// Appends a row of texts, each a text of its own.
    public mutating func append(_ row: [String]) {
        for s in row { cells.append(text(s).index) }
        ends.append(cells.count)
    }

    /// Adds a cell to the row being made (a text already added); `endRow()` ends the row. For rows made
    /// in a loop over many tasks: no array per row.
    public mutating func append(cell: Text) { cells.append(cell.index) }

    /// Ends the row whose cells were added since the last row ended.
    public mutating func endRow() { ends.append(cells.count) }

    /// Makes room for `rows` more rows of `cells` cells each.
    public mutating func reserveCapacity(rows: Int, cells perRow: Int) {
        ends.reserveCapacity(ends.count + rows)
        cells.reserveCapacity(cells.count + rows * perRow)
    }
}
