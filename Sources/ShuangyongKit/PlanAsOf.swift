import Foundation

// The plan as it stood at the end of a day (`--as-of`): every change recorded after that day is taken
// back, newest first, from the values its history entry recorded (FieldChange), and the entry itself goes.
//
// Rules worth knowing:
// - "After the day" is by the entry's instant: at or after the next midnight in the given zone.
// - The newest entry goes first, across the plan's history and every task's; a task brought back (its
//   deletion taken back) brings its own history, whose later entries are then taken back in turn.
//   Entries of the same second in different lists (one commit touching the plan and a task) go task first.
// - An entry without recorded changes (written before they were recorded) is taken back from its text
//   where the text says it plainly ("状态: 进行中 → 已完成", "进度: 20% → 60%", "备注: …"); otherwise only
//   the line goes and the value stays as it is now.
// - An entry whose `at` is not a time is never taken back.

extension Plan {
    /// The plan as it stood at the end of `day` in `zone` (default: the plan's own zone): every change
    /// its history records after that day taken back, and those history lines gone.
    public func asOf(_ day: Day, in zone: TimeZone? = nil) -> Plan {
        let zone = zone ?? timeZone
        guard let cutoff = PlanDates.startOfDay(day.adding(days: 1), in: zone) else { return self }
        var plan = self
        func after(_ entry: HistoryEntry?) -> Double? {
            guard let entry, let t = PlanDates.seconds(entry.at), t >= cutoff else { return nil }
            return t
        }
        // Tasks whose last entry is after the day, by id (a task's place moves as tasks come and go).
        var pending: [String: Double] = [:]
        for t in plan.tasks { if let s = after(t.history.last) { pending[t.id] = s } }
        while true {
            var best: (time: Double, task: String?)?
            if let s = after(plan.history.last) { best = (s, nil) }
            for (id, s) in pending where best == nil || s > best!.time || (s == best!.time && (best!.task == nil || id < best!.task!)) {
                best = (s, id)
            }
            guard let best else { break }
            let entry: HistoryEntry
            if let id = best.task {
                guard let i = plan.tasks.firstIndex(where: { $0.id == id }) else { pending[id] = nil; continue }
                entry = plan.tasks[i].history.removeLast()
                pending[id] = after(plan.tasks[i].history.last)
            } else {
                entry = plan.history.removeLast()
            }
            let changes = entry.changes.isEmpty ? plan.changes(readFrom: entry, task: best.task) : entry.changes
            for change in changes.reversed() {
                plan.takeBack(change)
                // A task brought back or moved may have entries of its own after the day; one taken away has none left.
                if change.field == .task || change.field == .taskPlace {
                    if let t = plan.tasks.first(where: { $0.id == change.id }) { pending[t.id] = after(t.history.last) } else { pending[change.id] = nil }
                }
            }
        }
        return plan
    }

    /// Puts back the value `change` records as before (removing what did not exist, restoring what was removed).
    mutating func takeBack(_ change: FieldChange) {
        let id = change.id
        func restore<T: Identifiable>(_ list: inout [T], _ value: T?) where T.ID == String {
            let k = list.firstIndex { $0.id == id }
            if let k { list.remove(at: k) }
            guard let value else { return }
            let at = change.position ?? k ?? list.count
            list.insert(value, at: min(max(at, 0), list.count))
        }
        switch (change.field, change.before) {
        case let (.unitName, .unitName(name, short)?):
            if let k = units.firstIndex(where: { $0.id == id }) {
                units[k].name = name
                units[k].shortName = short
            }
            return
        case let (.plan, .planInfo(info)?):
            title = info.title
            organization = info.organization
            year = info.year
            timeZoneID = info.timeZoneID
            return
        case (.unit, let v):
            if case let .unit(u)? = v { restore(&units, u) } else { restore(&units, nil as Unit?) }
            return
        case (.section, let v):
            if case let .section(s)? = v { restore(&sections, s) } else { restore(&sections, nil as Section?) }
            return
        case (.phase, let v):
            if case let .phase(p)? = v { restore(&phases, p) } else { restore(&phases, nil as Phase?) }
            return
        case (.activity, let v):
            if case let .activity(a)? = v { restore(&activities, a) } else { restore(&activities, nil as Activity?) }
            return
        case (.task, let v):
            if case let .task(t)? = v { restore(&tasks, t) } else { restore(&tasks, nil as PlanTask?) }
            return
        default:
            break
        }
        guard let i = tasks.firstIndex(where: { $0.id == id }) else { return }
        switch change.before {
        case let .status(s)?: tasks[i].status = s
        case let .progress(p)?: tasks[i].progress = p
        case let .due(d)?: tasks[i].due = d
        case let .achieved(n)?: tasks[i].target?.achieved = n
        case let .owners(o)?: tasks[i].ownerUnits = o
        case let .leads(l)?: tasks[i].leadUnits = l
        case let .taskText(title, text)?:
            tasks[i].title = title
            tasks[i].text = text
        case let .targetSpec(t)?: tasks[i].target = t
        case let .taskPlace(section, phase)?:
            tasks[i].phaseID = phase
            guard tasks[i].sectionID != section else { return }
            var t = tasks.remove(at: i)
            t.sectionID = section
            if let n = change.number { t.number = n }
            let at = change.position ?? (tasks.lastIndex { $0.sectionID == section }).map { $0 + 1 } ?? tasks.count
            tasks.insert(t, at: min(max(at, 0), tasks.count))
        case let .note(n)?:
            let at = change.position ?? tasks[i].notes.count
            tasks[i].notes.insert(n, at: min(max(at, 0), tasks[i].notes.count))
        case nil:
            // A note added: it goes.
            if case let .note(n)? = change.after,
               let k = tasks[i].notes.lastIndex(where: { $0.at == n.at && $0.by == n.by && $0.text == n.text }) {
                tasks[i].notes.remove(at: k)
            }
        default:
            break
        }
    }

