import Foundation
import Testing
import TestFixtures
import PlanFile

/// The error a commit threw (nil when it succeeded; a non-sync error is a test failure).
func syncError(_ body: () throws -> Void) -> PlanSyncError? {
    do {
        try body()
        return nil
    } catch let error as PlanSyncError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}
