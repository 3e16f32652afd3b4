/// Semantic roles a view draws with. Themes map each role to a `Style`; views never name colours.
public enum Role: String, CaseIterable, Sendable {
    case base            // the screen background and ordinary text
    case muted           // secondary text: dates, ids, hints
    case titleBar        // the top bar
    case tabActive       // the current view's tab
    case tabInactive
    case footer          // the key-hint bar
    case footerKey       // a key inside the footer
    case header          // table headers and box titles
    case border          // box lines
    case selection       // the selected row
    case overdue         // past its due day: the red light
    case behind          // behind 序时进度 (expected progress): the yellow light
    case dueSoon         // due within the next days (7 by default)
    case onTrack         // on track, nothing late: the green light
    case done            // finished tasks, met targets, completion gauges
    case progressFilled  // gauge, filled part
    case progressEmpty   // gauge, empty part
    case today           // the today marker and today's calendar cell
    case weekend         // weekend days in the calendar
    case festival        // lunar festivals
    case activity        // activities in calendar and lists
    case phaseBar        // phase bars in the timeline
    case warning         // banners: read-only, reload failed
    case error           // error messages
    case bigText         // the office-screen clock and figures
}

/// A named set of styles for every role.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// Names roles had before they were named by meaning, still accepted in theme files.
    public static let formerRoleNames: [String: Role] = ["red": .overdue, "yellow": .behind, "green": .onTrack, "blue": .dueSoon]

    public subscript(role: Role) -> Style {
        styles[role] ?? styles[.base] ?? .plain
    }

    /// The same theme with every colour mapped to the 8 basic colours.
    public var basicColors: Theme {
        Theme(name: name, styles: styles.mapValues { s in
            var t = s
            t.fg = s.fg.basic
            t.bg = s.bg.basic
            return t
        })
    }

    /// The same theme with no colours at all: attributes only (NO_COLOR, monochrome terminals).
    public var monochrome: Theme {
        Theme(name: name, styles: styles.mapValues { s in
            var t = s
            t.fg = .default
            t.bg = .default
            return t
        }.merging(Theme.monochromeEmphasis) { _, emphasis in emphasis })
    }

    /// Without colour, roles that carry meaning keep it through attributes.
    static let monochromeEmphasis: [Role: Style] = [
        .titleBar: Style(reverse: true), .tabActive: Style(bold: true, underline: true), .selection: Style(reverse: true),
        .overdue: Style(bold: true), .behind: Style(underline: true), .onTrack: Style(), .done: Style(), .today: Style(reverse: true),
        .header: Style(bold: true), .footerKey: Style(bold: true), .progressFilled: Style(),
        .warning: Style(bold: true, reverse: true), .error: Style(bold: true), .festival: Style(underline: true),
        .bigText: Style(bold: true),
    ]
}
