import BSON
import Testing

@testable import EngineQuery

/// Random updates on random documents, the engine against `ReferenceUpdater`: both refuse with the same
/// code or both produce the same bytes. Fixed seeds; `EQ_SEED=<seed>` replays one.
@Suite struct UpdateDifferentialTests {
    static let paths = ["a", "b", "c", "a.b", "a.0", "a.1", "b.c", "c.0", "c.2", "a.b.c", "a.0.b", "d", "c.$[]", "a.$[].b"]
    static let operators = ["$set", "$unset", "$inc", "$mul", "$push", "$addToSet", "$pull", "$pop", "$min", "$max", "$rename"]

    static var seeds: [UInt64] {
        if let text = ProcessInfoLite.environment("EQ_SEED"), let seed = UInt64(text) { return [seed] }
        return [0x0FDA_7E01, 0x0FDA_7E02, 0x0FDA_7E03]
    }

    @Test(arguments: seeds) func engineAgreesWithTheReference(seed: UInt64) throws {
        var random = RandomBSON(rng: SeededGenerator(seed: seed))
        var mismatches = 0
        // Counted so the test fails if the generator stops producing real changes or real refusals.
        var changed = 0
        var refused = 0
        var renamed = 0
        var everyElement = 0
        for _ in 0..<5000 where mismatches < 5 {
            var document = random.topLevelDocument()
            // Arrays at "a" and "c" often, so `$[]` and position paths find something to work on.
            if random.chance(40) { document["c"] = .array((0..<random.int(0...3)).map { _ in random.value(depth: 1) }) }
            if random.chance(20) {
                document["a"] = .array((0..<random.int(1...3)).map { _ in .document(random.document(depth: 1, maxFields: 2)) })
            }
            var updates: [(path: String, op: ReferenceUpdater.Op, name: String, operand: BSONValue)] = []
            for _ in 0..<random.int(1...3) {
                var name = random.pick(Self.operators)
                let path = random.pick(Self.paths)
                // $rename refuses `$[]` paths on either side; those draws become a $set.
                if name == "$rename", path.contains("$") { name = "$set" }
                let (op, operand) = Self.operation(name, path, &random)
                updates.append((path, op, name, operand))
            }
            // An update document cannot name one path twice under one operator, so repeats are dropped.
            let unique = Self.uniqueByNameAndPath(updates)
            var grouped: [(String, Document)] = []
            for update in unique {
                if let index = grouped.firstIndex(where: { $0.0 == update.name }) {
                    grouped[index].1.append(update.path, update.operand)
                } else {
                    grouped.append((update.name, Document([(update.path, update.operand)])))
                }
            }
            let updateDocument = Document(grouped.map { ($0.0, BSONValue.document($0.1)) })

            let expected: Result<Document, ReferenceUpdater.Failure>
            do {
                expected = .success(try ReferenceUpdater.apply(unique.map { ($0.path, $0.op) }, to: document))
            } catch {
                expected = .failure(error)
            }
            let actual: Result<Document, EngineError>
            do {
                let spec = try UpdateSpec(updateDocument, arrayFilters: nil)
                actual = .success(try spec.apply(to: document, matchedArrayIndex: nil, context: UpdateContext(now: 0, isInsert: false)))
            } catch {
                actual = .failure(error)
            }
            switch (expected, actual) {
            case (.success(let want), .success(let got)) where want == got:
                if got != document { changed += 1 }
                if got != document, updateDocument.hasKey("$rename") { renamed += 1 }
                if got != document, "\(updateDocument)".contains("$[]") { everyElement += 1 }
            case (.failure(let want), .failure(let got)) where want.code == got.code:
                refused += 1
            default:
                mismatches += 1
                Issue.record("seed \(seed): \(updateDocument) on \(document): reference \(expected), engine \(actual)")
            }
        }
        #expect(changed > 900, "only \(changed) updates changed their document")
        #expect(refused > 100, "only \(refused) updates were refused")
        #expect(renamed > 30, "only \(renamed) renames changed their document")
        #expect(everyElement > 50, "only \(everyElement) `$[]` updates changed their document")
    }

    private static func uniqueByNameAndPath(
        _ updates: [(path: String, op: ReferenceUpdater.Op, name: String, operand: BSONValue)]
    ) -> [(path: String, op: ReferenceUpdater.Op, name: String, operand: BSONValue)] {
        var seen: Set<String> = []
        return updates.filter { seen.insert($0.name + " " + $0.path).inserted }
    }

    /// An operator with a random operand, as the reference and as the engine see it.
    private static func operation(
        _ name: String, _ path: String, _ random: inout RandomBSON
    ) -> (ReferenceUpdater.Op, BSONValue) {
        switch name {
        case "$rename":
            // Only valid pairs: the refusals of a bad pair would race with conflict errors.
            let parts = path.split(separator: ".")
            let targets = paths.filter { target in
                if target.contains("$") { return false }  // refused by $rename
                let other = target.split(separator: ".")
                let n = min(parts.count, other.count)
                return Array(parts.prefix(n)) != Array(other.prefix(n))
            }
            let target = random.pick(targets)
            return (.rename(to: target), .string(target))
        case "$mul":
            var v = random.number()
            if case .double(let d) = v, d.isNaN { v = .int32(2) }
            return (.mul(v), v)
        case "$set":
            let v = random.value(depth: 2)
            return (.set(v), v)
        case "$unset": return (.unset, "")
        case "$inc":
            var v = random.number()
            if case .double(let d) = v, d.isNaN { v = .int32(1) }
            return (.inc(v), v)
        case "$push":
            let v = random.value(depth: 1)
            // A document with `$each` would be the modifier form, which the reference does not model.
            return (.push(v), v)
        case "$addToSet":
            let v = random.scalar()
            return (.addToSet(v), v)
        case "$pull":
            var v = random.scalar()
            // Regexes pull by matching, not equality; the reference models equality only.
            if case .regex = v { v = .null }
            return (.pull(v), v)
        case "$pop":
            let first = random.chance(50)
            return (.pop(first: first), first ? -1 : 1)
        case "$min":
            let v = random.scalar()
            return (.min(v), v)
        default:
            let v = random.scalar()
            return (.max(v), v)
        }
    }
}
