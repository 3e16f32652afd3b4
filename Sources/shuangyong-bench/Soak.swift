import Dashboard
import Foundation
import PlanFile
import ShuangyongKit
import TerminalUI

/// The office screen left running for weeks, compressed: every cycle moves the clock on by the rotation
/// interval, ticks the kiosk model (so the view rotates, and "today" rolls over every 4,320 cycles at 20 s)
/// and renders a 200×60 frame. Every `reloadEvery` cycles the file "changes" (the plan is reloaded) and in
/// between it "breaks" once (a failed reload, then the unchanged file again), as desks and mishaps would.
///
/// Reports resident memory after a warm-up and at the end, and the time per cycle.
struct Soak {
    var cycles: Int
    var warmUp = 1_000
    var batch = 1_000
    var reloadEvery = 1_000
    var width = 200
    var height = 60
    var interval: TimeInterval = 20

    struct Result {
        var cycles: Int
        var startKB: Int
        var endKB: Int
        var medianMsPerCycle: Double
        var p90MsPerCycle: Double
        var meanMsPerCycle: Double
        var days: Int
        var rotations: Int
    }

    func run(_ name: String, plan: Plan, start: Date) -> Result {
        let theme = Theme.builtinDefault
        var model = KioskModel(state: DashboardState(plan: plan, today: plan.today(at: start), lang: .zh), interval: interval, now: start)
        var now = start
        let firstDay = model.state.today
        var rotations = 0
        var k = 0
        let broken = PlanFileError.syntax(file: "plan.json", line: 1, column: 2, message: "unexpected end")

        func cycle() {
            k += 1
            now += interval
            let before = model.position
            model.tick(now: now)
            if model.position != before { rotations += 1 }
            if k % reloadEvery == 0 {
                model.planReloaded(plan, now: now)
            } else if k % reloadEvery == reloadEvery / 2 {
                model.reloadFailed(broken, now: now)
            } else if k % reloadEvery == reloadEvery / 2 + 1 {
                model.planUnchanged(now: now)
            }
            consume(KioskScreen.render(model, width: width, height: height, theme: theme))
        }

        for _ in 0..<warmUp { cycle() }
        let startKB = memoryKB().current
        rotations = 0
        var perCycle: [Double] = []
        let clock = ContinuousClock()
        let began = clock.now
        var done = 0
        while done < cycles {
            let n = min(batch, cycles - done)
            let t = clock.now
            for _ in 0..<n { cycle() }
            perCycle.append(milliseconds(clock.now - t) / Double(n))
            done += n
        }
        let total = milliseconds(clock.now - began)
        let endKB = memoryKB().current
        perCycle.sort()
        let result = Result(cycles: cycles, startKB: startKB, endKB: endKB, medianMsPerCycle: perCycle[perCycle.count / 2],
                            p90MsPerCycle: perCycle[min(perCycle.count - 1, perCycle.count * 9 / 10)],
                            meanMsPerCycle: total / Double(cycles), days: firstDay.days(to: model.state.today), rotations: rotations)
        print(String(format: "soak %@: %d cycles (%d rotations, %d days on the clock) in %.1f s: median %.3f ms/cycle, p90 %.3f, mean %.3f",
                     name as NSString, cycles, rotations, result.days, total / 1000, result.medianMsPerCycle, result.p90MsPerCycle,
                     result.meanMsPerCycle))
        print(String(format: "soak %@: resident memory %d KB after %d warm-up cycles, %d KB at the end: growth %+d KB%@",
                     name as NSString, startKB, warmUp, endKB, endKB - startKB, endKB - startKB < 1024 ? " (under 1 MB)" : " (OVER 1 MB)"))
        return result
    }

    private func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}
