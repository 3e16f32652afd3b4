import Foundation
import ShuangyongKit
import TerminalUI

/// The 6 计划 view: the plan's units, sections, phases and activities, added, changed and removed through
/// wizards (a prompt or picker per field) that end in one structure edit, saved like every other.
extension DashboardApp {
    static let structureActions: Set<Action> = [.addItem, .editItem, .removeItem, .mergeUnit, .editPlanInfo]

    /// How many rows a list of the 计划 view has.
    static func count(_ list: StructureList, _ plan: Plan) -> Int {
        switch list {
        case .units: plan.units.count
        case .sections: plan.sections.count
        case .phases: plan.phases.count
        case .activities: plan.activities.count
        }
    }

    /// The id of the selected unit, section, phase or activity in the 计划 view.
    public var selectedStructureID: String? {
        let s = state, k = s.structureCursors[s.structureList.rawValue].selected
        switch s.structureList {
        case .units: return k < s.plan.units.count ? s.plan.units[k].id : nil
        case .sections: return k < s.plan.sections.count ? s.plan.sections[k].id : nil
        case .phases: return k < s.plan.phases.count ? s.plan.phases[k].id : nil
        case .activities: return k < s.plan.activities.count ? s.plan.activities[k].id : nil
        }
    }

    /// Moving in the 计划 view: between lists, and in the current one.
    mutating func structure(_ action: Action, page: Int) {
        let list = state.structureList
        switch action {
        case .previousList, .nextList:
            let n = StructureList.allCases.count
            state.structureList = StructureList(rawValue: (list.rawValue + (action == .nextList ? 1 : n - 1)) % n)!
        case .up, .down, .pageUp, .pageDown, .home, .end:
            let count = DashboardApp.count(list, state.plan)
            let d: Int = switch action {
            case .up: -1
            case .down: 1
            case .pageUp: -page
            case .pageDown: page
            case .home: -count
            default: count
            }
            state.structureCursors[list.rawValue].move(d, count: count, visible: page)
        default: break
        }
    }

    /// Add, change, remove, merge, plan info.
    mutating func performStructure(_ action: Action) -> [Effect] {
        let lang = state.lang
        if let reason = state.save.readOnlyReason {
            state.message = lang.pick("只读，不能修改：", "View-only, cannot change: ") + reason
            return []
        }
        let selected = selectedStructureID
        func goal(_ id: String?) -> Wizard.Goal {
            switch state.structureList {
            case .units: .unit(id: id)
            case .sections: .section(id: id)
            case .phases: .phase(id: id)
            case .activities: .activity(id: id)
            }
        }
        switch action {
        case .addItem: return startWizard(goal(nil))
        case .editPlanInfo: return startWizard(.planInfo)
        default: break
        }
        guard let id = selected else {
            state.message = lang.pick("先选中一项", "Select one first")
            return []
        }
        switch action {
        case .editItem:
            return startWizard(goal(id))
        case .removeItem:
            let edit: StructureEdit = switch state.structureList {
            case .units: .removeUnit(unitID: id, reassignTo: nil)
            case .sections: .removeSection(sectionID: id)
            case .phases: .removePhase(phaseID: id, moveTasksTo: nil)
            case .activities: .removeActivity(activityID: id)
            }
            state.confirmation = Confirmation(message: lang.pick("删除\(state.structureList.title(lang)) \(id)？(y/N)",
                                                                 "Remove \(state.structureList.title(lang).lowercased()) \(id)? (y/N)"),
                                              edits: [.structure(edit)])
        case .mergeUnit:
            guard state.structureList == .units else {
                state.message = lang.pick("合并只用于单位（按 ← → 切换到单位列表）", "Merging is for units (←→ to the units list)")
                return []
            }
            let options = Picker.unitOptions(state.plan.units.lazy.filter { $0.id != id })
            state.picker = Picker(purpose: .mergeInto(unitID: id), title: lang.pick("把 \(id) 并入（引用随之改为所选单位）", "Merge \(id) into (references follow)"),
                                  options: options)
        default: break
        }
        return []
    }

    /// Opens a wizard at its first field.
    mutating func startWizard(_ goal: Wizard.Goal) -> [Effect] {
        state.wizard = Wizard(goal: goal, values: Wizard.values(for: goal, in: state.plan))
        openWizardField()
        return []
    }

    /// Opens the prompt or picker of the wizard's current field, filled with its answer so far.
    mutating func openWizardField() {
        guard let w = state.wizard else { return }
        let lang = state.lang, f = w.field, value = w.values[f.key] ?? ""
        let title = lang.pick(f.zh, f.en) + "  (\(w.step + 1)/\(w.fields.count))"
        switch f.kind {
        case .units:
            let options = Picker.unitOptions(state.plan.units)
            var p = Picker(purpose: .wizard(multi: true), title: title, options: options)
            p.chosen = Set(value.split(separator: ",").map(String.init))
            state.picker = p
        case .unitKind:
            let options = UnitKind.allCases.map { Picker.Option(value: $0.rawValue, label: lang.unitKind($0), keys: $0.rawValue) }
            var p = Picker(purpose: .wizard(multi: false), title: title, options: options)
            // A new unit starts on the kind its name suggests (县人武部: 部队).
            let kind = UnitKind(rawValue: value) ?? UnitKind.guess(w.values["name"] ?? "")
            p.cursor.selected = UnitKind.allCases.firstIndex(of: kind) ?? 0
            state.picker = p
        case .text, .date, .rule, .year:
            state.prompt = Prompt(purpose: .wizard, title: title, text: value)
        }
    }

    /// The answer to the wizard's current field: on to the next field, or, after the last, the edit.
    mutating func answerWizard(_ value: String) -> [Effect] {
        guard var w = state.wizard else { return [] }
        w.values[w.field.key] = value
        w.step += 1
        if w.step < w.fields.count {
            state.wizard = w
            openWizardField()
            return []
        }
        state.wizard = nil
        return [.commit([w.edit(in: state.plan)])]
    }
}
