import BSON
import FuzzSupport
import WireProtocol

/// Seeds for FuzzCommands: short command scripts covering every command the engine answers, msgsvc's own
/// usage (its indexes, inserts and paging queries), each wire option, and raw bytes for the socket.
enum CommandSeeds {
    static var all: [(String, [UInt8])] {
        [
            ("hello", script(["hello": 1, "$db": "admin"])),
            ("legacy-ismaster", script(["isMaster": 1, "helloOk": true], options: .opQuery)),
            ("ping-buildinfo-listdatabases", script(["ping": 1], ["buildInfo": 1], ["listDatabases": 1, "nameOnly": true],
                                                    ["endSessions": [["id": .binary(subtype: 4, data: Array(0..<16))]]])),
            ("create-list-drop", script(["create": "c"], ["listCollections": 1, "filter": ["name": "c"]], ["drop": "c"],
                                        ["dropDatabase": 1])),
            ("insert-find-count", script(
                ["insert": "t", "documents": [["_id": 1, "x": 1], ["_id": 2, "x": "two"], ["x": [1, 2, 3]]]],
                ["find": "t", "filter": ["x": ["$gt": 0]], "sort": ["_id": -1], "projection": ["x": 1], "skip": 0,
                 "limit": 2],
                ["count": "t", "query": ["x": ["$exists": true]]])),
            ("insert-sequence", script(["insert": "t", "documents": [["_id": 1], ["_id": 2]], "ordered": false],
                                       options: .documentSequence)),
            ("unique-index-duplicate", script(
                ["createIndexes": "t", "indexes": [["key": ["a": 1, "b": -1], "name": "a_1_b_-1", "unique": true]]],
                ["insert": "t", "documents": [["a": 1, "b": 1], ["a": 1, "b": 1]], "ordered": false],
                ["listIndexes": "t"], ["dropIndexes": "t", "index": "a_1_b_-1"], ["deleteIndexes": "t", "index": "*"])),
            ("cursor-getmore-kill", script(
                ["insert": "t", "documents": [["_id": 1], ["_id": 2], ["_id": 3]]],
                ["find": "t", "batchSize": 1],
                ["getMore": .int64(0), "collection": "t", "batchSize": 1],
                ["killCursors": "t", "cursors": [.int64(0)]])),
            ("aggregate", script(
                ["insert": "t", "documents": [["g": "a", "n": 1], ["g": "b", "n": 2], ["g": "a", "n": 3]]],
                ["aggregate": "t", "pipeline": [
                    ["$match": ["n": ["$gte": 1]]], ["$group": ["_id": "$g", "total": ["$sum": "$n"],
                                                                "avg": ["$avg": "$n"], "first": ["$first": "$n"]]],
                    ["$sort": ["total": -1]], ["$project": ["total": 1]], ["$skip": 0], ["$limit": 5],
                ], "cursor": [:]],
                ["aggregate": "t", "pipeline": [["$count": "n"]], "cursor": ["batchSize": 0]])),
            ("explain", script(
                ["createIndexes": "t", "indexes": [["key": ["x": 1], "name": "x_1"]]],
                ["explain": ["find": "t", "filter": ["x": ["$in": [1, 2]]], "sort": ["x": 1]],
                 "verbosity": "executionStats"])),
            ("checksum", script(["insert": "t", "documents": [["_id": 1]]], ["find": "t"], options: .checksum)),
            ("more-to-come", script(["insert": "t", "documents": [["_id": 1]]], ["find": "t"], options: .moreToCome)),
            ("filter-operators", script(
                ["insert": "t", "documents": [["a": [1, 2], "s": "abc", "n": 5, "d": ["e": 1]]]],
                ["find": "t", "filter": [
                    "$and": [["a": ["$all": [1, 2]]], ["a": ["$size": 2]], ["a": ["$elemMatch": ["$gt": 1]]]],
                    "$or": [["s": ["$regex": "^a", "$options": "i"]], ["s": .regex(pattern: "c$", options: "")]],
                    "$nor": [["n": ["$mod": [2, 0]]]], "n": ["$not": ["$lt": 0], "$nin": [1, 2], "$type": "int"],
                    "d.e": ["$eq": 1, "$ne": 2, "$lte": 1], "missing": ["$exists": false],
                    "bits": ["$bitsAllClear": 0],
                ]])),
            ("messages", messages),
            ("extreme-numbers", extremeNumbers),
            ("transactions", script(
                ["insert": "t", "documents": [["_id": 1]], "lsid": ["id": .binary(subtype: 4, data: Array(0..<16))],
                 "txnNumber": .int64(1), "startTransaction": true, "autocommit": false],
                ["commitTransaction": 1, "txnNumber": .int64(1), "autocommit": false, "$db": "admin"],
                ["abortTransaction": 1, "$db": "admin"],
                ["count": "t"])),
            ("raw-hello-then-partial-frame", CommandInput.bytes(raw: FrameSeeds.msg(["hello": 1, "$db": "admin"])
                + Array(FrameSeeds.msg(["ping": 1, "$db": "admin"]).prefix(20)))),
            ("raw-garbage", CommandInput.bytes(raw: Array("GET / HTTP/1.1\r\n\r\n".utf8))),
        ]
    }

