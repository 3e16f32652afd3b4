import Foundation
import ShuangyongKit

/// The units an import finds, merged by spelling: 驻固部队 = 驻固各部队, 各乡镇 = 各乡镇(办事处),
/// 其他县双拥工作领导小组成员单位 = 各成员单位 = 县双拥工作领导小组各成员单位.
///
/// A unit is created only from text that names it: a 牵头单位/责任单位/配合单位/参与单位/承办单位 value, or an
/// organisation named as the doer at the start of a clause of a task ("县人社局负责…", "县委宣传部要…").
/// Generic actors (各级党委, 政府, 各级各部门, 有关部门, 各机关团体, 领导, 群众) are not units.
struct UnitBook {
    struct Entry {
        var name: String
        var variants: [String]
        var key: String
        var kind: UnitKind
        var source: String
    }

    private(set) var entries: [Entry] = []
    /// Place names of the document ("固始"), so units like 固始电视台 are recognised.
    var places: Set<String> = []
    /// Guesses made while naming units (merges, offices for 县委/县政府), for the report.
    var guesses: [(subject: String, decision: String, source: String)] = []

    static let levelChars: Set<Character> = Set("县市区省州镇乡旗")
    static let suffixes = ["局", "办", "委", "部", "院", "厅", "队", "室", "组", "会", "联", "所", "站", "台", "网", "社", "中心",
                           "单位", "公司", "党校", "政府", "办事处", "街道", "乡镇", "分局", "团", "处", "科", "机关", "医院"]
    static let generic = ["各级", "有关", "相关", "领导", "群众", "人民", "官兵", "干部", "学校", "各单位", "各部门", "各地",
                          "机关团体", "全体", "本单位", "我局", "我县", "我市", "我区", "职工"]

