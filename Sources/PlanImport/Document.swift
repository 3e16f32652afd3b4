import Foundation

/// What a reader found in a file, before any recognition: paragraphs of text and tables, in order.
public struct SourceDocument: Sendable {
    /// One paragraph of text, or one table (rows of cells; merged cells already carried down).
    public enum Block: Sendable, Equatable {
        case paragraph(String)
        case table([[String]])
    }

    /// The blocks in reading order.
    public var blocks: [Block]
    /// The format it was read as ("text (GB18030)", "docx", "xlsx", "csv", "doc via antiword" …).
    public var format: String
    /// Notes from the reader (a sheet skipped, a conversion made) for the report.
    public var notes: [String]

    public init(blocks: [Block], format: String, notes: [String] = []) {
        self.blocks = blocks
        self.format = format
        self.notes = notes
    }

    /// The paragraphs as lines of text; each table row as one line with cells joined by a space.
    var plainText: String {
        var out: [String] = []
        for b in blocks {
            switch b {
            case .paragraph(let p): out.append(p)
            case .table(let rows): out.append(contentsOf: rows.map { $0.joined(separator: " ") })
            }
        }
        return out.joined(separator: "\n")
    }
}
