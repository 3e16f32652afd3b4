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
    /// The views an office screen rotates through in an ordinary month.
    public static let defaultRotation: [KioskPage] = [.overview, .overdue, .calendar, .timeline]
    /// In an inspection month (an activity of kind inspection in it): overdue by unit and the units' ranking first.
    public static let inspectionRotation: [KioskPage] = [.overdue, .ranking, .overview, .calendar, .timeline]
    /// In the activity month (双拥活动月: an activity of kind campaign covering the whole month): the
    /// calendar with the month's activities first.
    public static let activityMonthRotation: [KioskPage] = [.calendar, .overview, .overdue, .ranking, .timeline]
    /// How long after `q` a `y` still quits.
    public static let quitWindow: TimeInterval = 5

    /// The last reload failed: why, and since when the file has been unreadable.
    public struct Problem: Equatable, Sendable {
        public var reason: String
        public var since: Date
    }

    /// The dashboard state shown (its `view` is the rotation's current view).
    public private(set) var state: DashboardState
    /// The pages in turn: the rotation of the month's season (`season`), or the one given.
    public private(set) var rotation: [KioskPage]
    /// The rotation given at the start, kept whatever the month; nil: it follows the plan's calendar.
    public let fixedRotation: [KioskPage]?
    /// What the month of today is for the office (inspection, activity month, ordinary).
    public private(set) var season: KioskSeason
    /// `--redact`: the plan shown has no people's names (`Plan.redacted`).
    public let redacts: Bool
    /// When the plan file was last saved (its modification time), for the stamp; nil: not known.
    public private(set) var savedAt: Date?
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
    public private(set) var turns: [KioskPage: Int] = [:]

    /// `rotation`: the pages in turn whatever the month (nil: follow the plan's calendar); `savedAt`: when the
    /// plan file was last saved; `redacts`: show no people's names. A state with `pastDay` shows that past
    /// day's plan, and a reloaded plan is taken back to that day too.
    public init(state: DashboardState, rotation: [KioskPage]? = nil, interval: TimeInterval = 20,
                now: Date, followsClock: Bool = true, savedAt: Date? = nil, redacts: Bool = false) {
        self.state = state
        self.state.showsSelection = false
        self.redacts = redacts
        if redacts { self.state.replacePlan(state.plan.redacted()) }
        self.savedAt = savedAt
        fixedRotation = rotation.map { $0.isEmpty ? KioskModel.defaultRotation : $0 }
        season = KioskSeason(state)
        self.rotation = fixedRotation ?? season.rotation
        self.interval = max(1, interval)
        self.followsClock = followsClock
        self.now = now
        viewStarted = now
        lastGoodLoad = now
        timeZone = state.plan.timeZone
        figures = KioskFigures(state: self.state)
        self.state.view = self.rotation[0].view ?? .overview
        turns[self.rotation[0]] = 0
        self.state.calendarDay = self.state.today
        if followsClock { rollOver(to: state.plan.today(at: now)) }
    }

    // MARK: Reading

    public var currentView: KioskPage { rotation[position] }
    public var nextView: KioskPage { rotation[(position + 1) % rotation.count] }

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
        var stamp: String?
    }

    public var frameStamp: FrameStamp {
        FrameStamp(position: position, wallTurn: state.wallTurn, paused: isPaused, secondsToNext: isPaused ? 0 : secondsToNext, clock: clock,
                   today: state.today, quitArmed: isQuitArmed, problem: problem, stamp: stampText)
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
        followCalendar()
    }

    private mutating func show(_ index: Int) {
        let n = rotation.count
        position = ((index % n) + n) % n
        let page = rotation[position]
        turns[page, default: -1] += 1
        if let view = page.view { state.view = view }
        state.wallTurn = max(0, turns[page] ?? 0)
    }

    /// Takes the rotation of the month's season (unless one was given); when it changes, starts again at
    /// its lead page.
    private mutating func followCalendar() {
        season = KioskSeason(state)
        guard fixedRotation == nil, season.rotation != rotation else { return }
        rotation = season.rotation
        show(0)
        viewStarted = now
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
    /// The file changed and holds a valid plan: show it (as it stood on the past day, without names, when
    /// so asked); the warning, if any, goes. `savedAt`: the file's modification time, when known.
    public mutating func planReloaded(_ plan: Plan, now: Date, savedAt: Date? = nil) {
        self.now = now
        if let savedAt { self.savedAt = savedAt }
        var shown = state.pastDay.map { plan.asOf($0) } ?? plan
        if redacts { shown = shown.redacted() }
        state.replacePlan(shown)
        timeZone = plan.timeZone
        lastGoodLoad = now
        problem = nil
        if followsClock { rollOver(to: plan.today(at: now)) }
        figures = KioskFigures(state: state)
        followCalendar()
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

    /// The banner while the file is unreadable, else the past view's title (`--as-of`), or nil.
    public var warningText: String? {
        guard let problem else { return state.pastDay.map { DashboardState.pastViewTitle($0, state.lang) } }
        let loadDay = Day(instant: lastGoodLoad, in: timeZone)
        let time = ClockTime(lastGoodLoad, in: timeZone).text
        let when = loadDay == Day(instant: now, in: timeZone) ? time : String(loadDay.iso.dropFirst(5)) + " " + time
        return state.lang.pick("计划文件无法读取（\(problem.reason)）：显示 \(when) 载入的数据",
                               "Cannot read the plan file (\(problem.reason)): showing the data loaded at \(when)")
    }
}
