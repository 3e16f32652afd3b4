import Dashboard
import Dispatch
import Foundation
import PlanFile
import ShuangyongKit
import Testing
import TerminalUI

/// 2026-10-15 10:00 in Beijing: the sample's "today".
let morning = ISO8601DateFormatter().date(from: "2026-10-15T10:00:00+08:00")!

/// The dashboard on the sample plan in a store kept in memory, with a clock the test moves.
struct Desk {
    let store: InMemoryPlanStore
    let clock: FakeClock
    var app: DashboardApp
    var runner: EffectRunner

    init(plan: Plan = SamplePlan.make(year: 2026), view: ViewID = .tasks, readOnly: String? = nil) {
        store = InMemoryPlanStore(plan)
        store.readOnlyReason = readOnly
        let clock = FakeClock(morning)
        self.clock = clock
        var state = DashboardState(plan: plan, today: sampleToday, lang: .zh)
        state.view = view
        app = DashboardApp(state: state)
        runner = EffectRunner(store: store, user: "王敏", now: { clock.now })
        _ = app.update(.resize(width: 120, height: 40))
        _ = app.update(.tick(clock.now))  // the first tick checks the file at once
    }

    /// Sends an event, asserts the effects it asks for, and returns them.
    @discardableResult
    mutating func send(_ event: Event, effects expected: [Effect]? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> [Effect] {
        let effects = app.update(event)
        if let expected { #expect(effects == expected, sourceLocation: sourceLocation) }
        return effects
    }

    mutating func press(_ keys: Key..., sourceLocation: SourceLocation = #_sourceLocation) {
        for k in keys { #expect(app.update(key: k) == [], "\(k)", sourceLocation: sourceLocation) }
    }

    /// Carries out an effect and returns the events that report it (the test then sends them).
    mutating func run(_ effect: Effect) -> [Event] { runner.run(effect) }

    /// Sends an event and carries out everything it leads to, as the executable's run loop does.
    mutating func settle(_ event: Event) -> Bool {
        var runtime = DashboardRuntime(app: app, runner: runner)
        defer { app = runtime.app; runner = runtime.runner! }
        return runtime.send(event)
    }

    /// `settle`, for an event that must not end the dashboard.
    mutating func step(_ event: Event, sourceLocation: SourceLocation = #_sourceLocation) {
        let quits = settle(event)
        #expect(!quits, "\(event) quit", sourceLocation: sourceLocation)
    }

    func task(_ id: String, in plan: Plan? = nil) -> PlanTask { (plan ?? app.state.plan).tasks.first { $0.id == id }! }
}

@Suite("From key to saved plan: update, effect, store, result event, update")
struct RuntimeTests {
    /// The tasks view with s1-3 (进行中, 60%) selected.
    func deskOnS13(_ desk: inout Desk) {
        desk.press(.down, .down)
        #expect(desk.app.selectedTaskID == "s1-3")
    }

    @Test func statusChangeGoesThroughTheStoreAndBack() throws {
        var desk = Desk()
        deskOnS13(&desk)
        desk.press(.char("t"))
        #expect(desk.app.state.picker?.purpose == .status(taskID: "s1-3"))
        desk.press(.down)  // 进行中 → 已完成
        let effects = desk.send(.key(.enter), effects: [.commit([.setStatus(taskID: "s1-3", .done)], seen: SeenValue(.status(.inProgress)))])
        #expect(desk.app.state.picker == nil)
        // Nothing is saved until the runner carries the effect out.
        #expect(desk.task("s1-3", in: desk.store.disk).status == .inProgress)
        let events = desk.run(effects[0])
        guard case let .saved(result, .change)? = events.first, events.count == 1 else {
            Issue.record("expected one saved event, got \(events)")
            return
        }
        #expect(result.conflicts.isEmpty)
        let saved = desk.task("s1-3", in: desk.store.disk)
        #expect(saved.status == .done && saved.progress == 100)
        #expect(saved.history.last?.by == "王敏")
        #expect(saved.history.last?.at == PlanEdit.timestamp(morning, in: TimeZone(identifier: "Asia/Shanghai")!))
        desk.send(events[0], effects: [])
        #expect(desk.task("s1-3").status == .done)
        #expect(desk.app.state.message?.hasPrefix("已保存：状态: 进行中 → 已完成") == true)
        #expect(desk.app.selectedTaskID == "s1-3")
    }

    @Test func undoAndRedoAreSavedAndSayWhenThereIsNothingLeft() {
        var desk = Desk()
        deskOnS13(&desk)
        desk.step(.key(.char("u")))
        #expect(desk.app.state.message == "没有可撤销的修改")
        desk.press(.char("p"), .backspace, .backspace, .char("7"))
        desk.step(.key(.char("5")))
        desk.step(.key(.enter))
        #expect(desk.task("s1-3", in: desk.store.disk).progress == 75)
        desk.press(.down)  // the selection moves on: the message still says which task
        desk.step(.key(.char("u")))
        #expect(desk.task("s1-3", in: desk.store.disk).progress == 60)
        #expect(desk.app.state.message == "已撤销：s1-3「成员单位履职、年终总结与书面述职」 进度: 75% → 60%")
        #expect(desk.task("s1-3").progress == 60)
        #expect(desk.task("s1-3", in: desk.store.disk).history.last?.change.contains("撤销") == true)
        desk.step(.key(.ctrl("r")))
        #expect(desk.task("s1-3", in: desk.store.disk).progress == 75)
        #expect(desk.app.state.message?.hasPrefix("已重做：s1-3「") == true)
        desk.step(.key(.ctrl("r")))
        #expect(desk.app.state.message == "没有可重做的修改")
    }

    /// This desk sets s1-3 to 75% while another desk saved 80%: the user chooses.
    func conflictOnS13() -> Desk {
        var desk = Desk()
        deskOnS13(&desk)
        desk.press(.char("p"))
        desk.store.otherDeskSaves { plan in
            let k = plan.tasks.firstIndex { $0.id == "s1-3" }!
            plan.tasks[k].progress = 80
        }
        desk.press(.backspace, .backspace, .char("7"), .char("5"))
        desk.step(.key(.enter))
        #expect(desk.app.state.save.conflicts.map(\.id) == ["s1-3"])
        #expect(desk.app.state.message == "有 1 处与其他席位冲突，请选择")
        #expect(render(desk.app).plainText.contains("他人改为 80%"))
        return desk
    }

    @Test func aConflictKeptMineSavesMine() {
        var desk = conflictOnS13()
        desk.step(.key(.char("m")))
        #expect(desk.app.state.save.conflicts.isEmpty)
        #expect(desk.task("s1-3", in: desk.store.disk).progress == 75)
        #expect(desk.task("s1-3").progress == 75)
    }

    @Test func aConflictKeptTheirsLeavesTheirs() {
        var desk = conflictOnS13()
        desk.send(.key(.char("t")), effects: [])
        #expect(desk.app.state.save.conflicts.isEmpty)
        #expect(desk.app.state.message == "已保留其他席位的修改")
        #expect(desk.task("s1-3", in: desk.store.disk).progress == 80)
        #expect(desk.task("s1-3").progress == 80)
    }

    @Test func anotherDesksSaveIsLoadedOnTheClockKeepingTheSelection() {
        var desk = Desk()
        deskOnS13(&desk)
        desk.store.otherDeskSaves { plan in
            plan.tasks.insert(PlanTask(id: "s1-0", sectionID: "s1", number: 0, title: "新任务", text: "", phaseID: "p1"), at: 0)
            let k = plan.tasks.firstIndex { $0.id == "s1-3" }!
            plan.tasks[k].progress = 90
        }
        desk.clock.advance(seconds: 1)
        desk.send(.tick(desk.clock.now), effects: [])  // too soon to look again
        desk.clock.advance(seconds: 1)
        let effects = desk.send(.tick(desk.clock.now), effects: [.checkFile])
        let events = desk.run(effects[0])
        #expect(events.contains(.reloaded(desk.store.disk)))
        for e in events { desk.send(e, effects: []) }
        #expect(desk.app.state.plan.tasks.count == 46)
        #expect(desk.app.selectedTaskID == "s1-3")
        #expect(desk.task("s1-3").progress == 90)
        #expect(desk.app.state.message == "已载入其他席位保存的更改")
    }

    @Test func anUnreadableFileKeepsTheLastGoodPlanUnderABanner() {
        var desk = Desk()
        desk.store.otherDeskSaves { $0.title = "改坏之前" }
        desk.store.unreadable = .syntax(file: "plan.json", line: 3, column: 1, message: "unexpected end")
        desk.clock.advance(seconds: 2)
        desk.step(.tick(desk.clock.now))
        // One line in the user's language: what is wrong, since when older data is shown, where the rest is.
        #expect(desk.app.state.banner == "计划文件无法读取（JSON 格式错误，第3行第1列），自 10:00 起显示的是之前的数据 · 按 ! 查看详情")
        #expect(desk.app.state.plan.title == SamplePlan.make(year: 2026).title)
        desk.clock.advance(seconds: 60)
        desk.step(.tick(desk.clock.now))
        #expect(desk.app.state.banner?.contains("自 10:00 起") == true)  // since the first failed check
        desk.step(.key(.char("!")))
        let g = render(desk.app)
        #expect(g.plainText.contains("计划文件的问题"))
        #expect(g.plainText.contains("plan.json:3:1: not valid JSON: unexpected end"))
        desk.step(.key(.char("x")))
        #expect(!desk.app.state.showProblems)
        desk.store.unreadable = nil
        desk.clock.advance(seconds: 2)
        desk.step(.tick(desk.clock.now))
        #expect(desk.app.state.banner == nil)
        #expect(desk.app.state.plan.title == "改坏之前")
        desk.step(.key(.char("!")))
        #expect(!desk.app.state.showProblems && desk.app.state.message == "计划文件可以正常读取")
    }

    @Test func aFailedSaveIsKeptShownAndSavedByTheNextCheck() {
        var desk = Desk()
        deskOnS13(&desk)
        desk.store.failure = .saveFailed(.io(file: "plan.json", operation: "write", reason: "No space left on device"),
                                         recoveryFile: "plan.json.recovery.json", recoveryProblem: nil)
        desk.press(.char("p"), .backspace, .backspace, .char("7"), .char("5"))
        let effects = desk.send(.key(.enter), effects: [.commit([.setProgress(taskID: "s1-3", 75)], seen: SeenValue(.progress(60)))])
        let events = desk.run(effects[0])
        #expect(events.count == 1)
        desk.send(events[0], effects: [])
        #expect(desk.app.state.save.unsaved == 1)
        #expect(desk.app.state.message?.hasPrefix("未保存：") == true)
        #expect(desk.task("s1-3").progress == 75)  // shown as changed, marked unsaved
        #expect(desk.task("s1-3", in: desk.store.disk).progress == 60)
        #expect(render(desk.app).rowText(0).contains("⚠ 未保存 1 项"))
        // Quitting asks first; the disk is still full at the next check.
        desk.send(.key(.char("q")), effects: [])
        #expect(desk.app.state.confirmation?.quits == true)
        #expect(desk.app.state.confirmation?.message == "有 1 项修改还没存进计划文件（已记在恢复文件 plan.json.recovery.json，本机下次保存时补存）。仍要退出？(y/N)")
        desk.send(.key(.char("n")), effects: [])
        desk.clock.advance(seconds: 2)
        desk.step(.tick(desk.clock.now))
        #expect(desk.app.state.save.unsaved == 1)
        // Room again: the next check saves it.
        desk.store.failure = nil
        desk.clock.advance(seconds: 2)
        desk.step(.tick(desk.clock.now))
        #expect(desk.app.state.save.unsaved == 0)
        #expect(desk.app.state.message == "已补存 1 项之前未保存的修改")
        #expect(desk.task("s1-3", in: desk.store.disk).progress == 75)
        #expect(desk.store.writes == 1)
        let quits = desk.settle(.key(.char("q")))
        #expect(quits)
    }

    @Test func theQuitQuestionSaysWhenAChangeIsOnlyInThisWindow() {
        var desk = Desk()
        deskOnS13(&desk)
        desk.store.failure = .saveFailed(.io(file: "plan.json", operation: "write", reason: "No space left on device"),
                                         recoveryFile: nil, recoveryProblem: "No space left on device")
        desk.press(.char("p"), .backspace, .char("5"))
        desk.step(.key(.enter))
        desk.send(.key(.char("q")), effects: [])
        #expect(desk.app.state.confirmation?.message.hasPrefix("有 1 项修改只在本窗口的内存中（恢复文件也写不进：No space left on device），退出就会丢失") == true)
    }

    @Test func aReadOnlyPlanRefusesChangesAndSaysWhy() {
        let desk = Desk(readOnly: "its permissions make it read-only")
        var runtime = DashboardRuntime(app: desk.app, runner: desk.runner)
        #expect(runtime.app.state.banner == "只读：its permissions make it read-only")
        for key in [Key.char("t"), .char("p"), .char("D"), .char("u")] {
            let quits = runtime.send(.key(key))
            #expect(!quits)
            #expect(runtime.app.state.picker == nil && runtime.app.state.prompt == nil && runtime.app.state.confirmation == nil)
            #expect(runtime.app.state.message?.hasPrefix("只读，不能修改") == true)
        }
        #expect(desk.store.writes == 0)
        // A colleague fixes the permissions: the next check says so.
        desk.store.readOnlyReason = nil
        desk.clock.advance(seconds: 2)
        let quits = runtime.send(.tick(desk.clock.now))
        #expect(!quits)
        #expect(runtime.app.state.banner == nil)
        #expect(runtime.app.state.save.readOnlyReason == nil)
    }

    @Test func todayFollowsTheClockUnlessFixed() {
        var desk = Desk()
        let midnight = ISO8601DateFormatter().date(from: "2026-10-16T00:00:01+08:00")!
        desk.send(.tick(midnight), effects: [.checkFile])
        #expect(desk.app.state.today == Day(year: 2026, month: 10, day: 16)!)
        var fixed = sampleApp(view: .tasks, width: 120, height: 40)  // as with --date
        _ = fixed.update(.tick(midnight))
        #expect(fixed.state.today == sampleToday)
    }

    /// One editable field: the keys that open its editor on s1-3 (tasks view) or unit zgbd (overdue view),
    /// the keys that finish it, and another desk's change to the same field.
    struct EditorCase: Sendable, CustomTestStringConvertible {
        var field: PlanField
        var view: ViewID
        var open: [Key]
        var finish: [Key]
        var theirs: @Sendable (inout Plan) -> Void
        var testDescription: String { field.rawValue }
    }

    static func onS13(_ plan: inout Plan, _ change: (inout PlanTask) -> Void) {
        change(&plan.tasks[plan.tasks.firstIndex { $0.id == "s1-3" }!])
    }

    static let editors: [EditorCase] = {
        [
            EditorCase(field: .progress, view: .tasks, open: [.down, .down, .char("p")], finish: [.backspace, .backspace, .char("7"), .enter],
                       theirs: { RuntimeTests.onS13(&$0) { $0.progress = 80 } }),
            EditorCase(field: .due, view: .tasks, open: [.down, .down, .char("d")],
                       finish: Array(repeating: Key.backspace, count: 10) + "2026-11-30".map { Key.char($0) } + [.enter],
                       theirs: { RuntimeTests.onS13(&$0) { $0.due = Day(year: 2026, month: 12, day: 15)! } }),
            EditorCase(field: .status, view: .tasks, open: [.down, .down, .char("t")], finish: [.up, .enter],
                       theirs: { RuntimeTests.onS13(&$0) { $0.status = .blocked } }),
            EditorCase(field: .owners, view: .tasks, open: [.down, .down, .char("O")], finish: [.char(" "), .enter],
                       theirs: { RuntimeTests.onS13(&$0) { $0.ownerUnits = ["syb"] } }),
            EditorCase(field: .unitName, view: .overdue, open: [.char("R")], finish: [.backspace, .char("甲"), .enter],
                       theirs: { $0.units[$0.units.firstIndex { $0.id == "zgbd" }!].name = "驻军各部队" }),
        ]
    }()

    /// A field changed at another desk while this desk's editor for it is open, and reloaded here: the
    /// editor says so, and saving asks the user instead of overwriting the other desk's value.
    @Test(arguments: editors)
    func aFieldChangedElsewhereUnderAnOpenEditorIsAConflict(_ c: EditorCase) {
        for keepMine in [true, false] {
            var desk = Desk(view: c.view)
            for k in c.open { desk.step(.key(k)) }
            #expect(desk.app.state.prompt != nil || desk.app.state.picker != nil)
            desk.store.otherDeskSaves(c.theirs)
            let theirs = desk.store.disk
            desk.clock.advance(seconds: 2)
            desk.step(.tick(desk.clock.now))  // another desk's save is loaded under the open editor
            #expect(desk.app.state.plan == theirs)
            let warned = desk.app.state.prompt?.changedElsewhere ?? desk.app.state.picker?.changedElsewhere
            #expect(warned != nil, "the open editor says the field changed elsewhere")
            #expect(render(desk.app).plainText.contains("另一席位已改为"))
            for k in c.finish { desk.step(.key(k)) }
            let conflicts = desk.app.state.save.conflicts
            #expect(conflicts.map(\.field) == [c.field])
            #expect(desk.store.disk == theirs, "nothing overwritten before the user chooses")
            guard let conflict = conflicts.first else { continue }
            #expect(conflict.disk == theirs.describe(theirs.value(of: c.field, id: conflict.id), of: conflict.id))
            #expect(conflict.base != conflict.disk && conflict.ours != conflict.disk)
            desk.step(.key(.char(keepMine ? "m" : "t")))
            #expect(desk.app.state.save.conflicts.isEmpty)
            let now = desk.store.disk.value(of: c.field, id: conflict.id)
            if keepMine {
                #expect(now == conflict.pending.edit.targetValue)
            } else {
                #expect(desk.store.disk == theirs)
            }
        }
    }
}

/// A store whose file checks block until the test lets them go: a plan on a network share that stopped
/// answering.
final class HangingStore: PlanStoring, @unchecked Sendable {
    let inner: InMemoryPlanStore
    let release = DispatchSemaphore(value: 0)
    init(_ plan: Plan) { inner = InMemoryPlanStore(plan) }
    var plan: Plan { inner.plan }
    var pending: [PendingEdit] { inner.pending }
    var readOnlyReason: String? { inner.readOnlyReason }
    var unsavedLocation: PlanDocument.UnsavedLocation { inner.unsavedLocation }
    func commit(_ edits: [PlanEdit], by user: String, at now: Date, as kind: EditKind) throws(PlanSyncError) -> CommitResult {
        try inner.commit(edits, by: user, at: now, as: kind)
    }
    func resolve(_ conflicts: [PlanConflict], keep: (PlanConflict) -> ConflictSide) throws(PlanSyncError) -> CommitResult {
        try inner.resolve(conflicts, keep: keep)
    }
    func retry(lockTimeout: Double?) throws(PlanSyncError) -> CommitResult { try inner.retry(lockTimeout: lockTimeout) }
    func reloadIfChanged() throws(PlanFileError) -> Plan? {
        release.wait()
        return try inner.reloadIfChanged()
    }
    func refreshReadOnly() {}
}

@Suite("Effects off the drawing thread")
struct BackgroundEffectsTests {
    @Test func aFileThatDoesNotAnswerShowsAsUnreachableAndKeysStillAct() {
        let store = HangingStore(SamplePlan.make(year: 2026))
        let clock = FakeClock(morning)
        var state = DashboardState(plan: store.plan, today: sampleToday, lang: .zh)
        state.view = .overview
        var runtime = DashboardRuntime(app: DashboardApp(state: state), backgroundRunner: EffectRunner(store: store, user: "王敏", now: { clock.now }),
                                       path: "plan.json", timeout: 5)
        _ = runtime.send(.resize(width: 120, height: 40))
        _ = runtime.send(.tick(clock.now))  // starts a file check, which hangs
        _ = runtime.collect(patience: 0)
        #expect(runtime.app.state.banner == nil)
        // The screen keeps answering keys while the check hangs.
        _ = runtime.send(.key(.char("5")))
        #expect(runtime.app.state.view == .tasks)
        clock.advance(seconds: 2)
        _ = runtime.send(.tick(clock.now))  // no second check while one is running
        clock.advance(seconds: 3)
        _ = runtime.collect(patience: 0)
        #expect(runtime.app.state.banner?.contains("文件无响应 (file unreachable)") == true)
        #expect(runtime.app.state.plan == store.plan)  // the last good data stays
        // The share answers again: the next check clears the banner.
        store.release.signal()
        runtime.background?.waitUntilIdle()
        _ = runtime.collect(patience: 0)
        clock.advance(seconds: 2)
        store.release.signal()
        _ = runtime.send(.tick(clock.now))
        runtime.background?.waitUntilIdle()
        _ = runtime.collect(patience: 0)
        #expect(runtime.app.state.banner == nil)
    }

    @Test func aSaveMadeInTheBackgroundComesBackAsItsResult() {
        let store = InMemoryPlanStore(SamplePlan.make(year: 2026))
        var state = DashboardState(plan: store.plan, today: sampleToday, lang: .zh)
        state.view = .tasks
        var runtime = DashboardRuntime(app: DashboardApp(state: state, followsClock: false),
                                       backgroundRunner: EffectRunner(store: store, user: "王敏", now: { morning }), path: "plan.json")
        _ = runtime.send(.resize(width: 120, height: 40))
        for key in [Key.down, .down, .char("t"), .down, .enter] { _ = runtime.send(.key(key)) }
        runtime.background?.waitUntilIdle()
        _ = runtime.collect(patience: 0)
        #expect(store.disk.tasks[2].status == .done)
        #expect(runtime.app.state.message?.hasPrefix("已保存：状态: 进行中 → 已完成") == true)
    }
}
