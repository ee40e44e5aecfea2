import BSON
import CMongoC
import NIOCore
import NIOPosix
import Testing
import WireProtocol

/// The real driver: libmongoc opens with the legacy OP_QUERY handshake, then speaks OP_MSG, sending an
/// insert's documents as a kind-1 sequence.
@Suite(.timeLimit(.minutes(1))) struct LibmongocTests {
    struct Outcome: Sendable {
        var ping: Document?
        var insert: Document?
        var error: String?
    }

    @Test func handshakePingAndInsertThroughLibmongoc() async throws {
        try await TestServer.with { server in
            let port = try #require(server.tcpAddress.port)
            // libmongoc blocks, so it runs on a thread pool thread rather than the cooperative pool.
            let outcome = try await NIOThreadPool.singleton.runIfActive { Self.pingAndInsert(port: port) }
            #expect(outcome.error == nil, "server log: \(server.logs.entries.map { "\($0.level) \($0.message) \($0.metadata)" })")
            #expect(outcome.ping?["echo"]?.documentValue?["ping"] == .int32(1))
            #expect(outcome.insert?["insertedCount"]?.integerValue == 3)

            let requests = await server.handler.log.requests
            let handshake = try #require(requests.first)
            #expect(handshake.isLegacyOpQuery)
            #expect(handshake.body["helloOk"] == .bool(true))
            #expect(handshake.body.value(atPath: "client.driver.name") == .string("mongoc"))
            let insert = try #require(requests.first { $0.body.keys.first == "insert" })
            #expect(!insert.isLegacyOpQuery)
            #expect(insert.database == "chat")
            #expect(insert.sequences["documents"]?.map { $0["n"] } == [.int32(0), .int32(1), .int32(2)])
        }
    }

    static func pingAndInsert(port: Int) -> Outcome {
        mongoc_init()
        // A loaded CI machine can take seconds to answer the handshake; a single-threaded client gives up
        // after one `connectTimeoutMS` (10 s by default) unless told to keep trying.
        let uri = "mongodb://127.0.0.1:\(port)/?serverSelectionTimeoutMS=60000&serverSelectionTryOnce=false&connectTimeoutMS=60000"
        guard let client = mongoc_client_new(uri) else {
            return Outcome(error: "mongoc_client_new refused the URI")
        }
        defer { mongoc_client_destroy(client) }
        var outcome = Outcome()
        var error = bson_error_t()

        let pingReply = bson_new()!
        let pinged = (["ping": 1] as Document).withBSONPointer {
            mongoc_client_command_simple(client, "admin", $0, nil, pingReply, &error)
        }
        outcome.ping = Document(stealing: pingReply)
        guard pinged else { return Outcome(error: "ping: \(error.messageString)") }

        let collection = mongoc_client_get_collection(client, "chat", "messages")
        defer { mongoc_collection_destroy(collection) }
        var documents: [OpaquePointer?] = (0..<3).map { n in
            (["n": .int32(Int32(n))] as Document).withBSONPointer { bson_copy($0) }
        }
        defer { documents.forEach { bson_destroy($0) } }
        let insertReply = bson_new()!
        let inserted = documents.withUnsafeMutableBufferPointer { buffer in
            mongoc_collection_insert_many(collection, buffer.baseAddress, 3, nil, insertReply, &error)
        }
        outcome.insert = Document(stealing: insertReply)
        guard inserted else { return Outcome(error: "insert: \(error.messageString)") }
        return outcome
    }
}
