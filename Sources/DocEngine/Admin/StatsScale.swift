import BSON
import EngineQuery

/// The `scale` option of dbStats and collStats: sizes are divided by it (1024 for KiB…), whole bytes.
struct StatsScale {
    let factor: Int64

    init(_ fields: CommandFields) throws(EngineError) {
        let factor = try fields.integer("scale") ?? 1
        guard factor >= 1 else {
            throw EngineError(.negativeValue, "BSON field 'scale' value must be >= 1, actual value '\(factor)'")
        }
        self.factor = factor
    }

    func apply(_ bytes: Int64) -> Int64 { bytes / factor }
}
