import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// The office-screen mode (`shuangyong --kiosk`): the dashboard shown on a wall, rotating through views,
/// read-only, running unattended. Pure: the run loop feeds it the clock, keys and reload results and
/// draws `KioskScreen.render(self, …)`; nothing here reads the clock, the disk or the terminal.
///
/// Keys are a whitelist: Space or `p` pauses and resumes, ← → step between views (restarting the
/// interval), `q` then `y` quits. Every other key — editing keys, Enter, Ctrl-Z, Ctrl-C — does nothing:
/// a stray key press on a wall screen must not change or end it.
///
/// ```swift
/// var kiosk = KioskModel(state: DashboardState(plan: plan, today: plan.today(at: .now), lang: .zh), now: .now)
/// if kiosk.tick(now: .now) { draw(KioskScreen.render(kiosk, width: w, height: h, theme: theme)) }
/// ```
public struct KioskModel: Sendable {
    /// The views an office screen rotates through by default.
    public static let defaultRotation: [ViewID] = [.overview, .overdue, .calendar, .timeline]
    /// How long after `q` a `y` still quits.
    public static let quitWindow: TimeInterval = 5

    /// The last reload failed: why, and since when the file has been unreadable.
    public struct Problem: Equatable, Sendable {
        public var reason: String
        public var since: Date
    }

    /// The dashboard state shown (its `view` is the rotation's current view).
    public private(set) var state: DashboardState
    public let rotation: [ViewID]
    /// Seconds each view stays on.
    public let interval: TimeInterval
    /// Whether "today" follows the clock (false with `--date`).
    public let followsClock: Bool
    /// Index of the current view in `rotation`.
    public private(set) var position = 0
    /// When the current view came on (or the rotation resumed).
    public private(set) var viewStarted: Date
    public private(set) var isPaused = false
    /// The clock as of the last tick or key.
    public private(set) var now: Date
    /// When the plan shown was read from the file.
    public private(set) var lastGoodLoad: Date
    /// Set while the file is unreadable or invalid; the last good plan stays on screen.
    public private(set) var problem: Problem?
    /// When `q` was pressed, while a `y` may still confirm.
    public private(set) var quitArmedAt: Date?
    /// The big figures for the plan and day shown.
    public private(set) var figures: KioskFigures
    /// The plan's time zone (for the clock and "today").
    public private(set) var timeZone: TimeZone
    /// How many times each view has come on after its first showing: long lists show their next page
    /// each time (`DashboardState.wallTurn`), so every row comes round.
    public private(set) var turns: [ViewID: Int] = [:]

    public init(state: DashboardState, rotation: [ViewID] = KioskModel.defaultRotation, interval: TimeInterval = 20,
                now: Date, followsClock: Bool = true) {
        self.state = state
        self.state.showsSelection = false
        self.rotation = rotation.isEmpty ? KioskModel.defaultRotation : rotation
        self.interval = max(1, interval)
        self.followsClock = followsClock
        self.now = now
        viewStarted = now
        lastGoodLoad = now
        timeZone = state.plan.timeZone
        figures = KioskFigures(state: state)
        self.state.view = self.rotation[0]
        turns[self.rotation[0]] = 0
        self.state.calendarDay = self.state.today
        if followsClock { rollOver(to: state.plan.today(at: now)) }
    }

    // MARK: Reading

    public var currentView: ViewID { rotation[position] }
    public var nextView: ViewID { rotation[(position + 1) % rotation.count] }

    /// Whole seconds until the next view comes on (rounded up), 0 when due.
    public var secondsToNext: Int {
        max(0, Int((interval - now.timeIntervalSince(viewStarted)).rounded(.up)))
    }

    /// Whether `q` was pressed and `y` would quit now.
    public var isQuitArmed: Bool { quitArmedAt != nil }

    public var clock: ClockTime { ClockTime(now, in: timeZone) }

    /// Everything time-dependent a frame shows: when it changes, the screen must be redrawn.
    public struct FrameStamp: Equatable, Sendable {
        var position: Int, wallTurn: Int, paused: Bool, secondsToNext: Int, clock: ClockTime, today: Day, quitArmed: Bool, problem: Problem?
    }

    public var frameStamp: FrameStamp {
        FrameStamp(position: position, wallTurn: state.wallTurn, paused: isPaused, secondsToNext: isPaused ? 0 : secondsToNext, clock: clock,
                   today: state.today, quitArmed: isQuitArmed, problem: problem)
    }

