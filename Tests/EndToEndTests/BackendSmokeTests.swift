import Foundation
import Testing

/// Checks the tmux harness itself, which the end-to-end tests of the dashboard build on.
@Suite struct BackendSmokeTests {
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func harnessShowsWideTextTypesResizesAndReportsExit() throws {
        let script = #"printf '中文ABC\n'; read line; printf 'got:%s\n' "$line"; read line; exit 7"#
        let session = try TmuxSession(command: ["sh", "-c", script], width: 80, height: 24, environment: [:])
        defer { session.kill() }

        let screen = try session.waitFor(text: "中文ABC")
        #expect(screen.split(separator: "\n").first == "中文ABC")
        #expect(session.display("#{pane_width}x#{pane_height}") == "80x24")

        session.sendLiteral("你好 -x")
        session.sendKeys("Enter")
        try session.waitFor(text: "got:你好 -x")

        session.resize(width: 100, height: 30)
        #expect(session.display("#{pane_width}") == "100")
        #expect(session.display("#{pane_height}") == "30")
        #expect(session.isRunning)
        #expect(session.exitStatus() == nil)

        session.sendKeys("Enter")
        #expect(try session.waitForExit() == 7)
        #expect(!session.isRunning)
    }
}
