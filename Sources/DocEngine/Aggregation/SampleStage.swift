import BSON
import EngineQuery

/// `$sample: {size: n}`: n documents chosen uniformly at random (all of them when there are fewer), by
/// reservoir sampling, so memory holds n documents whatever the input size.
struct SampleStage: Sendable {
    let size: Int

    init(_ spec: BSONValue) throws(EngineError) {
        guard case .document(let options) = spec else {
            throw EngineError(.sampleNotObject, "the $sample stage specification must be an object")
        }
        var size: Int?
        for (key, value) in options.elements {
            guard key == "size" else { throw EngineError(.sampleUnknownOption, "unrecognized option to $sample: \(key)") }
            let number: Double? = if case .decimal128(let d) = value { d.approximateDouble } else { value.doubleValue }
            guard let number, let n = Int64(exactly: number.rounded(.towardZero)) else {
                throw EngineError(.sampleSizeNotNumber, "size argument to $sample must be a number")
            }
            guard n >= 0 else { throw EngineError(.sampleSizeNegative, "size argument to $sample must not be negative") }
            size = Int(clamping: n)
        }
        guard let size else { throw EngineError(.sampleWithoutSize, "$sample stage must specify a size") }
        self.size = size
    }
}

/// The reservoir: after `seen` documents, each has been kept with probability size/seen.
struct SampleState {
    let size: Int
    private(set) var kept: [Document] = []
    private(set) var bytes = 0
    private var seen = 0

    init(size: Int) { self.size = size }

    mutating func add(_ document: Document) {
        seen += 1
        if kept.count < size {
            kept.append(document)
            bytes += document.byteCount
            return
        }
        let slot = Int.random(in: 0..<seen)
        guard slot < size else { return }
        bytes += document.byteCount - kept[slot].byteCount
        kept[slot] = document
    }

    /// The sample in random order, as MongoDB returns it.
    var result: [Document] { kept.shuffled() }
}
