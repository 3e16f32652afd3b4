import ShuangyongKit

extension PlanSnapshot {
    /// One task of a snapshot, found by its id without making the others, with the plan around it and
    /// where everything about the task is: what a save that changes that task alone needs (`OneTaskSave`).
    struct OneTask {
        /// The plan with every member but the other tasks: `tasks` holds this one.
        let plan: Plan
        /// Its place among the plan's tasks.
        let index: Int
        /// Where every task of the plan is in the plan file.
        let layout: TaskLayout
        /// Where the two parts are in the body, and within each part where its body begins (after its
        /// string table and unit lists), where the task's head and detail are and where the layout and
        /// the detail index begin.
        fileprivate let summary: Range<Int>, detail: Range<Int>
        fileprivate let bodyStarts: (summary: Int, detail: Int)
        fileprivate let head: Range<Int>, taskDetail: Range<Int>, layoutStart: Int, indexStart: Int
        /// The summary part's unit lists, by their strings' places.
        fileprivate let lists: [[Int]]
        /// The strings read from each part (the unit lists', the task's) and their places.
        fileprivate let seen: (summary: [(place: Int, string: String)], detail: [(place: Int, string: String)])
    }

    /// The task `id` in the snapshot body `body`; nil when no task has that id, the snapshot has no task
    /// layout, or the body is not well-formed.
    static func oneTask(_ id: String, in body: UnsafeRawBufferPointer) -> OneTask? {
        guard let n = summaryCount(body), body.count > 8 + n else { return nil }
        var d = Decoder(summary: UnsafeRawBufferPointer(rebasing: body[8..<8 + n]), detail: UnsafeRawBufferPointer(rebasing: body[(8 + n)...]))
        d.noting = true  // for the unit lists' places
        d.only = id
        d.s.sparse = true
        d.d?.sparse = true
        guard let (plan, layout) = try? d.plan(), let layout, let found = d.found else { return nil }
        return OneTask(plan: plan, index: found.index, layout: layout, summary: 8..<8 + n, detail: 8 + n..<body.count,
                       bodyStarts: d.bodyStarts, head: found.head, taskDetail: found.detail, layoutStart: d.layoutStart,
                       indexStart: d.indexStart, lists: d.s.listPlaces, seen: (d.s.seen, d.d!.seen))
    }

    /// The body of the snapshot of `one`'s plan with its task replaced by `task` and its layout by `layout`,
    /// as pieces: `bytes` (the snapshot file `one` was found in, its body at `bodyStart`) kept as they are
    /// but for that task's head and detail, the strings new to it (added after its own, as
    /// `encode(_:layout:reusing:)` adds them) and the layout; with how many pieces the summary part's byte
    /// count and the summary part take. Nil when a value does not fit its 32 bits, or when the strings
    /// added are a quarter of the snapshot (a fresh one, made from the file by the next load, stores each once).
    static func pieces(_ bytes: [UInt8], bodyStart: Int, replacing one: OneTask, with task: PlanTask,
                       layout: TaskLayout) -> (pieces: [Writer.Piece], summaryPieces: Int)? {
        let summary = bytes[bodyStart + one.summary.lowerBound..<bodyStart + one.summary.upperBound]
        let detail = bytes[bodyStart + one.detail.lowerBound..<bodyStart + one.detail.upperBound]
        let (s0, d0) = (summary.startIndex, detail.startIndex)
        var s = Writer(continuing: summary, lists: one.lists), d = Writer(continuing: detail, lists: [])
        var l = Writer(), count = Writer(), total = Writer()
        // The task's strings that are still its own keep their places (an edit adds a line or a note): a
        // snapshot spliced edit after edit grows by what the edits add, not by the task each time.
        for (place, string) in one.seen.summary { s.table.know(string, at: place) }
        for (place, string) in one.seen.detail { d.table.know(string, at: place) }
        s.head(task)
        d.detail(task)
        l.layout(layout)
        count.u32(d.body.count)  // the task's place in the detail index
        let details = one.layoutStart - one.bodyStarts.detail - one.taskDetail.count + d.body.count
        withUnsafeBytes(of: UInt64(details).littleEndian) { total.body.append(contentsOf: $0) }
        let index = d0 + one.indexStart + 4 * one.index
        guard s.fits, s.table.added + d.table.added <= (summary.count + detail.count) / 4 else { return nil }
        let summaryPieces = s.tables + [.kept(summary[s0 + one.bodyStarts.summary..<s0 + one.head.lowerBound]), .made(s.body),
                                        .kept(summary[(s0 + one.head.upperBound)...])]
        var summaryCount: [UInt8] = []
        withUnsafeBytes(of: UInt64(summaryPieces.reduce(0) { $0 + $1.count }).littleEndian) { summaryCount.append(contentsOf: $0) }
        let detailPieces = d.tables + [.kept(detail[d0 + one.bodyStarts.detail..<d0 + one.taskDetail.lowerBound]), .made(d.body),
                                       .kept(detail[d0 + one.taskDetail.upperBound..<d0 + one.layoutStart]),
                                       .made(l.body), .kept(detail[d0 + one.indexStart..<index]), .made(count.body),
                                       .kept(detail[index + 4..<detail.endIndex - 8]), .made(total.body)]
        return ([.made(summaryCount)] + summaryPieces + detailPieces, 1 + summaryPieces.count)
    }
}

extension [PlanSnapshot.Writer.Piece] {
    /// Calls `body` with the pieces' bytes, each where it is.
    func withBuffers<R>(_ body: ([UnsafeRawBufferPointer]) -> R) -> R {
        func go(_ k: Int, _ done: [UnsafeRawBufferPointer]) -> R {
            guard k < count else { return body(done) }
            switch self[k] {
            case let .made(b): return b.withUnsafeBytes { go(k + 1, done + [$0]) }
            case let .kept(b): return b.withUnsafeBytes { go(k + 1, done + [$0]) }
            }
        }
        return go(0, [])
    }
}
