import BSON
import Testing

@testable import EngineQuery

/// Randomized comparison of the engine against the plain reference models in this test target, over
/// thousands of generated documents of mixed types. Failures name the seed; rerun one seed with
/// `EQ_SEED=<seed> swift test --filter DifferentialTests`.
@Suite struct DifferentialTests {
    static let paths = ["a", "b", "a.b", "a.0", "a.1", "b.a", "a.b.c", "c.0.a", "a.0.b", "b.1", "c"]

    /// Records at most a few mismatches per test so one bug does not flood the log.
    struct Mismatches {
        let seed: UInt64
        private(set) var count = 0

        mutating func record(_ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
            count += 1
            if count <= 5 { Issue.record("seed \(seed): \(message())", sourceLocation: sourceLocation) }
        }
    }

    /// Operands come from the same pools as document values, without regexes and undefined (which
    /// filters treat specially or reject).
    private static func operand(_ random: inout RandomBSON) -> BSONValue {
        var value = random.value(depth: 1)
        while case .regex = value { value = random.scalar() }
        if case .undefined = value { value = .null }
        return value
    }

    private static func predicate(_ random: inout RandomBSON, depth: Int) -> ReferencePredicate {
        switch random.int(0...11) {
        case 0, 1: return .eq(operand(&random))
        case 2: return .ne(operand(&random))
        case 3: return .gt(operand(&random))
        case 4: return .gte(operand(&random))
        case 5: return .lt(operand(&random))
        case 6: return .lte(operand(&random))
        case 7: return .isIn((0..<random.int(0...4)).map { _ in operand(&random) })
        case 8: return .notIn((0..<random.int(0...3)).map { _ in operand(&random) })
        case 9: return .exists(random.chance(50))
        case 10 where depth > 0: return .not(predicate(&random, depth: depth - 1))
        default:
            guard depth > 0 else { return .eq(operand(&random)) }
            return .both(predicate(&random, depth: 0), predicate(&random, depth: 0))
        }
    }

    private static func filter(_ random: inout RandomBSON, depth: Int) -> ReferenceFilter {
        let leaf = { (random: inout RandomBSON) -> ReferenceFilter in
            .field(random.pick(paths), predicate(&random, depth: 1), implicit: random.chance(50))
        }
        guard depth > 0 else { return leaf(&random) }
        let children = { (random: inout RandomBSON) in
            (0..<random.int(1...3)).map { _ in filter(&random, depth: depth - 1) }
        }
        switch random.int(0...6) {
        case 0: return .and(children(&random))
        case 1: return .or(children(&random))
        case 2: return .nor(children(&random))
        case 3:
            var used: Set<String> = []
            var fields: [ReferenceFilter] = []
            for _ in 0..<random.int(1...3) {
                let path = random.pick(paths)
                if used.insert(path).inserted {
                    fields.append(.field(path, predicate(&random, depth: 1), implicit: random.chance(50)))
                }
            }
            return .fields(fields)
        default: return leaf(&random)
        }
    }

    @Test(arguments: SeededGenerator.testSeeds)
    func filterMatchingAgreesWithReference(seed: UInt64) throws {
        var random = RandomBSON(rng: SeededGenerator(seed: seed))
        var mismatches = Mismatches(seed: seed)
        let documents = (0..<150).map { _ in random.topLevelDocument() }
        var matchedSomething = 0
        for _ in 0..<250 {
            let reference = Self.filter(&random, depth: 2)
            let filter = try Filter(reference.document)
            for document in documents {
                let expected = reference.matches(document)
                if expected { matchedSomething += 1 }
                if filter.matches(document) != expected {
                    mismatches.record("filter \(reference) on \(document): expected \(expected)")
                }
            }
        }
        // The generator must produce both outcomes often, or the comparison proves little.
        #expect(matchedSomething > 1000 && matchedSomething < 150 * 250 - 1000, "seed \(seed)")
    }