    // MARK: Time

    /// Moves the clock to `now`: rotates when the current view's time is up (unless paused), rolls
    /// "today" over at midnight (unless fixed), lets a pending quit lapse. Returns whether the frame changed.
    @discardableResult
    public mutating func tick(now: Date) -> Bool {
        let before = frameStamp
        self.now = now
        if let armed = quitArmedAt, now.timeIntervalSince(armed) >= KioskModel.quitWindow || now < armed { quitArmedAt = nil }
        if now < viewStarted { viewStarted = now }  // the clock was set back: start the interval again
        if !isPaused {
            let due = viewStarted.addingTimeInterval(interval)
            if now >= due {
                show(position + 1)
                // Keep to the beat when ticks are a little late; after a long stall (suspend), start afresh.
                viewStarted = now.timeIntervalSince(due) < interval ? due : now
            }
        }
        if followsClock { rollOver(to: state.plan.today(at: now)) }
        return frameStamp != before
    }

    private mutating func rollOver(to day: Day) {
        guard day != state.today else { return }
        state.setToday(day)
        state.calendarDay = day
        figures = KioskFigures(state: state)
    }

    private mutating func show(_ index: Int) {
        let n = rotation.count
        position = ((index % n) + n) % n
        let view = rotation[position]
        turns[view, default: -1] += 1
        state.view = view
        state.wallTurn = max(0, turns[view] ?? 0)
    }

    // MARK: Keys

    /// Handles one key at `now`. Only `.quit` is ever returned, after `q` then `y`.
    public mutating func handle(_ key: Key, now: Date) -> [Effect] {
        switch key {
        case .resize, .mouse, .scrollUp, .scrollDown: return []  // not a key press: leaves a pending quit alone
        default: break
        }
        self.now = now
        if let armed = quitArmedAt {
            quitArmedAt = nil
            if now.timeIntervalSince(armed) < KioskModel.quitWindow, key == .char("y") || key == .char("Y") { return [.quit] }
        }
        switch key {
        case .char(" "), .char("p"), .char("P"):
            isPaused.toggle()
            if !isPaused { viewStarted = now }
        case .left:
            show(position - 1)
            viewStarted = now
        case .right:
            show(position + 1)
            viewStarted = now
        case .char("q"), .char("Q"):
            quitArmedAt = now
        default:
            break  // everything else, Ctrl-C and Ctrl-Z included, is ignored on purpose
        }
        return []
    }

    // MARK: Reloads

    /// The file changed and holds a valid plan: show it; the warning, if any, goes.
    public mutating func planReloaded(_ plan: Plan, now: Date) {
        self.now = now
        state.replacePlan(plan)
        timeZone = plan.timeZone
        lastGoodLoad = now
        problem = nil
        if followsClock { rollOver(to: plan.today(at: now)) }
        figures = KioskFigures(state: state)
    }

    /// The file is readable and the same as the plan shown (after a failure: it was restored): the
    /// warning goes. Returns whether anything changed.
    @discardableResult
    public mutating func planUnchanged(now: Date) -> Bool {
        self.now = now
        guard problem != nil else { return false }
        problem = nil
        return true
    }

    /// The file could not be read or is not a valid plan: keep showing the last good plan, with a warning.
    public mutating func reloadFailed(_ error: PlanFileError, now: Date) {
        reloadFailed(reason: error.summary(state.lang), now: now)
    }

    /// As `reloadFailed(_:now:)`, with the reason already in words.
    public mutating func reloadFailed(reason: String, now: Date) {
        self.now = now
        problem = Problem(reason: reason, since: problem?.since ?? now)
    }

    /// The banner while the file is unreadable, or nil.
    public var warningText: String? {
        guard let problem else { return nil }
        let loadDay = Day(instant: lastGoodLoad, in: timeZone)
        let time = ClockTime(lastGoodLoad, in: timeZone).text
        let when = loadDay == Day(instant: now, in: timeZone) ? time : String(loadDay.iso.dropFirst(5)) + " " + time
        return state.lang.pick("计划文件无法读取（\(problem.reason)）：显示 \(when) 载入的数据",
                               "Cannot read the plan file (\(problem.reason)): showing the data loaded at \(when)")
    }
}