    /// The changes an entry without recorded ones states plainly in its text: a task's status or progress
    /// ("状态: 进行中 → 已完成（进度 60% → 100%）", "进度: 20% → 60%") or a note added at its time by its author.
    func changes(readFrom entry: HistoryEntry, task id: String?) -> [FieldChange] {
        guard let id, let task = tasks.first(where: { $0.id == id }) else { return [] }
        let text = entry.change
        func labels(_ s: Substring) -> (Substring, Substring)? {
            let parts = s.components(separatedBy: " → ")
            guard parts.count == 2 else { return nil }
            return (Substring(parts[0]), Substring(parts[1]))
        }
        func percent(_ s: Substring) -> Int? { Int(s.trimmingCharacters(in: .whitespaces).dropLast().description) }
        if text.hasPrefix("状态: ") {
            var body = text.dropFirst(4)
            var out: [FieldChange] = []
            if let open = body.firstIndex(of: "（"), body.hasSuffix("）") {
                let inner = body[body.index(after: open)..<body.index(before: body.endIndex)]
                if inner.hasPrefix("进度 "), let (a, b) = labels(inner.dropFirst(3)), let from = percent(a), let to = percent(b) {
                    out.append(FieldChange(field: .progress, id: id, before: .progress(from), after: .progress(to)))
                }
                body = body[..<open]
            }
            guard let (a, b) = labels(body),
                  let from = TaskStatus.allCases.first(where: { $0.historyLabel == a }),
                  let to = TaskStatus.allCases.first(where: { $0.historyLabel == b }) else { return [] }
            return [FieldChange(field: .status, id: id, before: .status(from), after: .status(to))] + out
        }
        if text.hasPrefix("进度: "), let (a, b) = labels(text.dropFirst(4)), let from = percent(a), let to = percent(b) {
            return [FieldChange(field: .progress, id: id, before: .progress(from), after: .progress(to))]
        }
        if text.hasPrefix("备注: "), let note = task.notes.last(where: { $0.at == entry.at && $0.by == entry.by }) {
            return [FieldChange(field: .notes, id: id, before: nil, after: .note(note))]
        }
        return []
    }
}

extension PlanDates {
    /// Seconds since 1970 of an ISO 8601 time with an offset (`2026-07-03T09:15:00+08:00`, `Z` and
    /// fractions of a second allowed, fractions ignored); nil when the text is not one.
    public static func seconds(_ text: String) -> Double? {
        guard timeProblem(text) == nil else { return nil }
        let u = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int {
            var v = 0
            for k in from..<(from + count) { v = v * 10 + Int(u[k] - 48) }
            return v
        }
        guard let day = Day(iso: String(decoding: u[0..<10], as: UTF8.self)) else { return nil }
        var i = 19
        if u[i] == UInt8(ascii: ".") {
            i += 1
            while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
        }
        var offset = 0
        if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-"), i + 6 <= u.count {
            offset = (num(i + 1, 2) * 60 + num(i + 4, 2)) * 60 * (u[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        let local = day.ordinal * 86_400 + num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2)
        return Double(local - offset)
    }

    /// Seconds since 1970 of the first instant of `day` in `zone`; nil when the calendar cannot say.
    public static func startOfDay(_ day: Day, in zone: TimeZone) -> Double? {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal.date(from: DateComponents(year: day.year, month: day.month, day: day.day))?.timeIntervalSince1970
    }
}