    @Test(arguments: SeededGenerator.testSeeds)
    func orderAndIndexKeysAgreeWithReference(seed: UInt64) {
        var random = RandomBSON(rng: SeededGenerator(seed: seed))
        var mismatches = Mismatches(seed: seed)
        var equalPairs = 0
        for _ in 0..<6000 {
            // A quarter of the pairs are equal values written differently, to test equal encodings.
            let a = random.chance(50) ? random.number() : random.value(depth: 2)
            let b = random.chance(25) ? random.equalTwin(of: a) : random.chance(50) ? random.number() : random.value(depth: 2)
            let expected = ReferenceOrder.compare(a, b)
            if expected == 0 { equalPairs += 1 }
            let actual = BSONOrder.compare(a, b)
            if actual != expected { mismatches.record("compare(\(a), \(b)) = \(actual), expected \(expected)") }

            let keyA = IndexKey.encode(a)
            let keyB = IndexKey.encode(b)
            if ReferenceOrder.bytes(keyA, keyB) != expected {
                mismatches.record("key order of \(a) and \(b) disagrees with \(expected)")
            }
            if keyA.first != IndexKey.typeTag(of: a) { mismatches.record("\(a) does not start with its tag") }
            let descA = IndexKey.encode([a], ascending: [false])
            let descB = IndexKey.encode([b], ascending: [false])
            if ReferenceOrder.bytes(descA, descB) != -expected {
                mismatches.record("descending key order of \(a) and \(b) is not reversed")
            }

            // Compound keys compare as tuples, whatever the directions.
            let c = random.value(depth: 1)
            let d = random.value(depth: 1)
            let directions = [random.chance(50), random.chance(50)]
            let first = ReferenceOrder.compare(a, b) * (directions[0] ? 1 : -1)
            let second = ReferenceOrder.compare(c, d) * (directions[1] ? 1 : -1)
            let tuple = first != 0 ? first : second
            let compound = ReferenceOrder.bytes(
                IndexKey.encode([a, c], ascending: directions), IndexKey.encode([b, d], ascending: directions))
            if compound != tuple { mismatches.record("compound key ([\(a), \(c)] vs [\(b), \(d)]) \(directions)") }
        }
        #expect(equalPairs > 1000, "seed \(seed): too few equal pairs to test equal encodings")
    }

    @Test(arguments: SeededGenerator.testSeeds)
    func sortOrderAgreesWithReference(seed: UInt64) throws {
        var random = RandomBSON(rng: SeededGenerator(seed: seed))
        var mismatches = Mismatches(seed: seed)
        // Distinct ids let sorted output be mapped back to positions; sort paths never reach "id".
        let documents = (0..<200).map { random.topLevelDocument().appending("id", .int32(Int32($0))) }
        for _ in 0..<40 {
            var keys: [(String, Bool)] = []
            for _ in 0..<random.int(1...2) { keys.append((random.pick(Self.paths), random.chance(50))) }
            if keys.count == 2 && keys[0].0 == keys[1].0 { keys.removeLast() }
            let spec = try SortSpec(Document(keys.map { ($0.0, BSONValue.int32($0.1 ? 1 : -1)) }))
            let referenceKeys = documents.map { doc in keys.map { ReferenceSortKeys.sortValue(doc, $0.0, ascending: $0.1) } }
            func expected(_ i: Int, _ j: Int) -> Int {
                for (k, key) in keys.enumerated() {
                    let c = ReferenceSortKeys.compare(referenceKeys[i][k], referenceKeys[j][k])
                    if c != 0 { return key.1 ? c : -c }
                }
                return 0
            }
            for _ in 0..<200 {
                let i = random.int(0...(documents.count - 1))
                let j = random.int(0...(documents.count - 1))
                let actual = spec.compare(documents[i], documents[j])
                if actual != expected(i, j) {
                    mismatches.record("sort \(keys) of \(documents[i]) vs \(documents[j]) = \(actual)")
                }
            }
            let sorted = spec.sorted(documents).map { Int($0["id"]!.integerValue!) }
            for (x, y) in zip(sorted, sorted.dropFirst()) where expected(x, y) > 0 {
                mismatches.record("sorted output out of order for \(keys): \(documents[x]) before \(documents[y])")
            }
        }
    }

    @Test(arguments: SeededGenerator.testSeeds)
    func singleFieldIndexKeysAgreeWithReference(seed: UInt64) throws {
        var random = RandomBSON(rng: SeededGenerator(seed: seed))
        var mismatches = Mismatches(seed: seed)
        for _ in 0..<1500 {
            let document = random.topLevelDocument()
            let path = random.pick(Self.paths)
            let ascending = random.chance(50)
            let keys = try IndexKey.keys(for: document, pattern: KeyPattern([path: ascending ? 1 : -1]))
            let expected = Set(ReferenceSortKeys.values(document, path).map {
                IndexKey.encode([$0.indexed], ascending: [ascending])
            })
            if Set(keys) != expected || keys.count != expected.count {
                mismatches.record("keys of \(document) on \(path): \(keys.count) keys, expected \(expected.count)")
            }
        }
    }
}