    /// What msgsvc itself does: its two indexes, a posted message, a retried client_id, a page query.
    static var messages: [UInt8] {
        script(
            ["createIndexes": "messages", "indexes": [
                ["key": ["room_id": 1, "timestamp": 1, "_id": 1], "name": "room_id_1_timestamp_1__id_1"],
                ["key": ["room_id": 1, "client_id": 1], "name": "room_id_1_client_id_1", "unique": true,
                 "partialFilterExpression": ["client_id": ["$exists": true]]],
            ]],
            ["insert": "messages", "documents": [.document(BSONSeeds.message)]],
            ["insert": "messages", "documents": [.document(BSONSeeds.message.removing("_id"))]],
            ["find": "messages", "filter": [
                "room_id": "general", "timestamp": ["$gte": .datetime(0), "$lte": .datetime(1_800_000_000_000)],
                "$and": [["$or": [["timestamp": ["$gt": .datetime(0)]], ["_id": ["$gt": .objectId(BSONSeeds.oid)]]]]],
            ], "sort": ["timestamp": -1, "_id": -1], "limit": 51])
    }

    /// Numeric options at the edges of their types (issue #9): each must be answered, never trap.
    static var extremeNumbers: [UInt8] {
        let values: [BSONValue] = [
            .int64(.min), .int64(.max), .int32(.min), .int32(.max), .int32(-1), .int64(-1),
            .double(.nan), .double(.infinity), .double(-.infinity), .double(1e300), .double(-1e300),
            .double(9.3e18), .double(-0.0), .double(.greatestFiniteMagnitude),
        ]
        var commands: [Document] = [["insert": "t", "documents": [["_id": 1, "x": 1], ["_id": 2, "x": 2]]]]
        for value in values {
            commands.append(["find": "t", "sort": ["x": 1], "skip": value, "limit": value])
            commands.append(["find": "t", "batchSize": value, "limit": .int64(.max), "skip": .int64(.max)])
            commands.append(["count": "t", "limit": value, "skip": value])
            commands.append(["count": "t", "limit": value, "skip": .int64(.max)])
            commands.append(["getMore": value, "collection": "t", "batchSize": value])
            commands.append(["aggregate": "t", "pipeline": [["$sort": ["x": 1]], ["$skip": value], ["$limit": value]],
                             "cursor": ["batchSize": value]])
        }
        return CommandInput.bytes(options: [], commands: commands)
    }

    static func script(_ commands: Document..., options: CommandInput.Options = []) -> [UInt8] {
        CommandInput.bytes(options: options, commands: commands)
    }
}
