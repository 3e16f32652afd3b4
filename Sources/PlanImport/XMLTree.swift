internal import CLibxml2
import Foundation

/// A small element tree built with libxml2's pull parser (`CLibxml2`, loaded when the first part is parsed),
/// enough for the parts of .docx and .xlsx files the readers need. Names keep their prefix (`w:p`, `c`), as
/// Office writes them.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The direct children called `name`.
    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The first direct child called `name`.
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// The first descendant reached through `path` (direct children at each step).
    func at(_ path: String...) -> XMLNode? {
        var node: XMLNode? = self
        for step in path { node = node?.first(step) }
        return node
    }

    /// An attribute by its qualified name, or by its local name whatever the prefix.
    func attr(_ name: String) -> String? {
        if let v = attributes[name] { return v }
        let local = name.split(separator: ":").last.map(String.init) ?? name
        return attributes.first { $0.key.split(separator: ":").last.map(String.init) == local }?.value
    }

    /// Every descendant called `name`, in document order.
    func descendants(_ name: String) -> [XMLNode] {
        var out: [XMLNode] = []
        func walk(_ n: XMLNode) {
            for c in n.children {
                if c.name == name { out.append(c) }
                walk(c)
            }
        }
        walk(self)
        return out
    }

    /// Why XML cannot be parsed on this machine (libxml2 could not be loaded: the loader's message), or nil
    /// when it can. The first use loads the library.
    static var parserProblem: String? {
        sy_libxml2_load() == nil ? String(cString: sy_libxml2_error()) : nil
    }

    /// Parses XML bytes into a tree; nil when the XML is not well formed (or libxml2 cannot be loaded:
    /// `parserProblem`).
    ///
    /// The tree is what Foundation's `XMLParser` (without namespace processing) made of the parts before:
    /// qualified names for elements and attributes, namespace declarations among the attributes (`xmlns`,
    /// `xmlns:w`), and an element's text the run of its text, CDATA and whitespace, wherever they sit
    /// between its children. Predefined entities and character references are resolved. Nothing else is:
    /// a document's own entities (`<!ENTITY …>`) are dropped where they are referenced, never expanded or
    /// loaded, so an entity "bomb" or a reference to a file reads nothing; no DTD and nothing from the
    /// network is loaded (the loader's entity loader loads nothing either).
    ///
    /// A part that is not well-formed XML (libxml2's fatal errors: a mismatched or missing end tag, content
    /// after the root, an undefined entity, a duplicate attribute…) is nil; `XMLParser`, which parsed in
    /// libxml2's recovery mode, returned a tree for some of those. Namespace errors (a prefix nobody
    /// declared) are not fatal: the names stay as written, as with `XMLParser`.
    static func parse(_ data: Data) -> XMLNode? {
        guard let api = sy_libxml2_load()?.pointee, !data.isEmpty, data.count <= Int(Int32.max) else { return nil }
        // The reader reads the bytes where they are (no copy): all of the parse happens in here.
        return data.withUnsafeBytes { bytes -> XMLNode? in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            guard let reader = api.xmlReaderForMemory(base, Int32(bytes.count), nil, nil, Int32(options)) else { return nil }
            defer { api.xmlFreeTextReader(reader) }
            // Fatal errors are counted, not printed; the others are ignored.
            let fatal = UnsafeMutablePointer<Int>.allocate(capacity: 1)
            fatal.initialize(to: 0)
            defer { fatal.deallocate() }
            api.xmlTextReaderSetStructuredErrorHandler(reader, { counter, error in
                guard let counter, let error, error.pointee.level.rawValue >= XML_ERR_FATAL.rawValue else { return }
                counter.assumingMemoryBound(to: Int.self).pointee += 1
            }, fatal)
            return build(reader, api, fatal: fatal)
        }
    }

    /// The tree of the document `reader` reads; nil at the first fatal error.
    private static func build(_ reader: xmlTextReaderPtr, _ api: sy_libxml2, fatal: UnsafePointer<Int>) -> XMLNode? {
        var root: XMLNode?
        var stack: [XMLNode] = []
        while true {
            let step = api.xmlTextReaderRead(reader)
            guard step == 1, fatal.pointee == 0 else {
                return step == 0 && fatal.pointee == 0 && stack.isEmpty ? root : nil
            }
            switch nodeType(reader, api) {
            case XML_READER_TYPE_ELEMENT:
                let name = string(api.xmlTextReaderConstName(reader))
                let empty = api.xmlTextReaderIsEmptyElement(reader) == 1
                guard let attributes = attributes(reader, api) else { return nil }
                let node = XMLNode(name: name, attributes: attributes)
                if let parent = stack.last { parent.children.append(node) } else { root = node }
                if !empty { stack.append(node) }  // `<a/>` has no end
            case XML_READER_TYPE_END_ELEMENT:
                _ = stack.popLast()
            case XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA, XML_READER_TYPE_WHITESPACE,
                 XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
                stack.last?.text += string(api.xmlTextReaderConstValue(reader))
            default:
                continue  // comments, processing instructions, the doctype, references to entities
            }
        }
    }

    /// The attributes of the element `reader` is on, by qualified name; nil on an error.
    private static func attributes(_ reader: xmlTextReaderPtr, _ api: sy_libxml2) -> [String: String]? {
        let count = api.xmlTextReaderAttributeCount(reader)
        guard count > 0 else { return count == 0 ? [:] : nil }
        var attributes: [String: String] = [:]
        for index in 0..<count {
            guard api.xmlTextReaderMoveToAttributeNo(reader, index) == 1 else { return nil }
            let name = string(api.xmlTextReaderConstName(reader))
            // The value part by part: its text, without references to the document's own entities (the
            // attribute's value as a whole would be those expanded).
            var value = ""
            while api.xmlTextReaderReadAttributeValue(reader) == 1 {
                if nodeType(reader, api) != XML_READER_TYPE_ENTITY_REFERENCE {
                    value += string(api.xmlTextReaderConstValue(reader))
                }
            }
            attributes[name] = value
        }
        return attributes
    }

    private static func nodeType(_ reader: xmlTextReaderPtr, _ api: sy_libxml2) -> xmlReaderTypes {
        let type = api.xmlTextReaderNodeType(reader)
        return type < 0 ? XML_READER_TYPE_NONE : xmlReaderTypes(rawValue: UInt32(type))
    }

    private static func string(_ text: UnsafePointer<xmlChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }
}
