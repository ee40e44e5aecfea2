@testable import DocEngine
import Foundation

/// One run against a fresh store opened through a new `FaultVFS`: prepare the store, let `body` plan
/// faults and drive writes, cut the power, close the store, put the durable bytes back on the files and
/// return what `body` returned with the VFS (for its counters). The directory is left for `inspect`.
func withFaultyStore<T: Sendable>(
    in directory: String, tear: ((Int) -> Int)? = nil,
    _ body: (DocumentStore, FaultVFS) async throws -> T
) async throws -> (result: T, vfs: FaultVFS, torn: [String]) {
    let vfs = FaultVFS()
    let result: T
    do {
        let store = try CrashWorkload.open(directory, vfs: vfs)
        do {
            try await CrashWorkload.prepare(store)
            result = try await body(store, vfs)
        } catch {
            vfs.cutPower()
            await store.close()
            throw error
        }
        // The machine goes off after the last answer at the latest: what was acknowledged must be synced.
        vfs.cutPower()
        await store.close()
    }
    try await vfs.waitUntilClosed()
    vfs.unregister()
    let torn = try vfs.restoreDurableFiles(tear: tear)
    return (result, vfs, torn)
}
