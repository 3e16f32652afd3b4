import Foundation
import ShuangyongKit

/// Loads and saves plan files.
public enum PlanStore {
    /// Parses and validates plan-file bytes; `file` names the source in error messages.
    public static func decode(_ bytes: [UInt8], file: String) throws(PlanFileError) -> Plan {
        try inspect(bytes, file: file).plan
    }

    /// Parses and validates plan-file bytes like `decode`, and says where the members this program does not
    /// know are: they are kept in the plan and written back in place by every save.
    public static func inspect(_ bytes: [UInt8], file: String) throws(PlanFileError) -> (plan: Plan, unknownMembers: [MemberPlace]) {
        // The common case straight from the bytes; anything it does not take is read the general way below.
        if let fast = PlanFastReader.decode(bytes) { return fast }
        let root: JSONValue
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
        }
        let (plan, problems, unknown) = PlanCodec.decodeReporting(root)
        guard let plan else { throw .invalid(file: file, problems: problems) }
        return (plan, unknown)
    }

    /// `decode`, with where the tasks are in `bytes` when the fast reader took the file (for `PlanWriter`).
    static func decodeWithLayout(_ bytes: [UInt8], file: String) throws(PlanFileError) -> (Plan, TaskLayout?) {
        if let fast = PlanFastReader.decodeWithLayout(bytes) { return (fast.plan, fast.layout) }
        return (try decode(bytes, file: file), nil)
    }

    /// `decodeWithLayout`, the layout marked `exact` when the bytes are exactly what the writer writes for
    /// the plan: a snapshot of them then lets an edit splice one task into the file (`OneTaskSave`).
    static func decodeForSnapshot(_ bytes: [UInt8], file: String) throws(PlanFileError) -> (Plan, TaskLayout?) {
        let (plan, read) = try decodeWithLayout(bytes, file: file)
        guard var layout = read else { return (plan, nil) }
        layout.exact = PlanWriter.isExact(bytes, plan, layout)
        return (plan, layout)
    }

    /// Loads and checks the plan at `path`. When `snapshots` is given (the commands pass
    /// `PlanSnapshots.standard()`), a snapshot that matches the file stands in for reading it, and a load
    /// from the file leaves a snapshot for the next run; errors are the file's either way. `detail` says how
    /// much of each task a snapshot must give back (`PlanDetail`); a plan read from the file is always whole.
    public static func load(_ path: String, snapshots: PlanSnapshots? = nil, detail: PlanDetail = .whole) throws(PlanFileError) -> Plan {
        if let plan = snapshots?.plan(for: path, detail: detail) { return plan }
        let reading = snapshots?.beginReading(path)
        let bytes = try AtomicFile.read(path)
        guard let snapshots else { return try decode(bytes, file: path) }
        let (plan, layout) = try decodeForSnapshot(bytes, file: path)
        snapshots.store(plan, layout: layout, bytes: bytes, path: path, reading: reading)
        return plan
    }

    /// Loads a plan like `load`, with the places of the members this program does not know (for `validate`).
    public static func inspect(_ path: String) throws(PlanFileError) -> (plan: Plan, unknownMembers: [MemberPlace]) {
        try inspect(try AtomicFile.read(path), file: path)
    }

    /// What `validate` reports about a plan file that loads: the plan, where the members this program does
    /// not know are, and the notices (`PlanValidation.notices`, plus each unit whose `kind` is missing and
    /// was taken as `other` by the codec). Throws like `load` when the file is not a valid plan.
    public static func check(_ path: String) throws(PlanFileError) -> (plan: Plan, unknownMembers: [MemberPlace], notices: [PlanProblem]) {
        let bytes = try AtomicFile.read(path)
        let (plan, unknown) = try inspect(bytes, file: path)
        var notices: [PlanProblem] = []
        if case let .array(units)? = (try? JSONReader.parse(bytes))?["units"] {
            for (k, u) in units.enumerated() where u["kind"] == nil {
                var id: String?
                if case let .string(s)? = u["id"] { id = s }
                notices.append(PlanProblem(path: "units[\(k)].kind", id: id, message: "no kind: taken as \"other\" (give one of: "
                    + UnitKind.allCases.map(\.rawValue).joined(separator: ", ") + ")"))
            }
        }
        return (plan, unknown, notices + PlanValidation.notices(in: plan))
    }

    /// The exact bytes a plan is saved as: the same plan always gives the same bytes.
    public static func encode(_ plan: Plan) -> [UInt8] {
        PlanWriter.bytes(plan)
    }

    /// The backup kept beside a plan file: `plan.json` → `plan.json.bak`.
    public static func backupPath(for path: String) -> String { path + ".bak" }

    /// Saves atomically, keeping the previous version as `<path>.bak` (beside the real file when `path`
    /// is a symbolic link, which stays a link).
    public static func save(_ plan: Plan, to path: String, fault: AtomicFile.Fault? = nil) throws(PlanFileError) {
        try AtomicFile.write(encode(plan), to: path, backup: backupPath(for: AtomicFile.resolvingSymlink(path)), fault: fault)
    }
}
