import BSON
import CMongoC
import Testing
@testable import MongoPool

@Suite struct MongoErrorTests {
    func bsonError(_ domain: mongoc_error_domain_t, _ code: UInt32, _ message: String) -> bson_error_t {
        var error = bson_error_t()
        error.domain = domain.rawValue
        error.code = code
        withUnsafeMutableBytes(of: &error.message) { raw in
            let bytes = Array(message.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return error
    }

    @Test func keepsLibmongocDomainCodeAndMessage() {
        let error = MongoError(bsonError(MONGOC_ERROR_STREAM, 2, "socket error"), reply: Document())
        #expect(error.domain == MONGOC_ERROR_STREAM.rawValue)
        #expect(error.code == 2)
        #expect(error.message == "socket error")
        #expect(error.reply == nil)
        #expect(!error.isDuplicateKey && !error.isNoServerAvailable)
    }

    @Test func prefersTheFirstWriteError() throws {
        let reply = try Document(extendedJSON: """
            {"insertedCount": 1, "writeErrors": [
              {"index": 1, "code": 11000, "errmsg": "E11000 duplicate key error collection: chat.messages"},
              {"index": 2, "code": 121, "errmsg": "Document failed validation"}]}
            """)
        let error = MongoError(bsonError(MONGOC_ERROR_COMMAND, 22, "Write failed"), reply: reply)
        #expect(error.domain == MONGOC_ERROR_SERVER.rawValue)
        #expect(error.code == 11000)
        #expect(error.message.hasPrefix("E11000"))
        #expect(error.reply == reply)
        #expect(error.isDuplicateKey)
    }

    @Test func duplicateKeyIsFoundInAnyWriteError() throws {
        let reply = try Document(extendedJSON: """
            {"writeErrors": [{"index": 0, "code": 121, "errmsg": "invalid"},
                             {"index": 3, "code": 11000, "errmsg": "dup"}]}
            """)
        let error = MongoError(bsonError(MONGOC_ERROR_SERVER, 121, "invalid"), reply: reply)
        #expect(error.code == 121)
        #expect(error.isDuplicateKey)
    }

    @Test func usesTheWriteConcernErrorWhenThereAreNoWriteErrors() throws {
        let reply = try Document(extendedJSON: """
            {"ok": 1, "writeConcernError": {"code": 64, "errmsg": "waiting for replication timed out"}}
            """)
        let error = MongoError(bsonError(MONGOC_ERROR_WRITE_CONCERN, 64, "Write concern error"), reply: reply)
        #expect(error.domain == MONGOC_ERROR_WRITE_CONCERN.rawValue)
        #expect(error.code == 64)
        #expect(error.message == "waiting for replication timed out")
        #expect(!error.isDuplicateKey)
    }

    @Test func serverCommandErrorsKeepTheReply() throws {
        let reply: Document = ["ok": 0.0, "errmsg": "E11000 duplicate key", "code": 11000, "codeName": "DuplicateKey"]
        let error = MongoError(bsonError(MONGOC_ERROR_SERVER, 11000, "E11000 duplicate key"), reply: reply)
        #expect(error.isDuplicateKey)
        #expect(error.reply?["codeName"] == "DuplicateKey")
    }

    @Test func serverSelectionDomainMeansNoServerAvailable() {
        let error = MongoError(
            bsonError(MONGOC_ERROR_SERVER_SELECTION, 13053, "No suitable servers found"), reply: nil)
        #expect(error.isNoServerAvailable)
        #expect(!error.isDuplicateKey)
        #expect(!error.isPoolExhausted)
    }

    @Test func clientErrorsAreNeverMistakenForServerCodes() {
        let error = MongoError(domain: MongoError.clientDomain, code: 11000, message: "not a server error")
        #expect(!error.isDuplicateKey)
        #expect(error.clientCode == nil)
        #expect(MongoError(.poolExhausted, "busy").isPoolExhausted)
        #expect(MongoError(.clientClosed, "closed").isClientClosed)
    }

    @Test func reportedErrorsNameTheRedactedURIAndNeverThePassword() throws {
        let uri = try MongoURI("mongodb://u:Zq9Xw7@127.0.0.1:1/chat")
        let selection = MongoError(
            bsonError(MONGOC_ERROR_SERVER_SELECTION, 13053, "No suitable servers found"), reply: nil
        ).redacting(uri)
        #expect(selection.message == "No suitable servers found (uri: mongodb://u:***@127.0.0.1:1/chat)")
        let echoed = MongoError(bsonError(MONGOC_ERROR_CLIENT, 11, "Authentication failed for Zq9Xw7"), reply: nil)
            .redacting(uri)
        #expect(echoed.message == "Authentication failed for ***")
    }
}
