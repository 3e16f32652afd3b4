import Foundation
@testable import PlanImport
import TestFixtures
import Testing

/// `XMLNode.parse`: the tree the .docx and .xlsx readers walk, as Foundation's `XMLParser` made it before
/// libxml2's pull parser replaced it, and what a hostile part cannot make it do.
@Suite struct XMLTreeTests {
    private func parse(_ xml: String) -> XMLNode? { XMLNode.parse(Data(xml.utf8)) }

    @Test func qualifiedNamesAndAttributes() throws {
        let root = try #require(parse("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p>\
            <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr>\
            <w:r><w:t>一、组织领导</w:t></w:r></w:p></w:body></w:document>
            """))
        #expect(root.name == "w:document")
        // Namespace declarations are attributes, as XMLParser reported them without namespace processing.
        #expect(root.attributes == ["xmlns:w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                    "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"])
        let p = try #require(root.at("w:body", "w:p"))
        #expect(p.children.map(\.name) == ["w:pPr", "w:r"])
        let numPr = try #require(p.at("w:pPr", "w:numPr"))
        #expect(numPr.at("w:ilvl")?.attributes == ["w:val": "1"])
        #expect(numPr.at("w:numId")?.attr("w:val") == "3")
        #expect(numPr.at("w:numId")?.attr("val") == "3")  // by local name
        #expect(p.descendants("w:t").map(\.text) == ["一、组织领导"])
    }

    @Test func defaultNamespaceAndChineseText() throws {
        let root = try #require(parse("""
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">\
            <si><t>县双拥工作领导小组办公室</t></si><si><r><t>牵头单位：</t></r><r><t>县退役军人事务局</t></r></si></sst>
            """))
        #expect(root.name == "sst")
        #expect(root.attributes["xmlns"] == "http://schemas.openxmlformats.org/spreadsheetml/2006/main")
        #expect(root.attr("count") == "2")
        #expect(root.all("si").first?.first("t")?.text == "县双拥工作领导小组办公室")
        #expect(root.all("si").last?.all("r").compactMap { $0.first("t")?.text }.joined() == "牵头单位：县退役军人事务局")
    }

    @Test func textGoesToTheInnermostOpenElement() throws {
        let root = try #require(parse("<a>x<b>y<c/>z</b>w\n  <d>v</d>\n</a>"))
        #expect(root.text == "xw\n  \n")
        #expect(root.first("b")?.text == "yz")
        #expect(root.first("b")?.first("c")?.text == "")
        #expect(root.first("d")?.text == "v")
    }

    @Test func selfClosingElementsHaveNoEnd() throws {
        let row = try #require(parse(#"<row r="1"><c r="A1"/><c r="B1" t="s"><v>2</v></c><c r="C1"></c></row>"#))
        #expect(row.all("c").map { $0.attr("r") } == ["A1", "B1", "C1"])
        #expect(row.all("c").map(\.children.count) == [0, 1, 0])
        #expect(row.all("c")[1].first("v")?.text == "2")
    }

    @Test func cdataIsText() throws {
        #expect(parse("<t>a<![CDATA[ < b & c > ]]>d</t>")?.text == "a < b & c > d")
    }

    @Test func predefinedEntitiesAndCharacterReferences() throws {
        let t = try #require(parse(#"<t a="x &amp; y &#x4E2D;&#25991; &lt;&quot;&apos;&gt;">A &amp; B &lt;&gt;&quot;&apos; &#x4E2D;&#25991;</t>"#))
        #expect(t.text == "A & B <>\"' 中文")
        #expect(t.attr("a") == "x & y 中文 <\"'>")
    }

    @Test func whitespaceOnlyTextIsKept() throws {
        let r = try #require(parse(#"<w:r xmlns:w="urn:w"><w:t xml:space="preserve"> </w:t><w:t>  </w:t><w:tab/><w:t xml:space="preserve">x </w:t></w:r>"#))
        #expect(r.all("w:t").map(\.text) == [" ", "  ", "x "])
        #expect(r.all("w:t").first?.attributes == ["xml:space": "preserve"])
    }

    @Test func utf16Document() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in #"<?xml version="1.0" encoding="UTF-16"?><t>双拥</t>"#.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(XMLNode.parse(Data(bytes))?.text == "双拥")
    }

    /// Not well-formed: nil. (`XMLParser` returned a tree for the mismatched end tag and the second root.)
    @Test(arguments: [
        "", "not xml", "<a>", "<a><b></a>", "<a></a><b/>", "<a x='1' x='2'/>", "<a>&undefined;</a>", "<a>&#0;</a>",
        "<r>a]]>b</r>", #"<r a="<"/>"#, #"<?xml version="1.0" encoding="bogus"?><r/>"#, "<a><b>中文</b>",
    ])
    func malformedIsNil(_ xml: String) {
        #expect(parse(xml) == nil)
    }

    /// Namespace errors are not fatal: the names stay as written, as `XMLParser` kept them.
    @Test func undeclaredPrefixesAreKept() throws {
        #expect(parse("<w:p/>")?.name == "w:p")
        let t = try #require(parse(#"<a xmlns:w="urn:w"><w:t w:v="1" u:v="2"/></a>"#)?.first("w:t"))
        #expect(t.attributes == ["w:v": "1", "u:v": "2"])
    }

    /// Nested entities that would expand to a billion "lol"s (3 GB) are neither expanded in text nor in
    /// attribute values: the part is refused or read without them, at once.
    @Test func entityExpansionBomb() {
        var dtd = #"<!ENTITY lol0 "lol">"#
        for level in 1...9 { dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">" }
        for body in ["<r>a&lol9;b</r>", #"<r v="a&lol9;b">ab</r>"#] {
            let root = parse("<?xml version=\"1.0\"?><!DOCTYPE r [\(dtd)]>" + body)
            let text = (root?.text ?? "") + (root?.attr("v") ?? "")
            #expect(root == nil || text == "abab" || text == "ab")
            #expect(!text.contains("lol"))
        }
        // One level, small enough not to trip libxml2's own limits: dropped where referenced, not expanded.
        let one = parse(#"<!DOCTYPE r [<!ENTITY e "expanded">]><r v="a&e;b">a&e;b</r>"#)
        #expect(one == nil || (one?.text == "ab" && one?.attr("v") == "ab"))
    }

    /// An external entity, an external DTD or a parameter entity naming a file: the file is never read.
    @Test func externalEntitiesReadNothing() throws {
        try withTemporaryFolder { folder in
            let secret = folder.write("secret.txt", "SECRET-4E2D")
            let dtd = folder.write("secret.dtd", #"<!ENTITY leak "SECRET-4E2D">"#)
            let documents = [
                #"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>a&x;b</r>"#,
                "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://\(secret)\">]><r>a&x;b</r>",
                "<!DOCTYPE r [<!ENTITY x SYSTEM \"\(secret)\">]><r v=\"a&x;b\">ab</r>",
                "<!DOCTYPE r SYSTEM \"file://\(dtd)\"><r>a&leak;b</r>",
                "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file://\(dtd)\"> %p;]><r>a&leak;b</r>",
                #"<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><r>a&x;b</r>"#,
            ]
            for xml in documents {
                let root = parse(xml)
                #expect(root == nil || root?.text == "ab", "\(xml)")
                let everything = (root?.text ?? "") + (root?.attributes.values.joined() ?? "")
                #expect(!everything.contains("SECRET") && !everything.contains("root:"), "\(xml)")
            }
            _ = try String(contentsOfFile: secret, encoding: .utf8)  // still there: the folder holds both files
        }
    }

    @Test func manyPartsOneLibrary() {
        // The library is loaded once; every part gets (and frees) its own reader.
        for n in 0..<2_000 { #expect(parse("<c r=\"A\(n)\"><v>\(n)</v></c>")?.first("v")?.text == "\(n)") }
    }

    /// Without libxml2 a .docx/.xlsx import says which library is missing and how to get it, not that the
    /// document is malformed.
    @Test(arguments: ["seed-plan.docx", "seed-tasks.xlsx"])
    func missingLibrary(_ name: String) throws {
        var tools = DocumentLoader.Tools.system
        let why = "libxml2.so.2: cannot open shared object file: No such file or directory"
        tools.xmlParserProblem = { why }
        let path = resource(name)
        let error = ImportError.needsLibrary(file: path, library: "libxml2", reason: why, package: "libxml2")
        #expect(throws: error) { try DocumentLoader.load(path, tools: tools) }
        #expect(error.description.contains(why))
        #expect(error.description.contains("apt-get install libxml2"))
        #expect(error.description.contains("需要 libxml2 库"))
        // Text needs no library.
        _ = try DocumentLoader.load(resource("county-model-plan.txt"), tools: tools)
    }

    @Test func libraryLoads() {
        #expect(XMLNode.parserProblem == nil)
    }
}