    /// The comparison key: spaces, parentheses' contents, 各 and 其他 removed.
    static let bracketed = Pattern(#"[(（][^)）]*[)）]?"#)
    static let digitSpace = Pattern(#"(?<=\d)\s+(?=\d)"#)
    static let partyPrefix = Pattern(#"^(?:[县市区州省旗]委|团[县市区州省旗]?委|中共)"#)
    static let numbered = Pattern(#"^\d{4,}"#)
    static let genericPrefix = Pattern(#"^(?:各级|有关|相关|县直|市直|区直|全体)"#)
    static let shapedPrefix = Pattern(#"^(?:团[县市区州省旗]委|驻\p{Han}|各(?:乡镇|街道|新闻|成员|镇|乡|社区|部队|双拥))"#)

    static func key(_ name: String) -> String {
        var s = bracketed.replace(in: name)
        s = s.replacingOccurrences(of: "其他", with: "").replacingOccurrences(of: "各", with: "")
        return s.filter { !$0.isWhitespace }
    }

    /// A unit's written form tidied: ends trimmed of punctuation and "等", spaces inside digit groups removed.
    static func tidy(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \n，,。.;；:：、“”\"'"))
        for lead in ["由", "即", "请", "并由", "以及", "并"] where s.hasPrefix(lead) && s.count > lead.count + 2 {
            s = String(s.dropFirst(lead.count))
        }
        while s.hasSuffix("等") { s = String(s.dropLast()) }
        s = digitSpace.replace(in: s)
        return s.trimmed
    }

    static func kind(of name: String) -> UnitKind {
        let military = ["部队", "人武部", "武警", "军分区", "警备区", "边防", "预备役", "兵站", "舰", "支队", "大队", "中队", "营", "旅", "师"]
        if military.contains(where: { name.contains($0) }) || numbered.contains(name) { return .military }
        if ["乡镇", "街道", "办事处", "社区", "居委会", "村委会"].contains(where: { name.contains($0) }) || name.hasSuffix("镇") || name.hasSuffix("乡") {
            return .township
        }
        if partyPrefix.contains(name)
            || ["党校", "编办", "宣传部", "组织部", "统战部", "政法委", "党委", "纪委", "党工委"].contains(where: { name.contains($0) }) {
            return .party
        }
        if ["小组", "成员单位", "联", "会", "单位", "台", "网", "社", "公司", "协会", "商会", "团体"].contains(where: { name.hasSuffix($0) }) {
            return .other
        }
        if ["局", "办", "委", "政府", "办公室", "厅", "院", "中心", "所", "站", "处", "科"].contains(where: { name.hasSuffix($0) }) {
            return .government
        }
        return .other
    }

    /// The entry a spelling names, if any.
    func match(_ raw: String) -> Int? {
        let name = Self.tidy(raw)
        let k = Self.key(name)
        guard !k.isEmpty else { return nil }
        if let i = entries.firstIndex(where: { $0.key == k || $0.variants.contains(name) }) { return i }
        if let i = entries.firstIndex(where: { e in
            guard let f = e.key.first, Self.levelChars.contains(f) else { return false }
            return String(e.key.dropFirst()) == k
        }) { return i }
        if k == "成员单位" || k.hasSuffix("成员单位") {
            let members = entries.indices.filter { entries[$0].key.hasSuffix(k) }
            if members.count == 1 { return members[0] }
        }
        return nil
    }

    /// Adds (or merges) a unit named in a role list; returns its index.
    @discardableResult
    mutating func addFromRole(_ raw: String, source: String) -> Int? {
        let name = Self.tidy(raw)
        guard name.count >= 2, name.count <= 40, name.contains(where: { $0.isHan || $0.isNumber }) else { return nil }
        guard !["待定", "无", "各单位", "全体", "略"].contains(name) else { return nil }
        return insert(name, source: source)
    }

    private mutating func insert(_ name: String, source: String) -> Int {
        if let i = match(name) {
            if !entries[i].variants.contains(name) {
                entries[i].variants.append(name)
                guesses.append((name, "same unit as \(entries[i].name)", source))
                // The fullest spelling names the unit; "其他…" (the others of a list) never does.
                let current = entries[i].name
                if !name.hasPrefix("其他"), current.hasPrefix("其他") || (name.count > current.count && (Self.key(name) == entries[i].key || name.hasSuffix(current))) {
                    entries[i].name = name
                }
            }
            return i
        }
        entries.append(Entry(name: name, variants: [name], key: Self.key(name), kind: Self.kind(of: name), source: source))
        return entries.count - 1
    }

    /// Whether a phrase can name an organisation by its shape: a level or place prefix and an
    /// organisation suffix, not a generic actor.
    func isUnitShaped(_ name: String) -> Bool {
        guard name.count >= 3, name.count <= 24, name.allSatisfy({ $0.isHan || "()（）".contains($0) || $0.isNumber }) else { return false }
        if Self.generic.contains(where: { name.replacingOccurrences(of: "领导小组", with: "小组").contains($0) }) { return false }
        guard Self.suffixes.contains(where: { name.hasSuffix($0) }) else { return false }
        if let f = name.first, Self.levelChars.contains(f) { return true }
        if Self.shapedPrefix.contains(name) { return true }
        return places.contains { name.hasPrefix($0) }
    }

    static let verbs = Pattern(#"要|负责|牵头|应|须|必须|均|在|将|对|把|每年|全年|每半年|及时|认真|积极|会同|联合|定期|做好|抓好|开展|组织|确保|切实|进一步|全面"#)

    /// A part of an actor list that names nobody in particular (各级党委, 政府, 各机关团体, 有关部门).
    static func isGenericActor(_ part: String) -> Bool {
        part.count <= 2 || genericPrefix.contains(part)
            || generic.contains(where: { part.contains($0) }) || part.hasSuffix("党委") || part.hasSuffix("团体")
    }

    /// The units a task's text names as doing it: the organisations before a verb at the start of a clause
    /// ("县人社局负责…", "团县委、县妇联、驻固部队负责…", "住建、交通、公安等有关部门要…"). Of the prefixes
    /// that end before a verb, the longest made only of units and generic actors is taken, so 县委组织部负责
    /// is read whole, not as 县委 + 组织.
    mutating func owners(in text: String, source: String) -> [Int] {
        var out: [Int] = []
        for clause in text.split(whereSeparator: { "。；;，,：:！？!?\n".contains($0) }) {
            var c = String(clause).trimmed
            for lead in ["即", "同时", "并由", "由", "另外", "其中", "此外"] where c.hasPrefix(lead) { c = String(c.dropFirst(lead.count)) }
            let ns = c as NSString
            var best: [Int]? = nil
            var bestParts: (parts: [String], shortList: Bool)? = nil
            for m in Self.verbs.re.matches(in: c, range: NSRange(location: 0, length: ns.length)) {
                let p = m.range.location
                guard p >= 2, p <= 60 else { continue }
                let actor = ns.substring(to: p)
                let shortList = actor.contains("等有关部门") || actor.hasSuffix("等部门")
                var parts = actor.components(separatedBy: CharacterSet(charactersIn: "、和及与")).map(Self.tidy).filter { !$0.isEmpty }
                if shortList, let last = parts.popLast() {
                    let l = last.replacingOccurrences(of: "等有关部门", with: "").replacingOccurrences(of: "等部门", with: "")
                    if !l.isEmpty { parts.append(l) }
                }
                var named: [Int] = []
                var ok = !parts.isEmpty
                for part in parts {
                    if let i = resolveOwner(part, shortList: shortList, source: source, dryRun: true) { named.append(i) }
                    else if !(shortList || Self.isGenericActor(part)) { ok = false; break }
                }
                if ok, !named.isEmpty { best = named; bestParts = (parts, shortList) }
            }
            guard best != nil, let bp = bestParts else { continue }
            for part in bp.parts {
                if let i = resolveOwner(part, shortList: bp.shortList, source: source, dryRun: false), !out.contains(i) { out.append(i) }
            }
        }
        return out
    }

    /// The unit a part of an actor list names; a dry run only says whether it names one (−1 for a unit
    /// that would be created).
    private mutating func resolveOwner(_ part: String, shortList: Bool, source: String, dryRun: Bool) -> Int? {
        if part.isEmpty { return nil }
        if shortList, part.count <= 4 {
            // A short name in "住建、交通、公安等有关部门": the one known unit containing it.
            let hits = entries.indices.filter { entries[$0].name.contains(part) }
            if hits.count == 1 {
                if dryRun { return hits[0] }
                guesses.append((part, "short name for \(entries[hits[0]].name)", source))
                return hits[0]
            }
            return nil
        }
        if let i = match(part) { return i }
        // A known unit followed by a part of it (驻固部队官兵, 各乡镇(办事处)征兵办公室).
        if let i = entries.indices.filter({ i in entries[i].variants.contains { v in
            let rest = String(part.dropFirst(v.count))
            return part.hasPrefix(v) && v.count >= 3 && Self.verbs.firstRange(in: rest)?.lowerBound != rest.startIndex
        } })
            .max(by: { entries[$0].name.count < entries[$1].name.count }) {
            if dryRun { return i }
            guesses.append((part, "taken as \(entries[i].name)", source))
            return i
        }
        // 县委 / 县政府 as actors: their offices when the plan names them.
        for (body, office) in [("委", "委办"), ("政府", "政府办")] where part.hasSuffix(body) && part.count <= body.count + 1
            && Self.levelChars.contains(part.first!) {
            let officeName = String(part.dropLast(body.count)) + office
            if let i = match(officeName) {
                if dryRun { return i }
                guesses.append((part, "taken as its office \(entries[i].name)", source))
                return i
            }
        }
        guard isUnitShaped(part) else { return nil }
        return dryRun ? -1 : insert(part, source: source)
    }
}
