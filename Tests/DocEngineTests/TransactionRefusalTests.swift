import BSON
import Foundation
import MongoPool
import Testing

/// Issue #9, item 13: until the engine has transactions, a write inside one is refused (IllegalOperation,
/// as a standalone mongod answers) and changes nothing, so an abort can never leave its writes behind.
@Suite("Commands: transactions are refused as on a standalone mongod")
struct TransactionRefusalTests {
    static let lsid: Document = ["id": .binary(subtype: 4, data: Array(repeating: 7, count: 16))]

    @Test func writeInsideTransactionIsRefusedAndStoresNothing() async throws {
        try await withEngine { engine in
            let variants: [Document] = [
                ["insert": "t", "documents": [["_id": 1]], "lsid": .document(Self.lsid),
                 "txnNumber": .int64(1), "startTransaction": true, "autocommit": false],
                ["insert": "t", "documents": [["_id": 2]], "lsid": .document(Self.lsid), "txnNumber": .int64(2)],
                ["insert": "t", "documents": [["_id": 3]], "autocommit": false],
                ["insert": "t", "documents": [["_id": 4]], "startTransaction": true],
            ]
            for command in variants {
                let error = await #expect(throws: MongoError.self, "\(command)") {
                    _ = try await engine.command(command)
                }
                #expect(error?.serverCode == 20, "\(command)")
                #expect(error?.message.contains("Transaction numbers are only allowed") == true)
            }
            let count = try await engine.command(["count": "t"])
            #expect(count["n"]?.integerValue == 0)
            let collections = try await engine.command(["listCollections": 1])
            #expect(collections["cursor"]?.documentValue?["firstBatch"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(arguments: ["commitTransaction", "abortTransaction"])
    func endingATransactionIsRefused(_ name: String) async throws {
        try await withEngine { engine in
            let error = await #expect(throws: MongoError.self) {
                _ = try await engine.command([name: 1, "lsid": .document(Self.lsid), "txnNumber": .int64(1),
                                              "autocommit": false], database: "admin")
            }
            #expect(error?.serverCode == 20)
            let bare = await #expect(throws: MongoError.self) {
                _ = try await engine.command([name: 1], database: "admin")
            }
            #expect(bare?.serverCode == 20)
        }
    }
}
