import Foundation
import ZIPFoundation

/// Reads named parts of a zip container (.docx, .xlsx) into memory.
struct ZipParts {
    private let archive: Archive

    init?(data: Data) {
        guard let a = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else { return nil }
        archive = a
    }

    /// The names of every entry.
    var names: [String] { archive.map(\.path) }

    /// The bytes of an entry, or nil when it is missing or unreadable.
    func data(_ path: String) -> Data? {
        guard let entry = archive[path] else { return nil }
        var out = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { out.append($0) }
        } catch {
            return nil
        }
        return out
    }

    /// An entry parsed as XML.
    func xml(_ path: String) -> XMLNode? { data(path).flatMap(XMLNode.parse) }
}
