@testable import DocEngine
import Foundation
import Testing

/// Issue 9, item 3: a disk that fills up, fails a write or fails an fsync in the middle of group commits.
/// Whatever the writer does about it, every job it answered "ok" must be on disk after a power cut and a
/// reopen, and no job it answered "failed" may be.
@Suite("Storage: injected I/O faults keep group commit's promises")
struct FaultInjectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let failure: FaultVFS.Failure
        let point: FaultVFS.Point
        var testDescription: String { "\(failure) at \(point)" }
    }

    static let cases: [Case] = [
        Case(failure: .diskFull, point: .init(file: .wal, operation: .write, occurrence: 1)),
        Case(failure: .diskFull, point: .init(file: .wal, operation: .write, occurrence: 30)),
        Case(failure: .ioError, point: .init(file: .wal, operation: .write, occurrence: 2)),
        Case(failure: .ioError, point: .init(file: .wal, operation: .write, occurrence: 45)),
        Case(failure: .ioError, point: .init(file: .wal, operation: .sync, occurrence: 1)),
        Case(failure: .ioError, point: .init(file: .wal, operation: .sync, occurrence: 4)),
        Case(failure: .diskFull, point: .init(file: .database, operation: .write, occurrence: 1)),
        Case(failure: .ioError, point: .init(file: .database, operation: .write, occurrence: 3)),
        Case(failure: .ioError, point: .init(file: .database, operation: .sync, occurrence: 1)),
    ]

    @Test(arguments: cases)
    func acknowledgedIsDurableAndFailedIsAbsent(_ fault: Case) async throws {
        let directory = CrashWorkload.temporaryDirectory("fault")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let workload = CrashWorkload()
        let (outcomes, vfs, _) = try await withFaultyStore(in: directory) { store, vfs in
            vfs.plan(fault.failure, at: fault.point)
            // Jobs race into group commits while the fault strikes; then more jobs, after it.
            var outcomes = await workload.run(store, jobs: 0..<40)
            outcomes.merge(await workload.run(store, jobs: 40..<60)) { $1 }
            return outcomes
        }
        #expect(vfs.firedFaults.count == 1, "the fault never struck: \(vfs.firedFaults)")
        let failed = outcomes.values.filter { !$0 }.count
        print("fault \(fault.testDescription): \(vfs.firedFaults), \(outcomes.count - failed) jobs acknowledged, \(failed) failed")
        let contents = try await CrashWorkload.inspect(directory)
        let problems = workload.problems(in: contents, outcomes: outcomes)
        #expect(problems.isEmpty, "\(fault.testDescription): \(problems.joined(separator: "; "))")
    }
}
