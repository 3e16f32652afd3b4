import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small element tree built with Foundation's `XMLParser`, enough for the parts of .docx and .xlsx files
/// the readers need. Names keep their prefix (`w:p`, `c`), as Office writes them.
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

    /// Parses XML bytes into a tree; nil when the XML is not well formed.
    static func parse(_ data: Data) -> XMLNode? {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        guard parser.parse() else { return nil }
        return builder.root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
