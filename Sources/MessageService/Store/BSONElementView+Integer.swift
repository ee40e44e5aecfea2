import BSON

extension BSONElementView {
    /// The value when the element is an int64 or an int32, else nil: `seq` and `change` are written as
    /// int64, but a document edited by hand or another driver may carry a small number as int32.
    var integerValue: Int64? {
        switch type {
        case 0x12: Int64(littleEndian: value.loadUnaligned(as: Int64.self))
        case 0x10: Int64(Int32(littleEndian: value.loadUnaligned(as: Int32.self)))
        default: nil
        }
    }
}
