import BSON
@testable import DocEngine
import EngineQuery
import Foundation
import Logging

/// Concurrent write jobs straight into a `DocumentStore`, each inserting a few documents, and a check of
/// what a reopened store holds against what every job was told: acknowledged ⇒ all its documents are
/// there, failed ⇒ none is, nothing else is there, and every index holds exactly the entries its
/// collection's documents produce.
struct CrashWorkload: Sendable {
    static let namespace = DocEngine.CollectionNamespace(database: "crash", collection: "docs")
    static let indexNames = ["_id_", "u_1", "g_1"]

    var documentsPerJob = 3
    /// Filler per document, so a group commit spans many pages and frames.
    var padding = 600

    /// Job number → whether the store answered "ok" (true) or threw (false).
    typealias Outcomes = [Int: Bool]

    static func open(_ directory: String, vfs: FaultVFS?) throws -> DocumentStore {
        var logger = Logger(label: "test.crash")
        logger.logLevel = .critical  // failed commits are the point here, not news
        return try DocumentStore(directory: directory, readerCount: 2, logger: logger, vfs: vfs?.name)
    }

    /// Creates the collection with a unique index on `u` and a non-unique one on `g`. The writer's page
    /// cache is made small and its WAL checkpointed often, so that batches spill frames into the WAL before
    /// their COMMIT and checkpoints write the database file while jobs run (as big batches and a big WAL do
    /// in production).
    static func prepare(_ store: DocumentStore) async throws {
        try await store.write { context in
            try context.connection.execute("PRAGMA cache_size=12; PRAGMA wal_autocheckpoint=48;")
            try context.ensureCollection(namespace)
            _ = try context.addIndex(to: namespace, spec: ["v": 2, "key": ["u": 1], "name": "u_1", "unique": true])
            _ = try context.addIndex(to: namespace, spec: ["v": 2, "key": ["g": 1], "name": "g_1"])
        }
    }

    func document(job: Int, item: Int) -> Document {
        let filler = String(repeating: Character(UnicodeScalar(UInt8(97 + job % 26))), count: padding + job * 37 % 400)
        return ["_id": .string("j\(job)-\(item)"), "u": .int64(Int64(job * 1_000 + item)),
                "g": .int32(Int32(job % 7)), "pad": .string(filler)]
    }

    /// Runs one write job per number in `jobs`, all at once, and records what each was told.
    func run(_ store: DocumentStore, jobs: Range<Int>) async -> Outcomes {
        await withTaskGroup(of: (Int, Bool).self) { group in
            for job in jobs {
                group.addTask {
                    do {
                        try await store.write { context in
                            for item in 0..<documentsPerJob {
                                try context.insert(document(job: job, item: item), into: Self.namespace)
                            }
                        }
                        return (job, true)
                    } catch {
                        return (job, false)
                    }
                }
            }
            var outcomes: Outcomes = [:]
            for await (job, acknowledged) in group { outcomes[job] = acknowledged }
            return outcomes
        }
    }

    /// Runs `waves` rounds of `jobsPerWave` concurrent jobs, one round after the other, so that a crash
    /// late in the run has many acknowledged group commits behind it.
    func run(_ store: DocumentStore, waves: Int, jobsPerWave: Int) async -> Outcomes {
        var outcomes: Outcomes = [:]
        for wave in 0..<waves {
            let first = wave * jobsPerWave
            outcomes.merge(await run(store, jobs: first..<first + jobsPerWave)) { $1 }
        }
        return outcomes
    }

    /// What a store opened with the normal VFS holds.
    struct Contents: Sendable {
        var integrity = ""
        var ids: [String] = []
        var indexNames: [String] = []
        /// One line per index whose entries differ from what the documents produce.
        var indexMismatches: [String] = []
    }

    static func inspect(_ directory: String) async throws -> Contents {
        let store = try open(directory, vfs: nil)
        let contents = try await store.read { connection, catalog in
            var contents = Contents()
            let integrity = try connection.statement("PRAGMA integrity_check")
            contents.integrity = try integrity.step() ? integrity.text(0) : "no answer"
            guard let collection = catalog.collection(namespace) else { return contents }
            contents.indexNames = collection.indexes.map(\.name)

            var documents: [(rid: Int64, document: Document)] = []
            let scan = try connection.statement("SELECT rid, doc FROM \(collection.table) ORDER BY rid")
            while try scan.step() { documents.append((scan.int64(0), try scan.withBlob(1, StoredDocument.read))) }
            contents.ids = documents.map { $0.document["_id"]?.stringValue ?? "<not a string>" }

            struct Entry: Hashable { let key: [UInt8]; let rid: Int64 }
            for index in collection.indexes {
                var expected = Set<Entry>()
                for (rid, document) in documents where index.covers(document) {
                    for key in try IndexKey.keys(for: document, pattern: index.pattern) { expected.insert(Entry(key: key, rid: rid)) }
                }
                var actual = Set<Entry>()
                let entries = try connection.statement("SELECT k, rid FROM \(index.table)")
                while try entries.step() { actual.insert(Entry(key: entries.blob(0), rid: entries.int64(1))) }
                if actual != expected {
                    contents.indexMismatches.append(
                        "\(index.name): \(expected.subtracting(actual).count) entries missing, \(actual.subtracting(expected).count) extra")
                }
            }
            return contents
        }
        await store.close()
        return contents
    }

    /// Every broken promise, one line each; empty when the store kept them all.
    func problems(in contents: Contents, outcomes: Outcomes) -> [String] {
        var problems: [String] = []
        if contents.integrity != "ok" { problems.append("integrity_check: \(contents.integrity)") }
        if contents.indexNames != Self.indexNames { problems.append("indexes \(contents.indexNames)") }
        problems += contents.indexMismatches

        var present: [Int: Int] = [:]
        if Set(contents.ids).count != contents.ids.count { problems.append("duplicate _id values") }
        for id in contents.ids {
            let parts = id.dropFirst().split(separator: "-").compactMap { Int($0) }
            guard id.hasPrefix("j"), parts.count == 2, outcomes[parts[0]] != nil, (0..<documentsPerJob).contains(parts[1]) else {
                problems.append("document \(id) was never sent")
                continue
            }
            present[parts[0], default: 0] += 1
        }
        for (job, acknowledged) in outcomes.sorted(by: { $0.key < $1.key }) {
            let found = present[job, default: 0]
            if acknowledged && found != documentsPerJob {
                problems.append("job \(job) was acknowledged but \(documentsPerJob - found) of its documents are missing")
            }
            if !acknowledged && found > 0 {
                problems.append("job \(job) was told it failed but \(found) of its documents are stored")
            }
        }
        return problems
    }

    static func temporaryDirectory(_ label: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("docengine-\(label)-\(UUID().uuidString)").path
    }
}

/// SplitMix64: a small seeded generator, so every crash point and torn write is reproducible from the seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
